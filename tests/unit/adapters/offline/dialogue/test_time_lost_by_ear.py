"""A booking's day heard by ear with the time lost (issue 10): the recorded calls heard "Monday,
half nine" as "monday have i you", "Tuesday at 9" as "tuesday time", "Monday at nine" as
"monday at the i in". The engine proposed the day's first free time, and the caller's "yes" -
or a time misheard in the answer - booked a time they never asked for. Now the day's times are
offered and none is proposed: the caller says which. A day said with nothing after it, or
typed, is proposed as before. Today is Wednesday 25 November 2026."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY, JOHN, MONDAY, TUESDAY, talking

NUMBER = "two zero two two five five zero one eight eight"
NEW = "2022550188"


@pytest.mark.parametrize(
    ("opening", "day"),
    [
        ("hello could i book monday have i you", "Monday, November 30th"),
        ("hey can i get an appointment tuesday time", "Tuesday, December 1st"),
        ("okay great i'd like to book monday at the i in please", "Monday, November 30th"),
        ("hi um could i come in on tuesday around the nip", "Tuesday, December 1st"),
    ],
)
async def test_a_day_with_its_time_lost_is_offered_not_proposed(
    container: Container, opening: str, day: str
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk(opening)
        await talk(NUMBER)
        t = await talk("yes that's right john smith")
        assert f"On {day} I have" in t.reply, talk.transcript()
        assert "Shall I book" not in t.reply, talk.transcript()


async def test_the_time_then_said_is_booked_after_a_yes(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("hello could i book monday have i you")
        await talk(NUMBER)
        await talk("yes that's right john smith")
        t = await talk("ah ten then please")
        assert "Monday, November 30th at 10 AM?" in t.reply, talk.transcript()
        assert await talk.booked(NEW) == []
        await talk("yes lovely")
        assert await talk.booked(NEW) == [(MONDAY, time(10))], talk.transcript()


@pytest.mark.parametrize(
    "opening",
    [
        "hello could i book monday please",
        "hi i'd like an appointment on monday if possible thanks",
        "could i come in next monday",
        "can i come in monday instead",
        "monday any time really",
    ],
)
async def test_a_day_said_alone_is_proposed_as_before(container: Container, opening: str) -> None:
    async with talking(container, style="spoken") as talk:
        await talk(opening)
        await talk(NUMBER)
        t = await talk("yes that's right john smith")
        assert "Shall I book Monday, November 30th at 9 AM?" in t.reply, talk.transcript()


async def test_typed_lines_are_proposed_as_before(container: Container) -> None:
    async with talking(container) as talk:
        await talk("could I book Tuesday, have you got anything")
        await talk(JOHN)
        t = await talk("John Smith")
        assert "Shall I book Tuesday, December 1st at 9 AM?" in t.reply, talk.transcript()
        assert TUESDAY


@pytest.mark.parametrize(
    "line", ["yes (name unclear)", "Yes (name unclear)", "  yes (name unclear) "]
)
async def test_a_yes_before_an_unclear_name_confirms_the_number(
    container: Container, line: str
) -> None:
    """voice31: "Yes, that's right. Maggie Thornton" to "If that number is right, may I have
    your full name?", the name unvouched: the yes confirms the number (before, the number was
    asked about again and the recording's next line, a yes to the booking, came a turn late)."""
    async with talking(container, style="spoken") as talk:
        await talk("hi I'd like to book an appointment for friday around ten")
        await talk(NUMBER)
        t = await talk(line)
        assert t.called("identify_user") == [{"phone_number": NEW, "name": "Unknown Caller"}]
        assert "Shall I book Friday, November 27th at 10 AM?" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(NEW) == [(FRIDAY, time(10))], talk.transcript()


async def test_an_unclear_name_alone_still_asks_the_number(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("hi I'd like to book an appointment for friday around ten")
        await talk(NUMBER)
        t = await talk("(name unclear)")
        assert "is your number" in t.reply and t.called("identify_user") == []


async def test_an_answer_unclear_is_never_taken_for_a_name(container: Container) -> None:
    """The branch's recorded half-nine-monday: the name unclear, "Ah, ten then, please" to "is
    your number ...?" heard "(answer unclear)", then "yes" - and the agent said "Thanks,
    Answer. And your last name?": the recogniser's marker was read as a first name."""
    async with talking(container, style="spoken") as talk:
        await talk("hello could i book monday have i you")
        await talk(NUMBER)
        await talk("(name unclear)")
        t = await talk("(answer unclear)")
        assert "Answer" not in t.reply, talk.transcript()
        t = await talk("yes go on please")
        assert "Answer" not in t.reply, talk.transcript()
        assert t.called("identify_user") == [{"phone_number": NEW, "name": "Unknown Caller"}]
