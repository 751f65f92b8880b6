"""What a forty-second blind batch (days named through calendar landmarks: holidays, the turn
of the year, ordinal weekdays, parts of a month) taught the reading of one line, in other words
than the corpus lines. Today is Wednesday 25 November 2026 unless a test says otherwise."""

from __future__ import annotations

from datetime import date, time

import pytest

from .reading import TODAY, read


def _day(text: str, today: date = TODAY) -> date | None:
    day = read(text, today=today).when.day
    return None if day is None else day.exact


def _days(text: str, today: date = TODAY) -> tuple[date, ...]:
    day = read(text, today=today).when.day
    return () if day is None else day.dates


@pytest.mark.parametrize(
    ("line", "wanted"),
    [
        ("I'm skint till Friday, so the Monday after? The 30th would do.", date(2026, 11, 30)),
        ("Could it be the Monday after? Like, the 30th. Any time.", date(2026, 11, 30)),
        ("what about the Thursday after? the 3rd, I mean", date(2026, 12, 3)),
    ],
)
def test_after_at_the_end_of_a_sentence_binds_nothing_that_follows(line: str, wanted: date) -> None:
    assert _day(line) == wanted


@pytest.mark.parametrize(
    "line",
    [
        "Can I come the day after? Ten o'clock again.",
        "the day after then. Ten, same as before.",
    ],
)
def test_an_hour_said_after_a_sentence_ending_in_after_is_that_hour(line: str) -> None:
    when = read(line).when
    assert when.time is None or when.time.window is None, when.time


def test_after_ten_in_one_sentence_is_still_a_later_slot() -> None:
    when = read("anything after ten on Friday?").when
    assert when.time is not None and when.time.window is not None
    assert when.time.window[0] == time(11)


@pytest.mark.parametrize(
    ("line", "wanted"),
    [
        ("Some time in early February - the Tuesday, the 2nd, if you can.", date(2027, 2, 2)),
        ("in January please, the Wednesday, the 13th, around 10", date(2027, 1, 13)),
        ("late January, the 26th maybe?", date(2027, 1, 26)),
        ("the Monday after Christmas - the bank holiday back home, the 28th.", date(2026, 12, 28)),
    ],
)
def test_a_day_of_the_month_said_after_a_later_month_or_holiday_is_in_it(
    line: str, wanted: date
) -> None:
    assert _day(line) == wanted


@pytest.mark.parametrize(
    ("line", "wanted"),
    [
        ("I've got one on the 3rd of December, could you do the 30th instead?", date(2026, 11, 30)),
        ("I have one in January, can you move it to the 16th", date(2026, 12, 16)),
    ],
)
def test_a_whole_date_or_a_held_month_said_first_does_not_carry_its_month(
    line: str, wanted: date
) -> None:
    assert _day(line) == wanted


@pytest.mark.parametrize(
    ("line", "wanted"),
    [
        ("can I move it to the last Monday of the year, same time", date(2026, 12, 28)),
        ("the last Wednesday of this year in the morning", date(2026, 12, 30)),
        ("first Tuesday of next year, please", date(2027, 1, 5)),
        ("the second Thursday of the new year at two", date(2027, 1, 14)),
        ("the first Monday of the year", date(2027, 1, 4)),
    ],
)
def test_a_weekday_counted_within_the_year(line: str, wanted: date) -> None:
    assert _day(line) == wanted


@pytest.mark.parametrize(
    "line",
    [
        "I need to put it off to the first week of the new year",
        "sometime in the first week of next year",
        "can we do the first week of January",
    ],
)
def test_the_first_week_of_the_new_year_is_that_week_not_the_first(line: str) -> None:
    days = _days(line)
    assert days and all(d.year == 2027 and d.month == 1 and d.day <= 7 for d in days), days


@pytest.mark.parametrize(
    ("line", "wanted"),
    [
        ("the first week of the new year, Tuesday would be best", date(2027, 1, 5)),
        ("the week before Christmas, the Monday, same time", date(2026, 12, 21)),
        ("the week after Christmas - the Wednesday?", date(2026, 12, 30)),
    ],
)
def test_a_weekday_said_after_a_week_round_a_holiday_is_that_week_s(
    line: str, wanted: date
) -> None:
    assert _day(line) == wanted


@pytest.mark.parametrize(
    ("line", "today"),
    [
        ("I'd like to be seen this side of New Year if possible", date(2026, 12, 28)),
        ("anything this side of Christmas?", date(2026, 12, 21)),
    ],
)
def test_this_side_of_a_holiday_is_the_days_up_to_it(line: str, today: date) -> None:
    days = _days(line, today)
    assert days and days[0] >= today and all(d.month == 12 for d in days), days


@pytest.mark.parametrize(
    ("line", "wanted"),
    [
        (
            "My rota changes on the 7th, so the day after, Tuesday the 8th, at one?",
            date(2026, 12, 8),
        ),
        ("could I come the day before, Wednesday the 16th", date(2026, 12, 16)),
        (
            "I'm back on the 9th - the day after, Thursday the 10th, in the morning",
            date(2026, 12, 10),
        ),
    ],
)
def test_a_weekday_and_date_said_after_the_day_after_is_the_day_meant(
    line: str, wanted: date
) -> None:
    u = read(line)
    assert u.when.day is not None and u.when.day.exact == wanted
    assert u.day_shift is None


def test_the_day_before_a_date_said_first_is_still_the_day_before() -> None:
    assert _day("I fly out on the 18th, so I need something the day before") == date(2026, 12, 17)


@pytest.mark.parametrize(
    ("line", "wanted"),
    [
        ("Then the Thursday before it, Christmas Eve, in the afternoon.", date(2026, 12, 24)),
        ("the day before that, Christmas Eve", date(2026, 12, 24)),
    ],
)
def test_a_holiday_named_again_after_before_it_is_that_day(line: str, wanted: date) -> None:
    assert _day(line) == wanted


@pytest.mark.parametrize(
    "line",
    [
        "cancel the one on the third Friday in December. The one on the 4th I'm keeping.",
        "please cancel the 18th, the one on the fourth im keeping",
        "the 18th has to go - the 4th we're keeping",
    ],
)
def test_a_day_said_to_be_kept_is_not_the_one_to_cancel(line: str) -> None:
    u = read(line)
    assert u.when.day is not None and u.when.day.exact == date(2026, 12, 18), u.when.day
