"""The clinic's calendar: opening hours, slots and the rules a booking must satisfy."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from voice_agent.domain.errors import (
    ClinicClosed,
    DateInPast,
    NotOnSlotBoundary,
    OutsideBusinessHours,
    TooFarAhead,
    WeekendUnavailable,
)
from voice_agent.domain.models import Slot
from voice_agent.domain.speech import say_date, say_days, say_time
from voice_agent.domain.weekdays import WORKWEEK


@dataclass(frozen=True)
class ClinicCalendar:
    """Opening hours in the clinic's own time zone.

    Defaults follow the seed: Monday-Friday, hourly slots from 9:00, the last starting at 15:00.
    """

    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("America/New_York"))
    open_time: time = time(9, 0)
    close_time: time = time(16, 0)
    slot_minutes: int = 60
    open_weekdays: frozenset[int] = WORKWEEK
    closed_dates: frozenset[date] = frozenset()
    booking_horizon_days: int = 90
    min_lead_minutes: int = 0

    def __post_init__(self) -> None:
        if not 0 < self.slot_minutes <= 24 * 60:
            raise ValueError("slot_minutes must be between 1 and 1440")
        if _minutes(self.close_time) <= _minutes(self.open_time) and self.close_time != time(0):
            raise ValueError("close_time must be after open_time")
        if self.booking_horizon_days < 0 or self.min_lead_minutes < 0:
            raise ValueError("booking horizon and lead time must not be negative")

    # --- time helpers -------------------------------------------------------------------
    def local_now(self, now: datetime) -> datetime:
        if now.tzinfo is None:
            raise ValueError("now must be time-zone aware")
        return now.astimezone(self.timezone)

    def today(self, now: datetime) -> date:
        return self.local_now(now).date()

    # --- slots ----------------------------------------------------------------------------
    def slot_starts(self, day: date) -> list[time]:
        """Wall-clock starts of the day's slots, skipping times that do not exist (DST gap)."""
        start = _minutes(self.open_time)
        end = _minutes(self.close_time) if self.close_time != time(0) else 24 * 60
        starts: list[time] = []
        for m in range(start, end - self.slot_minutes + 1, self.slot_minutes):
            t = time(m // 60, m % 60)
            if _exists(day, t, self.timezone):
                starts.append(t)
        return starts

    def on_cadence(self, start: time) -> bool:
        """Whether ``start`` is one of the day's wall-clock starts on an ordinary day."""
        return (_minutes(start) - _minutes(self.open_time)) % self.slot_minutes == 0

    def skipped(self, day: date, start: time) -> bool:
        """Whether ``start`` would be a start on ``day`` but the clocks skip it (spring
        forward): that time does not exist that day."""
        return self.on_cadence(start) and not _exists(day, start, self.timezone)

    def cadence(self) -> str:
        """ "on the hour", "every 30 minutes"."""
        return "on the hour" if self.slot_minutes == 60 else f"every {self.slot_minutes} minutes"

    def slot_at(self, day: date, start: time) -> Slot:
        end_m = _minutes(start) + self.slot_minutes
        end = time(0) if end_m >= 24 * 60 else time(end_m // 60, end_m % 60)
        return Slot(day=day, start=start, end=end)

    def slots_for(self, day: date) -> list[Slot]:
        """All slots of an open day (booked or not). Closed days have none."""
        if not self.is_open_on(day):
            return []
        return [self.slot_at(day, t) for t in self.slot_starts(day)]

    def is_open_on(self, day: date) -> bool:
        return day.weekday() in self.open_weekdays and day not in self.closed_dates

    # --- validation -------------------------------------------------------------------------
    def check_day(self, day: date, *, now: datetime) -> None:
        """Raise the named error if no appointment can be made on ``day`` at all."""
        today = self.today(now)
        if day < today:
            raise DateInPast(
                f"{say_date(day)} is in the past. Please choose a later date.", day=day
            )
        if day > today + timedelta(days=self.booking_horizon_days):
            # the last day, not the first one out of reach: a caller who asked for March 2nd
            # was told "Please choose a date before Tuesday, March 2nd"
            last = today + timedelta(days=self.booking_horizon_days)
            raise TooFarAhead(
                f"We only book up to {self.booking_horizon_days} days ahead: the last day "
                f"I can book is {say_date(last)}.",
                day=day,
                horizon_days=self.booking_horizon_days,
                last_day=last,
            )
        if day.weekday() not in self.open_weekdays:
            if day.weekday() >= 5:
                raise WeekendUnavailable(
                    f"Sorry, we're closed at weekends, so I can't book {say_date(day)}. "
                    f"We're open {say_days(self.open_weekdays)}.",
                    day=day,
                    open_weekdays=sorted(self.open_weekdays),
                )
            raise ClinicClosed(
                f"Sorry, the clinic is closed on {day:%A}s.",
                day=day,
                reason="weekday",
                open_weekdays=sorted(self.open_weekdays),
            )
        if day in self.closed_dates:
            raise ClinicClosed(
                f"Sorry, the clinic is closed on {say_date(day)}.", day=day, reason="closed_date"
            )

    def check_slot(self, day: date, start: time, *, now: datetime) -> Slot:
        """Validate a requested start time and return its slot, or raise the named error."""
        self.check_day(day, now=now)
        if not (self.open_time <= start < self.close_time or self.close_time == time(0)):
            raise OutsideBusinessHours(
                f"{say_time(start)} is outside our hours. We see patients from "
                f"{say_time(self.open_time)} to {say_time(self.close_time)}.",
                start=start,
                open_time=self.open_time,
                close_time=self.close_time,
            )
        starts = self.slot_starts(day)
        if start not in starts:
            if not starts or start > starts[-1]:
                last_start = starts[-1] if starts else self.open_time
                raise OutsideBusinessHours(
                    f"{say_time(start)} is too late: the last appointment of the day starts "
                    f"at {say_time(last_start)}.",
                    reason="too_late",
                    start=start,
                    last_start=last_start,
                )
            cadence = self.cadence()
            nearest = [s for s in starts if s < start][-1:] + [s for s in starts if s > start][:1]
            if self.skipped(day, start):
                # a start the clocks skip (spring forward) was "not a start time", which sent
                # the caller looking for the cadence: it is the day that lacks it
                raise NotOnSlotBoundary(
                    f"{say_time(start)} does not exist on {say_date(day)}: the clocks go "
                    "forward that night. Would "
                    + " or ".join(say_time(s) for s in nearest)
                    + " work?",
                    reason="does_not_exist",
                    time=say_time(start),
                    cadence=f"{cadence} from {say_time(self.open_time)}",
                    nearest=[say_time(s) for s in nearest],
                    day=day,
                    start=start,
                    open_time=self.open_time,
                    slot_minutes=self.slot_minutes,
                    nearest_starts=nearest,
                )
            raise NotOnSlotBoundary(
                f"Appointments start {cadence} from {say_time(self.open_time)}; "
                f"{say_time(start)} is not a start time. Would the nearest slot work?",
                time=say_time(start),
                cadence=f"{cadence} from {say_time(self.open_time)}",
                nearest=[say_time(s) for s in nearest],
                # the same as times, for those who write them otherwise (the staff console)
                start=start,
                open_time=self.open_time,
                slot_minutes=self.slot_minutes,
                nearest_starts=nearest,
            )
        slot = self.slot_at(day, start)
        if not self.is_future(slot, now=now):
            raise DateInPast(
                f"{say_time(start)} on {say_date(day)} has already passed. "
                "Please choose a later time.",
                day=day,
                start=start,
            )
        return slot

    def describe_hours(self) -> str:
        """ "Monday to Friday, from 9 AM to 4 PM; each appointment lasts one hour"."""
        length = "one hour" if self.slot_minutes == 60 else f"{self.slot_minutes} minutes"
        return (
            f"{say_days(self.open_weekdays)}, from {say_time(self.open_time)} to "
            f"{say_time(self.close_time)}; each appointment lasts {length}"
        )

    def is_future(self, slot: Slot, *, now: datetime) -> bool:
        """True when the slot starts after now and at least the lead time ahead."""
        start = slot.starts_at(self.timezone)
        earliest = self.local_now(now) + timedelta(minutes=self.min_lead_minutes)
        return start > now and start >= earliest


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def _exists(day: date, t: time, tz: ZoneInfo) -> bool:
    """False for wall-clock times skipped by a DST jump (they do not round-trip through UTC)."""
    local = datetime.combine(day, t, tzinfo=tz)
    back = local.astimezone(UTC).astimezone(tz)
    return back.replace(tzinfo=None) == local.replace(tzinfo=None)
