"""Faults left in the typed corpus (leftovers55), each as callers say it, through a real
text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY, JOHN, MONDAY, TUESDAY, WEDNESDAY_NEXT, add_caller, talking


# --- a cancel, then two bookings asked for in its place: never "cancel both" ----------------------
@pytest.mark.parametrize(
    "line",
    [
        "Please cancel the Friday one, and instead book me two appointments, Monday at 2 and"
        " Tuesday at 2.",
        "Could you cancel my Friday appointment, and instead give me a couple, Monday and"
        " Tuesday, 2pm both days?",
        "Cancel Friday's, and then book me Monday and Tuesday, both at 2.",
    ],
)
async def test_two_bookings_in_place_of_a_cancel_are_asked_with_it(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(15)), (WEDNESDAY_NEXT, time(9)))
    async with talking(container) as talk:
        t = await talk(f"John Smith, 123 456 7890. {line}")
        assert "cancel both" not in t.reply, talk.transcript()
        assert (
            "Shall I cancel your appointment on Friday, November 27th at 3 PM, and book Monday,"
            " November 30th at 2 PM and Tuesday, December 1st at 2 PM?" in t.reply
        ), talk.transcript()
        await talk("yes please, the lot")
        assert await talk.booked(JOHN) == [
            (MONDAY, time(14)),
            (TUESDAY, time(14)),
            (WEDNESDAY_NEXT, time(9)),
        ], talk.transcript()


# --- "yes, cancel it" to a move asked for as a cancel and a booking -------------------------------
MOVE_SAID_AS_TWO = (
    "John Smith, 123 456 7890. Can you cancel Friday and put me in Monday at 2 instead"
)


@pytest.mark.parametrize("answer", ["yeah, cancel it", "yes please cancel that one"])
async def test_a_cancel_said_to_a_move_asks_the_cancel_and_the_booking(
    container: Container, answer: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(15)))
    async with talking(container) as talk:
        await talk(
            "John Smith, 123 456 7890. Can you cancel Friday and put me in Monday at 2 instead"
        )
        t = await talk(answer)
        assert (
            "Shall I cancel your appointment on Friday, November 27th at 3 PM, and book Monday,"
            " November 30th at 2 PM?" in t.reply
        ), talk.transcript()
        assert await talk.booked(JOHN) == [(FRIDAY, time(15))], talk.transcript()
        await talk("yes, book it")
        assert await talk.booked(JOHN) == [(MONDAY, time(14))], talk.transcript()


async def test_just_cancel_said_to_a_move_cancels_only(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(15)))
    async with talking(container) as talk:
        await talk(
            "John Smith, 123 456 7890. Can you cancel Friday and put me in Monday at 2 instead"
        )
        t = await talk("actually, just cancel it")
        assert "and book" not in t.reply, talk.transcript()
