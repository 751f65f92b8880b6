"""A move counted in working days from the appointment itself ("push it back two business
days", "the working day before it"): the appointment's own day was read, or a day counted from
today, and the caller was told they were already booked. Today is Wednesday 25 November 2026
(Thanksgiving is Thursday the 26th), 10:00 in New York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY, JOHN, MONDAY, THURSDAY_NEXT, TUESDAY, WEDNESDAY_NEXT, add_caller, talking


@pytest.mark.parametrize(
    ("line", "booked", "moved"),
    [
        (
            "John Smith, 123 456 7890. Could you push my appointment back two business days? "
            "Same time.",
            FRIDAY,
            TUESDAY,  # Friday, then Monday and Tuesday: two working days on
        ),
        (
            "Hi, John Smith, 1234567890. I need to move my Thursday appointment to the working "
            "day before it, same time if possible.",
            THURSDAY_NEXT,
            WEDNESDAY_NEXT,
        ),
        (
            "1234567890, John Smith - can you make my Monday one three working days later, "
            "same time?",
            MONDAY,
            THURSDAY_NEXT,
        ),
    ],
)
async def test_a_move_counted_in_working_days_counts_from_the_appointment(
    container: Container, line: str, booked: object, moved: object
) -> None:
    await add_caller(container, JOHN, "John Smith", (booked, time(11)))
    async with talking(container) as talk:
        t = await talk(line)
        assert f"{moved:%A, %B} " in t.reply and "11 AM?" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(booked, time(11))]  # nothing moved before the yes
        await talk("yes please")
        assert await talk.booked(JOHN) == [(moved, time(11))], talk.transcript()
