"""What a thirty-seventh blind batch (callers who have it wrong) taught the reading of one
line, in other words than the corpus lines."""

from __future__ import annotations

from datetime import date

import pytest

from .reading import read


@pytest.mark.parametrize(
    "line",
    [
        "Hi, just checking I'm in on Thursday at 2 and the Monday after at 2?",
        "making sure we're still down for Friday the 4th at ten",
        "am I in for Monday morning? I can't find the card",
        "i was just ringing to confirm im booked in for the ninth at eleven",
    ],
)
def test_making_sure_they_are_in_on_a_day_is_a_check(line: str) -> None:
    assert read(line).task == "list", line


@pytest.mark.parametrize(
    "line",
    [
        "I'd like to come in on Monday if I'm in town for it",
        "can I book Friday at 10, I'm in for a long week",
    ],
)
def test_being_in_town_or_in_for_a_week_is_no_check(line: str) -> None:
    assert read(line).task == "book", line


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("ah it's a Sunday? ok then the Thursday before, the 17th, morning", date(2026, 12, 17)),
        ("the Monday before, the 14th, would do", date(2026, 12, 14)),
        ("the Tuesday before the 17th please", date(2026, 12, 15)),
    ],
)
def test_a_weekday_before_with_its_own_date_after_a_comma_is_that_date(
    line: str, day: date
) -> None:
    u = read(line, discussed=date(2026, 12, 20), focus=date(2026, 12, 20))
    assert u.when.day is not None and u.when.day.dates == (day,), line


@pytest.mark.parametrize(
    "line",
    [
        "ugh, then I'll take the afternoon off - the latest you've got on Tuesday",
        "fine, I'll have to take the day off work, so Thursday at 10",
    ],
)
def test_time_off_work_is_no_cancel(line: str) -> None:
    assert read(line).task != "cancel", line


def test_taking_the_friday_one_off_is_still_a_cancel() -> None:
    assert read("can you take the Friday one off for me").task == "cancel"


@pytest.mark.parametrize(
    "line",
    [
        "it has to be a Friday, I can only get away from work on Fridays",
        "I'm only off work on Fridays so a Friday please",
    ],
)
def test_a_weekday_off_work_is_no_day_ruled_out(line: str) -> None:
    u = read(line)
    assert not u.when.rejected_days, line
    assert u.when.day is not None and date(2026, 11, 27) in u.when.day.dates, line


def test_a_weekday_at_work_is_still_ruled_out() -> None:
    assert date(2026, 11, 27) in read("not Fridays, I'm at work on Fridays").when.rejected_days
