"""Events for the frontend, in the seed backend's data-channel protocol (docs/events.md).

The seed's React frontend listens on the topic ``agent_events`` for

* ``tool_call``: ``{"type", "data": {"id", "tool", "params", "result", "timestamp" (ms)}}``
  after each tool the agent ran;
* ``agent_ready``: ``{"type", "data": {"has_avatar"}, "timestamp"}`` once the agent (and the
  avatar, if any) can talk;
* ``summary``: ``{"type", "data": {"summary", "appointments", "preferences", "user_phone",
  "user_name", "duration_seconds", "costs"}, "timestamp"}`` when the call has ended;
* ``conversation_end``: the call is over (sent after the summary, the last message);

and sends ``{"type": "request_summary"}`` to end the call and get the summary. Every message
here also carries ``version`` and an ISO ``timestamp``; extra fields are additions the seed's
frontend ignores. Phone numbers are masked to their last two digits.

The builders are pure functions of domain objects, so any transport can send them: in a room
they go out on the data channel (``RoomEventSink``); without a room any ``EventSink``
receives them (tests and the offline demo use ``MemoryEventSink``).
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from livekit import rtc

from voice_agent.domain.costs import seed_costs
from voice_agent.domain.models import Conversation

logger = logging.getLogger(__name__)

TOPIC = "agent_events"
"""The data-channel topic of the seed's protocol, both directions."""
SCHEMA_VERSION = 2
REQUEST_SUMMARY = "request_summary"
_PHONE_ARGUMENTS = ("phone_number", "phone")
_INTERNAL_ERROR = "internal_error"


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


# --- what the frontend sends ----------------------------------------------------------------
@dataclass(frozen=True)
class ClientMessage:
    """A message from the frontend on the agent_events topic (today: ``request_summary``)."""

    type: str
    data: Mapping[str, Any]


def parse_client_message(payload: bytes, *, topic: str | None) -> ClientMessage | None:
    """The frontend's message in a data packet, or None when the packet is not one (another
    topic, not JSON, no ``type``). Like the seed, a packet without a topic is accepted."""
    if topic and topic != TOPIC:
        return None
    try:
        message = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):  # nested too deep
        return None
    if not isinstance(message, dict) or not isinstance(message.get("type"), str):
        return None
    data = message.get("data")
    return ClientMessage(type=message["type"], data=data if isinstance(data, dict) else {})


# --- what the agent sends -------------------------------------------------------------------
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


def _error_result(output: str) -> dict[str, Any]:
    """A failed tool's result as the seed sends it, ``{"error": ...}``: the kind and the
    sentence of docs/tools.md, or ``internal_error`` with the text for anything else."""
    parsed = parse_result(output)
    if isinstance(parsed, dict) and isinstance(parsed.get("error"), str):
        return {"error": parsed["error"], "message": str(parsed.get("message") or "")}
    return {"error": _INTERNAL_ERROR, "message": str(output or "")}


def with_name_told(output: str, told: str | None) -> str:
    """identify_user's ``output`` with its name as the caller may be shown it (``told``):
    the offline engine's result keeps the account's whole name, which the caller's own
    browser must not get for a number alone (``CallState.name_told``)."""
    parsed = parse_result(output)
    if not isinstance(parsed, dict) or "name" not in parsed:
        return output
    return json.dumps(parsed | {"name": told}, ensure_ascii=False, separators=(",", ":"))


def _envelope(kind: str, at: datetime, data: dict[str, Any] | None) -> dict[str, Any]:
    event: dict[str, Any] = {"type": kind, "version": SCHEMA_VERSION}
    if data is not None:
        event["data"] = data
    event["timestamp"] = at.isoformat()
    return event


def tool_call_event(
    *,
    name: str,
    arguments: str | Mapping[str, Any],
    output: str,
    is_error: bool,
    at: datetime,
    call_id: str | None = None,
) -> dict[str, Any]:
    """One tool the agent ran: the seed's ``tool_call`` (``data.timestamp`` in ms)."""
    result: Any = _error_result(output) if is_error else parse_result(output)
    return _envelope(
        "tool_call",
        at,
        {
            "id": call_id or str(uuid.uuid4()),
            "tool": name,
            "params": safe_arguments(arguments),
            "result": result,
            "status": "error" if is_error else "ok",
            "timestamp": int(at.timestamp() * 1000),
        },
    )


def agent_ready_event(*, has_avatar: bool, at: datetime) -> dict[str, Any]:
    """The agent (and its avatar, when ``has_avatar``) is ready; the greeting follows."""
    return _envelope("agent_ready", at, {"has_avatar": has_avatar})


def conversation_end_event(conversation: Conversation, *, at: datetime) -> dict[str, Any]:
    """The call is over; the last message of a call (after the summary)."""
    return _envelope(
        "conversation_end",
        at,
        {"conversation_id": str(conversation.id), "reason": conversation.end_reason},
    )


def summary_event(
    conversation: Conversation,
    *,
    at: datetime,
    user_phone: str | None = None,
    user_name: str | None = None,
) -> dict[str, Any]:
    """The call's record for the frontend, once the call has ended and its row is written.

    ``user_phone`` is masked here; the transcript is never sent (``GET /summary`` has it)."""
    appointments = [c.to_seed_json() for c in conversation.appointments_discussed]
    return _envelope(
        "summary",
        at,
        {
            "summary": conversation.summary or "",
            "appointments": [a for a in appointments if a is not None],
            "preferences": list(conversation.preferences_mentioned),
            "user_phone": mask_phone(user_phone) if user_phone else None,
            "user_name": user_name,
            "duration_seconds": int(conversation.duration_seconds or 0),
            "costs": seed_costs(conversation.cost_breakdown),
            # additions to the seed's summary
            "conversation_id": str(conversation.id),
            "room_name": conversation.room_name,
            "end_reason": conversation.end_reason,
            "appointments_discussed": [
                a.to_public_json() for a in conversation.appointments_discussed
            ],
            "transcript_turns": len(conversation.transcript),
        },
    )
