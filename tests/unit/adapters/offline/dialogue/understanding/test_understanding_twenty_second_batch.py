"""Ways of saying things that a twenty-second batch of blind calls (facts given in pieces,
digits corrected on the fly, the choice left to the receptionist, a kind of visit asked for,
dates near the booking limit, callers backing out) showed the reader missed, said here in
other words than the corpus lines. Today is Wednesday 25 November 2026 unless a test says
otherwise."""

from __future__ import annotations

from datetime import date, time

import pytest

from .reading import MONDAY, TUESDAY, digits, read


# --- a phone number, and other numbers corrected later in the same turn ----------------------
@pytest.mark.parametrize(
    ("text", "number"),
    [
        # a date corrected after the number is no correction of its last digits
        ("Jean Moss, 505 555 0183. Can I come the 3rd - sorry, the 4th - at 10?", "5055550183"),
        ("It's 262 555 0174, I need to push my Monday, no wait, my Tuesday one to 2", "2625550174"),
        ("978 555 0166 - book me the ninth, I mean the tenth, by 11", "9785550166"),
    ],
)
def test_a_day_or_hour_corrected_after_the_number_leaves_the_number(text: str, number: str) -> None:
    assert digits(text) == number


@pytest.mark.parametrize(
    ("text", "number"),
    [
        # the end corrected, then the whole number said again after a full stop
        ("I'm on 512 555 0168, no, 0186. 512 555 0186.", "5125550186"),
        ("919 555 0127 sorry, 0172! 919 555 0172 it is.", "9195550172"),
        # still: the end corrected on its own
        ("it's 415 555 0133 - no wait, 0134", "4155550134"),
    ],
)
def test_a_number_corrected_and_said_again_is_the_one_said_last(text: str, number: str) -> None:
    assert digits(text) == number


def test_a_number_broken_off_for_the_name_and_finished_is_one_number() -> None:
    text = "Sure, 720 555 - ah, you'll want my name too, it's Bea Lind - then the rest is 0147."
    assert digits(text) == "7205550147"
    assert read(text, "phone").name == "Bea Lind"


def test_a_name_in_an_aside_inside_the_number_is_the_name() -> None:
    text = "It's 614 555, hold on, name first - Marta Quist - and the rest of it is 0190."
    heard = read(text, "phone")
    assert heard.phone is not None and heard.phone.digits == "6145550190"
    assert heard.name == "Marta Quist"


# --- the choice left to the receptionist ------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    ["Either of them, you decide.", "Your call.", "Honestly, up to you", "Surprise me!"],
)
def test_the_choice_left_to_the_receptionist_picks_the_first_offered(text: str) -> None:
    assert read(text, "choose_time").ordinal == 1


@pytest.mark.parametrize("text", ["any of those are no good", "either of them not great"])
def test_offered_times_turned_down_are_no_pick(text: str) -> None:
    assert read(text, "choose_time").ordinal is None


@pytest.mark.parametrize("text", ["You decide, honestly.", "Dealer's choice!", "your call"])
def test_a_day_left_to_the_receptionist_asks_for_the_first_opening(text: str) -> None:
    days = read(text, "datetime").days
    assert any(d.earliest for d in days)


# --- a part of the day between a weekday and its date -----------------------------------------
@pytest.mark.parametrize(
    ("text", "day", "start"),
    [
        ("could I come Monday morning the 30th", MONDAY, time(9)),
        ("tuesday afternoon the first if possible", TUESDAY, time(12)),
    ],
)
def test_a_part_of_the_day_between_weekday_and_date_is_kept(
    text: str, day: date, start: time
) -> None:
    heard = read(text)
    assert heard.when.day is not None and heard.when.day.exact == day
    assert heard.when.time is not None and heard.when.time.window is not None
    assert heard.when.time.window[0] == start


# --- how far ahead the clinic books -----------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "How far out do you schedule appointments?",
        "how far in advance can i book",
        "Can I book that far ahead?",
        "what's the furthest date I can book?",
    ],
)
def test_how_far_ahead_the_clinic_books_is_a_question_of_its_own(text: str) -> None:
    assert "horizon" in read(text).questions


def test_how_far_off_a_day_is_still_a_calendar_question() -> None:
    questions = read("how far away is the 14th?").questions
    assert "calendar" in questions and "horizon" not in questions


# --- a day of the month said bare while a later month is talked about ------------------------
JANUARY_4 = date(2027, 1, 4)  # a Monday


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("on the 20th then", date(2027, 1, 20)),
        ("the nineteenth please", date(2027, 1, 19)),
        ("what about the twenty first", date(2027, 1, 21)),
    ],
)
def test_a_bare_date_is_in_the_later_month_talked_about(text: str, day: date) -> None:
    heard = read(text, "confirm", today=date(2026, 12, 21), proposed=JANUARY_4, focus=JANUARY_4)
    assert heard.when.day is not None and heard.when.day.exact == day


def test_the_week_of_a_bare_date_is_in_the_later_month_talked_about() -> None:
    heard = read("the week of the 18th", "confirm", today=date(2026, 12, 21), focus=JANUARY_4)
    assert heard.when.day is not None
    assert heard.when.day.dates[0] == date(2027, 1, 18)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("the 23rd then", date(2026, 12, 23)),  # no later month talked about: this month's
        ("January the 28th", date(2027, 1, 28)),
    ],
)
def test_a_bare_date_without_a_later_month_is_the_next_one(text: str, day: date) -> None:
    heard = read(text, "datetime", today=date(2026, 12, 21))
    assert heard.when.day is not None and heard.when.day.exact == day


def test_a_date_said_with_its_month_keeps_it_whatever_the_month_talked_about() -> None:
    heard = read("December 30th", "confirm", today=date(2026, 12, 21), focus=JANUARY_4)
    assert heard.when.day is not None and heard.when.day.exact == date(2026, 12, 30)


# --- the last day the clinic books, asked for -------------------------------------------------
LAST_DAY = date(2027, 2, 23)  # 90 days after today


@pytest.mark.parametrize(
    "text",
    [
        "put me in on the last day possible, I'm travelling till then",
        "As far out as you can, please",
        "whats the latest date you have, late afternoon",
    ],
)
def test_the_last_day_the_clinic_books_is_the_last_week_it_books(text: str) -> None:
    heard = read(text, last_day=LAST_DAY)
    assert heard.when.day is not None
    assert heard.when.day.dates[-1] == LAST_DAY and heard.when.day.dates[0] > date(2027, 2, 14)


@pytest.mark.parametrize(
    "text",
    [
        "the last day I can do is Friday",  # their own limit, with its day
        "what was the last day I came in?",
        "the latest you have on Monday",
    ],
)
def test_a_last_day_of_the_callers_own_is_no_booking_limit(text: str) -> None:
    heard = read(text, last_day=LAST_DAY)
    assert heard.when.day is None or LAST_DAY not in heard.when.day.dates


# --- "the Friday before" a date said with its month ------------------------------------------
@pytest.mark.parametrize(
    ("text", "day"),
    [
        # the weekday before a date said with its month
        ("could I do the Monday before the 18th of January?", date(2027, 1, 11)),
        ("the Tuesday before the 2nd of February", date(2027, 1, 26)),
        # a date said after a dash is the weekday itself, named
        ("Fine, the Monday before - the 8th of February - at 10", date(2027, 2, 8)),
    ],
)
def test_a_weekday_before_a_date_with_its_month(text: str, day: date) -> None:
    heard = read(text, "datetime", today=date(2026, 12, 7))
    assert heard.when.day is not None and heard.when.day.exact == day
