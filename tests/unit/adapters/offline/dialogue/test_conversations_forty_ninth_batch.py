"""What a forty-ninth blind batch (numbers doing double duty: "the 3rd at 3", "the 7th first
thing or the 8th at 2", "two of us", a house number or a bus beside the hour, a phone number
echoing the time, "no, the 4th at 2, not the 2nd at 4") taught the receptionist, in other words
than the corpus lines, through a real text-mode session, the real tools and a real database.
Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY_NEXT,
    JOHN,
    MONDAY_NEXT,
    THURSDAY_NEXT,
    TUESDAY,
    TUESDAY_NEXT,
    add_caller,
    seat_others,
    talking,
)


@pytest.mark.parametrize(
    "line",
    [
        # a tag asking it back
        "John Smith, 123 456 7890. I've the 3rd at 2 with you, haven't I?",
        "hiya 123 456 7890 i have the third at two dont i",
        "It's 123 456 7890 - my one's Thursday at 2, isn't it?",
        # which of two it is
        "123 456 7890. Am I 2 on the 3rd or 3 on the 2nd? I've gone and muddled them.",
        "123 456 7890 here, is mine the Thursday or the Friday, can't remember",
        # how many, and when
        "John Smith 123 456 7890, how many do I have with you at the moment?",
        "123 456 7890. I think there's one or two booked, could you tell me when they are?",
    ],
)
async def test_asking_back_what_is_held_says_it(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(14)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "December 3rd at 2 PM" in t.reply, talk.transcript()
        assert not t.called("book_appointment"), talk.transcript()
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(14))], talk.transcript()


@pytest.mark.parametrize(
    ("line", "full", "proposed"),
    [
        (
            "123 456 7890, can I book the 3rd at 9 or the 4th at 2, whichever you've got",
            True,
            "December 4th at 2 PM",
        ),
        (
            "123 456 7890. another appointment please - thursday the 3rd at nine or friday the "
            "4th at two, either is fine",
            False,
            "December 3rd at 9 AM",
        ),
        (
            "hi its 123 456 7890 i need one at nine on the third or two on the fourth",
            True,
            "December 4th at 2 PM",
        ),
    ],
)
async def test_each_day_with_its_own_hour_said_with_or_keeps_its_hour(
    container: Container, line: str, full: bool, proposed: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    if full:
        await seat_others(container, (THURSDAY_NEXT, time(9)))
    async with talking(container) as talk:
        t = await talk(line)
        assert proposed in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [
            (FRIDAY_NEXT, time(14)) if full else (THURSDAY_NEXT, time(9))
        ], talk.transcript()


async def test_a_move_to_one_day_first_thing_or_another_at_an_hour_takes_the_first(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(11)))
    async with talking(container) as talk:
        t = await talk("123 456 7890, move my Tuesday to the 4th first thing or the 7th at 2")
        assert "December 4th at 9 AM" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(9))], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "123 456 7890, I need to cancel my 2 o'clock on the 4th",
        "hi its 123 456 7890 i want to cancel my two pm on friday the fourth please",
        "John Smith 123 456 7890 - can you cancel my 2pm on the 4th, not the one on the 7th",
    ],
)
async def test_an_hour_held_twice_named_with_its_day_picks_that_one(
    container: Container, line: str
) -> None:
    await add_caller(
        container, JOHN, "John Smith", (FRIDAY_NEXT, time(14)), (MONDAY_NEXT, time(14))
    )
    async with talking(container) as talk:
        t = await talk(line)
        assert "December 4th at 2 PM" in t.reply, talk.transcript()
        assert "December 7th" not in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY_NEXT, time(14))], talk.transcript()


async def test_an_hour_held_twice_named_with_its_day_moves_that_one(container: Container) -> None:
    await add_caller(
        container, JOHN, "John Smith", (FRIDAY_NEXT, time(14)), (MONDAY_NEXT, time(14))
    )
    async with talking(container) as talk:
        t = await talk("123 456 7890. I'd like to move my 2 o'clock on Monday the 7th")
        assert "December 4th" not in t.reply, talk.transcript()
        await talk("Tuesday the 8th at 10 please")
        await talk("yes")
        assert await talk.booked(JOHN) == [
            (FRIDAY_NEXT, time(14)),
            (TUESDAY_NEXT, time(10)),
        ], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "123 456 7890. I need to see the doctor sooner. I've got the 7th at 10 - could I move "
        "it to Thursday the 3rd, same time?",
        "hi 123 456 7890 i want to come in before the weekend ive got the seventh at ten can you "
        "move it to thursday the third same time",
        "John Smith, 123 456 7890. I'd like to get it done earlier. I've Monday the 7th at 10am, "
        "can you move it to the 3rd at the same time?",
    ],
)
async def test_the_hour_held_said_then_same_time_keeps_that_hour(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY_NEXT, time(10)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "December 3rd at 10 AM" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(10))], talk.transcript()


@pytest.mark.parametrize(
    "answer",
    [
        "rosa diaz numbers two one two five five five zero one nine eight",
        "yeah rosa diaz numbers two one two five five five zero one nine eight",
        "rosa diaz numbers two one two five five five um zero one nine eight",
    ],
)
async def test_a_heard_numbers_after_the_name_is_not_part_of_it(
    container: Container, answer: str
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("hi id like to book an appointment on tuesday at ten please")
        t = await talk(answer)
        assert "Rosa Diaz with" in t.reply or "Rosa Diaz," in t.reply, talk.transcript()
        assert "Numbers" not in t.reply, talk.transcript()
