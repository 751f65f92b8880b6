"""A weekday typed on the command line (`voice-agent slots "next friday"`) is the day the
receptionist understands from a caller who says it: both read it with the domain's parser."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from voice_agent.domain.datetimes import parse_date
from voice_agent.domain.weekdays import WEEKDAYS

from .reading import read

MONDAY = date(2026, 11, 30)


@pytest.mark.parametrize("today", [MONDAY + timedelta(days=n) for n in range(7)])
@pytest.mark.parametrize("said_after", ["", "this ", "next ", "on "])
def test_the_command_line_and_the_receptionist_read_a_weekday_alike(
    today: date, said_after: str
) -> None:
    for name in WEEKDAYS[:5]:
        typed = f"{said_after}{name.lower()}"
        heard = read(f"do you have anything {typed}", today=today)
        assert heard.when.day is not None, typed
        assert parse_date(typed, today=today, exact=True) == heard.when.day.exact, (today, typed)


def test_next_wednesday_said_on_a_tuesday_is_the_week_after() -> None:
    tuesday = date(2026, 12, 1)
    assert parse_date("next wednesday", today=tuesday, exact=True) == date(2026, 12, 9)
    assert parse_date("next friday", today=tuesday, exact=True) == date(2026, 12, 4)


@pytest.mark.parametrize("today", [MONDAY + timedelta(days=n) for n in range(7)])
@pytest.mark.parametrize(
    ("typed", "weeks"),
    [
        ("the wednesday after next", 1),
        ("a week on tuesday", 1),
        ("tuesday week", 1),
        ("the friday after this one", 1),
        ("next friday but one", 1),
        ("friday fortnight", 2),
    ],
)
def test_a_weekday_a_week_on_is_read_alike_by_both(today: date, typed: str, weeks: int) -> None:
    """The command line listed the coming Wednesday for "the wednesday after next", and
    the receptionist heard "the Friday after this one" and "next Friday but one" as the coming
    Friday: each is the weekday said plainly ("next" kept), ``weeks`` on."""
    plain = typed.replace("the ", "").split()
    name = next(w for w in plain if w in ("tuesday", "wednesday", "friday"))
    said = f"next {name}" if typed.startswith("next") else name
    expected = parse_date(said, today=today, exact=True) + timedelta(days=7 * weeks)
    heard = read(f"do you have anything {typed}", today=today)
    assert heard.when.day is not None and heard.when.day.exact == expected, (today, typed)
    assert parse_date(typed, today=today, exact=True) == expected, (today, typed)


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Friday the 4th at 10", date(2026, 12, 4)),
        ("thursday the 3rd of december", date(2026, 12, 3)),
        ("monday 30th", date(2026, 11, 30)),
        ("a fortnight on Monday please", date(2026, 12, 14)),
    ],
)
def test_a_weekday_and_a_date_that_agree_are_that_date(line: str, day: date) -> None:
    heard = read(line)
    assert heard.when.day is not None and heard.when.day.exact == day, line
    assert heard.bad_day is None, line


@pytest.mark.parametrize(
    "line", ["the monday then, this coming one", "the coming one", "the following one please"]
)
def test_a_coming_one_is_a_day_not_one_oclock(line: str) -> None:
    """Asked which day after a clash, "the monday then, this coming one" was booked at 1 PM."""
    heard = read(line, asked="day")
    assert heard.when.time is None, line
