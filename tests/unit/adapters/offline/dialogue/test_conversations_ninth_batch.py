"""What a ninth batch of blind calls (vague times, hesitant yeses, disfluent speech, two
people or two things in one call) taught the receptionist, call by call in other words than
the corpus lines, through a real text-mode session, the real tools and a real database.
Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY, FRIDAY_NEXT, JOHN, MONDAY, TUESDAY, WEDNESDAY_NEXT, add_caller, talking

NEW = "6465550139"


@pytest.mark.parametrize(
    "held_back", ["Yeah - wait, which day was that?", "ok sure, hang on, what time was that?"]
)
async def test_a_yes_held_back_for_a_question_changes_nothing_until_the_real_yes(
    container: Container, held_back: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(11)))
    async with talking(container) as talk:
        await talk("I'd like to move my Monday appointment")
        await talk(JOHN)
        t = await talk("Tuesday, same time")
        assert "Tuesday" in t.reply and "11 AM" in t.reply
        t = await talk(held_back)
        assert await talk.booked(JOHN) == [(MONDAY, time(11))], talk.transcript()
        assert "Tuesday" in t.reply and "11 AM" in t.reply
        await talk("Right. Yes, do it.")
        assert await talk.booked(JOHN) == [(TUESDAY, time(11))], talk.transcript()


@pytest.mark.parametrize(
    ("when", "slot"),
    [
        # the first opening after a date, not on it
        ("whatever's first after the 3rd", (FRIDAY_NEXT, time(9))),
        # a weekday said after a week: that week's
        ("end of next week, maybe the friday", (FRIDAY_NEXT, time(9))),
        # past the first hour of the day
        ("Friday next week, not too early please", (FRIDAY_NEXT, time(10))),
        # a part of the day on any day: "one" is no hour here
        ("one afternoon next week, any day", (MONDAY, time(12))),
        # a day turned down and given as the reason is not asked for
        ("any morning next week except Monday, Monday's my long shift", (TUESDAY, time(9))),
        # the time lunch is, said as the reason, is not the time asked for
        ("Wednesday next week, before lunch, I have lunch at eleven", (WEDNESDAY_NEXT, time(9))),
    ],
)
async def test_vague_times_are_read_as_meant(
    container: Container, when: str, slot: tuple[date, time]
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("hi, I need an appointment")
        await talk(JOHN)
        t = await talk(when)
        assert f"{slot[0]:%B} {slot[0].day}" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [slot], talk.transcript()


@pytest.mark.parametrize(
    "name", ["its dana its dana ruiz", "dana um dana ruiz", "it's Dana, sorry, Dana Ruiz"]
)
async def test_a_name_begun_again_is_registered_in_full(container: Container, name: str) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("hi i want to book an appointment")
        await talk("six four six five five five zero one three nine")
        await talk(name)
        await talk("yes")  # the number read back before the account is set up
        await talk("yes")  # and the name
        assert await talk.user_name(NEW) == "Dana Ruiz", talk.transcript()


async def test_you_got_it_to_the_name_question_is_a_yes_not_a_name(
    container: Container,
) -> None:
    async with talking(container) as talk:
        await talk("hi, I want to book an appointment")
        await talk("646 555 0139")
        t = await talk("yep, you got it")
        assert "name" in t.reply.lower()
        await talk("Dana Ruiz")
        assert await talk.user_name(NEW) == "Dana Ruiz", talk.transcript()


async def test_a_second_booking_right_after_the_first_is_proposed_and_made_on_its_yes(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("can I book Tuesday at ten")
        await talk(JOHN)
        await talk("yes")
        assert await talk.booked(JOHN) == [(TUESDAY, time(10))]
        t = await talk("and my wife needs one too, can she come straight after me?")
        assert "Tuesday" in t.reply and "11 AM" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(TUESDAY, time(10))]
        await talk("yes")
        assert await talk.booked(JOHN) == [(TUESDAY, time(10)), (TUESDAY, time(11))]


async def test_me_and_my_son_books_two_one_after_the_other_each_on_its_own_yes(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("I need to bring me and my son in on Monday, back to back")
        await talk(JOHN)
        # "9 is good" to "Shall I book Monday at 9 AM?" is the yes to the first; the second
        # is proposed and needs its own
        t = await talk("9 is good")
        assert await talk.booked(JOHN) == [(MONDAY, time(9))], talk.transcript()
        assert "10 AM?" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(9)), (MONDAY, time(10))]


async def test_a_second_request_after_a_comma_and_i_is_asked_with_the_first(
    container: Container,
) -> None:
    # one question names the cancel and the booking (leftovers20); one yes makes both
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(14)))
    async with talking(container) as talk:
        await talk("cancel my Friday one, and I'd also like to book Tuesday at 3")
        t = await talk(JOHN)
        assert "cancel" in t.reply.lower() and "Friday" in t.reply
        assert "Tuesday" in t.reply and "3 PM" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(FRIDAY, time(14))]
        await talk("yes")
        assert await talk.booked(JOHN) == [(TUESDAY, time(15))], talk.transcript()


async def test_the_following_weekday_of_a_move_is_the_one_after_the_appointment(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (WEDNESDAY_NEXT, time(15)))
    async with talking(container, style="spoken") as talk:
        await talk("i need to move my appointment")
        await talk("one two three four five six seven eight nine zero")
        t = await talk("can i have the same time on the following wednesday")
        assert "December 9th" in t.reply and "3 PM" in t.reply, talk.transcript()


async def test_a_request_about_appointments_not_understood_is_not_called_off_topic(
    container: Container,
) -> None:
    async with talking(container) as talk:
        t = await talk("hi, quick thing about our two appointments")
        assert "only help with appointments" not in t.reply, talk.transcript()
        assert "reschedule or cancel" in t.reply
        t = await talk("the weather is lovely today")
        assert "only help with appointments" in t.reply, talk.transcript()
