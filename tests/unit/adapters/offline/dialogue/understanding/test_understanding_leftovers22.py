"""A date said in words with its month (leftovers22): "the twenty third of December" is the
23rd, not the 3rd (the tens were dropped when the month followed)."""

from __future__ import annotations

from datetime import date

import pytest

from .reading import read


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("so maybe wednesday the twenty third of december at nine", date(2026, 12, 23)),
        ("um could I come in on the twenty sixth of january", date(2027, 1, 26)),
        ("the twenty second december at ten if you've got it", date(2026, 12, 22)),
        ("what about twenty ninth of december", date(2026, 12, 29)),
    ],
)
def test_tens_and_an_ordinal_before_the_month_are_one_date(text: str, day: date) -> None:
    heard = read(text)
    assert heard.when.day is not None and heard.when.day.exact == day, heard.when


def test_the_third_of_december_alone_is_still_the_third() -> None:
    heard = read("on the third of december please")
    assert heard.when.day is not None and heard.when.day.exact == date(2026, 12, 3)
