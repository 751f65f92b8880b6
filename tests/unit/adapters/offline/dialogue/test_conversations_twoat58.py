"""Two people or two held appointments named together (twoat58): each read back with its own
day and time in one question, made on one yes, none lost, none crossed; a no changes nothing.
Through a real text-mode session, the real tools and a real database. Today is Wednesday 25
November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY, JOHN, MONDAY, THURSDAY, add_caller, seat_others, talking


# --- two held ones moved to one day, "same times": each keeps its own hour ----------------------
@pytest.mark.parametrize("answer", ["yes please, both", "yes, both, friday at one and two"])
@pytest.mark.parametrize(
    "line",
    [
        "i have to move both of ours, the one o'clock and the two o'clock thursday. could we do"
        " friday instead, same times?",
        "please move both of my thursday ones, the 1 o'clock and the 2 o'clock, to friday"
        " instead - same times",
        "thursday afternoon's no good for us now, can you move both, the one and the two, to"
        " friday, same times",
    ],
)
async def test_two_moved_to_one_day_keep_their_own_hours(
    container: Container, line: str, answer: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY, time(13)), (THURSDAY, time(14)))
    async with talking(container) as talk:
        await talk("John Smith, 123 456 7890")
        asked = await talk(line)
        assert await talk.booked(JOHN) == [(THURSDAY, time(13)), (THURSDAY, time(14))]
        assert "1 PM to Friday, November 27th at 1 PM" in asked.reply, talk.transcript()
        await talk(answer)
        assert await talk.booked(JOHN) == [(FRIDAY, time(13)), (FRIDAY, time(14))], (
            talk.transcript()
        )


async def test_a_no_to_the_pair_changes_nothing(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY, time(13)), (THURSDAY, time(14)))
    async with talking(container) as talk:
        await talk("John Smith, 123 456 7890")
        await talk(
            "can you move both, the 1 o'clock and the 2 o'clock thursday, to friday, same times"
        )
        await talk("no, friday at one and two is no good after all")
        assert await talk.booked(JOHN) == [(THURSDAY, time(13)), (THURSDAY, time(14))], (
            talk.transcript()
        )


# --- a cancel that counts them: both read back in one question, both gone on one yes ----------
@pytest.mark.parametrize(
    "line",
    [
        "i need to cancel two appointments thursday, mine and my son's, the 1 and the 2",
        "i will have to cancel 2 appointments on thursday, for me and my wife",
        "we have to call off two appointments on thursday, the one o'clock and the two o'clock",
    ],
)
async def test_two_counted_cancels_are_one_question(container: Container, line: str) -> None:
    await add_caller(
        container, JOHN, "John Smith", (THURSDAY, time(13)), (THURSDAY, time(14)), (FRIDAY, time(9))
    )
    async with talking(container) as talk:
        await talk("John Smith, 123 456 7890")
        asked = await talk(line)
        assert "1 PM" in asked.reply and "2 PM" in asked.reply, talk.transcript()
        assert await talk.booked(JOHN) == [
            (THURSDAY, time(13)),
            (THURSDAY, time(14)),
            (FRIDAY, time(9)),
        ]
        await talk("yes please")
        assert await talk.booked(JOHN) == [(FRIDAY, time(9))], talk.transcript()


# --- two people in one breath, before the account is found: both in the first question -------
@pytest.mark.parametrize(
    "line",
    [
        "could me and my husband both come in on monday morning please",
        "is there room for me and my wife on monday in the morning, the both of us",
        "we'd both like to be seen monday morning, me and my son",
    ],
)
async def test_two_people_asked_before_the_account_are_read_back_together(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    await seat_others(container, (MONDAY, time(10)))
    async with talking(container) as talk:
        await talk(line)
        asked = await talk("John Smith, 123 456 7890")
        assert "9 AM and Monday, November 30th at 11 AM" in asked.reply, talk.transcript()
        assert await talk.booked(JOHN) == []
        await talk("yes please")
        assert await talk.booked(JOHN) == [(MONDAY, time(9)), (MONDAY, time(11))], talk.transcript()
