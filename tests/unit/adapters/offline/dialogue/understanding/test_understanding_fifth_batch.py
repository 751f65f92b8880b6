"""Ways of saying things that a fifth batch of blind phone calls (lines as a speech recogniser
writes them, changes of mind, relative weeks, terse and chatty callers) showed the reader
missed, each said here in other words, numbers and days than the corpus lines. Today is
Wednesday 25 November 2026 unless a test says otherwise; the clinic opens 9-16."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Context, understand
from voice_agent.adapters.offline.dialogue.understanding.spelling import expand

from .reading import TODAY, digits, read
from .reading import tasks_spelled as tasks


# --- a recogniser's transcript: a name with no capitals right before the number ------------------
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("rosa delgado nine one seven five five five oh two three four", "Rosa Delgado"),
        (
            "um yeah oscar reyes my number is nine one seven five five five oh two three four",
            "Oscar Reyes",
        ),
    ],
)
def test_two_lower_case_name_words_before_the_number_are_the_name(text: str, name: str) -> None:
    u = read(text, asked="phone")
    assert u.phone is not None and u.phone.digits == "9175550234"
    assert u.name == name


@pytest.mark.parametrize(
    "text",
    [
        "no, the first part is nine one seven",  # a correction about the number
        "the second one nine one seven five five five oh two three four",  # a determiner
        "sure thing nine one seven five five five oh two three four",  # everyday words
        "booking tuesday nine one seven five five five oh two three four",
    ],
)
def test_everyday_lower_case_words_before_the_number_are_no_name(text: str) -> None:
    assert read(text, asked="phone").name is None


# --- the recogniser's homophones inside a number, and a group said twice -------------------------
@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("three oh ate five five five oh won for six", "3085550146"),  # 308 555 0146
        ("its seven one nine five five five oh three six ate", "7195550368"),  # ends with "ate"
        ("two oh too five five five for won oh oh", "2025554100"),
    ],
)
def test_homophones_inside_a_number_are_its_digits(text: str, number: str) -> None:
    assert digits(text) == number


def test_homophones_between_hours_make_no_phone_number() -> None:
    assert digits("any time from nine to eleven", expected=False) is None
    assert digits("two to three", expected=False) is None


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("four one five four one five five five five oh one nine nine", "4155550199"),
        ("three one two five five five five five five oh eight eight one", "3125550881"),
    ],
)
def test_a_group_of_three_restarted_is_said_once(text: str, number: str) -> None:
    assert digits(text) == number


# --- an hour heard as its homophone --------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "hour"),
    [
        ("thursday at won please", 13),
        ("could i come around too on monday", 14),
        ("too pm on friday", 14),
    ],
)
def test_an_hour_heard_as_a_homophone_is_that_hour(text: str, hour: int) -> None:
    u = read(text)
    assert u.when.time is not None and u.when.time.at == time(hour)


@pytest.mark.parametrize(
    "text", ["i was about to ask", "i'd like to come in too", "we won the game at last"]
)
def test_homophones_outside_an_hour_stay_words(text: str) -> None:
    assert expand(text) == text


# --- relative weeks and bounds -------------------------------------------------------------------
def test_the_week_after_next_is_the_week_after_next_week() -> None:
    u = read("could you fit me in the week after next")
    assert u.when.day is not None
    said = set(u.when.day.dates)
    assert {date(2026, 12, 7) + timedelta(days=k) for k in range(5)} <= said
    assert min(said) == date(2026, 12, 7) and max(said) <= date(2026, 12, 13)


def test_same_day_said_with_a_week_keeps_the_week() -> None:
    u = read("the week after next would suit, same day and hour", asked="datetime")
    assert u.when.day is not None and u.when.day.same
    assert u.when.day.dates[0] == date(2026, 12, 7) and max(u.when.day.dates) <= date(2026, 12, 13)


def test_the_week_after_that_is_still_a_shift_from_the_appointment() -> None:
    assert read("the week after that, same time please").day_shift == 7


@pytest.mark.parametrize(
    ("text", "window"),
    [
        ("any time on Monday, but not before eleven", (time(11), time(16))),
        ("Tuesday works, not after one though", (time(9), time(14))),
    ],
)
def test_a_bound_said_with_not_is_its_other_side(text: str, window: tuple[time, time]) -> None:
    u = read(text)
    assert u.when.time is not None and u.when.time.window == window


# --- requests said around the words --------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("We won't be needing the appointment on Friday after all.", "cancel"),
        ("could you tell me what I've got booked", "list"),
        ("when am I due in next?", "list"),
        ("I was just wondering if you have anything on Thursday", "availability"),
        ("and could I also get one for my next checkup", "book"),
    ],
)
def test_requests_said_in_passing(text: str, task: str) -> None:
    assert tasks(text)[:1] == [task]


def test_not_going_to_make_it_asks_what_to_do() -> None:
    u = read("I'm not gonna make it on Tuesday, sorry")
    assert u.cant_make and u.task is None


# --- a weekday answered when the appointment was asked is no code --------------------------------
@pytest.mark.parametrize("text", ["saturday.", "November", "tomorrow."])
def test_an_eight_letter_day_word_is_no_code(text: str) -> None:
    assert read(text, asked="which_appointment").code is None


def test_an_eight_letter_code_alone_is_still_a_code() -> None:
    assert read("qwrtkpmz", asked="which_appointment").code == "qwrtkpmz"


# --- "whatever's first" beside a day of its own is not the first offered -------------------------
def test_a_bare_first_beside_a_new_day_picks_nothing_offered() -> None:
    assert read("how about Monday instead, whatever's first", asked="confirm").ordinal is None
    assert read("the first one", asked="confirm").ordinal == 1


# --- a question asked before answering, how long a visit takes ------------------------------------
def test_hold_on_before_a_question_is_not_a_no() -> None:
    u = read("Hold on, what time do you close?", asked="confirm")
    assert "hours" in u.questions and not u.no and not u.correction
    assert read("hold on, no, not Monday", asked="confirm").no


@pytest.mark.parametrize(
    "text",
    [
        "how long is a visit?",
        "and how long will the checkup take",
        "roughly how much time does an appointment take?",
    ],
)
def test_how_long_a_visit_takes_is_a_question(text: str) -> None:
    assert "duration" in read(text).questions


def test_how_long_to_wait_is_not_about_the_visit() -> None:
    assert "duration" not in read("how long have you been open here?").questions


# --- a change of mind to the soonest takes back the days said before it ---------------------------
def test_whatever_is_soonest_after_a_change_of_mind_drops_the_days_before() -> None:
    u = read("Monday, or Friday maybe. Actually, scratch that, the soonest you have.", "datetime")
    assert u.when.day is not None and u.when.day.earliest and not u.when.day.dates


def test_the_earliest_on_a_day_keeps_the_day() -> None:
    u = read("what's the earliest you have on Friday?", "datetime")
    assert u.when.day is not None and u.when.day.exact == date(2026, 11, 27)


# --- the appointment named after "because", a name to put it under --------------------------------
def test_the_appointment_named_after_because_is_not_a_reason_against_it() -> None:
    u = read("I'm ringing since I have to cancel my Friday appointment")
    assert u.days and not u.days[0].negated
    assert read("I can't do Friday because I'm working Friday").days[-1].negated


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Yes, but could you put it under Margaret Olsen? That's my legal name.", "Margaret Olsen"),
        ("book it under the name of Tom Reyes", "Tom Reyes"),
    ],
)
def test_put_it_under_a_name_gives_that_name(text: str, name: str) -> None:
    assert read(text, asked="phone_confirm").name == name


def test_a_booking_reference_is_no_request_to_book() -> None:
    assert tasks("I have my booking reference here somewhere") == []


def test_make_that_a_weekday_stays_in_the_week_under_discussion() -> None:
    ctx = Context(today=TODAY, asked="phone_confirm", anchor=date(2026, 12, 8))  # a Tuesday
    u = understand("no wait, make it Thursday", ctx)
    assert u.when.day is not None and u.when.day.exact == date(2026, 12, 10)
    # without a day under discussion: the coming Thursday
    assert read("make it Thursday", asked="phone_confirm").when.day.exact == date(2026, 11, 26)
