"""What a fifty-fifth blind batch (when the calendar says no: the day full or closed, the hour
outside the day, the appointment elsewhere than the caller thinks, the offers turned down, the
caller who settles) taught the receptionist, in other words than the corpus lines, through a
real text-mode session, the real tools and a real database. Today is Wednesday 25 November
2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.policy import _confirmed_again
from voice_agent.adapters.offline.dialogue.understanding.acts import detect_tasks
from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY,
    JOHN,
    MONDAY,
    MONDAY_NEXT,
    THURSDAY_NEXT,
    TUESDAY_NEXT,
    add_caller,
    seat_others,
    talking,
)

TODAY = date(2026, 11, 25)
FRIDAY_THE_4TH = date(2026, 12, 4)


@pytest.mark.parametrize(
    "line",
    [
        "John Smith, 123 456 7890. I've got Friday at ten but I'd rather come Monday.",
        "john smith 123 456 7890 im booked in for friday at ten id prefer to come in monday",
        "John Smith, 123-456-7890. Friday at 10 - could we make it Monday instead?",
    ],
)
async def test_the_one_held_named_with_another_day_wished_is_moved(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(10)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "move your appointment" in t.reply, talk.transcript()
        assert "November 30th" in t.reply, talk.transcript()
        assert not t.called("book_appointment"), talk.transcript()
        await talk("yes")
        booked = await talk.booked(JOHN)
        assert len(booked) == 1 and booked[0][0] == MONDAY, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "I've got an appointment on the 7th but I need a second one sooner, the Tuesday?",
        "i have my appointment on the seventh but i need another appointment sooner tuesday please",
        "There's my appointment on the 7th already, but I'd like another one sooner - Tuesday?",
    ],
)
def test_another_appointment_beside_the_one_held_is_a_booking(line: str) -> None:
    lowered = line.lower().replace("'", "").replace(",", "").replace("?", "").replace(" -", "")
    assert detect_tasks(lowered.replace(".", "")) == ["book"]


@pytest.mark.parametrize(
    "line",
    [
        "Ah, no luck. The one before it then, two o'clock.",
        "ok then the slot just before that, the two o'clock",
        "Taken? The one before, then - 2 PM.",
    ],
)
async def test_the_one_before_a_taken_hour_named_by_its_time_is_the_one_proposed(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY_NEXT, time(10)))
    await seat_others(container, (THURSDAY_NEXT, time(15)))
    async with talking(container) as talk:
        t = await talk(
            "John Smith, 123 456 7890. Can my Monday the 7th go to Thursday the 3rd at three?"
        )
        assert "December 3rd at 2 PM" in t.reply, talk.transcript()
        t = await talk(line)
        # the 2 PM named, asked again or taken as the yes its "ok" gives; never the 1 PM
        assert "1 PM" not in t.reply and "2 PM" in t.reply, talk.transcript()
        if not t.called("modify_appointment"):
            await talk("yes, do that")
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(14))], talk.transcript()


def test_a_question_asked_again_names_the_slot_its_it_stands_for() -> None:
    again = _confirmed_again("On Tuesday, December 8th I have 11 AM. Shall I book it?", "")
    assert "December 8th" in again and "11 AM" in again and "book it" in again
    # a question that names its slot itself is asked again on its own
    named = _confirmed_again("Sorry. Shall I book Monday, November 30th at 9 AM?", "")
    assert named == "Just to confirm: shall I book Monday, November 30th at 9 AM?"


@pytest.mark.parametrize(
    "line",
    [
        "John Smith, 123 456 7890. Could my appointment on the 4th go to the 8th?",
        "john smith 123 456 7890 can the one on the 4th go to the 8th",
        "John Smith, 123-456-7890 - can the one for the 4th move to the 8th, please?",
    ],
)
async def test_the_one_on_a_date_asked_to_go_to_another_is_moved(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)), (FRIDAY_THE_4TH, time(10)))
    async with talking(container) as talk:
        t = await talk(line)
        # the one on the 4th asked about for the 8th, nothing cancelled or booked yet
        assert "move your appointment" in t.reply and "December 8th" in t.reply, talk.transcript()
        assert "December 4th" in t.reply and "November 30th" not in t.reply, talk.transcript()
        assert not t.called("modify_appointment"), talk.transcript()
        await talk("yes")
        booked = await talk.booked(JOHN)
        assert len(booked) == 2 and booked[1][0] == TUESDAY_NEXT, talk.transcript()
