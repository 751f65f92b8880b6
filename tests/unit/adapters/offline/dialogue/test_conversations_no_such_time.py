"""A time no clock shows ("book 25:00 tomorrow", "13 pm", "twenty five o'clock"): said back
as not a real time and asked again (the day's times offered as a choice), never dropped
without a word nor read as another time. Real text-mode session, real tools and database;
today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, THURSDAY, add_caller, talking


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("ok book 25:00 tomorrow", "25:00 isn't a real time."),
        ("can I come in tomorrow at 13 pm?", "13 PM isn't a real time."),
        ("tomorrow at 14am if that works", "14 AM isn't a real time."),
        ("uh tomorrow at twenty five o'clock", "Twenty-five o'clock isn't a real time."),
        ("tomorrow, 10:75", "10:75 isn't a real time."),
    ],
)
async def test_a_time_no_clock_shows_is_said_back_and_asked_again(
    container: Container, line: str, said: str
) -> None:
    """ "Book 25:00 tomorrow" was offered tomorrow at 9 with no word about the 25:00; "13 pm"
    was proposed at 1 PM, "14am" at 2 PM, "twenty five o'clock" at five (then refused as
    outside hours)."""
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Hi, I'd like an appointment")
        await talk(JOHN)
        t = await talk(line)
        assert said in t.reply, talk.transcript()
        assert "Which would you prefer?" in t.reply, talk.transcript()
        assert "Shall I book" not in t.reply and not t.called("book_appointment")
        t = await talk("oh sorry, 11 then")
        assert "Shall I book Thursday, November 26th at 11 AM?" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(THURSDAY, time(11))], talk.transcript()


async def test_a_time_with_no_day_is_said_back_and_both_asked(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("I need to book in")
        await talk(JOHN)
        t = await talk("25:00 please")
        assert "25:00 isn't a real time." in t.reply, talk.transcript()
        assert "What day and time" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == []


async def test_an_impossible_time_to_a_proposal_is_no_yes(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Can I get Monday at 11?")
        t = await talk(JOHN)
        assert "Shall I book Monday, November 30th at 11 AM?" in t.reply, talk.transcript()
        t = await talk("hmm no, make it 25:00")
        assert "25:00 isn't a real time." in t.reply, talk.transcript()
        assert "Shall I book" not in t.reply, talk.transcript()
        t = await talk("yes")
        assert await talk.booked(JOHN) == [], talk.transcript()


async def test_a_move_to_an_impossible_time_moves_nothing(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY, time(10)))
    async with talking(container) as talk:
        await talk("I need to move my appointment")
        await talk(JOHN)
        t = await talk("to monday at 13 pm")
        assert "13 PM isn't a real time." in t.reply, talk.transcript()
        assert "Shall I move" not in t.reply and not t.called("reschedule_appointment")
        t = await talk("2pm")
        assert "to Monday, November 30th at 2 PM?" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(14))], talk.transcript()


async def test_a_real_time_said_after_the_impossible_one_is_taken(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("I'd like an appointment")
        await talk(JOHN)
        t = await talk("monday at 25:00 - sorry, I mean 15:00")
        assert "isn't a real time" not in t.reply, talk.transcript()
        assert "Shall I book Monday, November 30th at 3 PM?" in t.reply, talk.transcript()
