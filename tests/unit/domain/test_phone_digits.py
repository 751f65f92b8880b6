"""Digits of any script read as ASCII, as staff search typed numbers."""

from __future__ import annotations

from voice_agent.domain.phone import ascii_digits


def test_ascii_digits_reads_any_script_and_drops_the_rest() -> None:
    assert ascii_digits("(٦١٧) ٥٥٥-٠١٤٢") == "6175550142"
    assert ascii_digits("６１７－５５５") == "617555"
    assert ascii_digits("𝟔𝟏𝟕 ۵۵۵") == "617555"  # mathematical bold, Extended Arabic-Indic
    assert ascii_digits("617²①") == "617"  # a superscript or circled digit is no digit
    assert ascii_digits("no digits") == ""
