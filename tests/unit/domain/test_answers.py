"""Which of the agent's questions a caller's words can answer."""

from __future__ import annotations

import pytest

from voice_agent.domain.answers import (
    BRISK_CHARS_PER_SECOND,
    asks_yes_or_no,
    question_of,
    question_was_played,
    said_before,
    seconds_before_question,
)


@pytest.mark.parametrize(
    "text",
    [
        "The earliest I have is Wednesday at 11 AM. Shall I book it?",
        "I have 10 or 11. Book 10?",
        "I have 2 1 2, 5 5 5, 0 1 0 0. Is that right?",
        "Thanks. Before I set up your account, is your number 6 4 6, 5 5 5, 0 1 7 7?",
        "Just to confirm, you'd like to cancel Friday at 9 AM?",
        "Okay, so that's Friday the 27th at 10 a.m.?",
        "Hello, thanks for calling! Am I speaking with John?",
    ],
)
def test_confirmations_and_read_backs_ask_yes_or_no(text: str) -> None:
    assert asks_yes_or_no(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hello! How can I help you today?",
        "On Friday I have 9, 10 or 11. Which would you prefer?",
        "Sure, what day would suit you?",
        "And what is your family name, your surname?",
        "Your appointment on Friday at 9 AM is booked.",
        "",
    ],
)
def test_open_questions_and_statements_do_not(text: str) -> None:
    assert not asks_yes_or_no(text)


def test_words_ended_before_the_question_began_were_not_said_to_it() -> None:
    assert said_before(speech_ended_at=10.0, question_started_at=10.5)
    assert not said_before(speech_ended_at=11.0, question_started_at=10.5)


REPLY = "Thanks, your account is set up. On Friday I have 10 AM or 11 AM. Shall I book 10 AM?"


def test_a_question_after_other_sentences_begins_seconds_into_the_reply() -> None:
    before = "Thanks, your account is set up. On Friday I have 10 AM or 11 AM. "
    assert question_of(REPLY) == "Shall I book 10 AM?"
    assert seconds_before_question(REPLY) == pytest.approx(len(before) / BRISK_CHARS_PER_SECOND)
    # briskly: sooner than any of our voices gets there (14-17 characters a second)
    assert len(before) / 14 > seconds_before_question(REPLY) > 2.5
    assert seconds_before_question("Shall I book it?") == 0.0
    assert seconds_before_question("  Is that   right? ") == 0.0


def test_a_reply_cut_off_before_its_question_asked_nothing() -> None:
    assert not question_was_played("Thanks, your account is set up.", REPLY)
    assert not question_was_played("Thanks, your account is set up. On Friday I have 10", REPLY)
    assert question_was_played(
        "Thanks, your account is set up. On Friday I have 10 AM or 11 AM. Shall", REPLY
    )
    assert question_was_played(REPLY, REPLY)
    assert question_was_played("Shall I", "Shall I book it?")
    assert not question_was_played("", "Shall I book it?")
