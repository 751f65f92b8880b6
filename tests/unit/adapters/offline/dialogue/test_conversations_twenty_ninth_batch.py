"""What a twenty-ninth blind batch (a day through an event only the caller knows, going back to
an earlier offer, half of two asks taken back, relayed speech, a message left as to a machine, a
time said as a sum) taught the receptionist, in other words than the corpus lines, through a
real text-mode session, the real tools and a real database. Today is Wednesday 25 November
2026, 10:00 in New York (Thursday is Thanksgiving)."""

from __future__ import annotations

from datetime import time

from voice_agent.bootstrap import Container

from .talk import FRIDAY_NEXT, JOHN, MONDAY, TUESDAY, TUESDAY_NEXT, add_caller, talking


async def test_a_request_left_as_a_message_and_signed_off_is_served(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(9)))
    async with talking(container) as talk:
        t = await talk(
            "hello this is John Smith, 123 456 7890, leaving a message - I need to cancel my"
            " appointment next Friday, if someone could ring me back. Thanks a lot, bye bye"
        )
        assert not talk.ended, talk.transcript()
        assert "cancel" in t.reply and "December 4th" in t.reply, talk.transcript()
        await talk("oh! sorry, I thought it'd go to voicemail. yes please cancel it")
        assert await talk.booked(JOHN) == [], talk.transcript()


async def test_a_request_put_off_with_a_goodbye_still_ends_the_call(
    container: Container,
) -> None:
    async with talking(container) as talk:
        await talk("I wanted to book something for Monday but I'll ring back tomorrow, bye")
        assert talk.ended, talk.transcript()


async def test_a_goodbye_once_something_is_done_still_ends_the_call(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk.book_monday_at_11(JOHN)
        await talk("no that's everything, I'll book my son another time, bye")
        assert talk.ended, talk.transcript()


async def test_an_hour_before_you_close_is_the_last_slot_of_the_day(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("John Smith 123 456 7890, Tuesday, an hour before you close if possible")
        assert "Tuesday, December 1st at 3 PM" in t.reply, talk.transcript()
        await talk("perfect yes")
        assert await talk.booked(JOHN) == [(TUESDAY, time(15))], talk.transcript()


async def test_a_couple_of_hours_after_opening_is_eleven(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("hi its john smith 1234567890 can i do monday a couple hours after you open")
        assert "Monday, November 30th at 11 AM" in t.reply, talk.transcript()
        await talk("yeah")
        assert await talk.booked(JOHN) == [(MONDAY, time(11))], talk.transcript()


async def test_cant_do_an_offered_day_while_booking_moves_nothing_held(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk("John Smith, 123 456 7890, have you got anything Friday morning?")
        t = await talk("oh wait I can't do Friday actually, what about Monday morning?")
        assert "move your appointment" not in t.reply, talk.transcript()
        assert "Monday, November 30th" in t.reply, talk.transcript()
        await talk("9 please")
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(9)), (TUESDAY_NEXT, time(10))], (
            talk.transcript()
        )


async def test_thursday_or_friday_next_week_offers_next_weeks_thursday(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY_NEXT, time(10)))
    async with talking(container) as talk:
        t = await talk(
            "hi 123 456 7890, can I move my one on the 8th to Thursday or Friday next week"
        )
        # not tomorrow's Thursday (Thanksgiving, closed) but the one of next week
        assert "November 26th" not in t.reply, talk.transcript()
        assert "Thursday, December 3rd" in t.reply, talk.transcript()
