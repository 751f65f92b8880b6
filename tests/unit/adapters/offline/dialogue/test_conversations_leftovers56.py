"""Open points left from the blind batches fresh3 to fresh38 (leftovers56), each as a caller
would say it, through a real text-mode session, the real tools and a real database: a move
set aside for a booking "as well", then taken back to the move; two people in one slot, then
"one at ten and one at eleven".
Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY, JOHN, THURSDAY, TUESDAY, add_caller, talking

_MOVE = f"Hi, John Smith, {JOHN}. Can you move my Thursday appointment to Tuesday at 10?"


# --- "keep the Thursday and book the Tuesday as well", then "no, just move it" ---------------
@pytest.mark.parametrize(
    "line",
    [
        "Hmm, actually keep the Thursday and book me the Tuesday too.",
        "Wait - maybe keep Thursday and book Tuesday as well?",
        "on second thoughts keep that one and book the tuesday one as well",
    ],
)
async def test_a_booking_asked_for_in_place_of_a_move_takes_the_slot_proposed(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY, time(9)))
    async with talking(container) as talk:
        t = await talk(_MOVE)
        assert "Tuesday, December 1st at 10 AM" in t.reply, talk.transcript()
        t = await talk(line)
        assert "book Tuesday, December 1st at 10 AM" in t.reply, talk.transcript()
        await talk("Yes please.")
        assert await talk.booked(JOHN) == [(THURSDAY, time(9)), (TUESDAY, time(10))], (
            talk.transcript()
        )


@pytest.mark.parametrize(
    "line",
    [
        "No, forget that, sorry. Just move it.",
        "Actually no, scrap that - just move it like I said.",
        "no sorry, move it instead, one appointment is enough",
    ],
)
async def test_back_to_the_move_after_a_booking_set_it_aside(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY, time(9)))
    async with talking(container) as talk:
        await talk(_MOVE)
        await talk("Actually, keep the Thursday and book the Tuesday as well?")
        t = await talk(line)
        assert "move your appointment" in t.reply, talk.transcript()
        assert "Tuesday, December 1st at 10 AM" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(THURSDAY, time(9))], talk.transcript()
        await talk("Yes, go ahead.")
        assert await talk.booked(JOHN) == [(TUESDAY, time(10))], talk.transcript()


async def test_a_booking_in_place_of_a_move_with_its_own_time_keeps_that_time(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY, time(9)))
    async with talking(container) as talk:
        await talk(_MOVE)
        t = await talk("Actually keep the Thursday and book the Tuesday as well, at 2.")
        assert "Tuesday, December 1st at 2 PM" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(THURSDAY, time(9))], talk.transcript()


# --- "my wife and I both at ten", then "one at ten and one at eleven" -------------------------
@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "Hi, can my wife and I both come in at ten on Friday?",
            "Okay, one at ten and one at eleven then.",
        ),
        (
            "hello my son and i both need to be seen friday at ten",
            "fine one at 10 and one at 11",
        ),
        (
            "Could I book me and my husband in together, Friday at 10?",
            "Alright - one at ten, and one at eleven please.",
        ),
    ],
)
async def test_two_people_in_one_slot_then_one_an_hour_later(
    container: Container, first: str, second: str
) -> None:
    async with talking(container) as talk:
        await talk(first)
        await talk(f"It's John Smith, {JOHN}.")
        t = await talk("Yes.")
        assert "Friday, November 27th at 10 AM" in t.reply, talk.transcript()
        t = await talk(second)
        assert "Friday, November 27th at 11 AM" in t.reply, talk.transcript()
        assert t.reply.count("10 AM") <= 1, talk.transcript()
        await talk("Yes, book both.")
        assert await talk.booked(JOHN) == [(FRIDAY, time(10)), (FRIDAY, time(11))], (
            talk.transcript()
        )


# --- "any time after ten" said alone straight after a booking: a time for that one ------------
@pytest.mark.parametrize(
    ("line", "hours"),
    [
        ("any time after ten", range(11, 17)),
        ("Afternoon would be better, if you can.", range(12, 17)),
        ("after eleven please", range(12, 17)),
    ],
)
async def test_a_time_alone_after_a_booking_moves_that_booking(
    container: Container, line: str, hours: range
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk(f"Hi, John Smith, {JOHN}. Could I book Tuesday at 9?")
        await talk("Yes.")
        assert await talk.booked(JOHN) == [(TUESDAY, time(9))], talk.transcript()
        t = await talk(line)
        assert "move your appointment from Tuesday, December 1st at 9 AM" in t.reply, (
            talk.transcript()
        )
        assert await talk.booked(JOHN) == [(TUESDAY, time(9))], talk.transcript()
        await talk("yes thats fine")
        booked = await talk.booked(JOHN)
        assert len(booked) == 1 and booked[0][0] == TUESDAY, talk.transcript()
        assert booked[0][1].hour in hours, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "and one for my son any time after ten",
        "any time after ten?",
        "can I book another one, any time after ten",
    ],
)
async def test_a_time_with_more_after_a_booking_moves_nothing(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk(f"Hi, John Smith, {JOHN}. Could I book Tuesday at 9?")
        await talk("Yes.")
        t = await talk(line)
        assert "move your appointment" not in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(TUESDAY, time(9))], talk.transcript()


# --- a day and hour counted from the caller's appointment elsewhere ----------------------------
@pytest.mark.parametrize(
    ("line", "day", "at"),
    [
        (
            "My scan is on December 8th at 2. Could I see the doctor a week before it, an "
            "hour earlier than the scan?",
            TUESDAY,
            time(13),
        ),
        (
            "hospital appointment on the 8th of december, I need to see the GP a week before",
            TUESDAY,
            None,
        ),
    ],
)
async def test_a_day_counted_from_an_appointment_elsewhere(
    container: Container, line: str, day: date, at: time | None
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(f"Hi, John Smith, {JOHN}. {line}")
        assert "Tuesday, December 1st" in t.reply, talk.transcript()
        if at is not None:
            assert f"Tuesday, December 1st at {at.hour % 12 or 12} " in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [], talk.transcript()
