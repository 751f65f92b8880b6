"""Faults left in the typed corpus (leftovers46), each as callers say it, through a real
text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, add_caller, talking

TUESDAY_1ST = date(2026, 12, 1)
THURSDAY_3RD = date(2026, 12, 3)


# --- one of two held picked by its place, to a part of "the same day" ---------------------------
@pytest.mark.parametrize(
    ("line", "moved", "window"),
    [
        ("could the earlier one go to the afternoon, same day?", TUESDAY_1ST, (12, 16)),
        ("can the first one be moved into the afternoon on the same day", TUESDAY_1ST, (12, 16)),
        ("can the later one go to the morning instead, same day", THURSDAY_3RD, (9, 12)),
        ("could the second one be in the morning same day please", THURSDAY_3RD, (9, 12)),
    ],
)
async def test_one_of_two_by_its_place_to_a_part_of_the_same_day(
    container: Container, line: str, moved: date, window: tuple[int, int]
) -> None:
    held = [(TUESDAY_1ST, time(9)), (THURSDAY_3RD, time(15))]
    await add_caller(container, JOHN, "John Smith", *held)
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. What times are my two appointments next week?")
        assert "Would you like to change" in t.reply, talk.transcript()
        t = await talk(line)
        assert "Shall I move your appointment from" in t.reply, talk.transcript()
        await talk("yes please")
        booked = await talk.booked(JOHN)
        kept = [h for h in held if h[0] != moved]
        new = [b for b in booked if b not in kept]
        assert len(booked) == 2 and len(new) == 1, talk.transcript()
        assert new[0][0] == moved and window[0] <= new[0][1].hour < window[1], talk.transcript()


# --- a cancel of the one held named by its month, beside another month said of something else ---
JANUARY_12TH = date(2027, 1, 12)


@pytest.mark.parametrize(
    ("line", "cancelled"),
    [
        (
            "The doctor said January in the end, so I don't need the December one, cancel it",
            TUESDAY_1ST,
        ),
        ("please cancel the January one, my surgeon wants me back in December", JANUARY_12TH),
        (
            "I was told February would be better, so can you cancel my December appointment",
            TUESDAY_1ST,
        ),
    ],
)
async def test_the_one_named_by_its_month_is_cancelled_not_asked_which(
    container: Container, line: str, cancelled: date
) -> None:
    held = [(TUESDAY_1ST, time(15)), (JANUARY_12TH, time(15))]
    await add_caller(container, JOHN, "John Smith", *held)
    async with talking(container) as talk:
        t = await talk(f"John Smith, 123 456 7890. {line}")
        assert "Shall I cancel your appointment on" in t.reply, talk.transcript()
        await talk("yes please")
        booked = await talk.booked(JOHN)
        assert booked == [h for h in held if h[0] != cancelled], talk.transcript()


# --- the doctor wants them back: a new visit, never a move of the one held ----------------------
@pytest.mark.parametrize(
    ("line", "new"),
    [
        (
            "my GP saw me last Friday and wants me back two weeks later, so it's Friday the"
            " 4th at 2",
            (date(2026, 12, 4), time(14)),
        ),
        (
            "I was in on Monday for my bloods and the doctor wants me back two weeks later,"
            " Monday the 7th, same time, 10 o'clock",
            (date(2026, 12, 7), time(10)),
        ),
        (
            "the physio needs me back two weeks later, Wednesday the 9th at 3",
            (date(2026, 12, 9), time(15)),
        ),
    ],
)
async def test_wanted_back_after_a_visit_is_a_new_booking(
    container: Container, line: str, new: tuple[date, time]
) -> None:
    held = (date(2026, 12, 21), time(9))
    await add_caller(container, JOHN, "John Smith", held)
    async with talking(container) as talk:
        t = await talk(f"John Smith, 123 456 7890. {line}")
        assert "Shall I book" in t.reply, talk.transcript()
        await talk("yes please")
        assert sorted(await talk.booked(JOHN)) == sorted([held, new]), talk.transcript()


# --- one of several held named by the day before it ----------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "I've got a few booked with you. The first one after the 4th, I need that pushed back",
        "the next one after Friday the 4th, I need that moved please",
    ],
)
async def test_the_first_held_after_a_day_is_the_one_moved(container: Container, line: str) -> None:
    held = [
        (TUESDAY_1ST, time(9)),
        (date(2026, 12, 8), time(10)),
        (date(2026, 12, 15), time(11)),
    ]
    await add_caller(container, JOHN, "John Smith", *held)
    async with talking(container) as talk:
        t = await talk(f"John Smith, 123 456 7890. {line}")
        assert "Tuesday, December 8th at 10 AM" in t.reply, talk.transcript()
        t = await talk("Wednesday the 9th at 10 please")
        assert "from Tuesday, December 8th at 10 AM to Wednesday, December 9th at 10 AM" in (
            t.reply
        ), talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [
            held[0],
            (date(2026, 12, 9), time(10)),
            held[2],
        ], talk.transcript()


# --- one the caller says was never cancelled: booked again, the one held stays -------------------
@pytest.mark.parametrize(
    "claim",
    [
        "hang on, I had Thursday too, I never cancelled that",
        "what? I've got the 26th as well, I never cancelled it",
        "that's wrong, I have Thursday as well and I never cancelled it",
    ],
)
async def test_one_said_never_cancelled_is_booked_again_not_a_move(
    container: Container, claim: str
) -> None:
    held = (date(2026, 11, 27), time(10))
    await add_caller(container, JOHN, "John Smith", held)
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. Can you check my appointments?")
        assert "Friday, November 27th at 10 AM" in t.reply, talk.transcript()
        t = await talk(claim)
        assert "move" not in t.reply, talk.transcript()
        t = await talk("well put it back then, Thursday at 2")
        assert "Shall I book Thursday, November 26th at 2 PM?" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(date(2026, 11, 26), time(14)), held], talk.transcript()


# --- a weekly series asked for, beside the one held: the next one is a week on -------------------
@pytest.mark.parametrize(
    "line",
    [
        "I have Tuesday at 10 with you - can we make that a regular weekly slot? Book the next"
        " one for now.",
        "I've got Tuesday the 1st at 10. I'd like the same time every week, so can you book me"
        " the next one?",
        "my appointment's Tuesday at ten, I'd like it every week from now on, just book the next"
        " one please",
    ],
)
async def test_the_next_of_a_weekly_series_is_a_week_after_the_one_held(
    container: Container, line: str
) -> None:
    held = (TUESDAY_1ST, time(10))
    await add_caller(container, JOHN, "John Smith", held)
    async with talking(container) as talk:
        t = await talk(f"John Smith, 123 456 7890. {line}")
        assert "Shall I book Tuesday, December 8th at 10 AM?" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [held, (date(2026, 12, 8), time(10))], talk.transcript()
