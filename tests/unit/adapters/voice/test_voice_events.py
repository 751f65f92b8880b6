"""The data-channel messages (docs/events.md) and the sinks that carry them."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from typing import Any
from uuid import uuid4

import pytest

from voice_agent.adapters.voice.events import (
    TOPIC,
    EventPublisher,
    MemoryEventSink,
    RoomEventSink,
    agent_ready_event,
    conversation_end_event,
    mask_phone,
    parse_client_message,
    safe_arguments,
    summary_event,
    tool_call_event,
)
from voice_agent.domain.models import AppointmentChange, ChangeAction, Conversation

AT = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("phone", "masked"),
    [("9876543210", "********10"), ("+1 (987) 654-3210", "*********10"), ("12", "**")],
)
def test_mask_phone_keeps_two_digits(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


def test_tool_call_event_is_the_seeds_message_with_the_phone_masked() -> None:
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
        "version": 2,
        "data": {
            "id": "call-1",
            "tool": "identify_user",
            "params": {"phone_number": "********10", "name": "Sarah Johnson"},
            "result": {
                "status": "registered",
                "new_user": True,
                "name": "Sarah Johnson",
                "appointments": [],
            },
            "status": "ok",
            "timestamp": 1795618800000,  # milliseconds, as JavaScript's Date takes them
        },
        "timestamp": "2026-11-25T15:00:00+00:00",
    }
    assert "9876543210" not in json.dumps(event)


def test_tool_call_event_for_an_error_carries_the_kind_and_the_sentence() -> None:
    event = tool_call_event(
        name="book_appointment",
        arguments={"date": "2026-11-28", "time": "10:00"},
        output='{"error": "weekend_unavailable", "message": "Weekends are unavailable."}',
        is_error=True,
        at=AT,
    )
    data = event["data"]
    assert data["status"] == "error"
    assert data["result"] == {
        "error": "weekend_unavailable",
        "message": "Weekends are unavailable.",
    }
    assert data["id"]  # a fresh id when the model gave none


def test_tool_call_event_for_a_crashed_tool_is_an_internal_error() -> None:
    event = tool_call_event(
        name="book_appointment",
        arguments="",
        output="An internal error occurred",
        is_error=True,
        at=AT,
    )
    assert event["data"]["result"] == {
        "error": "internal_error",
        "message": "An internal error occurred",
    }


def test_safe_arguments_tolerates_garbage() -> None:
    assert safe_arguments("not json") == {}
    assert safe_arguments("[1, 2]") == {}
    assert safe_arguments("") == {}


def _conversation(**fields: Any) -> Conversation:
    values: dict[str, Any] = {
        "id": uuid4(),
        "room_name": "room-1",
        "started_at": AT,
        "summary": "The caller booked an appointment.",
        "transcript": [{"role": "user", "text": "my number is 9876543210"}],
        "cost_breakdown": {
            "stt_cost": 0.01,
            "tts_cost": 0.0,
            "llm_cost": 0.0,
            "total_cost": 0.01,
            "currency": "USD",
            "usage": {
                "stt_audio_seconds": 103.456,
                "tts_characters": 0,
                "llm_input_tokens": 0,
                "llm_output_tokens": 0,
            },
        },
        "duration_seconds": 172,
        "end_reason": "end_conversation",
    }
    values.update(fields)
    return Conversation(**values)


def test_summary_event_is_the_seeds_summary_without_the_transcript() -> None:
    moved = AppointmentChange(
        ChangeAction.RESCHEDULED,
        "k7m2p9qa",
        date(2026, 12, 1),
        time(10),
        date(2026, 11, 27),
        time(9),
    )
    conversation = _conversation(
        appointments_discussed=[
            AppointmentChange(ChangeAction.BOOKED, "def6789a", date(2026, 11, 26), time(14)),
            moved,
            AppointmentChange(ChangeAction.CANCELLED, "abcd2345", date(2026, 11, 30), time(9)),
            AppointmentChange(ChangeAction.VIEWED, "zzzz2345", date(2026, 12, 3), time(11)),
        ],
        preferences_mentioned=["Prefers mornings"],
    )
    event = summary_event(conversation, at=AT, user_phone="9876543210", user_name="Sarah Johnson")
    assert event["type"] == "summary" and event["version"] == 2
    data = event["data"]
    assert data["appointments"] == [
        {"id": "DEF6789A", "action": "booked", "date": "2026-11-26", "time": "14:00"},
        {
            "id": "K7M2P9QA",
            "action": "modified",
            "date": "2026-12-01",
            "time": "10:00",
            "rescheduled_time": "2026-12-01 at 10:00",
            "previous_date": "2026-11-27",
            "previous_time": "09:00",
        },
        {"id": "ABCD2345", "action": "cancelled", "date": "2026-11-30", "time": "09:00"},
    ]
    # the stored list keeps what the seed's frontend does not show
    assert [a["action"] for a in data["appointments_discussed"]] == [
        "booked",
        "rescheduled",
        "cancelled",
        "viewed",
    ]
    assert data["preferences"] == ["Prefers mornings"]
    assert (data["user_phone"], data["user_name"]) == ("********10", "Sarah Johnson")
    assert data["duration_seconds"] == 172 and data["transcript_turns"] == 1
    assert data["costs"]["usage"]["stt_seconds"] == 103.46
    assert data["costs"]["total_cost"] == 0.01
    assert "9876543210" not in json.dumps(event)


def test_summary_event_of_an_anonymous_call_has_no_caller_and_zero_costs() -> None:
    data = summary_event(_conversation(cost_breakdown=None, summary=None), at=AT)["data"]
    assert data["user_phone"] is None and data["user_name"] is None
    assert data["summary"] == ""
    assert data["costs"]["total_cost"] == 0.0 and data["costs"]["usage"]["stt_seconds"] == 0.0


def test_agent_ready_and_conversation_end_events() -> None:
    assert agent_ready_event(has_avatar=True, at=AT) == {
        "type": "agent_ready",
        "version": 2,
        "data": {"has_avatar": True},
        "timestamp": "2026-11-25T15:00:00+00:00",
    }
    conversation = _conversation()
    end = conversation_end_event(conversation, at=AT)
    assert end["type"] == "conversation_end"
    assert end["data"] == {"conversation_id": str(conversation.id), "reason": "end_conversation"}


@pytest.mark.parametrize(
    ("payload", "topic", "expected"),
    [
        (b'{"type": "request_summary"}', "agent_events", "request_summary"),
        (b'{"type": "request_summary"}', None, "request_summary"),  # the seed accepts no topic
        (b'{"type": "request_summary"}', "", "request_summary"),
        (b'{"type": "request_summary"}', "chat", None),
        (b"not json", "agent_events", None),
        (b"\xff\xfe", "agent_events", None),
        (b'["request_summary"]', "agent_events", None),
        (b'{"data": {}}', "agent_events", None),
        # RecursionError, not a JSONDecodeError: livekit-rtc logged a traceback per packet
        (b"[" * 15_000, "agent_events", None),
        (b'{"a":' * 3000, None, None),
    ],
)
def test_client_messages_are_read_from_the_agent_events_topic(
    payload: bytes, topic: str | None, expected: str | None
) -> None:
    message = parse_client_message(payload, topic=topic)
    assert (message.type if message else None) == expected


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
    assert kwargs == {"reliable": True, "topic": TOPIC} and TOPIC == "agent_events"


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
