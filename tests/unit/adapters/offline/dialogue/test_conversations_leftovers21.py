"""Faults left in the typed corpus (leftovers21), each as callers say it, through a real
text-mode session, the real tools and a real database: a yes to a read-back with a further
change asked for after it, the weekday an appointment is moved to, and one question for
cancelling all of three. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time

import pytest

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

THREE = ((MONDAY, time(9)), (TUESDAY, time(11)), (THURSDAY_NEXT, time(14)))


# --- a yes, then one more change in a sentence of its own ---------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Yes. Oh and the tuesday one as well, could that go to thursday? Same time",
        "Yeah that's fine. And actually my Tuesday appointment too, can it go to Thursday? "
        "Same time if you can",
        "Lovely, yes. Oh, the tuesday one as well, could that move to thursday? same time",
    ],
)
async def test_a_yes_with_another_move_after_it_makes_the_first_then_asks_the_second(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)), (TUESDAY, time(11)))
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        t = await talk("could you move my monday one to wednesday, same time")
        assert "to Wednesday, December 2nd at 9 AM?" in t.reply, talk.transcript()
        t = await talk(line)
        assert await talk.booked(JOHN) == [(TUESDAY, time(11)), (WEDNESDAY_NEXT, time(9))], (
            talk.transcript()
        )
        assert (
            "Shall I move your appointment from Tuesday, December 1st at 11 AM to Thursday, "
            "December 3rd at 11 AM?"
        ) in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [
            (WEDNESDAY_NEXT, time(9)),
            (THURSDAY_NEXT, time(11)),
        ], talk.transcript()


async def test_a_yes_then_a_change_of_mind_about_the_same_one_is_no_yes(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)), (TUESDAY, time(11)))
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        await talk("could you move my monday one to wednesday, same time")
        await talk("Yes. Actually no, make it Thursday instead, same time")
        assert await talk.booked(JOHN) == [(MONDAY, time(9)), (TUESDAY, time(11))], (
            talk.transcript()
        )


# --- the weekday a move goes to -----------------------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "can you move my thursday appointment to friday please, same time",
        "I need to shift the Thursday one to Friday if that's ok, same time",
        "um push my thursday appt to the friday, same time",
    ],
)
async def test_a_weekday_a_move_goes_to_is_the_one_after_the_appointment(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(14)))
    async with talking(container) as talk:
        await talk("hello, John Smith, 123 456 7890")
        t = await talk(line)
        assert "to Friday, December 4th at 2 PM?" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(14))], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "could I bring my thursday appointment forward to friday, same time",
        "can you move my thursday one to this friday, same time",
    ],
)
async def test_a_weekday_said_as_sooner_or_this_one_is_before_the_appointment(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(14)))
    async with talking(container) as talk:
        await talk("hello, John Smith, 123 456 7890")
        t = await talk(line)
        assert "to Friday, November 27th at 2 PM?" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(FRIDAY, time(14))], talk.transcript()


# --- cancelling all of three --------------------------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "I need to cancel all of them",
        "could you cancel every appointment I have, please",
        "cancel them all, all of them",
    ],
)
async def test_all_three_are_named_in_one_question_and_cancelled_on_one_yes(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", *THREE)
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        t = await talk(line)
        assert "Shall I cancel all three of your appointments" in t.reply, talk.transcript()
        for day in ("Monday, November 30th", "Tuesday, December 1st", "Thursday, December 3rd"):
            assert day in t.reply, talk.transcript()
        t = await talk("yes, all of them")
        assert await talk.booked(JOHN) == [], talk.transcript()
        assert "anything else" in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line", ["yes but not the thursday one", "yeah, apart from Thursday's, I'll keep that"]
)
async def test_one_kept_of_all_three_cancels_nothing_and_asks_about_the_other_two(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", *THREE)
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        await talk("I'd like to cancel all my appointments")
        t = await talk(line)
        assert await talk.booked(JOHN) == list(THREE), talk.transcript()
        assert "Shall I cancel both your appointments" in t.reply, talk.transcript()
        assert "Thursday" not in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(14))], talk.transcript()


async def test_just_one_of_all_three_is_asked_about_alone(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", *THREE)
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        await talk("I'd like to cancel all my appointments")
        t = await talk("oh actually, just the tuesday one")
        assert await talk.booked(JOHN) == list(THREE), talk.transcript()
        assert "Shall I cancel your appointment on Tuesday, December 1st at 11 AM?" in t.reply
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(9)), (THURSDAY_NEXT, time(14))], (
            talk.transcript()
        )


# --- two changes said, one taken back before the line ends ---------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "could you cancel my monday one and move tuesday's to thursday, same time? oh actually "
        "wait, don't cancel monday, I can make that",
        "I want to cancel Monday's and shift Tuesday's to Thursday same time - no wait, keep "
        "Monday's, just the Tuesday one",
        "cancel monday and move tuesday to thursday same time hang on leave monday just move "
        "the tuesday",
    ],
)
async def test_a_cancel_taken_back_leaves_the_move_alone(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)), (TUESDAY, time(11)))
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        t = await talk(line)
        assert "cancel" not in t.reply, talk.transcript()
        assert (
            "Shall I move your appointment from Tuesday, December 1st at 11 AM to Thursday, "
            "December 3rd at 11 AM?"
        ) in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(9)), (THURSDAY_NEXT, time(11))], (
            talk.transcript()
        )


async def test_a_cancel_taken_back_leaves_the_booking_alone(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(14)))
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        t = await talk(
            "Can you cancel my Friday and book me in Wednesday at 10? Actually hold on. Don't "
            "cancel Friday, I'll still come to that one. Just the Wednesday."
        )
        assert "cancel" not in t.reply and "move" not in t.reply, talk.transcript()
        assert "Wednesday, December 2nd at 10 AM" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(WEDNESDAY_NEXT, time(10)), (FRIDAY_NEXT, time(14))], (
            talk.transcript()
        )


async def test_the_weekday_after_it_said_as_the_monday_after(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(14)))
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        t = await talk("can my friday one go to the monday after, same time")
        assert "to Monday, December 7th at 2 PM?" in t.reply, talk.transcript()
