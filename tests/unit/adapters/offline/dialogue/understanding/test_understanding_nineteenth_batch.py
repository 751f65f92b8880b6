"""Ways of saying things that a nineteenth batch of blind calls (callers reading from a letter or
a text, bad lines, days reached through other days, slots said relative to the one offered,
someone else in the room, sarcastic and curt callers) showed the reader missed, said here in
other words and numbers than the corpus lines. Today is Wednesday 25 November 2026 unless a
test says otherwise."""

from __future__ import annotations

from datetime import date

import pytest

from voice_agent.adapters.offline.dialogue.understanding import FaqKey
from voice_agent.adapters.offline.dialogue.understanding.when import day_shift

from .reading import read

HOLIDAYS = FaqKey(3, frozenset({"holiday", "holidays", "thanksgiving", "christmas"}))
"""The profile's question about holiday closing."""


# --- a day reached through another day ---------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("could I come in two weeks from this Friday?", date(2026, 12, 11)),
        ("a fortnight from next Tuesday, if you can", date(2026, 12, 15)),
        ("three days after Monday please", date(2026, 12, 3)),
        ("the second Tuesday in December", date(2026, 12, 8)),
        ("the first Monday of next month, mornings", date(2026, 12, 7)),
        ("maybe the last Thursday of December", date(2026, 12, 31)),
        ("have you anything the Wednesday before Christmas?", date(2026, 12, 23)),
        ("the Friday before the 18th would suit", date(2026, 12, 11)),
        ("the last monday before christmas", date(2026, 12, 21)),
    ],
)
def test_a_day_counted_from_another_is_that_day(text: str, day: date) -> None:
    u = read(text)
    assert u.when.day is not None and u.when.day.dates == (day,), u.when


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # the appointment held is Tuesday 1 December
        ("move my tuesday one to the monday after next", date(2026, 12, 7)),
        ("my appointment's next Tuesday. Could you push it to the Friday of the week after?",
         date(2026, 12, 11)),
        ("my appointment is next tuesday, could I have the thursday instead?", date(2026, 12, 3)),
        ("your appointment has been booked for Tuesday the 1st of December - could I have the "
         "Wednesday instead?", date(2026, 12, 2)),
    ],
)  # fmt: skip
def test_a_day_said_beside_the_one_held_is_read_from_it(text: str, day: date) -> None:
    u = read(text)
    assert u.when.day is not None and u.when.day.dates == (day,), u.when


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("need to push my appt on the 9th back four weeks, same time", 28),
        ("can you move my appointment on tuesday back three weeks", 21),
        ("could you postpone it by five days", 5),
    ],
)
def test_a_move_by_weeks_or_days_is_a_shift(text: str, days: int) -> None:
    u = read(text)
    assert day_shift([t.text for t in u.tokens]) == days


def test_instead_of_a_day_then_same_time_keeps_the_time() -> None:
    u = read("I want Thursday instead of Tuesday. Same time.", asked="confirm")
    assert u.when.time is not None and u.when.time.same and not u.when.time.negated


# --- read from a letter, a text, a calendar ----------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "the letter says if you cannot attend please call 207 555 0142",
        "it says ring us on two oh seven five five five oh one four two to change it",
    ],
)
def test_the_clinics_own_number_is_not_the_callers(text: str) -> None:
    assert read(text, clinic_phone="2075550142").phone is None
    assert read(text).phone is not None  # (another clinic's number would be read)


@pytest.mark.parametrize(
    "text",
    [
        "my calendar has you on the 21st at 10 - what have you actually got me down for?",
        "what am I booked in for next week?",
        "do you have me down for Thursday or Friday?",
    ],
)
def test_what_the_clinic_has_down_is_a_check(text: str) -> None:
    assert read(text).task == "list"


@pytest.mark.parametrize(
    "text",
    [
        "the email has 'Confirmation number:' and then it's blank, can you give it to me?",
        "the text cut off the booking number, could you read it out?",
    ],
)
def test_a_missing_confirmation_number_asks_for_the_code(text: str) -> None:
    assert read(text).task == "code"


# --- a holiday inside a day ----------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    ["have you anything the Monday before Christmas?", "the Friday after Christmas, any good?"],
)
def test_a_holiday_inside_a_day_asked_for_asks_nothing_about_holidays(text: str) -> None:
    assert not any(q.startswith("faq:") for q in read(text, faq=(HOLIDAYS,)).questions)


def test_a_holiday_asked_about_is_still_a_question() -> None:
    assert "faq:3" in read("are you open over Christmas?", faq=(HOLIDAYS,)).questions


# --- picks and yeses ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "ordinal"),
    [
        ("the first one. no wait - the one after that", 2),
        ("the second one, sorry, no, the one before it", 1),
        ("first one. actually make it the next one", 2),
    ],
)
def test_a_pick_corrected_by_a_step(text: str, ordinal: int) -> None:
    assert read(text, asked="choose_time").ordinal == ordinal


@pytest.mark.parametrize("text", ["the earliest one is fine", "the latest one please"])
def test_the_earliest_of_a_list_is_a_pick_not_the_soonest_day(text: str) -> None:
    u = read(text, asked="confirm")
    assert u.ordinal is not None and u.when.time is None and u.when.day is None


@pytest.mark.parametrize(
    "text", ["Go on then.", "go on", "I suppose so.", "i guess so", "Mm-hm.", "mm hmm, go on then"]
)
def test_everyday_and_grudging_yeses(text: str) -> None:
    u = read(text, asked="confirm")
    assert u.yes and not u.no


@pytest.mark.parametrize(
    "text", ["go on, what times have you got?", "I suppose you could try Friday", "i guess not"]
)
def test_go_on_and_i_suppose_before_something_else_are_no_yes(text: str) -> None:
    assert not read(text, asked="confirm").yes
