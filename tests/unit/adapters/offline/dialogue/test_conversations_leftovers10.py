"""Faults left after the thirteenth round, each as callers say it, through a real text-mode
session, the real tools and a real database: a question after "good question" to "Shall I
cancel ...?", a yes joked away, a typed date with a space in its day, a time said where the
caller is, and the rest of a number counted out after an aside. Today is Wednesday 25
November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY, JOHN, MONDAY, add_caller, talking


# --- a question at "Shall I cancel ...?": answered, asked again, nothing changed -----------
@pytest.mark.parametrize(
    "question",
    ["Good question - how late are you open on Fridays?", "Okay, what time do you close?"],
)
async def test_a_question_at_a_cancel_is_answered_and_the_cancel_asked_again(
    container: Container, question: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(9)))
    async with talking(container) as talk:
        await talk("Hi, John Smith, 123 456 7890 - I want to cancel my Friday appointment")
        t = await talk(question)
        assert not t.called("cancel_appointment"), talk.transcript()
        assert "Shall I cancel your appointment on Friday" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(FRIDAY, time(9))], talk.transcript()
        t = await talk("yes, cancel it")
        assert await talk.booked(JOHN) == [], talk.transcript()


# --- a yes joked away: nothing booked ------------------------------------------------------
@pytest.mark.parametrize("answer", ["oh sure thing... NOT", "yeah right"])
async def test_a_yes_joked_away_books_nothing(container: Container, answer: str) -> None:
    async with talking(container) as talk:
        await talk("Can I get in Monday at 11?")
        t = await talk.introduce("Peter Jones, 212 555 0199")
        assert "Shall I book Monday, November 30th at 11 AM?" in t.reply, talk.transcript()
        t = await talk(answer)
        assert not t.called("book_appointment"), talk.transcript()
        assert await talk.booked("2125550199") == [], talk.transcript()


# --- "2026-12-1 5": which day is asked; the one said then is booked --------------------------
async def test_a_typed_date_with_a_space_in_its_day_is_asked_about(container: Container) -> None:
    async with talking(container) as talk:
        t = await talk("hi, could I book 2026-12-1 6 at 11am")
        assert "December 1st or December 16th" in t.reply, talk.transcript()
        t = await talk.introduce("Peter Jones, 212 555 0199")
        assert "Shall I book" not in t.reply, talk.transcript()
        t = await talk("the 16th")
        assert "Shall I book Wednesday, December 16th at 11 AM?" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked("2125550199") == [(date(2026, 12, 16), time(11))]


# --- a time said where the caller is: said back in the clinic's, then booked in it ----------
async def test_a_time_beside_where_the_caller_is_is_said_back_in_clinic_time(
    container: Container,
) -> None:
    async with talking(container) as talk:
        t = await talk("I'm in Houston for a bit - do you have Monday at 9am?")
        assert "9 AM Central time is 10 AM here, Eastern time." in t.reply, talk.transcript()
        t = await talk.introduce("Peter Jones, 212 555 0199")
        assert "10 AM on Monday, November 30th is free" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked("2125550199") == [(MONDAY, time(10))], talk.transcript()


# --- "the last four are ...": the number finished after an aside ----------------------------
async def test_the_last_digits_counted_out_after_an_aside_finish_the_number(
    container: Container,
) -> None:
    async with talking(container) as talk:
        await talk("I'd like Monday at 11 please")
        t = await talk("Ana Ruiz, 415 555 - sorry, one sec, the baby - the last four are 0172")
        assert "415-555-0172" in t.reply, talk.transcript()
