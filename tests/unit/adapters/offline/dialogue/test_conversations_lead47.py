"""A household member's appointment named by how it stands to the caller's own ("the later one
that day", "the same day as my Friday one") is which one to cancel, not a second change: no move
of the caller's own is read back beside it. Today is Wednesday 25 November 2026, 10:00 in New
York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, WEDNESDAY_NEXT, add_caller, talking

FRIDAY = date(2026, 12, 4)
TUESDAY_15TH = date(2026, 12, 15)


@pytest.mark.parametrize(
    "opening",
    [
        "hi, John Smith here, 123 456 7890. I've to cancel my son's appointment, it's under my "
        "number. it's on the same day as my friday one, the later one that day",
        "John Smith, 1234567890. Could you cancel my wife's booking? It's the same day as mine "
        "on Friday - the later one.",
        "hello it's john smith 123 456 7890 i need to cancel my daughters one its same day as my "
        "friday appointment the later one",
    ],
)
async def test_the_later_one_that_day_names_which_not_a_move(
    container: Container, opening: str
) -> None:
    await add_caller(
        container,
        JOHN,
        "John Smith",
        (FRIDAY, time(10)),
        (FRIDAY, time(11)),
        (TUESDAY_15TH, time(10)),
    )
    async with talking(container) as talk:
        t = await talk(opening)
        if "Shall I" not in t.reply:
            t = await talk("the eleven o'clock on friday, that's theirs. mine stays")
        assert "cancel" in t.reply and "move" not in t.reply, talk.transcript()
        assert "11 AM" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(FRIDAY, time(10)), (TUESDAY_15TH, time(10))], (
            talk.transcript()
        )


# --- a booking held, said as a noun, then moved in the next sentence -----------------------------
@pytest.mark.parametrize(
    "line",
    [
        "John Smith, 123 456 7890. I've got a booking Monday at 10 but I'm stuck at work that "
        "day. Could you move it to the Wednesday that week, same time?",
        "it's john smith 1234567890 i have a booking on monday at ten but something came up. "
        "any chance of shifting it to wednesday same time",
        "Hi, John Smith, 123-456-7890. There's a booking on Monday at 10 under my name, the kids "
        "are off sick. Can we change it to Wednesday at 10?",
    ],
)
async def test_a_booking_held_then_moved_is_one_move_not_a_booking(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "move" in t.reply and "Wednesday, December 2nd at 10 AM" in t.reply, (
            talk.transcript()
        )
        await talk("yes please")
        assert await talk.booked(JOHN) == [(WEDNESDAY_NEXT, time(10))], talk.transcript()


# --- "away" said of a while, then the day asked for --------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "123 456 7890. i'm away a fair bit - the latest day you can manage, mornings",
        "It's 1234567890 - we're away a good while, latest day you can do please, mornings",
    ],
)
async def test_away_for_a_while_does_not_rule_out_the_day_asked_after_it(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(line)
        assert "February 23rd at 11 AM" in t.reply, talk.transcript()
