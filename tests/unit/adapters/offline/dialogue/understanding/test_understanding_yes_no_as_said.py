"""A caller's answer to "Shall I book ...?" as callers say it, and as a recogniser hands on a
garbled one: a "nope" or "nah" anywhere in it is a no, however it starts, and "I can't make
it" said alone refuses the time. Today is Wednesday 25 November 2026."""

from __future__ import annotations

from datetime import date

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Asked, Context, understand
from voice_agent.domain.listening import ANSWER_UNCLEAR

TODAY = date(2026, 11, 25)  # a Wednesday


def read(text: str, asked: Asked = "confirm"):  # type: ignore[no-untyped-def]
    return understand(text, Context(today=TODAY, asked=asked))


@pytest.mark.parametrize(
    "text",
    [
        "good nope please",  # a garbled "no, not that one" as the grammar heard it
        "okay... nope, keep looking",
        "fine, nah, what else is there?",
        "yeah nope",
        # a time said to be one the caller cannot make
        "I can't make it",
        "oh, we couldn't make that, sorry",
        "hmm, I won't be able to make it then",
        "I can't manage that one",
    ],
)
def test_a_nope_anywhere_or_a_time_the_caller_cannot_make_is_a_no(text: str) -> None:
    u = read(text)
    assert u.no and not u.yes


@pytest.mark.parametrize(
    "text",
    [
        "yes please, I can make it",
        "I can't make it any other day, so yes, book it",
        "no problem, go ahead",
    ],
)
def test_a_yes_that_says_it_can_be_made_stays_a_yes(text: str) -> None:
    u = read(text)
    assert u.yes and not u.no


@pytest.mark.parametrize("asked", ["confirm", "offer_book", "phone_confirm", "identity_confirm"])
def test_an_answer_the_recognisers_heard_both_ways_is_neither(asked: Asked) -> None:
    # listening.ANSWER_UNCLEAR: the recogniser's grammar heard a no, Whisper a yes; the
    # question is asked again, never taken either way
    u = read(ANSWER_UNCLEAR, asked)
    assert not u.yes and not u.no


@pytest.mark.parametrize(
    "text",
    ["not really sure, yes", "I'm not sure... um, yeah", "not quite sure, okay", "not really sure"],
)
def test_a_yes_said_unsure_is_asked_again_not_taken_either_way(text: str) -> None:
    # "not really" is a no; "not really sure, yes" was read as one too
    u = read(text)
    assert not u.yes and not u.no


@pytest.mark.parametrize("text", ["not really", "hmm, not quite", "not quite right, no"])
def test_not_really_and_not_quite_are_a_no(text: str) -> None:
    u = read(text)
    assert u.no and not u.yes
