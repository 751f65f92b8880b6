"""What a seventy-first blind batch (heard, not typed: calls as a speech recogniser writes them,
by a new hand) taught the receptionist, in other words than the corpus lines. Today is
Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Context, Understanding, understand
from voice_agent.bootstrap import Container

from .talk import FRIDAY, JOHN, MONDAY, TUESDAY, TUESDAY_NEXT, add_caller, talking

TODAY = date(2026, 11, 25)
THURSDAY_3RD = date(2026, 12, 3)


def _heard(line: str) -> Understanding:
    return understand(line, Context(today=TODAY))


# --- "take me off the list": a cancel ---------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "i cant come on monday so can you cross me off please",
        "Could you take my name off for Monday? Something's come up at work.",
        "please strike us off the books for the 3rd",
        "um can you take me off the list for monday",
    ],
)
def test_taken_off_the_list_is_a_cancel(line: str) -> None:
    assert _heard(line).task == "cancel"


@pytest.mark.parametrize(
    "line", ["can you take me off hold please", "could you take me off the waiting list"]
)
def test_taken_off_hold_or_a_waiting_list_is_no_cancel(line: str) -> None:
    assert _heard(line).task != "cancel"


async def test_cross_me_off_cancels_the_one_held_after_a_yes(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    async with talking(container) as talk:
        t = await talk("hi its john smith one two three four five six seven eight nine oh can"
                       " you cross me off for monday")  # fmt: skip
        assert "cancel" in t.reply and "Monday, November 30th at 9 AM" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(MONDAY, time(9))], talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [], talk.transcript()


# --- "bring my appointment on the 3rd forward": a move, not what to bring ------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Could we bring my booking on the 3rd forward to Monday?",
        "can i bring the appointment for thursday forward a day or two",
        "i want to bring my one on the third forward to tuesday",
    ],
)
def test_bringing_the_one_held_forward_is_a_move(line: str) -> None:
    assert _heard(line).task == "reschedule"


async def test_bring_my_appointment_on_a_day_forward_moves_it(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_3RD, time(11)))
    async with talking(container) as talk:
        t = await talk(
            "Hi, John Smith, 123 456 7890. Could I bring my appointment on the 3rd forward to"
            " Tuesday, same time?"
        )
        assert "photo ID" not in t.reply, talk.transcript()
        assert "Tuesday, December 1st at 11 AM" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(TUESDAY, time(11))], talk.transcript()


# --- "to to oclock": two heard as "to" ------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "hour"),
    [
        ("can we change it to to oclock on friday", 14),
        ("could i come friday to oclock", 14),
        ("anything on monday around for oclock", 16),
    ],
)
def test_to_or_for_before_oclock_is_the_hour(line: str, hour: int) -> None:
    said = _heard(line).when.time
    assert said is not None and said.at == time(hour)


# --- "on twenty second": the "the" the recogniser dropped ----------------------------------------


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("can i get in on twenty third at eleven", date(2026, 12, 23)),
        ("is there anything for thirtieth in the morning", date(2026, 11, 30)),
        ("book me in on fourteenth please", date(2026, 12, 14)),
    ],
)
def test_a_day_of_the_month_without_the(line: str, day: date) -> None:
    said = _heard(line).when.day
    assert said is not None and said.exact == day


def test_an_ordinal_floor_is_no_day() -> None:
    assert _heard("the clinic on twenty first floor is it").when.day is None


# --- cancel mine and book my daughter in: two errands, not a move --------------------------------


async def test_cancel_mine_and_book_a_relative_in_is_two_errands(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    async with talking(container) as talk:
        t = await talk(
            "Hi, John Smith, 123 456 7890. Please cancel my Monday one and book my son in on"
            " Friday at 10."
        )
        assert "move" not in t.reply, talk.transcript()
        for _ in range(2):
            if await talk.booked(JOHN) == [(FRIDAY, time(10))]:
                break
            t = await talk("yes")
        assert await talk.booked(JOHN) == [(FRIDAY, time(10))], talk.transcript()


# --- "when's my next appointment? ... the week after it, same time" -----------------------------


async def test_another_the_week_after_my_next_one_counts_from_it(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(14)))
    async with talking(container) as talk:
        t = await talk(
            "Hi, John Smith, 123 456 7890. When's my next appointment? And could I have"
            " another one the week after it, same time?"
        )
        assert "Tuesday, December 8th at 2 PM" in t.reply, talk.transcript()
        await talk("yes")
        booked = await talk.booked(JOHN)
        assert booked == [(TUESDAY, time(14)), (TUESDAY_NEXT, time(14))], talk.transcript()
