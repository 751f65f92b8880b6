"""Ways of saying things the reader took wrongly after the thirteenth round (the count of
digits still to come read as one of them, a joke's "not", a question after "great", a
typed date with a space in its day, a time said where the caller is), said here as callers
talk. Today is Wednesday 25 November 2026 unless a test says otherwise."""

from __future__ import annotations

from datetime import date, time
from zoneinfo import ZoneInfo

import pytest

from .reading import MONDAY, TUESDAY, digits, read

NEW_YORK = ZoneInfo("America/New_York")


# --- "the last four are ...": how many digits come, not one of them ------------------------
@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("303 555 - sorry, the kettle's going - the last four are 0148", "3035550148"),
        ("It's 303 555, then the last four digits: 0148.", "3035550148"),
        ("303 555, uh, one second, the final four are 0148", "3035550148"),
        ("ok so 303 555 and my last four are 0 1 4 8", "3035550148"),
    ],
)
def test_the_last_digits_counted_after_an_aside_finish_the_number(text: str, number: str) -> None:
    assert digits(text) == number


@pytest.mark.parametrize(
    ("text", "number"),
    [
        # a number begun after "first" keeps its first digit
        ("First, six one seven, five five five, oh one four three.", "6175550143"),
        # the count alone, when only the end was asked for
        ("the last four are 0148", "0148"),
    ],
)
def test_a_count_word_is_only_skipped_where_it_counts(text: str, number: str) -> None:
    assert digits(text) == number


# --- a joke's "not", a scoffed "yeah right": never a yes ------------------------------------
@pytest.mark.parametrize(
    "text",
    ["Oh sure thing... NOT", "Yes. Not!", "absolutely, totally... not", "yeah, as if",
     "fat chance", "Yeah, in your dreams"],
)  # fmt: skip
def test_a_yes_joked_away_is_a_no(text: str) -> None:
    heard = read(text, "confirm")
    assert not heard.yes and heard.no


@pytest.mark.parametrize("text", ["yeah right", "Oh yeah, right."])
def test_a_scoffed_yeah_right_is_no_yes(text: str) -> None:
    assert not read(text, "confirm").yes


@pytest.mark.parametrize("text", ["sure, why not", "Why not, yes", "Yes. Not a problem."])
def test_a_yes_with_a_harmless_not_stays_a_yes(text: str) -> None:
    heard = read(text, "confirm")
    assert heard.yes and not heard.no


# --- a question at a confirmation: "great" before it acknowledges, it agrees to nothing ----
@pytest.mark.parametrize(
    "text",
    [
        "Great question - how late are you open on Fridays?",
        "Okay, what time do you close?",
        "perfect, and when do you open tomorrow?",
        "Right. What are your opening hours?",
    ],
)
def test_an_acknowledgement_before_a_question_is_no_yes(text: str) -> None:
    heard = read(text, "confirm")
    assert heard.questions and not heard.yes and not heard.no


@pytest.mark.parametrize(
    "text",
    ["Yes please - and what time do you open?", "Go ahead. What are your hours, by the way?"],
)
def test_a_yes_said_with_a_question_stays_a_yes(text: str) -> None:
    heard = read(text, "confirm")
    assert heard.questions and heard.yes


# --- "2026-12-1 5": the 1st or the 15th? asked, not guessed --------------------------------
@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Could I come 2026-12-1 5 at 2pm", "December 1st or December 15th"),
        ("book me in for 12/1 8 please", "December 1st or December 18th"),
        ("2026-12-2O in the morning", "December 2nd or December 20th"),  # a letter O
    ],
)
def test_a_written_date_whose_day_runs_on_is_asked_about(text: str, said: str) -> None:
    heard = read(text)
    assert heard.when.day is None
    assert heard.bad_day is not None and heard.bad_day.said == said


@pytest.mark.parametrize(
    ("text", "day", "at"),
    [
        ("2026-12-01 5pm", TUESDAY, time(17)),
        ("2026-11-30 at 10", MONDAY, time(10)),
        ("12/3 9 am", date(2026, 12, 3), time(9)),
    ],
)
def test_a_written_date_with_its_time_after_it_is_read(text: str, day: date, at: time) -> None:
    heard = read(text)
    assert heard.when.day is not None and heard.when.day.exact == day
    assert heard.when.time is not None and heard.when.time.at == at


# --- a time said where the caller is: theirs, said back in the clinic's --------------------
@pytest.mark.parametrize(
    ("text", "at", "note"),
    [
        ("I'm in Dallas - could I get Monday at 10 in the morning?", time(11), "10 AM Central"),
        ("calling from Oregon, Monday 9am if you have it", time(12), "9 AM Pacific"),
        ("Monday at noon please, I'm out in Phoenix", time(14), "Noon Arizona"),
    ],
)
def test_a_time_beside_where_the_caller_is_is_theirs(text: str, at: time, note: str) -> None:
    heard = read(text, zone=NEW_YORK)
    assert heard.when.time is not None and heard.when.time.at == at
    assert heard.zone_note.startswith(f"{note} time is")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("I'm in Springfield, Monday at 10am", [time(10)]),  # a place not known: no zone guessed
        ("My daughter in Dallas says Monday at 10 suits her", [time(10)]),  # someone else's place
        ("I'm in Dallas till Sunday, so Monday at 10", [time(10)]),  # here by then
        ("I'm in Dallas but Monday at 10 your time", [time(10)]),
        # the time held (as the clinic said it), and the one wanted
        ("I'm in Dallas, can you move my 2pm on Monday to 3pm?", [time(14), time(15)]),
    ],
)
def test_a_time_not_said_in_the_callers_zone_is_the_clinics(text: str, said: list[time]) -> None:
    heard = read(text, zone=NEW_YORK)
    assert heard.zone_note == ""
    assert [t.at for t in heard.times if t.at is not None] == said
