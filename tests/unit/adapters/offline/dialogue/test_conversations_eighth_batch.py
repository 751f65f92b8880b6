"""What an eighth batch of blind calls (callers who ask to hear it again, who are interrupted,
who bargain, who answer a yes/no with a detail) taught the receptionist, call by call in other
words than the corpus lines, through a real text-mode session, the real tools and a real
database. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, TUESDAY, WEDNESDAY_NEXT, add_caller, talking

OTHER = "3125550188"


@pytest.mark.parametrize("style", ["written", "spoken"])
async def test_asking_to_hear_the_proposal_again_repeats_it_and_books_nothing(
    container: Container, style: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container, style=style) as talk:
        await talk("hi, could i book tuesday at three")
        first = await talk(JOHN)
        assert "Tuesday" in first.reply and "3 PM" in first.reply
        again = await talk("sorry, you'll have to say that again more slowly")
        assert again.reply.endswith(first.reply.split(". ")[-1])
        assert await talk.booked(JOHN) == []
        await talk("three, right, yes go ahead")
        assert await talk.booked(JOHN) == [(TUESDAY, time(15))], talk.transcript()


async def test_which_of_two_days_was_said_moves_nothing_and_asks_again(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container) as talk:
        await talk("I need to move my appointment to the 2nd, same time")
        t = await talk(JOHN)
        assert "December 2nd" in t.reply
        t = await talk("Sorry, was that the 2nd or the 12th?")
        assert "December 2nd" in t.reply and "12th" not in t.reply
        assert await talk.booked(JOHN) == [(MONDAY, time(10))]
        await talk("The 2nd. Yes, please do.")
        assert await talk.booked(JOHN) == [(WEDNESDAY_NEXT, time(10))], talk.transcript()


@pytest.mark.parametrize("style", ["written", "spoken"])
@pytest.mark.parametrize(
    "answer", ["right, monday morning then, yes", "so monday first thing then, yes please"]
)
async def test_a_yes_with_the_vague_time_said_back_accepts_the_proposal(
    container: Container, style: str, answer: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container, style=style) as talk:
        await talk("Could I get in on Monday, as early as you can?")
        t = await talk(JOHN)
        assert "9 AM" in t.reply
        await talk(answer)
        assert await talk.booked(JOHN) == [(MONDAY, time(9))], talk.transcript()


@pytest.mark.parametrize(
    "answer",
    [
        "in the morning, hmm",
        "The latest you have on Monday then. I'd like to book it.",  # asked for, not agreed
    ],
)
async def test_a_vague_time_said_back_without_a_firm_yes_books_nothing(
    container: Container, answer: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Could I get in on Monday morning?")
        t = await talk(JOHN)
        assert "9 AM" in t.reply
        await talk(answer)
        assert await talk.booked(JOHN) == [], talk.transcript()


async def test_grudging_acceptance_after_asking_for_earlier_books_the_offer(
    container: Container,
) -> None:
    await add_caller(container, OTHER, "Rita Moss", (MONDAY, time(9)), (MONDAY, time(10)))
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Monday morning please, the earlier the better")
        t = await talk(JOHN)
        assert "11 AM" in t.reply
        await talk("Nothing before that? Oh well. I'll take it.")
        assert await talk.booked(JOHN) == [(MONDAY, time(11))], talk.transcript()


@pytest.mark.parametrize("style", ["written", "spoken"])
async def test_going_for_a_pen_after_the_code_waits_and_says_it_again(
    container: Container, style: str
) -> None:
    (code,) = await add_caller(container, JOHN, "John Smith", (TUESDAY, time(11)))
    async with talking(container, style=style) as talk:
        await talk("can you give me my booking reference")
        await talk(JOHN)
        t = await talk("oh hang on, let me find a pencil")
        assert not talk.ended and "take your time" in t.reply.lower()
        t = await talk("okay, go ahead")
        assert not talk.ended
        spaced = " ".join(code.upper())
        assert code.upper() in t.reply or spaced in t.reply.upper(), talk.transcript()
        await talk("got it, thanks, bye")
        assert talk.ended


async def test_asking_the_name_question_again_creates_no_account(container: Container) -> None:
    async with talking(container) as talk:
        await talk("I'd like to book an appointment")
        await talk("646 555 0177")
        await talk("yes")
        t = await talk("Sorry, could you speak up?")
        assert await talk.user_name("6465550177") is None
        assert "name" in t.reply.lower()
        await talk("Dana Ruiz")
        assert await talk.user_name("6465550177") == "Dana Ruiz", talk.transcript()
