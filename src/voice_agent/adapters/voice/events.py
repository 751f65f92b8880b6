"""Events for the frontend: one message per tool call and a final summary (docs/events.md).

In a room they go out on the data channel (topic ``agent-events``); without a room any
``EventSink`` receives them (tests and the offline demo use ``MemoryEventSink``).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol

from livekit import rtc

from voice_agent.domain.models import Conversation

logger = logging.getLogger(__name__)

TOPIC = "agent-events"
SCHEMA_VERSION = 1
_PHONE_ARGUMENTS = ("phone_number", "phone")


class EventSink(Protocol):
    async def publish(self, event: dict[str, Any]) -> None: ...


class MemoryEventSink:
    """Collects events in a list."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []

    async def publish(self, event: dict[str, Any]) -> None:
        self.events.append(event)

    def of_type(self, kind: str) -> list[dict[str, Any]]:
        return [e for e in self.events if e.get("type") == kind]


class RoomEventSink:
    """Publishes each event as one reliable JSON data packet to everyone in the room."""

    def __init__(self, room: rtc.Room, *, topic: str = TOPIC) -> None:
        self._room = room
        self._topic = topic

    async def publish(self, event: dict[str, Any]) -> None:
        if not self._room.isconnected():
            logger.debug("room not connected; event dropped", extra={"event_type": event["type"]})
            return
        payload = json.dumps(event, ensure_ascii=False, separators=(",", ":"))
        await self._room.local_participant.publish_data(
            payload.encode("utf-8"), reliable=True, topic=self._topic
        )


class EventPublisher:
    """Sends events without blocking the caller; owns (and drains) the sending tasks."""

    def __init__(self, sink: EventSink) -> None:
        self._sink = sink
        self._pending: set[asyncio.Task[None]] = set()

    def emit(self, event: dict[str, Any]) -> None:
        task = asyncio.create_task(self.publish(event), name=f"agent-event-{event['type']}")
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def publish(self, event: dict[str, Any]) -> None:
        try:
            await self._sink.publish(event)
        except Exception:
            logger.warning(
                "publishing an agent event failed",
                exc_info=True,
                extra={"event_type": event.get("type")},
            )

    async def drain(self) -> None:
        while self._pending:
            await asyncio.gather(*list(self._pending), return_exceptions=True)


# --- messages -----------------------------------------------------------------------------
def mask_phone(value: str) -> str:
    """Keep only the last two digits: "9876543210" -> "********10"."""
    digits = [c for c in str(value) if c.isdigit()]
    if len(digits) <= 2:
        return "*" * len(digits)
    return "*" * (len(digits) - 2) + "".join(digits[-2:])


def safe_arguments(arguments: str | Mapping[str, Any]) -> dict[str, Any]:
    """The tool arguments as the frontend may see them: phone numbers masked."""
    if isinstance(arguments, str):
        try:
            parsed = json.loads(arguments) if arguments.strip() else {}
        except json.JSONDecodeError:
            return {}
    else:
        parsed = dict(arguments)
    if not isinstance(parsed, dict):
        return {}
    return {
        key: mask_phone(value) if key in _PHONE_ARGUMENTS and value is not None else value
        for key, value in parsed.items()
    }


def parse_result(output: str) -> Any:
    try:
        return json.loads(output)
    except (json.JSONDecodeError, TypeError):
        return output


def tool_call_event(
    *,
    name: str,
    arguments: str | Mapping[str, Any],
    output: str,
    is_error: bool,
    at: datetime,
    call_id: str | None = None,
) -> dict[str, Any]:
    return {
        "type": "tool_call",
        "version": SCHEMA_VERSION,
        "call_id": call_id,
        "name": name,
        "arguments": safe_arguments(arguments),
        "result": output if is_error else parse_result(output),
        "status": "error" if is_error else "ok",
        "timestamp": at.isoformat(),
    }


def summary_event(conversation: Conversation, *, at: datetime) -> dict[str, Any]:
    return {
        "type": "summary",
        "version": SCHEMA_VERSION,
        "conversation_id": str(conversation.id),
        "room_name": conversation.room_name,
        "summary": conversation.summary,
        "appointments_discussed": [a.to_json() for a in conversation.appointments_discussed],
        "preferences_mentioned": conversation.preferences_mentioned,
        "cost_breakdown": conversation.cost_breakdown,
        "duration_seconds": conversation.duration_seconds,
        "end_reason": conversation.end_reason,
        "transcript_turns": len(conversation.transcript),
        "timestamp": at.isoformat(),
    }
