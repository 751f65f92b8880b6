"""The call's data channel to the page: JSON messages both ways.

Out (server to page), each a JSON object with a ``type``:

* ``agent_event``: ``{"event": {...}}``, every event the agent publishes for a frontend (the
  same objects as on the LiveKit data channel, docs/events.md), passed on as they are;
* ``transcript``: ``{"role": "user" | "assistant", "text", "final"}``, live;
* ``agent_state``: ``{"state": "listening" | "thinking" | "speaking" | ...}``;
* ``appointment``: an appointment the call booked, moved or cancelled (the record's
  ``appointments_discussed`` entry: ``action``, ``date``, ``time``, ``appointment_id`` = the
  confirmation code, ``previous_date`` / ``previous_time`` for a move);
* ``call_ended``: the call's record once written (``summary``, ``appointments_discussed``,
  ``cost_breakdown``, ``duration_seconds``, ``end_reason``, ``room_name``);
* ``expecting``: ``{"kind": "phone" | "code" | "yes_no" | ...}``, what the agent's question
  asks for (``domain.listening.Expectation``), when it changes: the page shows its keypad
  for a phone number or a confirmation code;
* ``keypad``: ``{"typed": "646", "taken": bool}``, the digits typed so far after each key
  press (``taken`` false: the press was refused), and ``typed: ""`` once they were sent.

In (page to server): ``{"type": "hangup"}`` (the seed's ``request_summary`` means the same);
``{"type": "key", "key": "5"}``, one key of the page's keypad (``0``-``9``, ``*``, ``#``:
checked, and paced, by the call's ``KeypadCollector``). Messages sent before the channel
opens wait for it.
"""

from __future__ import annotations

import json
import logging
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from aiortc import RTCDataChannel

from voice_agent.domain.models import AppointmentChange, Conversation

logger = logging.getLogger(__name__)

LABEL = "call"
MAX_QUEUED = 1000
MAX_INCOMING_BYTES = 4096
MESSAGES_PER_SECOND = 50
"""The page's pace: at most 10 keys a second reach the keypad, and a hang-up."""
MESSAGE_BURST = 100
HANGUP_TYPES = frozenset({"hangup", "request_summary"})
KEY_TYPE = "key"


class CallChannel:
    """Sends JSON messages on the page's data channel (an ``EventSink`` for agent events)."""

    def __init__(
        self,
        *,
        on_hangup: Callable[[], None] | None = None,
        on_key: Callable[[object], None] | None = None,
        on_flood: Callable[[], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``on_key`` gets the ``key`` of each ``key`` message as it came (any JSON value:
        the receiver checks it); ``on_flood`` is called once when the page sends messages
        faster than ``MESSAGES_PER_SECOND`` (after ``MESSAGE_BURST``), and every message
        after that is dropped."""
        self._channel: RTCDataChannel | None = None
        self._queued: deque[str] = deque(maxlen=MAX_QUEUED)
        self._on_hangup = on_hangup
        self._on_key = on_key
        self._on_flood = on_flood
        self._clock = clock
        self._allowance = float(MESSAGE_BURST)
        self._at = clock()
        self.flooded = False
        self.sent = 0

    def attach(self, channel: RTCDataChannel) -> None:
        if channel.label != LABEL or self._channel is not None:
            return
        self._channel = channel
        channel.on("message", self._receive)
        if channel.readyState == "open":
            self._flush()
        else:
            channel.on("open", self._flush)

    @property
    def is_open(self) -> bool:
        return self._channel is not None and self._channel.readyState == "open"

    @property
    def buffered(self) -> int:
        """Bytes sent but not yet handed to the network, plus messages still queued."""
        if self._channel is None:
            return len(self._queued)
        return int(self._channel.bufferedAmount) + len(self._queued)

    def send(self, message: dict[str, Any]) -> None:
        payload = json.dumps(message, ensure_ascii=False, separators=(",", ":"), default=str)
        if self.is_open:
            self._send(payload)
        else:
            self._queued.append(payload)

    async def publish(self, event: dict[str, Any]) -> None:
        """``EventSink``: pass the agent's event on unchanged."""
        self.send({"type": "agent_event", "event": event})

    def _send(self, payload: str) -> None:
        assert self._channel is not None
        try:
            self._channel.send(payload)
            self.sent += 1
        except Exception as exc:  # the channel closed under us: the call is ending anyway
            logger.debug("data channel send failed", extra={"error_type": type(exc).__name__})

    def _paced(self) -> bool:
        """Whether this message is within the page's pace. Each message costs aiortc's SCTP
        code about a third of a millisecond of this process's one event loop: a page
        sending thousands a second slowed every call the server was running."""
        now = self._clock()
        self._allowance = min(
            float(MESSAGE_BURST), self._allowance + (now - self._at) * MESSAGES_PER_SECOND
        )
        self._at = now
        if self._allowance >= 1.0:
            self._allowance -= 1.0
            return True
        self.flooded = True
        logger.warning("call data channel flooded: the call is ended")
        if self._on_flood is not None:
            self._on_flood()
        return False

    def _flush(self) -> None:
        while self._queued and self.is_open:
            self._send(self._queued.popleft())

    def _receive(self, data: object) -> None:
        if self.flooded or not self._paced():
            return
        if not isinstance(data, str | bytes) or len(data) > MAX_INCOMING_BYTES:
            return
        try:
            message = json.loads(data)
        except (ValueError, RecursionError):  # nested too deep: raised into aiortc's SCTP
            return  # receive path, it closed the call's DTLS transport
        if not isinstance(message, dict):
            return
        kind = message.get("type")
        if kind in HANGUP_TYPES and self._on_hangup is not None:
            self._on_hangup()
        elif kind == KEY_TYPE and self._on_key is not None:
            self._on_key(message.get("key"))


# --- messages -------------------------------------------------------------------------------
def transcript_message(role: str, text: str, *, final: bool = True) -> dict[str, Any]:
    return {"type": "transcript", "role": role, "text": text, "final": final}


def state_message(state: str) -> dict[str, Any]:
    return {"type": "agent_state", "state": state}


def appointment_message(change: AppointmentChange) -> dict[str, Any]:
    return {"type": "appointment", **change.to_json()}


def expecting_message(kind: str) -> dict[str, Any]:
    return {"type": "expecting", "kind": kind}


def keypad_message(typed: str, *, taken: bool = True) -> dict[str, Any]:
    return {"type": "keypad", "typed": typed, "taken": taken}


def started_message(*, room_name: str, conversation_id: str) -> dict[str, Any]:
    return {"type": "call_started", "room_name": room_name, "conversation_id": conversation_id}


def ended_message(conversation: Conversation) -> dict[str, Any]:
    return {
        "type": "call_ended",
        "room_name": conversation.room_name,
        "conversation_id": str(conversation.id),
        "summary": conversation.summary,
        "appointments_discussed": [a.to_json() for a in conversation.appointments_discussed],
        "cost_breakdown": conversation.cost_breakdown,
        "duration_seconds": conversation.duration_seconds,
        "end_reason": conversation.end_reason,
    }
