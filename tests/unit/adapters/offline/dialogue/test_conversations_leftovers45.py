"""Faults left in the typed corpus (leftovers45, fresh66: what the doctor told me to book),
each as callers say it, through a real text-mode session, the real tools and a real database.
Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, add_caller, talking

TUESDAY_8TH = date(2026, 12, 8)


# --- a day counted from the caller's booking named by its weekday, not next week's -------------
@pytest.mark.parametrize(
    ("line", "proposed"),
    [
        (
            "could you book me in the day after my Tuesday one, same time please",
            "Wednesday, December 9th at 10 AM",
        ),
        (
            "I need another one two days after my tuesday appointment, same time",
            "Thursday, December 10th at 10 AM",
        ),
        (
            "can I get the Friday before my Tuesday one please, at ten",
            "Friday, December 4th at 10 AM",
        ),
        (
            "I need a second one booked the day before my tuesday appointment, same time",
            "Monday, December 7th at 10 AM",
        ),
    ],
)
async def test_a_day_counted_from_the_held_weekday_counts_from_the_one_held(
    container: Container, line: str, proposed: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY_8TH, time(10)))
    async with talking(container) as talk:
        t = await talk(f"Hi, John Smith, 123 456 7890. {line}")
        assert f"Shall I book {proposed}?" in t.reply, talk.transcript()


# --- a visit counted from the one held, asked beside it: a booking, never a move of it ---------
@pytest.mark.parametrize(
    ("line", "told"),
    [
        (
            "when would two weeks after my Thursday appointment be? is the same time free that"
            " day?",
            "Shall I book Thursday, December 17th at 11 AM?",
        ),
        (
            "the doctor wants me back a week after my appointment, same time if you can",
            "Shall I book Thursday, December 10th at 11 AM?",
        ),
        (
            "what date is a fortnight after my thursday one? can I have the same time then",
            "That's Thursday, December 17th. Thanks, I've found your account. Shall I book"
            " Thursday, December 17th at 11 AM?",
        ),
    ],
)
async def test_a_visit_counted_from_the_one_held_is_booked_beside_it(
    container: Container, line: str, told: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (date(2026, 12, 3), time(11)))
    async with talking(container) as talk:
        t = await talk(f"Hi, John Smith, 123 456 7890. {line}")
        assert told in t.reply, talk.transcript()
        await talk("yes please")
        assert len(await talk.booked(JOHN)) == 2, talk.transcript()


async def test_a_move_said_by_how_far_from_the_one_held_is_still_a_move(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (date(2026, 12, 3), time(11)))
    async with talking(container) as talk:
        t = await talk("Hi, John Smith, 123 456 7890. can you move my thursday one a week later")
        assert "Shall I move your appointment from Thursday, December 3rd at 11 AM to" in t.reply, (
            talk.transcript()
        )


# --- a date, then its weekday said again after an aside: one day, the date's ------------------
# --- an hour asked for bare ("could I have eleven?") in a turn that dates the visit -----------
# --- a day counted from a visit the caller had: a booking, not a move of nothing --------------
@pytest.mark.parametrize(
    ("line", "proposed"),
    [
        ("can I book the 16th, it's the wednesday, at ten", "Wednesday, December 16th at 10 AM"),
        (
            "so that's the ninth i think the wednesday can i have eleven oclock",
            "Wednesday, December 9th at 11 AM",
        ),
        ("I need Friday the 4th. Could I have eleven?", "Friday, December 4th at 11 AM"),
        ("Thursday the 10th please - can I get two?", "Thursday, December 10th at 2 PM"),
        (
            "I had my stitches out on the 20th and the nurse said the check is two weeks after,"
            " so Friday the 4th at ten",
            "Friday, December 4th at 10 AM",
        ),
        (
            "I was in on the 18th and they want me four weeks after that, so the 16th. Could I"
            " have two?",
            "Wednesday, December 16th at 2 PM",
        ),
    ],
)
async def test_the_day_and_hour_asked_for_are_booked(
    container: Container, line: str, proposed: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(f"Hi, John Smith, 123 456 7890. {line}")
        assert f"Shall I book {proposed}?" in t.reply, talk.transcript()


async def test_a_count_asked_for_is_not_an_hour(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(
            "Hi, John Smith, 123 456 7890. Friday the 4th - could I have two for the boys?"
        )
        assert "at 2 PM" not in t.reply, talk.transcript()


# --- the appointment held asked about: read out, nothing offered ------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "the doctor wants me seen within the month. Could you tell me when my next one is?",
        "is the appointment I've already got before Christmas? what time is it?",
        "when is the appointment I have got? I lost the letter",
    ],
)
async def test_the_appointment_held_asked_about_is_read_out(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (date(2026, 12, 3), time(11)))
    async with talking(container) as talk:
        t = await talk(f"Hi, John Smith, 123 456 7890. {line}")
        assert "Thursday, December 3rd at 11 AM" in t.reply, talk.transcript()
        assert "Shall I" not in t.reply, talk.transcript()
