"""Ways of saying things that an eighth batch of blind calls (callers who ask to hear it again,
who are interrupted, who ramble, who bargain, who give everything at once) showed the reader
missed, each said here in other words, names, numbers and days than the corpus lines. Today
is Wednesday 25 November 2026; the clinic opens 9-16."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.adapters.offline.dialogue.understanding import (
    Asked,
)
from voice_agent.adapters.offline.dialogue.understanding.acts import detect_tasks

from .reading import MONDAY
from .reading import read_with_faq as read


# --- a yes said after the detail it agrees to, or in everyday words -----------------------------
@pytest.mark.parametrize(
    "text",
    [
        "the friday one yep",
        "monday at ten yes",
        "mm that sounds ok",
        "the later one, yeah",
        "Gosh, nothing sooner? Oh well, I'll take it then.",
        "alright put me down for that",
        "Twelve? That'll do.",
        "ok book me in",
    ],
)
def test_a_yes_said_last_or_in_everyday_words_is_a_yes(text: str) -> None:
    u = read(text, asked="confirm")
    assert u.yes and not u.no, text


@pytest.mark.parametrize(
    "text", ["no, not the friday one", "nope, yeah no", "yes? no, wait, the other day"]
)
def test_a_no_beside_a_trailing_yes_stays_a_no(text: str) -> None:
    u = read(text, asked="confirm")
    assert u.no and not u.yes, text


# --- asking to hear it again ----------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "sorry, can you say that more slowly",
        "could you repeat the times again slower please",
        "i didnt hear the date",
        "you'll need to talk louder, I'm a bit deaf",
        "hello? sorry, you're breaking up",
        "sorry what was that",
        "say the date again?",
    ],
)
def test_asking_to_hear_it_again_is_a_repeat(text: str) -> None:
    u = read(text, asked="confirm")
    assert u.repeat and not u.yes and not u.no, text


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("sorry did you say the twelfth or the twentieth", "confirm"),
        ("Wait, did you just say two or ten?", "confirm"),
        ("was that the sixth or the sixteenth", "offer_change"),
    ],
)
def test_which_of_two_was_said_asks_again_and_asks_for_nothing(text: str, asked: Asked) -> None:
    u = read(text, asked=asked)
    assert u.repeat and not u.has_details and not u.yes, text


def test_asking_for_the_name_question_again_gives_no_name() -> None:
    u = read("Sorry, I didn't get the question, say that again?", asked="name")
    assert u.repeat and u.name is None


# --- a wait that is not a no or a goodbye -----------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "oh hang on let me find a pencil",
        "wait, let me get some paper, hold on",
        "the kettle's going, one second",
        "could you hold a moment",
    ],
)
def test_going_for_a_pen_is_a_wait(text: str) -> None:
    u = read(text, asked="anything_else")
    assert u.wait and not u.no and not u.end, text


# --- numbers: an exclamation before the number, a homophone beginning it ------------------------
@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("Oh, 412 555 0190.", "4125550190"),
        ("oh six one seven five five five oh one three three", "6175550133"),
        ("to oh seven five five five oh one two two", "2075550122"),
        ("for one five five five five oh one six six", "4155550166"),
    ],
)
def test_an_oh_or_a_homophone_at_the_start_of_the_number(text: str, digits: str) -> None:
    u = read(text, asked="phone")
    assert u.phone is not None and u.phone.digits == digits, text


def test_an_oh_inside_or_starting_a_group_is_still_a_zero() -> None:
    u = read("oh two oh, five five five, oh one four two", asked="phone")
    assert u.phone is not None and u.phone.digits == "0205550142"


# --- a clinic keyword inside the caller's name asks nothing -------------------------------------
def test_a_surname_that_is_a_keyword_is_no_question() -> None:
    u = read("hi this is jamal parking my number is 3125550199 can i check my appointment")
    assert u.name is not None and not u.questions


def test_the_keyword_asked_beside_the_name_is_still_a_question() -> None:
    u = read("Hi, Robert Park here, do you have a car park?")
    assert "faq:1" in u.questions


def test_checking_something_is_still_there_is_a_check() -> None:
    assert read("just checking we still have the booking on the 3rd").task == "list"


# --- times said the way people say them ------------------------------------------------------
def test_after_noon_as_two_words_is_the_afternoon() -> None:
    u = read("can i come friday after noon", asked="request")
    assert u.when.time is not None and u.when.time.window == (time(12), time(16))


@pytest.mark.parametrize(
    "text",
    [
        "mornings are best, I can't come after lunch",
        "I can't do afternoons, so Friday morning",
        "Friday, I don't really do the afternoon",
    ],
)
def test_a_part_of_the_day_the_caller_cannot_do_is_ruled_out(text: str) -> None:
    u = read(text, asked="datetime")
    t = u.when.time
    assert t is not None and t.window is not None and t.window[1] <= time(13), text


def test_a_part_of_the_day_the_caller_does_not_mind_is_wanted() -> None:
    u = read("I don't mind the afternoon", asked="datetime")
    t = u.when.time
    assert t is not None and t.window == (time(12), time(16))


def test_an_hour_after_the_day_and_its_morning_is_the_time() -> None:
    u = read("Monday morning, eleven if you've got it, and my number is 3125550100")
    assert u.when.time is not None and u.when.time.at == time(11)
    assert u.when.day is not None and u.when.day.exact == MONDAY


# --- what is asked for -----------------------------------------------------------------------
def test_can_that_be_later_is_a_move() -> None:
    assert detect_tasks("the friday one could it be a bit later") == ["reschedule"]


@pytest.mark.parametrize(
    "text",
    [
        "what have you got on monday? ill book it later",
        "whats free next week, ill ring back to book one",
    ],
)
def test_a_booking_put_off_asks_only_what_is_free(text: str) -> None:
    assert read(text).task == "availability", text


def test_a_booking_now_is_still_a_booking() -> None:
    assert read("can i book something for later today").task == "book"
