"""What a second batch of blind phone calls taught the receptionist, call by call in other
words than the corpus lines, through a real text-mode session, the real tools and a real
database. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time

from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY,
    FRIDAY_NEXT,
    JOHN,
    MONDAY,
    THURSDAY_NEXT,
    TUESDAY,
    WEDNESDAY_NEXT,
    add_caller,
    talking,
)

MARY = "2125550143"


async def test_a_yes_naming_another_day_is_no_yes(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (WEDNESDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk("I have to cancel an appointment")
        t = await talk(JOHN)
        assert "Wednesday, December 2nd at 10 AM?" in t.reply
        t = await talk("yes, the Monday one, please cancel it")
        assert not t.called("cancel_appointment")
        assert await talk.booked(JOHN) == [(WEDNESDAY_NEXT, time(10))]


async def test_a_relatives_number_is_dropped_for_the_callers_own(container: Container) -> None:
    await add_caller(container, MARY, "Mary Smith", (FRIDAY, time(11)))
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    async with talking(container) as talk:
        await talk("I'd like to cancel my appointment")
        t = await talk("212 555 0143")
        assert "Friday, November 27th at 11 AM?" in t.reply
        t = await talk("oh no, that's my wife, I gave you her number. Mine's 123 456 7890")
        assert not t.called("cancel_appointment")
        assert t.called("identify_user") == [{"phone_number": JOHN}]
        assert "Monday, November 30th at 9 AM" in t.reply
        t = await talk("yes please")
        assert len(t.called("cancel_appointment")) == 1
        assert await talk.booked(MARY) == [(FRIDAY, time(11))]
        assert await talk.booked(JOHN) == []


async def test_asking_whats_free_while_moving_keeps_the_move(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(9)))
    async with talking(container) as talk:
        await talk("I need to reschedule")
        await talk(JOHN)
        t = await talk("what do you have on Tuesday?")
        assert "Tuesday, December 1st" in t.reply
        t = await talk("11 please")
        assert "move your appointment" in t.reply
        t = await talk("yes")
        assert len(t.called("modify_appointment")) == 1
        assert await talk.booked(JOHN) == [(TUESDAY, time(11))]


async def test_an_appointment_held_and_a_day_instead_moves_it(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(14)))
    async with talking(container) as talk:
        await talk("I've got an appointment Monday at 2, can we do Wednesday instead, same time?")
        t = await talk(JOHN)
        assert "move your appointment" in t.reply and "Wednesday, December 2nd at 2 PM" in t.reply
        t = await talk("yes")
        assert await talk.booked(JOHN) == [(WEDNESDAY_NEXT, time(14))]


async def test_the_weekday_after_the_appointment(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container) as talk:
        await talk("I want to move my appointment")
        await talk(JOHN)
        t = await talk("the Thursday after, same time")
        assert "Thursday, December 3rd at 10 AM" in t.reply
        t = await talk("yes")
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(10))]


async def test_naming_an_appointment_after_the_codes_repeats_its_code(
    container: Container,
) -> None:
    codes = await add_caller(
        container, JOHN, "John Smith", (MONDAY, time(9)), (FRIDAY_NEXT, time(3 + 12))
    )
    async with talking(container) as talk:
        await talk("what's my confirmation code?")
        t = await talk(JOHN)
        assert codes[0].upper() in t.reply
        t = await talk("the one on the 4th")
        assert not t.called("book_appointment") and not t.called("fetch_available_slots")
        assert codes[1].upper() in t.reply
        assert await talk.booked(JOHN) == [(MONDAY, time(9)), (FRIDAY_NEXT, time(15))]


async def test_a_caller_who_asks_to_wait_is_asked_again(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("I'd like to book an appointment")
        t = await talk(JOHN)
        assert "What day and time" in t.reply
        t = await talk("one sec, let me look at my calendar")
        assert "take your time" in t.reply and "What day and time" in t.reply
        assert not t.called("get_user_appointments")
        t = await talk("Tuesday at 10")
        assert "Shall I book Tuesday, December 1st at 10 AM?" in t.reply


async def test_open_on_a_day_is_answered_for_that_day_and_then_meant(
    container: Container,
) -> None:
    async with talking(container) as talk:
        t = await talk("Are you open on the day after Thanksgiving?")
        assert "Yes, we're open on Friday, November 27th" in t.reply
        t = await talk("and are you open Saturday the 28th?")
        assert "closed on Saturday, November 28th" in t.reply
        await talk("Okay. Could I book the Friday then? That afternoon, I mean.")
        await talk("5551234567")
        t = await talk("Mia Chen")
        assert "Friday, November 27th" in t.reply and "PM" in t.reply


async def test_turning_down_the_appointments_own_time_is_heard(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    async with talking(container) as talk:
        await talk("I'd like to move my appointment")
        await talk(JOHN)
        t = await talk("Tuesday morning")
        assert "9 AM" in t.reply
        t = await talk("no, nine is no good, something later that morning?")
        # the times listed, and the one asked about (the move is read back from the
        # appointment's own 9 AM)
        listed, _, asked = t.reply.partition("Shall I")
        assert "9 AM" not in listed and "10 AM" in listed
        assert asked.endswith("to Tuesday, December 1st at 10 AM?")
