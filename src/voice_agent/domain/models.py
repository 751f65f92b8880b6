"""Domain entities: frozen dataclasses, time-zone aware datetimes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo


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


@dataclass(frozen=True, slots=True)
class AppointmentChange:
    """An appointment action taken during a call, as listed in `appointments_discussed`."""

    action: str  # booked | rescheduled | cancelled | viewed
    code: str
    day: date
    start: time
    previous_day: date | None = None
    previous_start: time | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "action": self.action,
            "date": self.day.isoformat(),
            "time": f"{self.start:%H:%M}",
            "appointment_id": self.code,
        }
        if self.previous_day is not None and self.previous_start is not None:
            data["previous_date"] = self.previous_day.isoformat()
            data["previous_time"] = f"{self.previous_start:%H:%M}"
        return data


@dataclass(slots=True)
class Conversation:
    """One call's record. Mutable while the call runs; saved (upserted) as it goes."""

    id: UUID
    room_name: str
    started_at: datetime
    user_id: UUID | None = None
    summary: str | None = None
    appointments_discussed: list[dict[str, Any]] = field(default_factory=list)
    preferences_mentioned: list[str] = field(default_factory=list)
    transcript: list[dict[str, Any]] = field(default_factory=list)
    cost_breakdown: dict[str, Any] | None = None
    duration_seconds: int | None = None
    ended_at: datetime | None = None
    end_reason: str | None = None

    def duration_until(self, now: datetime) -> int:
        return max(0, int((now - self.started_at) / timedelta(seconds=1)))
