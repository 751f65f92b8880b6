"""The data-channel messages (docs/events.md) and the sinks that carry them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

import pytest

from voice_agent.adapters.voice.events import (
    TOPIC,
    EventPublisher,
    MemoryEventSink,
    RoomEventSink,
    mask_phone,
    safe_arguments,
    summary_event,
    tool_call_event,
)
from voice_agent.domain.models import Conversation

AT = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("phone", "masked"),
    [("9876543210", "********10"), ("+1 (987) 654-3210", "*********10"), ("12", "**")],
)
def test_mask_phone_keeps_two_digits(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


def test_tool_call_event_masks_the_phone_and_parses_the_result() -> None:
    event = tool_call_event(
        name="identify_user",
        arguments='{"phone_number": "9876543210", "name": "Sarah Johnson"}',
        output='{"status":"registered","new_user":true,"name":"Sarah Johnson","appointments":[]}',
        is_error=False,
        at=AT,
        call_id="call-1",
    )
    assert event == {
        "type": "tool_call",
        "version": 1,
        "call_id": "call-1",
        "name": "identify_user",
        "arguments": {"phone_number": "********10", "name": "Sarah Johnson"},
        "result": {
            "status": "registered",
            "new_user": True,
            "name": "Sarah Johnson",
            "appointments": [],
        },
        "status": "ok",
        "timestamp": "2026-11-25T15:00:00+00:00",
    }
    assert "9876543210" not in json.dumps(event)


def test_tool_call_event_for_an_error_carries_the_message() -> None:
    event = tool_call_event(
        name="book_appointment",
        arguments={"date": "2026-11-28", "time": "10:00"},
        output="Weekends are unavailable.",
        is_error=True,
        at=AT,
    )
    assert event["status"] == "error" and event["result"] == "Weekends are unavailable."


def test_safe_arguments_tolerates_garbage() -> None:
    assert safe_arguments("not json") == {}
    assert safe_arguments("[1, 2]") == {}
    assert safe_arguments("") == {}


def test_summary_event_has_no_transcript_text() -> None:
    conversation = Conversation(
        id=uuid4(),
        room_name="room-1",
        started_at=AT,
        summary="The caller booked an appointment.",
        transcript=[{"role": "user", "text": "my number is 9876543210"}],
        cost_breakdown={"total_cost": 0.03},
        duration_seconds=172,
        end_reason="end_conversation",
    )
    event = summary_event(conversation, at=AT)
    assert event["type"] == "summary" and event["transcript_turns"] == 1
    assert "9876543210" not in json.dumps(event)


class _Participant:
    def __init__(self) -> None:
        self.sent: list[tuple[bytes, dict[str, Any]]] = []

    async def publish_data(self, payload: bytes, **kwargs: Any) -> None:
        self.sent.append((payload, kwargs))


class _Room:
    def __init__(self, connected: bool = True) -> None:
        self.local_participant = _Participant()
        self._connected = connected

    def isconnected(self) -> bool:
        return self._connected


async def test_room_sink_publishes_reliable_json_on_the_agent_events_topic() -> None:
    room = _Room()
    await RoomEventSink(room).publish({"type": "summary", "summary": "ok"})  # type: ignore[arg-type]
    [(payload, kwargs)] = room.local_participant.sent
    assert json.loads(payload) == {"type": "summary", "summary": "ok"}
    assert kwargs == {"reliable": True, "topic": TOPIC} and TOPIC == "agent-events"


async def test_room_sink_drops_events_when_disconnected() -> None:
    room = _Room(connected=False)
    await RoomEventSink(room).publish({"type": "summary"})  # type: ignore[arg-type]
    assert room.local_participant.sent == []


async def test_publisher_survives_a_failing_sink_and_drains() -> None:
    class Broken:
        async def publish(self, event: dict[str, Any]) -> None:
            raise ConnectionError("gone")

    publisher = EventPublisher(Broken())
    publisher.emit({"type": "tool_call"})
    await publisher.drain()  # no exception escapes

    sink = MemoryEventSink()
    publisher = EventPublisher(sink)
    publisher.emit({"type": "tool_call"})
    publisher.emit({"type": "tool_call"})
    await publisher.drain()
    assert len(sink.of_type("tool_call")) == 2
