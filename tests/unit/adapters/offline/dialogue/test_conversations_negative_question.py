"""A clinic question put the negative way and heard without punctuation, as a recogniser writes
it ("isnt there anywhere to park", "dont you take aetna"): asked, and answered from the clinic
profile, as "is there ...?" is (voice48, the census of fresh69 by voice). A statement with a
"can't" or "don't" in it is no question for that."""

from __future__ import annotations

from pathlib import Path

import pytest

from voice_agent.adapters.offline.dialogue.history import UserTurn
from voice_agent.adapters.offline.dialogue.llm import DialogueLLM
from voice_agent.config import get_settings

_PROFILE = (
    'address = "12 Maple Street"\n'
    '[[faq]]\nquestion = "Do you take insurance?"\n'
    'answer = "We accept most plans, including Aetna."\nkeywords = ["insurance", "aetna"]\n'
    '[[faq]]\nquestion = "Is there parking?"\n'
    'answer = "There is free parking behind the building."\n'
    'keywords = ["park", "parking", "car"]\n'
    '[[faq]]\nquestion = "What should I bring?"\n'
    'answer = "Please bring a photo ID."\nkeywords = ["bring", "documents"]\n'
)


def _reply(tmp_path: Path, line: str) -> str:
    profile = tmp_path / "clinic.toml"
    profile.write_text(_PROFILE)
    engine = DialogueLLM(settings=get_settings(clinic_profile=profile)).engine
    return engine.decide([UserTurn(line)]).reply or ""


@pytest.mark.parametrize(
    ("line", "answer"),
    [
        ("hi there isnt there somewhere to park near the building", "free parking"),
        ("hello arent there spaces to park out front", "free parking"),
        ("morning um dont you cover aetna these days", "Aetna"),
        ("sorry cant i park round the back of the building", "free parking"),
        ("wont i need to bring documents for the first visit", "photo ID"),
        ("doesnt it matter that my insurance changed", "Aetna"),
    ],
)
def test_a_question_put_the_negative_way_is_answered(
    tmp_path: Path, line: str, answer: str
) -> None:
    reply = _reply(tmp_path, line)
    assert answer in reply, reply


@pytest.mark.parametrize(
    "line",
    [
        "i cant im at work all week my car is in the garage",
        "i dont think i need to bring anything",
    ],
)
def test_a_statement_with_a_cant_or_dont_asks_nothing(tmp_path: Path, line: str) -> None:
    reply = _reply(tmp_path, line)
    assert "free parking" not in reply and "photo ID" not in reply, reply
