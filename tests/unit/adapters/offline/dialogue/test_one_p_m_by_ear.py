"""daytime35 (issue 10): a day and "one p m" said at the day/time question, as the offline
recogniser writes them, are proposed as said. Before, "maybe Friday one p m" lost its hour
(the "one" read as in "the Friday one") and "the twenty seventh one p m" both (read as "the
seventh one", a place in a list never offered). Today is Wednesday 25 November 2026."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY, talking

NUMBER = "two zero two two five five zero one eight eight"
NEW = "2022550188"


@pytest.mark.parametrize(
    "said", ["maybe friday one p m", "what about the twenty seventh one p m", "friday one o'clock"]
)
async def test_a_day_with_one_p_m_is_proposed_at_one(container: Container, said: str) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("hi i'd like to book an appointment please")
        await talk(NUMBER)
        await talk("yes that's right john smith")
        t = await talk(said)
        assert "Shall I book Friday, November 27th at 1 PM?" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(NEW) == [(FRIDAY, time(13))], talk.transcript()
