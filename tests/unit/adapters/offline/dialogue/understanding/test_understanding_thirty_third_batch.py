"""Readings a thirty-third blind batch (details in the forms people give them) showed were
missing, in other words than the corpus lines."""

from __future__ import annotations

from datetime import time

import pytest

from .reading import THURSDAY, TUESDAY, digits, read


@pytest.mark.parametrize(
    ("line", "end"),
    [
        ("any time tomorrow, as long as I'm done before my class at two", 14),
        ("I collect my son at two so it has to be before that", 14),
        ("thursday works, I pick the kids up at three", 15),
        ("before the school run at 11 if you can", 11),
    ],
)
def test_a_time_of_the_callers_own_day_is_a_limit_not_the_time_wanted(line: str, end: int) -> None:
    heard = read(line)
    assert heard.when.time is not None and heard.when.time.at is None, heard.when
    assert heard.when.time.window == (time(9), time(end))


def test_a_day_with_a_shift_after_it_keeps_the_day() -> None:
    heard = read("thursday any time, I've to be out before my shift at four")
    assert heard.when.day is not None and heard.when.day.dates == (THURSDAY,)
    assert heard.when.time is not None and heard.when.time.window == (time(9), time(16))


@pytest.mark.parametrize(
    "line", ["before my appointment at 3", "could I pick it up at ten", "could we do at ten"]
)
def test_a_slot_or_a_time_asked_for_is_no_limit(line: str) -> None:
    heard = read(line)
    assert heard.when.time is None or heard.when.time.window is None, heard.when


@pytest.mark.parametrize(
    "line",
    [
        "could I get the codes for all three of my appointments",
        "I wanted the confirmation number for Friday's",
        "hi, I'd like my booking codes please",
    ],
)
def test_codes_asked_for_in_the_plural_or_wanted_are_a_code_request(line: str) -> None:
    assert read(line).task == "code"


def test_a_code_mentioned_beside_a_cancel_is_still_a_cancel() -> None:
    assert read("I want to cancel, I've got the code here somewhere").task == "cancel"


@pytest.mark.parametrize(
    "line",
    [
        "hang on, was that M as in mother or N as in nancy?",
        "is it a zero or the letter O in the middle?",
        "sorry, was that a six or a letter b?",
        "can you spell it out in words for me, like a for apple",
        "and the last part again?",
    ],
)
def test_a_letter_of_what_was_read_out_asked_back_is_a_repeat(line: str) -> None:
    heard = read(line, asked="anything_else")
    assert heard.repeat and not heard.yes and not heard.correction


@pytest.mark.parametrize(
    "line",
    ["we're after something Thursday afternoon", "I need something tomorrow morning"],
)
def test_something_on_a_day_is_a_booking(line: str) -> None:
    assert read(line).task == "book"


def test_something_for_an_ailment_is_no_booking_yet() -> None:
    assert read("I need something for my headache").task is None


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("It's Mr Achterberg - first name Joost - 617 555 0100", "Joost Achterberg"),
        ("Dr Nair here - Priya, on 617 555 0100", "Priya Nair"),
        ("Mrs Lloyd-Evans here, Bethan, 617 555 0100", "Bethan Lloyd-Evans"),
        (
            "its dana mcgrath thats mcgrath m c g r a t h and my numbers six one seven five five"
            " five oh one oh oh",
            "Dana Mcgrath",
        ),
        (
            "kim hollis kim with one m and hollis is h o l l i s six one seven five five five oh"
            " one oh oh",
            "Kim Hollis",
        ),
        ("Renée Dubois, 617 555 0100", "Renée Dubois"),
        ("Zoë Adams - 617 555 0100", "Zoë Adams"),
    ],
)
def test_a_name_with_a_title_a_given_name_after_a_spelling_or_accents(line: str, name: str) -> None:
    assert read(line, asked="phone").name == name


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("five oh eight, five five five, oh four... wait, let me find it... oh four seven two",
         "5085550472"),
        ("617 555 0142 - sorry, 0124. 0124.", "6175550124"),
        ("three one two, five five five, oh nine, no, oh eight one one. Oh eight one one.",
         "3125550811"),
    ],
)  # fmt: skip
def test_a_group_begun_again_or_said_twice_after_a_correction(line: str, number: str) -> None:
    assert digits(line) == number


def test_a_number_with_two_groups_alike_is_kept_whole() -> None:
    assert digits("212 212 3434") == "2122123434"


def test_not_the_crack_of_dawn_is_past_the_first_hour() -> None:
    heard = read("Tuesday, not the crack of dawn please")
    assert heard.when.day is not None and heard.when.day.dates == (TUESDAY,)
    assert heard.when.time is not None and heard.when.time.window == (time(10), time(16))
