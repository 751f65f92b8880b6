"""What the older blind batches' leftovers (fresh25-fresh30) taught the reading of one line, in
other words than the corpus lines."""

from __future__ import annotations

import pytest

from .reading import read_with_faq


@pytest.mark.parametrize(
    "line",
    [
        "My husband wanted me to ask whether there's parking, and I'd like to book Friday at 2.",
        "My daughter told me to find out about parking. And book me in Monday at 10 please.",
        "My son asked me to check on the parking, also I need an appointment Thursday.",
    ],
)
def test_a_question_asked_for_someone_else_is_asked(line: str) -> None:
    understood = read_with_faq(line)
    assert "faq:1" in understood.questions
    assert understood.task == "book"
