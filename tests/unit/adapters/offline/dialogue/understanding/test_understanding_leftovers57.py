"""A shift asked after a week said as a day (leftovers57, issue 10): "it's Thursday next week
... move it to the week after" moves the one held a week; "next week or the week after" for a
booking stays a day, no shift."""

from __future__ import annotations

import pytest

from voice_agent.adapters.offline.dialogue.understanding.when import day_shift


@pytest.mark.parametrize(
    ("text", "shift"),
    [
        ("i think it's thursday next week or maybe friday, can you move it to the week after", 7),
        ("mine is next week, could you push it to the week after please", 7),
        ("it's the monday next week, can you put my appointment back to the day after", 1),
        ("can i come next week or the week after", None),
        ("next week i'm away, is the week after free", None),
    ],
)
def test_a_shift_said_after_next_week(text: str, shift: int | None) -> None:
    assert day_shift(text.replace(",", "").replace("'", " ").split()) == shift
