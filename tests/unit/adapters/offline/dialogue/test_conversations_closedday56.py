"""A day the caller never said is never confirmed (closedday56): a day of the month said bare
about an appointment named by its month is that month's, and a closed day named is said closed
with open days offered as a choice. Real text-mode session, real tools, real database. Today is
Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, TUESDAY, add_caller, talking

JANUARY_4 = date(2027, 1, 4)
JANUARY_7 = date(2027, 1, 7)


# --- "move the January one to the 7th": the 7th of January, not of December ----------------------
@pytest.mark.parametrize(
    "line",
    [
        "Can you move the January one to the 7th, same time?",
        "Could my January appointment go to the seventh instead? Same time.",
        "Can the January one go to the 7th? Same time as now.",
    ],
)
async def test_a_bare_day_of_the_month_is_read_in_the_month_of_the_one_named(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(10)), (JANUARY_4, time(10)))
    async with talking(container) as talk:
        t = await talk(f"John Smith, 123 456 7890. {line}")
        assert (
            "move your appointment from Monday, January 4th at 10 AM to Thursday, January 7th"
            " at 10 AM?" in t.reply
        ), talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [
            (TUESDAY, time(10)),
            (JANUARY_7, time(10)),
        ], talk.transcript()


async def test_a_bare_day_said_of_this_months_one_stays_this_month(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(10)), (JANUARY_4, time(10)))
    async with talking(container) as talk:
        t = await talk(
            "John Smith, 123 456 7890. Can you move the December one to the 7th, same time?"
        )
        assert "from Tuesday, December 1st at 10 AM" in t.reply, talk.transcript()
        assert "Monday, December 7th at 10 AM" in t.reply, talk.transcript()
