"""What a fifty-eighth blind batch (the everyday calls as a speech recogniser hears a stranger,
or as people type in a chat box) taught the receptionist, in other words than the corpus lines.
Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Context, FaqKey, understand
from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, THURSDAY_NEXT, TUESDAY, add_caller, talking

TODAY = date(2026, 11, 25)
INSURANCE = FaqKey(0, frozenset({"insurance", "aetna", "blue cross"}))


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("could i come in toosday at ten", TUESDAY),
        ("have you got anything choosday morning", TUESDAY),
        ("um is there something on wenzday the second", date(2026, 12, 2)),
        ("er fursday the third if you can at nine", THURSDAY_NEXT),
        ("monday or fryday whichever", MONDAY),
    ],
)
def test_a_weekday_heard_as_one_sound_alike_word_is_that_day(line: str, day: date) -> None:
    mention = understand(line, Context(today=TODAY)).when.day
    assert mention is not None and mention.dates[0] == day, mention


@pytest.mark.parametrize(
    ("line", "digits"),
    [
        # a homophone ends the group the caller then says again
        ("two oh one five five five four four too too no sorry four four too won", "2015554421"),
        ("nine one seven five five five six six ate ate sorry six six ate won", "9175556681"),
    ],
)
def test_a_groups_last_digit_heard_as_a_word_before_its_correction(line: str, digits: str) -> None:
    u = understand(line, Context(today=TODAY, asked="phone"))
    assert u.phone is not None and u.phone.digits == digits, u.phone


async def test_the_rest_of_a_number_heard_as_sound_alikes_finds_the_caller(
    container: Container,
) -> None:
    await add_caller(container, "2015559182", "Joan Byrne", (THURSDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk("hello its joan byrne when am i in next")
        await talk("my number is two oh one five five five")
        t = await talk("nine won ate too")
        assert "December 3rd at 10 AM" in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "ive got an appointment on monday but what time is it again",
        "i got a appointment thursday is it at two or three",
        "my son says i have a doctors appt next week, what day is it?",
    ],
)
def test_one_held_with_its_details_asked_is_a_check(line: str) -> None:
    assert understand(line, Context(today=TODAY)).task == "list"


@pytest.mark.parametrize(
    "line",
    [
        "i have booking on tuesday 10am, i need to change. possible thursday same time?",
        "my friday appointment, i have to change - is monday ok?",
    ],
)
def test_a_learners_bare_have_to_change_moves_the_one_held(line: str) -> None:
    assert understand(line, Context(today=TODAY)).task == "reschedule"


@pytest.mark.parametrize(
    "line",
    [
        "i have to change buses twice so nothing early",
        "I need to change nappies first, so after ten",
    ],
)
def test_changing_something_else_is_no_move(line: str) -> None:
    assert understand(line, Context(today=TODAY)).task != "reschedule"


def test_a_typed_around_misspelt_still_gives_the_hour() -> None:
    when = understand("can you do friday arround 11", Context(today=TODAY)).when
    assert when.time is not None and when.time.at == time(11), when.time


@pytest.mark.parametrize(
    ("line", "task"),
    [
        ("have ye anything on tuesday", "availability"),
        ("what have ye got friday", "availability"),
    ],
)
def test_the_irish_ye_is_you(line: str, task: str) -> None:
    assert understand(line, Context(today=TODAY)).task == task


def test_a_texted_ye_is_still_a_yes() -> None:
    assert understand("ye that works", Context(today=TODAY, asked="confirm")).yes


@pytest.mark.parametrize(
    "line",
    [
        "hello i want to ask you accept aetna",
        "you take blue cross insurance",
    ],
)
def test_a_learners_question_without_its_do_is_answered(line: str) -> None:
    u = understand(line, Context(today=TODAY, faq=(INSURANCE,)))
    assert "faq:0" in u.questions, u.questions


@pytest.mark.parametrize(
    "line",
    [
        "lovely, ill call back to book it, thanks",
        "ok great ill ring you back and book it when i know my shifts",
        "grand, i'll book it later when i can, bye",
    ],
)
def test_a_booking_put_off_to_another_call_is_no_yes(line: str) -> None:
    assert not understand(line, Context(today=TODAY, asked="confirm")).yes


async def test_a_booking_put_off_books_nothing(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. What's free Monday first thing?")
        if "Shall I book" not in t.reply and "Would you like me to book" not in t.reply:
            t = await talk("the first one you have")
        t = await talk("right so, I'll call back to book it, thanks")
        assert not t.called("book_appointment"), talk.transcript()
        assert await talk.booked(JOHN) == [], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "what do i need for the first visit",
        "is the first consultation longer",
    ],
)
def test_the_first_visit_is_no_first_of_the_month(line: str) -> None:
    assert understand(line, Context(today=TODAY)).when.day is None


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("its dave pop hum p o p h a m three oh five five five five one two three four",
         "Dave Popham"),
        ("karen wood ward w o o d w a r d six one seven five five five nine eight seven six",
         "Karen Woodward"),
    ],
)  # fmt: skip
def test_a_surname_heard_as_words_is_put_right_by_its_spelling(line: str, name: str) -> None:
    u = understand(line, Context(today=TODAY, asked="phone"))
    assert u.name == name, u.name
