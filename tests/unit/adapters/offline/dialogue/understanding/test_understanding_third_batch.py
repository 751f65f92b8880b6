"""Ways of saying things that a third batch of blind phone calls showed the reader missed, each
said here in other words, numbers and days than the corpus lines. Today is Wednesday 25
November 2026 unless a test says otherwise; the clinic opens 9-16."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding.acts import detect_tasks

from .reading import MONDAY, TODAY, read
from .reading import digits as _phone


# --- days ----------------------------------------------------------------------------------------
def test_any_day_but_one_rules_that_day_out() -> None:
    u = read("any weekday next week but Wednesday is fine", asked="datetime")
    assert u.when.rejected_days == (date(2026, 12, 2),)
    # the week asked for comes without it (fresh15: "anything but Friday, this week")
    assert u.when.day is not None and len(u.when.day.dates) == 6
    assert date(2026, 12, 2) not in u.when.day.dates


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("towards the end of next week", (date(2026, 12, 3), date(2026, 12, 4))),
        ("at the beginning of next week", (MONDAY, date(2026, 12, 1))),
        ("the middle of next week", (date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 3))),
    ],
)
def test_a_part_of_next_week(text: str, days: tuple[date, ...]) -> None:
    u = read(text, asked="datetime")
    assert u.when.day is not None and u.when.day.dates == days


def test_a_weekday_of_this_week() -> None:
    assert read("the Thursday this week", asked="datetime").when.day.dates == (  # type: ignore[union-attr]
        date(2026, 11, 26),
    )
    # on a Saturday, "Tuesday this week" has passed: the coming one
    late = read("Tuesday this week", asked="datetime", today=date(2026, 11, 28))
    assert late.when.day is not None and late.when.day.dates == (date(2026, 12, 1),)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("three weeks from today at 10", date(2026, 12, 16)),
        ("ten days from tomorrow", date(2026, 12, 6)),
    ],
)
def test_counted_from_today_says_no_other_day(text: str, day: date) -> None:
    u = read(text, asked="datetime")
    assert u.when.day is not None and u.when.day.dates in ((day,), ())
    assert all(today not in d.dates for d in u.days for today in (TODAY,))


def test_a_day_starting_its_own_sentence_is_not_the_reason_before_it() -> None:
    u = read("I've got the physio on Monday. Friday at eleven then?", asked="datetime")
    assert u.when.day is not None and u.when.day.dates == (date(2026, 11, 27),)
    assert u.when.time is not None and u.when.time.at == time(11)


# --- times ---------------------------------------------------------------------------------------
def test_the_hour_a_commitment_starts_is_ruled_out() -> None:
    u = read("Monday, but my shift begins... I start work at eleven", asked="datetime")
    assert u.when.time is None or u.when.time.at != time(11)


def test_before_the_first_start_is_the_earliest() -> None:
    u = read("is there anything before 9 on Friday?", asked="datetime")
    assert u.when.time is not None and u.when.time.earliest and u.when.time.window is None
    later = read("anything before 11 on Friday?", asked="datetime")
    assert later.when.time is not None and later.when.time.window == (time(9), time(11))


@pytest.mark.parametrize("text", ["Monday, after my lunch", "Monday after the lunch please"])
def test_after_lunch_with_a_word_between(text: str) -> None:
    u = read(text, asked="datetime")
    assert u.when.time is not None and u.when.time.window == (time(13), time(16))


@pytest.mark.parametrize("text", ["yes, the Monday one", "the morning one please", "the 3rd one"])
def test_one_after_a_day_is_a_pronoun_not_one_oclock(text: str) -> None:
    t = read(text, asked="confirm").when.time
    assert t is None or t.at is None


# --- tasks ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    ["Hello, I want to book a visit with the doctor", "Could I take an appointment for my son?"],
)
def test_a_visit_or_taking_an_appointment_is_a_booking(text: str) -> None:
    assert read(text).task == "book"


@pytest.mark.parametrize("text", ["The booking code for my visit?", "code for the appointment"])
def test_a_code_asked_for_without_a_verb(text: str) -> None:
    assert read(text).task == "code"


def test_a_code_given_is_not_a_code_asked_for() -> None:
    assert detect_tasks("cancel it please my code is abcd2345") == ["cancel"]


@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("I'd like to move my appointment but I forgot my confirmation number", "reschedule"),
        ("I never got a reference, can you cancel my booking?", "cancel"),
    ],
)
def test_a_lost_code_beside_a_change_is_the_change(text: str, task: str) -> None:
    assert read(text).task == task


# --- yes, no, who -------------------------------------------------------------------------------
def test_im_not_is_about_the_account_only_when_asked_who() -> None:
    assert not read("I'm not sure yet, what have you got on Friday?").wrong_number
    assert read("No, I'm not him, he's my husband", asked="identity_confirm").wrong_number


@pytest.mark.parametrize("text", ["ok, never mind, bye", "alright nevermind then"])
def test_never_mind_after_an_ok_is_a_no(text: str) -> None:
    u = read(text, asked="confirm")
    assert u.no and not u.yes


@pytest.mark.parametrize(
    "text",
    ["Yes. It would go under my account, Lena Hoffmann.", "Put it under me. Lena Hoffmann."],
)
def test_account_words_are_not_a_name(text: str) -> None:
    assert read(text, asked="name").name == "Lena Hoffmann"


# --- numbers ------------------------------------------------------------------------------------


def test_a_group_said_again_after_a_correction_replaces_it() -> None:
    line = "four one three, two two six, no wait, two two nine, five five oh one"
    assert _phone(line) == "4132295501"


def test_an_age_in_the_sentence_before_is_not_part_of_the_number() -> None:
    assert _phone("My boy is five. Four one three, two two nine, five five oh one.") == (
        "4132295501"
    )
    # a number whose groups are sentences of their own still counts whole
    assert _phone("413. 229. 5501.") == "4132295501"


# --- two things at once -------------------------------------------------------------------------
def test_a_second_change_in_a_later_sentence_is_read_on_its_own() -> None:
    u = read("Please cancel the Monday one. Then I'd like to move Friday's to the morning.")
    assert u.task == "cancel" and u.when.day is not None
    assert u.when.day.dates == (MONDAY,)
    assert u.then is not None and u.then.task == "reschedule"
    assert u.then.when.time is not None and u.then.when.time.window == (time(9), time(12))


@pytest.mark.parametrize(
    "text",
    [
        "I'd like to cancel Monday's. Actually, no, could I move it instead?",
        "I want to book something. What do you have on Friday?",
    ],
)
def test_a_correction_or_a_question_is_no_second_change(text: str) -> None:
    assert read(text).then is None


def test_the_last_one_in_the_day_is_the_latest_time_not_a_pick() -> None:
    u = read("Thursday, the last one in the day please", asked="datetime")
    assert u.ordinal is None
    assert u.when.time is not None and u.when.time.latest


@pytest.mark.parametrize(
    "text", ["could you pencil me in for Monday?", "I'll need a second appointment for my knee"]
)
def test_pencilling_in_or_a_second_appointment_is_a_booking(text: str) -> None:
    assert read(text).task == "book"


def test_a_weekday_with_next_week_said_after_its_time_of_day() -> None:
    u = read("could I come Thursday morning next week?", asked="datetime")
    assert u.when.day is not None and u.when.day.dates == (date(2026, 12, 3),)
    either = read("anything Monday or Tuesday, late afternoon, next week?", asked="datetime")
    assert either.when.day is not None and either.when.day.dates[0] == MONDAY
