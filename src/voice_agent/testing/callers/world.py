"""The world a corpus call happens in: the clinic's calendar, the clock, who is already in
the database. Pure data and calendar arithmetic; nothing here starts the application."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from voice_agent.domain.clinic import ClinicProfile, load_profile

TIMEZONE = ZoneInfo("America/New_York")
# The corpus clinic: Monday to Friday, hourly slots 9 AM to 3 PM (the application's defaults),
# closed on Thanksgiving and Christmas Day.
CLOSED_DATES = (date(2026, 11, 26), date(2026, 12, 25))
SLOT_STARTS = tuple(time(h) for h in range(9, 16))
MORNING = frozenset(time(h) for h in (9, 10, 11))
AFTERNOON = frozenset(time(h) for h in (12, 13, 14, 15))
PROFILE_PATH = Path(__file__).with_name("clinic.toml")

# Clocks the calls run on (clinic wall time). The first one is the test suite's.
SUITE_NOW = datetime(2026, 11, 25, 10, 0, tzinfo=TIMEZONE)  # Wednesday
CLOCKS: tuple[datetime, ...] = (
    SUITE_NOW,
    datetime(2026, 11, 30, 9, 15, tzinfo=TIMEZONE),  # Monday morning
    datetime(2026, 12, 4, 14, 30, tzinfo=TIMEZONE),  # Friday afternoon: tomorrow is Saturday
    datetime(2026, 12, 8, 11, 0, tzinfo=TIMEZONE),  # Tuesday
    datetime(2026, 12, 10, 16, 30, tzinfo=TIMEZONE),  # Thursday after closing time
    datetime(2026, 11, 29, 12, 0, tzinfo=TIMEZONE),  # a Sunday
)


def corpus_profile() -> ClinicProfile:
    """The corpus clinic's profile (``clinic.toml``): name, address, phone, FAQ."""
    return load_profile(PROFILE_PATH)


@dataclass(frozen=True)
class Holding:
    """An appointment someone already has when the call starts."""

    day: date
    start: time


@dataclass(frozen=True)
class Person:
    name: str
    phone: str  # ten digits, as the caller knows it
    holdings: tuple[Holding, ...] = ()

    @property
    def e164(self) -> str:
        return "+1" + self.phone


@dataclass(frozen=True)
class World:
    """The clock and the database before the call."""

    now: datetime
    caller: Person
    returning: bool  # the caller has an account already
    others: tuple[Person, ...] = field(default=())  # other patients (and the slots they hold)

    @property
    def today(self) -> date:
        return self.now.astimezone(TIMEZONE).date()

    def people(self) -> tuple[Person, ...]:
        return ((self.caller,) if self.returning else ()) + self.others

    def taken(self) -> frozenset[tuple[date, time]]:
        return frozenset((h.day, h.start) for p in self.people() for h in p.holdings)


def is_open(day: date) -> bool:
    return day.weekday() < 5 and day not in CLOSED_DATES


def is_bookable(now: datetime, day: date, start: time) -> bool:
    """Open day, a slot start, in the future (the clinic's rules, without occupancy)."""
    local = now.astimezone(TIMEZONE)
    if not is_open(day) or start not in SLOT_STARTS:
        return False
    return datetime.combine(day, start, tzinfo=TIMEZONE) > local


def free_slots(world: World, day: date) -> list[time]:
    taken = world.taken()
    return [t for t in SLOT_STARTS if is_bookable(world.now, day, t) and (day, t) not in taken]


def open_days(start: date, count: int) -> list[date]:
    """The next ``count`` open days from ``start`` inclusive."""
    days: list[date] = []
    day = start
    while len(days) < count:
        if is_open(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def earliest_free(world: World) -> tuple[date, time]:
    day = world.today
    for _ in range(60):
        free = free_slots(world, day)
        if free:
            return day, free[0]
        day += timedelta(days=1)
    raise ValueError("no free slot in 60 days")


def next_weekday(today: date, weekday: int) -> date:
    """The next day (1 to 7 days ahead) with that weekday (0 = Monday)."""
    ahead = (weekday - today.weekday()) % 7 or 7
    return today + timedelta(days=ahead)
