"""Summarising a call: the typed call record, the summariser port, the deterministic summary
and the call rendered as text for a summarising model."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from voice_agent.domain.codes import display_code
from voice_agent.domain.models import AppointmentChange, ChangeAction, Conversation
from voice_agent.domain.speech import join_words, say_date, say_time


@dataclass(frozen=True)
class CallRecord:
    """What a call did: its conversation row, and what the row has no column for."""

    conversation: Conversation
    registered: bool = False
    """The caller created their account during this call."""


class Summarizer(Protocol):
    async def summarize(self, record: CallRecord) -> str:
        """A few sentences describing the call; raise on failure (the fallback takes over)."""
        ...


STOPPED_BY_USER = "stopped_by_user"
"""The end reason of a call the person running it stopped (Ctrl-C on `call`, `demo`): the
command line cancels the call's task with this as the cancellation message."""

_REASONS = {
    "end_conversation": "The call ended with a goodbye.",
    "participant_disconnected": "The caller hung up.",
    "error": "The call ended because of a technical problem.",
    "job_shutdown": "The call was closed by the server.",
    STOPPED_BY_USER: "The call was stopped by the user (Ctrl-C).",
    "caller_silent": "The call was ended after the caller stopped answering.",
    "not_understood": "The call was ended because the caller's speech could not be made out.",
    "abandoned": "The call was cut off (the process running it stopped); this record holds "
    "what was saved until then.",
}


RESTART_ROLE = "restart"
"""The role of the transcript entry that marks where a call started over (someone joined with
the caller's identity: most often the caller's own browser after a failed reconnect)."""
RESTART_TEXT = "The line dropped and the call started over."


def restart_turn(conversation: Conversation, *, at: datetime) -> dict[str, Any]:
    """The transcript entry for a call starting over now: how many of the appointments and
    preferences came before it (:func:`as_caller_reads` shows the caller those after)."""
    return {
        "role": RESTART_ROLE,
        "text": RESTART_TEXT,
        "timestamp": at.isoformat(),
        "appointments_before": len(conversation.appointments_discussed),
        "preferences_before": len(conversation.preferences_mentioned),
        "identified_again": False,
    }


def as_caller_reads(conversation: Conversation) -> Conversation:
    """The record as the call's caller may read it (the summary event, ``GET /summary`` with
    their token): after the call started over, only what came after, with a summary of that
    part. Whoever joined with the caller's identity is the room's caller from then on, and
    may hold a leaked token: they were told nothing of the call before them (the agent asked
    for the number again), so its summary tells them nothing either; nor whose account it was,
    unless they gave a number again. Staff read the whole record."""
    marks = [i for i, t in enumerate(conversation.transcript) if t.get("role") == RESTART_ROLE]
    if not marks:
        return conversation
    mark = conversation.transcript[marks[-1]]
    part = dataclasses.replace(
        conversation,
        transcript=conversation.transcript[marks[-1] + 1 :],
        appointments_discussed=conversation.appointments_discussed[
            int(mark.get("appointments_before", 0)) :
        ],
        preferences_mentioned=conversation.preferences_mentioned[
            int(mark.get("preferences_before", 0)) :
        ],
        user_id=conversation.user_id if mark.get("identified_again") else None,
    )
    if conversation.summary is None:
        return part
    return dataclasses.replace(part, summary=template_summary(CallRecord(part)))


def _when(day_time: AppointmentChange) -> str:
    return f"{say_date(day_time.day)} at {say_time(day_time.start)}"


def _before(change: AppointmentChange) -> str:
    if change.previous_day is None or change.previous_start is None:
        return "its earlier time"
    return f"{say_date(change.previous_day)} at {say_time(change.previous_start)}"


class TemplateSummarizer:
    """The deterministic summary used without an LLM, or when the LLM fails."""

    async def summarize(self, record: CallRecord) -> str:
        return template_summary(record)


def template_summary(record: CallRecord) -> str:
    conversation = record.conversation
    sentences: list[str] = []
    if record.registered:
        sentences.append("A new caller registered.")
    changes = conversation.appointments_discussed
    actions = [c for c in changes if c.action is not ChangeAction.VIEWED]
    for c in actions:
        if c.action is ChangeAction.BOOKED:
            code = display_code(c.code)
            sentences.append(f"The caller booked an appointment for {_when(c)} (code {code}).")
        elif c.action is ChangeAction.RESCHEDULED:
            sentences.append(f"The caller moved an appointment from {_before(c)} to {_when(c)}.")
        elif c.action is ChangeAction.CANCELLED:
            sentences.append(f"The caller cancelled the appointment on {_when(c)}.")
    viewed = [c for c in changes if c.action is ChangeAction.VIEWED]
    if viewed and not actions:
        whens = join_words([_when(c) for c in viewed])
        sentences.append(f"The caller reviewed their appointments: {whens}.")
    if not actions and not viewed:
        user_turns = sum(1 for t in conversation.transcript if t.get("role") == "user")
        if user_turns == 0:
            sentences.append("The caller did not say anything.")
        else:
            sentences.append("No appointment was booked, changed or cancelled.")
    if conversation.preferences_mentioned:
        prefs = join_words([p[0].lower() + p[1:] for p in conversation.preferences_mentioned])
        sentences.append(f"Mentioned: {prefs}.")
    if conversation.end_reason in _REASONS:
        sentences.append(_REASONS[conversation.end_reason])
    return " ".join(sentences)


def render_for_summary(record: CallRecord, *, max_chars: int = 12_000) -> str:
    """The call as plain text for a summarisation prompt (most recent part if very long,
    from a whole line). Each turn is one line: a turn's own line breaks (an assistant talked
    into reading out a "Recorded by the system" block) made lines of the form only the
    system's facts below have."""
    conversation = record.conversation
    lines = [f"{t.get('role')}: {_one_line(t.get('text'))}" for t in conversation.transcript]
    facts = ["- the caller registered as a new patient"] if record.registered else []
    facts += [f"- {c.action.value} {_when(c)}" for c in conversation.appointments_discussed]
    if facts:
        lines += ["", "Recorded by the system:", *facts]
    text = "\n".join(lines)
    cut = text[-max_chars:]
    if len(cut) < len(text) and "\n" in cut:
        cut = cut.split("\n", 1)[1]  # not the end of a turn whose start was cut off
    return cut


def _one_line(text: object) -> str:
    """``text`` with every run of whitespace, line breaks of any kind included, as one space."""
    return " ".join(str(text).split())
