"""Faults left from the blind batches fresh64 and fresh65, read as callers say them: a day
given over to something of the caller's ("Thursday's my mum's day") said after the day they
want, ruled out, not taken. Today is Wednesday 25 November 2026."""

from __future__ import annotations

from datetime import date

import pytest

from .reading import FRIDAY, MONDAY, THURSDAY, TUESDAY, read


@pytest.mark.parametrize(
    ("line", "wanted", "out"),
    [
        (
            "move it to Thursday - no, scratch that, Friday, Thursday's my mum's day",
            FRIDAY,
            THURSDAY,
        ),
        ("could it go to Friday instead? Thursday is my gym day", FRIDAY, THURSDAY),
        ("Monday - no, hang on, make it Tuesday, Monday's my mother's day", TUESDAY, MONDAY),
        ("can you do Tuesday, Monday is my golf day", TUESDAY, MONDAY),
    ],
)
def test_a_day_given_over_is_ruled_out(line: str, wanted: date, out: date) -> None:
    u = read(line)
    assert u.when.day is not None and u.when.day.dates == (wanted,), u.when.day
    assert out in u.when.rejected_days


@pytest.mark.parametrize(
    "line",
    ["Thursday please, Thursday's my day off", "Thursday if you can, Thursday's my free day"],
)
def test_a_day_free_for_it_is_kept(line: str) -> None:
    u = read(line)
    assert u.when.day is not None and u.when.day.dates == (THURSDAY,), u.when.day
    assert THURSDAY not in u.when.rejected_days


# --- the day of one held, said to name it beside a follow-up asked for --------------------------
@pytest.mark.parametrize(
    ("line", "wanted"),
    [
        (
            "I already moved my Tuesday one last week. I need another one though, for my"
            " follow-up - Friday the 11th at nine?",
            date(2026, 12, 11),
        ),
        (
            "My Monday appointment is sorted already, I just need a follow-up, Thursday the 10th"
            " at two",
            date(2026, 12, 10),
        ),
        ("my friday booking stays put, can I add a follow-up on the 9th at ten", date(2026, 12, 9)),
    ],
)
def test_the_held_days_name_is_no_second_visit(line: str, wanted: date) -> None:
    u = read(line)
    assert u.when.day is not None and u.when.day.dates == (wanted,), u.when.day
    assert u.second_day is None, u.second_day


def test_two_visits_said_are_still_two() -> None:
    u = read("Could I book one this Friday and a follow-up the Friday after?")
    assert u.when.day is not None and u.when.day.dates == (FRIDAY,)
    assert u.second_day is not None and u.second_day.day is not None
    assert u.second_day.day.dates == (date(2026, 12, 4),)


# --- when the caller's work starts or ends, said with "starting at" ----------------------------
@pytest.mark.parametrize(
    "line",
    [
        "I'm on lates now, starting at twelve, so could the Friday one go in the morning?",
        "they've changed my shifts, starting at twelve now - can it be the morning instead?",
        "new job, hours starting at twelve, so I'd need a morning on Friday",
    ],
)
def test_a_shift_start_is_no_time_asked_for(line: str) -> None:
    u = read(line)
    assert u.when.time is not None and u.when.time.at is None, u.when.time
    assert u.when.time.window is not None and u.when.time.window[1].hour <= 12, u.when.time


def test_anything_starting_at_is_the_time_asked_for() -> None:
    u = read("have you got anything starting at two on Friday, before my shift?")
    assert u.when.time is not None and u.when.time.at is not None
    assert u.when.time.at.hour == 14


# --- a day off from work: free then, not working -----------------------------------------------
@pytest.mark.parametrize(
    ("line", "wanted"),
    [
        (
            "I've already swapped my day off at work to Mondays - what have you got on Monday"
            " the 14th?",
            date(2026, 12, 14),
        ),
        (
            "they've moved my days off at work to Thursdays, anything on Thursday the 10th?",
            date(2026, 12, 10),
        ),
        (
            "my day off at work is Fridays now, have you anything on Friday the 11th?",
            date(2026, 12, 11),
        ),
    ],
)
def test_a_day_off_from_work_is_not_ruled_out(line: str, wanted: date) -> None:
    u = read(line)
    assert u.when.day is not None and u.when.day.dates == (wanted,), u.when.day
    assert wanted not in u.when.rejected_days


def test_a_day_at_work_is_still_ruled_out() -> None:
    u = read("I'm at work on Mondays, what have you got Tuesday?")
    assert MONDAY in u.when.rejected_days


# --- "short notice" is no name ------------------------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Hello. I don't suppose you've had any cancellations for Monday? I know it's short notice.",
        "I know it's short notice, but have you got anything today?",
        "It's short notice, I know, anything Monday?",
        "it's short notice but could I come in this afternoon",
    ],
)
def test_short_notice_is_no_name(line: str) -> None:
    assert read(line).name is None


def test_a_caller_named_short_is_still_heard() -> None:
    assert read("Hi, it's Tom Short, short notice I know").name == "Tom Short"
