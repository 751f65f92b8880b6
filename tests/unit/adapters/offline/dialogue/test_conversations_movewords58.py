"""A move asked without a verb of moving of its own, or with it in the passive ("could my
Thursday one be switched to Friday?", "would Friday work instead of the 3rd?", "could we make it
Friday?", "I'd rather it were the afternoon"): a returning caller holding an appointment hears
the one held read back with where it goes, and nothing changes before the yes. Not moves: a
second booking ("Friday as well"), a question ("is Friday any better?"), a cancel ("just take
it off"); and a move described on a number alone whose account holds nothing like it asks the
name first. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY_NEXT,
    JOHN,
    MONDAY_NEXT,
    THURSDAY_NEXT,
    TUESDAY_NEXT,
    add_caller,
    talking,
)

HELD = "Thursday, December 3rd at 10 AM"


@pytest.mark.parametrize(
    "line",
    [
        "is it possible for that to be changed to Friday the 4th?",
        "could that 10 o'clock be shifted over to Friday the 4th, same time",
        "would Friday the 4th work instead of the 3rd",
        "any chance of doing Friday the 4th instead of my Thursday appointment?",
        "could we make it Friday the 4th",
        "shall we say Friday the 4th instead, then",
        "is there any way Thursday could be Friday the 4th instead",
        "might mine be put back to Friday the 4th?",
    ],
)
async def test_a_move_said_without_a_verb_of_moving_is_read_back_for_a_yes(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk("hello, it's John Smith, 123 456 7890")
        t = await talk(line)
        assert f"move your appointment from {HELD} to Friday, December 4th" in t.reply, (
            talk.transcript()
        )
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(10))], talk.transcript()
        await talk("yes please")
        assert [d for d, _ in await talk.booked(JOHN)] == [FRIDAY_NEXT], talk.transcript()


@pytest.mark.parametrize(
    "line", ["I'd rather it were the afternoon", "could mine be a little earlier, same day?"]
)
async def test_another_time_the_same_day_wished_for_the_one_held(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk("hello, it's John Smith, 123 456 7890")
        t = await talk(line)
        assert f"move your appointment from {HELD} to Thursday, December 3rd" in t.reply, (
            talk.transcript()
        )
        await talk("no, actually leave it as it is")
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(10))], talk.transcript()


@pytest.mark.parametrize(
    ("line", "not_said"),
    [
        ("could I have Friday the 4th as well", "move your appointment"),
        ("is Friday the 4th any better?", "move your appointment"),
        ("I can't do the Thursday, just take it off please", "move your appointment"),
        ("I can't make it on Thursday now, I'm afraid", "move your appointment from"),
        ("the doctor said four weeks on, I make it Friday the 4th", "move your appointment"),
    ],
)
async def test_what_is_not_a_move_is_not_read_as_one(
    container: Container, line: str, not_said: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk("hello, it's John Smith, 123 456 7890")
        t = await talk(line)
        assert not_said not in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(10))], talk.transcript()


async def test_a_move_to_make_it_another_day_asks_nothing_of_a_caller_holding_nothing(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("hello, it's John Smith, 123 456 7890")
        t = await talk("could we make it Friday the 4th")
        assert "move your appointment" not in t.reply, talk.transcript()
        assert "I don't see any upcoming appointments" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [], talk.transcript()


GRETA = "5085556637"


@pytest.mark.parametrize(
    "line",
    [
        "could my Monday 9 o'clock be switched to Friday the 4th?",
        "would Friday the 4th work instead of my Monday 9 o'clock",
    ],
)
async def test_on_a_number_alone_holding_nothing_like_it_the_name_is_asked_first(
    container: Container, line: str
) -> None:
    await add_caller(container, GRETA, "Greta Holm", (THURSDAY_NEXT, time(11)))
    async with talking(container) as talk:
        await talk(line)
        t = await talk("508 555 6637")
        assert "name" in t.reply.lower(), talk.transcript()
        for secret in ("Greta", "Holm", "11 AM", "Thursday"):
            assert secret not in t.reply, talk.transcript()
        assert await talk.booked(GRETA) == [(THURSDAY_NEXT, time(11))], talk.transcript()


async def test_of_two_held_the_one_named_after_instead_of_is_the_one_moved(
    container: Container,
) -> None:
    await add_caller(
        container, JOHN, "John Smith", (THURSDAY_NEXT, time(10)), (FRIDAY_NEXT, time(14))
    )
    async with talking(container) as talk:
        await talk("hello, it's John Smith, 123 456 7890")
        t = await talk("could I come in Monday the 7th instead of my Friday one")
        assert "from Friday, December 4th at 2 PM to Monday, December 7th" in t.reply, (
            talk.transcript()
        )
        await talk("yes")
        assert [d for d, _ in await talk.booked(JOHN)] == [THURSDAY_NEXT, MONDAY_NEXT], (
            talk.transcript()
        )


async def test_the_booking_under_way_put_another_day_is_no_move_of_the_one_held(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk("hi, John Smith, 123 456 7890")
        await talk("I'd like a second appointment, Monday the 7th at 10")
        t = await talk("hmm, could that be switched to Tuesday the 8th? or make it the 8th")
        assert "Shall I book Tuesday, December 8th at 10 AM?" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(10)), (TUESDAY_NEXT, time(10))], (
            talk.transcript()
        )
