"""What a fourteenth batch of blind calls (side questions mid-flow, conditions, several at once,
times the clinic can't give, upset callers, calls only to check) taught the receptionist, in
other words than the corpus lines, through a real text-mode session, the real tools and a real
database. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

from voice_agent.bootstrap import Container

from .talk import FRIDAY_NEXT, JOHN, MONDAY, MONDAY_NEXT, TUESDAY, add_caller, talking


async def test_a_cancellation_made_elsewhere_is_checked_not_made(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(9)))
    async with talking(container) as talk:
        await talk("I cancelled Monday's appointment on your website, did it go through?")
        t = await talk(JOHN)
        assert "cancel" not in t.reply.lower(), talk.transcript()
        await talk("ok so the Friday one is still on, great, that's everything")
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(9))], talk.transcript()


async def test_an_appointment_said_to_stand_is_not_cancelled(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(9)))
    async with talking(container) as talk:
        await talk("can you cancel my Monday appointment")
        await talk(JOHN)  # no Monday on that number: the name on it is asked first (edges29)
        t = await talk("John Smith")
        assert "cancel" in t.reply.lower() and "?" in t.reply, talk.transcript()
        await talk("right, so the 4th is still on then, lovely")
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(9))], talk.transcript()


async def test_a_cancellation_put_off_asks_for_no_cancellation(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(9)))
    async with talking(container) as talk:
        await talk("put me down for Monday at ten and I'll cancel it later if I can't come")
        t = await talk(JOHN)
        assert "book" in t.reply.lower() and "cancel" not in t.reply.lower(), talk.transcript()
        await talk("yes")
        assert (MONDAY, time(10)) in await talk.booked(JOHN), talk.transcript()
        assert (FRIDAY_NEXT, time(9)) in await talk.booked(JOHN), talk.transcript()


async def test_book_it_while_moving_moves_it(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(9)))
    async with talking(container) as talk:
        await talk("I'd like to move my appointment")
        await talk(JOHN)
        t = await talk("Monday the 7th, any time")
        assert "move" in t.reply.lower(), talk.transcript()
        await talk("great, book it")
        booked = await talk.booked(JOHN)
        assert len(booked) == 1 and booked[0][0] == MONDAY_NEXT, talk.transcript()


async def test_a_question_about_paying_is_answered_honestly_and_the_slot_kept(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("I need an appointment on Tuesday at 11")
        await talk(JOHN)
        t = await talk("hang on, how much does it cost, do you take cash?")
        assert "don't have that information" in t.reply, talk.transcript()
        assert "December 1st at 11" in t.reply, talk.transcript()
        await talk("ok yes go ahead")
        assert await talk.booked(JOHN) == [(TUESDAY, time(11))], talk.transcript()


async def test_a_part_of_a_month_is_looked_for_in_that_month(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("I'd like to book something at the beginning of January")
        t = await talk(JOHN)
        assert "January" in t.reply, talk.transcript()
        await talk("yes please")
        booked = await talk.booked(JOHN)
        assert len(booked) == 1, talk.transcript()
        assert date(2027, 1, 1) <= booked[0][0] <= date(2027, 1, 10), talk.transcript()


async def test_two_back_to_back_are_booked_on_one_yes_to_both(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("can I book two slots back to back on Tuesday at one")
        t = await talk(JOHN)
        assert "Shall I book both" in t.reply and "2 PM" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(TUESDAY, time(13)), (TUESDAY, time(14))], (
            talk.transcript()
        )


async def test_leave_it_as_it_is_keeps_the_appointment(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(9)))
    async with talking(container) as talk:
        await talk("can I change my appointment to Monday the 7th")
        await talk(JOHN)
        t = await talk("hmm, no, just leave it as it is")
        assert "leave" in t.reply.lower() and "Shall I" not in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(9))], talk.transcript()


async def test_cancel_it_then_is_a_yes_to_cancelling(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(9)))
    async with talking(container) as talk:
        await talk("I want to cancel")
        await talk(JOHN)
        await talk("oh well, that's a pity. Alright, cancel it then")
        assert await talk.booked(JOHN) == [], talk.transcript()


async def test_tomorrows_appointment_changed_is_a_move(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (date(2026, 11, 27), time(10)))
    async with talking(container) as talk:
        await talk("hi i need to change fridays appointment")
        await talk(JOHN)
        t = await talk("monday same time")
        assert "move" in t.reply.lower() and "10 AM" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(10))], talk.transcript()
