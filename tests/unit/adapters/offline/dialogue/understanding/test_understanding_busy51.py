"""The caller's own busy days read as days to offer around, not as the day wanted (busy51,
issue 10): a day said as the one they fly out or leave on, the day a run of shifts ends, the
days listed after "except", and a busy hour on a weekday said again as the day wanted (which
narrows that day, it does not rule it out). Today is Wednesday 25 November 2026."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Context, understand

TODAY = date(2026, 11, 25)  # a Wednesday
THURSDAY = date(2026, 11, 26)
FRIDAY = date(2026, 11, 27)
MONDAY = date(2026, 11, 30)
TUESDAY = date(2026, 12, 1)
WEDNESDAY = date(2026, 12, 2)
THURSDAY_NEXT = date(2026, 12, 3)
FRIDAY_NEXT = date(2026, 12, 4)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("I fly out on the Friday, what have you got next week?", FRIDAY),
        ("we're leaving for Spain on Monday, anything next week?", MONDAY),
        ("my husband and I are flying to my sister's Tuesday so any day next week", TUESDAY),
        ("we leave Thursday for a fortnight, anything this week?", THURSDAY),
    ],
)
def test_the_day_the_caller_goes_away_is_ruled_out(text: str, gone: date) -> None:
    u = understand(text, Context(today=TODAY))
    assert gone in u.when.rejected_days, u.when
    assert u.when.day is not None and gone not in u.when.day.dates, u.when


@pytest.mark.parametrize(
    ("text", "busy", "wanted"),
    [
        ("my last one finishes Friday morning so Monday would be best", FRIDAY, MONDAY),
        ("my nights end on Tuesday, so Wednesday afternoon please", TUESDAY, WEDNESDAY),
        ("the last of my shifts ends Monday so a Thursday please", MONDAY, THURSDAY),
    ],
)
def test_the_day_a_run_of_shifts_ends_is_not_the_day_wanted(
    text: str, busy: date, wanted: date
) -> None:
    u = understand(text, Context(today=TODAY))
    assert busy in u.when.rejected_days, u.when
    assert u.when.day is not None and u.when.day.dates[0] == wanted, u.when
    assert u.when.time is None or not u.when.time.latest, u.when  # "my last one": not the latest


@pytest.mark.parametrize(
    ("text", "busy"),
    [
        (
            "I'm free all next week except I've got the dentist Monday and a work thing"
            " Wednesday so anything else",
            (MONDAY, WEDNESDAY),
        ),
        (
            "any day next week except I have a meeting Tuesday and the school play next Thursday",
            (TUESDAY, THURSDAY_NEXT),
        ),
    ],
)
def test_days_listed_after_except_are_all_ruled_out(text: str, busy: tuple[date, ...]) -> None:
    u = understand(text, Context(today=TODAY))
    assert set(busy) <= set(u.when.rejected_days), u.when
    assert u.when.day is not None and not set(busy) & set(u.when.day.dates), u.when


@pytest.mark.parametrize(
    ("text", "weekday", "after"),
    [
        ("I finish work at twelve on Wednesdays, so a Wednesday afternoon please", 2, time(12)),
        ("she's at work till two on Fridays, so a Friday afternoon after two", 4, time(14)),
    ],
)
def test_a_busy_hour_on_a_weekday_said_again_narrows_that_day(
    text: str, weekday: int, after: time
) -> None:
    u = understand(text, Context(today=TODAY))
    assert u.when.day is not None and u.when.day.dates[0].weekday() == weekday, u.when
    assert not [d for d in u.when.rejected_days if d.weekday() == weekday], u.when
    assert u.when.time is not None and u.when.time.window is not None, u.when
    assert u.when.time.window[0] >= after, u.when


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("I'm flying in next week, could I book Tuesday at 2?", TUESDAY),
        ("could I leave it on Friday?", FRIDAY),
    ],
)
def test_arriving_or_leaving_an_appointment_is_not_going_away(text: str, day: date) -> None:
    u = understand(text, Context(today=TODAY))
    assert u.when.day is not None and day in u.when.day.dates, u.when
    assert day not in u.when.rejected_days, u.when


def test_a_departure_with_before_it_is_still_a_limit() -> None:
    u = understand("I'm flying out on the 4th, so before that please", Context(today=TODAY))
    assert u.when.day is not None and u.when.day.dates[-1] < FRIDAY_NEXT, u.when
    assert FRIDAY_NEXT not in u.when.day.dates, u.when


@pytest.mark.parametrize(
    "text",
    [
        "I'm away Tuesday to Thursday, anything next week?",
        "we'll be away from Tuesday till Thursday so anything else next week",
    ],
)
def test_a_span_of_days_away_is_ruled_out_to_its_end(text: str) -> None:
    u = understand(text, Context(today=TODAY))
    assert {TUESDAY, WEDNESDAY, THURSDAY_NEXT} <= set(u.when.rejected_days), u.when
    assert u.when.day is not None and THURSDAY_NEXT not in u.when.day.dates, u.when
