"""What the staff console works with: the actions staff take on a caller's behalf (and the
record of who took them), and searching the calls.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from uuid import UUID

from voice_agent.domain.models import AppointmentChange, ChangeAction, Conversation


class StaffActionKind(StrEnum):
    BOOK = "book"
    RESCHEDULE = "reschedule"
    CANCEL = "cancel"
    RENAME = "rename"
    """A caller's name corrected (``previous_name`` -> ``name``)."""


PENDING = "pending"
"""The outcome of an action whose result was never written (the database failed after it)."""
DONE = "done"


@dataclass(frozen=True, slots=True)
class StaffAction:
    """One booking, move, cancellation or name correction a member of staff made (or tried)
    for a caller.

    ``outcome`` is ``done``, ``pending`` while it runs, or the ``kind`` of the domain error
    that refused it (``slot_unavailable``...), with the error's ``message``."""

    id: UUID
    at: datetime
    actor: str
    kind: StaffActionKind
    outcome: str = PENDING
    message: str | None = None
    user_id: UUID | None = None
    appointment_id: UUID | None = None
    code: str | None = None
    day: date | None = None
    start: time | None = None
    previous_day: date | None = None
    previous_start: time | None = None
    name: str | None = None
    """A correction's new name (as stored), None until it is done."""
    previous_name: str | None = None
    """The name the account had before the correction (None: it had none)."""


class CallOutcome(StrEnum):
    """What a call did, for filtering calls: each appointment action, or nothing."""

    BOOKED = "booked"
    RESCHEDULED = "rescheduled"
    CANCELLED = "cancelled"
    NO_CHANGE = "no_change"
    UNFINISHED = "unfinished"


_CHANGES = (ChangeAction.BOOKED, ChangeAction.RESCHEDULED, ChangeAction.CANCELLED)


def call_outcomes(changes: Iterable[AppointmentChange]) -> str:
    """The appointment actions of a call as stored for filtering: space-separated and padded
    (" booked cancelled "), or " " when the call changed nothing."""
    actions = sorted({c.action.value for c in changes if c.action in _CHANGES})
    return f" {' '.join(actions)} " if actions else " "


@dataclass(frozen=True, slots=True)
class CallQuery:
    """Calls started in [``started_from``, ``started_before``), by a caller whose number
    contains ``phone_digits``, with an ``outcome``; newest first, ``limit`` from ``offset``."""

    started_from: datetime | None = None
    started_before: datetime | None = None
    phone_digits: str | None = None
    outcome: CallOutcome | None = None
    limit: int = 20
    offset: int = 0

    def matches(self, conversation: Conversation, phone: str | None) -> bool:
        """The same filter in Python (the in-memory store uses it; SQL stores query it)."""
        started = conversation.started_at
        if self.started_from is not None and started < self.started_from:
            return False
        if self.started_before is not None and started >= self.started_before:
            return False
        if self.phone_digits and (phone is None or self.phone_digits not in phone):
            return False
        return self.outcome is None or outcome_matches(self.outcome, conversation)


def outcome_matches(outcome: CallOutcome, conversation: Conversation) -> bool:
    if outcome is CallOutcome.UNFINISHED:
        return conversation.ended_at is None
    stored = call_outcomes(conversation.appointments_discussed)
    if outcome is CallOutcome.NO_CHANGE:
        return stored == " " and conversation.ended_at is not None
    return f" {outcome.value} " in stored


@dataclass(frozen=True, slots=True)
class CallPage:
    items: list[Conversation] = field(default_factory=list)
    total: int = 0
