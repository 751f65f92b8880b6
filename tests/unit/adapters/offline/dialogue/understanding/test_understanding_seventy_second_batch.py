"""What a caller rings about on a Friday afternoon, read as the engine reads the first line
(fresh72, issue 10): when someone at home is next in, asked for them; a booking rung back about
because its time or day was not caught; the one held moved to when the caller is back from a
trip; the one booked earlier made another day or time; an hour said before its weekday ("eleven
on Thursday"), not a count ("I've got two on Friday"). Today is Wednesday 25 November 2026."""

from __future__ import annotations

from datetime import time

import pytest

from .reading import read, tasks


@pytest.mark.parametrize(
    "text",
    [
        "my son's lost his card again - when does he next come in?",
        "When's our daughter next in, please?",
        "ringing for my mum, when is she next booked?",
        "I phoned earlier and booked Friday, but I never wrote down what time it was",
        "I rang yesterday and made an appointment, but I couldn't hear the time properly",
    ],
)
def test_when_someone_at_home_is_next_in_or_a_time_not_caught_asks_what_is_held(
    text: str,
) -> None:
    assert tasks(text) == ["list"]


@pytest.mark.parametrize(
    "text",
    [
        "we're away till the 20th, so can you put it to after we're home?",
        "could you stick it for when I get back from my trip",
        "I booked the 9th earlier, could we make it the 11th?",
        "I booked Monday at ten yesterday but could you make it the afternoon?",
    ],
)
def test_the_one_held_moved_to_after_a_trip_or_made_another_time_is_a_move(text: str) -> None:
    assert tasks(text) == ["reschedule"]


def test_a_time_not_caught_mid_call_is_no_question_about_what_is_held() -> None:
    # asked again for what was just said, nothing booked before it named
    assert "list" not in tasks("sorry, I didn't catch what time you said")


@pytest.mark.parametrize(
    ("text", "hour"),
    [
        ("Yes, eleven on Thursday, lovely.", 11),
        ("two on Friday would be good", 14),
        ("ok, 10 on next Monday then", 10),
    ],
)
def test_an_hour_said_before_its_weekday_is_the_hour(text: str, hour: int) -> None:
    u = read(text, asked="anything_else")
    assert u.when.time is not None and u.when.time.at == time(hour)


@pytest.mark.parametrize("text", ["I've got two on Friday", "cancel the two on Monday"])
def test_a_count_before_a_weekday_is_no_hour(text: str) -> None:
    assert read(text).when.time is None
