"""How the receptionist reads back part of a phone number: in a whole number's groups."""

from __future__ import annotations

import pytest

from voice_agent.adapters.offline.dialogue.phrasing import Phrasing


@pytest.mark.parametrize(
    ("digits", "spoken", "written"),
    [
        ("617555014", "6 1 7, 5 5 5, 0 1 4", "617-555-014"),
        ("61755", "6 1 7, 5 5", "617-55"),
        ("617", "6 1 7", "617"),
        ("16175", "1, 6 1 7, 5", "1-617-5"),  # a leading 1: the country code
        ("617555014299", "6 1 7, 5 5 5, 0 1 4 2, 9 9", "617-555-0142-99"),
    ],
)
def test_part_of_a_number_is_read_in_a_whole_numbers_groups(
    digits: str, spoken: str, written: str
) -> None:
    """ "I have 617555014 so far" was one run of digits, hard to check by ear or by eye."""
    assert Phrasing(style="spoken").number_so_far(digits) == spoken
    assert Phrasing(style="written").number_so_far(digits) == written


def test_a_number_of_the_wrong_length_is_read_back_in_groups() -> None:
    said = Phrasing(style="written").heard_digits("617555014")
    assert said == "I heard 9 digits: 617-555-014."
