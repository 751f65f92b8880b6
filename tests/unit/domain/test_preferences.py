from __future__ import annotations

import pytest

from voice_agent.domain.preferences import extract_preferences, with_preferences


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("I'd prefer mornings if possible", ["Prefers morning appointments"]),
        ("Afternoons work better for me", ["Prefers afternoon appointments"]),
        ("Fridays work best for me", ["Prefers Fridays"]),
        ("I usually can only do Tuesday or Thursday", ["Prefers Tuesdays", "Prefers Thursdays"]),
        ("What about Friday?", []),
        ("My number is 9876543210", []),
    ],
)
def test_extract_preferences(said: str, expected: list[str]) -> None:
    assert extract_preferences(said) == expected


def test_a_caller_who_changes_their_mind_is_recorded_with_the_later_preference() -> None:
    # the summary said "prefers afternoon appointments and prefers morning appointments"
    known = with_preferences([], extract_preferences("anything thursday afternoon?"))
    known = with_preferences(known, extract_preferences("Fridays work best for me"))
    known = with_preferences(known, extract_preferences("actually friday morning"))
    assert known == ["Prefers Fridays", "Prefers morning appointments"]


def test_both_times_of_day_said_at_once_are_both_kept() -> None:
    said = extract_preferences("mornings or afternoons, either works")
    assert with_preferences(["Prefers late slots"], said) == ["Prefers late slots", *said]
    assert with_preferences(said, said) == said
