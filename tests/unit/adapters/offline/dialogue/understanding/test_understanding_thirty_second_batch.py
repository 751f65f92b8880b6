"""Readings a thirty-second blind batch (the phone call itself: a bad line, a hold, someone
else in the room, a cut-in at the read-back, questions about the call, "oh wait, one more
thing") showed were missing, in other words than the corpus lines. Today is Wednesday 25
November 2026."""

from __future__ import annotations

from datetime import time

import pytest

from .reading import read, read_with_faq


# --- a goodbye, then the caller comes back with one more thing -----------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "cheers, bye - oh hang on, one more thing, can I park at yours?",
        "that's everything, thanks... actually, while I have you, is there a car park?",
        "ok ta bye oh wait sorry before you go is there parking",
    ],
)
def test_a_question_after_the_goodbye_keeps_the_call_open(line: str) -> None:
    u = read_with_faq(line, "anything_else")
    assert not u.end and "faq:1" in u.questions


def test_a_task_after_the_goodbye_keeps_the_call_open() -> None:
    u = read("great, bye - oh wait, one more thing, can you cancel my Monday one?", "anything_else")
    assert not u.end and u.task == "cancel"


@pytest.mark.parametrize(
    "line",
    [
        "thanks, bye",
        "one more thing - no, actually, that's all. bye",
        "oh wait, no, never mind, that's everything, bye",
    ],
)
def test_a_goodbye_with_nothing_after_it_still_ends(line: str) -> None:
    assert read_with_faq(line, "anything_else").end


def test_one_last_thing_is_no_latest_slot() -> None:
    u = read("oh, one last thing: when do you open?", "anything_else")
    assert "hours" in u.questions
    assert u.when.time is None or not u.when.time.latest


# --- a bad line: what was missed said again, the day it was lost on asked for nothing -----------
@pytest.mark.parametrize(
    "line",
    [
        "sorry, you broke up after Monday - what were those times?",
        "you cut out just after Friday, sorry, what did you say?",
        "I lost you there for a second",
        "the line went funny, say that one more time?",
        "I got Tuesday but missed the time",
    ],
)
def test_a_bad_line_asks_for_it_again_and_asks_for_no_day(line: str) -> None:
    u = read(line, "choose_time")
    assert u.repeat and u.when.empty and u.task is None


def test_a_request_said_again_after_a_bad_line_is_kept() -> None:
    u = read("you cut out there - I said Tuesday at 3", "confirm")
    assert u.when.time is not None and u.when.time.at == time(15)
    assert u.when.day is not None and u.when.day.dates


# --- "I forgot the school run" is no question about an appointment ------------------------------
@pytest.mark.parametrize(
    "line",
    ["no, make it 11 instead, I forgot about my shift", "make it the 4th, I forgot the party"],
)
def test_something_else_forgotten_is_no_check(line: str) -> None:
    assert read(line, "confirm").task != "list"


@pytest.mark.parametrize(
    "line", ["I forgot the time of my appointment", "sorry, I forgot my appointment date"]
)
def test_the_appointment_forgotten_is_a_check(line: str) -> None:
    assert read(line).task == "list"


# --- a name said, then a hold -------------------------------------------------------------------
def test_a_name_ends_before_hang_on() -> None:
    u = read("it's Ruth Adler, hang on, the number's on the fridge", "phone")
    assert u.name == "Ruth Adler"


# --- "two-ish" said to the number question: an hour, not digits -------------------------------
@pytest.mark.parametrize(
    ("line", "hour"), [("afternoons if you can, two-ish", 14), ("elevenish", 11)]
)
def test_an_hour_said_roughly_is_an_hour(line: str, hour: int) -> None:
    u = read(line, "phone")
    assert u.phone is None
    assert u.when.time is not None and u.when.time.at == time(hour)


def test_digits_said_roughly_keep_their_hour() -> None:
    u = read("friday 11ish", "time")
    assert u.when.time is not None and u.when.time.at == time(11)


# --- questions about the call itself ------------------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "hello, have I got the right number for the medical centre?",
        "hi, is this the family practice on the avenue?",
        "sorry, am I through to the doctor's office?",
    ],
)
def test_whose_line_this_is_is_asked(line: str) -> None:
    assert "place" in read(line).questions


@pytest.mark.parametrize("line", ["is this a recording?", "is this the wrong clinic? sorry"])
def test_a_machine_or_a_wrong_number_is_not_whose_line(line: str) -> None:
    assert "place" not in read(line).questions


@pytest.mark.parametrize(
    "line", ["is this going to take long? I'm at work", "how long will this call take"]
)
def test_how_long_the_call_takes_is_asked(line: str) -> None:
    assert "call_length" in read(line).questions


def test_how_long_an_appointment_takes_is_not_the_call() -> None:
    u = read("how long does an appointment take")
    assert "duration" in u.questions and "call_length" not in u.questions


@pytest.mark.parametrize("line", ["do you do weekends at all?", "do you see patients on sundays"])
def test_weekend_appointments_asked_are_the_hours(line: str) -> None:
    assert "hours" in read(line).questions
