"""The digits bench.stt_second_opinion reads out of a Whisper transcript."""

from __future__ import annotations

import pytest

from bench.stt_second_opinion import whisper_digits


@pytest.mark.parametrize(
    ("heard", "digits"),
    [
        ("My number is 617-555-0142.", "6175550142"),
        ("2 007 96631", "200796631"),
        ("five eight one double six six two two six three", "5816662263"),
        ("three oh zero one, triple nine, oh", "30019990"),
        ("Sure, six, I'm free for zero", "60"),
        ("double oh seven", "007"),
        ("double", ""),
    ],
)
def test_whisper_digits(heard: str, digits: str) -> None:
    assert whisper_digits(heard) == digits
