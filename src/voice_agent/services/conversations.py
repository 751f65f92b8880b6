"""Keeping a call's conversation record: transcript, appointments, preferences, summary, cost.

The record is saved as the call goes (debounced after every change) and finished exactly once,
whatever ends the call. Framework-free: the voice adapter feeds it turns and tool results.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import re
import uuid
from collections.abc import Callable, Mapping
from datetime import date, time
from typing import Any, Protocol
from uuid import UUID

from voice_agent.domain.clock import Clock
from voice_agent.domain.costs import CostBreakdown
from voice_agent.domain.models import Conversation
from voice_agent.domain.ports import ConversationRepository, ConversationSpool
from voice_agent.domain.speech import join_words, say_date, say_time

logger = logging.getLogger(__name__)

TRANSCRIPT_ROLES = ("user", "assistant")


class Summarizer(Protocol):
    async def summarize(self, conversation: Conversation) -> str:
        """A few sentences describing the call; raise on failure (the fallback takes over)."""
        ...


CostSource = CostBreakdown | Callable[[], CostBreakdown] | None


# --- pure helpers --------------------------------------------------------------------------
def appointment_changes(tool_name: str, result: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The `appointments_discussed` entries a successful tool result implies.

    Reads the tool contract's JSON (docs/tools.md): booked / rescheduled / cancelled from
    the action tools, "viewed" for active appointments a lookup returned.
    """
    status = result.get("status")
    appointment = result.get("appointment")
    if isinstance(appointment, Mapping) and status in ("booked", "rescheduled", "cancelled"):
        entry = _entry(str(status), appointment)
        previous = result.get("previous")
        if status == "rescheduled" and isinstance(previous, Mapping):
            entry["previous_date"] = previous.get("date")
            entry["previous_time"] = previous.get("time")
        return [entry]
    listed = result.get("appointments")
    if tool_name in ("identify_user", "get_user_appointments") and isinstance(listed, list):
        return [
            _entry("viewed", a)
            for a in listed
            if isinstance(a, Mapping) and a.get("status", "booked") == "booked"
        ]
    return []


def _entry(action: str, appointment: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "action": action,
        "date": appointment.get("date"),
        "time": appointment.get("time"),
        "appointment_id": appointment.get("appointment_id"),
    }


_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_PREFERENCE_CUE = re.compile(
    r"\b(prefer|preferably|rather|works? (?:best|better)|better for me|only (?:do|can)|usually)\b"
)
_TIME_OF_DAY = (
    (re.compile(r"\bmornings?\b"), "Prefers morning appointments"),
    (re.compile(r"\bafternoons?\b"), "Prefers afternoon appointments"),
    (re.compile(r"\b(lunch ?time|around noon|midday)\b"), "Prefers appointments around midday"),
    (re.compile(r"\b(early(?:er)? in the day|as early as|first thing)\b"), "Prefers early slots"),
    (re.compile(r"\b(late(?:r)? in the day|end of the day|after work)\b"), "Prefers late slots"),
)


def extract_preferences(text: str) -> list[str]:
    """Scheduling preferences a caller states in one utterance (deterministic, English)."""
    low = text.lower()
    found = [label for pattern, label in _TIME_OF_DAY if pattern.search(low)]
    if _PREFERENCE_CUE.search(low):
        for day in _WEEKDAY_NAMES:
            if re.search(rf"\b{day}s?\b", low):
                found.append(f"Prefers {day.capitalize()}s")
    return found


def _say_iso(day_text: Any, time_text: Any = None) -> str:
    try:
        day = date.fromisoformat(str(day_text))
    except ValueError:
        return str(day_text)
    spoken = say_date(day)
    if time_text:
        try:
            spoken += f" at {say_time(time.fromisoformat(str(time_text)))}"
        except ValueError:
            spoken += f" at {time_text}"
    return spoken


_REASONS = {
    "end_conversation": "The call ended with a goodbye.",
    "participant_disconnected": "The caller hung up.",
    "error": "The call ended because of a technical problem.",
    "job_shutdown": "The call was closed by the server.",
}


class TemplateSummarizer:
    """The deterministic summary used without an LLM, or when the LLM fails."""

    async def summarize(self, conversation: Conversation) -> str:
        return template_summary(conversation)


