"""Faults left in the typed corpus (leftovers44), each as callers say it, through a real
text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, add_caller, talking

MONDAY_7TH = date(2026, 12, 7)


# --- two bookings, each with its own hour, said to be back to back ------------------------------
@pytest.mark.parametrize(
    ("line", "hours"),
    [
        (
            "I need two appointments for my boys on Monday the 7th, one at 9 and one at 10,"
            " back to back",
            (time(9), time(10)),
        ),
        (
            "need two appointments for my twins on the 7th, one at 1 and one at 2, back to back",
            (time(13), time(14)),
        ),
        (
            "I need two appointments for my daughters monday the 7th, one at eleven and one at"
            " twelve, back to back",
            (time(11), time(12)),
        ),
    ],
)
async def test_two_hours_said_back_to_back_are_the_two_hours_booked(
    container: Container, line: str, hours: tuple[time, time]
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(f"John Smith, 123 456 7890. {line}")
        assert "Shall I book both" in t.reply, talk.transcript()
        await talk("yes, both please")
        assert await talk.booked(JOHN) == [(MONDAY_7TH, hours[0]), (MONDAY_7TH, hours[1])], (
            talk.transcript()
        )

