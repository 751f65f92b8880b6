"""A day said with "one p m" after it, as a recogniser writes it (daytime35, issue 10): the
"one" after a weekday or an ordinal was read as a pronoun ("the Friday one", "the second
one"), so "Friday one p m" lost its hour and "the twenty second one p m" its day and hour (a
pick of the second offered time). A "one" with "p m", "a m" or "o'clock" after it is the hour;
"the Friday one", "the second one" stay what they were. Today is Wednesday 25 November 2026."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Context, understand

TODAY = date(2026, 11, 25)  # a Wednesday


@pytest.mark.parametrize("asked", ["datetime", "choose_time", "confirm", "request"])
@pytest.mark.parametrize(
    ("text", "day", "at"),
    [
        ("maybe friday one p m", date(2026, 11, 27), time(13)),
        ("um thursday one p m if you have it", date(2026, 11, 26), time(13)),
        ("what about the twenty seventh one p m", date(2026, 11, 27), time(13)),
        ("the thirtieth one o'clock", date(2026, 11, 30), time(13)),
        ("let's do the twenty first one p m", date(2026, 12, 21), time(13)),
    ],
)
def test_a_day_with_one_p_m_after_it_keeps_the_day_and_the_hour(
    asked: str, text: str, day: date, at: time
) -> None:
    u = understand(text, Context(today=TODAY, asked=asked))  # type: ignore[arg-type]
    assert u.when.day is not None and u.when.day.dates == (day,), u.when
    assert u.when.time is not None and u.when.time.at == at, u.when
    assert u.ordinal is None


def test_the_fifth_one_p_m_at_a_day_question_is_the_fifth_at_one() -> None:
    u = understand("the fifth one p m", Context(today=TODAY, asked="datetime"))
    assert u.when.day is not None and u.when.day.dates == (date(2026, 12, 5),)
    assert u.when.time is not None and u.when.time.at == time(13)
    assert u.ordinal is None


@pytest.mark.parametrize(
    ("text", "ordinal"),
    [
        ("the second one please", 2),
        ("the first one", 1),
        ("the fifth one", 5),
        ("um the second one is fine", 2),
    ],
)
def test_a_pick_by_its_place_is_still_a_pick(text: str, ordinal: int) -> None:
    u = understand(text, Context(today=TODAY, asked="choose_time"))
    assert u.ordinal == ordinal
    assert u.when.time is None or u.when.time.at != time(13)


@pytest.mark.parametrize(
    "text", ["the friday one", "the friday one a bit later", "the twenty second one"]
)
def test_a_day_named_with_one_after_it_gets_no_hour(text: str) -> None:
    u = understand(text, Context(today=TODAY, asked="datetime"))
    assert u.when.time is None or u.when.time.at != time(13)
