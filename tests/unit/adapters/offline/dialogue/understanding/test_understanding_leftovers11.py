"""Ways of saying things the reader took wrongly after the fourteenth round, said here as
callers talk. Today is Wednesday 25 November 2026 unless a test says otherwise."""

from __future__ import annotations

import pytest

from .reading import read


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
