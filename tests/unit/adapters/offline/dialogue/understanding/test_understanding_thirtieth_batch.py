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


@pytest.mark.parametrize(
    "text",
    [
        "good morning, I want to make one appointment please, for Friday",
        "hi, is there one booking free on Friday? for me",
    ],
)
def test_one_before_an_appointment_counts_it(text: str) -> None:
    u = read(text)
    assert u.when.time is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("need appt thurs pm, Dara Okoye", "Dara Okoye"),
        ("Looking to book Friday if poss. Ines Duarte", "Ines Duarte"),
    ],
)
def test_a_name_signed_after_a_typed_request_is_the_name(text: str, name: str) -> None:
    assert read(text).name == name


def test_a_request_signed_off_with_thanks_has_no_name() -> None:
    assert read("can I book Tuesday, Thanks So Much").name is None


@pytest.mark.parametrize(
    "text",
    [
        "oh no really? ok then can you book me friday",
        "no seriously? then just put me in for monday",
    ],
)
def test_a_no_of_surprise_is_no_no(text: str) -> None:
    assert not read(text, "phone_confirm").no


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("either 617 555 0142 or 617 555 0124, I muddle them. use the first one", "6175550142"),
        ("617 555 0142 or 617 555 0124? try the first", "6175550142"),
        ("617 555 0142 or 617 555 0124, probably the second", "6175550124"),
    ],
)
def test_of_two_numbers_the_one_picked_is_taken(text: str, digits: str) -> None:
    u = read(text, "phone")
    assert u.phone is not None and u.phone.digits == digits


@pytest.mark.parametrize(
    "text",
    [
        "tues 10am - push to next week same time pls",
        "i have appointment on thursday, please i need to make it to friday",
        "I've got one on Monday, could you make it Wednesday",
    ],
)
def test_a_move_said_short_or_as_a_learner_is_a_move(text: str) -> None:
    assert read(text).task == "reschedule"


@pytest.mark.parametrize(
    ("text", "hour"), [("monday at 14 hours please", 14), ("tuesday at 10 hours?", 10)]
)
def test_at_n_hours_is_that_hour(text: str, hour: int) -> None:
    u = read(text)
    assert u.when.time is not None and u.when.time.at is not None and u.when.time.at.hour == hour


def test_n_hours_said_as_how_long_is_no_time() -> None:
    assert read("I had a fever for 10 hours, can I come Monday").when.time is None


def test_a_time_wanted_back_with_a_reason_forgot_is_no_check() -> None:
    u = read("actually can i have my old slot back ten oclock i forgot i have a meeting at one")
    assert u.task != "list"
