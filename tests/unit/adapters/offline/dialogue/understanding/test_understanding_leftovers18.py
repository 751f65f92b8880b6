"""Readings the typed corpus's leftovers (leftovers18) showed were missing, in other words than
the corpus lines."""

from __future__ import annotations

import pytest

from .reading import read


@pytest.mark.parametrize(
    "line",
    [
        "oh, I've got two? right, the Tuesday one then",
        "have I really got three?? its the one on Friday I mean, the morning one",
        "did I make both? gosh. the December one please",
    ],
)
def test_surprise_at_how_many_while_picking_one_asks_for_no_list(line: str) -> None:
    assert read(line).task != "list"


@pytest.mark.parametrize(
    "line",
    [
        "have I got two appointments next week?",
        "have i got two this week or just the one on monday",
        "have I got two? and is the friday one still at 3?",
    ],
)
def test_asking_how_many_they_hold_still_asks_for_their_list(line: str) -> None:
    assert read(line).task == "list"
