"""Faults left in the typed corpus (leftovers17), each as callers say it, through a real
text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY_NEXT, JOHN, MONDAY_NEXT, add_caller, talking

THURSDAY_NEXT_WEEK = date(2026, 12, 10)


# --- a day counted from an event only the caller knows the date of ------------------------------
@pytest.mark.parametrize(
    ("ask", "dated", "day"),
    [
        # the day after, the date given when asked
        (
            "hi can I get in the day after my mum's operation? mornings if poss",
            "it's on the 9th of December",
            THURSDAY_NEXT_WEEK,
        ),
        # a weekday before it
        (
            "Could I come the Monday before my daughter's wedding, morning time?",
            "The wedding is Friday the 11th.",
            MONDAY_NEXT,
        ),
        # the day before
        (
            "um id like something the day before my next infusion in the morning",
            "its thursday the 10th",
            date(2026, 12, 9),
        ),
    ],
)
async def test_a_day_counted_from_an_undated_event_waits_for_its_date(
    container: Container, ask: str, dated: str, day: date
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Hello, John Smith, 123 456 7890.")
        t = await talk(ask)
        assert "What date is that on?" in t.reply, talk.transcript()
        assert not t.called("fetch_available_slots"), talk.transcript()
        t = await talk(dated)
        assert t.called("fetch_available_slots")[0]["date"] == day.isoformat(), talk.transcript()
        assert "9 AM" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(day, time(9))], talk.transcript()


async def test_the_event_date_given_before_the_number_is_counted_from(
    container: Container,
) -> None:
    async with talking(container) as talk:
        await talk("hiya, i need to come in the friday after my husband's surgery, afternoon")
        await talk("oh his surgery is on the first, tuesday")
        await talk("Jo Marsh, 555 201 3344")
        t = await talk("yes")
        assert "Friday, December 4th" in t.reply, talk.transcript()


async def test_a_day_said_instead_after_an_event_is_not_counted_from(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Hello, John Smith, 123 456 7890.")
        await talk("I'd like the day after my scan, please, at 10")
        t = await talk("actually forget that, just Friday the 4th at 10 instead")
        assert "Friday, December 4th at 10 AM" in t.reply, talk.transcript()


# --- a cancel's own time said back is no yes to it ----------------------------------------------
@pytest.mark.parametrize("line", ["Same time, 2 o'clock.", "2pm, yeah, same as before"])
async def test_a_cancels_time_said_back_asks_again_before_cancelling(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(14)))
    async with talking(container) as talk:
        await talk("Hi, John Smith, 123 456 7890, I want to cancel my Friday appointment")
        t = await talk(line)
        assert not t.called("cancel_appointment"), talk.transcript()
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(14))], talk.transcript()
        t = await talk("yes, cancel it")
        assert t.called("cancel_appointment"), talk.transcript()


# --- a British closing in a word or two ---------------------------------------------------------
@pytest.mark.parametrize("line", ["Ta.", "lovely, ta very much", "cheers then", "Right, ta ra"])
async def test_a_british_thanks_after_the_booking_ends_the_call(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Hi, John Smith, 123 456 7890, could I book Friday the 4th at 10?")
        await talk("yes please")
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(10))], talk.transcript()
        t = await talk(line)
        assert talk.ended, talk.transcript()
        assert "only help with appointments" not in t.reply, talk.transcript()


# --- back to a time offered earlier on a day since left -----------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "hmm no. you know what, go back to the Friday one, that'll do",
        "Nah. The Friday one you said before is fine actually.",
    ],
)
async def test_going_back_to_the_one_time_offered_on_an_earlier_day_proposes_it(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Hi, John Smith, 123 456 7890. Anything Friday the 4th at 3?")
        t = await talk("ooh, three's a bit late. what about Monday morning?")
        assert "Monday, November 30th" in t.reply, talk.transcript()
        t = await talk(line)
        # ("Shall I book Friday, December 4th at 3 PM?" or, the first line having asked
        # whether it is free, "Yes, 3 PM on Friday, December 4th is free. Would you like me
        # to book it?")
        assert "3 PM" in t.reply and "Friday, December 4th" in t.reply, talk.transcript()
        assert not t.called("book_appointment"), talk.transcript()
        await talk("yes, book it")
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(15))], talk.transcript()
