"""Domain entities: frozen dataclasses, time-zone aware datetimes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from voice_agent.domain.codes import display_code


class AppointmentStatus(StrEnum):
    BOOKED = "booked"
    CANCELLED = "cancelled"
    COMPLETED = "completed"


@dataclass(frozen=True, slots=True)
class User:
    id: UUID
    phone: str  # E.164, stored in the seed's `contact_number` column
    name: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Slot:
    """One bookable interval, in the clinic's wall-clock time."""

    day: date
    start: time
    end: time

    @property
    def label(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"

    def starts_at(self, tz: ZoneInfo) -> datetime:
        return datetime.combine(self.day, self.start, tzinfo=tz)

    def ends_at(self, tz: ZoneInfo) -> datetime:
        return datetime.combine(self.day, self.end, tzinfo=tz)


@dataclass(frozen=True, slots=True)
class Appointment:
    id: UUID
    code: str
    user_id: UUID
    day: date  # the seed's `date` column
    start: time  # the seed's `time` column
    slot: str  # the seed's `slot` column, e.g. "09:00-10:00"
    status: AppointmentStatus
    created_at: datetime
    updated_at: datetime

    @property
    def is_active(self) -> bool:
        return self.status is AppointmentStatus.BOOKED

    def starts_at(self, tz: ZoneInfo) -> datetime:
        return datetime.combine(self.day, self.start, tzinfo=tz)


class ChangeAction(StrEnum):
    """What happened to an appointment during a call (VIEWED: the caller asked for their
    appointments and heard this one)."""

    BOOKED = "booked"
    RESCHEDULED = "rescheduled"
    CANCELLED = "cancelled"
    VIEWED = "viewed"


# the seed's words for what happened to an appointment (its frontend knows these three)
_SEED_ACTIONS = {
    ChangeAction.BOOKED: "booked",
    ChangeAction.RESCHEDULED: "modified",
    ChangeAction.CANCELLED: "cancelled",
}


@dataclass(frozen=True, slots=True)
class AppointmentChange:
    """An appointment action taken during a call: one entry of `appointments_discussed`."""

    action: ChangeAction
    code: str
    day: date
    start: time
    previous_day: date | None = None
    previous_start: time | None = None

    def to_json(self) -> dict[str, Any]:
        """The stored form (the seed's keys; ``appointment_id`` is the confirmation code)."""
        data: dict[str, Any] = {
            "action": self.action.value,
            "date": self.day.isoformat(),
            "time": f"{self.start:%H:%M}",
            "appointment_id": self.code,
        }
        if self.previous_day is not None and self.previous_start is not None:
            data["previous_date"] = self.previous_day.isoformat()
            data["previous_time"] = f"{self.previous_start:%H:%M}"
        return data

    def to_seed_json(self) -> dict[str, Any] | None:
        """The appointment as the seed's frontend shows it (its ``/summary`` and ``summary``
        event), None for a viewed one, which the seed does not list: ``id`` is the
        confirmation code as people read it, a move is ``modified`` with its new date and time
        and ``rescheduled_time`` "YYYY-MM-DD at HH:MM"."""
        action = _SEED_ACTIONS.get(self.action)
        if action is None:
            return None
        entry: dict[str, Any] = {
            "id": display_code(self.code),
            "action": action,
            "date": self.day.isoformat(),
            "time": f"{self.start:%H:%M}",
        }
        if self.action is ChangeAction.RESCHEDULED:
            entry["rescheduled_time"] = f"{entry['date']} at {entry['time']}"
            if self.previous_day is not None and self.previous_start is not None:
                entry["previous_date"] = self.previous_day.isoformat()
                entry["previous_time"] = f"{self.previous_start:%H:%M}"
        return entry

    def to_public_json(self) -> dict[str, Any]:
        """The stored form as people see it (the summary, the call page): the code written
        the way callers read and type it (:func:`~voice_agent.domain.codes.display_code`)."""
        return self.to_json() | {"appointment_id": display_code(self.code)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> AppointmentChange:
        """Read the stored form back; ValueError (or KeyError) when it is not one."""
        previous_day = data.get("previous_date")
        previous_start = data.get("previous_time")
        return cls(
            action=ChangeAction(data["action"]),
            code=str(data["appointment_id"]),
            day=date.fromisoformat(str(data["date"])),
            start=time.fromisoformat(str(data["time"])),
            previous_day=date.fromisoformat(str(previous_day)) if previous_day else None,
            previous_start=time.fromisoformat(str(previous_start)) if previous_start else None,
        )


def changes_from_json(items: Iterable[Any]) -> list[AppointmentChange]:
    """The stored `appointments_discussed` as changes; entries that are not one are skipped."""
    changes = []
    for item in items:
        try:
            changes.append(AppointmentChange.from_json(item))
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    return changes


@dataclass(slots=True)
class Conversation:
    """One call's record. Mutable while the call runs; saved (upserted) as it goes."""

    id: UUID
    room_name: str
    started_at: datetime
    user_id: UUID | None = None
    summary: str | None = None
    appointments_discussed: list[AppointmentChange] = field(default_factory=list)
    preferences_mentioned: list[str] = field(default_factory=list)
    transcript: list[dict[str, Any]] = field(default_factory=list)
    cost_breakdown: dict[str, Any] | None = None
    duration_seconds: int | None = None
    ended_at: datetime | None = None
    end_reason: str | None = None
    caller_identity: str | None = None
    """The room participant who was the caller (their summary is theirs to read)."""
    heartbeat_at: datetime | None = None
    """When the process running the call last saved it; an open call whose heartbeat is
    older than the grace period belongs to a process that died (see ``abandoned``)."""

    def duration_until(self, now: datetime) -> int:
        return max(0, int((now - self.started_at) / timedelta(seconds=1)))
