"""Older blind batches' leftovers (leftovers57, issue 10): "the <weekday> of that week" said of
an appointment the caller is unsure of is that weekday in the week of the one held. Real
text-mode session, real tools, real database. Today is Wednesday 25 November 2026, 10:00 in
New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, THURSDAY_NEXT, TUESDAY, TUESDAY_NEXT, add_caller, talking

FRIDAY_11 = date(2026, 12, 11)
THURSDAY_10 = date(2026, 12, 10)


# --- "a Tuesday, this one or next - the Friday of that week": the held Tuesday's week ----------
@pytest.mark.parametrize(
    ("line", "to"),
    [
        (
            "My appointment's on a Tuesday, this coming one or the next, I can't remember. Can"
            " you move it to the Friday of that week, same time?",
            FRIDAY_11,
        ),
        (
            "I think I've got one on Tuesday - could it go to the Thursday of the same week"
            " instead? Same time.",
            THURSDAY_10,
        ),
        (
            "It's a Tuesday I'm booked on, not sure which one. Please put it back to the Friday"
            " of that week at the same time.",
            FRIDAY_11,
        ),
    ],
)
async def test_that_week_is_the_week_of_the_one_held(
    container: Container, line: str, to: date
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk(line)
        t = await talk("John Smith, 123 456 7890.")
        assert f"to {to:%A}, December {to.day}th at 10 AM?" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(to, time(10))], talk.transcript()


async def test_that_week_of_the_coming_one_held_stays(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (date(2026, 12, 1), time(10)))
    async with talking(container) as talk:
        await talk("I've one on a Tuesday. Can you move it to the Friday of that week, same time?")
        t = await talk("John Smith, 123 456 7890.")
        assert "to Friday, December 4th at 10 AM?" in t.reply, talk.transcript()


# --- "it's next week, Wednesday or Thursday - move it to the week after": a shift of the held ---
@pytest.mark.parametrize(
    "line",
    [
        "I think mine is Wednesday next week, or it might be the Thursday. Anyway, can you move"
        " it to the week after, same day, same time?",
        "It's next week sometime, Wednesday or Thursday. I need to push it to the week after,"
        " same day and time.",
    ],
)
async def test_a_week_said_as_a_day_then_the_week_after_is_a_shift(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk(line)
        t = await talk("John Smith, 123 456 7890.")
        assert (
            "move your appointment from Thursday, December 3rd at 10 AM to Thursday, December"
            " 10th at 10 AM?" in t.reply
        ), talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(THURSDAY_10, time(10))], talk.transcript()


# --- "Monday's no good now - move both of them": the no is to the day, both are moved ---------
@pytest.mark.parametrize(
    "line",
    [
        "I've got mine on Monday at 10 and my son's right after at 11. Monday's no good now -"
        " could you move both of them to Tuesday, same times?",
        "There's mine Monday at ten and my husband's at eleven. Monday doesn't work any more,"
        " so could you move them both to Tuesday instead, same times?",
    ],
)
async def test_a_no_to_the_day_before_both_moves_both(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)), (MONDAY, time(11)))
    async with talking(container) as talk:
        t = await talk(f"John Smith, 123 456 7890. {line}")
        assert "Tuesday, December 1st at 10 AM" in t.reply, talk.transcript()
        assert "Tuesday, December 1st at 11 AM" in t.reply, talk.transcript()
        await talk("yes please, both")
        assert await talk.booked(JOHN) == [
            (TUESDAY, time(10)),
            (TUESDAY, time(11)),
        ], talk.transcript()
