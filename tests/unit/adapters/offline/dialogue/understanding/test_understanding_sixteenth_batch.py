"""Ways of saying things that a sixteenth batch of blind calls (calendar questions, deadlines,
reasons for the visit, thinking aloud, asking who is there, several changes at once) showed the
reader missed, said here in other words, numbers and days than the corpus lines. Today is
Wednesday 25 November 2026 unless a test says otherwise; the clinic opens 9-16."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from .reading import MONDAY, TODAY, TUESDAY, read, tasks


# --- asking who or what answers -------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "is this a recording",
        "wait am I speaking to a robot",
        "sorry, who is this?",
        "hang on, are you a computer?",
        "is this automated",
    ],
)
def test_asking_what_answers_is_a_question(text: str) -> None:
    assert "identity" in read(text).questions


def test_asking_for_a_person_is_not_also_asked_who_answers() -> None:
    assert read("can I talk to a real person please").questions == {"human"}


def test_you_sound_like_one_is_no_time() -> None:
    u = read("are you a machine? you really sound like one", asked="confirm")
    assert u.when.time is None


# --- calendar questions ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "what's the date on Monday?",
        "what day of the week is the 9th",
        "is the tenth a Thursday",
        "hold on what's today",
        "how far away is that",
        "the 2nd of December, is that this Wednesday or next",
    ],
)
def test_a_calendar_question_is_a_question(text: str) -> None:
    assert "calendar" in read(text).questions


def test_a_weekday_said_of_the_date_asked_about_is_that_date() -> None:
    # "what day is the 14th?" ... "Monday's fine": the 14th, not the nearest Monday
    u = read("Monday's good, at 3", asked="phone", discussed=date(2026, 12, 14))
    assert u.when.day is not None and u.when.day.dates == (date(2026, 12, 14),)
    # "next Monday" is not that date
    u = read("next Monday then", asked="phone", discussed=date(2026, 12, 14))
    assert u.when.day is not None and u.when.day.dates == (MONDAY,)


# --- deadlines ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "last"),
    [
        ("any afternoon before the 4th", date(2026, 12, 3)),
        ("something by Tuesday at the latest", TUESDAY),
        ("by Monday please", MONDAY),
        ("before I go away on the 2nd", date(2026, 12, 1)),
        ("no later than the 3rd", date(2026, 12, 3)),
        ("I leave next Wednesday, so before that", date(2026, 12, 1)),
    ],
)
def test_a_limit_is_every_day_up_to_it(text: str, last: date) -> None:
    u = read(text, asked="datetime")
    assert u.when.day is not None, text
    assert u.when.day.dates[0] == TODAY and u.when.day.dates[-1] == last, u.when.day.dates


@pytest.mark.parametrize("text", ["not before the 4th", "the day before the 4th", "on the 4th"])
def test_no_limit_without_its_words(text: str) -> None:
    u = read(text, asked="datetime")
    assert u.when.day is None or len(u.when.day.dates) < 5, text


# --- thinking aloud -------------------------------------------------------------------------
def test_an_hour_ruled_out_after_the_day_leaves_the_day() -> None:
    u = read("could I come Monday? Ten's too early, two's too late, noon then")
    assert u.when.day is not None and u.when.day.dates == (MONDAY,)
    assert u.when.time is not None and u.when.time.at == time(12)


def test_a_day_taken_back_then_asked_for_with_another_time() -> None:
    u = read("Monday at ten, no hang on I've got the gym at ten, so Monday at twelve")
    assert u.when.day is not None and u.when.day.dates == (MONDAY,)
    assert u.when.time is not None and u.when.time.at == time(12)
    assert MONDAY not in u.when.rejected_days


def test_taking_back_ones_own_words_is_no_cancellation() -> None:
    assert tasks("what about Tuesday... actually no, scrap that, Wednesday") == []
    assert tasks("can you scrap that appointment") == ["cancel"]


# --- several at once ------------------------------------------------------------------------
def test_same_times_for_several_is_each_its_own() -> None:
    u = read("move them both to Monday, same times please", asked="request")
    assert u.when.time is not None and u.when.time.same


def test_can_they_both_go_is_a_move() -> None:
    assert tasks("my two appointments next week, can they both go to the Friday") == ["reschedule"]


def test_a_day_that_stays_is_not_asked_for() -> None:
    u = read("cancel everything after the 7th, the one on the 1st I'll still make")
    assert u.when.day is not None and TUESDAY not in u.when.day.dates
    assert u.when.day.dates[0] == date(2026, 12, 7) + timedelta(days=1)


def test_a_whole_number_ends_with_its_sentence() -> None:
    u = read("it's 646 555 0142. Two things, first I need to move Friday's", asked="phone")
    assert u.phone is not None and u.phone.national == "6465550142"
