"""Faults left in the typed corpus after the seventeenth round, each as callers say it, through a
real text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, MONDAY_NEXT, THURSDAY_NEXT, TUESDAY, add_caller, talking


# --- "I've got one on the 9th, can we make it the 10th?": the one held, moved -------------------
@pytest.mark.parametrize(
    "line",
    [
        "I've got one on Monday, can we make it Tuesday, same time?",
        "I have an appointment Monday - could you make that Tuesday, same time?",
        "My appointment's on the 30th, can we make it the 1st, same time?",
    ],
)
async def test_the_appointment_held_made_another_day_is_a_move(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(13)))
    async with talking(container) as talk:
        await talk("Hi, it's John Smith, 123 456 7890.")
        t = await talk(line)
        assert "move your appointment from Monday, November 30th at 1 PM" in t.reply, (
            talk.transcript()
        )
        assert "Tuesday, December 1st at 1 PM" in t.reply, talk.transcript()
        assert not t.called("book_appointment"), talk.transcript()


# --- "I'm keeping my one on the 14th": the day held stays, the other day is the one asked for ---
@pytest.mark.parametrize(
    "line",
    [
        "Could I book another appointment for the 1st, in the morning? I'm keeping my one on"
        " the 30th.",
        "Can I get a second one on the 1st in the morning? Keeping the appointment on the 30th.",
    ],
)
async def test_the_day_of_the_one_kept_is_not_the_day_asked_for(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(13)))
    async with talking(container) as talk:
        await talk("Hi, it's John Smith, 123 456 7890.")
        t = await talk(line)
        assert "Shall I book Tuesday, December 1st at 9 AM?" in t.reply, talk.transcript()
        assert not t.called("book_appointment"), talk.transcript()


# --- "not that early, can it be the afternoon?" to a move proposed: that day's afternoon -------
@pytest.mark.parametrize(
    "fix",
    [
        "Actually not that early, I can't do nine anymore. Can it be the afternoon?",
        "Hmm, I can't do 9 now. Afternoon please.",
    ],
)
async def test_a_time_of_day_turned_down_in_a_move_keeps_the_day_proposed(
    container: Container, fix: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    async with talking(container) as talk:
        await talk("Hi, it's John Smith, 123 456 7890.")
        t = await talk("Can you move my Monday appointment to the same time next week?")
        assert "to Monday, December 7th at 9 AM" in t.reply, talk.transcript()
        t = await talk(fix)
        assert "to Monday, December 7th at noon" in t.reply, talk.transcript()
        assert not t.called("modify_appointment"), talk.transcript()


# --- a new booking counted from the one held: same day, the week after, the Friday before ------
@pytest.mark.parametrize(
    ("held", "line", "proposed"),
    [
        (
            MONDAY,
            "Could I book another appointment on the same day as the one I've already got, but"
            " later on... say 2?",
            "Monday, November 30th at 2 PM",
        ),
        (
            MONDAY,
            "i need another one the week after my next appointment same day same time",
            "Monday, December 7th at 11 AM",
        ),
        (
            MONDAY_NEXT,
            "Could I come in the Friday before my Monday appointment? First thing, ideally.",
            "Friday, December 4th at 9 AM",
        ),
        (
            MONDAY,
            "can i book tuesday the first at the same time as my monday one",
            "Tuesday, December 1st at 11 AM",
        ),
    ],
)
async def test_a_booking_counted_from_the_one_held(
    container: Container, held: date, line: str, proposed: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (held, time(11)))
    async with talking(container) as talk:
        await talk("Hi, it's John Smith, 123 456 7890.")
        t = await talk(line)
        assert proposed in t.reply, talk.transcript()
        assert not t.called("book_appointment"), talk.transcript()


async def test_the_same_time_as_one_of_two_held_is_that_ones_time(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(11)), (THURSDAY_NEXT, time(15)))
    async with talking(container) as talk:
        await talk("Hi, it's John Smith, 123 456 7890.")
        t = await talk("Can I book Tuesday the 1st at the same time as my Monday one?")
        assert "Tuesday, December 1st at 11 AM" in t.reply, talk.transcript()


# --- "the slot straight after mine": the hour after the one held --------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Could I have the slot straight after mine on Monday? I'd rather not come in twice.",
        "Can I book the time right after mine on Monday, please?",
    ],
)
async def test_the_slot_straight_after_mine_is_the_hour_after_it(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(11)), (THURSDAY_NEXT, time(15)))
    async with talking(container) as talk:
        await talk("Hi, it's John Smith, 123 456 7890.")
        t = await talk(line)
        assert "Shall I book Monday, November 30th at noon?" in t.reply, talk.transcript()


# --- "the one that comes after my Tuesday one": named by its place beside another -------------
@pytest.mark.parametrize(
    ("line", "meant"),
    [
        (
            "I need to cancel one - the one that comes after my Tuesday one. Keep the others.",
            "Thursday, December 3rd at 3 PM",
        ),
        ("Please cancel the appointment before my Thursday one.", "Tuesday, December 1st at 2 PM"),
    ],
)
async def test_an_appointment_named_by_the_one_beside_it(
    container: Container, line: str, meant: str
) -> None:
    await add_caller(
        container,
        JOHN,
        "John Smith",
        (MONDAY, time(11)),
        (TUESDAY, time(14)),
        (THURSDAY_NEXT, time(15)),
    )
    async with talking(container) as talk:
        await talk("Hi, it's John Smith, 123 456 7890.")
        t = await talk(line)
        assert f"Shall I cancel your appointment on {meant}?" in t.reply, talk.transcript()
        assert not t.called("cancel_appointment"), talk.transcript()


# --- "the first thing on Friday" ... "nothing before eleven": still the first, from eleven ----
@pytest.mark.parametrize(
    ("bound", "first"),
    [
        ("Ah wait, it's my day off Friday and I want a lie in, so nothing before eleven.", "11 AM"),
        ("Actually can it be after 11? I'm not a morning person.", "noon"),
    ],
)
async def test_a_floor_said_after_the_first_thing_asked_keeps_the_first(
    container: Container, bound: str, first: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Hi, it's John Smith, 123 456 7890.")
        t = await talk("What's the first thing you have on Friday?")
        assert "Friday, November 27th at 9 AM" in t.reply, talk.transcript()
        t = await talk(bound)
        assert f"The earliest I have is Friday, November 27th at {first}." in t.reply, (
            talk.transcript()
        )
