"""Faults left in the typed corpus (leftovers47), each as callers say it, through a real
text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, TUESDAY, add_caller, talking

TUESDAY_15TH = date(2026, 12, 15)


# --- one held moved, the other named by its date and then cancelled -----------------------------
@pytest.mark.parametrize(
    ("line", "to"),
    [
        (
            "i need the one next tuesday moved to the friday of that week same time and the one"
            " on the fifteenth you can just go on and cancel",
            date(2026, 12, 4),
        ),
        (
            "can you move next tuesday's to thursday at the same time, and the one on the 15th"
            " you can cancel",
            date(2026, 12, 3),
        ),
        (
            "next tuesday's needs moving to the friday of that week same time and the 15th one,"
            " please just cancel it",
            date(2026, 12, 4),
        ),
    ],
)
async def test_a_move_then_a_held_one_named_by_its_date_and_cancelled(
    container: Container, line: str, to: date
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(10)), (TUESDAY_15TH, time(10)))
    async with talking(container) as talk:
        await talk("John Smith, 123 456 7890")
        t = await talk(line)
        assert "Tuesday, December 1st at 10 AM" in t.reply, talk.transcript()
        assert "and cancel the one on Tuesday, December 15th" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(to, time(10))], talk.transcript()


# --- both asked for, then taken back for one named by its weekday -------------------------------
MONDAY_30TH = date(2026, 11, 30)


@pytest.mark.parametrize(
    "line",
    [
        "could you push both of mine next week into the afternoon? no sorry, only the monday"
        " one, tuesday's fine",
        "Can you move both of them next week to the afternoon? no wait, just Monday's",
        "move both of them next week to the afternoon please - sorry, just monday, tuesday is fine",
    ],
)
async def test_both_taken_back_for_one_weekday_moves_that_one_alone(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY_30TH, time(9)), (TUESDAY, time(9)))
    async with talking(container) as talk:
        t = await talk(f"John Smith, 123 456 7890. {line}")
        assert "Shall I move your appointment from Monday, November 30th at 9 AM" in t.reply, (
            talk.transcript()
        )
        assert "both" not in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(MONDAY_30TH, time(12)), (TUESDAY, time(9))], (
            talk.transcript()
        )


async def test_cancel_both_taken_back_for_one_weekday_cancels_that_one(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY_30TH, time(9)), (TUESDAY, time(9)))
    async with talking(container) as talk:
        t = await talk(
            "John Smith, 123 456 7890. cancel both of them - actually no, only tuesday's"
        )
        assert "Shall I cancel your appointment on Tuesday, December 1st at 9 AM?" in t.reply, (
            talk.transcript()
        )
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY_30TH, time(9))], talk.transcript()


# --- the held one's own hour said before another day: where it goes -----------------------------
@pytest.mark.parametrize(
    ("line", "to"),
    [
        ("two o'clock on friday please", date(2026, 11, 27)),
        ("2pm next tuesday", TUESDAY),
        ("two o'clock on the 1st", TUESDAY),
    ],
)
async def test_the_held_hour_said_before_another_day_is_kept(
    container: Container, line: str, to: date
) -> None:
    await add_caller(container, JOHN, "John Smith", (date(2026, 12, 3), time(14)))
    async with talking(container) as talk:
        await talk("John Smith, 123 456 7890. I need to move my appointment")
        t = await talk(line)
        assert f"to {to:%A}, " in t.reply and "at 2 PM?" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(to, time(14))], talk.transcript()


# --- the caller's own name and the one the visit is for, both said ------------------------------
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("this is Maria Lopez, 123 456 7890, and my son's name is Leo", "Maria Lopez"),
        ("My name is Ann Lee, 123 456 7890. His name's Tom.", "Ann Lee"),
        ("I'm Grace Obi, number 123 456 7890 - her name is Ada", "Grace Obi"),
    ],
)
async def test_the_callers_own_name_is_the_account_not_the_childs(
    container: Container, line: str, name: str
) -> None:
    async with talking(container) as talk:
        await talk("I need appointments for me and my child on Friday the 4th at 2 and 3")
        t = await talk(line)
        assert f"Shall I set one up for {name} with that number?" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.user_name(JOHN) == name, talk.transcript()


# --- the one held that the caller will not wait for is not when they want to come ---------------
@pytest.mark.parametrize(
    "line",
    [
        "I don't want to wait until my appointment in January, could I come in Friday morning?",
        "I'd rather not wait till my one in January. Anything Friday morning?",
        "can I be seen sooner, not waiting for my check-up in january - friday morning maybe",
    ],
)
async def test_the_held_one_not_waited_for_does_not_set_the_month(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (date(2027, 1, 20), time(13)))
    async with talking(container) as talk:
        t = await talk(f"John Smith, 123 456 7890. {line}")
        assert "Friday, November 27th" in t.reply, talk.transcript()
