"""What a fortieth batch of blind calls (the everyday calls: a first booking, one more, one
moved or cancelled, what is held, two errands at once) taught the receptionist, call by call in
other words than the corpus lines, through a real text-mode session, the real tools and a real
database. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time

from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY,
    FRIDAY_NEXT,
    JOHN,
    MONDAY,
    MONDAY_NEXT,
    TUESDAY,
    WEDNESDAY_NEXT,
    add_caller,
    talking,
)


async def test_adding_one_after_hearing_what_is_held_books_it_and_keeps_the_other(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container) as talk:
        await talk(f"John Smith, {JOHN}. What have I got with you at the moment?")
        t = await talk("ok. could I add one more, the Wednesday after, same time?")
        assert "book" in t.reply.lower() and "move" not in t.reply.lower(), talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [
            (MONDAY, time(10)),
            (WEDNESDAY_NEXT, time(10)),
        ], talk.transcript()


async def test_go_over_my_bookings_reads_them_all_and_changes_nothing(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)), (FRIDAY_NEXT, time(14)))
    async with talking(container) as talk:
        t = await talk(f"hi it's John Smith {JOHN}, can you go over my bookings with me?")
        assert "Monday" in t.reply and "9 AM" in t.reply, talk.transcript()
        assert "December 4th" in t.reply and "2 PM" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(MONDAY, time(9)), (FRIDAY_NEXT, time(14))]


async def test_the_code_asked_with_when_it_is_is_said(container: Container) -> None:
    (code,) = await add_caller(container, JOHN, "John Smith", (TUESDAY, time(13)))
    async with talking(container) as talk:
        t = await talk(f"{JOHN} - when's my appointment, and the reference number for it too?")
        assert code.upper() in t.reply.replace(" ", "").upper(), talk.transcript()
        assert "1 PM" in t.reply, talk.transcript()


async def test_a_booking_and_a_cancel_in_one_breath_are_both_done(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(14)))
    async with talking(container) as talk:
        t = await talk(
            f"John Smith, {JOHN}. I'd like to book Monday at 11, and I also need to cancel the"
            " one I have on Friday, I can't make it."
        )
        assert "Monday" in t.reply, talk.transcript()
        t = await talk("yes")
        assert "Friday" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(MONDAY, time(11))], talk.transcript()


async def test_a_code_then_while_i_have_you_a_move(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(10)))
    async with talking(container) as talk:
        t = await talk(
            f"It's {JOHN}. What's the confirmation code for Tuesday? Oh and actually, while I've"
            " got you, can you push it back an hour?"
        )
        assert "11 AM" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(TUESDAY, time(11))], talk.transcript()


async def test_the_next_two_cancelled_and_the_one_kept_stays(container: Container) -> None:
    await add_caller(
        container,
        JOHN,
        "John Smith",
        (MONDAY, time(9)),
        (MONDAY_NEXT, time(9)),
        (FRIDAY_NEXT, time(9)),
    )
    async with talking(container) as talk:
        t = await talk(
            f"john smith {JOHN} please cancel my next two appointments but keep the one on the"
            " fourth"
        )
        assert "November 30th" in t.reply and "December 7th" in t.reply, talk.transcript()
        await talk("yes both")
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(9))], talk.transcript()


async def test_all_on_one_weekday_and_then_the_date_names_the_one(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(10)), (FRIDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk(
            "Hello, I've two appointments with you, both Fridays I believe, and I need to cancel"
            " the one on the 4th of December."
        )
        t = await talk(f"oh yes, {JOHN}")
        assert "December 4th" in t.reply and "Which" not in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(FRIDAY, time(10))], talk.transcript()
