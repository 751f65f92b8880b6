"""Faults left in the typed corpus (leftovers26), each as callers say it, through a real
text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import add_caller, talking

ANNA = "6175550148"
TODAY = date(2026, 11, 25)


# --- the day proposed echoed back in surprise, then a yes: a yes -------------------------------
@pytest.mark.parametrize(
    "answer",
    [
        "Today? Crikey, that was fast. Alright, go on then, I'll be there",
        "today?? oh wow ok yeah sure, book it",
        "Oh, today? Goodness. Well, yes please, I can make that",
        "wait today? lol ok fine yes",
    ],
)
async def test_today_said_back_in_surprise_then_a_yes_books_it(
    container: Container, answer: str
) -> None:
    async with talking(container) as talk:
        await talk("Hello, I'd like to get booked in please, whatever's soonest")
        t = await talk.introduce("Anna Kowalski, 617 555 0148")
        assert "Wednesday, November 25th" in t.reply, talk.transcript()
        await talk(answer)
        booked = await talk.booked(ANNA)
        assert len(booked) == 1 and booked[0][0] == TODAY, talk.transcript()


# --- a second visit said as a week after the first: both named in one question ------------------
@pytest.mark.parametrize(
    "opening",
    [
        "Good afternoon. I should like two appointments: Monday the 30th at eleven, and a second "
        "exactly one week thereafter, at the same hour.",
        "hi can i book monday the 30th at 11 and then another one a week later, same time",
        "Could I get Monday 30th at 11am please, plus another appointment one week after that "
        "at the same time?",
    ],
)
async def test_a_second_visit_a_week_after_the_first_is_booked_with_it(
    container: Container, opening: str
) -> None:
    async with talking(container) as talk:
        await talk(opening)
        t = await talk.introduce("Anna Kowalski, 617 555 0148")
        assert "Monday, November 30th at 11 AM and Monday, December 7th at 11 AM" in t.reply, (
            talk.transcript()
        )
        await talk("yes, both please")
        assert await talk.booked(ANNA) == [
            (date(2026, 11, 30), time(11)),
            (date(2026, 12, 7), time(11)),
        ], talk.transcript()


# --- a weekday "of the following week", counted from the appointment, at its hour -------------
@pytest.mark.parametrize(
    "opening",
    [
        "Good morning, my number is 617 555 0148. I'm afraid I can't attend my appointment on "
        "Tuesday the 1st. Could it be moved to the Wednesday of the following week, at the "
        "same hour?",
        "hi, 617 555 0148. i can't make my appointment tuesday the 1st. can you put it on the "
        "wednesday of the following week, same time",
        "Hello, it's 6175550148 - I'm a patient, not one of your nurses! I can't come to my "
        "appointment on Tuesday the 1st. Could you change it to the Wednesday of the "
        "following week, same time?",
    ],
)
async def test_the_weekday_of_the_following_week_is_counted_from_the_appointment(
    container: Container, opening: str
) -> None:
    await add_caller(container, ANNA, "Anna Kowalski", (date(2026, 12, 1), time(14)))
    async with talking(container) as talk:
        t = await talk(opening)
        assert "Wednesday, December 9th at 2 PM" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(ANNA) == [(date(2026, 12, 9), time(14))], talk.transcript()


# --- why the caller rings, dated: someone else moved their event there ------------------------
@pytest.mark.parametrize(
    "opening",
    [
        "hi it's 617 555 0148, the bloody hospital has moved my operation to the 30th, so both "
        "my appointments need to go back a week, same times",
        "Hello, 6175550148 here. My surgeon's just moved my procedure to Monday the 30th, so "
        "could you push both of my appointments back a week? Same times please.",
    ],
)
async def test_the_day_a_hospital_moved_an_operation_to_is_not_a_day_asked_for(
    container: Container, opening: str
) -> None:
    await add_caller(
        container,
        ANNA,
        "Anna Kowalski",
        (date(2026, 11, 30), time(10)),
        (date(2026, 12, 2), time(14)),
    )
    async with talking(container) as talk:
        t = await talk(opening)
        assert "Monday, December 7th at 10 AM" in t.reply, talk.transcript()
        assert "Wednesday, December 9th at 2 PM" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(ANNA) == [
            (date(2026, 12, 7), time(10)),
            (date(2026, 12, 9), time(14)),
        ], talk.transcript()
