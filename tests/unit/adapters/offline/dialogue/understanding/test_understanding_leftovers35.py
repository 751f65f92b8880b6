"""Readings the recent batches lacked: "yes right" to the caller's own details read back (a
yes; to a change it stays no yes), the hour the caller's work ends (free from the hour after),
and the days of appointments kept as they are ("Wednesday's fine, leave that one")."""

from __future__ import annotations

from datetime import time

import pytest

from .reading import MONDAY, WEDNESDAY_NEXT, read


# --- "yes right": to the caller's own number or name read back, a yes ------------------------
@pytest.mark.parametrize("text", ["yes right", "Yeah, right.", "oh yes right"])
@pytest.mark.parametrize("asked", ["phone_confirm", "identity_confirm", "name_confirm"])
def test_yes_right_to_the_callers_own_details_is_a_yes(text: str, asked: str) -> None:
    heard = read(text, asked)  # type: ignore[arg-type]
    assert heard.yes and not heard.no


@pytest.mark.parametrize("text", ["yes right", "yeah right", "Oh yeah, right."])
def test_yes_right_to_a_change_stays_no_yes(text: str) -> None:
    assert not read(text, "confirm").yes


@pytest.mark.parametrize(
    "text", ["yeah right, no, that's not my number", "yes right - oh wait, no, it ends in 7"]
)
def test_yes_right_taken_back_is_no_yes(text: str) -> None:
    assert not read(text, "phone_confirm").yes


# --- the hour work ends: from the hour after it ----------------------------------------------
@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("my shift finishes at two", time(15)),
        ("I finish at twelve on Mondays", time(13)),
        ("I finish work at one, so Friday", time(14)),
        ("work ends at 2 for me", time(15)),
    ],
)
def test_the_hour_work_ends_asks_for_the_hours_after_it(text: str, start: time) -> None:
    heard = read(text)
    assert heard.when.time is not None and heard.when.time.window is not None, heard.when
    assert heard.when.time.window[0] == start
    assert heard.when.time.at is None


def test_an_hour_asked_for_once_work_ends_is_that_hour() -> None:
    heard = read("could I come once I finish at two")
    assert heard.when.time is not None and heard.when.time.at == time(14)


# --- the day of an appointment kept as it is -------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "my Monday appointment won't work, Wednesday's fine, leave that one",
        "move my Monday one - the Wednesday one's okay, keep it",
        "I need to move Monday's; Wednesday's fine as it is",
        "the Monday one has to move, Wednesday's can stay",
    ],
)
def test_the_day_kept_as_it_is_is_ruled_out_and_the_other_meant(text: str) -> None:
    heard = read(text, "request")
    assert heard.when.day is not None and heard.when.day.dates == (MONDAY,), heard.when
    assert WEDNESDAY_NEXT in heard.when.rejected_days


@pytest.mark.parametrize(
    "text",
    ["Wednesday's fine for me", "Wednesday is fine, at ten", "Wednesday's good, keep it at ten"],
)
def test_a_day_that_suits_is_no_day_kept(text: str) -> None:
    heard = read(text, "datetime")
    assert heard.when.day is not None and heard.when.day.dates == (WEDNESDAY_NEXT,), heard.when
