"""Faults left in the typed corpus (leftovers55), each as callers say it, through a real
text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY, JOHN, MONDAY, TUESDAY, WEDNESDAY_NEXT, add_caller, seat_others, talking


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


# --- a span of hours with its end said roughly ----------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Could I book Tuesday? Anywhere from ten till about one.",
        "I'd like Tuesday please, any time from 10 until around 1.",
        "Tuesday if possible, between ten and about twelve.",
    ],
)
async def test_a_span_ending_about_an_hour_is_the_span(container: Container, line: str) -> None:
    await seat_others(container, (TUESDAY, time(10)))
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(f"John Smith, 123 456 7890. {line}")
        assert "Shall I book Tuesday, December 1st at 11 AM?" in t.reply, talk.transcript()
        assert "1 PM" not in t.reply and "9 AM" not in t.reply, talk.transcript()


# --- the times read out, taken down already: no goodbye yet ---------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "oh lovely, thank you, I've jotted them down now",
        "Thanks ever so much, I've put them in my diary.",
    ],
)
async def test_times_taken_down_after_a_check_do_not_end_the_call(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(15)), (WEDNESDAY_NEXT, time(9)))
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. When are my appointments?")
        assert "Friday, November 27th at 3 PM" in t.reply, talk.transcript()
        t = await talk(line)
        assert "anything else" in t.reply and not talk.ended, talk.transcript()
        await talk("no that's all, thanks, bye")
        assert talk.ended, talk.transcript()


# --- both hours of a pair said back without a yes: both still the question -----------------------
@pytest.mark.parametrize(
    "line",
    ["Ah, one at a time. 10 for me, 11 for him then.", "ten for me then eleven for him"],
)
async def test_both_hours_said_back_keep_both_bookings(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("John Smith, 123 456 7890. Can I book one for me and one for my son, Tuesday?")
        t = await talk("10 and 11")
        assert "Shall I book both" in t.reply, talk.transcript()
        t = await talk(line)
        assert "Shall I book both" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [], talk.transcript()
        await talk("yes, both")
        assert await talk.booked(JOHN) == [(TUESDAY, time(10)), (TUESDAY, time(11))], (
            talk.transcript()
        )
