"""Ways of saying things that a seventeenth batch of blind calls (weeks and parts of a month,
holidays, clock forms, paging through the times offered) showed the reader missed, said here in
other words, numbers and days than the corpus lines. Today is Wednesday 25 November 2026 unless
a test says otherwise; the clinic opens 9-16."""

from __future__ import annotations

from datetime import date, time

import pytest

from .reading import read

DEC_1 = date(2026, 12, 1)
DEC_10 = date(2026, 12, 10)


def _days(text: str, today: date = DEC_1, **ctx: object) -> tuple[date, ...]:
    u = read(text, today=today, **ctx)  # type: ignore[arg-type]
    assert u.when.day is not None, text
    return u.when.day.dates


# --- a part of a month, a week of one --------------------------------------------------------
def test_late_next_month_is_its_last_days() -> None:
    days = _days("could I come in sometime late next month", today=date(2026, 11, 25))
    assert days[0] == date(2026, 12, 21) and days[-1] == date(2026, 12, 31)


def test_the_middle_of_the_month_is_this_month() -> None:
    days = _days("around the middle of the month, an afternoon")
    assert min(days) >= date(2026, 12, 11) and max(days) <= date(2026, 12, 20)


def test_the_second_week_of_a_month_is_that_week() -> None:
    days = _days("the second week of January, any morning")
    assert days == (
        date(2027, 1, 8),
        date(2027, 1, 11),
        date(2027, 1, 12),
        date(2027, 1, 13),
        date(2027, 1, 14),
    )


def test_the_week_of_a_date_is_the_whole_week() -> None:
    assert _days("something the week of December 7th please") == tuple(
        date(2026, 12, d) for d in range(7, 12)
    )


def test_a_weekday_after_a_week_asked_for_is_the_one_in_it() -> None:
    days = _days("the week of the 14th, maybe Wednesday or Thursday")
    assert set(days) == {date(2026, 12, 16), date(2026, 12, 17)}


def test_a_month_then_an_hour_is_not_that_date() -> None:
    # "January, ten-ish": a part of January and an hour, not January 10th
    u = read("early January, ten-ish", today=DEC_1)
    assert u.when.day is not None and date(2027, 1, 10) not in u.when.day.dates[:1]
    assert len(u.when.day.dates) > 1
    assert u.when.time is not None and u.when.time.at == time(10)


# --- holidays -------------------------------------------------------------------------------
def test_a_weekday_after_a_holiday_is_the_first_one_after_it() -> None:
    assert _days("the Tuesday after Christmas, if you can") == (date(2026, 12, 29),)


def test_after_the_holidays_is_from_the_first_working_days_of_january() -> None:
    days = _days("can we leave it till after the holidays", today=DEC_10)
    assert min(d for d in days if d.weekday() < 5) == date(2027, 1, 4)


def test_between_two_holidays_is_the_days_between_them() -> None:
    days = _days("any time between Christmas and New Year's")
    assert date(2026, 12, 25) not in days and date(2027, 1, 1) not in days
    assert date(2026, 12, 28) in days and date(2026, 12, 31) in days


def test_a_holiday_wish_is_no_day_asked_for() -> None:
    assert read("no that's all, happy new years!", asked="anything_else").when.day is None


# --- clock forms -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "hour"),
    [
        ("Friday, 1500 hours", 15),
        ("Friday at thirteen hundred", 13),
        ("friday oh nine hundred hours", 9),
        ("Friday at fifteen hundred", 15),
        ("Friday at 1300 hrs", 13),
    ],
)
def test_military_and_ish_hours(text: str, hour: int) -> None:
    u = read(text)
    assert u.when.time is not None and u.when.time.at == time(hour), text


def test_an_hour_ish_but_not_before_it_keeps_the_bound() -> None:
    u = read("Tuesday three-ish, but not before three")
    assert u.when.time is not None and u.when.time.at == time(15)
    assert u.when.time.window is not None and u.when.time.window[0] == time(15)


def test_afternoonish_is_the_afternoon() -> None:
    u = read("Thursday, afternoonish")
    assert u.when.time is not None and u.when.time.window == (time(12), time(16))


# --- paging through the times offered ---------------------------------------------------------
def test_a_count_of_the_times_offered_is_no_hour() -> None:
    u = read("I'll take the later of those two", asked="choose_time")
    assert u.when.time is None
    u = read("the first of the two, please", asked="confirm")
    assert u.when.time is None and u.when.day is None  # not 2 o'clock, not the 1st
    assert read("the 3rd of the month", today=DEC_10).when.day is not None


def test_the_next_thing_you_have_is_the_soonest() -> None:
    u = read("what's the next thing you have available?")
    assert u.when.day is not None and u.when.day.earliest


# --- names -----------------------------------------------------------------------------------
def test_a_hyphenated_first_name_beside_a_number_is_a_name() -> None:
    u = read("Seo-yeon Kim, 617 555 0123", asked="phone")
    assert u.name is not None and u.name.lower().replace("-", " ") == "seo yeon kim"


# --- a weekday and a date that disagree ---------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "weekday", "dated"),
    [
        ("can I come Wednesday the 10th", date(2026, 12, 2), date(2026, 12, 10)),
        ("Monday, December 8th at 3", date(2026, 11, 30), date(2026, 12, 8)),
        ("friday the fifth at ten", date(2026, 11, 27), date(2026, 12, 5)),
    ],
)
def test_a_weekday_and_a_date_that_disagree_are_a_clash(
    text: str, weekday: date, dated: date
) -> None:
    clash = read(text).clash
    assert clash is not None and (clash.weekday, clash.dated) == (weekday, dated)


@pytest.mark.parametrize(
    "text", ["Tuesday the 1st at 3", "Monday or the 10th", "not Monday, the 10th", "on the 3rd"]
)
def test_no_clash_where_they_agree_or_are_two_choices(text: str) -> None:
    assert read(text).clash is None
