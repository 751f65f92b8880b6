"""Open points left from the blind batches fresh3 to fresh27 (leftovers53), each as a caller
would say it, through a real text-mode session, the real tools and a real database: a yes to a
slot said back with the wrong date, then the right day said with a yes once the clash is told;
a move to a part of the same day with nothing free in it.
Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, TUESDAY, add_caller, seat_others, talking


# --- "Tuesday the 2nd, great" to "shall I book Tuesday the 1st?", told, then "the 1st, yes" ---
@pytest.mark.parametrize(
    "line",
    [
        "Oh, sorry - the 1st, yes, Tuesday. Book it.",
        "the first then yes tuesday go ahead",
        "Ah, Tuesday the 1st, yes please, book that.",
        "Yes, sorry, the Tuesday, book it.",
    ],
)
async def test_a_yes_with_the_day_after_a_clash_books_the_slot_proposed(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(f"Hi, John Smith, {JOHN}. Could I book Tuesday at 10?")
        assert "December 1st at 10 AM" in t.reply, talk.transcript()
        t = await talk("Tuesday the 2nd at 10, great.")
        assert "Wednesday" in t.reply and not await talk.booked(JOHN), talk.transcript()
        t = await talk(line)
        assert "booked" in t.reply.lower(), talk.transcript()
        assert await talk.booked(JOHN) == [(TUESDAY, time(10))], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "The 2nd, the Wednesday then.",  # the other day: proposed, not booked
        "Tuesday, but could it be 11 instead?",  # another time: asked about
        "the 1st I think",  # no yes
        "Yes, Tuesday - is there parking there?",  # a question beside it
    ],
)
async def test_no_yes_to_the_slot_after_a_clash_books_nothing(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk(f"Hi, John Smith, {JOHN}. Could I book Tuesday at 10?")
        await talk("Tuesday the 2nd at 10, great.")
        await talk(line)
        assert await talk.booked(JOHN) == [], talk.transcript()


async def test_a_yes_with_the_day_after_a_clash_moves_to_the_slot_proposed(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    async with talking(container) as talk:
        await talk(f"Hi, John Smith, {JOHN}. Can I move my Monday appointment to Tuesday at 10?")
        t = await talk("Tuesday the 2nd at 10, yes.")
        assert "Wednesday" in t.reply and await talk.booked(JOHN) == [(MONDAY, time(9))], (
            talk.transcript()
        )
        await talk("Sorry, the 1st, yes, Tuesday. Go ahead.")
        assert await talk.booked(JOHN) == [(TUESDAY, time(10))], talk.transcript()


# --- "late afternoon on the same day", 3 PM taken: 2 PM that day, not 3 PM on another day --------
@pytest.mark.parametrize(
    "line",
    [
        "Could you shift my Monday morning appointment to late afternoon on the same day?",
        "can my monday one go to late afternoon instead, same day",
        "I'd like to keep the same day but move my Monday appointment to the late afternoon.",
    ],
)
async def test_a_part_of_the_same_day_full_offers_the_nearest_time_that_day(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    await seat_others(container, (MONDAY, time(15)))
    async with talking(container) as talk:
        await talk(f"Hi, John Smith, {JOHN}.")
        t = await talk(line)
        assert "Monday, November 30th at 2 PM?" in t.reply, talk.transcript()
        await talk("yes, that's fine")
        assert await talk.booked(JOHN) == [(MONDAY, time(14))], talk.transcript()


async def test_nothing_near_that_part_of_the_same_day_offers_another_day(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    await seat_others(container, (MONDAY, time(15)), (MONDAY, time(14)))
    async with talking(container) as talk:
        await talk(f"Hi, John Smith, {JOHN}.")
        t = await talk(
            "Could you shift my Monday morning appointment to late afternoon on the same day?"
        )
        assert "November 30th at 1 PM?" not in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(MONDAY, time(9))], talk.transcript()


# --- "Yes. Oh, I'm not in there? ... Never mind." to a new number's read-back: the name next -----
@pytest.mark.parametrize(
    "line",
    [
        "Yes. Oh, I'm not in there? I've been coming for years. Never mind.",
        "yes that's right. I'm not on your system? Odd. Never mind.",
    ],
)
async def test_a_yes_with_surprise_at_the_record_keeps_the_number(
    container: Container, line: str
) -> None:
    async with talking(container) as talk:
        await talk("Hi, could you book me in please?")
        t = await talk("240 555 0144")
        assert "240-555-0144" in t.reply, talk.transcript()
        t = await talk(line)
        assert "phone number" not in t.reply and "name" in t.reply, talk.transcript()
        t = await talk("Opal Jenkins")
        assert "account is set up" in t.reply, talk.transcript()
