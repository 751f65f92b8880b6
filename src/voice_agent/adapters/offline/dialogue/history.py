"""The conversation as the engine sees it, and the tools' results read back into types.

Tool results follow docs/tools.md: a JSON object on success; on an expected failure a JSON
object ``{"error": kind, "message": ...}`` whose ``kind`` names the domain error
(``voice_agent.domain.errors``). The engine tells failures apart by that kind only.
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

INTERNAL = "internal_error"
"""The kind given to a tool that crashed (LiveKit's "An internal error occurred")."""


@dataclass(frozen=True)
class UserTurn:
    """Something the caller said (or typed)."""

    text: str


@dataclass(frozen=True)
class AssistantTurn:
    """Something the agent said."""

    text: str


@dataclass(frozen=True)
class ToolCall:
    """A tool call the agent made."""

    name: str
    args: dict[str, Any] = field(default_factory=dict)
    call_id: str = ""


@dataclass(frozen=True)
class ToolResult:
    """A tool's output text (JSON on success, the error object on failure)."""

    name: str
    output: str
    is_error: bool = False
    call_id: str = ""


CALL_CONTEXT = "Call context:"
"""Prefix of the line in the agent's instructions that describes the call (see CallInfo)."""


CALLER_ID_QUESTION = "Is the number you're calling from the one on your account?"
"""Asked in the greeting of every phone call that has a caller ID, on file or not (the
engine's, and ``prompts.greeting``'s for a cloud model): a yes looks it up, as "the number
I'm calling from" does."""


@dataclass(frozen=True)
class CallInfo:
    """What the telephony layer knows about the call, stated in the agent's instructions as
    ``Call context: phone_line=yes; caller_id=+16465550177``.

    A cloud model reads the line as it is; the engine uses it to take "this number" as an
    answer, and to offer keypad entry on a phone line, or, with ``keypad`` (a browser call
    whose page has a keypad), once when it first asks for the number. It holds no name: the
    caller ID is whatever the line reports (a trunk may pass any From), so the name on file
    for it is said only to a caller who gives it, as for a number said (identify_user's
    name_confirmed)."""

    phone_line: bool = False
    caller_id: str | None = None
    keypad: bool = False

    def render(self) -> str:
        parts = [f"phone_line={'yes' if self.phone_line else 'no'}"]
        if self.keypad:
            parts.append("keypad=yes")
        if self.caller_id:
            parts.append(f"caller_id={self.caller_id}")
        return f"{CALL_CONTEXT} {'; '.join(parts)}"

    @classmethod
    def parse(cls, text: str) -> CallInfo | None:
        for line in (text or "").splitlines():
            line = line.strip()
            if not line.startswith(CALL_CONTEXT):
                continue
            fields: dict[str, str] = {}
            for part in line[len(CALL_CONTEXT) :].split(";"):
                key, _, value = part.partition("=")
                if key.strip():
                    fields[key.strip()] = value.strip()
            return cls(
                phone_line=fields.get("phone_line", "no") == "yes",
                caller_id=fields.get("caller_id") or None,
                keypad=fields.get("keypad", "no") == "yes",
            )
        return None


HistoryItem = UserTurn | AssistantTurn | ToolCall | ToolResult | CallInfo


@dataclass(frozen=True)
class ToolFailure:
    kind: str
    message: str


@dataclass(frozen=True)
class Appt:
    """One of the caller's appointments, as a tool reported it."""

    code: str
    day: date
    start: time
    status: str = "booked"
    spoken_code: str = ""

    @property
    def active(self) -> bool:
        return self.status == "booked"


def load_object(output: str) -> dict[str, Any] | None:
    """A tool output as a dict: JSON, or a Python dict repr (what str(dict) gives)."""
    text = (output or "").strip()
    if not text:
        return {}
    for loader in (json.loads, ast.literal_eval):
        try:
            value = loader(text)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            continue
        if isinstance(value, dict):
            return value
    return None


def outcome(result: ToolResult) -> dict[str, Any] | ToolFailure:
    """A tool result as data (success) or a typed failure."""
    data = load_object(result.output)
    if result.is_error:
        if isinstance(data, dict) and isinstance(data.get("error"), str):
            return ToolFailure(str(data["error"]), str(data.get("message") or ""))
        return ToolFailure(INTERNAL, result.output or "")
    if data is None:
        return ToolFailure(INTERNAL, result.output or "")
    return data


def appointment(data: Any) -> Appt | None:
    """An appointment object (docs/tools.md's ``A``) as an :class:`Appt`."""
    if not isinstance(data, dict):
        return None
    try:
        return Appt(
            code=str(data["appointment_id"]),
            day=date.fromisoformat(str(data["date"])),
            start=time.fromisoformat(str(data["time"])),
            status=str(data.get("status") or "booked"),
            spoken_code=str(data.get("spoken_code") or ""),
        )
    except (KeyError, ValueError):
        return None


def appointments(raw: Any) -> list[Appt]:
    if not isinstance(raw, list):
        return []
    return [a for a in (appointment(x) for x in raw) if a is not None]
