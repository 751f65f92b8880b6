"""Ways of saying things that an eighteenth batch of blind calls (stacked questions, answers to
another question, quarter-hour nudges, the last slot of a day, muddled numbers, yes with a
condition) showed the reader missed, said here in other words and numbers than the corpus
lines. Today is Wednesday 25 November 2026 unless a test says otherwise."""

from __future__ import annotations

from datetime import date

import pytest

from .reading import read


# --- two numbers, the area code last ---------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("mobile 303 555 0144, work is 303 555 0191, best to use the mobile", "3035550144"),
        ("mobile 303 555 0144 and home 303 555 0191, call the home one", "3035550191"),
        ("my mobile's 303 555 0144, my office is 303 555 0191, try the mobile", "3035550144"),
    ],
)
def test_of_two_numbers_named_by_kind_the_one_to_use_is_taken(text: str, digits: str) -> None:
    u = read(text, asked="phone")
    assert u.phone is not None and u.phone.digits == digits


def test_two_numbers_nobody_picks_between_keep_the_later() -> None:
    u = read("303 555 0144, sorry, 303 555 0191", asked="phone")
    assert u.phone is not None and u.phone.digits == "3035550191"


def test_the_area_code_said_after_the_seven_digits_goes_in_front() -> None:
    u = read("sure its five five five oh one nine one and the area code is three oh three")
    assert u.phone is not None and u.phone.digits == "3035550191"


@pytest.mark.parametrize(
    "text", ["303 555 0191, did you want the area code as well?", "whats your zip code there"]
)
def test_an_area_or_zip_code_is_no_confirmation_code(text: str) -> None:
    assert read(text, asked="phone").task != "code"


# --- a yes with a condition --------------------------------------------------------------------
def test_a_week_said_after_not_is_turned_down() -> None:
    u = read("ok so long as it's this friday, not next week", asked="confirm")
    assert u.when.day is not None and u.when.day.dates == (date(2026, 11, 27),)
    assert date(2026, 12, 4) in u.when.rejected_days


# --- a date of birth for a phone number --------------------------------------------------------
@pytest.mark.parametrize("text", ["oh it's the 9th of January, 1951", "born December 3rd 1962"])
def test_a_date_with_a_past_year_asks_for_no_day(text: str) -> None:
    assert read(text, asked="phone").when.day is None
