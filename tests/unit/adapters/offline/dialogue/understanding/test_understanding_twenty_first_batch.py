"""Ways of saying things that a twenty-first batch of blind calls (dates and hours written as
numbers, times counted from the moment of the call, stammers and restarts, unusual yeses, a
practical question first, callers in other time zones) showed the reader missed, said here in
other words than the corpus lines. Today is Wednesday 25 November 2026 unless a test says
otherwise."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding.tokens import normalise

from .reading import FRIDAY, THURSDAY, TODAY, TUESDAY, WEDNESDAY_NEXT, digits, read

DECEMBER_16 = date(2026, 12, 16)  # a Wednesday


# --- stammers, words broken off and begun again, stumbles and thinking noises -----------------
@pytest.mark.parametrize(
    ("text", "heard"),
    [
        ("c-c-can I b-book for t-t-tuesday?", "can i book for tuesday?"),
        ("Y-yes.", "yes."),
        ("the Th-Thursday one, to F-Friday", "the thursday one, to friday"),
        ("on the n-n-nin- the ninth", "on the ninth"),
        ("The tw- the two o'clock.", "the two oclock."),
        ("i i i need to change my my tuesday", "i need to change my tuesday"),
        ("to to wednesday same same time", "to wednesday same time"),
    ],
)
def test_a_stammer_a_restart_or_a_stumble_reads_as_the_word_meant(text: str, heard: str) -> None:
    assert normalise(text) == heard


@pytest.mark.parametrize(
    "text", ["uh huh", "yes uh huh", "um", "no no", "five five five", "its lee um lee park"]
)
def test_words_that_mean_something_said_twice_or_alone_stay(text: str) -> None:
    assert normalise(text) == text


@pytest.mark.parametrize("text", ["Y-yes.", "y-yeah, th-that's right", "Yes p-please."])
def test_a_stammered_yes_is_a_yes_and_no_name(text: str) -> None:
    u = read(text, "confirm")
    assert u.yes and not u.no, u
    assert read(text, "name").name is None


@pytest.mark.parametrize(
    "text",
    [
        "i i i need to um i need to change um my my tuesday to to um wednesday same same time",
        "can can you uh move my my friday one to to monday",
        "i want to erm change erm the the appointment",
    ],
)
def test_a_move_said_with_stumbles_is_a_move(text: str) -> None:
    assert read(text).task == "reschedule"


# --- dates and hours written as numbers --------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("could I come 12/3 at 1400?", time(14)),
        ("pls cancel my appt on 12/3 @ 0900", time(9)),
        ("push it to 1500 hrs", time(15)),
        ("Thursday 1300 if you have it", time(13)),
        ("13.00 on Thursday please", time(13)),
        ("Negative. Later than that - 1400.", time(14)),
    ],
)
def test_the_24_hour_clock_typed_without_a_colon_is_the_time(text: str, at: time) -> None:
    u = read(text)
    assert u.when.time is not None and u.when.time.at == at, u.when


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("my number is 617 555 1400", "6175551400"),
        ("it's 617-555-0900", "6175550900"),
    ],
)
def test_four_digits_that_end_a_phone_number_are_no_time(text: str, number: str) -> None:
    assert digits(text) == number
    assert read(text, "phone").when.time is None


def test_the_last_four_digits_said_alone_are_no_time() -> None:
    assert normalise("the last four are 0900") == "the last four are 0900"
    assert normalise("is that 1200 harbor avenue?") == "is that 1200 harbor avenue?"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("could I have 13.00 on Weds 16th please?", DECEMBER_16),
        ("Wednesday 16th at 10", DECEMBER_16),
        ("Fri 27th, any time", FRIDAY),
    ],
)
def test_a_weekday_and_an_ordinal_that_agree_are_that_date(text: str, day: date) -> None:
    u = read(text)
    assert u.when.day is not None and u.when.day.dates == (day,), u.when


@pytest.mark.parametrize(
    ("text", "today", "day"),
    [
        ("Could I get 10/12 at 11? I'm British, I write the day first.", date(2026, 12, 4), None),
        ("25/12 would be lovely", TODAY, date(2026, 12, 25)),
        ("10/12 at 11 please", date(2026, 12, 4), None),
        ("3/12 at 10", TODAY, date(2027, 3, 12)),  # March: the American way stands
    ],
)
def test_a_numeric_date_written_day_first(text: str, today: date, day: date | None) -> None:
    u = read(text, today=today)
    expected = day or date(2026, 12, 10)
    assert u.when.day is not None and u.when.day.dates == (expected,), u.when


# --- times counted from the moment of the call -------------------------------------------------
@pytest.mark.parametrize(
    ("text", "now", "day", "at"),
    [
        ("is there any chance you could see me in an hour or so?", time(10, 5), TODAY, time(11)),
        ("anything in a couple of hours?", time(9, 40), TODAY, time(12)),
        ("could you fit me in half an hour from now", time(10, 0), TODAY, time(11)),
        ("could I book something for this time tomorrow?", time(13, 10), THURSDAY, time(13)),
        ("about this time on Friday, please", time(10, 55), FRIDAY, time(11)),
        ("this time next week if you can", time(14, 0), WEDNESDAY_NEXT, time(14)),
    ],
)
def test_a_time_counted_from_now_is_the_clock_time_it_means(
    text: str, now: time, day: date, at: time
) -> None:
    u = read(text, now=now)
    assert u.when.day is not None and u.when.day.dates == (day,), u.when
    assert u.when.time is not None and u.when.time.at == at, u.when


@pytest.mark.parametrize(
    "text", ["I'll call you back in an hour", "I'll be there in an hour", "same time tomorrow"]
)
def test_a_return_or_an_arrival_counted_from_now_asks_no_time(text: str) -> None:
    u = read(text, now=time(10))
    assert u.when.time is None or u.when.time.at is None, u.when  # no clock time made of it
    assert u.when.day is None or u.when.day.dates != (TODAY,), u.when


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("another appointment a fortnight today, please", date(2026, 12, 9)),
        ("two weeks today in the morning", date(2026, 12, 9)),
        ("a fortnight tomorrow if you can", date(2026, 12, 10)),
    ],
)
def test_a_fortnight_counted_from_today_or_tomorrow(text: str, day: date) -> None:
    u = read(text)
    assert u.when.day is not None and u.when.day.dates == (day,), u.when


# --- what is asked -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "is there any chance you could see me in an hour?",
        "could the doctor see me this afternoon?",
        "could I have 13.00 on Weds 16th please?",
        "Okay. Then I'd like Tuesday at 11, please.",
        "I already have one on Tuesday, could I get another on Thursday at 10?",
    ],
)
def test_a_booking_asked_for_in_other_words(text: str) -> None:
    assert read(text).task == "book"


@pytest.mark.parametrize(
    "text",
    [
        "can my wednesday three oclock go to thursday same time",
        "could my 9am move to the afternoon?",
        "can my Friday 10 go to Monday?",
    ],
)
def test_a_move_of_the_day_or_time_held_is_a_move(text: str) -> None:
    assert read(text).task == "reschedule"


@pytest.mark.parametrize(
    "text",
    [
        "How early should I get there before my appointment? It's my first time.",
        "do I need to bring anything to my appointment?",
        "is there parking for my appointment?",
    ],
)
def test_a_question_about_the_visit_asks_for_no_list(text: str) -> None:
    assert read(text).task is None


@pytest.mark.parametrize(
    ("text", "today", "day"),
    [
        (
            "I've got one on Wednesday already but I also need a follow-up on the 5th of next "
            "month, 0900 ideally.",
            date(2026, 12, 14),
            date(2027, 1, 5),
        ),
        ("I already have one on Monday, could I book another for Thursday?", TODAY, THURSDAY),
    ],
)
def test_the_day_held_said_beside_another_booking_is_not_asked_for(
    text: str, today: date, day: date
) -> None:
    u = read(text, today=today)
    assert u.task == "book"
    assert u.when.day is not None and u.when.day.dates == (day,), u.when


def test_the_day_held_said_before_a_move_is_still_its_source() -> None:
    u = read("I already have one on Tuesday, could you move it to Thursday?")
    assert u.task == "reschedule"
    assert [d.dates for d in u.days][0] == (TUESDAY,), u.days


# --- yes in unusual words ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "By all means.",
        "righto, sounds like a plan",
        "ten four go ahead and book it",
        "10-4, book it",
        "Yeah, too easy.",
        "Roger that.",
        "It is indeed.",
    ],
)
def test_an_unusual_yes_is_a_yes(text: str) -> None:
    u = read(text, "confirm")
    assert u.yes and not u.no, u
    assert u.when.time is None, u.when


# --- a number followed by an aside and an hour -------------------------------------------------
def test_an_hour_said_after_i_mean_is_no_correction_of_the_number() -> None:
    u = read(
        "Hi, Keira Nolan, 720 555 0501. I'm in Denver at the moment, but I mean your time here"
        " - could you move my Thursday 2pm an hour earlier, so 1pm Eastern?"
    )
    assert u.phone is not None and u.phone.digits == "7205550501"
    assert u.task == "reschedule"
    assert u.when.time is not None and u.when.time.at == time(13), u.when
    assert u.when.day is not None and u.when.day.dates == (THURSDAY,), u.when