def template_summary(conversation: Conversation) -> str:
    sentences: list[str] = []
    actions = [a for a in conversation.appointments_discussed if a.get("action") != "viewed"]
    for a in actions:
        when = _say_iso(a.get("date"), a.get("time"))
        code = a.get("appointment_id")
        if a["action"] == "booked":
            sentences.append(f"The caller booked an appointment for {when} (code {code}).")
        elif a["action"] == "rescheduled":
            before = _say_iso(a.get("previous_date"), a.get("previous_time"))
            sentences.append(f"The caller moved an appointment from {before} to {when}.")
        elif a["action"] == "cancelled":
            sentences.append(f"The caller cancelled the appointment on {when}.")
    viewed = [a for a in conversation.appointments_discussed if a.get("action") == "viewed"]
    if viewed and not actions:
        whens = [_say_iso(a.get("date"), a.get("time")) for a in viewed]
        sentences.append(f"The caller reviewed their appointments: {join_words(whens)}.")
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


def render_for_summary(conversation: Conversation, *, max_chars: int = 12_000) -> str:
    """The call as plain text for a summarisation prompt (most recent part if very long)."""
    lines = [f"{t.get('role')}: {t.get('text')}" for t in conversation.transcript]
    if conversation.appointments_discussed:
        lines.append("")
        lines.append("Appointment actions recorded by the system:")
        for a in conversation.appointments_discussed:
            lines.append(f"- {a.get('action')} {_say_iso(a.get('date'), a.get('time'))}")
    text = "\n".join(lines)
    return text[-max_chars:]


