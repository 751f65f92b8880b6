"""Faults left in the typed corpus (leftovers48), each as callers say it, through a real
text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, THURSDAY_NEXT, TUESDAY_NEXT, add_caller, talking


# --- a held one no longer needed, named in the middle: a cancel -----------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "I don't need the appointment on Thursday any more",
        "my back's better now after two sessions on the 1st and the 2nd so i dont need the"
        " appointment on thursday any more",
        "i saw the nurse on monday so i dont need my thursday appointment any more",
        "I won't be needing Thursday's appointment now",
        "we do not need the 1 o'clock booking after all",
    ],
)
async def test_a_held_one_no_longer_needed_is_offered_to_cancel(
    container: Container, line: str
) -> None:
    await add_caller(
        container, JOHN, "John Smith", (THURSDAY_NEXT, time(13)), (TUESDAY_NEXT, time(10))
    )
    async with talking(container) as talk:
        t = await talk(f"John Smith, 123 456 7890. {line}")
        assert "Shall I cancel your appointment on Thursday, December 3rd at 1 PM?" in t.reply, (
            talk.transcript()
        )
        await talk("yes please")
        assert await talk.booked(JOHN) == [(TUESDAY_NEXT, time(10))], talk.transcript()


async def test_what_the_appointment_needs_no_longer_is_no_cancel(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(13)))
    async with talking(container) as talk:
        t = await talk(
            "John Smith, 123 456 7890. I don't need the appointment to be in the afternoon any"
            " more, can it go to the morning?"
        )
        assert "cancel" not in t.reply.lower(), talk.transcript()
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(13))], talk.transcript()
