"""What a sixtieth blind batch (the everyday calls as a test writer writes them, each call one
goal and one twist: a detail mended, second thoughts at the offer, a question before the yes, a
detail given early, the first offer turned down with a reason, two details in one breath) taught
the receptionist, in other words than the corpus lines. Today is Wednesday 25 November 2026,
10:00 in New York."""

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
        "Hold on, before you book it - is it a doctor or a nurse I'll be seeing?",
        "wait before you do that do i need to bring my insurance card",
        "Before I say yes, how long does it usually take?",
        "hang on a sec, before you go ahead, is there parking there",
    ],
)
def test_a_question_before_the_yes_is_neither_a_yes_nor_a_no(line: str) -> None:
    heard = _heard(line, "confirm")
    assert not heard.yes and not heard.no


@pytest.mark.parametrize(
    ("line", "yes"),
    [
        ("Yes, do that, thanks.", True),
        ("ok great, go ahead and book it", True),
        ("Yes - oh wait, not ten", True),  # a yes taken back by the correction it carries
        ("right, never mind, keep it", False),
        ("wait, no, make it eleven", False),
    ],
)
def test_a_plain_yes_and_a_take_back_read_as_before(line: str, yes: bool) -> None:
    heard = _heard(line, "confirm")
    assert heard.yes is yes
    if line.startswith("Yes - oh wait"):
        assert heard.correction


@pytest.mark.parametrize(
    "line",
    [
        "will I still get a text the day before?",
        "do you send a reminder email for the new time",
        "wait would i get another reminder message",
    ],
)
def test_a_reminder_still_to_come_is_asked_about_not_a_list_of_appointments(line: str) -> None:
    heard = _heard(line, "confirm")
    assert heard.task != "list"
    assert "practical" in heard.questions


async def test_a_question_at_a_move_keeps_the_move_for_a_yes_after_it(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (date(2026, 11, 30), time(10)))
    async with talking(container) as talk:
        await talk("Hi, John Smith, 123 456 7890. Could my Monday one go to Tuesday, same time?")
        t = await talk("Hang on, before you do that - will I still get a reminder text for it?")
        assert not t.called("modify_appointment"), talk.transcript()
        assert "10 AM" in t.reply and "Tuesday" in t.reply, talk.transcript()
        t = await talk("Okay, yes, move it.")
        moved = t.called("modify_appointment")
        assert moved and moved[0]["new_date"] == "2026-12-01", talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "My Friday two o'clock has to go to Monday, I'm afraid.",
        "the Tuesday 10 am one will have to go to next week",
        "our thursday three oclock needs to move to the friday",
    ],
)
def test_one_held_named_by_day_and_hour_that_has_to_go_elsewhere_is_a_move(line: str) -> None:
    assert _heard(line).task == "reschedule"


@pytest.mark.parametrize(
    "line",
    ["My son has to go to school at nine on Monday.", "my husband needs to go to work friday"],
)
def test_someone_who_has_to_go_somewhere_is_no_move(line: str) -> None:
    assert _heard(line).task != "reschedule"


@pytest.mark.parametrize(
    "line",
    [
        "00 1 415 555 0182",
        "it's zero zero one four one five five five five zero one eight two",
        "I'm abroad, so it's 001-415-555-0182",
    ],
)
def test_a_number_dialled_from_abroad_with_00_1_is_the_national_number(line: str) -> None:
    phone = _heard(line, "phone").phone
    assert phone is not None and phone.national == "4155550182"


def test_a_hour_asked_for_after_the_reason_is_wanted() -> None:
    heard = _heard("I can't do eleven, I've got the dentist - make it two on Friday", "confirm")
    assert heard.when.time is not None and heard.when.time.at == time(14)
    assert heard.when.day is not None and heard.when.day.dates == (date(2026, 11, 27),)
    assert time(11) in heard.when.rejected_times


def test_what_is_asked_for_after_a_routine_is_wanted() -> None:
    line = "no, I'm on nights and I sleep all morning, anything after one would do"
    mention = _heard(line, "confirm").when.time
    assert mention is not None and not mention.negated
    assert mention.window is not None and mention.window[0] >= time(13)


@pytest.mark.parametrize(
    "line",
    [
        "Nine... actually no, is there anything later on?",
        "eleven, actually no, if you had something after lunch",
    ],
)
def test_an_hour_said_then_taken_back_with_a_no_is_turned_down(line: str) -> None:
    heard = _heard(line, "confirm")
    assert heard.when.rejected_times, line


@pytest.mark.parametrize(
    "line",
    [
        "I'd have to take the entire afternoon off for that, so a morning please",
        "otherwise I'd have to take the whole afternoon off work",
    ],
)
def test_a_part_of_the_day_that_would_be_taken_off_is_not_wanted(line: str) -> None:
    mention = _heard(line, "confirm").when.time
    assert mention is not None and mention.window is not None
    assert mention.window[1] <= time(12)
