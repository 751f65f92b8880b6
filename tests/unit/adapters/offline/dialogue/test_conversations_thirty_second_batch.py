"""What a thirty-second blind batch (the phone call itself: a bad line, a hold, someone else in
the room, a cut-in at the read-back, questions about the call, "oh wait, one more thing")
taught the receptionist, in other words than the corpus lines, through a real text-mode
session, the real tools and a real database. Today is Wednesday 25 November 2026, 10:00 in
New York (Thursday is Thanksgiving)."""

from __future__ import annotations

from datetime import time

from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY_NEXT,
    JOHN,
    MONDAY,
    TUESDAY,
    add_caller,
    seat_others,
    talking,
)


async def test_a_question_after_the_goodbye_is_answered_and_the_call_goes_on(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk.book_monday_at_11(JOHN)
        t = await talk(
            "lovely, ta, bye - oh hang on, sorry, one more thing: how long will I be in for?"
        )
        assert not talk.ended, talk.transcript()
        assert "an hour" in t.reply, talk.transcript()
        await talk("great, that's it, bye")
        assert talk.ended, talk.transcript()


async def test_one_last_thing_after_a_booking_moves_nothing(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk.book_monday_at_11(JOHN)
        t = await talk("that's everything, thanks - oh! one last thing, when do you close?")
        assert "move" not in t.reply and "latest" not in t.reply, talk.transcript()
        await talk("perfect, bye")
        assert await talk.booked(JOHN) == [(MONDAY, time(11))], talk.transcript()


async def test_a_cut_in_at_the_booking_changes_only_the_hour(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890, can I come Tuesday at 9?")
        assert "Tuesday, December 1st at 9 AM" in t.reply, talk.transcript()
        t = await talk("yes - ah no, hang on, make it 11 instead, I forgot the staff meeting")
        assert "Tuesday, December 1st at 11 AM" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [], talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(TUESDAY, time(11))], talk.transcript()


async def test_the_afternoon_instead_same_day_keeps_the_day_proposed(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("hi, John Smith, 123 456 7890 - Tuesday at 9 please")
        assert "Tuesday, December 1st at 9 AM" in t.reply, talk.transcript()
        t = await talk("oh wait, can we do the afternoon instead? same day")
        assert "Tuesday, December 1st" in t.reply and "9 AM?" not in t.reply, talk.transcript()
        assert "Monday" not in t.reply, talk.transcript()


async def test_nothing_earlier_than_the_first_free_hour_is_said_and_it_stands(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    await seat_others(container, (MONDAY, time(9)))
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. Monday morning, please")
        assert "Shall I book Monday, November 30th at 10 AM?" in t.reply, talk.transcript()
        t = await talk("mm, have you anything earlier than that?")
        assert "10 AM is the earliest" in t.reply, talk.transcript()
        assert "latest" not in t.reply and "December" not in t.reply, talk.transcript()
        await talk("fine, that one then")
        assert await talk.booked(JOHN) == [(MONDAY, time(10))], talk.transcript()


async def test_a_bad_line_after_a_day_says_the_same_again(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    async with talking(container) as talk:
        first = await talk("John Smith, 123 456 7890. Could my Monday one be later that day?")
        assert "Monday, November 30th" in first.reply, talk.transcript()
        t = await talk("sorry, you broke up right after Monday. What were those times?")
        assert t.reply.endswith(first.reply.split("account. ")[-1]), talk.transcript()
        assert "December" not in t.reply, talk.transcript()


async def test_could_a_day_be_an_hour_later_after_its_code_moves_it(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk("hi, John Smith, 123 456 7890, what's the code for Friday's appointment?")
        t = await talk("thanks. oh, while I've got you - can Friday be an hour later?")
        assert "move your appointment" in t.reply, talk.transcript()
        assert "Friday, December 4th at 11 AM" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(11))], talk.transcript()


async def test_a_person_asked_for_twice_is_told_twice(container: Container) -> None:
    async with talking(container) as talk:
        first = await talk("hello? am I talking to a real person?")
        t = await talk("right. could I just speak to someone at reception then")
        assert "didn't catch" not in t.reply, talk.transcript()
        assert "staff" in t.reply and "staff" in first.reply, talk.transcript()


async def test_whose_line_and_how_long_the_call_takes_are_answered(container: Container) -> None:
    async with talking(container) as talk:
        t = await talk("hi, is this the clinic? how long is this going to take, I'm on a break")
        assert "reached" in t.reply and "minute or two" in t.reply, talk.transcript()


async def test_a_rough_hour_given_while_the_number_is_asked_is_kept(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("I'd like an appointment on Monday please")
        assert "phone number" in t.reply, talk.transcript()
        await talk("mornings are best, eleven-ish")
        t = await talk("123 456 7890")
        assert "Monday, November 30th at 11 AM" in t.reply, talk.transcript()


async def test_a_name_then_a_hold_for_the_number_keeps_the_name(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("hi can i book monday at ten")
        await talk("its ruth adler hang on my numbers on the fridge")
        t = await talk("here it is four one three five five five zero one nine nine")
        assert "Ruth Adler" in t.reply and "Hang" not in t.reply, talk.transcript()
