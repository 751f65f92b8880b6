"""The browser tests' caller: what it takes for the agent asking to hear a line again."""

from __future__ import annotations

import pytest

from voice_agent.testing.browser import ASKED_AGAIN


@pytest.mark.parametrize(
    "agent",
    [
        "Sorry, I want to be sure I have your number right. Could you say it once more, "
        "a little slowly?",
        "Sorry, I didn't catch that. Could you say it again?",
        "Could you say the full ten-digit number again?",
        "Sorry, I didn't catch the number. Could you tell me your phone number?",
        "Sorry, I still didn't get that. May I have your phone number, please?",
        "Sorry, could you repeat that again?",
    ],
)
def test_a_request_to_hear_it_again_is_one(agent: str) -> None:
    assert ASKED_AGAIN.search(agent)


@pytest.mark.parametrize(
    "agent",
    [
        "Hello, thank you for calling Maple Street Clinic. How can I help you today?",
        "Sure, I can help with that. May I have your phone number, please?",
        "Sorry, let's take it in parts. What are the first three digits?",
        "I don't have an account under 3 1 0, 5 5 5, 2 6 8 9. Shall I set one up?",
        "Please call again if there's anything else. Goodbye.",
        "Say when you're ready, and I'll book it again for next week.",
    ],
)
def test_a_question_or_a_goodbye_is_not_one(agent: str) -> None:
    assert not ASKED_AGAIN.search(agent)
