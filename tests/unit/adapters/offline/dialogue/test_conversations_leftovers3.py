"""Faults left from the last rounds, each as callers say it, through a real text-mode session,
the real tools and a real database: a move asked for by how it sits against the appointment
("can I come a bit later?", "earlier in the day", "same day but after lunch"), and a second
choice said while asking for a day ("anything Friday? if not I'll stick with Monday"): booked
for a new appointment, the appointment kept for a move. Today is Wednesday 25 November 2026,
7:00 in New York, so the whole of today is still ahead."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from voice_agent.bootstrap import Container
from voice_agent.domain.clock import FixedClock

from .talk import FRIDAY, JOHN, MONDAY, THURSDAY, add_caller, seat_others, talking

WEDNESDAY = date(2026, 11, 25)
SPOKEN_JOHN = "one two three four five six seven eight nine zero"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))  # 7:00 in New York


# --- a move by how it sits against the appointment: that day, after (before) it ------------
@pytest.mark.parametrize(
    ("style", "line"),
    [
        ("written", "I've got the ten o'clock today, can I come a bit later instead?"),
        ("written", "Hi, my appointment's at ten today, could I come in a little later?"),
        ("spoken", "hi um i got the ten oclock today can i come a bit later instead"),
        ("written", "hiya, I've got the 10 today - any chance of a bit later in the day?"),
        ("spoken", "yeah hi i've got the ten o'clock today can we make it later in the day"),
    ],
)
async def test_a_bit_later_looks_after_the_appointment_the_same_day(
    container: Container, style: str, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (WEDNESDAY, time(10)))
    async with talking(container, style=style) as talk:
        await talk(line)
        t = await talk(JOHN if style == "written" else SPOKEN_JOHN)
        assert "to Wednesday, November 25th at 11 AM?" in t.reply, talk.transcript()
        assert "9 AM" not in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(WEDNESDAY, time(10))]
        await talk("yes")
        assert await talk.booked(JOHN) == [(WEDNESDAY, time(11))], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "I've got the two o'clock today, could I come a bit earlier?",
        "my appointment is today at 2, is there anything a little earlier in the day?",
        "um hi, I'm booked in for today at two, could I come in a bit earlier that day?",
    ],
)
async def test_a_bit_earlier_looks_before_the_appointment_the_same_day(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (WEDNESDAY, time(14)))
    await seat_others(container, *((WEDNESDAY, time(h)) for h in (9, 10, 11)))
    async with talking(container) as talk:
        await talk(line)
        t = await talk(JOHN)
        assert "to Wednesday, November 25th at noon?" in t.reply, talk.transcript()
        assert "3 PM" not in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(WEDNESDAY, time(14))]
        await talk("yes please")
        assert await talk.booked(JOHN) == [(WEDNESDAY, time(12))], talk.transcript()


async def test_a_bit_later_asked_at_the_question_what_time_instead(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (WEDNESDAY, time(10)))
    async with talking(container) as talk:
        await talk("hi I need to move my appointment")
        t = await talk(JOHN)
        assert "What day and time would you like instead?" in t.reply, talk.transcript()
        t = await talk("I've got the ten o'clock today, can I come a bit later instead?")
        assert "to Wednesday, November 25th at 11 AM?" in t.reply, talk.transcript()


async def test_nothing_later_that_day_is_said_and_the_next_day_offered(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (WEDNESDAY, time(14)))
    await seat_others(container, (WEDNESDAY, time(15)))
    async with talking(container) as talk:
        await talk("hi, I've got the two o'clock today, could I come a bit later?")
        t = await talk(JOHN)
        assert "nothing later than 2 PM on Wednesday, November 25th" in t.reply, talk.transcript()
        assert "Thursday, November 26th" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(WEDNESDAY, time(14))]
        await talk("no thanks, I'll keep it then")
        assert await talk.booked(JOHN) == [(WEDNESDAY, time(14))], talk.transcript()


async def test_later_that_afternoon_is_after_the_appointment(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (WEDNESDAY, time(13)))
    async with talking(container) as talk:
        await talk("I'm booked in at 1 today, could we do later that afternoon?")
        t = await talk(JOHN)
        assert "to Wednesday, November 25th at 2 PM?" in t.reply, talk.transcript()
        assert "noon" not in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "can I move today's appointment, same day but after lunch",
        "I need to move my appointment today. Same day, but after lunch if possible",
    ],
)
async def test_same_day_but_after_lunch_is_the_afternoon(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith", (WEDNESDAY, time(10)))
    async with talking(container) as talk:
        await talk(line)
        t = await talk(JOHN)
        assert "to Wednesday, November 25th at 1 PM?" in t.reply, talk.transcript()
        assert "9 AM" not in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line",
    ["can you push my appointment back an hour", "my ten o'clock today, an hour later if you can"],
)
async def test_a_move_by_an_hour_is_still_an_hour(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith", (WEDNESDAY, time(10)))
    async with talking(container) as talk:
        await talk(line)
        t = await talk(JOHN)
        assert "to Wednesday, November 25th at 11 AM?" in t.reply, talk.transcript()


# --- a second choice while asking for a day ---------------------------------------------------
async def _fill_this_week(container: Container) -> None:
    await seat_others(
        container, *((day, time(h)) for day in (WEDNESDAY, THURSDAY, FRIDAY) for h in range(9, 16))
    )


@pytest.mark.parametrize(
    ("first", "line", "span"),
    [
        (
            "hi, I'd like to book Monday at 9",
            "anything earlier this week? otherwise I'll keep Monday",
            "between Wednesday",
        ),
        (
            "hi, I'd like to book an appointment",
            "Is there anything on Friday? If not, I'll stick with Monday.",
            "on Friday, November 27th",
        ),
        (
            "I need an appointment Monday at nine please",
            "hmm anything this thursday? if not i'll just go with the monday",
            "on Thursday, November 26th",
        ),
    ],
)
async def test_a_new_booking_falls_back_to_the_day_said_for_a_yes(
    container: Container, first: str, line: str, span: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    await _fill_this_week(container)
    async with talking(container) as talk:
        await talk(first)
        await talk(JOHN)
        t = await talk(line)
        assert f"nothing free {span}" in t.reply, talk.transcript()
        assert "Shall I book Monday, November 30th at 9 AM?" in t.reply, talk.transcript()
        assert "leave it there" not in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == []
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(9))], talk.transcript()


async def test_a_second_choice_is_not_taken_when_the_first_has_a_time(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    await seat_others(container, *((FRIDAY, time(h)) for h in range(9, 15)))
    async with talking(container) as talk:
        await talk("hi, I'd like to book an appointment")
        await talk(JOHN)
        t = await talk("Is there anything on Friday? If not, I'll stick with Monday.")
        assert "On Friday, November 27th I have 3 PM." in t.reply, talk.transcript()
        assert "Monday" not in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "anything earlier this week? otherwise I'll keep Monday",
        "Is there anything on Friday? If not, I'll stick with Monday.",
    ],
)
async def test_a_move_with_a_second_choice_keeps_the_appointment(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    await _fill_this_week(container)
    async with talking(container) as talk:
        await talk("hi I'd like to move my appointment")
        await talk(JOHN)
        t = await talk(line)
        assert "nothing free" in t.reply and "stays" in t.reply, talk.transcript()
        assert "Shall I move" not in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(9))], talk.transcript()
