"""A new caller by ear answers the questions they expect: the name read back, and a number the
name turn did not say yes to, are asked about in the booking question itself, where one yes
answers all of them, instead of in questions of their own that take the yes (or the time) the
caller meant for the booking. Nothing is opened or booked without that yes."""

from __future__ import annotations

from datetime import time

from voice_agent.bootstrap import Container

from .talk import FRIDAY, TUESDAY_NEXT, talking


async def test_a_number_not_yet_confirmed_is_read_back_with_the_name_in_the_booking_question(
    container: Container,
) -> None:
    # the recogniser dropped the caller's "Yes." before the name: no question of its own
    # about the number ("Before I set up your account, is your number ...?") took the yes
    # the caller meant for the booking
    async with talking(container, style="spoken") as talk:
        await talk("hi I'd like to book an appointment for friday around ten")
        await talk("two zero seven five five five zero one seven eight")
        t = await talk("maggie thornton")
        assert "Before I set up" not in t.reply, talk.transcript()
        assert "I have your name as Maggie Thornton, on the number 2 0 7, 5 5 5, 0 1 7 8." in (
            t.reply
        )
        assert "Shall I book Friday" in t.reply and "10 AM" in t.reply
        assert t.called("identify_user") == []
        t = await talk("yes please")
        assert t.called("identify_user") == [
            {"phone_number": "2075550178", "name": "Maggie Thornton"}
        ]
        assert await talk.booked("2075550178") == [(FRIDAY, time(10))]


async def test_a_no_to_the_booking_question_that_read_the_number_back_asks_about_it_alone(
    container: Container,
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("I'd like to book an appointment on friday at two p m")
        await talk("two zero seven five five five zero one eight two")
        await talk("maggie thornton")
        t = await talk("no")
        # the number and the name asked about again, in a question that says what it agrees to
        assert "2 0 7, 5 5 5, 0 1 8 2" in t.reply and "Shall I book" not in t.reply, (
            talk.transcript()
        )
        assert t.called("identify_user") == [] and t.called("book_appointment") == []
        t = await talk("no it's two zero seven five five five zero one eight three")
        assert t.called("identify_user") == [{"phone_number": "2075550183"}]
        assert t.called("book_appointment") == [] and await talk.booked("2075550182") == []


async def test_a_name_heard_with_a_day_but_no_time_waits_for_the_booking_question(
    container: Container,
) -> None:
    # "a week on Tuesday": the times that day come next, not "I have your name as ... Is
    # that right?" on its own (a caller who expects the times answers it with one, "two
    # o'clock"); another time asked for instead of the one proposed refuses nothing
    async with talking(container, style="spoken") as talk:
        await talk("hello I'd like to book an appointment for a week on tuesday please")
        await talk("two zero seven five five five zero one one four")
        t = await talk("yes that's right, nigel ashworth")
        # the times that day, with the name read back in the question that books one
        assert "Is that right?" not in t.reply, talk.transcript()
        assert "I have your name as Nigel Ashworth." in t.reply and "Shall I book" in t.reply
        assert t.called("identify_user") == []
        t = await talk("two o'clock if that's free")
        assert "I have your name as Nigel Ashworth. Shall I book" in t.reply, talk.transcript()
        assert t.called("identify_user") == []
        t = await talk("yes please")
        assert t.called("identify_user") == [
            {"phone_number": "2075550114", "name": "Nigel Ashworth"}
        ]
        assert await talk.booked("2075550114") == [(TUESDAY_NEXT, time(14))]
