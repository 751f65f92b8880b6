"""A day ruled out with "it can't be ...", after the earliest was offered on it: "sorry, it
can't be a Monday, I work Mondays" was read as asking for a Monday, and a Monday months away
was offered and booked. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY, JOHN, add_caller, talking


@pytest.mark.parametrize(
    "line",
    [
        "Ah, sorry, I should have said - it can't be a Monday, I work Mondays.",
        "oh wait it cant be on a monday",
        "Hmm, no, it won't be Monday, that's my day with the kids.",
    ],
)
async def test_a_day_said_it_cannot_be_is_ruled_out_not_asked_for(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Hello, John Smith, 123 456 7890.")
        t = await talk("What's the earliest you can do next week?")
        assert "Monday, November 30th at 9 AM" in t.reply, talk.transcript()
        t = await talk(line)
        assert "Tuesday, December 1st" in t.reply and "Monday" not in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == []


async def test_a_day_said_to_be_no_problem_is_still_taken(container: Container) -> None:
    """Not every "not ... be" before a day rules it out."""
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Hello, John Smith, 123 456 7890.")
        t = await talk("It would not be a problem to come in on Friday morning.")
        assert "Friday, November 27th" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(FRIDAY, time(9))], talk.transcript()
