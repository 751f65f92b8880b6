"""The days of the week, spelled once: Monday is 0, as in ``date.weekday()``."""

from __future__ import annotations

WEEKDAYS: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
WEEKDAY_WORDS: tuple[str, ...] = tuple(name.lower() for name in WEEKDAYS)
"""The same names as callers' words are compared with them: lower case."""
WORKWEEK = frozenset(range(5))


def weekday_number(text: str) -> int:
    """0-6 for a day's name, or its start from three letters on, any case ("fri", "Thurs",
    "Friday"); ValueError otherwise."""
    key = text.strip().lower()
    if len(key) >= 3:
        for number, name in enumerate(WEEKDAYS):
            if name.lower().startswith(key):
                return number
    raise ValueError(f"not a day of the week: {text!r}")


def day_abbreviation(number: int) -> str:
    """ "mon" ... "sun" (the form of the CLINIC_DAYS setting)."""
    return WEEKDAYS[number][:3].lower()
