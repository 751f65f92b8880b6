"""Faults left from the blind batches fresh51 to fresh62, each as callers say it, through a
real text-mode session, the real tools and a real database: each held appointment named and
then what happens to it ("the monday one cancel it and the thursday one move it to the friday
after"), and one held appointment said to stay beside a cancel of another ("Wednesday's ok,
leave it"). Today is Wednesday 25 November 2026."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY_NEXT,
    JOHN,
    MONDAY,
    MONDAY_NEXT,
    THURSDAY_NEXT,
    WEDNESDAY_NEXT,
    add_caller,
    seat_others,
    talking,
)

THURSDAY_AFTER = date(2026, 12, 10)


# --- each held one named, then what happens to it ----------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "the monday one cancel it and the thursday one move it to the friday after same time",
        "The Monday one, cancel that please, and the Thursday one, could you push it to the"
        " Friday after, same time?",
        "My Monday one can go - cancel it - and my Thursday one, can you move it to Friday the"
        " 4th at the same time?",
    ],
)
async def test_each_held_one_named_then_its_change(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)), (THURSDAY_NEXT, time(14)))
    async with talking(container) as talk:
        await talk(f"Hi, it's John Smith, {JOHN}, I need to sort out my two appointments")
        t = await talk(line)
        assert "cancel your appointment on Monday, November 30th at 10 AM" in t.reply, (
            talk.transcript()
        )
        assert "Thursday, December 3rd" not in t.reply.split("move")[0], talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(14))], talk.transcript()


# --- one held appointment said to stay beside a cancel of another ------------------------------
@pytest.mark.parametrize(
    "line",
    [
        f"Hi, John Smith, {JOHN}. I need to cancel Friday's. Wednesday's ok.",
        f"John Smith, {JOHN} - cancel the Friday one please, leave Wednesday's",
        f"It's John Smith, {JOHN}. Can you cancel Friday? The Wednesday is fine, thanks.",
    ],
)
async def test_one_left_as_it_is_beside_a_cancel(container: Container, line: str) -> None:
    await add_caller(
        container, JOHN, "John Smith", (WEDNESDAY_NEXT, time(10)), (FRIDAY_NEXT, time(11))
    )
    async with talking(container) as talk:
        t = await talk(line)
        assert "cancel your appointment on Friday, December 4th at 11 AM?" in t.reply, (
            talk.transcript()
        )
        await talk("yes")
        assert await talk.booked(JOHN) == [(WEDNESDAY_NEXT, time(10))], talk.transcript()


# --- "the later one" of a part of the day none of the times offered is in -----------------------
@pytest.mark.parametrize(
    "line",
    [
        "no mornings at all? right, then I'll have the later one in the afternoon",
        "none in the morning, ok - in the afternoon then, the later one please",
        "ah, in the afternoon then, and I'll take the last one",
    ],
)
async def test_the_later_one_of_a_part_of_the_day(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith")
    await seat_others(container, *((MONDAY, time(h)) for h in (9, 10, 11, 12, 13)))
    async with talking(container) as talk:
        t = await talk(f"Hi, John Smith, {JOHN}. What's free on Monday? I need a morning really")
        assert "nothing free in the morning on Monday, November 30th" in t.reply, talk.transcript()
        t = await talk(line)
        assert "Monday, November 30th at 3 PM" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(MONDAY, time(15))], talk.transcript()


# --- "that same week" while an appointment is being moved: its week -------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "It'd have to be that same week though, if you can.",
        "Could it be the same week as the appointment, please?",
        "no, not that one - the same week as it, if possible",
    ],
)
async def test_that_same_week_is_the_held_ones(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY_NEXT, time(9)))
    async with talking(container) as talk:
        t = await talk(
            f"John Smith, {JOHN}. I need to move my Monday the 7th one, at nine - my lift can"
            " only bring me on a Thursday now"
        )
        assert "to Thursday, November 26th" in t.reply, talk.transcript()
        t = await talk(line)
        assert "Thursday, December 10th" in t.reply, talk.transcript()
        assert "November 26th" not in t.reply.split("from")[-1], talk.transcript()
        await talk("yes, that's right")
        booked = await talk.booked(JOHN)
        assert [day for day, _ in booked] == [THURSDAY_AFTER], talk.transcript()


# --- "the earliest you can" after a day was asked for: the soonest on any day -----------------
@pytest.mark.parametrize(
    ("first", "line"),
    [
        ("Can I book for Monday afternoon?", "no, actually, the earliest you can"),
        ("Can I book for Monday afternoon?", "nah - forget Monday, the earliest you've got"),
        ("Have you got anything Tuesday?", "ok forget Tuesday, the earliest you can"),
        ("Have you got anything Tuesday?", "scratch Tuesday then, as soon as you can fit me in"),
    ],
)
async def test_the_earliest_you_can_is_any_day(container: Container, first: str, line: str) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk(f"John Smith, {JOHN}. {first}")
        t = await talk(line)
        assert "The earliest I have is Wednesday, November 25th" in t.reply, talk.transcript()
        assert "Monday" not in t.reply and "Tuesday" not in t.reply, talk.transcript()


# --- the one held, the lift that can't, the day that can: a move ------------------------------
@pytest.mark.parametrize(
    ("line", "where"),
    [
        (
            "I'm booked for Friday the 4th, but my daughter can't drive me now. She says she"
            " could do Tuesday afternoons.",
            "to Tuesday, December 1st at noon?",
        ),
        (
            "I've got one on Friday but my son can't take me any more - he can only do Monday"
            " mornings",
            "to Monday, November 30th at 9 AM?",
        ),
        (
            "I'm down for Friday at one, but my husband can't take me then, he can do Wednesday",
            "to Wednesday, December 2nd at",
        ),
    ],
)
async def test_the_day_the_lift_can_do_is_a_move(
    container: Container, line: str, where: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(13)))
    async with talking(container) as talk:
        t = await talk(f"Hello, it's John Smith, {JOHN}. {line}")
        assert f"Shall I move your appointment from Friday, December 4th at 1 PM {where}" in (
            t.reply
        ), talk.transcript()
