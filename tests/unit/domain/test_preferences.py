from __future__ import annotations

import pytest

from voice_agent.domain.preferences import extract_preferences


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
