"""docs/events.md is the contract with the seed's frontend: each message has a JSON Schema
there. Every schema is a valid schema, every example in the document satisfies its schema,
and every message the agent sends during a real (text-mode) call satisfies its schema."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from uuid import uuid4

import jsonschema_rs
import pytest
from livekit import rtc

from voice_agent.adapters.voice.events import (
    REQUEST_SUMMARY,
    TOPIC,
    agent_ready_event,
    conversation_end_event,
    summary_event,
    tool_call_event,
)
from voice_agent.bootstrap import Container
from voice_agent.domain.models import AppointmentChange, ChangeAction, Conversation
from voice_agent.testing.calls import text_call
from voice_agent.testing.fakes import Call, Say
from voice_agent.testing.fakes.room import FakeRoom

DOC = Path(__file__).resolve().parents[4] / "docs" / "events.md"
AT = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
MESSAGES = ("agent_ready", "tool_call", "summary", "conversation_end", "request_summary")


def _blocks() -> list[tuple[str | None, str]]:
    """Every ```json block of the document, with the schema name marking it (if any)."""
    text = DOC.read_text(encoding="utf-8")
    found = []
    for match in re.finditer(r"(<!-- schema: (\w+) -->\n)?```json\n(.*?)```", text, re.S):
        found.append((match.group(2), match.group(3)))
    return found


def _schemas() -> dict[str, dict[str, Any]]:
    return {name: json.loads(body) for name, body in _blocks() if name is not None}


SCHEMAS = _schemas()
VALIDATORS = {
    name: jsonschema_rs.validator_for(schema, validate_formats=True)
    for name, schema in SCHEMAS.items()
}


def errors(message: dict[str, Any]) -> list[str]:
    """Why ``message`` breaks the schema of its type (empty when it does not)."""
    validator = VALIDATORS.get(message.get("type", ""))
    if validator is None:
        return [f"no schema for type {message.get('type')!r}"]
    return [f"{e.instance_path}: {e.message}" for e in validator.iter_errors(message)]


def test_every_message_has_a_valid_schema() -> None:
    assert sorted(SCHEMAS) == sorted(MESSAGES)
    for name, schema in SCHEMAS.items():
        assert jsonschema_rs.meta.is_valid(schema), name


def test_every_example_in_the_document_satisfies_its_schema() -> None:
    examples = [json.loads(body) for name, body in _blocks() if name is None]
    assert len(examples) >= 6
    assert {e["type"] for e in examples} == set(MESSAGES)
    for example in examples:
        assert errors(example) == [], example


def test_the_schemas_can_fail() -> None:
    # the message this project sent before it spoke the seed's protocol
    flat = {
        "type": "tool_call",
        "version": 1,
        "name": "identify_user",
        "arguments": {"phone_number": "9876543210"},
        "result": {},
        "status": "ok",
        "timestamp": "2026-11-25T10:00:00-05:00",
    }
    assert errors(flat)
    ready = agent_ready_event(has_avatar=False, at=AT)
    ready["data"]["has_avatar"] = "no"
    assert errors(ready)
    unmasked = tool_call_event(
        name="identify_user", arguments={}, output="{}", is_error=False, at=AT
    )
    unmasked["data"]["params"]["phone_number"] = "9876543210"
    assert errors(unmasked)


def _conversation() -> Conversation:
    return Conversation(
        id=uuid4(),
        room_name="room-1",
        started_at=AT,
        summary="The caller moved an appointment.",
        appointments_discussed=[
            AppointmentChange(ChangeAction.BOOKED, "def6789a", date(2026, 11, 26), time(14)),
            AppointmentChange(
                ChangeAction.RESCHEDULED,
                "k7m2p9qa",
                date(2026, 12, 1),
                time(10),
                date(2026, 11, 27),
                time(9),
            ),
            AppointmentChange(ChangeAction.CANCELLED, "abcd2345", date(2026, 11, 30), time(9)),
            AppointmentChange(ChangeAction.VIEWED, "zzzz2345", date(2026, 12, 3), time(11)),
        ],
        preferences_mentioned=["Prefers mornings"],
        transcript=[{"role": "user", "text": "hi"}],
        cost_breakdown=None,
        duration_seconds=12,
        end_reason="participant_disconnected",
    )


@pytest.mark.parametrize(
    "message",
    [
        agent_ready_event(has_avatar=True, at=AT),
        agent_ready_event(has_avatar=False, at=AT),
        tool_call_event(
            name="identify_user",
            arguments='{"phone_number": "+1 987 654 3210"}',
            output='{"status": "name_required", "message": "..."}',
            is_error=False,
            at=AT,
            call_id="c1",
        ),
        tool_call_event(
            name="cancel_appointment",
            arguments={"appointment_id": "def6789a"},
            output='{"error": "appointment_not_found", "message": "Not found."}',
            is_error=True,
            at=AT,
        ),
        tool_call_event(
            name="book_appointment",
            arguments="{broken",
            output="An internal error occurred",
            is_error=True,
            at=AT,
        ),
        summary_event(_conversation(), at=AT),
        summary_event(_conversation(), at=AT, user_phone="9876543210", user_name="Ann Lee"),
        conversation_end_event(_conversation(), at=AT),
        {"type": REQUEST_SUMMARY},
    ],
    ids=lambda m: m["type"],
)
def test_each_builder_satisfies_its_schema(message: dict[str, Any]) -> None:
    assert errors(message) == []


def _packet(message: dict[str, Any], topic: str | None = TOPIC) -> rtc.DataPacket:
    return rtc.DataPacket(
        data=json.dumps(message).encode(),
        kind=rtc.DataPacketKind.KIND_RELIABLE,
        participant=None,
        topic=topic,
    )


async def test_a_call_sends_valid_messages_and_request_summary_ends_it(
    container: Container,
) -> None:
    steps = [
        Call.one("identify_user", phone_number="9876543210", name="Sarah Johnson"),
        Say("Welcome Sarah! When would you like to come in?"),
        Call.one("book_appointment", date="2026-11-28", time="10:00"),  # a Saturday
        Say("We're closed on weekends. Would Monday work?"),
        Call.one("book_appointment", date="2026-11-30", time="10:00"),
        Say("You're booked for Monday at 10 AM."),
    ]
    room = FakeRoom()
    async with text_call(container.call_services(), steps) as (handle, _, sink):
        handle.listen(room)
        await handle.session.run(user_input="Sarah Johnson, 9876543210")
        await handle.session.run(user_input="Saturday at ten")
        await handle.session.run(user_input="Monday then")
        room.emit("data_received", _packet({"type": "chat"}, topic="lk-chat"))  # not for us
        room.emit("data_received", _packet({"type": "request_summary"}))
        conversation = await handle.wait_finished()
        assert handle.session.userdata.ending is False

    types = [e["type"] for e in sink.events]
    assert types[0] == "agent_ready" and types[-2:] == ["summary", "conversation_end"]
    assert types.count("summary") == 1 and types.count("tool_call") == 3
    for event in sink.events:
        assert errors(event) == [], event
    assert conversation.end_reason == "summary_requested"
    summary = sink.of_type("summary")[0]["data"]
    assert summary["end_reason"] == "summary_requested"
    assert summary["user_phone"] == "********10" and summary["user_name"] == "Sarah Johnson"
    assert summary["appointments"] == [
        {
            "id": summary["appointments"][0]["id"],
            "action": "booked",
            "date": "2026-11-30",
            "time": "10:00",
        }
    ]
    refused = sink.of_type("tool_call")[1]["data"]
    assert refused["status"] == "error" and refused["result"]["error"] == "weekend_unavailable"
    # the row says the same
    row = await container.store.conversations.get(conversation.id)
    assert row is not None and row.end_reason == "summary_requested"
