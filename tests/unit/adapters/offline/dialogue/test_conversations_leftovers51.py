"""Faults left in the typed corpus (leftovers51), each as callers say it, through a real
text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York."""

from __future__ import annotations

import re
from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY, JOHN, TUESDAY, TUESDAY_NEXT, WEDNESDAY_NEXT, add_caller, talking


# --- a booking asked for in place of the one just agreed to cancel --------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Yes, cancel it. And could I have Tuesday at 11 instead?",
        "Yeah, scrap it. Could you put me in on the Tuesday at eleven instead?",
        "Yes please, bin it. And then can I get Tuesday, same sort of time? Eleven?",
        "Yes. So then book me Tuesday at 11 in its place.",
    ],
)
async def test_a_booking_asked_for_after_the_yes_to_a_cancel_is_proposed_next(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(15)), (WEDNESDAY_NEXT, time(9)))
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. Can you cancel my Friday one?")
        assert "Shall I cancel your appointment on Friday, November 27th at 3 PM?" in t.reply, (
            talk.transcript()
        )
        t = await talk(line)
        assert await talk.booked(JOHN) == [(WEDNESDAY_NEXT, time(9))], talk.transcript()
        assert "Shall I book Tuesday, December 1st at 11 AM?" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(TUESDAY, time(11)), (WEDNESDAY_NEXT, time(9))], (
            talk.transcript()
        )


async def test_a_change_of_mind_after_a_yes_to_a_booking_is_no_yes(container: Container) -> None:
    """The read-back of a booking changed after the yes ("yes. could I have eleven instead?")
    books nothing yet: only a cancel has nothing to change and takes a booking in its place."""
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("John Smith, 123 456 7890. Could I book Tuesday at 10?")
        await talk("Yes. Actually, could I have eleven instead?")
        assert await talk.booked(JOHN) == [], talk.transcript()


# --- the one held, asked to be seen sooner, at a part of the day: a move, at that part ------------
@pytest.mark.parametrize(
    "line",
    [
        "I'm on the 8th at 3 but could you get me in sooner, any morning next week?",
        "I've got the 8th at 3, can you fit me in earlier? Any morning next week.",
        "im on the 8th at 3pm could yall see me sooner any morning next week",
    ],
)
async def test_the_one_held_asked_sooner_at_a_part_of_the_day_is_moved_there(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY_NEXT, time(15)))
    async with talking(container) as talk:
        t = await talk(f"John Smith, 123 456 7890. {line}")
        assert "Shall I move your appointment from Tuesday, December 8th at 3 PM to" in t.reply, (
            talk.transcript()
        )
        assert re.search(r"to \w+, (?:November|December) \d+\w* at (?:9|10|11) AM\?", t.reply), (
            talk.transcript()
        )
        await talk("yes please")
        booked = await talk.booked(JOHN)
        assert len(booked) == 1 and booked[0][1] < time(12), talk.transcript()
