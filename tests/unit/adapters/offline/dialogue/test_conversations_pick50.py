"""A yes to a list of times (pick50): a firm yes that names one of the times read out is that
time picked and agreed to, booked at once; a bare yes, a hedged pick or a time not read out
books nothing. Through a real text-mode session, the real tools and a real database. Today is
Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, add_caller, talking

ASK = "hi, John Smith, 123 456 7890, what have you got on monday?"


@pytest.mark.parametrize(
    ("line", "at"),
    [
        ("Yes, the ten o'clock, book that please.", time(10)),
        ("Two? Yeah, two's grand.", time(14)),
        ("yep 9 please, put me in for that", time(9)),
        ("Sorry, eleven, was it? Yes, eleven will do.", time(11)),
    ],
)
async def test_a_firm_yes_naming_one_time_read_out_books_it(
    container: Container, line: str, at: time
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(ASK)
        assert "Which would you prefer?" in t.reply, talk.transcript()
        t = await talk(line)
        assert await talk.booked(JOHN) == [(MONDAY, at)], talk.transcript()
        assert "You're booked" in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "yes please",
        "yeah any of those is fine",
        "yes, ten or eleven, either",
        "yes, maybe ten?",
        "ten would do I think",
        "yes, ten if that's alright with my boss",
        "yes, ten, but not if it's with the locum",
    ],
)
async def test_a_bare_or_hedged_yes_to_a_list_books_nothing(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(ASK)
        assert "Which would you prefer?" in t.reply, talk.transcript()
        await talk(line)
        assert await talk.booked(JOHN) == [], talk.transcript()


# --- a firm yes naming a time asked about earlier in the call --------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Ah well. Yes, nine o'clock then, go ahead.",
        "oh ok. yeah the 9 then please",
    ],
)
async def test_a_firm_yes_to_a_time_asked_about_before_moves_it_there(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(15)))
    async with talking(container) as talk:
        t = await talk("hi, John Smith, 123 456 7890. Can my monday one go earlier in the day?")
        assert "Monday, November 30th at 9 AM?" in t.reply, talk.transcript()
        t = await talk("Hmm, anything on Tuesday afternoon instead?")
        assert "Tuesday, December 1st at noon?" in t.reply, talk.transcript()
        t = await talk(line)
        assert await talk.booked(JOHN) == [(MONDAY, time(9))], talk.transcript()


async def test_a_time_never_asked_about_moves_nothing(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(15)))
    async with talking(container) as talk:
        t = await talk("hi, John Smith, 123 456 7890. Can my monday one go earlier in the day?")
        assert "Monday, November 30th at 9 AM?" in t.reply, talk.transcript()
        t = await talk("Hmm, anything on Tuesday afternoon instead?")
        assert "Tuesday, December 1st at noon?" in t.reply, talk.transcript()
        await talk("Yes, eleven o'clock then.")
        assert await talk.booked(JOHN) == [(MONDAY, time(15))], talk.transcript()
