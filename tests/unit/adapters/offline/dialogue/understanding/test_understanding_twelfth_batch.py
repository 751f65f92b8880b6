"""Ways of saying things that a twelfth batch of blind calls (partial corrections, read-back
requests, a recogniser's homophones, history, a number not on file, silences and restarts)
showed the reader missed, each said here in other words than the corpus lines. Today is
Wednesday 25 November 2026; the clinic opens 9-16."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Asked, Context, understand
from voice_agent.adapters.offline.dialogue.understanding.acts import WAIT, detect_tasks
from voice_agent.adapters.offline.dialogue.understanding.spelling import expand
from voice_agent.adapters.offline.dialogue.understanding.tokens import tokenize
from voice_agent.adapters.offline.dialogue.understanding.when import day_mentions

TODAY = date(2026, 11, 25)  # a Wednesday


def read(text: str, asked: Asked = "request"):  # type: ignore[no-untyped-def]
    return understand(text, Context(today=TODAY, asked=asked))


# --- a recogniser's homophones -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("heard", "hour"),
    [
        ("monday at tree if you have it", 15),
        ("could i do friday to pm", 14),
        ("tuesday for pm", 16),
        ("thursday tent oclock", 10),
    ],
)
def test_an_hour_heard_as_a_homophone_is_the_hour(heard: str, hour: int) -> None:
    when = read(heard).when
    assert when.time is not None and when.time.at == time(hour), when


def test_a_number_with_tree_for_three_is_read_whole() -> None:
    u = read("its tree one tree five five five oh one tree tree", asked="phone")
    assert u.phone is not None and u.phone.digits == "3135550133"


@pytest.mark.parametrize("text", ["i want to counsel tomorrows appointment", "counsel it"])
def test_counsel_is_cancel(text: str) -> None:
    assert "cancel" in expand(text)


def test_to_before_a_written_hour_stays_to() -> None:
    assert expand("can we move it to 2 pm") == "can we move it to 2 pm"


# --- a whole number then an exclamation ---------------------------------------------------------
def test_oh_after_a_whole_number_is_no_zero() -> None:
    u = read("646 555 0123 - oh, or is it the old one you have", asked="phone")
    assert u.phone is not None and u.phone.digits == "6465550123"


# --- "the first name" is no day -------------------------------------------------------------------
def test_the_first_name_is_not_the_first_of_the_month() -> None:
    assert day_mentions(tokenize("no the first names spelled with an e"), today=TODAY) == []
    assert day_mentions(tokenize("the first of december please"), today=TODAY) != []


# --- a wait and nothing else ----------------------------------------------------------------------
@pytest.mark.parametrize("text", ["wait", "Wait a second.", "um wait please"])
def test_a_bare_wait_is_a_wait(text: str) -> None:
    assert WAIT.search(text.lower().replace(".", "")) is not None


def test_a_wait_with_a_request_is_not_only_a_wait() -> None:
    assert WAIT.search("wait i meant thursday") is None


# --- a request to hear it again ----------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "hang on, which time was it you said?",
        "sorry, what's the date again?",
        "can you read that back please",
        "which days did you say?",
    ],
)
def test_asking_to_hear_it_again_is_a_repeat_and_no_answer(text: str) -> None:
    u = read(text, asked="confirm")
    assert u.repeat and not u.yes and not u.no and u.ordinal is None


def test_taking_what_was_said_is_no_repeat() -> None:
    assert not read("I'll take what you said", asked="confirm").repeat


# --- questions about bookings, history included --------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "have I already cancelled the one on Friday?",
        "I'm just ringing to confirm my appointment for Monday",
        "when was my previous appointment?",
        "whens the next one then",
        "I want to check my daughters appointment",
    ],
)
def test_a_question_about_a_booking_is_a_check(text: str) -> None:
    assert detect_tasks(read(text).text.lower().replace("'", "").replace("?", "")) == ["list"]


def test_a_cancellation_is_still_a_cancellation() -> None:
    assert detect_tasks("please cancel my appointment on friday") == ["cancel"]
