"""Faults left in the typed corpus (leftovers18), each as callers say it, through a real
text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, WEDNESDAY_NEXT, add_caller, talking


# --- all of them asked for, then taken back for one, in the same breath -------------------------
@pytest.mark.parametrize(
    ("line", "left"),
    [
        (
            "John Smith 123 456 7890, can you cancel both my appointments next week, no, hang on,"
            " only the Wednesday, I'm keeping Monday",
            [(MONDAY, time(9))],
        ),
        (
            "hi its john smith one two three four five six seven eight nine oh um cancel both"
            " appointments next week actually hold on only the monday one keep wednesdays",
            [(WEDNESDAY_NEXT, time(15))],
        ),
    ],
)
async def test_all_taken_back_for_one_cancels_only_that_one(
    container: Container, line: str, left: list[tuple[object, time]]
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)), (WEDNESDAY_NEXT, time(15)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "both" not in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == left, talk.transcript()


async def test_both_moved_then_taken_back_moves_only_the_one_named(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)), (WEDNESDAY_NEXT, time(15)))
    async with talking(container) as talk:
        t = await talk(
            "John Smith 1234567890. Could you push both my appointments next week an hour later"
            " - actually no, sorry, just the Monday one"
        )
        assert "from Monday, November 30th at 9 AM to Monday, November 30th at 10 AM" in t.reply, (
            talk.transcript()
        )
        t = await talk("yeah go on")
        assert "Wednesday" not in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(MONDAY, time(10)), (WEDNESDAY_NEXT, time(15))]


async def test_both_said_and_kept_still_cancels_both(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)), (WEDNESDAY_NEXT, time(15)))
    async with talking(container) as talk:
        t = await talk("John Smith 1234567890, cancel both of them please, I just can't make them")
        assert "both" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [], talk.transcript()


# --- one of two picked by its month, with the day it goes to counted from it ---------------------
async def test_the_month_one_with_the_weekday_after_moves_it_after_itself(
    container: Container,
) -> None:
    await add_caller(
        container, JOHN, "John Smith", (date(2026, 12, 18), time(10)), (date(2027, 1, 5), time(15))
    )
    async with talking(container) as talk:
        t = await talk("hiya, John Smith 123 456 7890, I need to change my appointment")
        assert "Which appointment" in t.reply, talk.transcript()
        t = await talk(
            "oh right, two of them. um, its the december one I mean, could I do the tuesday after,"
            " afternoon sometime"
        )
        assert "from Friday, December 18th at 10 AM to Tuesday, December 22nd" in t.reply, (
            talk.transcript()
        )
        await talk("yes please")
        booked = await talk.booked(JOHN)
        assert booked[0][0] == date(2026, 12, 22), talk.transcript()
        assert booked[1] == (date(2027, 1, 5), time(15)), talk.transcript()


async def test_the_monday_after_next_is_not_counted_from_the_appointment(
    container: Container,
) -> None:
    await add_caller(
        container, JOHN, "John Smith", (date(2026, 12, 18), time(10)), (date(2027, 1, 5), time(15))
    )
    async with talking(container) as talk:
        await talk("hiya, John Smith 123 456 7890, I need to change my appointment")
        t = await talk("the december one, to the monday after next please")
        assert "Monday, December 7th" in t.reply, talk.transcript()


async def test_surprise_at_holding_two_then_a_pick_moves_the_one_picked(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)), (WEDNESDAY_NEXT, time(15)))
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. I need to move my appointment please")
        assert "Which appointment" in t.reply, talk.transcript()
        t = await talk(
            "oh, have I got two? the Wednesday one then, can it go the second week of December,"
            " same time please"
        )
        assert (
            "from Wednesday, December 2nd at 3 PM to Wednesday, December 9th at 3 PM" in t.reply
        ), talk.transcript()
        await talk("yep")
        booked = await talk.booked(JOHN)
        assert booked == [(MONDAY, time(9)), (date(2026, 12, 9), time(15))], talk.transcript()
