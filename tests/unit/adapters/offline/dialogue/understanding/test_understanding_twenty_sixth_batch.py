"""Ways of saying things that a twenty-sixth batch of blind calls (parts of the day said by a
word, sayings made of time words, the caller's own free and busy times, a constraint said at
the proposal, talk after the change, a question about the question) showed the reader missed,
each said here in other words than the corpus lines. Today is Wednesday 25 November 2026; the
clinic opens 9-16."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding import (
    Asked,
    Context,
    FaqKey,
    understand,
)

TODAY = date(2026, 11, 25)  # a Wednesday
PARKING = FaqKey(0, frozenset({"parking", "park", "car", "garage"}))


def read(text: str, asked: Asked = "request"):  # type: ignore[no-untyped-def]
    return understand(text, Context(today=TODAY, asked=asked, faq=(PARKING,)))


@pytest.mark.parametrize(
    ("text", "window"),
    [
        ("could you do something at tea time on Friday", (time(15), time(16))),
        ("the middle of the day would suit me best", (time(12), time(14))),
        ("towards the end of the morning on Tuesday, if you can", (time(11), time(12))),
        ("mid afternoon on Thursday ideally", (time(14), time(16))),
    ],
)
def test_a_part_of_the_day_said_by_a_word_is_its_hours(
    text: str, window: tuple[time, time]
) -> None:
    u = read(text)
    assert u.when.time is not None and u.when.time.window == window


def test_elevenses_is_eleven_oclock() -> None:
    u = read("any chance of coming in about elevenses on Monday")
    assert u.when.time is not None and u.when.time.at == time(11)


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("I can't be there before 11, I'm on the school run", time(11)),
        ("my son can't get me in before half two", time(15)),
        ("we cannot come before noon on the day", time(12)),
    ],
)
def test_a_bound_the_caller_cannot_meet_is_the_hours_from_it(text: str, start: time) -> None:
    u = read(text, asked="confirm")
    assert u.when.time is not None and u.when.time.window == (start, time(16))


def test_a_day_whose_morning_the_caller_cannot_do_stays_wanted() -> None:
    u = read("on Thursday I can't do before noon, my car's in the garage till then")
    assert u.when.day is not None and u.when.day.dates == (date(2026, 11, 26),)
    assert not u.when.rejected_days
    assert u.when.time is not None and u.when.time.window == (time(12), time(16))


def test_a_car_in_the_garage_is_no_parking_question() -> None:
    assert "faq:0" not in read("can you do Friday? my car's in the garage till Thursday").questions
    assert "faq:0" in read("can I park the car behind the building?").questions


def test_getting_there_no_earlier_than_a_time_is_no_practical_question() -> None:
    assert "practical" not in read("I can't get there before ten on Friday").questions


def test_the_end_of_the_day_as_a_saying_is_no_time() -> None:
    u = read(
        "At the end of the day we just need somebody to look at it, so anything Monday is fine"
    )
    assert u.when.time is None or not u.when.time.latest
    assert read("have you got anything at the end of the day on Monday").when.time.latest


def test_one_thing_is_no_hour() -> None:
    u = read("oh one more thing before you do that", asked="confirm")
    assert u.when.time is None or u.when.time.at != time(13)
