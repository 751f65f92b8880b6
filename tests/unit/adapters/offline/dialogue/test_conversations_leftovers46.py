"""Faults left in the typed corpus (leftovers46), each as callers say it, through a real
text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, add_caller, talking

TUESDAY_1ST = date(2026, 12, 1)
THURSDAY_3RD = date(2026, 12, 3)


# --- one of two held picked by its place, to a part of "the same day" ---------------------------
@pytest.mark.parametrize(
    ("line", "moved", "window"),
    [
        ("could the earlier one go to the afternoon, same day?", TUESDAY_1ST, (12, 16)),
        ("can the first one be moved into the afternoon on the same day", TUESDAY_1ST, (12, 16)),
        ("can the later one go to the morning instead, same day", THURSDAY_3RD, (9, 12)),
        ("could the second one be in the morning same day please", THURSDAY_3RD, (9, 12)),
    ],
)
async def test_one_of_two_by_its_place_to_a_part_of_the_same_day(
    container: Container, line: str, moved: date, window: tuple[int, int]
) -> None:
    held = [(TUESDAY_1ST, time(9)), (THURSDAY_3RD, time(15))]
    await add_caller(container, JOHN, "John Smith", *held)
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. What times are my two appointments next week?")
        assert "Would you like to change" in t.reply, talk.transcript()
        t = await talk(line)
        assert "Shall I move your appointment from" in t.reply, talk.transcript()
        await talk("yes please")
        booked = await talk.booked(JOHN)
        kept = [h for h in held if h[0] != moved]
        new = [b for b in booked if b not in kept]
        assert len(booked) == 2 and len(new) == 1, talk.transcript()
        assert new[0][0] == moved and window[0] <= new[0][1].hour < window[1], talk.transcript()
