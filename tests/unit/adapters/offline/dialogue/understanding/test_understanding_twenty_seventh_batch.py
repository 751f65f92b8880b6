"""Ways of saying things that a twenty-seventh batch of blind calls (repeating visits, two
changes of mind, callers unsure of their own number, questions on separate turns, hedged
requests, slips put right at the read-back) showed the reader missed, each said here in other
words than the corpus lines. Today is Wednesday 25 November 2026; the clinic opens 9-16."""

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
        "how long's a usual appointment, roughly?",
        "and how long would a new patient visit be?",
        "how long will we be there for, do you think?",
        "how long would I need to be in for",
    ],
)
def test_how_long_a_kind_of_visit_or_a_stay_takes_is_a_question(text: str) -> None:
    assert "duration" in read(text).questions


@pytest.mark.parametrize(
    "text", ["ok yes book that 1 pls", "yep this 1 is fine thx", "either 1 works for me"]
)
def test_a_texted_that_1_is_a_pronoun_not_one_oclock(text: str) -> None:
    u = read(text, asked="confirm")
    assert u.when.time is None


def test_a_texted_1_pm_after_this_is_still_the_hour() -> None:
    u = read("can we do this 1pm instead")
    assert u.when.time is not None and u.when.time.at is not None
    assert u.when.time.at.hour == 13
