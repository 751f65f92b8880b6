"""What a thirty-fifth blind batch (more than one thing at once: one of two or three bookings
named by its place against the others, a look at what is held before it is changed) taught the
receptionist, in other words than the corpus lines, through a real text-mode session, the real
tools and a real database. Today is Wednesday 25 November 2026, 10:00 in New York (Thursday is
Thanksgiving)."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY, JOHN, MONDAY, TUESDAY, WEDNESDAY_NEXT, add_caller, talking


@pytest.mark.parametrize(
    "line",
    [
        "I need to drop one of them. Not the earlier one - the other one",
        "cancel one for me please, not the first one, the other",
        "can you cancel whichever one is later, I'll keep the other",
        "the one that's later in the week can go, please cancel it",
        "cancel one of ours please - not mine but the other one, the one later on",
    ],
)
async def test_the_other_of_two_or_the_later_one_is_the_one_cancelled(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(9)), (TUESDAY, time(14)))
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        t = await talk(line)
        assert "cancel your appointment on Tuesday, December 1st at 2 PM" in t.reply, (
            talk.transcript()
        )


@pytest.mark.parametrize(
    "line",
    [
        "please cancel whichever one comes sooner, keep the other",
        "the sooner of the two can go",
    ],
)
async def test_whichever_is_sooner_is_the_earlier_of_two(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(14)), (FRIDAY, time(9)))
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        t = await talk(line)
        assert "cancel your appointment on Friday, November 27th at 9 AM" in t.reply, (
            talk.transcript()
        )


@pytest.mark.parametrize(
    "line",
    [
        "keep the first and the last but cancel the one in between",
        "the middle one can go, please",
    ],
)
async def test_the_one_in_between_of_three_is_the_middle_one(
    container: Container, line: str
) -> None:
    await add_caller(
        container,
        JOHN,
        "John Smith",
        (FRIDAY, time(9)),
        (MONDAY, time(11)),
        (WEDNESDAY_NEXT, time(15)),
    )
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        t = await talk(line)
        assert "cancel your appointment on Monday, November 30th at 11 AM" in t.reply, (
            talk.transcript()
        )


async def test_asking_which_of_two_times_one_is_at_reads_it_out_and_books_nothing(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(11)))
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890 - is my monday one at 10 or at 11? I forget")
        assert "Monday, November 30th at 11 AM" in t.reply, talk.transcript()
        assert "Shall I book" not in t.reply, talk.transcript()
        t = await talk("ah, 11. would you be able to move it to 10 if that's free?")
        assert "to Monday, November 30th at 10 AM?" in t.reply, talk.transcript()
        await talk("yes go ahead")
        assert await talk.booked(JOHN) == [(MONDAY, time(10))], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "right, so cancel the one on the 1st then. I'll keep the other",
        "ok cancel the Tuesday one please, I'm keeping the other one",
        "cancel the one on the 1st please. I'll keep the other one",
        "the 1st can be cancelled. I will keep the other",
    ],
)
async def test_one_named_and_the_other_kept_after_hearing_both_is_the_one_cancelled(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(9)), (TUESDAY, time(14)))
    async with talking(container) as talk:
        t = await talk("hi it's John Smith, 123 456 7890, what have I got booked at the moment?")
        assert "Tuesday, December 1st at 2 PM" in t.reply, talk.transcript()
        t = await talk(line)
        assert "cancel your appointment on Tuesday, December 1st at 2 PM?" in t.reply, (
            talk.transcript()
        )


async def test_the_early_one_of_a_day_moved_after_the_other_one(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)), (MONDAY, time(13)))
    async with talking(container) as talk:
        await talk("John Smith here, 123 456 7890")
        t = await talk(
            "both of mine are on Monday and the early one won't work for me now. could it go"
            " after the other one instead?"
        )
        assert "from Monday, November 30th at 9 AM to Monday, November 30th at 2 PM?" in (
            t.reply
        ), talk.transcript()
