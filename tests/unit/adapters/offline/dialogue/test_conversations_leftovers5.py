"""Faults left from the last rounds, each as callers say it, through a real text-mode session,
the real tools and a real database: a first line that is only a day ("hello there, Wednesday
next week, any chance?"), a move asked without a move word ("the Tuesday one is no good for me
now"), "anything sooner? if not I'll stick with Monday", and a weekday said with a date that is
not its own or has just passed. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY,
    JOHN,
    MONDAY,
    THURSDAY,
    THURSDAY_NEXT,
    TUESDAY,
    TUESDAY_NEXT,
    add_caller,
    seat_others,
    talking,
)

WEDNESDAY = date(2026, 11, 25)
HOURS = range(9, 16)


def _full(*days: date) -> list[tuple[date, time]]:
    """Every slot still ahead on those days (today's from 11, it being 10:00)."""
    return [(d, time(h)) for d in days for h in HOURS if d != WEDNESDAY or h > 10]


# --- a first line that is only a day: a time that day asked for ---------------------------
@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("hello there wednesday next week any chance", "Wednesday, December 2nd"),
        ("hi, er, Monday? for my knee, it's been playing up again", "Monday, November 30th"),
        (
            "good morning, Friday the 4th, late morning ideally, sooner the better",
            "Friday, December 4th",
        ),
        ("um yeah so the first, tuesday, first thing if you can", "Tuesday, December 1st"),
    ],
)
async def test_a_first_line_led_by_a_day_asks_for_a_time_that_day(
    container: Container, line: str, day: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(line)
        assert "May I have your phone number" in t.reply, talk.transcript()
        t = await talk(JOHN)
        assert day in t.reply and "book it?" in t.reply or f"book {day} at" in t.reply, (
            talk.transcript()
        )
        await talk("yes please")
        assert len(await talk.booked(JOHN)) == 1, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "hi, Friday was awful, the doctor never called me back",
        "hello what's the weather like tomorrow",
    ],
)
async def test_a_day_said_about_something_else_books_nothing(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(line)
        assert "May I have your phone number" not in t.reply, talk.transcript()
        assert "What would you like to do?" in t.reply, talk.transcript()


# --- a move asked without a move word: the appointment held does not suit -----------------
@pytest.mark.parametrize(
    ("held", "line", "new_day"),
    [
        (
            THURSDAY_NEXT,
            "I've got one next Thursday but it has to be this week",
            "to Thursday, November 26th at",
        ),
        (
            TUESDAY_NEXT,
            "hi, my appointment's on the 8th, that doesn't work anymore, anything Friday?",
            "to Friday, November 27th at",
        ),
        (
            TUESDAY,
            "hi yeah the tuesday one isn't gonna work for me any more, could I do friday at 2",
            "to Friday, November 27th at 2 PM?",
        ),
    ],
)
async def test_an_appointment_said_not_to_suit_is_moved(
    container: Container, held: date, line: str, new_day: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (held, time(10)))
    async with talking(container) as talk:
        await talk(line)
        t = await talk(JOHN)
        assert "Shall I move your appointment from" in t.reply, talk.transcript()
        assert new_day in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(held, time(10))]
        await talk("yes")
        (moved,) = await talk.booked(JOHN)
        assert moved[0] != held, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "the Tuesday one is no good for me now",
        "um, my appointment on tuesday, that's not going to work for me anymore",
    ],
)
async def test_an_appointment_said_not_to_suit_asks_where_to(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(10)))
    async with talking(container) as talk:
        await talk(line)
        t = await talk(JOHN)
        assert "What day and time would you like instead?" in t.reply, talk.transcript()
        t = await talk("Thursday next week at 11")
        assert "Shall I move your appointment from Tuesday, December 1st" in t.reply
        await talk("yes")
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(11))], talk.transcript()


async def test_a_new_booking_that_has_to_be_this_week_is_still_a_booking(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(10)))
    async with talking(container) as talk:
        await talk("hi I need an appointment, it has to be this week")
        t = await talk(JOHN)
        assert "Shall I book" in t.reply, talk.transcript()


# --- "anything sooner? if not I'll stick with Monday": sooner looked for, else kept ----------
SOONER_LINES = [
    "hi, anything sooner? if not I'll stick with Monday",
    "Hello, is there an earlier one? Otherwise keep what I have.",
    "hiya, got anything sooner than my monday one? if not no worries i'll keep monday",
]


@pytest.mark.parametrize("line", SOONER_LINES)
async def test_anything_sooner_with_the_appointment_kept_offers_a_sooner_one(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    await seat_others(container, *_full(WEDNESDAY, THURSDAY))
    async with talking(container) as talk:
        await talk(line)
        t = await talk(JOHN)
        assert "Shall I move your appointment from Monday, November 30th at 10 AM to Friday" in (
            t.reply
        ), talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(FRIDAY, time(9))], talk.transcript()


@pytest.mark.parametrize("line", SOONER_LINES)
async def test_anything_sooner_with_none_keeps_the_appointment(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    await seat_others(container, *_full(WEDNESDAY, THURSDAY, FRIDAY))
    async with talking(container) as talk:
        await talk(line)
        t = await talk(JOHN)
        assert "nothing free" in t.reply or "nothing sooner" in t.reply, talk.transcript()
        assert "stays on Monday, November 30th at 10 AM" in t.reply, talk.transcript()
        assert "Shall I" not in t.reply, talk.transcript()
        await talk("ok great, thanks, bye")
        assert await talk.booked(JOHN) == [(MONDAY, time(10))], talk.transcript()


async def test_anything_sooner_the_day_before_it_has_nothing_before(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY, time(10)))
    await seat_others(container, *_full(WEDNESDAY))
    async with talking(container) as talk:
        t = await talk(JOHN)
        t = await talk("is there an earlier one, otherwise keep what I have")
        assert "stays on Thursday, November 26th at 10 AM" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(THURSDAY, time(10))], talk.transcript()


# --- a weekday with a date not its own near one that is, or with a date just passed --------
@pytest.mark.parametrize(
    ("line", "clash", "answer"),
    [
        (
            "Monday the 8th at 10 please",
            "December 8th is a Tuesday, not a Monday (Monday is the 7th).",
            "the monday",
        ),
        (
            "could I do friday the 3rd, at ten",
            "December 3rd is a Thursday, not a Friday (Friday is the 4th).",
            "oh the friday please",
        ),
    ],
)
async def test_a_weekday_next_to_its_date_is_said_and_the_weekday_answer_is_that_day(
    container: Container, line: str, clash: str, answer: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("hi, I'd like to book an appointment")
        await talk(JOHN)
        t = await talk(line)
        assert f"Just to check: {clash}" in t.reply, talk.transcript()
        assert "Shall I book" not in t.reply, talk.transcript()
        t = await talk(answer)
        assert "Shall I book" in t.reply, talk.transcript()
        assert "Monday, November 30th" not in t.reply, talk.transcript()
        assert "Friday, November 27th" not in t.reply, talk.transcript()
        await talk("yes")
        (booked,) = await talk.booked(JOHN)
        assert booked[0].day in (7, 4), talk.transcript()
