"""What a thirty-fifth blind batch (more than one thing at once) taught the reading of one
line, in other words than the corpus lines."""

from __future__ import annotations

import pytest

from .reading import read


@pytest.mark.parametrize(
    "line",
    [
        "yes, both",
        "yeah both of us please",
        "yes, and while you're there could you put my daughter down too?",
        "ok - oh while I remember, is there parking?",
    ],
)
@pytest.mark.parametrize("asked", ["phone_confirm", "name", "surname"])
def test_both_and_while_are_never_a_name(line: str, asked: str) -> None:
    assert read(line, asked).name is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("line", "ordinal"),
    [
        ("please cancel whichever comes first", 1),
        ("cancel the one that's later in the month", -1),
        ("the one in the middle can go", 2),
        ("I'll keep the first and last, the one in between can go", 2),
        ("not the later one, the other one - cancel that", 1),
    ],
)
def test_one_held_appointment_named_by_its_place_against_the_others(
    line: str, ordinal: int
) -> None:
    u = read(line)
    assert u.task == "cancel"
    assert u.ordinal == ordinal


@pytest.mark.parametrize(
    "line",
    [
        "cancel the one on the 17th. I'll keep the other",
        "the 17th can go. I will keep the others",
        "cancel the 17th for me, I'll keep the rest",
    ],
)
def test_a_day_before_keep_the_other_is_the_one_that_goes(line: str) -> None:
    u = read(line)
    assert u.when.day is not None and [d.day for d in u.when.day.dates] == [17]


def test_a_day_before_ill_keep_is_still_the_one_kept() -> None:
    u = read("the Friday one I'll keep, cancel the other")
    assert u.when.day is None
