from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from voice_agent.domain.errors import InvalidPhoneNumber
from voice_agent.domain.phone import display_phone, mask_phone, national_digits, normalize_phone
from voice_agent.domain.spoken_numbers import UNITS

WORDS = {d: w for w, d in UNITS.items() if w not in ("oh", "o", "nought")}


@pytest.mark.parametrize(
    "text",
    [
        "9876543210",
        "987-654-3210",
        "(987) 654-3210",
        "987.654.3210",
        "+1 987 654 3210",
        "+19876543210",
        "1-987-654-3210",
        "19876543210",
        "nine eight seven six five four three two one zero",
        "nine eight seven, six five four, three two one oh",
        "my number is 987 654 3210",
        "plus one nine eight seven six five four three two one zero",
    ],
)
def test_spellings_normalise_to_one_e164(text: str) -> None:
    assert normalize_phone(text) == "+19876543210"


def test_double_and_triple() -> None:
    assert normalize_phone("five five five double five triple one two three") == "+15555511123"


@pytest.mark.parametrize("text", ["123", "", "   ", "hello", "12345678901234", "nine eight"])
def test_invalid_numbers_are_named_errors(text: str) -> None:
    with pytest.raises(InvalidPhoneNumber):
        normalize_phone(text)


def test_short_number_message_is_actionable() -> None:
    with pytest.raises(InvalidPhoneNumber, match="Invalid phone number format"):
        normalize_phone("123")


def test_mask_keeps_last_two_digits() -> None:
    assert mask_phone("+19876543210") == "**********10"
    assert national_digits("+19876543210") == "9876543210"


@pytest.mark.parametrize("e164", ["+442079460958", "+33612345678", "+61291234567"])
def test_a_number_from_outside_north_america_keeps_its_country_code(e164: str) -> None:
    assert national_digits(e164) == e164  # "2079460958" would be another (US-looking) number


ten_digits = st.tuples(
    st.integers(2, 9), st.integers(0, 99), st.integers(2, 9), st.integers(0, 999_999)
).map(lambda t: f"{t[0]}{t[1]:02d}{t[2]}{t[3]:06d}")


@given(ten_digits)
def test_written_spoken_and_international_forms_agree(digits: str) -> None:
    spoken = " ".join(WORDS[int(c)] for c in digits)
    grouped = f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
    forms = {normalize_phone(f) for f in (digits, spoken, grouped, "+1" + digits, "1" + digits)}
    assert forms == {"+1" + digits}


@given(ten_digits)
def test_normalisation_is_idempotent(digits: str) -> None:
    once = normalize_phone(digits)
    assert normalize_phone(once) == once
    assert national_digits(once) == digits


@pytest.mark.parametrize(
    "heard",
    [
        "my number is nine eight seven six five r three two one zero",
        "nine eight seven six five for three two one zero",
        "nine ate seven six five four three to one zero",
    ],
)
def test_recogniser_homophones_between_digits(heard: str) -> None:
    assert normalize_phone(heard) == "+19876543210"


def test_homophones_outside_digit_runs_stay_words() -> None:
    # "to" before the number and "for" after it are not digits.
    assert normalize_phone("I want to give you 987 654 3210 for the booking") == "+19876543210"


@pytest.mark.parametrize(
    ("text", "reason", "digits"),
    [
        ("", "empty", 0),
        ("hello", "no_digits", 0),
        ("12", "too_few", 2),
        ("1234567890123", "too_many", 13),
        ("+99 123", "impossible", 5),
    ],
)
def test_invalid_numbers_say_why_in_their_detail(text: str, reason: str, digits: int) -> None:
    # the edges phrase the failure from kind and detail; the spoken message stays as it was
    with pytest.raises(InvalidPhoneNumber) as caught:
        normalize_phone(text)
    assert caught.value.kind == "invalid_phone_number"
    assert caught.value.detail == {"reason": reason, "digits": digits}


@pytest.mark.parametrize(
    "text",
    [
        "0000000000",
        "000-000-0000",
        "1 000 000 0000",
        "+1 000 000 0000",
        "5555555555",
        "(999) 999-9999",
        "zero zero zero zero zero zero zero zero zero zero",
        "012 345 6789",
        "+44 0000 000000",
    ],
)
def test_numbers_no_caller_has_are_refused(text: str) -> None:
    """All one digit, or a North American area code starting with 0: such numbers were
    stored as accounts (+10000000000) that anyone keying in zeros reached."""
    with pytest.raises(InvalidPhoneNumber) as caught:
        normalize_phone(text)
    assert caught.value.detail["reason"] == "impossible"


@pytest.mark.parametrize(
    ("text", "e164"),
    [
        ("1234567890", "+11234567890"),  # the seed's returning caller: area code 123
        ("9876543210", "+19876543210"),
        ("555-012-3456", "+15550123456"),  # an exchange starting with 0: given in tests
    ],
)
def test_unlikely_but_not_impossible_numbers_are_kept(text: str, e164: str) -> None:
    assert normalize_phone(text) == e164


@pytest.mark.parametrize(
    ("text", "keypad"),
    [
        ("415-555-CALL", "415-555-2255"),
        ("1-800-FLOWERS", "1-800-3569377"),
        ("1 800 FLOWERS", "1 800 3569377"),
        ("(212) 555-dent", "(212) 555-3368"),
    ],
)
def test_letters_in_a_number_are_refused_with_the_keypad_digits(text: str, keypad: str) -> None:
    # a letter may be a keypad letter or a typo ("O" for 0): the number is not guessed, and
    # what it reads as on a keypad is given for the person to check and type
    with pytest.raises(InvalidPhoneNumber) as caught:
        normalize_phone(text)
    assert caught.value.detail["reason"] == "letters"
    assert caught.value.detail["keypad"] == keypad
    assert "digits" in str(caught.value)


@pytest.mark.parametrize(
    "text", ["415 555 oh one oh four", "four one five five five five zero one zero four"]
)
def test_spoken_digits_are_not_letters(text: str) -> None:
    assert normalize_phone(text) == "+14155550104"


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+16175550142", "617-555-0142"),
        ("6175550142", "617-555-0142"),
        ("16175550142", "617-555-0142"),
        ("+442079460958", "+442079460958"),  # not North American: E.164, never 207-946-0958
        ("12345", "12345"),
        ("", ""),
    ],
)
def test_one_written_form_of_a_number_for_people(stored: str, shown: str) -> None:
    assert display_phone(stored) == shown
