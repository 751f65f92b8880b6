"""Faults left in the typed corpus (leftovers22), each as callers say it, through a real
text-mode session, the real tools and a real database: several appointments moved by one
relation, with the days they are on said beside it. Today is Wednesday 25 November 2026, 10:00
in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import (
    JOHN,
    MONDAY,
    MONDAY_NEXT,
    TUESDAY,
    TUESDAY_NEXT,
    WEDNESDAY_NEXT,
    add_caller,
    talking,
)

MONDAY_AFTER = date(2026, 12, 14)
TUESDAY_AFTER = date(2026, 12, 15)
WEDNESDAY_9TH = date(2026, 12, 9)
FRIDAY_11TH = date(2026, 12, 11)


# --- the days they are on, said beside "each of them" / "both" ----------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "my two appointments next week, monday and tuesday, could you make each of them an "
        "hour later please? same days",
        "I've got two, the Monday and the Tuesday, can you push them both back an hour",
        "um the monday one and the tuesday one, could you move both of them an hour later",
    ],
)
async def test_the_days_of_two_said_beside_both_say_which_not_where(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)), (TUESDAY, time(10)))
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        t = await talk(line)
        assert "Shall I move both your appointments" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(MONDAY, time(11)), (TUESDAY, time(11))], (
            talk.transcript()
        )


# --- a shift of several, and the weekday they land on said again -------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "can you push both my mondays a day later? tuesdays suit me better now. same time",
        "Could you shift both my Monday ones a day later please - Tuesdays are easier with "
        "my new job. Same times",
    ],
)
async def test_a_shift_of_both_with_the_weekday_they_land_on_said_again(
    container: Container, line: str
) -> None:
    await add_caller(
        container, JOHN, "John Smith", (MONDAY_NEXT, time(10)), (MONDAY_AFTER, time(10))
    )
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        t = await talk(line)
        assert "Shall I move both your appointments" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [
            (TUESDAY_NEXT, time(10)),
            (TUESDAY_AFTER, time(10)),
        ], talk.transcript()


async def test_two_moved_to_two_days_said_after_to_still_go_there(container: Container) -> None:
    # a guard: days said after "to" are where they go, not which they are
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)), (TUESDAY, time(10)))
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        t = await talk("could you move both of them to the monday and tuesday after, same times")
        assert "Monday, November 30th at 10 AM to Monday, November 30th" not in t.reply, (
            talk.transcript()
        )


# --- a move asked back after "oh no" to "anything else?" ---------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "oh no I've just looked at my diary, I have a meeting at ten, can you undo that and go "
        "back to what I had before",
        "oh no, sorry, I've got a meeting at ten, can we go back to what it was",
    ],
)
async def test_oh_no_then_undo_that_after_a_move_asks_it_back_not_goodbye(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (WEDNESDAY_NEXT, time(12)))
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        await talk("could you make my wednesday one a bit earlier, ten o'clock same day")
        await talk("yes fine")
        assert await talk.booked(JOHN) == [(WEDNESDAY_NEXT, time(10))], talk.transcript()
        t = await talk(line)
        assert not talk.ended, talk.transcript()
        assert "to Wednesday, December 2nd at noon?" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(WEDNESDAY_NEXT, time(12))], talk.transcript()


async def test_oh_no_and_nothing_more_after_a_move_still_ends(container: Container) -> None:
    # a guard: a plain "no" to "anything else?" after a move is still the end of the call
    await add_caller(container, JOHN, "John Smith", (WEDNESDAY_NEXT, time(12)))
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        await talk("could you make my wednesday one a bit earlier, ten o'clock same day")
        await talk("yes fine")
        await talk("no that's everything, thanks")
        assert talk.ended, talk.transcript()


# --- a move into the slot cancelled earlier in the call -----------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "And now the Wednesday one - can you move it into the Friday slot I just cancelled? "
        "Friday suits me much better.",
        "could my wednesday appointment go in the one I just cancelled",
        "right, and move the wednesday one to the slot that I've just cancelled please",
    ],
)
async def test_a_move_into_the_slot_just_cancelled_goes_there_and_cancels_nothing(
    container: Container, line: str
) -> None:
    await add_caller(
        container, JOHN, "John Smith", (FRIDAY_11TH, time(10)), (WEDNESDAY_9TH, time(11))
    )
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        await talk("first, please cancel my appointment on Friday the 11th")
        await talk("yes, cancel it")
        assert await talk.booked(JOHN) == [(WEDNESDAY_9TH, time(11))], talk.transcript()
        t = await talk(line)
        assert (
            "Shall I move your appointment from Wednesday, December 9th at 11 AM to Friday, "
            "December 11th at 10 AM?"
        ) in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(FRIDAY_11TH, time(10))], talk.transcript()
