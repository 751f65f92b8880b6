"""A move whose request names the appointment to move ("my Thursday 10 o'clock", "the one I
have on the 3rd", "my appointment on Thursday at 10") carries that as its description, as a
cancel does: an account found by a number alone that holds nothing so described asks the name
before anything on it is read out (a misdialled digit lands on another patient), and where the
appointment goes is never read as the one held. Today is Wednesday 25 November 2026, 10:00 in
New York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY_NEXT,
    JOHN,
    MONDAY,
    MONDAY_NEXT,
    THURSDAY_NEXT,
    TUESDAY_NEXT,
    WEDNESDAY_NEXT,
    add_caller,
    talking,
)

GRETA = "5085556637"
SECRETS = ("Greta", "Holm", "11 AM")  # (the day itself is said when the caller said it)


@pytest.mark.parametrize(
    "line",
    [
        "hiya, can my Thursday 10 o'clock go to Monday at 10",
        "I need to shift my appointment on Thursday at 10 over to Monday",
        "I'd like to bump the one I've got on the 3rd at 10 back a week",
        "I want to change my appointment from next Thursday at 10 to the Monday after",
        "my 10 o'clock next Thursday - could you move that to Friday?",
    ],
)
async def test_a_move_on_another_patients_number_reads_nothing_out(
    container: Container, line: str
) -> None:
    await add_caller(container, GRETA, "Greta Holm", (THURSDAY_NEXT, time(11)))
    async with talking(container) as talk:
        await talk(line)
        t = await talk("508 555 6637")
        assert "name" in t.reply.lower(), talk.transcript()
        for secret in SECRETS:
            assert secret not in t.reply, talk.transcript()
        t = await talk("yes")
        for secret in SECRETS:
            assert secret not in t.reply, talk.transcript()
        assert await talk.booked(GRETA) == [(THURSDAY_NEXT, time(11))], talk.transcript()


async def test_the_day_of_the_one_held_another_week_asks_the_name(container: Container) -> None:
    await add_caller(container, GRETA, "Greta Holm", (WEDNESDAY_NEXT, time(11)))
    async with talking(container) as talk:
        await talk("I need to push back the one I have on the 3rd, it's at 11")
        t = await talk("5085556637")
        assert "name" in t.reply.lower(), talk.transcript()
        assert "December 2nd" not in t.reply and "Wednesday" not in t.reply, talk.transcript()


async def test_the_holder_an_hour_off_gives_the_name_and_moves_it_where_asked(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(11)))
    async with talking(container) as talk:
        await talk("hiya, can my Thursday 10 o'clock go to Monday at 10")
        t = await talk("123 456 7890")
        assert "11 AM" not in t.reply and "name" in t.reply.lower(), talk.transcript()
        t = await talk("John Smith")
        assert "Thursday, December 3rd at 11 AM" in t.reply, talk.transcript()
        assert "Monday, November 30th at 10 AM" in t.reply, talk.transcript()
        await talk("oh, 11, is it - fine, yes, move it")
        assert await talk.booked(JOHN) == [(MONDAY, time(10))], talk.transcript()


async def test_the_holder_putting_the_day_right_hears_theirs(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk("I'd like to move the one I've got on the 3rd to the 7th please")
        t = await talk("1234567890")
        assert "Friday" not in t.reply and "name" in t.reply.lower(), talk.transcript()
        t = await talk("hmm, or is it the 4th? yes, the 4th")
        assert "Friday, December 4th at 10 AM" in t.reply, talk.transcript()
        assert "name" not in t.reply.lower(), talk.transcript()


async def test_described_as_held_the_target_is_not_taken_for_it(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(14)))
    async with talking(container) as talk:
        await talk("I need to move my Friday 2 o'clock to Monday the 7th at 3")
        t = await talk("123-456-7890")
        assert "name on it" not in t.reply, talk.transcript()
        assert "from Friday, December 4th at 2 PM to Monday, December 7th at 3 PM" in t.reply, (
            talk.transcript()
        )
        await talk("yes please")
        assert await talk.booked(JOHN) == [(MONDAY_NEXT, time(15))], talk.transcript()


async def test_where_it_goes_said_with_put_is_no_description(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (WEDNESDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk("John Smith here, 123 456 7890")
        t = await talk("could you put my appointment on Friday the 4th instead, same time")
        assert "I don't see" not in t.reply, talk.transcript()
        assert "to Friday, December 4th at 10 AM" in t.reply, talk.transcript()


async def test_the_right_number_after_a_misdialled_one_reads_the_request_again(
    container: Container,
) -> None:
    await add_caller(container, GRETA, "Greta Holm", (THURSDAY_NEXT, time(11)))
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk("could my Thursday 10 o'clock appointment be moved to Friday the 4th at 10?")
        t = await talk("508 555 6637")
        assert "name" in t.reply.lower() and "11 AM" not in t.reply, talk.transcript()
        await talk("oh dear, wrong number - it's 123 456 7890")
        t = talk.turns[-1][1]
        assert "from Thursday, December 3rd at 10 AM to Friday, December 4th at 10 AM" in (
            t.reply
        ), talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(10))], talk.transcript()
        assert await talk.booked(GRETA) == [(THURSDAY_NEXT, time(11))], talk.transcript()


async def test_a_day_described_that_is_not_held_is_not_where_it_goes(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY_NEXT, time(10)))
    async with talking(container) as talk:
        t = await talk(
            "John Smith, 123 456 7890 - I want to shift my appointment on Monday the 7th at 10"
        )
        assert "I don't see an appointment on Monday, December 7th" in t.reply, talk.transcript()
        assert "to Monday, December 7th" not in t.reply, talk.transcript()
        assert "Tuesday, December 8th at 10 AM" in t.reply, talk.transcript()
        t = await talk("oh, the Tuesday - can it go to Thursday the 10th at 10 then")
        assert "to Thursday, December 10th at 10 AM" in t.reply, talk.transcript()
