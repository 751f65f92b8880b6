"""Keeping a call's conversation record: transcript, appointments, preferences, summary, cost.

The record is saved as the call goes (debounced after every change) and finished exactly once,
whatever ends the call. Framework-free: the voice adapter feeds it turns and what the tools did.
A record the database cannot take at the end waits in the spool (``replay_spool``).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import uuid
from collections.abc import Callable, Iterable
from typing import Any
from uuid import UUID

from voice_agent.domain.clock import Clock
from voice_agent.domain.costs import CostBreakdown
from voice_agent.domain.errors import StorageUnavailable
from voice_agent.domain.models import AppointmentChange, Conversation
from voice_agent.domain.ports import ConversationRepository, ConversationSpool
from voice_agent.domain.preferences import extract_preferences, with_preferences
from voice_agent.services.summaries import (
    CallRecord,
    Summarizer,
    TemplateSummarizer,
    restart_turn,
)

logger = logging.getLogger(__name__)

TRANSCRIPT_ROLES = ("user", "assistant")
HEARTBEAT_SECONDS = 30.0
"""How often a live call's row is saved even when nothing changed."""
SAVE_GRACE_SECONDS = 2.0
"""How long stopping the saver waits for a save already under way."""

CostSource = CostBreakdown | Callable[[], CostBreakdown] | None


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
        heartbeat_seconds: float = HEARTBEAT_SECONDS,
    ) -> None:
        self._repo = repository
        self._spool = spool
        self._final_save_seconds = final_save_seconds
        self._clock = clock
        self._conv = Conversation(
            id=conversation_id or uuid.uuid4(), room_name=room_name, started_at=clock.now()
        )
        self._registered = False
        self._restart: dict[str, Any] | None = None
        self._save_delay = save_delay
        self._heartbeat_seconds = heartbeat_seconds
        self._summary_timeout = summary_timeout
        self._fallback = fallback or TemplateSummarizer()
        self._dirty = False
        self._wake = asyncio.Event()
        self._save_lock = asyncio.Lock()
        self._saver: asyncio.Task[None] | None = None
        self._finish_task: asyncio.Task[Conversation] | None = None
        self.saves = 0
        # The last storage failure of a save (None once a save succeeds).
        self._storage_error: StorageUnavailable | None = None

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
        # PostgreSQL keeps no NUL in text or JSONB: one NUL in a turn (a cloud model can be
        # talked into writing one) made every save of the call fail, and the record was lost
        text = text.replace("\x00", "").strip()
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
            self._add_preferences(extract_preferences(text))
        self._touch()

    def set_caller(self, identity: str) -> None:
        """The room participant who is the caller (only they may read the summary)."""
        if identity and self._conv.caller_identity != identity and not self.finishing:
            self._conv.caller_identity = identity
            self._touch()

    def identify(self, user_id: UUID) -> None:
        if self.finishing:
            return
        if self._restart is not None and not self._restart["identified_again"]:
            self._restart["identified_again"] = True  # the caller after it gave a number
            self._touch()
        if self._conv.user_id != user_id:
            self._conv.user_id = user_id
            self._touch()

    def note_restart(self) -> None:
        """The call started over (``restart_turn``): its caller reads only what follows."""
        if not self.finishing:
            self._restart = restart_turn(self._conv, at=self._clock.now())
            self._conv.transcript.append(self._restart)
            self._touch()

    def note_changes(self, changes: Iterable[AppointmentChange]) -> None:
        """Appointment actions of the call (each listed once, in order)."""
        if self.finishing:
            return
        changed = False
        listed = self._conv.appointments_discussed
        for change in changes:
            before = int(self._restart["appointments_before"]) if self._restart else 0
            if change in listed[before:]:
                continue
            if change in listed and self._restart is not None:
                # listed before the call started over and met again after it (an appointment
                # viewed by both callers): it moves after the mark, once in the whole record,
                # so the caller after the restart reads it too (it was dropped as already listed)
                listed.remove(change)
                self._restart["appointments_before"] = before - 1
            listed.append(change)
            changed = True
        if changed:
            self._touch()

    def note_registration(self) -> None:
        """The caller created their account in this call (the summary says so)."""
        if not self.finishing:
            self._registered = True

    def _add_preferences(self, said: list[str]) -> None:
        if said:
            known = self._conv.preferences_mentioned
            known[:] = with_preferences(known, said)

    def _touch(self) -> None:
        self._dirty = True
        self._wake.set()

    # --- saving ----------------------------------------------------------------------------
    async def _save_loop(self) -> None:
        # Saves after every change (debounced) and, without changes, once a heartbeat: the
        # row's heartbeat_at tells the sweep for abandoned calls that this call is alive.
        while True:
            # asyncio.timeout, not wait_for: wait_for may swallow a cancel that arrives as the
            # event is set, and aclose() would then wait for a saver that never stops.
            try:
                async with asyncio.timeout(self._heartbeat_seconds):
                    await self._wake.wait()
            except TimeoutError:
                pass
            else:
                await asyncio.sleep(self._save_delay)
            self._wake.clear()
            await self._save_now()

    async def _save_now(self) -> bool:
        async with self._save_lock:
            self._dirty = False
            self._conv.heartbeat_at = self._clock.now()
            try:
                await self._repo.save(_snapshot(self._conv))
            except StorageUnavailable as exc:
                # Expected while the database is away: say which database and why (no
                # traceback), once per kind of failure rather than at every retry.
                self._dirty = True
                if self._storage_error is None or self._storage_error.kind != exc.kind:
                    logger.warning(
                        "conversation save failed: %s",
                        exc.operator_message,
                        extra={"conversation_id": str(self._conv.id), "kind": exc.kind},
                    )
                self._storage_error = exc
                return False
            except Exception:
                self._dirty = True
                logger.warning(
                    "conversation save failed",
                    exc_info=True,
                    extra={"conversation_id": str(self._conv.id)},
                )
                return False
            self._storage_error = None
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
        """Stop the background saver without finishing (tests, aborted set-up).

        A save already under way is let finish (up to ``SAVE_GRACE_SECONDS``): cancelled
        halfway, its statement's connection would be lost to the pool, and a call usually
        ends just after a change, when a save is due."""
        if self._saver is not None:
            locked = False
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(SAVE_GRACE_SECONDS):
                    locked = await self._save_lock.acquire()
            try:
                self._saver.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await self._saver
            finally:
                if locked:
                    self._save_lock.release()
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
            try:
                self._spool.put(_snapshot(conv))
            except StorageUnavailable as exc:
                logger.error(
                    "conversation lost: the database and the spool both refused it: %s",
                    exc.operator_message,
                    extra={"conversation_id": str(conv.id), "kind": exc.kind},
                )
            else:
                why = self._storage_error
                logger.warning(
                    "conversation spooled to disk: %s",
                    why.operator_message if why is not None else "the database is unavailable",
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
        record = CallRecord(_snapshot(self._conv), registered=self._registered)
        if summarizer is not None:
            try:
                text = await asyncio.wait_for(
                    summarizer.summarize(record), timeout=self._summary_timeout
                )
                if text and text.strip():
                    return text.strip()
                logger.warning("summariser returned nothing; using the fallback summary")
            except Exception as exc:
                logger.warning(
                    "summariser failed; using the fallback summary",
                    extra={"error_type": type(exc).__name__},
                )
        return await self._fallback.summarize(record)


async def replay_spool(spool: ConversationSpool, repository: ConversationRepository) -> int:
    """Write spooled call records to the database; returns how many were written.

    Stops at the first sign the database is still away (the rest wait for the next try). A
    record the database refuses for any other reason goes to the spool's quarantine, so one
    bad record never holds back the others.
    """
    written = 0
    for conversation in spool.pending():
        try:
            await repository.save(conversation)
        except (StorageUnavailable, OSError):
            logger.info("spool replay deferred: database still unavailable")
            break
        except Exception as exc:
            spool.quarantine(conversation.id)
            logger.error(
                "spooled conversation refused; quarantined",
                extra={"conversation_id": str(conversation.id), "error_type": type(exc).__name__},
            )
            continue
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
        appointments_discussed=list(conv.appointments_discussed),
        preferences_mentioned=list(conv.preferences_mentioned),
        transcript=[dict(t) for t in conv.transcript],
        cost_breakdown=dict(conv.cost_breakdown) if conv.cost_breakdown is not None else None,
    )
