""" "Free" as an offline recogniser hears it on a phone line: "three". A caller who puts an
hour forward "if that's free" was read as naming two hours ("two o'clock if that's three")
and asked "2 PM or 3 PM?" (the recorded stranger call a-week-on-tuesday, names35). Through
a real text-mode session, the real tools and a real database; today is Wednesday 25 November
2026, 10:00 in New York."""

from __future__ import annotations

import pytest

from voice_agent.adapters.offline.dialogue.understanding.heard import as_meant
from voice_agent.bootstrap import Container

from .talk import JOHN, add_caller, talking

NUMBER = "john smith one two three four five six seven eight nine oh"


@pytest.mark.parametrize(
    "line",
    [
        "could i come in tuesday the first at two if thats three",
        "tuesday the first please, two oclock if it's three",
        "um tuesday the first, two in the afternoon if you're three then",
    ],
)
async def test_an_hour_put_forward_if_that_is_free_heard_as_three_is_that_hour(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(f"{NUMBER} {line}")
        assert "December 1st at 2 PM" in t.reply, talk.transcript()
        assert "3 PM" not in t.reply, talk.transcript()


async def test_the_offer_answered_with_another_hour_if_that_is_free_heard_as_three(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(f"{NUMBER} could i book tuesday the first at nine")
        assert "9 AM" in t.reply, talk.transcript()
        t = await talk("actually eleven oclock if thats three please")
        assert "11 AM" in t.reply and "3 PM" not in t.reply, talk.transcript()


async def test_anything_three_on_a_day_asks_what_is_free(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(f"{NUMBER} have you got anything three on tuesday the first")
        assert "Tuesday, December 1st" in t.reply, talk.transcript()
        assert "3 PM on" not in t.reply, talk.transcript()


def test_three_that_can_be_the_hour_is_left_alone() -> None:
    for line in (
        "yes if it's three then",
        "if that's three o'clock thats fine",
        "have you got anything three p m",
        "anything three or four on friday",
        "is there anything at three",
        "three please",
    ):
        assert as_meant(line) == line
