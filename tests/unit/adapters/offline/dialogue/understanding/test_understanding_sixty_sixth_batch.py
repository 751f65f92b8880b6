"""Ways of saying things that a sixty-sixth batch of blind calls (what the doctor or nurse told
the caller to book: a follow-up counted from a visit) showed the reader missed, said here in
other words than the corpus lines. Today is Wednesday 25 November 2026."""

from __future__ import annotations

from datetime import date

import pytest

from .reading import read


# --- a gap counted from the day just said -----------------------------------------------------
@pytest.mark.parametrize(
    ("text", "day"),
    [
        # a day held, the follow-up counted from it
        (
            "my scan's on the 7th of December and the consultant wants me two weeks after that",
            date(2026, 12, 21),
        ),
        (
            "I'm booked Friday the 4th, and she needs to see me ten days after it",
            date(2026, 12, 14),
        ),
        (
            "the first dose is Monday the 30th, the next one is four weeks after that one",
            date(2026, 12, 28),
        ),
        (
            "I see you on the 1st of December, and then a month after that for the review",
            date(2027, 1, 1),
        ),
        (
            "my injection is on Friday the 4th, can I have the booster a fortnight after it?",
            date(2026, 12, 18),
        ),
        ("I'm in on the 2nd and the physio wants a week on from that", date(2026, 12, 9)),
    ],
)
def test_a_gap_counted_from_the_day_just_said_is_the_day_wanted(text: str, day: date) -> None:
    u = read(text)
    assert u.when.day is not None and u.when.day.dates == (day,), u.when


def test_a_gap_with_no_day_said_before_is_not_counted_from_one() -> None:
    u = read("three weeks after that would be fine")
    assert u.when.day is None or u.when.day.dates != (date(2026, 12, 16),), u.when


# --- the weekday of a date said, and a day that only says what time ---------------------------
@pytest.mark.parametrize(
    "text",
    [
        "the 7th of January - that's a Thursday, I think - at ten",
        "January the 7th, it'll be a Thursday, any time in the morning",
    ],
)
def test_a_weekday_said_of_a_date_is_that_date(text: str) -> None:
    u = read(text)
    assert u.when.day is not None and date(2027, 1, 7) in u.when.day.dates, u.when
    assert date(2026, 12, 3) not in u.when.day.dates, u.when


@pytest.mark.parametrize(
    "text",
    [
        "the doctor said come back in a week, same time as today please",
        "in a week's time, at the same time as today if possible",
    ],
)
def test_same_time_as_today_is_not_today(text: str) -> None:
    u = read(text)
    assert u.when.day is not None and u.when.day.dates != (date(2026, 11, 25),), u.when


# --- "the Friday before" a day said earlier ---------------------------------------------------
@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "six weeks from now is the 6th of January, so could I have the Monday before?",
            date(2027, 1, 4),
        ),
        (
            "my daughter's wedding is on the 18th of December, can I come the Tuesday before?",
            date(2026, 12, 15),
        ),
    ],
)
def test_a_weekday_before_a_day_said_is_the_last_one_before_it(text: str, day: date) -> None:
    u = read(text)
    assert u.when.day is not None and u.when.day.dates == (day,), u.when


# --- a yes that names the day of the month of a later month's day proposed --------------------
@pytest.mark.parametrize(
    "text", ["yes, the 12th is perfect, go ahead", "that's right, book me in for the twelfth"]
)
def test_the_day_of_the_month_proposed_in_a_later_month_is_that_day(text: str) -> None:
    u = read(text, asked="confirm", proposed=date(2027, 1, 12))
    assert u.when.day is not None and u.when.day.dates == (date(2027, 1, 12),), u.when


def test_another_day_of_the_month_at_a_later_proposal_stays_this_months() -> None:
    u = read("no, the 14th please", asked="confirm", proposed=date(2027, 1, 12))
    assert u.when.day is not None and u.when.day.dates == (date(2026, 12, 14),), u.when


@pytest.mark.parametrize(
    "text",
    [
        "no, I meant the 12th of this month",
        "that's not what I said, the 12th, same time",
        "wrong one - I wanted the 12th",
    ],
)
def test_the_day_of_the_month_proposed_put_right_is_not_the_proposed_ones(text: str) -> None:
    # the same day of the month said to put a later month's proposal right: another 12th
    u = read(text, asked="confirm", proposed=date(2027, 1, 12))
    assert u.when.day is not None and date(2027, 1, 12) not in u.when.day.dates, u.when
