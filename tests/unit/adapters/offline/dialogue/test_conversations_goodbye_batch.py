"""Leftovers of the dialogue, each as a caller says it, through a real text-mode session, the
real tools and a real database: asking who holds a slot, a yes taken back in the same turn.
Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container
from voice_agent.domain.speech import say_date, say_time

from .talk import (
    FRIDAY,
    FRIDAY_NEXT,
    JOHN,
    MONDAY,
    MONDAY_NEXT,
    TUESDAY,
    add_caller,
    talking,
)

DIANA = "2125550104"


# --- who holds a slot is another patient's business -------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "who has the ten o'clock?",
        "hey, quick one, who's booked at 3 tomorrow",
        "who's got the nine thirty on Friday? I think it might be my husband",
        "um, whose appointment is at ten on Friday?",
        "who took the 2pm on friday",
    ],
)
async def test_asking_who_holds_a_slot_is_refused(container: Container, line: str) -> None:
    await add_caller(container, DIANA, "Diana Ross", (FRIDAY, time(10)), (FRIDAY, time(14)))
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("hi, this is John")
        t = await talk(line)
        assert "can't share" in t.reply, talk.transcript()
        assert "Diana" not in t.reply and "Ross" not in t.reply, talk.transcript()
        assert not t.called("identify_user") and not t.called("book_appointment")
        # the caller's own business still goes on
        await talk("ok, then can I book Monday at 11 for myself")
        await talk(JOHN)
        await talk("yes please")
        assert await talk.booked(JOHN) == [(MONDAY, time(11))], talk.transcript()


# --- a yes taken back in the same turn is a no -------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Yes. ... Never mind.",
        "yeah, go ahead... actually no, never mind",
        "yes please. Hmm, wait, no, forget it",
        "sure, um... no, scratch that, don't",
        "ok yes. oh hang on, no, leave it",
    ],
)
async def test_a_yes_taken_back_in_the_same_turn_books_nothing(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("I'd like to book Monday at 11")
        t = await talk(JOHN)
        assert "Monday" in t.reply and "11 AM" in t.reply, talk.transcript()
        await talk(line)
        assert await talk.booked(JOHN) == [], talk.transcript()


@pytest.mark.parametrize(
    "line",
    ["No wait, yes, book it", "no... actually yes, go ahead", "nope, oh wait, yes please, do it"],
)
async def test_a_no_taken_back_for_a_yes_still_books(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("I'd like to book Monday at 11")
        await talk(JOHN)
        await talk(line)
        assert await talk.booked(JOHN) == [(MONDAY, time(11))], talk.transcript()


# --- after the 911 message nothing is asked; the caller's goodbye ends the call -----------------
@pytest.mark.parametrize(
    "lines",
    [
        ["my dad has chest pain and can't breathe, can I get him in today?"],
        ["hi", "um, I think I'm having a heart attack"],
        [
            "I'd like to book an appointment",
            "oh god, my husband just collapsed, he's not breathing",
        ],
    ],
)
async def test_after_the_911_message_nothing_is_asked(
    container: Container, lines: list[str]
) -> None:
    async with talking(container) as talk:
        for line in lines:
            t = await talk(line)
        assert "911" in t.reply, talk.transcript()
        assert "anything else" not in t.reply and "?" not in t.reply, talk.transcript()
        assert not t.called("book_appointment")
        await talk("okay okay I'm calling them now, bye")
        assert talk.ended, talk.transcript()


# --- "scrap the first one" at the second booking's read-back -----------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Actually, you know what, scrap the Monday one. I only need the Tuesday.",
        "hmm, ditch the Monday booking actually, I just need Tuesday",
    ],
)
async def test_cancelling_one_at_the_next_bookings_read_back_keeps_that_booking(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container) as talk:
        await talk("Hi, can I book Tuesday at ten as well please")
        t = await talk(JOHN)
        assert "Tuesday" in t.reply and "10 AM" in t.reply, talk.transcript()
        t = await talk(line)
        assert "cancel" in t.reply and "Monday" in t.reply, talk.transcript()
        t = await talk("Yes, cancel the Monday.")
        # the Tuesday booking that was being read back is proposed again, not dropped
        assert "cancelled" in t.reply and "Tuesday" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [], talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(TUESDAY, time(10))], talk.transcript()


# --- a day counted from the caller's own appointment -------------------------------------------
@pytest.mark.parametrize(
    ("line", "then", "day", "at"),
    [
        ("I need another appointment, a week after my current appointment", None, FRIDAY_NEXT, 9),
        ("um, can I book the Friday after the one I'm booked on?", None, FRIDAY_NEXT, 9),
        ("could I get in the Friday after the one I'm booked on, same time", None, FRIDAY_NEXT, 10),
        (
            "hi, I'd like to book Monday at 11",
            "hmm, actually, what about the week after?",
            MONDAY_NEXT,
            11,
        ),
    ],
)
async def test_a_day_counted_from_the_callers_booking(
    container: Container, line: str, then: str | None, day: date, at: int
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(10)))
    async with talking(container) as talk:
        await talk(line)
        t = await talk(JOHN)
        if then is not None:
            t = await talk(then)
        assert say_date(day) in t.reply and say_time(time(at)) in t.reply, talk.transcript()
        await talk("yes please")
        assert (day, time(at)) in await talk.booked(JOHN), talk.transcript()