# --- the recorder ---------------------------------------------------------------------------
class CallRecorder:
    """Owns one call's Conversation: appends as the call goes, saves, finishes exactly once."""

    def __init__(
        self,
        repository: ConversationRepository,
        clock: Clock,
        *,
        room_name: str,
        conversation_id: UUID | None = None,
        save_delay: float = 0.5,
        summary_timeout: float = 15.0,
        fallback: Summarizer | None = None,
        spool: ConversationSpool | None = None,
        final_save_seconds: float = 10.0,
    ) -> None:
        self._repo = repository
        self._spool = spool
        self._final_save_seconds = final_save_seconds
        self._clock = clock
        self._conv = Conversation(
            id=conversation_id or uuid.uuid4(), room_name=room_name, started_at=clock.now()
        )
        self._save_delay = save_delay
        self._summary_timeout = summary_timeout
        self._fallback = fallback or TemplateSummarizer()
        self._dirty = False
        self._wake = asyncio.Event()
        self._save_lock = asyncio.Lock()
        self._saver: asyncio.Task[None] | None = None
        self._finish_task: asyncio.Task[Conversation] | None = None
        self.saves = 0

    # --- reading -------------------------------------------------------------------------
    @property
    def conversation_id(self) -> UUID:
        return self._conv.id

    @property
    def conversation(self) -> Conversation:
        """A snapshot of the record (safe to keep; later changes do not show in it)."""
        return _snapshot(self._conv)

    @property
    def finishing(self) -> bool:
        return self._finish_task is not None

    # --- lifecycle -------------------------------------------------------------------------
    async def start(self) -> None:
        """Write the first row and start the background saver."""
        await self._save_now()
        if self._saver is None and not self.finishing:
            self._saver = asyncio.create_task(self._save_loop(), name="conversation-saver")

    async def flush(self) -> None:
        if self._dirty:
            await self._save_now()

    # --- recording -------------------------------------------------------------------------
    def add_turn(self, role: str, text: str, *, interrupted: bool = False) -> None:
        text = text.strip()
        if role not in TRANSCRIPT_ROLES or not text or self.finishing:
            return
        item: dict[str, Any] = {
            "role": role,
            "text": text,
            "timestamp": self._clock.now().isoformat(),
        }
        if interrupted:
            item["interrupted"] = True
        self._conv.transcript.append(item)
        if role == "user":
            for preference in extract_preferences(text):
                self._add_preference(preference)
        self._touch()

    def identify(self, user_id: UUID) -> None:
        if self._conv.user_id != user_id and not self.finishing:
            self._conv.user_id = user_id
            self._touch()

    def note_preference(self, text: str) -> None:
        if not self.finishing:
            self._add_preference(text.strip())
            self._touch()

    def note_tool_result(self, tool_name: str, result: Mapping[str, Any]) -> None:
        if self.finishing:
            return
        changed = False
        for entry in appointment_changes(tool_name, result):
            if entry not in self._conv.appointments_discussed:
                self._conv.appointments_discussed.append(entry)
                changed = True
        if changed:
            self._touch()

    def _add_preference(self, text: str) -> None:
        if text and text not in self._conv.preferences_mentioned:
            self._conv.preferences_mentioned.append(text)

    def _touch(self) -> None:
        self._dirty = True
        self._wake.set()

    # --- saving ----------------------------------------------------------------------------
    async def _save_loop(self) -> None:
        while True:
            await self._wake.wait()
            await asyncio.sleep(self._save_delay)
            self._wake.clear()
            await self._save_now()

    async def _save_now(self) -> bool:
        async with self._save_lock:
            self._dirty = False
            try:
                await self._repo.save(_snapshot(self._conv))
            except Exception:
                self._dirty = True
                logger.warning(
                    "conversation save failed",
                    exc_info=True,
                    extra={"conversation_id": str(self._conv.id)},
                )
                return False
            self.saves += 1
            return True

    # --- finishing -------------------------------------------------------------------------
    async def finish(
        self,
        *,
        reason: str,
        cost: CostSource = None,
        summarizer: Summarizer | None = None,
    ) -> Conversation:
        """Summarise, price and write the final row. Only the first call does the work; every
        caller gets the same finished record."""
        if self._finish_task is None:
            self._finish_task = asyncio.create_task(
                self._finish(reason=reason, cost=cost, summarizer=summarizer),
                name="conversation-finish",
            )
        return await asyncio.shield(self._finish_task)

    async def wait_finished(self) -> Conversation | None:
        if self._finish_task is None:
            return None
        return await asyncio.shield(self._finish_task)

    async def aclose(self) -> None:
        """Stop the background saver without finishing (tests, aborted set-up)."""
        if self._saver is not None:
            self._saver.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._saver
            self._saver = None

    async def _finish(
        self, *, reason: str, cost: CostSource, summarizer: Summarizer | None
    ) -> Conversation:
        await self.aclose()
        conv = self._conv
        now = self._clock.now()
        conv.ended_at = now
        conv.duration_seconds = conv.duration_until(now)
        conv.end_reason = reason
        conv.summary = await self._summarize(summarizer)
        conv.cost_breakdown = _price(cost)
        if await self._final_save():
            if self._spool is not None:
                await replay_spool(self._spool, self._repo)
        elif self._spool is not None:
            # The database stayed away: keep the record on disk; it is written on the next
            # successful finish or at the next start-up (bootstrap replays the spool).
            self._spool.put(_snapshot(conv))
            logger.warning(
                "database unavailable; conversation spooled to disk",
                extra={"conversation_id": str(conv.id)},
            )
        else:
            logger.error(
                "final conversation row could not be written",
                extra={"conversation_id": str(conv.id)},
            )
        logger.info(
            "conversation finished",
            extra={
                "conversation_id": str(conv.id),
                "end_reason": reason,
                "turns": len(conv.transcript),
                "duration_seconds": conv.duration_seconds,
            },
        )
        return _snapshot(conv)

    async def _final_save(self) -> bool:
        """Retry with backoff for up to ``final_save_seconds`` (a database restart)."""
        deadline = asyncio.get_running_loop().time() + self._final_save_seconds
        delay = 0.2
        while True:
            if await self._save_now():
                return True
            if asyncio.get_running_loop().time() + delay > deadline:
                return False
            await asyncio.sleep(delay)
            delay = min(delay * 2, 2.0)

    async def _summarize(self, summarizer: Summarizer | None) -> str:
        snapshot = _snapshot(self._conv)
        if summarizer is not None:
            try:
                text = await asyncio.wait_for(
                    summarizer.summarize(snapshot), timeout=self._summary_timeout
                )
                if text and text.strip():
                    return text.strip()
                logger.warning("summariser returned nothing; using the fallback summary")
            except Exception as exc:
                logger.warning(
                    "summariser failed; using the fallback summary",
                    extra={"error_type": type(exc).__name__},
                )
        return await self._fallback.summarize(snapshot)


async def replay_spool(spool: ConversationSpool, repository: ConversationRepository) -> int:
    """Write spooled call records to the database; returns how many were written."""
    written = 0
    for conversation in spool.pending():
        try:
            await repository.save(conversation)
        except Exception:
            logger.info("spool replay deferred: database still unavailable")
            break
        spool.remove(conversation.id)
        written += 1
    if written:
        logger.info("spooled conversations written", extra={"count": written})
    return written


def _price(cost: CostSource) -> dict[str, Any] | None:
    try:
        breakdown = cost() if callable(cost) else cost
    except Exception:
        logger.warning("pricing the call failed", exc_info=True)
        return None
    return breakdown.to_json() if breakdown is not None else None


def _snapshot(conv: Conversation) -> Conversation:
    return dataclasses.replace(
        conv,
        appointments_discussed=[dict(a) for a in conv.appointments_discussed],
        preferences_mentioned=list(conv.preferences_mentioned),
        transcript=[dict(t) for t in conv.transcript],
        cost_breakdown=dict(conv.cost_breakdown) if conv.cost_breakdown is not None else None,
    )
