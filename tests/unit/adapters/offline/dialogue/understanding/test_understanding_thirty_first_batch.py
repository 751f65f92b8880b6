"""Readings a thirty-first blind batch (the shapes real tasks take) showed were missing, in
other words than the corpus lines."""

from __future__ import annotations

import pytest

from .reading import detect_tasks


@pytest.mark.parametrize(
    "line",
    [
        "just calling to make sure my Friday 10am is still on",
        "hiya, wanted to make sure that my appointment tomorrow morning is still on",
        "can you make sure the 3 oclock on monday is still booked",
    ],
)
def test_making_sure_an_appointment_is_still_on_checks_it(line: str) -> None:
    assert detect_tasks(line) == ["list"]


def test_making_sure_of_a_booking_yet_to_make_is_no_check() -> None:
    assert detect_tasks("can you make sure I get a morning appointment on Friday") == ["book"]
