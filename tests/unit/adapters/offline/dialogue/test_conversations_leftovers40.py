"""Faults left from the older blind batches fresh31, fresh35 and fresh38, each as callers say
it, through a real text-mode session, the real tools and a real database. Today is Wednesday
25 November 2026, 7:00 in New York."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from voice_agent.bootstrap import Container
from voice_agent.domain.clock import FixedClock

from .talk import JOHN, add_caller, talking

DECEMBER_1 = date(2026, 12, 1)
DECEMBER_8 = date(2026, 12, 8)
DECEMBER_15 = date(2026, 12, 15)
DECEMBER_22 = date(2026, 12, 22)
TUESDAYS = ((DECEMBER_1, time(14)), (DECEMBER_8, time(14)), (DECEMBER_15, time(14)),
            (DECEMBER_22, time(14)))  # fmt: skip


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))  # 7:00 in New York


# --- a set of theirs named with what is kept of it: the kept ones are not another one meant,
# whatever apology the line starts with ("sorry to call on the holiday") -------------------
@pytest.mark.parametrize(
    "line",
    [
        "Sorry to ring so late. I've four Tuesdays booked and I only need the first two now, so"
        " can you take off the last two?",
        "sorry to bother you, my Tuesday appointments - I only want the first two now, could you"
        " cancel the last two",
        "Sorry - my December appointments, I only need the first two now, take off the last two"
        " please",
    ],
)
async def test_the_last_two_cancelled_beside_the_first_two_kept(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", *TUESDAYS)
    async with talking(container) as talk:
        t = await talk(f"Hi, it's John Smith, {JOHN}. {line}")
        assert "December 1st" not in t.reply, talk.transcript()
        assert "December 15th" in t.reply, talk.transcript()
        await talk("yes please")
        if len(await talk.booked(JOHN)) == 3:
            await talk("yes")  # asked one at a time
        assert await talk.booked(JOHN) == [(DECEMBER_1, time(14)), (DECEMBER_8, time(14))], (
            talk.transcript()
        )


# --- an hour ruled out beside a part of the day, said to the number question -----------------
@pytest.mark.parametrize(
    ("line", "first"),
    [
        ("Morning would be best. Not nine though, that's too early for me.", "10 AM"),
        ("Mornings suit me better. Not nine please.", "10 AM"),
    ],
)
async def test_an_hour_ruled_out_at_the_number_question_is_kept(
    container: Container, line: str, first: str
) -> None:
    async with talking(container) as talk:
        t = await talk("Hello, I'd like to book for next Thursday, the 3rd")
        assert "phone number" in t.reply, talk.transcript()
        await talk(line)
        t = await talk.introduce("Dana Price, 617 555 0188")
        assert f"Shall I book Thursday, December 3rd at {first}?" in t.reply, talk.transcript()


# --- one of theirs named and wanted moved, with nothing said after the verb ------------------
@pytest.mark.parametrize(
    "line",
    [
        "I have two appointments on the 9th and I need the early one moved",
        "I'd like the morning one changed please, the one on Wednesday the 9th",
        "There are two of mine on the 9th - could I have the earlier one switched?",
    ],
)
async def test_a_held_one_wanted_moved_is_a_move(container: Container, line: str) -> None:
    await add_caller(
        container, JOHN, "John Smith", (date(2026, 12, 9), time(9)), (date(2026, 12, 9), time(14))
    )
    async with talking(container) as talk:
        await talk(f"Hi, it's John Smith, {JOHN}")
        t = await talk(line)
        assert "Wednesday, December 9th at 9 AM" in t.reply, talk.transcript()
        t = await talk("a bit later that morning, ten if you can")
        assert "to Wednesday, December 9th at 10 AM?" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [
            (date(2026, 12, 9), time(10)),
            (date(2026, 12, 9), time(14)),
        ], talk.transcript()


# --- a held one named by its day and shifted, after another change: moved, not booked -------
@pytest.mark.parametrize(
    "line",
    [
        "And the other one, on the 15th - do the same as you just did. Two days later, same time.",
        "oh and my one on the 15th, could you make that two days later as well",
        "and the one on the 15th, two days later please, same time",
    ],
)
async def test_a_held_one_shifted_after_a_move_is_moved(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith", (DECEMBER_1, time(13)), (DECEMBER_15, time(13)))
    async with talking(container) as talk:
        await talk(
            f"Hi, it's John Smith, {JOHN}. The one on Tuesday the 1st, can it go to the 3rd,"
            " same time?"
        )
        await talk("yes")
        t = await talk(line)
        assert (
            "move your appointment from Tuesday, December 15th at 1 PM to Thursday, December 17th"
            " at 1 PM?" in t.reply
        ), talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [
            (date(2026, 12, 3), time(13)),
            (date(2026, 12, 17), time(13)),
        ], talk.transcript()


# --- an hour ruled out, said to the new account's read-back: no "no" to the number -----------
@pytest.mark.parametrize(
    "line",
    [
        "tuesday morning would suit but not nine i cant do nine",
        "Tuesday morning please - not 9 though, I drop the kids at school",
        "a Tuesday morning, not at nine, that's too early for me",
    ],
)
async def test_an_hour_ruled_out_at_the_read_back_is_no_no_to_the_number(
    container: Container, line: str
) -> None:
    async with talking(container) as talk:
        await talk("hi I'm trying to get an appointment for next week")
        t = await talk("Dana Price, 617 555 0188")
        assert "Shall I set one up" in t.reply, talk.transcript()
        t = await talk(line)
        assert "Shall I book Tuesday, December 1st at 10 AM?" in t.reply, talk.transcript()


# --- the times of their own asked for, without "forgot": what they hold, not what is free ----
@pytest.mark.parametrize(
    "line",
    [
        "can you remind me what times my two appointments next week are",
        "what days my bookings are in December, please",
    ],
)
async def test_what_times_my_appointments_are_reads_them(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith", (DECEMBER_8, time(9)), (DECEMBER_15, time(15)))
    async with talking(container) as talk:
        t = await talk(f"Hi, it's John Smith, {JOHN}, {line}")
        assert "Tuesday, December 8th at 9 AM and Tuesday, December 15th at 3 PM" in t.reply, (
            talk.transcript()
        )


# --- "can my Tuesday one go into the afternoon": a move -------------------------------------
async def test_a_held_one_going_into_a_part_of_the_day_is_moved(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (DECEMBER_8, time(9)), (DECEMBER_15, time(15)))
    async with talking(container) as talk:
        await talk(f"Hi, it's John Smith, {JOHN}")
        t = await talk("could my December 8th appointment go into the afternoon, same day?")
        assert "move your appointment from Tuesday, December 8th at 9 AM" in t.reply, (
            talk.transcript()
        )
