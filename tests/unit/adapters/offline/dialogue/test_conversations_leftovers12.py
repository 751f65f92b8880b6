"""Faults left after the fifteenth round, each as callers say it, through a real text-mode
session, the real tools and a real database. Today is Wednesday 25 November 2026, 10:00 in
New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY,
    FRIDAY_NEXT,
    JOHN,
    MONDAY,
    THURSDAY_NEXT,
    TUESDAY,
    WEDNESDAY_NEXT,
    add_caller,
    talking,
)

TODAY = date(2026, 11, 25)


# --- a day said to stay, beside two changes: never the one changed -------------------------
@pytest.mark.parametrize(
    "kept",
    ["Monday stays as it is.", "The Monday one can stay.", "Leave the Monday alone."],
)
async def test_a_day_said_to_stay_is_not_the_one_cancelled(container: Container, kept: str) -> None:
    await add_caller(
        container,
        JOHN,
        "John Smith",
        (MONDAY, time(10)),
        (TUESDAY, time(10)),
        (FRIDAY_NEXT, time(10)),
    )
    async with talking(container) as talk:
        t = await talk(
            "Hey, John Smith, 123 456 7890 - can you move the Tuesday to Thursday at 3 and"
            f" cancel the Friday altogether? {kept}"
        )
        # both changes in one question (leftovers20); the day said to stay in neither
        assert "from Tuesday, December 1st at 10 AM to Thursday" in t.reply, talk.transcript()
        assert "cancel the one on Friday, December 4th" in t.reply, talk.transcript()
        assert "Monday" not in t.reply, talk.transcript()
        await talk("Yep.")
        booked = await talk.booked(JOHN)
        assert (MONDAY, time(10)) in booked, talk.transcript()
        assert [day for day, _ in booked if day in (TUESDAY, FRIDAY_NEXT)] == [], talk.transcript()


# --- "... and I also need ..." run on without a comma: the second request is heard ---------
async def test_a_cancel_and_a_new_booking_said_without_a_pause_are_both_done(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)), (WEDNESDAY_NEXT, time(12)))
    async with talking(container) as talk:
        t = await talk(
            "yeah hi its john smith one two three four five six seven eight nine zero can you"
            " cancel my monday one and i also need a new one on friday at two for my blood"
            " results keep the wednesday"
        )
        assert "Shall I cancel your appointment on Monday, November 30th" in t.reply, (
            talk.transcript()
        )
        t = await talk("yes cancel monday")
        assert "Shall I book Friday, November 27th at 2 PM?" in t.reply, talk.transcript()
        await talk("yes friday at two")
        assert await talk.booked(JOHN) == [(FRIDAY, time(14)), (WEDNESDAY_NEXT, time(12))], (
            talk.transcript()
        )


# --- a date's "'s" ("the 3rd's fine"): the date, as "Thursday's fine" is the day ------------
@pytest.mark.parametrize(
    "line",
    [
        "Thursday the 3rd... hmm, that's the day of my... no, that's the 4th. Yes, the 3rd's fine.",
        "No wait, the 3rd's better for me.",
    ],
)
async def test_a_date_said_with_its_s_is_the_date_taken(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Hi, John Smith, 123 456 7890. Could I come in on the 4th at 2?")
        t = await talk(line)
        assert "Shall I book Thursday, December 3rd at 2 PM?" in t.reply, talk.transcript()
        await talk("Yes, book it.")
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(14))], talk.transcript()


# --- "hang on, <a question>?" at a proposal: a question first, not a no to it --------------
@pytest.mark.parametrize(
    "question",
    [
        "Hang on, how long is the appointment? I need to be at work by eleven.",
        "Hold on, how long is the appointment? I start work at eleven.",
    ],
)
async def test_a_question_after_hang_on_keeps_the_time_proposed(
    container: Container, question: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("Hello, I want to book Friday at nine. John Smith, 123 456 7890.")
        assert "Shall I book Friday, November 27th at 9 AM?" in t.reply, talk.transcript()
        t = await talk(question)
        assert "Shall I book Friday, November 27th at 9 AM?" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [], talk.transcript()
        await talk("Okay then yes, book it.")
        assert await talk.booked(JOHN) == [(FRIDAY, time(9))], talk.transcript()


# --- a day named again by its weekday after an aside: one day, not next week's -------------
async def test_today_named_again_by_its_weekday_after_an_aside_is_today(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Hi, John Smith, 123 456 7890.")
        t = await talk("Could I come in tomorrow - well, today I suppose, Wednesday - at two?")
        assert "Shall I book today, Wednesday, November 25th at 2 PM?" in t.reply or (
            "Shall I book Wednesday, November 25th at 2 PM?" in t.reply
        ), talk.transcript()
        await talk("Yes, book it, please.")
        assert await talk.booked(JOHN) == [(TODAY, time(14))], talk.transcript()
