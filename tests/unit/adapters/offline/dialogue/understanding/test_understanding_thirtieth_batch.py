"""Ways of saying things that a thirtieth batch of blind calls (whole calls by kind of caller:
rushed parents, older callers, learners, fragments from work, two tasks with one dropped,
callers unsure of their own details) showed the reader missed, each said here in other words
than the corpus lines. Today is Wednesday 25 November 2026."""

from __future__ import annotations

from datetime import date

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Asked, Context, understand

TODAY = date(2026, 11, 25)  # a Wednesday


def read(text: str, asked: Asked = "request"):  # type: ignore[no-untyped-def]
    return understand(text, Context(today=TODAY, asked=asked))


@pytest.mark.parametrize(
    "text",
    [
        "ok, I'll have to check with my boss first. don't book it yet",
        "okay hmm. please don't book that, I'll ring back",
        "alright but do not cancel it, I changed my mind",
    ],
)
def test_an_okay_before_the_act_refused_is_no_yes(text: str) -> None:
    u = read(text, "confirm")
    assert not u.yes and u.no


def test_an_okay_and_a_refusal_of_something_else_is_still_a_yes() -> None:
    u = read("ok book it, and don't worry about the reminder text", "confirm")
    assert u.yes and not u.no


@pytest.mark.parametrize(
    "text",
    [
        "forget about moving it, I'll keep it. just add one for my wife on Friday",
        "no, leave my Tuesday one where it is - book me another for Thursday instead",
        "keep the 3rd, just add the 4th as well",
    ],
)
def test_a_change_given_up_for_a_booking_is_that_booking(text: str) -> None:
    u = read(text, "confirm")
    assert u.drops_change and u.task == "book"


@pytest.mark.parametrize(
    "text",
    [
        "keep it, thanks",
        "leave it where it is please",
        "actually I'll keep the Tuesday one",
    ],
)
def test_a_change_given_up_alone_asks_for_no_booking(text: str) -> None:
    u = read(text, "confirm")
    assert not u.drops_change and u.task != "book"


@pytest.mark.parametrize(
    "text",
    [
        "yes do it, and forget the January thing for now",
        "yeah go ahead. skip December for the moment",
    ],
)
def test_a_second_ask_put_off_names_no_day(text: str) -> None:
    u = read(text, "confirm")
    assert u.yes and u.put_off and u.when.day is None


@pytest.mark.parametrize(
    "text",
    [
        "i have an appointment on a monday but i forgot which one",
        "I've got one booked next week, not sure what day though",
        "great, so I've got Monday and still the Friday too, right",
    ],
)
def test_one_held_but_unsure_of_it_asks_for_the_list(text: str) -> None:
    assert read(text).task == "list"
