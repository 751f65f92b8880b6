"""Faults left in the typed corpus (leftovers50), each as callers say it, through a real
text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY_NEXT, JOHN, MONDAY, add_caller, talking


# --- two back to back, both moved by the same hour: the later one moves first ------------------
@pytest.mark.parametrize(
    "line",
    [
        "I've got the ten and the eleven on Monday, could you push both back an hour?",
        "my two on monday, at 10 and 11 - can you make them both an hour later please",
        "could you move both of my monday appointments an hour later, we can't get there for ten",
        "the ten and the eleven on monday, can we push both back an hour? we won't make ten",
    ],
)
async def test_two_back_to_back_moved_an_hour_later_each_lands_an_hour_later(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)), (MONDAY, time(11)))
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        t = await talk(line)
        assert "Shall I move both your appointments" in t.reply, talk.transcript()
        assert "already taken" not in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(MONDAY, time(11)), (MONDAY, time(12))], (
            talk.transcript()
        )


# --- "anything sooner than that?" to the appointment read out: a move of it, only if sooner ----
@pytest.mark.parametrize(
    "line",
    [
        "hmm that's ages away, have you got anything earlier than that?",
        "is there anything sooner",
        "it's quite a wait, is there an earlier one?",
    ],
)
async def test_anything_sooner_to_the_appointment_read_out_moves_it_sooner(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(15)))
    async with talking(container) as talk:
        t = await talk("hi, John Smith, 123 456 7890, when's my appointment?")
        assert "Would you like to change it?" in t.reply, talk.transcript()
        t = await talk(line)
        assert "Shall I move your appointment from" in t.reply, talk.transcript()
        await talk("yes please")
        booked = await talk.booked(JOHN)
        assert len(booked) == 1 and booked[0] < (FRIDAY_NEXT, time(15)), talk.transcript()
