"""Faults left after the sixteenth round, each as callers say it, through a real text-mode
session, the real tools and a real database. Today is Wednesday 25 November 2026, 10:00 in
New York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, TUESDAY, add_caller, seat_others, talking


# --- choices said in order of preference: the first one free, not the last one said ---------
@pytest.mark.parametrize(
    "line",
    [
        "Could I come in on Monday? 11 o'clock is best for me, 2 o'clock second best.",
        "Monday at 11 ideally, failing that Monday at 2.",
        "Monday at 11, or if that's gone, 2 o'clock.",
    ],
)
async def test_the_first_choice_free_is_proposed(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Hi, it's John Smith, 123 456 7890.")
        t = await talk(line)
        assert "Monday, November 30th at 11 AM" in t.reply, talk.transcript()
        assert not t.called("book_appointment"), talk.transcript()


async def test_a_first_choice_taken_goes_to_the_second_not_the_last(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    await seat_others(container, (MONDAY, time(11)))
    async with talking(container) as talk:
        await talk("Hi, it's John Smith, 123 456 7890.")
        t = await talk(
            "Monday at 11 is best, if not Monday at 2, and as a last resort Tuesday at 9."
        )
        assert "Monday, November 30th at 2 PM" in t.reply, talk.transcript()


async def test_days_ranked_with_a_part_of_the_day_take_the_next_day_in_that_part(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    await seat_others(container, *((TUESDAY, time(h)) for h in (9, 10, 11)))
    async with talking(container) as talk:
        await talk("Hi, it's John Smith, 123 456 7890.")
        t = await talk(
            "I need to come in next week in the morning - Tuesdays best, Wednesdays fine,"
            " Monday at a push."
        )
        assert "Wednesday, December 2nd" in t.reply, talk.transcript()
        assert "9 AM" in t.reply, talk.transcript()


# --- the half of the day put right: the hour said stays --------------------------------------
@pytest.mark.parametrize("fix", ["AM, sorry - morning, yes.", "Sorry, I mean in the morning."])
async def test_the_other_half_of_the_day_said_keeps_the_hour(
    container: Container, fix: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Hi, it's John Smith, 123 456 7890.")
        await talk("Can I get Monday at 10 PM?")
        t = await talk(fix)
        assert "Monday, November 30th at 10 AM" in t.reply, talk.transcript()
        assert not t.called("book_appointment"), talk.transcript()


# --- an hour chosen while the number is asked for: a time, not the number's first digits ----
async def test_an_hour_asked_for_at_the_number_question_is_the_time(container: Container) -> None:
    async with talking(container) as talk:
        await talk("Hello - could I have something on Monday? In the morning.")
        t = await talk("Ten, please.")
        assert "so far" not in t.reply, talk.transcript()
        t = await talk.introduce("John Smith, 123 456 7890.")
        assert "Monday, November 30th at 10 AM" in t.reply, talk.transcript()


# --- "a bit later than that?" to one time proposed: the nearest time after it ---------------
@pytest.mark.parametrize("ask", ["Is there anything a bit later than that?", "A little later?"])
async def test_a_little_later_proposes_the_next_time(container: Container, ask: str) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Hi, it's John Smith, 123 456 7890.")
        t = await talk("Can I book Monday at 10?")
        assert "Monday, November 30th at 10 AM" in t.reply, talk.transcript()
        t = await talk(ask)
        assert "Monday, November 30th at 11 AM" in t.reply, talk.transcript()
        assert "Shall I book it?" in t.reply, talk.transcript()
