"""Formatting dates, times, days, codes and phone numbers the way a receptionist says them.
The opposite direction, parsing what callers say, is ``domain/spoken_numbers.py`` (numbers)
and ``domain/datetimes.py`` (dates and times)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time

from voice_agent.domain.weekdays import WEEKDAYS

_ORDINAL_SUFFIX = {1: "st", 2: "nd", 3: "rd"}


def ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else _ORDINAL_SUFFIX.get(n % 10, "th")
    return f"{n}{suffix}"


def say_date(day: date, *, with_weekday: bool = True) -> str:
    """ "Friday, January 24th"."""
    text = f"{day:%B} {ordinal(day.day)}"
    return f"{day:%A}, {text}" if with_weekday else text


def write_date(day: date) -> str:
    """ "Tuesday, December 1, 2026": a day as the staff console and its messages write it
    (one form everywhere; the browser writes the same with ``formatDay`` in common.js)."""
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


def say_time(t: time) -> str:
    """ "9 AM", "2:30 PM", "noon"."""
    if t.hour == 12 and t.minute == 0:
        return "noon"
    hour = t.hour % 12 or 12
    half = "AM" if t.hour < 12 else "PM"
    if t.minute:
        return f"{hour}:{t.minute:02d} {half}"
    return f"{hour} {half}"


def say_code(code: str) -> str:
    """Codes are read one character at a time, in capitals: "D E F 6 7 8 9 A".

    What is said is also what the transcript, the call page and the terminal show: codes are
    stored in lower case, and "k 6 4 5 s e g q" was the code the caller read there, beside
    the K645SEGQ of the summary and the console. espeak-ng renders both cases the same."""
    return " ".join(code.upper())


def say_digits(digits: str) -> str:
    """A phone number read back digit by digit: ten digits in the usual 3-3-4 groups
    ("9 8 7, 6 5 4, 3 2 1 0"), any other length as one group."""
    groups = [digits[:3], digits[3:6], digits[6:]] if len(digits) == 10 else [digits]
    return ", ".join(" ".join(g) for g in groups)


def say_days(weekdays: Iterable[int]) -> str:
    """ "Monday to Friday" for three or more days in a row, else "Monday and Thursday"."""
    days = sorted(set(weekdays))
    names = [WEEKDAYS[d] for d in days]
    if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
        return f"{names[0]} to {names[-1]}"
    return join_words(names)


def join_words(items: list[str], conjunction: str = "and") -> str:
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"
