"""Faults the seventy-fifth blind batch (the end of a Thursday) showed, each as callers say it,
through a real text-mode session, the real tools and a real database: a move asked of what was
booked earlier ("I booked Monday at ten, but I've a meeting - could it be the afternoon
instead?"), a cancel agreed to after the caller's other appointment is said to stay ("tomorrow's
fine, I'm keeping that. Yes, cancel the 11th"), the day a visit must be on said at the opening
("so it'd have to be Monday, if you can"), and an appointment the caller won't be here for
because they are moving away (asked whether to move or cancel it, not moved to before they
go). Today is Wednesday 25 November 2026, 7:00 in New York, unless a test says otherwise."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from voice_agent.bootstrap import Container
from voice_agent.domain.clock import FixedClock

from .talk import JOHN, MONDAY, TUESDAY, add_caller, seat_others, talking


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))  # 7:00 in New York


# --- what was booked earlier, wanted another time that day ----------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "I rang earlier and booked Monday at ten, but something's come up at work - could it "
        "be the afternoon instead?",
        "I booked Monday at 10 this morning but I've got a meeting - could that be the "
        "afternoon instead?",
        "I booked Monday at ten with you earlier, but can it be the afternoon instead? My "
        "boss wants me in first thing.",
    ],
)
async def test_booked_earlier_could_it_be_the_afternoon_instead_moves_it(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    await seat_others(container, (MONDAY, time(12)), (MONDAY, time(13)))
    async with talking(container) as talk:
        await talk(line)
        t = await talk(JOHN)
        assert "to Monday, November 30th at 2 PM?" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(MONDAY, time(14))], talk.transcript()


# --- the other appointment kept, said before the yes ------------------------------------------
THURSDAY_4PM = datetime(2026, 12, 3, 21, 0, tzinfo=UTC)  # Thursday 16:00 in New York
TOMORROW = date(2026, 12, 4)
WEEK_ON = date(2026, 12, 11)


@pytest.mark.parametrize(
    "line",
    [
        "Just the 11th - tomorrow's fine, I'm keeping that. Yes, cancel the 11th.",
        "Tomorrow's one I'm keeping, that's fine. But yes, the 11th can go.",
        "I'll keep tomorrow's. Yes please, cancel the 11th.",
    ],
)
async def test_the_other_one_kept_before_the_yes_cancels_the_one_read_back(
    container: Container, clock: FixedClock, line: str
) -> None:
    clock.set(THURSDAY_4PM)
    await add_caller(container, JOHN, "John Smith", (TOMORROW, time(9)), (WEEK_ON, time(13)))
    async with talking(container) as talk:
        await talk("the appointment on the 11th, I need to cancel that")
        t = await talk(JOHN)
        assert "cancel your appointment on Friday, December 11th at 1 PM?" in t.reply
        await talk(line)
        assert await talk.booked(JOHN) == [(TOMORROW, time(9))], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "I'm keeping it. Yes, thanks.",
        "Tomorrow's fine, I'm keeping that. No, wait, keep them both.",
    ],
)
async def test_the_one_read_back_kept_is_still_no_cancel(
    container: Container, clock: FixedClock, line: str
) -> None:
    clock.set(THURSDAY_4PM)
    await add_caller(container, JOHN, "John Smith", (TOMORROW, time(9)), (WEEK_ON, time(13)))
    async with talking(container) as talk:
        await talk("the appointment on the 11th, I need to cancel that")
        await talk(JOHN)
        await talk(line)
        booked = [(TOMORROW, time(9)), (WEEK_ON, time(13))]
        assert await talk.booked(JOHN) == booked, talk.transcript()


# --- the day a visit must be on, said at the opening ------------------------------------------
@pytest.mark.parametrize(
    ("line", "day"),
    [
        (
            "The dentist's on Tuesday and my sister's Wednesday, so it'd have to be Monday, if "
            "you can.",
            "Monday, November 30th",
        ),
        (
            "It'll have to be Friday I'm afraid, I'm working every other day.",
            "Friday, November 27th",
        ),
        ("it would need to be monday if thats possible", "Monday, November 30th"),
    ],
)
async def test_it_would_have_to_be_a_day_is_a_booking(
    container: Container, line: str, day: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(line)
        assert "only help with appointments" not in t.reply, talk.transcript()
        t = await talk(JOHN)
        assert f"Shall I book {day} at" in t.reply, talk.transcript()


# --- won't be here for it: moving away --------------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "We're moving just after the weekend, so I've an appointment on Tuesday that I won't "
        "be here for.",
        "My appointment on Tuesday - I'm not going to be around for it, sorry, family stuff.",
        "I'm moving out on Monday, and my appointment on Tuesday, I won't be here for it.",
    ],
)
async def test_an_appointment_not_here_for_is_asked_move_or_cancel(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(11)))
    async with talking(container) as talk:
        await talk(line)
        t = await talk(JOHN)
        assert "Shall I move" not in t.reply and "or cancel it?" in t.reply, talk.transcript()
        await talk("cancel it, yes please")
        assert await talk.booked(JOHN) == [], talk.transcript()


async def test_moving_an_appointment_is_still_a_move(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(11)))
    async with talking(container) as talk:
        await talk("I'm moving my Tuesday appointment to Friday if I can")
        t = await talk(JOHN)
        assert (
            "Shall I move your appointment from Tuesday, December 1st at 11 AM to Friday" in t.reply
        )
