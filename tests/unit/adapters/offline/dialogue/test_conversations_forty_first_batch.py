"""What a forty-first blind batch (whole calls in the world's Englishes) taught the
receptionist, in other words than the corpus lines, through a real text-mode session, the real
tools and a real database. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY,
    JOHN,
    MONDAY,
    TUESDAY,
    TUESDAY_NEXT,
    add_caller,
    talking,
)


@pytest.mark.parametrize(
    "line",
    [
        "It's 123 456 7890. I've got loads on next week, so could you push my Tuesday "
        "appointment out a week? Same time.",
        "123 456 7890 - I'm away next week, so kindly shift it by one week, same day, same time",
    ],
)
async def test_a_week_away_said_as_the_reason_is_not_where_the_move_goes(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(15)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "to Tuesday, December 8th at 3 PM" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(TUESDAY_NEXT, time(15))], talk.transcript()


async def test_the_one_said_to_be_kept_is_not_the_one_cancelled(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(9)), (MONDAY, time(11)))
    async with talking(container) as talk:
        t = await talk(
            "123 456 7890 here, I'll have to cancel the Monday one, no worries about Friday, "
            "keep that"
        )
        assert "Monday, November 30th" in t.reply, talk.transcript()
        await talk("yep")
        assert await talk.booked(JOHN) == [(FRIDAY, time(9))], talk.transcript()


async def test_the_caller_and_their_child_booked_one_after_the_other(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(
            "John Smith, 123 456 7890. Please I want to book for myself and my little girl, "
            "Monday morning, her right after me."
        )
        assert "both" in t.reply, talk.transcript()
        await talk("yes please, book the two of them")
        booked = await talk.booked(JOHN)
        assert len(booked) == 2 and {d for d, _ in booked} == {MONDAY}, talk.transcript()
        assert booked[1][1].hour - booked[0][1].hour == 1, talk.transcript()


@pytest.mark.parametrize("answer", ["Yes, it is fine, confirm it.", "okay, please confirm"])
async def test_confirm_said_to_a_proposed_booking_books_it(
    container: Container, answer: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("John Smith, 123 456 7890, Friday at 10 please")
        t = await talk(answer)
        assert t.called("book_appointment"), talk.transcript()
        assert await talk.booked(JOHN) == [(FRIDAY, time(10))], talk.transcript()


@pytest.mark.parametrize("bye", ["cheers, see ya", "ta very much, ta-ra", "sweet, hooroo"])
async def test_a_goodbye_of_the_worlds_englishes_ends_the_call(
    container: Container, bye: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("John Smith, 123 456 7890, Friday at 10 please")
        await talk("yes")
        t = await talk(bye)
        assert t.called("end_conversation"), talk.transcript()


@pytest.mark.parametrize(
    ("line", "yes"),
    [
        ("123 456 7890, I have two appointments, I need to cancel the two because I travel", "yes"),
        ("it's 123 456 7890, please cancel the two of them", "yes the two please"),
    ],
)
async def test_the_two_held_cancelled_as_both(container: Container, line: str, yes: str) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(9)), (MONDAY, time(11)))
    async with talking(container) as talk:
        await talk(line)
        for _ in range(3):
            if not await talk.booked(JOHN):
                break
            await talk(yes)
        assert await talk.booked(JOHN) == [], talk.transcript()
