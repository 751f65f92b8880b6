"""Ways of saying things that a second batch of blind phone calls showed the reader missed, each
said here in other words than the corpus lines. Today is Wednesday 25 November 2026 unless a test
says otherwise; the clinic opens 9-16."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding import (
    Context,
    FaqKey,
    understand,
)
from voice_agent.adapters.offline.dialogue.understanding.acts import detect_tasks

from .reading import MONDAY, TODAY, read


# --- tasks ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "I have an appointment on Monday, could I do Wednesday instead?",
        "we've got an appointment Friday but is there any way to come in sooner",
        "I've got my appointment next week, can it be earlier?",
        "I need to change one of my bookings",
        "could I change either of them to the afternoon",
    ],
)
def test_an_appointment_held_and_another_day_wanted_is_a_move(text: str) -> None:
    assert read(text).task == "reschedule"


def test_booking_another_visit_besides_the_one_held_stays_a_booking() -> None:
    assert read("I have an appointment Monday and I'd like to book another one").task == "book"


@pytest.mark.parametrize(
    "text",
    [
        "I deleted the text with my confirmation code",
        "I threw away the letter with the reference number, what was it?",
    ],
)
def test_a_lost_code_is_asked_for(text: str) -> None:
    assert read(text).task == "code"


@pytest.mark.parametrize(
    "text", ["is there any chance of getting seen this week?", "I'm hoping on being seen today"]
)
def test_being_seen_is_a_booking(text: str) -> None:
    assert read(text).task == "book"


def test_checking_ones_own_calendar_asks_nothing_of_the_agent() -> None:
    assert detect_tasks("let me check my diary") == []
    assert detect_tasks("can you check my appointments") == ["list"]


# --- waiting -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "uh, hold on a second",
        "one moment please",
        "Hang on, let me grab my diary.",
        "bear with me, let me check the calendar",
        "give me a minute",
    ],
)
def test_asking_the_agent_to_wait_is_neither_yes_nor_no(text: str) -> None:
    heard = read(text, "confirm")
    assert heard.wait and not heard.yes and not heard.no
    assert heard.when.empty


@pytest.mark.parametrize("text", ["hang on, no, that's the wrong day", "hold on, make it Friday"])
def test_a_wait_with_more_to_say_is_not_just_waiting(text: str) -> None:
    assert not read(text, "confirm").wait


# --- yes and no ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text", ["Ah, the Monday? Okay, that's the one.", "mm, that's the one, yes", "that is the one"]
)
def test_thats_the_one_is_a_yes(text: str) -> None:
    heard = read(text, "confirm")
    assert heard.yes and not heard.no


# --- someone else's number ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "oh that's my husband's, sorry, mine is 973 555 0199",
        "no no, that's my mum, I gave you her number, mine's nine seven three, five five five, "
        "oh one nine nine",
    ],
)
def test_a_relatives_number_then_ones_own(text: str) -> None:
    heard = read(text, "confirm")
    assert heard.wrong_number
    assert heard.phone is not None and heard.phone.digits == "9735550199"


def test_not_mine_is_a_wrong_number() -> None:
    assert read("that appointment's not mine", "confirm").wrong_number


# --- numbers -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("two one two, five five five, three thousand", "2125553000"),
        ("seven one eight five five five nine thousand", "7185559000"),
    ],
)
def test_a_round_thousand_at_the_end_of_a_number(text: str, digits: str) -> None:
    heard = read(text, "phone")
    assert heard.phone is not None and heard.phone.digits == digits


# --- days ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("a week tomorrow at two", date(2026, 12, 7)),  # tomorrow is Mon 30 Nov
        ("tomorrow week, morning", date(2026, 12, 7)),
        ("a week from tomorrow please", date(2026, 12, 7)),
        ("a week on Thursday", date(2026, 12, 3)),  # the coming Thursday is 26 Nov
    ],
)
def test_a_week_on_a_day(text: str, day: date) -> None:
    heard = read(text, "datetime", today=date(2026, 11, 29) if "tomorrow" in text else TODAY)
    assert heard.when.day is not None and heard.when.day.exact == day


def test_the_first_thing_is_a_time_not_the_first_of_the_month() -> None:
    heard = read("could I have the first thing on Monday", "datetime")
    assert heard.when.day is not None and heard.when.day.exact == MONDAY
    assert heard.when.time is not None and heard.when.time.earliest


def test_the_first_is_still_a_date() -> None:
    heard = read("could I come on the first", "datetime")
    assert heard.when.day is not None and heard.when.day.exact == date(2026, 12, 1)


def test_one_moment_is_no_time() -> None:
    assert read("one moment", "datetime").when.time is None
    heard = read("one o'clock", "datetime")
    assert heard.when.time is not None and heard.when.time.at == time(13)


def test_the_weekday_after_the_day_under_discussion() -> None:
    # the appointment under discussion is Monday 30 November
    heard = read("could it be the Tuesday after that instead", "datetime", anchor=MONDAY)
    assert heard.when.day is not None and heard.when.day.exact == date(2026, 12, 1)
    heard = read("the Monday after then", "confirm", anchor=MONDAY, proposed=MONDAY)
    assert heard.when.day is not None and heard.when.day.exact == date(2026, 12, 7)


def test_after_a_time_is_still_a_window() -> None:
    heard = read("Monday after 2", "datetime", anchor=MONDAY)
    assert heard.when.time is not None and heard.when.time.window == (time(15), time(16))


def test_a_second_choice_after_or_if_not() -> None:
    heard = read("Monday please, or if not Tuesday", "datetime")
    assert heard.when.day is not None and heard.when.day.exact == MONDAY
    assert not heard.when.rejected_days
    heard = read("Monday, otherwise the Friday", "datetime")
    assert heard.when.day is not None and heard.when.day.exact == MONDAY
    # a plain correction still wins
    heard = read("Monday, or rather Tuesday", "datetime")
    assert heard.when.day is not None and heard.when.day.exact == date(2026, 12, 1)


def test_the_time_of_ones_own_appointment_is_not_ruled_out() -> None:
    heard = read("I've got an appointment Monday at ten, same time on Wednesday?", "datetime")
    assert time(10) not in heard.when.rejected_times
    heard = read("I've got the school run at three", "datetime")
    assert time(15) in heard.when.rejected_times


# --- clinic questions ----------------------------------------------------------------------------
def test_an_everyday_word_is_no_typo_of_a_keyword() -> None:
    faq = (FaqKey(0, frozenset({"bring", "id"})),)
    ctx = Context(today=TODAY, faq=faq)
    assert understand("any hope of being fitted in today?", ctx).questions == frozenset()
    assert understand("what should I brng?", ctx).questions == frozenset({"faq:0"})


# --- times ---------------------------------------------------------------------------------------
def test_not_too_early_qualifies_a_window_rather_than_refusing_it() -> None:
    heard = read("Friday, late morning but not too late", "datetime")
    assert heard.when.time is not None and heard.when.time.window == (time(10), time(12))
    heard = read("Friday morning is too early", "datetime")
    assert heard.when.time is None


def test_after_the_last_start_is_the_last_slot() -> None:
    heard = read("any time after 3", "datetime")
    assert heard.when.time is not None and heard.when.time.window == (time(15), time(16))
    heard = read("after 1 please", "datetime")
    assert heard.when.time is not None and heard.when.time.window == (time(14), time(16))


@pytest.mark.parametrize(
    "text", ["my knee's been sore for about three weeks", "I was off work for two days"]
)
def test_a_duration_is_no_time(text: str) -> None:
    assert read(text).when.time is None


def test_that_morning_is_the_day_under_discussion() -> None:
    heard = read("anything that afternoon?", "request", anchor=MONDAY)
    assert heard.when.day is not None and heard.when.day.exact == MONDAY
    assert heard.when.time is not None and heard.when.time.window == (time(12), time(16))
    assert read("anything that afternoon?", "request").when.day is None


@pytest.mark.parametrize("text", ["whatever's nearest to it", "the closest one please"])
def test_the_closest_offer_is_a_pick(text: str) -> None:
    assert read(text, "choose_time").ordinal == 1


@pytest.mark.parametrize(
    "text",
    [
        "hi um I wanted to see about getting in this week sometime",
        "any hope of getting in before Christmas?",
        "yeah hi, is there any way of getting in tomorrow morning",
    ],
)
def test_getting_in_is_asking_for_a_booking(text: str) -> None:
    # "getting in" answered "Sorry, I can only help with appointments" (the "get in" form
    # alone was known)
    assert read(text).task == "book"
