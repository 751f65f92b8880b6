"""A shift asked after a week said as a day (leftovers57, issue 10): "it's Thursday next week
... move it to the week after" moves the one held a week; "next week or the week after" for a
booking stays a day, no shift."""

from __future__ import annotations

import pytest

from voice_agent.adapters.offline.dialogue.understanding.when import day_shift

from .reading import read


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


@pytest.mark.parametrize(
    "text",
    [
        "I've got two on the first Monday of the month, one in December and one in January.",
        "There are two on the 3rd, one in December and one in January",
        "My two are on the first Thursday of the month - one in December and one in February.",
        "we have three on the second Tuesday of the month",
    ],
)
def test_appointments_counted_by_their_month_are_no_hours(text: str) -> None:
    assert [t.at for t in read(text).times if t.at is not None] == []


@pytest.mark.parametrize(
    ("text", "hour"),
    [("Ten on the 11th please", 10), ("Friday 10 in the morning", 10), ("two on the 3rd?", 14)],
)
def test_an_hour_before_its_date_is_still_an_hour(text: str, hour: int) -> None:
    assert [t.at.hour for t in read(text).times if t.at is not None] == [hour]
