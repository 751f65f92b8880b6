"""Ways of saying things the reader took wrongly after the fourteenth round, said here as
callers talk. Today is Wednesday 25 November 2026 unless a test says otherwise."""

from __future__ import annotations

import pytest

from .reading import digits, read


# --- a first name said, then spelled otherwise: the name as spelled -------------------------
@pytest.mark.parametrize(
    ("text", "asked", "name"),
    [
        (
            "Katherine Olsen - oh wait, sorry, it's spelt K-A-T-H-R-Y-N, Kathryn. "
            "Olsen with an E-N. 425 555 0962.",
            "phone",
            "Kathryn Olsen",
        ),
        ("Stephen Hale - no sorry, it's spelled Steven, S-T-E-V-E-N. 212 555 0199", "phone",
         "Steven Hale"),
        ("My name's Jon Park, that's spelled J-O-H-N", "name", "John Park"),
        ("Sofia Reyes, sorry, it's spelled S-O-P-H-I-A", "name", "Sophia Reyes"),
    ],
)  # fmt: skip
def test_a_name_spelled_otherwise_after_it_is_the_name_as_spelled(
    text: str, asked: str, name: str
) -> None:
    assert read(text, asked).name == name  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "asked", "name"),
    [
        # spelled as said: nothing changes
        ("Anna Kowalski, K-O-W-A-L-S-K-I, 412 555 0100", "phone", "Anna Kowalski"),
        ("Sara Lee, that's spelled S-A-R-A, no H", "name", "Sara Lee"),
    ],
)
def test_a_name_spelled_as_said_is_kept(text: str, asked: str, name: str) -> None:
    assert read(text, asked).name == name  # type: ignore[arg-type]


# --- a child's age at the number question: no digit of the number ---------------------------
@pytest.mark.parametrize(
    "text",
    [
        "He's twelve, does he need his own phone number or can I use mine?",
        "she's 7 - can I give you my number instead?",
        "my daughter is eight years old, do you need her number",
        "he turned fifteen last week, should I give his cell",
    ],
)
def test_an_age_said_at_the_number_question_is_no_number(text: str) -> None:
    assert read(text, "phone").phone is None


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("It's 617 555 0143, he's twelve", "6175550143"),
        ("six one seven, five five five, oh one four three", "6175550143"),
        ("it's 61 7 555 0143", "6175550143"),
    ],
)
def test_a_number_said_with_an_age_beside_it_is_still_heard(text: str, number: str) -> None:
    assert digits(text) == number


# --- a cold "that won't shift": a booking, not a move --------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Hi, I need to book my son in, he's got a cough that just won't shift.",
        "Can I get an appointment? This rash doesn't shift whatever I put on it",
        "I'd like to see someone, the headache wouldn't shift all weekend",
    ],
)
def test_an_illness_that_will_not_shift_is_a_booking(text: str) -> None:
    assert read(text).task == "book"


def test_shifting_an_appointment_is_still_a_move() -> None:
    assert read("Could you shift my Friday appointment to Monday?").task == "reschedule"


# --- "the first name's with a K": which part of the name is wrong, and what it should be ----
@pytest.mark.parametrize(
    ("text", "part", "word"),
    [
        ("Sorry - the first name's with a K. Katherine. Doyle is right.", "first", "katherine"),
        ("oh the surname is with an E - Olsen", "last", "olsen"),
    ],
)
def test_the_part_of_a_name_said_with_a_letter_is_a_fix_of_it(
    text: str, part: str, word: str
) -> None:
    fix = read(text).name_fix
    assert fix is not None and (fix.part, fix.word) == (part, word)
