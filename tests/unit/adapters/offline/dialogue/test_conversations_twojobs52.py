"""Two changes asked in one breath (twojobs52): each read, proposed and confirmed, none lost,
none given the other's day or time. Through a real text-mode session, the real tools and a
real database. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY,
    FRIDAY_NEXT,
    JOHN,
    MONDAY,
    THURSDAY,
    THURSDAY_NEXT,
    TUESDAY,
    add_caller,
    talking,
)


# --- one held one's hour changed, the other moved to another day ------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "can you make thursday's one at eleven instead and move friday's to the monday after"
        " at the same time",
        "could you have the thursday one at 11 instead, and shift the friday one to the following"
        " monday, same time",
        "put my thursday one at 11 instead please and move my friday one to monday, same time",
    ],
)
async def test_an_hour_changed_and_another_moved_are_two_moves(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY, time(14)), (FRIDAY, time(14)))
    async with talking(container) as talk:
        await talk("John Smith, 123 456 7890")
        await talk(line)
        for _ in range(3):
            if await talk.booked(JOHN) == [(THURSDAY, time(11)), (MONDAY, time(14))]:
                break
            await talk("yes please")
        assert await talk.booked(JOHN) == [(THURSDAY, time(11)), (MONDAY, time(14))], (
            talk.transcript()
        )


# --- two moves, "same times" said once, the second's day put right after it ---------------------
WEDNESDAY_2ND = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("line", "second"),
    [
        (
            "could you move my monday one to tuesday and the wednesday one to thursday, same"
            " times. actually no, not thursday, friday for that one",
            FRIDAY_NEXT,
        ),
        (
            "the monday one to tuesday please and the wednesday one to thursday, same times."
            " hang on, not thursday - friday",
            FRIDAY_NEXT,
        ),
        (
            "shift my monday one to tuesday and my wednesday one to thursday, same times. thanks"
            " so much, that's a big help",
            THURSDAY_NEXT,
        ),
    ],
)
async def test_two_moves_keep_their_hours_and_the_day_put_right(
    container: Container, line: str, second: date
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)), (WEDNESDAY_2ND, time(13)))
    async with talking(container) as talk:
        await talk("John Smith, 123 456 7890")
        t = await talk(line)
        assert "Shall I move both" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(TUESDAY, time(10)), (second, time(13))], (
            talk.transcript()
        )


# --- two people's hours, one put right before the line ends ----------------------------------
NEW = "2125550199"


@pytest.mark.parametrize(
    ("line", "hours"),
    [
        (
            "I'd like to book me and my son in on Monday, me at 10 and him at 11. Actually no,"
            " he's got football till 11, make his 12.",
            [time(10), time(12)],
        ),
        (
            "can I get me and my daughter in on monday, me at 9 and her at 10 - oh wait, make"
            " mine 11",
            [time(10), time(11)],
        ),
    ],
)
async def test_one_of_two_hours_put_right_books_both_at_the_hours_meant(
    container: Container, line: str, hours: list[time]
) -> None:
    async with talking(container) as talk:
        await talk(line)
        t = await talk.introduce("Grace Adeyemi, 212 555 0199")
        assert "Shall I book both" in t.reply, talk.transcript()
        await talk("yes both")
        assert await talk.booked(NEW) == [(MONDAY, h) for h in hours], talk.transcript()


# --- both held ones named by their hours, then "move both of them" ------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "I've got mine on Monday at 12 and my son's at 1. could you move both of them to"
        " Tuesday, same times?",
        "so there's me monday at twelve and my husband's at one - can we push both of them to"
        " tuesday, same times please",
    ],
)
async def test_both_named_by_their_hours_are_both_moved(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(12)), (MONDAY, time(13)))
    async with talking(container) as talk:
        await talk("John Smith, 123 456 7890")
        t = await talk(line)
        assert "Shall I move both" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(TUESDAY, time(12)), (TUESDAY, time(13))], (
            talk.transcript()
        )
