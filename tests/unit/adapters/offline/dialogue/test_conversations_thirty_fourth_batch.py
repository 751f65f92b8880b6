"""What a thirty-fourth blind batch (callers under pressure: in a hurry, interrupted, saying
things twice or before they are asked, putting a slip right turns later) taught the
receptionist, in other words than the corpus lines, through a real text-mode session, the real
tools and a real database. Today is Wednesday 25 November 2026, 10:00 in New York (Thursday is
Thanksgiving)."""

from __future__ import annotations

from datetime import time

from voice_agent.bootstrap import Container

from .talk import FRIDAY, JOHN, MONDAY, TUESDAY, add_caller, talking


async def test_a_name_given_where_another_number_was_asked_keeps_the_request(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(10)))
    async with talking(container) as talk:
        t = await talk("hello, I want to cancel Friday's appointment, it's 987 654 3210")
        assert "another number" in t.reply, talk.transcript()
        t = await talk("it'll be under John Smith")
        assert "phone number" in t.reply and "anything else" not in t.reply, talk.transcript()
        t = await talk("ah, my mistake, that was the old phone - 123 456 7890")
        assert "cancel" in t.reply and "Friday, November 27th" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [], talk.transcript()


async def test_no_other_number_after_a_lookup_fails_still_gives_up(container: Container) -> None:
    async with talking(container) as talk:
        t = await talk("I need to cancel my appointment on Monday, number 987 654 3210")
        assert "another number" in t.reply, talk.transcript()
        t = await talk("no, that's the only number I've got")
        assert "anything else" in t.reply, talk.transcript()


async def test_a_yes_with_the_same_number_said_again_opens_the_account(
    container: Container,
) -> None:
    async with talking(container) as talk:
        await talk("can I book Monday at 11")
        t = await talk("Ann Lee, 987-654-3210")
        assert "Shall I set one up" in t.reply, talk.transcript()
        t = await talk("yes yes, 987-654-3210, like I told you")
        assert "is your number" not in t.reply, talk.transcript()
        assert "Monday, November 30th at 11 AM" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked("9876543210") == [(MONDAY, time(11))], talk.transcript()


async def test_where_to_said_before_which_and_who_both_kept(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)), (FRIDAY, time(15)))
    async with talking(container) as talk:
        await talk("could I have it moved to Tuesday at 2, please")
        t = await talk("oh sorry, I mean my Friday appointment, that's the one. 123 456 7890")
        moved = "from Friday, November 27th at 3 PM to Tuesday, December 1st at 2 PM"
        assert moved in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(9)), (TUESDAY, time(14))], (
            talk.transcript()
        )


async def test_the_appointment_corrected_before_the_number_is_the_one_cancelled(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)), (FRIDAY, time(15)))
    async with talking(container) as talk:
        await talk("I need to cancel Monday's appointment")
        t = await talk("no wait, sorry, not Monday's - the Friday one. 123 456 7890")
        assert "Friday, November 27th at 3 PM" in t.reply, talk.transcript()
        assert "Monday" not in t.reply, talk.transcript()


async def test_an_hour_said_back_with_a_no_is_turned_down_and_the_rest_offered(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("123 456 7890, first thing Monday please")
        assert "Monday, November 30th at 9 AM" in t.reply, talk.transcript()
        t = await talk("nine? no, I'd never make it for nine. anything from 11 on?")
        assert "at 9 AM" not in t.reply, talk.transcript()
        assert "11 AM" in t.reply, talk.transcript()


async def test_a_call_back_asked_for_gives_the_front_desk_and_books_nothing(
    container: Container,
) -> None:
    async with talking(container) as talk:
        t = await talk("hiya, what've you got Monday morning?")
        assert "Monday, November 30th" in t.reply, talk.transcript()
        t = await talk("I can't decide now - could somebody ring me back this afternoon?")
        assert "207" in t.reply or "front desk" in t.reply, talk.transcript()
        assert "call back" in t.reply, talk.transcript()
