"""What the command line says when a command meets a domain error.

The domain's messages are written to be spoken to a caller ("I heard only 2 digits. Please
say the full ten-digit number."). At a terminal the same failure is phrased for a person who
typed a command, from the error's ``kind`` and ``detail`` (never from its wording), with the
setting or the input that fixes it.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Mapping
from datetime import date, time
from pathlib import Path
from typing import Any

from voice_agent.config import Settings
from voice_agent.domain.errors import DomainError, StorageUnavailable
from voice_agent.domain.speech import say_days

Detail = Mapping[str, Any]

PHONE_HINT = "give the 10 digits (9876543210 or 987-654-3210), or + and the country code"
DATE_HINT = (
    "use YYYY-MM-DD, 'today', 'tomorrow', a weekday such as 'friday' or 'next tuesday', "
    "a month/day such as 12/24, or 'in two weeks'"
)


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """ "1 appointment", "2 appointments": "1 appointment(s)" and "1 callers" read as a
    program's, not a person's."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def listed(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C" ("A and B and C" read as a stammer)."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _day(value: object) -> str:
    return f"{value.isoformat()} ({value:%A})" if isinstance(value, date) else "that day"


def _days(detail: Detail) -> str:
    """ "Monday to Friday" ("mon,tue,wed,thu,fri", the setting's form, read as a program's)."""
    return say_days(detail.get("open_weekdays", ()))


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with every control character but the newline and the tab written as its
    escape (``\\x1b``), as the log lines are: a file named with an escape sequence (OSC 52
    puts text on many terminals' clipboard) was printed as it was in `call`'s errors and
    notes, and ran in the terminal of whoever played it (attack11)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


QUOTED_MAX = 40
"""The longest argument quoted back whole: 5,000 digits pasted by mistake were printed back
in full, filling the terminal above the one line that says what to do."""


def quoted(given: str | None, fallback: str = "that") -> str:
    """``given`` in quotes, as typed, or its start and its length when it is long."""
    if not given:
        return fallback
    if len(given) <= QUOTED_MAX:
        return f"'{given}'"
    return f"'{given[: QUOTED_MAX - 10]}...' ({len(given)} characters)"


def _phone(detail: Detail, given: str | None) -> str:
    digits = detail.get("digits", 0)
    what = quoted(given, "that")
    match detail.get("reason"):
        case "empty":
            return f"no phone number given: {PHONE_HINT}"
        case "no_digits":
            return f"{what} is not a phone number (no digits): {PHONE_HINT}"
        case "too_few":
            return f"{what} is too short for a phone number ({digits} digits): {PHONE_HINT}"
        case "too_many":
            return f"{what} is too long for a phone number ({digits} digits): {PHONE_HINT}"
        case "letters":
            keypad = detail.get("keypad")
            reads = f" (on a phone keypad it reads {keypad})" if keypad else ""
            return f"{what} has letters in it: give the number as digits{reads}"
        case _:
            return f"{what} is not a valid phone number: {PHONE_HINT}"


def _date(detail: Detail, given: str | None) -> str:
    match detail.get("reason"):
        case "empty":
            return f"no date given: {DATE_HINT}"
        case "no_such_date":
            return f"there is no such date as {quoted(given, 'that')}{_slashed(given)}: {DATE_HINT}"
        case "weekday_mismatch" if isinstance(detail.get("day"), date):
            day = detail["day"]
            return f"{quoted(given, 'that')}: {day.isoformat()} is a {day:%A}; give the date alone"
        case _:
            return f"cannot read {quoted(given, 'that')} as a date: {DATE_HINT}"


_SLASHED = re.compile(r"\s*(\d{1,2})/(\d{1,2})(?:/\d{2,4})?\s*")


def _slashed(given: str | None) -> str:
    """Why a date with slashes is none: they are read month/day, as in the US ("13/02" has
    no month 13), with the day-first reading named when that one is a date."""
    m = _SLASHED.fullmatch(given or "")
    if m is None:
        return ""
    first, second = int(m.group(1)), int(m.group(2))
    try:
        meant = date(2024, second, first)  # a leap year: 29/02 is a date
    except ValueError:
        return " (read month/day)"
    return f" (read month/day; for {meant:%B} {meant.day} type {second}/{first})"


def _past(detail: Detail, given: str | None) -> str:
    day = detail.get("day")
    if isinstance(day, date) and given and given.strip() != day.isoformat():
        # "yesterday", "last friday": the date it was read as, so the reader can check it
        return f"{quoted(given.strip())} is {_day(day)}, in the past; give today or a later day"
    return f"{_day(day)} is in the past; give today or a later day"


def _too_far(detail: Detail, _given: str | None) -> str:
    last = detail.get("last_day")
    until = f"; the last bookable day is {last.isoformat()}" if isinstance(last, date) else ""
    return (
        f"{_day(detail.get('day'))} is more than {detail.get('horizon_days', '?')} days ahead "
        f"(BOOKING_HORIZON_DAYS){until}"
    )


def _weekend(detail: Detail, _given: str | None) -> str:
    day = _day(detail.get("day"))
    return f"{day} is a weekend day; the clinic is open {_days(detail)} (CLINIC_DAYS)"


def _closed(detail: Detail, _given: str | None) -> str:
    day = _day(detail.get("day"))
    if detail.get("reason") == "closed_date":
        return f"the clinic is closed on {day} (CLOSED_DATES)"
    return f"the clinic is closed on {day}; it is open {_days(detail)} (CLINIC_DAYS)"


def _not_a_start(detail: Detail, _given: str | None) -> str:
    """Which times are bookable ("not a slot's start time" sent staff to list a day's slots
    to find out that they start on the half hour)."""
    start, opens, every = detail.get("start"), detail.get("open_time"), detail.get("slot_minutes")
    if not isinstance(start, time) or not isinstance(opens, time) or not isinstance(every, int):
        return "not a slot's start time; see `voice-agent slots DAY`"
    nearest = [t for t in detail.get("nearest_starts", ()) if isinstance(t, time)]
    choose = f"; the nearest are {listed([f'{t:%H:%M}' for t in nearest])}" if nearest else ""
    if detail.get("reason") == "does_not_exist":
        return (
            f"{start:%H:%M} does not exist on {_day(detail.get('day'))}: the clocks go forward "
            f"that night{choose}"
        )
    cadence = f"every {every} minutes"
    if opens.minute == 0 and every in (30, 60):  # a clinic opening at 8:15 starts at :15
        cadence = "on the hour" if every == 60 else "on the hour and the half hour"
    return (
        f"{start:%H:%M} is not a start time: appointments start {cadence} from "
        f"{opens:%H:%M} (SLOT_MINUTES, CLINIC_OPEN){choose}"
    )


def _fixed(text: str) -> Callable[[Detail, str | None], str]:
    return lambda _detail, _given: text


PHRASES: dict[str, Callable[[Detail, str | None], str]] = {
    "invalid_phone_number": _phone,
    "invalid_date": _date,
    "date_in_past": _past,
    "too_far_ahead": _too_far,
    "weekend_unavailable": _weekend,
    "clinic_closed": _closed,
    "invalid_time": _fixed("cannot read that as a time: use HH:MM (14:00) or 2pm"),
    "invalid_name": _fixed("not a usable name: letters, spaces, dots, apostrophes and dashes"),
    "invalid_confirmation_code": _fixed(
        "not a confirmation code: codes have 8 letters and digits, never 0, O, 1, I or L, "
        "e.g. DEF6789A"
    ),
    "outside_business_hours": _fixed(
        "outside opening hours (CLINIC_OPEN, CLINIC_CLOSE, SLOT_MINUTES)"
    ),
    "not_on_slot_boundary": _not_a_start,
    "slot_unavailable": _fixed("that slot is already booked; see `voice-agent slots DAY`"),
    "appointment_not_found": _fixed("no such appointment"),
    "appointment_not_active": _fixed("that appointment is no longer booked"),
    "user_not_found": _fixed("no caller with that phone number"),
    # limits of one call (the agent's tools), in case one reaches a terminal
    "too_many_accounts": _fixed("one call may look up only a few different accounts"),
    "too_many_bookings": _fixed("one call may book only a few appointments"),
    "name_change_refused": _fixed(
        "a caller may only correct the name on an account, not change it to another; "
        "staff rename it in the staff console"
    ),
    # browser calls (/call): the server's answers, in case one reaches a terminal
    "lines_busy": _fixed("every browser-call line is taken (CALL_MAX_CONCURRENT); try later"),
    "too_many_calls_from_client": _fixed(
        "this client already has a browser call (CALL_MAX_PER_CLIENT); end it first"
    ),
    "invalid_call_offer": _fixed("the browser's WebRTC offer cannot be used (no audio in it)"),
    "call_setup_failed": _fixed("the browser call could not be set up; see the server's log"),
}


CHECK_DATABASE = "check DATABASE_URL (or --database) and that the database server is running"


def _storage(error: StorageUnavailable, database: str | None) -> str:
    """For an operator: which database and why, never the sentence a caller hears.

    Where the storage named the file or database (``path`` in ``detail``) its own
    ``operator_message`` says it all; otherwise the line is made from the type (a subclass's
    ``problem`` and ``advice``, where it has them) and ``detail``'s ``reason``."""
    detail = error.detail
    if detail.get("path"):
        named = getattr(error, "operator_message", None)
        if isinstance(named, str) and named:
            return named
        where = f"{detail.get('what', 'the database')} {detail['path']}"
    else:
        where = database or "the database"
    text = f"{where} {getattr(error, 'problem', 'is unavailable')}"
    if detail.get("reason"):
        text += f" ({detail['reason']})"
    advice = detail.get("advice") or getattr(error, "advice", "") or CHECK_DATABASE
    return f"{text}; {advice}"


def cli_message(
    error: DomainError, given: str | None = None, *, database: str | None = None
) -> str:
    """One line for the terminal, phrased from the error's type, kind and detail; ``given``
    is the argument the user typed, quoted back where it helps; ``database`` names the
    database in use (for storage failures that do not name it themselves)."""
    if isinstance(error, StorageUnavailable):  # subclasses included (read-only, full, ...)
        return _storage(error, database)
    phrase = PHRASES.get(error.kind)
    if phrase is not None:
        return phrase(error.detail, given)
    return str(error) or error.kind.replace("_", " ")


def setting_problem(error: Mapping[str, Any]) -> str:
    """One line of a configuration error: the setting (when one is named), the value given
    and what it must be (pydantic's "Input should be greater than or equal to 5" named
    neither the value nor, for some, a value to give)."""
    msg = str(error["msg"]).removeprefix("Value error, ")
    given, bound = error.get("input"), error.get("ctx") or {}
    match error.get("type"):
        case "int_parsing" | "int_from_float":
            msg = f"'{given}' is not a whole number"
        case "float_parsing":
            msg = f"'{given}' is not a number (e.g. 0.5)"
        case "bool_parsing":
            msg = f"'{given}' is not true or false"
        case "greater_than_equal":
            msg = f"{given} is too small: give at least {bound.get('ge')}"
        case "greater_than":
            msg = f"{given} is too small: give more than {bound.get('gt')}"
        case "less_than_equal":
            msg = f"{given} is too large: give at most {bound.get('le')}"
        case "less_than":
            msg = f"{given} is too large: give less than {bound.get('lt')}"
    name = ".".join(str(part) for part in error["loc"]).upper()
    return f"{name}: {msg}" if name else msg


def undecodable_env_file(error: UnicodeDecodeError, env_file: Path | None = None) -> str:
    """What is wrong with a ``.env`` file that is not UTF-8 (the settings read it as such)."""
    path = (env_file or Path(str(Settings.model_config.get("env_file") or ".env"))).resolve()
    return (
        f"cannot read the settings in {path}: byte {error.start} is not UTF-8 "
        f"(0x{error.object[error.start]:02x}); save the file as UTF-8"
    )


WIDTH = 80
"""The columns an error keeps within: a one-line error of 170 characters ran off the edge of
an 80-column terminal, or wrapped in the middle of a word."""

_COMMAND = re.compile(r"`[^`]*`")
_KEEP = "\x00"  # stands for a space inside a `command`, which is copied whole, never split


def wrapped(prefix: str, message: str, *, width: int = WIDTH) -> str:
    """``prefix`` and ``message`` within ``width`` columns: each line of the message broken
    at spaces, its continuation indented by two more spaces than the line itself. A long
    word (a path, a URL) and a `command` in backquotes are never broken."""
    out: list[str] = []
    for number, line in enumerate(message.split("\n")):
        text = f"{prefix}{line}" if number == 0 else line
        indent = " " * (len(text) - len(text.lstrip(" ")))
        kept = _COMMAND.sub(lambda m: m.group(0).replace(" ", _KEEP), text.strip(" "))
        lines = textwrap.wrap(
            kept,
            width=width,
            initial_indent=indent,
            subsequent_indent=indent + "  ",
            break_long_words=False,
            break_on_hyphens=False,
        ) or [indent]
        out.extend(piece.replace(_KEEP, " ") for piece in lines)
    return "\n".join(out)
