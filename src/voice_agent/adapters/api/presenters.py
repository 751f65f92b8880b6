"""Turning domain objects into the values the API shows (formatting only, no I/O)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from voice_agent.domain.listening import as_heard
from voice_agent.domain.models import Conversation
from voice_agent.domain.phone import display_phone, national_digits
from voice_agent.domain.speech import write_date


def display_phone_digits(e164: str) -> str:
    """The seed's ``user_phone``: national digits ("+19876543210" -> "9876543210")."""
    try:
        return national_digits(e164)
    except Exception:  # a malformed stored value is shown as stored, never a 500
        return e164


def pretty_phone(e164: str) -> str:
    """ "+19876543210" -> "987-654-3210", as the receptionist and the command line write it."""
    return display_phone(e164)


_SHOWN_AS_STORED = (
    "room_name",
    "summary",
    "preferences_mentioned",
    "cost_breakdown",
    "duration_seconds",
)


def call_record(conversation: Conversation) -> dict[str, Any]:
    """The fields of a call record that the summary and the staff page both show."""
    shown = {name: getattr(conversation, name) for name in _SHOWN_AS_STORED}
    user_id = conversation.user_id
    return shown | {
        "transcript": shown_transcript(conversation.transcript),
        "id": str(conversation.id),
        "user_id": str(user_id) if user_id else None,
        "appointments_discussed": [a.to_public_json() for a in conversation.appointments_discussed],
        "created_at": conversation.started_at,
    }


def shown_transcript(transcript: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A call's stored transcript as people read it: the caller's turns :func:`as_heard`
    (the staff page showed "... one four two (number unsure)", the recogniser's mark for the
    dialogue). The stored record keeps the mark."""
    return [
        turn | {"text": as_heard(turn["text"])}
        if turn.get("role") == "user" and isinstance(turn.get("text"), str)
        else turn
        for turn in transcript
    ]


def day_label(day: date) -> str:
    """E.g. "Wednesday, November 25, 2026" (the page showed "Wednesday 25 November 2026" in
    the grid, "Wed 25 Nov 2026" by the calls and "Wednesday, November 25" in its dialogs)."""
    return write_date(day)


def local_label(moment: datetime) -> str:
    """E.g. "Wednesday, November 25, 2026, 10:05 EST"."""
    return f"{write_date(moment.date())}, {moment:%H:%M %Z}"
