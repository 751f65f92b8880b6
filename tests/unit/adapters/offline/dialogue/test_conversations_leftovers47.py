"""Faults left in the typed corpus (leftovers47), each as callers say it, through a real
text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, TUESDAY, add_caller, talking

TUESDAY_15TH = date(2026, 12, 15)


# --- one held moved, the other named by its date and then cancelled -----------------------------
@pytest.mark.parametrize(
    ("line", "to"),
    [
        (
            "i need the one next tuesday moved to the friday of that week same time and the one"
            " on the fifteenth you can just go on and cancel",
            date(2026, 12, 4),
        ),
        (
            "can you move next tuesday's to thursday at the same time, and the one on the 15th"
            " you can cancel",
            date(2026, 12, 3),
        ),
        (
            "next tuesday's needs moving to the friday of that week same time and the 15th one,"
            " please just cancel it",
            date(2026, 12, 4),
        ),
    ],
)
async def test_a_move_then_a_held_one_named_by_its_date_and_cancelled(
    container: Container, line: str, to: date
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(10)), (TUESDAY_15TH, time(10)))
    async with talking(container) as talk:
        await talk("John Smith, 123 456 7890")
        t = await talk(line)
        assert "Tuesday, December 1st at 10 AM" in t.reply, talk.transcript()
        assert "and cancel the one on Tuesday, December 15th" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(to, time(10))], talk.transcript()
