"""What a sixty-fifth blind batch (words that sound like a change but are not, beside changes
that are: a change already made elsewhere, "cancel that" meaning "forget what I said", how
changes work asked about, someone else's plans, a change that may come later, the change word
denied) taught the receptionist, in other words than the corpus lines. Today is Wednesday 25
November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Context, Understanding, understand
from voice_agent.bootstrap import Container

from .talk import JOHN, add_caller, talking

TODAY = date(2026, 11, 25)


def _heard(line: str, asked: str = "request") -> Understanding:
    return understand(line, Context(today=TODAY, asked=asked))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "line",
    [
        # a change told of: done already, by the caller or by someone else
        "We've already rescheduled the builders, so can I book Thursday the 3rd at ten?",
        "My boss has postponed the conference, so I'd like to book Friday the 4th at nine.",
        # someone else's change, maybe to come
        "My wife might be moving hers, but I'd like to book one for me on Monday at nine.",
        # the caller's own, maybe later
        "I may well end up moving my Friday one, I'll see - but can I book Tuesday at two?",
        # "delete that" taking back one's own words
        "Can I book Monday at ten - no, delete that, Monday at eleven.",
    ],
)
def test_change_words_beside_a_booking_ask_for_the_booking(line: str) -> None:
    assert _heard(line).task == "book"


@pytest.mark.parametrize(
    "line",
    [
        "Will my first one get cancelled if I book a second?",
        "My partner might be cancelling his, so I thought I'd ring you first.",
    ],
)
def test_how_changes_work_or_someone_elses_is_no_change(line: str) -> None:
    assert _heard(line).task not in ("cancel", "reschedule")


@pytest.mark.parametrize(
    "line",
    [
        "Okay, thanks - we won't book just now, we'll call back tomorrow.",
        "Right, I'm not going to book yet, I'll ring you back when I've asked work.",
    ],
)
def test_a_booking_put_off_is_a_no_to_the_offer(line: str) -> None:
    heard = _heard(line, "confirm")
    assert heard.no and not heard.yes


def test_a_commitment_called_off_frees_its_day() -> None:
    heard = _heard("They've cancelled the meeting on Friday, so Friday's fine - book me at two?")
    assert heard.when.day is not None and heard.when.day.dates == (date(2026, 11, 27),)
    assert heard.when.time is not None and heard.when.time.at == time(14)


def test_an_hour_that_morning_is_in_the_morning_of_the_day_said() -> None:
    heard = _heard("Could you move my Monday three o'clock to nine that morning?")
    assert heard.task == "reschedule"
    assert heard.when.time is not None and heard.when.time.at == time(9)


def test_the_hour_held_beside_a_part_of_the_day_wanted_is_not_asked_for() -> None:
    heard = _heard("Could my Friday ten o'clock go to the afternoon instead, same day?")
    assert heard.task == "reschedule"
    assert heard.when.time is not None and heard.when.time.at is None
    assert heard.when.time.window is not None and heard.when.time.window[0] == time(12)


async def test_someone_elses_cancellation_told_of_books_and_cancels_nothing(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (date(2026, 12, 2), time(11)))
    async with talking(container) as talk:
        t = await talk(
            "Hi, John Smith, 123 456 7890. My son's school cancelled the trip, so I'm free -"
            " could I book Friday the 4th at ten as well? Keep the Wednesday one."
        )
        assert "cancel" not in t.reply.lower(), talk.transcript()
        assert "Friday, December 4th at 10" in t.reply, talk.transcript()
        t = await talk("Yes please.")
        assert not t.called("cancel_appointment"), talk.transcript()
        assert len(await talk.booked(JOHN)) == 2, talk.transcript()
