"""What a fifty-ninth blind batch (the everyday calls by a third hand, each caller a person: an
elderly caller saying it twice, a teenager's first booking, a builder with thirty seconds, a
learner's own word order, a child shouting in the background, someone anxious or cross about a
late reminder) taught the receptionist, in other words than the corpus lines. Today is
Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Context, Understanding, understand
from voice_agent.bootstrap import Container

from .talk import JOHN, add_caller, talking

TODAY = date(2026, 11, 25)


def _heard(line: str) -> Understanding:
    return understand(line, Context(today=TODAY))


@pytest.mark.parametrize(
    "line",
    [
        "Could you tell me what's open Friday? I want to ask my husband before I book.",
        "what times are free on tuesday just asking before we go ahead and book",
        "Which hour is free on Monday? I not book today, only asking.",
        "What days are available next week? Before I can book I need to see my rota.",
    ],
)
def test_what_is_free_asked_before_booking_is_a_question_not_a_booking(line: str) -> None:
    assert _heard(line).task == "availability"


async def test_a_new_caller_asking_what_is_free_before_booking_is_told_without_a_number(
    container: Container,
) -> None:
    async with talking(container) as talk:
        t = await talk("Hiya, what's free on Monday afternoon? Just want to know before I book.")
        assert "phone number" not in t.reply, talk.transcript()
        assert "PM" in t.reply or "noon" in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "whens mine again i lost the letter",
        "Sorry, what time's mine on Friday? The card's gone in the wash.",
        "When is ours? My husband wrote it down and he's at work.",
    ],
)
def test_when_is_mine_asks_what_they_hold(line: str) -> None:
    assert _heard(line).task == "list"


@pytest.mark.parametrize(
    "line",
    [
        "I've got one in the new year, but I also need one before Christmas if you can.",
        "We still need one for Friday, for my son.",
        "i have one booked already but also i need one next week",
    ],
)
def test_one_more_needed_beside_one_held_is_a_booking(line: str) -> None:
    assert _heard(line).task == "book"


@pytest.mark.parametrize(
    "line",
    [
        "I'm in on Friday at ten - could mine go to the Monday instead?",
        "i have tuesday at two can it go on thursday",
        "Can you put it on an afternoon? The mornings are hard with the baby.",
        "Could you stick it to the Friday, same time?",
    ],
)
def test_it_put_or_gone_to_another_day_moves_the_one_held(line: str) -> None:
    assert _heard(line).task == "reschedule"


@pytest.mark.parametrize(
    "line",
    ["Can you put me down for Thursday morning?", "can you put it in the book for friday"],
)
def test_put_down_for_a_day_is_still_a_booking(line: str) -> None:
    assert _heard(line).task == "book"


@pytest.mark.parametrize(
    "line",
    [
        "morning its pat kelly i have the friday at two",
        "afternoon this is dan moore calling about tuesday",
        "morning love its only me about friday",
    ],
)
def test_a_greeting_said_first_unpunctuated_is_no_part_of_the_day(line: str) -> None:
    assert _heard(line).when.time is None


@pytest.mark.parametrize("line", ["morning please", "Morning is best for me.", "mornings ideally"])
def test_a_morning_answered_is_still_the_morning(line: str) -> None:
    mention = _heard(line).when.time
    assert mention is not None and mention.window is not None
    assert mention.window[1] <= time(12)


def test_next_tuesday_said_long_after_a_month_is_next_tuesday() -> None:
    line = (
        "I've one booked for January, but my back's really bad and honestly I can't wait "
        "around that long for it. Could I come in next Tuesday?"
    )
    day = _heard(line).when.day
    assert day is not None and day.dates == (date(2026, 12, 1),)


def test_a_weekday_said_with_the_month_is_still_read_in_that_month() -> None:
    day = _heard("sometime in january, maybe a tuesday").when.day
    assert day is not None and day.dates[0] == date(2027, 1, 5)


@pytest.mark.parametrize(
    "line",
    [
        "I've got Thursday at ten. Can't do it now, the van's booked. Monday instead?",
        "i have friday at eleven cant do that any more could it be wednesday any time",
    ],
)
def test_the_held_hour_turned_down_is_no_hour_turned_down_on_the_day_asked(line: str) -> None:
    assert _heard(line).when.rejected_times == ()


def test_an_hour_turned_down_on_its_own_stays_turned_down() -> None:
    assert time(10) in _heard("Monday, but not ten, anything else that day.").when.rejected_times


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("It's Mr Okafor. Daniel Okafor. It's on the letter somewhere.", "Daniel Okafor"),
        ("It's Mrs Hale. Joan Hale. It's the mobile, hang on.", "Joan Hale"),
    ],
)
def test_a_title_and_surname_then_the_full_name_gives_the_full_name(line: str, name: str) -> None:
    assert _heard(line).name == name


async def test_a_held_slot_said_unpunctuated_after_morning_is_not_booked_again(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (date(2026, 12, 2), time(11)))
    async with talking(container) as talk:
        t = await talk("morning its john smith one two three four five six seven eight nine oh")
        assert not t.called("book_appointment"), talk.transcript()
        assert "Shall I book" not in t.reply, talk.transcript()
