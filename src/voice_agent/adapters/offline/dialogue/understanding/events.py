"""A day said through an event only the caller knows the date of: "the day after my chemo",
"the Friday before my son's school play", "the week after the kids break up". The clinic cannot
know when that is, so the day waits until the caller says the event's date ("the chemo's on the
8th"), and is then counted from it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, Literal

from voice_agent.adapters.offline.dialogue.understanding.tokens import word_set
from voice_agent.domain.weekdays import WEEKDAY_WORDS

_KIN = (
    r"(?:son|daughter|kid|kids|child|children|boy|girl|husband|wife|partner|mum|mom|mother"
    r"|dad|father|sister|brother|grandson|granddaughter)"
)
_RELATION: Final = re.compile(
    # ("the" said: "on Tuesday before my shift" is that Tuesday, before the shift)
    rf"\bthe (?P<unit>day|morning|afternoon|week|{'|'.join(WEEKDAY_WORDS)})"
    r" (?P<way>after|before) "
    rf"(?:(?:my|our|his|her|their)(?: {_KIN}(?:s| s)?)?|the (?:kids|children|schools?))"
    r"(?: (?:next|last|first|big))? (?P<event>[a-z]+)"
)
"""A day before or after a personal event named by what it is, not by a date."""
_NOT_AN_EVENT: Final = word_set(
    """appointment appointments appt appointmens booking bookings visit visits one ones slot
    check checkup checkups current other last first next existing usual regular"""
)
"""What follows "the day after my ..." that the clinic knows the date of (an appointment of
the caller's own) or that says nothing yet ("my next ...")."""


@dataclass(frozen=True, slots=True)
class EventRelation:
    """Where the day wanted lies from an event the caller has not dated yet."""

    unit: Literal["day", "week", "weekday"]
    after: bool
    weekday: int | None = None
    start: int = 0
    """Where the relation starts in the line it was read from (characters)."""

    def days_from(self, event: date) -> tuple[date, ...]:
        """The day (or a week's working days) the relation names, counted from ``event``."""
        sign = 1 if self.after else -1
        if self.unit == "day":
            return (event + timedelta(days=sign),)
        if self.unit == "weekday":
            assert self.weekday is not None
            gap = (
                (self.weekday - event.weekday()) % 7
                if self.after
                else (event.weekday() - self.weekday) % 7
            )
            return (event + timedelta(days=sign * (gap or 7)),)
        monday = event - timedelta(days=event.weekday()) + timedelta(weeks=sign)
        return tuple(monday + timedelta(days=k) for k in range(5))


def event_relation(line: str) -> EventRelation | None:
    """The relation to an undated event in ``line`` (lower-case words, as tokens join)."""
    for m in _RELATION.finditer(line):
        if m.group("event") in _NOT_AN_EVENT or m.group("event") in WEEKDAY_WORDS:
            continue
        unit = m.group("unit")
        after = m.group("way") == "after"
        if unit in WEEKDAY_WORDS:
            return EventRelation("weekday", after, WEEKDAY_WORDS.index(unit), m.start())
        return EventRelation("week" if unit == "week" else "day", after, None, m.start())
    return None
