"""Limits read from a busy life (leftovers31, the fifty-seventh batch's failures), in other
words than the batch's: due back somewhere by an hour, "not before half nine", the only weekday
someone can drive, working from home, a routine every afternoon from an hour, a deadline said
by the school holidays, two working days in a list. Today is Wednesday 25 November 2026, 10:00
in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Context, understand
from voice_agent.bootstrap import Container

from .talk import JOHN, THURSDAY, THURSDAY_NEXT, add_caller, seat_others, talking

TODAY = date(2026, 11, 25)


def _window(line: str) -> tuple[time, time] | None:
    mention = understand(line, Context(today=TODAY)).when.time
    return mention.window if mention is not None else None


# --- due back somewhere by an hour: the way back fits before it too ----------------------------
@pytest.mark.parametrize(
    ("line", "last_start"),
    [
        ("My son has to be back at the office by two, so it'd need to be before that.", time(12)),
        ("she needs to be back at work for one", time(11)),
        ("I've got to be back at the school gates for twenty past three.", time(14)),
    ],
)
def test_due_back_by_an_hour_leaves_room_to_get_back(line: str, last_start: time) -> None:
    window = _window(line)
    assert window is not None, window
    # the window's end is the first start it leaves out
    assert window[1] == time(last_start.hour + 1), window


def test_due_at_a_place_not_back_keeps_the_hour_before_it() -> None:
    window = _window("I have to be at the bus stop again for three.")
    assert window is not None and window[1] == time(15), window


# --- "not before half nine": the hour after it --------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Nothing before half nine please, I've the school run.",
        "I can't be there before half nine, I drop the little one off.",
    ],
)
def test_not_before_half_nine_is_from_ten(line: str) -> None:
    window = _window(line)
    assert window is not None and window[0] == time(10), window


def test_anything_before_half_nine_is_still_the_earliest() -> None:
    mention = understand("Have you anything before half nine?", Context(today=TODAY)).when.time
    assert mention is not None and mention.earliest, mention


# --- the only weekday someone can drive: any of them, not the coming one -----------------------
@pytest.mark.parametrize(
    "line",
    [
        "My son can only take me on a Thursday, he's off then.",
        "shes only free to drive me on a thursday",
        "My wife only works from home on Thursdays, so that's when she can bring me.",
    ],
)
def test_the_only_weekday_is_any_such_weekday(line: str) -> None:
    day = understand(line, Context(today=TODAY)).when.day
    assert day is not None and not day.negated, day
    assert len(day.dates) > 1 and {d.weekday() for d in day.dates} == {3}, day


def test_only_working_on_a_weekday_is_not_asking_for_it() -> None:
    day = understand("I only work on a Monday.", Context(today=TODAY)).when.day
    assert day is None or len(day.dates) == 1, day


def test_two_working_days_in_a_list_are_both_ruled_out() -> None:
    when = understand("I work Tuesdays and Thursdays now.", Context(today=TODAY)).when
    assert {d.weekday() for d in when.rejected_days} >= {1, 3}, when


# --- a routine every afternoon from an hour: the hours before it --------------------------------
@pytest.mark.parametrize(
    ("line", "end"),
    [
        ("I'm with my mother every afternoon from two, so earlier is better.", time(14)),
        ("i sit with my dad each day from half one", time(13)),
    ],
)
def test_every_afternoon_from_an_hour_is_the_hours_before_it(line: str, end: time) -> None:
    window = _window(line)
    assert window is not None and window[1] == end, window


# --- a deadline said by the school holidays ----------------------------------------------------
def test_before_the_schools_break_up_on_a_date_is_the_days_before_it() -> None:
    line = "I need to be seen before the children break up for Christmas on the 17th."
    day = understand(line, Context(today=TODAY)).when.day
    assert day is not None and len(day.dates) > 1, day
    assert max(day.dates) < date(2026, 12, 17), day


# --- through a session: the only weekday and due back by one ------------------------------------
async def test_only_thursday_and_back_at_work_by_one_books_a_later_thursday_morning(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    await seat_others(container, (THURSDAY, time(9)), (THURSDAY, time(10)), (THURSDAY, time(11)))
    async with talking(container) as talk:
        t = await talk(
            "Hello, John Smith, 123 456 7890. I need an appointment, but my husband can only "
            "drive me on a Thursday and he has to be back at his work for one."
        )
        assert "Thursday, December 3rd" in t.reply, talk.transcript()
        assert "noon" not in t.reply and "November 26th" not in t.reply, talk.transcript()
        await talk("yes please")
        booked = await talk.booked(JOHN)
        assert len(booked) == 1 and booked[0][0] == THURSDAY_NEXT, talk.transcript()
        assert booked[0][1] < time(12), talk.transcript()


@pytest.mark.parametrize(
    ("line", "hour"),
    [("I'm free every afternoon from one", 13), ("I can come in every day from two", 14)],
)
def test_free_every_afternoon_from_an_hour_does_not_rule_that_hour_out(
    line: str, hour: int
) -> None:
    # the caller's free hours, not a routine that rules them out (lead review: they had been
    # read as the hours before it)
    mention = understand(line, Context(today=date(2026, 11, 25))).when.time
    assert mention is None or mention.window is None or mention.window[1] > time(hour), mention
