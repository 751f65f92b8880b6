"""Ways of saying things that a twenty-second batch of blind calls (facts given in pieces,
digits corrected on the fly, the choice left to the receptionist, a kind of visit asked for,
dates near the booking limit, callers backing out) showed the reader missed, said here in
other words than the corpus lines. Today is Wednesday 25 November 2026 unless a test says
otherwise."""

from __future__ import annotations

import pytest

from .reading import digits, read


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
