"""Faults left from the older blind batches fresh31, fresh35 and fresh38, each as callers say
it, through a real text-mode session, the real tools and a real database: two held
appointments moved in one call - to one day with several times free ("put them both on
Friday afternoon, one after the other"), by a shift with the month saying which of theirs
("the two in December, each a week later, leave January's"), to a part of the day ("both my
appointments need to be afternoons now"), and counted by when they are ("I've got two in
December I need to push into January - the week of the 4th"). Today is Wednesday 25 November
2026, 7:00 in New York."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Context, understand
from voice_agent.bootstrap import Container
from voice_agent.domain.clock import FixedClock

from .talk import (
    FRIDAY_NEXT,
    JOHN,
    MONDAY,
    THURSDAY_NEXT,
    TUESDAY,
    TUESDAY_NEXT,
    add_caller,
    seat_others,
    talking,
)

JANUARY_5 = date(2027, 1, 5)
JANUARY_11 = date(2027, 1, 11)
DECEMBER_8 = TUESDAY_NEXT
DECEMBER_10 = date(2026, 12, 10)
DECEMBER_14 = date(2026, 12, 14)
DECEMBER_15 = date(2026, 12, 15)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))  # 7:00 in New York


# --- two moves to one day with several times free: one question naming both ----------------
@pytest.mark.parametrize(
    "line",
    [
        "Can both of them go to Friday the 4th in the afternoon instead, back to back?",
        "Could you move the two of them to Friday December 4th, in the afternoon, back to back?",
        "I'd like them both moved to the afternoon of Friday the 4th please, together",
    ],
)
async def test_two_moves_to_one_day_are_one_question(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)), (TUESDAY, time(10)))
    await seat_others(container, (FRIDAY_NEXT, time(12)))
    async with talking(container) as talk:
        await talk(f"Hi, it's John Smith, {JOHN}")
        t = await talk(line)
        assert "Shall I move both your appointments" in t.reply, talk.transcript()
        await talk("yes, fine for both")
        booked = await talk.booked(JOHN)
        assert len(booked) == 2, talk.transcript()
        assert {day for day, _ in booked} == {FRIDAY_NEXT}, talk.transcript()
        assert all(at >= time(12) for _, at in booked), talk.transcript()


# --- the month says which of theirs, the shift where they go ---------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "The ones in December - could each of them go on by a week? January's stays as it is.",
        "My appointments in December, push them back a week please, leave the January one",
        "Could you move both appointments in December on by a week? Keep January.",
    ],
)
async def test_month_names_which_a_shift_moves(container: Container, line: str) -> None:
    await add_caller(
        container,
        JOHN,
        "John Smith",
        (TUESDAY, time(9)),
        (THURSDAY_NEXT, time(9)),
        (JANUARY_5, time(9)),
    )
    async with talking(container) as talk:
        await talk(f"Hello, John Smith here, {JOHN}")
        t = await talk(line)
        assert "Shall I move both your appointments" in t.reply, talk.transcript()
        assert "December 8th at 9 AM" in t.reply, talk.transcript()
        assert "December 10th at 9 AM" in t.reply, talk.transcript()
        t = await talk("yes please, both")
        assert "January" not in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [
            (DECEMBER_8, time(9)),
            (DECEMBER_10, time(9)),
            (JANUARY_5, time(9)),
        ], talk.transcript()


# --- held ones made afternoons: a move of each ----------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Both my appointments next week have to be afternoons now, same days please",
        "my two bookings next week need to be in the afternoon, keep the same days",
        "All my appointments next week must be in the afternoon - same days, early as you can",
    ],
)
async def test_both_held_need_to_be_afternoons(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)), (TUESDAY, time(10)))
    await seat_others(container, (MONDAY, time(12)))
    async with talking(container) as talk:
        await talk(f"Hi, John Smith, {JOHN}")
        t = await talk(line)
        assert "Shall I move both your appointments" in t.reply, talk.transcript()
        await talk("yes, that's good")
        assert await talk.booked(JOHN) == [
            (MONDAY, time(13)),
            (TUESDAY, time(12)),
        ], talk.transcript()


# --- "I've got two in December": those two, and a bare date after "into January" is January's
@pytest.mark.parametrize(
    "line",
    [
        "We have two in December that need moving into January, the week of the 11th, mornings",
        "I've got two booked in December, can you push them into January? Week of the 11th, "
        "mornings, any day",
    ],
)
async def test_two_counted_by_month_move_into_a_later_month(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (DECEMBER_14, time(9)), (DECEMBER_15, time(10)))
    async with talking(container) as talk:
        await talk(f"Hi, John Smith, {JOHN}")
        t = await talk(line)
        assert "Shall I move both your appointments" in t.reply, talk.transcript()
        assert "January 11th" in t.reply, talk.transcript()
        await talk("yes, both of those")
        booked = await talk.booked(JOHN)
        assert len(booked) == 2, talk.transcript()
        assert all(JANUARY_11 <= day <= date(2027, 1, 15) for day, _ in booked), talk.transcript()
        assert all(at < time(12) for _, at in booked), talk.transcript()


async def test_one_counted_of_two_in_the_month_is_asked_which(container: Container) -> None:
    """Two said, but three of theirs in that month: which is asked, none picked."""
    await add_caller(
        container,
        JOHN,
        "John Smith",
        (DECEMBER_8, time(9)),
        (DECEMBER_14, time(9)),
        (DECEMBER_15, time(10)),
    )
    async with talking(container) as talk:
        await talk(f"Hi, John Smith, {JOHN}")
        t = await talk("I've got two in December I need to push into January, the 11th")
        assert "Shall I move both" not in t.reply, talk.transcript()
        assert "Which appointment" in t.reply, talk.transcript()


# --- the hours said with one day do not go with "first thing" on the fallback day ----------
@pytest.mark.parametrize(
    ("line", "window"),
    [
        ("the afternoon is best, as early as you can", (time(12), time(16))),
        ("mornings please - earliest you can do", (time(9), time(12))),
        (
            "got anything this week, it must be after one, and if nothing then Monday first thing",
            None,
        ),
    ],
)
def test_part_of_day_and_earliest_said_apart(line: str, window: tuple[time, time] | None) -> None:
    heard = understand(line, Context(today=date(2026, 11, 25)))
    assert heard.when.time is not None
    assert heard.when.time.earliest or window is not None
    assert heard.when.time.window == window
