"""What a thirty-seventh blind batch (callers who have it wrong) taught the reading of one
line, in other words than the corpus lines."""

from __future__ import annotations

import pytest

from .reading import read


@pytest.mark.parametrize(
    "line",
    [
        "Hi, just checking I'm in on Thursday at 2 and the Monday after at 2?",
        "making sure we're still down for Friday the 4th at ten",
        "am I in for Monday morning? I can't find the card",
        "i was just ringing to confirm im booked in for the ninth at eleven",
    ],
)
def test_making_sure_they_are_in_on_a_day_is_a_check(line: str) -> None:
    assert read(line).task == "list", line


@pytest.mark.parametrize(
    "line",
    [
        "I'd like to come in on Monday if I'm in town for it",
        "can I book Friday at 10, I'm in for a long week",
    ],
)
def test_being_in_town_or_in_for_a_week_is_no_check(line: str) -> None:
    assert read(line).task == "book", line
