"""Days counted from other days, as callers say them ("the Monday after next", "two weeks
Friday", "this time next week", "the 2nd of next month", "the last Friday of the month"), read
on several todays: mid-month, the end of a year, the end of a month."""

from __future__ import annotations

from datetime import date

import pytest

from .reading import read

WED_NOV_25 = date(2026, 11, 25)
WED_DEC_30 = date(2026, 12, 30)
FRI_JAN_29 = date(2027, 1, 29)


@pytest.mark.parametrize(
    ("text", "today", "day"),
    [
        ("could I come in the monday after next", WED_NOV_25, date(2026, 12, 7)),
        ("the monday after next, any time", WED_DEC_30, date(2027, 1, 11)),
        ("the monday after next please", FRI_JAN_29, date(2027, 2, 8)),
        ("two weeks friday if you can", WED_NOV_25, date(2026, 12, 11)),
        ("is there anything two weeks on friday", WED_DEC_30, date(2027, 1, 15)),
        # on a Friday "from Friday" may be today or a week on: the read-back settles it
        ("2 weeks from friday would be good", WED_DEC_30, date(2027, 1, 15)),
        ("a week from tomorrow", WED_NOV_25, date(2026, 12, 3)),
        ("a week from tomorrow works", WED_DEC_30, date(2027, 1, 7)),
        ("can I come this time next week", WED_NOV_25, date(2026, 12, 2)),
        ("this time next week then", WED_DEC_30, date(2027, 1, 6)),
        ("this time next week?", FRI_JAN_29, date(2027, 2, 5)),
        ("the 2nd of next month please", WED_NOV_25, date(2026, 12, 2)),
        ("book me the 4th of next month", WED_DEC_30, date(2027, 1, 4)),
        ("the 2nd of next month in the morning", FRI_JAN_29, date(2027, 2, 2)),
        ("the last friday of the month, morning", WED_NOV_25, date(2026, 11, 27)),
        ("is the last friday of the month free", WED_DEC_30, date(2027, 1, 29)),
        ("the last friday of the month", FRI_JAN_29, date(2027, 1, 29)),
        ("the last monday of next month", WED_DEC_30, date(2027, 1, 25)),
        ("the last tuesday of march", WED_NOV_25, date(2027, 3, 30)),
    ],
)
def test_a_day_counted_from_another_is_that_day(text: str, today: date, day: date) -> None:
    u = read(text, today=today)
    assert u.when.day is not None and u.when.day.dates == (day,), u.when.day


@pytest.mark.parametrize(
    ("text", "today", "day"),
    [
        # one reader of a weekday counted in a month, for every count and every month said
        ("the first monday of the month if there's room", WED_NOV_25, date(2026, 12, 7)),
        ("can i do the second tuesday of this month", WED_DEC_30, date(2027, 1, 12)),
        ("the first friday of the month", FRI_JAN_29, date(2027, 2, 5)),
        ("the third thursday of the month, afternoon", WED_NOV_25, date(2026, 12, 17)),
        ("the last wednesday of this month", WED_NOV_25, date(2026, 11, 25)),
        ("the second monday in january", WED_NOV_25, date(2027, 1, 11)),
    ],
)
def test_a_weekday_counted_in_the_month_is_this_months_or_else_next(
    text: str, today: date, day: date
) -> None:
    u = read(text, today=today)
    assert u.when.day is not None and u.when.day.dates == (day,), u.when.day


SUN_DEC_13 = date(2026, 12, 13)


@pytest.mark.parametrize(
    "text",
    [
        "i need to cancel both my appointments this week",
        "anything this week, mornings",
        "what have I got on this week?",
    ],
)
def test_this_week_said_on_a_sunday_is_the_week_it_begins(text: str) -> None:
    # the clinic's calendar is American (Sunday first): on a Sunday "this week" is the
    # coming days to Saturday, not Sunday alone (a caller's Monday and Thursday are in it)
    (day,) = read(text, today=SUN_DEC_13).days
    assert day.dates[0] == SUN_DEC_13 and day.dates[-1] == date(2026, 12, 19)
    assert date(2026, 12, 14) in day.dates and date(2026, 12, 17) in day.dates


def test_this_week_said_on_a_saturday_is_what_is_left_of_it() -> None:
    (day,) = read("anything this week?", today=date(2026, 12, 12)).days
    assert day.dates == (date(2026, 12, 12), date(2026, 12, 13))
