"""Leftovers of the blind batches (leftovers52): a first name said with an offer to spell the
last name keeps the first name and adds the last name to it. Through a real text-mode session,
the real tools and a real database. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY_NEXT,
    JOHN,
    MONDAY_NEXT,
    THURSDAY_NEXT,
    TUESDAY_NEXT,
    WEDNESDAY_NEXT,
    add_caller,
    talking,
)

NEW = "4155550172"
FRIDAY_NEXT_WEEK = date(2026, 12, 11)


# --- "Marta - do you want me to spell the surname?": the first name kept, the last added ------
@pytest.mark.parametrize(
    ("offer", "spelled"),
    [
        (
            "Dorota. Should I spell my last name? Nobody gets it right.",
            "Sure, it's Wisniewski, W-I-S-N-I-E-W-S-K-I. The number is 415 555 0172.",
        ),
        (
            "It's Dorota - shall I spell the surname for you?",
            "Wisniewski, W I S N I E W S K I, and my number's 415 555 0172.",
        ),
        (
            "Dorota, and I can spell the last name if you like, it's a long one.",
            "OK - Wisniewski. W-I-S-N-I-E-W-S-K-I. 415 555 0172.",
        ),
    ],
)
async def test_a_first_name_with_an_offer_to_spell_the_surname_keeps_both(
    container: Container, offer: str, spelled: str
) -> None:
    async with talking(container) as talk:
        await talk("Hi, I'd like to book an appointment on Monday at 10.")
        turn = await talk(offer)
        assert "last name" in turn.reply, talk.transcript()
        await talk.introduce(spelled)
        for _ in range(3):
            if await talk.user_name(NEW) is not None:
                break
            await talk("yes, that's right")
        assert await talk.user_name(NEW) == "Dorota Wisniewski", talk.transcript()


# --- "my scan got moved to Monday at 9": the caller's own event, why they ring, not a booking --
@pytest.mark.parametrize(
    "line",
    [
        "Could my appointment go to Friday the 4th at 2 instead? My MRI got moved to Monday"
        " the 7th at 9, the same morning as yours.",
        "My scan's been pushed back to Monday the 7th at 9, and I'm seeing you that day at 10,"
        " which is too soon after. Can the follow-up go to Friday the 4th at 2?",
        "So my biopsy was rescheduled to the 7th at 9 am and my check-up with you is the same"
        " morning. Could my check-up be moved to Friday the 4th at 2?",
    ],
)
async def test_an_event_of_theirs_moved_is_no_booking_and_the_held_one_moves(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk("Hi, John Smith, 123 456 7890.")
        turn = await talk(line)
        assert "move" in turn.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(14))], talk.transcript()


# --- the visit held named by its kind: "can the follow-up go to ...?" is a move ---------------
@pytest.mark.parametrize(
    "line",
    [
        "Can my follow-up go to Wednesday the 2nd at 11?",
        "Could the check-up be moved to Wednesday the 2nd at 11, please?",
        "Would my physical go to Wednesday the 2nd at 11?",
    ],
)
async def test_a_visit_held_named_by_its_kind_is_moved(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY_NEXT, time(9)))
    async with talking(container) as talk:
        await talk("Hello, it's John Smith, 123 456 7890.")
        turn = await talk(line)
        assert "move" in turn.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(WEDNESDAY_NEXT, time(11))], talk.transcript()


# --- "my appointment's Friday, could I come in Wednesday instead?": the one held, moved -------
@pytest.mark.parametrize(
    "line",
    [
        "My appointment's Friday the 4th but I'm worse, could I come in Wednesday the 2nd"
        " instead? Eleven if you can.",
        "My booking's Friday the 4th - any chance I could come Wednesday the 2nd at 11 instead?",
        "My appt's Friday the 4th, could we do Wednesday the 2nd at 11 instead?",
    ],
)
async def test_my_appointments_day_then_another_wished_is_a_move(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(11)))
    async with talking(container) as talk:
        await talk("Hi, John Smith, 123 456 7890.")
        turn = await talk(line)
        assert "move" in turn.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(WEDNESDAY_NEXT, time(11))], talk.transcript()


# --- "do I have anything December 3rd?": answered for that day, a booking on it offered -------
@pytest.mark.parametrize(
    ("ask", "then"),
    [
        ("Do I have anything on December 3rd?", "Okay, then could I get the 3rd at 2?"),
        ("Am I booked in for Thursday the 3rd at all?", "Right, then can I have 2 pm that day?"),
        ("Have I got an appointment on the 3rd of December?", "Yes please, at 2."),
    ],
)
async def test_a_day_asked_about_with_nothing_on_it_offers_a_booking_that_day(
    container: Container, ask: str, then: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk("Hi, John Smith, 123 456 7890.")
        turn = await talk(ask)
        assert "don't see an appointment on Thursday, December 3rd" in turn.reply, talk.transcript()
        turn = await talk(then)
        assert "move" not in turn.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(14)), (MONDAY_NEXT, time(10))], (
            talk.transcript()
        )


# --- "the Friday after the one I'm booked on", said to "What day and time?": a booking --------
@pytest.mark.parametrize(
    "line",
    [
        "Friday at 9, the Friday after the one I'm booked on.",
        "9 o'clock on the Friday after the one I've got, please.",
        "Friday again at nine - the Friday after the one I already have.",
    ],
)
async def test_a_day_counted_from_the_one_held_books_when_a_booking_is_asked(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(9)))
    async with talking(container) as talk:
        await talk("Hi, John Smith, 123 456 7890. Can I book another appointment?")
        await talk(line)
        await talk("yes")
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(9)), (FRIDAY_NEXT_WEEK, time(9))], (
            talk.transcript()
        )
