"""Faults left in the typed corpus (leftovers19), each as callers say it, through a real
text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, TUESDAY, add_caller, talking


# --- two bookings asked for together: one question naming both, one yes for both ---------------
async def test_two_visits_asked_for_at_once_are_proposed_in_one_question(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("hiya, I need two appointments if poss, monday and tuesday, both at eleven")
        t = await talk("john smith, 123 456 7890")
        assert "Shall I book both" in t.reply, talk.transcript()
        assert "Monday, November 30th at 11 AM" in t.reply, talk.transcript()
        assert "Tuesday, December 1st at 11 AM" in t.reply, talk.transcript()
        t = await talk("yep, both of those")
        assert await talk.booked(JOHN) == [(MONDAY, time(11)), (TUESDAY, time(11))], (
            talk.transcript()
        )
        assert "anything else" in t.reply, talk.transcript()


async def test_a_no_to_both_books_neither(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("hiya, I need two appointments if poss, monday and tuesday, both at eleven")
        t = await talk("john smith, 123 456 7890")
        assert "Shall I book both" in t.reply, talk.transcript()
        await talk("no, hang on, not yet")
        assert await talk.booked(JOHN) == [], talk.transcript()


# --- one for the caller too, asked for while one for someone else is proposed ------------------
@pytest.mark.parametrize(
    ("line", "second"),
    [
        ("oh and could I have one for me too while you're at it, just before hers?", time(14)),
        ("um, and me as well actually. Tuesday, any time in the morning", time(9)),
        ("right, I might as well book myself in too. The day after, first thing?", time(9)),
        ("ooh can I nab the 1 o'clock for myself", time(13)),
    ],
)
async def test_one_for_the_caller_too_is_asked_with_the_first(
    container: Container, line: str, second: time
) -> None:
    await add_caller(container, JOHN, "John Smith")
    second_day = MONDAY if second >= time(13) else TUESDAY
    async with talking(container) as talk:
        await talk("hiya, John Smith, 123 456 7890, can I book my little girl in, monday at 3?")
        t = await talk(line)
        assert "Shall I book both" in t.reply, talk.transcript()
        t = await talk("yes please, that's great")
        assert await talk.booked(JOHN) == sorted([(MONDAY, time(15)), (second_day, second)]), (
            talk.transcript()
        )


@pytest.mark.parametrize(
    "line",
    [
        "hmm, have you got one for me on Tuesday instead?",
        "actually could you find one for me on tuesday, monday's no good",
    ],
)
async def test_another_time_for_the_one_proposed_is_not_a_second_booking(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("hi, John Smith, 123 456 7890, could I book monday at 3?")
        t = await talk(line)
        assert "both" not in t.reply and "Tuesday" in t.reply, talk.transcript()
        await talk("yes please")
        booked = await talk.booked(JOHN)
        assert len(booked) == 1 and booked[0][0] == TUESDAY, talk.transcript()
