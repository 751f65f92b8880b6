"""Faults left in the typed corpus (leftovers20), each as callers say it, through a real
text-mode session, the real tools and a real database: two changes of held appointments (two
moves, a move and a cancel, a cancel and a booking) named in one question and made on one yes.
Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import (
    JOHN,
    MONDAY,
    MONDAY_NEXT,
    THURSDAY,
    TUESDAY,
    TUESDAY_NEXT,
    WEDNESDAY_NEXT,
    add_caller,
    talking,
)

HELD = ((MONDAY, time(9)), (TUESDAY, time(11)))


# --- two moves in one question -------------------------------------------------------------------
async def test_both_pushed_back_are_named_in_one_question_and_moved_on_one_yes(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", *HELD)
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        t = await talk("uh could you shove the both of them back a week? same times")
        assert "Shall I move both" in t.reply, talk.transcript()
        assert "Monday, November 30th at 9 AM to Monday, December 7th at 9 AM" in t.reply
        assert "Tuesday, December 1st at 11 AM to Tuesday, December 8th at 11 AM" in t.reply
        t = await talk("yeah go on, both")
        assert await talk.booked(JOHN) == [(MONDAY_NEXT, time(9)), (TUESDAY_NEXT, time(11))], (
            talk.transcript()
        )
        assert "anything else" in t.reply, talk.transcript()


async def test_a_no_to_both_moves_neither(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", *HELD)
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        t = await talk("can you push them both back a week please")
        assert "Shall I move both" in t.reply, talk.transcript()
        await talk("no, hang on, let me think")
        assert await talk.booked(JOHN) == list(HELD), talk.transcript()


@pytest.mark.parametrize(
    ("line", "moved"),
    [
        ("yes but just the monday one actually", (MONDAY_NEXT, time(9))),
        ("oh - only Tuesday's, yes please", (TUESDAY_NEXT, time(11))),
    ],
)
async def test_a_yes_naming_one_of_the_two_moves_only_that_one(
    container: Container, line: str, moved: tuple[date, time]
) -> None:
    await add_caller(container, JOHN, "John Smith", *HELD)
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        t = await talk("can you push them both back a week please, same times")
        assert "Shall I move both" in t.reply, talk.transcript()
        await talk(line)
        kept = [h for h in HELD if h[0].weekday() != moved[0].weekday()]
        assert await talk.booked(JOHN) == sorted([moved, *kept]), talk.transcript()


async def test_a_yes_naming_one_asks_about_the_other_on_its_own(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", *HELD)
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        t = await talk("can you push them both back a week please, same times")
        assert "Shall I move both" in t.reply, talk.transcript()
        t = await talk("yes, the monday one")
        assert await talk.booked(JOHN) == [(TUESDAY, time(11)), (MONDAY_NEXT, time(9))], (
            talk.transcript()
        )
        assert "Shall I move your appointment from Tuesday, December 1st" in t.reply, (
            talk.transcript()
        )
        await talk("no, leave that one")
        assert await talk.booked(JOHN) == [(TUESDAY, time(11)), (MONDAY_NEXT, time(9))], (
            talk.transcript()
        )


async def test_each_a_day_later_moves_the_later_one_first(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)), (TUESDAY, time(10)))
    async with talking(container) as talk:
        await talk("hello, John Smith 123 456 7890")
        t = await talk(
            "so the monday one needs to go to tuesday and the tuesday one to wednesday, "
            "same time as now"
        )
        assert "Shall I move both" in t.reply, talk.transcript()
        await talk("yep that's right")
        assert await talk.booked(JOHN) == [(TUESDAY, time(10)), (WEDNESDAY_NEXT, time(10))], (
            talk.transcript()
        )


async def test_days_swapped_round_keep_their_own_times(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY, time(14)), (MONDAY, time(9)))
    async with talking(container) as talk:
        await talk("hello, John Smith 123 456 7890")
        t = await talk("Could you do Monday's to Thursday and Thursday's to Monday? same times")
        assert "Shall I move both" in t.reply, talk.transcript()
        await talk("perfect, yes")
        assert await talk.booked(JOHN) == [(THURSDAY, time(9)), (MONDAY, time(14))], (
            talk.transcript()
        )


# --- a move and a cancel, a cancel and a booking ------------------------------------------------
async def test_a_move_and_a_cancel_in_one_question(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", *HELD)
    async with talking(container) as talk:
        await talk("hello, John Smith 123 456 7890")
        t = await talk(
            "right so Monday's has to go to Wednesday, same time, and the Tuesday one we won't "
            "need any more"
        )
        assert "Shall I move your appointment from Monday" in t.reply, talk.transcript()
        assert "and cancel the one on Tuesday, December 1st at 11 AM?" in t.reply
        await talk("yes, do both")
        assert await talk.booked(JOHN) == [(WEDNESDAY_NEXT, time(9))], talk.transcript()


async def test_a_cancel_and_a_booking_for_the_caller_in_one_question(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    async with talking(container) as talk:
        await talk("hi, John Smith, 123 456 7890")
        t = await talk(
            "my lad won't need his on monday now, but could you book me in on wednesday the "
            "2nd at 3?"
        )
        assert "Shall I cancel your appointment on Monday, November 30th at 9 AM" in t.reply
        assert "and book Wednesday, December 2nd at 3 PM?" in t.reply, talk.transcript()
        await talk("yes please, both")
        assert await talk.booked(JOHN) == [(WEDNESDAY_NEXT, time(15))], talk.transcript()


async def test_the_two_held_said_are_read_out_not_booked(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", *HELD)
    async with talking(container) as talk:
        t = await talk("hiya, John Smith 123 456 7890, I've got two appointments next week")
        assert "2 upcoming appointments" in t.reply, talk.transcript()
        assert "Shall I book" not in t.reply, talk.transcript()


# --- two bookings for a household, said at the account question --------------------------------
async def test_each_one_for_someone_on_a_day_of_its_own_is_asked_in_one_question(
    container: Container,
) -> None:
    async with talking(container) as talk:
        await talk("hello, could I make appointments for me and my daughter please")
        await talk("it's Mary Jones, 646 555 0123")
        t = await talk("well tuesday for her at ten, and wednesday for me, also at ten")
        assert "Shall I book both" in t.reply, talk.transcript()
        assert "Tuesday, December 1st at 10 AM" in t.reply, talk.transcript()
        assert "Wednesday, December 2nd at 10 AM" in t.reply, talk.transcript()
        await talk("yes lovely, both")
        assert await talk.booked("6465550123") == [
            (TUESDAY, time(10)),
            (WEDNESDAY_NEXT, time(10)),
        ], talk.transcript()
