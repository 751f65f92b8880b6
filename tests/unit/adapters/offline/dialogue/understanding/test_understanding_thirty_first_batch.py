"""Readings a thirty-first blind batch (the shapes real tasks take) showed were missing, in
other words than the corpus lines."""

from __future__ import annotations

import pytest

from .reading import read


@pytest.mark.parametrize(
    "line",
    [
        "just calling to make sure my Friday 10am is still on",
        "hiya, wanted to make sure that my appointment tomorrow morning is still on",
        "can you make sure the 3 oclock on monday is still booked",
        "thanks. and the tuesday one is still at two?",
        "brilliant, so am I still booked in for the 9th?",
    ],
)
def test_making_sure_an_appointment_is_still_on_checks_it(line: str) -> None:
    assert read(line).task == "list"


def test_making_sure_of_a_booking_yet_to_make_is_no_check() -> None:
    assert read("can you make sure I get a morning appointment on Friday").task == "book"


@pytest.mark.parametrize(
    "line",
    ["can you drop the Thursday one for me", "please drop my friday", "take off the last two"],
)
def test_dropping_or_taking_off_an_appointment_cancels(line: str) -> None:
    assert read(line).task == "cancel"


def test_dropping_someone_off_is_no_cancel() -> None:
    assert read("not before ten, I drop my son at school, then book me in").task == "book"


@pytest.mark.parametrize("line", ["thats it just that one", "only that one please"])
def test_just_that_one_to_a_cancel_is_a_yes(line: str) -> None:
    heard = read(line, asked="confirm")
    assert heard.yes and not heard.no


def test_thats_it_to_anything_else_is_no_yes() -> None:
    assert not read("that's it, thanks", asked="anything_else").yes
