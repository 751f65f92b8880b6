"""Ways of saying things that a twenty-eighth batch of blind calls (forms and emails, callers
wrong about being on file, loose amounts of time, any weekday, a change taken back, a slot by
its place in the clinic's day) showed the reader missed, each said here in other words than
the corpus lines. Today is Wednesday 25 November 2026; the clinic opens 9-16."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Asked, Context, understand

TODAY = date(2026, 11, 25)  # a Wednesday


def read(text: str, asked: Asked = "request"):  # type: ignore[no-untyped-def]
    return understand(text, Context(today=TODAY, asked=asked))


def _weekdays(first: date, last: date) -> tuple[date, ...]:
    span = (last - first).days + 1
    days = (first + timedelta(days=k) for k in range(span))
    return tuple(d for d in days if d.weekday() < 5)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        # a few days on: from the third day, never today or tomorrow
        ("could you see me in a few days' time?", date(2026, 11, 28), date(2026, 11, 30)),
        ("sometime a week or so from now would be great", date(2026, 12, 1), date(2026, 12, 4)),
        ("um in like two or three weeks maybe", date(2026, 12, 9), date(2026, 12, 16)),
        ("give it a couple of days and then book me in", date(2026, 11, 27), date(2026, 11, 28)),
        ("a day or two from now if you can", date(2026, 11, 26), date(2026, 11, 27)),
    ],
)
def test_a_loose_amount_of_time_from_now_is_the_days_it_takes_in(
    text: str, first: date, last: date
) -> None:
    day = read(text).when.day
    assert day is not None and day.dates == _weekdays(first, last), text


def test_a_month_from_today_is_the_same_day_of_next_month() -> None:
    day = read("the doctor wants me back a month from today, at 9").when.day
    assert day is not None and day.dates == (date(2026, 12, 25),)


@pytest.mark.parametrize(
    "text",
    ["I've had this cough for a couple of days", "I was in a few weeks ago, same problem"],
)
def test_a_stretch_of_time_in_the_past_or_a_duration_is_no_day(text: str) -> None:
    assert read(text).when.day is None


@pytest.mark.parametrize(
    ("text", "weekday"),
    [
        ("is there any Friday you could do at 11?", 4),
        ("Wednesdays suit me best, at 2 if you can", 2),
        ("a Monday would be good, doesn't matter which one", 0),
        ("whichever Tuesday's soonest with a 3 o'clock", 1),
        ("what's the first Thursday you have free after lunch?", 3),
    ],
)
def test_a_weekday_said_as_any_such_day_is_that_weekday_for_weeks_on(
    text: str, weekday: int
) -> None:
    day = read(text).when.day
    assert day is not None and len(day.dates) > 4, text
    first = day.dates[0]
    assert first.weekday() == weekday and first - TODAY < timedelta(days=8), text
    assert all(b - a == timedelta(days=7) for a, b in itertools.pairwise(day.dates)), text


def test_any_of_two_weekdays_is_whichever_comes_first() -> None:
    day = read("I could do any Monday or Wednesday really, after one").when.day
    assert day is not None
    assert day.dates[:4] == (
        date(2026, 11, 30),
        date(2026, 12, 2),
        date(2026, 12, 7),
        date(2026, 12, 9),
    )


@pytest.mark.parametrize("text", ["can I come Friday at 11?", "next Tuesday please, at 3"])
def test_a_plain_weekday_is_still_the_coming_one_only(text: str) -> None:
    day = read(text).when.day
    assert day is not None and len(day.dates) == 1, text


@pytest.mark.parametrize(
    ("text", "latest"),
    [
        ("could I have the last morning slot on Friday?", True),
        ("your last afternoon appointment Tuesday please", True),
        ("what's your first afternoon appointment on Monday?", False),
    ],
)
def test_the_first_or_last_slot_of_a_part_of_the_day_is_its_end(text: str, latest: bool) -> None:
    said = read(text).when.time
    assert said is not None and said.window is not None, text
    assert (said.latest, said.earliest) == (latest, not latest), text


def test_a_monday_inside_a_stretch_said_first_stays_inside_it() -> None:
    day = read("then the furthest out you can do - early January, a Monday, any time").when.day
    assert day is not None and day.dates == (date(2027, 1, 4),)
