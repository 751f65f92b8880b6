"""Faults left in the typed corpus (leftovers48), each as callers say it, through a real
text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from voice_agent.bootstrap import Container
from voice_agent.domain.clock import FixedClock

from .talk import JOHN, THURSDAY_NEXT, TUESDAY_NEXT, add_caller, talking


# --- a held one no longer needed, named in the middle: a cancel -----------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "I don't need the appointment on Thursday any more",
        "my back's better now after two sessions on the 1st and the 2nd so i dont need the"
        " appointment on thursday any more",
        "i saw the nurse on monday so i dont need my thursday appointment any more",
        "I won't be needing Thursday's appointment now",
        "we do not need the 1 o'clock booking after all",
    ],
)
async def test_a_held_one_no_longer_needed_is_offered_to_cancel(
    container: Container, line: str
) -> None:
    await add_caller(
        container, JOHN, "John Smith", (THURSDAY_NEXT, time(13)), (TUESDAY_NEXT, time(10))
    )
    async with talking(container) as talk:
        t = await talk(f"John Smith, 123 456 7890. {line}")
        assert "Shall I cancel your appointment on Thursday, December 3rd at 1 PM?" in t.reply, (
            talk.transcript()
        )
        await talk("yes please")
        assert await talk.booked(JOHN) == [(TUESDAY_NEXT, time(10))], talk.transcript()


async def test_what_the_appointment_needs_no_longer_is_no_cancel(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(13)))
    async with talking(container) as talk:
        t = await talk(
            "John Smith, 123 456 7890. I don't need the appointment to be in the afternoon any"
            " more, can it go to the morning?"
        )
        assert "cancel" not in t.reply.lower(), talk.transcript()
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(13))], talk.transcript()


# --- several shifted "same times", each named by its own day and hour: each keeps its hour -------
MONDAY_14TH = date(2026, 12, 14)
TUESDAY_15TH = date(2026, 12, 15)
WEDNESDAY_16TH = date(2026, 12, 16)


@pytest.mark.parametrize(
    "line",
    [
        "I need to shift both of mine a day later. The 14th's the 1 o'clock and the 15th's the"
        " 2 o'clock. Each one a day later, same times.",
        "could you push both my appointments back a day? the one on the 14th is at 1 and the"
        " one on the 15th is at 2, keep the same times",
        "both of mine need to go a day later - the 2 o'clock on the 14th, no sorry, the 14th's"
        " the 1 o'clock and the 15th's the 2 o'clock - same times please",
    ],
)
async def test_each_of_several_shifted_keeps_its_own_time(container: Container, line: str) -> None:
    await add_caller(
        container, JOHN, "John Smith", (MONDAY_14TH, time(13)), (TUESDAY_15TH, time(14))
    )
    async with talking(container) as talk:
        t = await talk(f"John Smith, 123 456 7890. {line}")
        assert "December 15th at 1 PM" in t.reply, talk.transcript()
        assert "December 16th at 2 PM" in t.reply, talk.transcript()
        await talk("yes, both of them")
        assert await talk.booked(JOHN) == [(TUESDAY_15TH, time(13)), (WEDNESDAY_16TH, time(14))], (
            talk.transcript()
        )


@pytest.mark.parametrize(
    "line",
    [
        "the Thursday one will have to go a week later",
        "my Thursday appointment needs to go a day later, same time",
        "both of mine need to go a week later",
    ],
)
async def test_has_to_go_a_day_or_week_later_is_a_move_not_a_cancel(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(13)))
    async with talking(container) as talk:
        t = await talk(f"John Smith, 123 456 7890. {line}")
        assert "cancel" not in t.reply.lower(), talk.transcript()
        assert "Shall I move your appointment from Thursday, December 3rd at 1 PM" in t.reply, (
            talk.transcript()
        )


# --- a cancel taken back in the same breath: the one they can't make is meant -------------------
@pytest.mark.parametrize(
    ("line", "kept", "gone"),
    [
        (
            "cancel the 8th please, oh wait no, the 8th is fine, it's the 11th I can't make",
            (date(2026, 12, 8), time(11)),
            (date(2026, 12, 11), time(9)),
        ),
        (
            "Can you cancel the one on the 11th - no, sorry, that one's fine, it's the 8th I"
            " can't do",
            (date(2026, 12, 11), time(9)),
            (date(2026, 12, 8), time(11)),
        ),
        (
            "I need to cancel my Tuesday one - no, sorry, Tuesday's fine, it's Friday I can't do",
            (date(2026, 12, 1), time(11)),
            (date(2026, 11, 27), time(9)),
        ),
    ],
)
async def test_a_cancel_taken_back_goes_to_the_one_they_cannot_make(
    container: Container,
    line: str,
    kept: tuple[date, time],
    gone: tuple[date, time],
) -> None:
    await add_caller(container, JOHN, "John Smith", kept, gone)
    async with talking(container) as talk:
        t = await talk(f"John Smith, 123 456 7890. {line}")
        assert "Shall I cancel" in t.reply, talk.transcript()
        assert f"{gone[0].day}th" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [kept], talk.transcript()


# --- at a cancel, the day "only needed" is the one kept ------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Actually, you know what, scrap the first one. The Tuesday. I only need the Thursday.",
        "no wait, get rid of the Tuesday, I just want the Thursday",
        "actually drop the Tuesday one. Keep the Thursday.",
    ],
)
async def test_the_day_only_needed_is_kept_at_a_cancel(
    container: Container, clock: FixedClock, line: str
) -> None:
    clock.advance(timedelta(days=8))  # Thursday 3 December: "the Thursday" held is the 10th
    await add_caller(
        container, JOHN, "John Smith", (date(2026, 12, 8), time(10)), (date(2026, 12, 10), time(10))
    )
    async with talking(container) as talk:
        await talk("John Smith, 123 456 7890.")
        t = await talk(line)
        assert "Shall I cancel your appointment on Tuesday, December 8th at 10 AM?" in t.reply, (
            talk.transcript()
        )
        await talk("yes")
        assert await talk.booked(JOHN) == [(date(2026, 12, 10), time(10))], talk.transcript()
