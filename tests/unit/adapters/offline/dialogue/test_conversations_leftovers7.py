"""Faults left from the last rounds, each as callers say it, through a real text-mode session,
the real tools and a real database: other times asked for in place of an appointment the
caller can no longer make, and a short list read in the order of the day, so "the first one"
is the first said. Today is Wednesday 25 November 2026, 10:00 in New York unless a test sets
its own clock."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY, JOHN, THURSDAY, add_caller, seat_others, talking


# --- "my appointment is at nine and I can't do mornings, anything that afternoon?": a move --
@pytest.mark.parametrize(
    "line",
    [
        "Hi, 123 456 7890. My appointment on Friday is at nine, and I can't do mornings "
        "anymore. Do you have anything that afternoon?",
        "1234567890 - my appointment's friday at 9 but I cant do mornings now, what have you "
        "got in the afternoon?",
        "123 456 7890. I've an appointment Friday at nine, can't do the mornings anymore with "
        "work. Have you anything free that afternoon?",
    ],
)
async def test_other_times_asked_for_in_place_of_the_one_held_move_it(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(9)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "Shall I move your appointment" in t.reply, talk.transcript()
        await talk("Yes, that's fine.")
        booked = await talk.booked(JOHN)
        assert len(booked) == 1 and booked[0][0] == FRIDAY, talk.transcript()
        assert booked[0][1] >= time(12), talk.transcript()


# --- two times near the one asked for: read in the order of the day -------------------------
@pytest.mark.parametrize(
    ("pick", "picked"),
    [
        ("the first one", "10 AM"),
        ("the first one please", "10 AM"),
        ("um the earlier one", "10 AM"),
        ("the second one", "noon"),
        ("the later one i guess", "noon"),
    ],
)
async def test_the_times_offered_are_read_in_time_order_and_picked_as_said(
    container: Container, pick: str, picked: str
) -> None:
    taken = [9, 11, 13, 14, 15]
    await seat_others(container, *((THURSDAY, time(h)) for h in taken))
    async with talking(container) as talk:
        await talk("can i book thursday at 3pm")
        t = await talk("Peter Jones, 212 555 0199")
        if "Is that right" in t.reply or "set one up" in t.reply:
            t = await talk("yes")
        assert "10 AM or noon" in t.reply, talk.transcript()
        t = await talk(pick)
        assert f"November 26th at {picked}?" in t.reply, talk.transcript()
