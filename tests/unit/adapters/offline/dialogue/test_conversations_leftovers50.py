"""Faults left in the typed corpus (leftovers50), each as callers say it, through a real
text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY, FRIDAY_NEXT, JOHN, MONDAY, THURSDAY, add_caller, talking


# --- two back to back, both moved by the same hour: the later one moves first ------------------
@pytest.mark.parametrize(
    "line",
    [
        "I've got the ten and the eleven on Monday, could you push both back an hour?",
        "my two on monday, at 10 and 11 - can you make them both an hour later please",
        "could you move both of my monday appointments an hour later, we can't get there for ten",
        "the ten and the eleven on monday, can we push both back an hour? we won't make ten",
    ],
)
async def test_two_back_to_back_moved_an_hour_later_each_lands_an_hour_later(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)), (MONDAY, time(11)))
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        t = await talk(line)
        assert "Shall I move both your appointments" in t.reply, talk.transcript()
        assert "already taken" not in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(MONDAY, time(11)), (MONDAY, time(12))], (
            talk.transcript()
        )


# --- "anything sooner than that?" to the appointment read out: a move of it, only if sooner ----
@pytest.mark.parametrize(
    "line",
    [
        "hmm that's ages away, have you got anything earlier than that?",
        "is there anything sooner",
        "it's quite a wait, is there an earlier one?",
    ],
)
async def test_anything_sooner_to_the_appointment_read_out_moves_it_sooner(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(15)))
    async with talking(container) as talk:
        t = await talk("hi, John Smith, 123 456 7890, when's my appointment?")
        assert "Would you like to change it?" in t.reply, talk.transcript()
        t = await talk(line)
        assert "Shall I move your appointment from" in t.reply, talk.transcript()
        await talk("yes please")
        booked = await talk.booked(JOHN)
        assert len(booked) == 1 and booked[0] < (FRIDAY_NEXT, time(15)), talk.transcript()


# --- the code asked for while the booking is still only proposed -------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "hang on, let me find a pen... could you say that code again?",
        "ok what's the confirmation code?",
        "and the reference number for it?",
    ],
)
async def test_the_code_asked_for_before_the_booking_is_made_asks_about_the_booking_again(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("hi, John Smith, 123 456 7890, could I book Friday next week at 10?")
        assert "Shall I book" in t.reply, talk.transcript()
        t = await talk(line)
        assert "isn't booked yet" in t.reply, talk.transcript()
        assert "Shall I book" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [], talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(10))], talk.transcript()


# --- "I've got Monday at one but I'd rather ...": the one held, moved to the day asked for ------
@pytest.mark.parametrize(
    ("line", "day", "at"),
    [
        (
            "I've got Monday at one but I'd rather get it over with - anything Friday morning?",
            FRIDAY,
            time(9),
        ),
        ("I have Monday at 1 but could I do tomorrow instead, first thing?", THURSDAY, time(9)),
        ("im booked in for monday at one but is there anything friday at 11", FRIDAY, time(11)),
    ],
)
async def test_the_day_and_time_held_said_before_but_is_moved_not_booked_again(
    container: Container, line: str, day: date, at: time
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(13)))
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        t = await talk(line)
        assert "Shall I move your appointment from Monday, November 30th at 1 PM" in t.reply, (
            talk.transcript()
        )
        await talk("yes")
        assert await talk.booked(JOHN) == [(day, at)], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "I've got the dentist Monday but could I come in Tuesday at 10?",
        "I know I've got one in January but I can't wait that long, could I come Tuesday at 10?",
    ],
)
async def test_something_else_held_before_but_leaves_a_booking_a_booking(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (date(2027, 1, 11), time(10)))
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        t = await talk(line)
        assert "Shall I book" in t.reply, talk.transcript()


# --- "it's in my name, maria lopez, 617 ...": the name typed in lower case after whose it is -----
@pytest.mark.parametrize(
    "line",
    [
        "it's in my name, maria lopez, 617 555 0134",
        "its under my name - maria lopez 617 555 0134",
        "the account's in my name, maria lopez, 617 555 0134",
    ],
)
async def test_a_lower_case_name_after_in_my_name_is_the_callers(
    container: Container, line: str
) -> None:
    async with talking(container) as talk:
        await talk("hi, can i book an appointment for my partner for friday? anytime after eleven")
        t = await talk(line)
        assert "Shall I set one up for Maria Lopez" in t.reply, talk.transcript()
