"""Ways of saying things the typed corpus's leftovers (leftovers26) showed the reader missed,
each said here in other words than the corpus lines. Today is Wednesday 25 November 2026."""

from __future__ import annotations

from datetime import date

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Context, understand
from voice_agent.adapters.offline.dialogue.understanding.when import day_shift

TODAY = date(2026, 11, 25)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "I'd like Thursday the 3rd at 2pm, and a second exactly one week thereafter",
            date(2026, 12, 3),
            date(2026, 12, 10),
        ),
        (
            "Monday the 30th at 9, and then another one a week later, same time",
            date(2026, 11, 30),
            date(2026, 12, 7),
        ),
        (
            "friday the 27th at 10 and another appointment two weeks after that please",
            date(2026, 11, 27),
            date(2026, 12, 11),
        ),
    ],
)
def test_a_second_visit_counted_from_the_first_has_its_day(
    text: str, first: date, second: date
) -> None:
    u = understand(text, Context(today=TODAY))
    assert u.task == "book" and u.when.day is not None and u.when.day.exact == first
    assert u.second_visit is not None and u.second_visit.when.day is not None
    assert u.second_visit.when.day.exact == second


@pytest.mark.parametrize(
    ("said", "shift"),
    [("one week thereafter", 7), ("two days thereafter", 2), ("a fortnight thereafter", 14)],
)
def test_thereafter_is_later(said: str, shift: int) -> None:
    assert day_shift(said.split()) == shift


def test_a_second_said_of_time_is_no_second_visit() -> None:
    # "give me a second" is a wait, not another booking
    u = understand("Monday the 30th at 9, and a second - sorry, hold on", Context(today=TODAY))
    assert u.second_visit is None


@pytest.mark.parametrize(
    "text",
    [
        "I'm a patient, I should say, not one of your doctors - can I move Friday's?",
        "one of the nurses told me to ring and book a follow-up on Monday",
        "my husband is one of your patients too, can he have Monday morning",
    ],
)
def test_one_of_them_is_no_hour(text: str) -> None:
    u = understand(text, Context(today=TODAY))
    assert u.when.time is None or u.when.time.at is None, u.when
    assert not u.when.rejected_times, u.when


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("could it go to the Wednesday of the following week instead", date(2026, 12, 9)),
        ("the friday of the following week, same time", date(2026, 12, 11)),
    ],
)
def test_a_weekday_of_the_following_week_is_after_the_day_in_question(text: str, day: date) -> None:
    u = understand(text, Context(today=TODAY, anchor=date(2026, 12, 1)))
    assert u.when.day is not None and u.when.day.exact == day


@pytest.mark.parametrize(
    ("text", "days"),
    [
        (
            "ugh, the hospital's moved my operation to the 4th, so can you push my appointments "
            "back a week",
            [],
        ),
        (
            "they've gone and changed my shift to Friday so could my Friday one be on Monday",
            [date(2026, 11, 27), date(2026, 11, 30)],
        ),
        (
            "my boss moved my flight to Monday the 30th, so I need Tuesday instead",
            [date(2026, 12, 1)],
        ),
    ],
)
def test_the_day_someone_else_moved_an_event_to_is_not_asked_for(
    text: str, days: list[date]
) -> None:
    u = understand(text, Context(today=TODAY))
    assert [d.exact for d in u.days] == days, u.days
