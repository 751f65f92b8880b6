"""Faults left after the fourteenth round, each as callers say it, through a real text-mode
session, the real tools and a real database: a parent booking for a child whose cough "won't
shift", who says the child's age at the number question, and a new caller who says her name
and then spells her first name otherwise. Today is Wednesday 25 November 2026, 10:00 in
New York."""

from __future__ import annotations

from datetime import time

from voice_agent.bootstrap import Container

from .talk import TUESDAY, talking


async def test_a_parent_booking_for_a_child_gives_the_age_then_the_number(
    container: Container,
) -> None:
    async with talking(container) as talk:
        t = await talk("Hello, I'd like to book my daughter in, she's got a rash that won't shift")
        assert "phone number" in t.reply, talk.transcript()
        t = await talk("She's nine - do you need her number, or will mine do?")
        assert "so far" not in t.reply, talk.transcript()
        await talk.introduce("Use mine, it's 212 555 0199. Her name's Maya Jones.")
        t = await talk("Tuesday at 3 after school")
        assert "Shall I book Tuesday, December 1st at 3 PM?" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked("2125550199") == [(TUESDAY, time(15))], talk.transcript()


async def test_a_first_name_spelled_otherwise_opens_the_account_as_spelled(
    container: Container,
) -> None:
    async with talking(container) as talk:
        await talk("Hi, could I get Tuesday at 3?")
        t = await talk("Stephen Hale - oh sorry, it's spelled S-T-E-V-E-N. 212 555 0199.")
        assert "Spelled" not in t.reply, talk.transcript()
        if "Shall I set one up" in t.reply:
            assert "Steven Hale" in t.reply, talk.transcript()
            await talk("yes")
        assert await talk.user_name("2125550199") == "Steven Hale", talk.transcript()
