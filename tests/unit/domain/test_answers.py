"""Which of the agent's questions a caller's words can answer."""

from __future__ import annotations

import pytest

from voice_agent.domain.answers import asks_yes_or_no, said_before


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
