"""Leftovers of the blind batches (leftovers52): a first name said with an offer to spell the
last name keeps the first name and adds the last name to it. Through a real text-mode session,
the real tools and a real database. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

import pytest

from voice_agent.bootstrap import Container

from .talk import talking

NEW = "4155550172"


# --- "Marta - do you want me to spell the surname?": the first name kept, the last added ------
@pytest.mark.parametrize(
    ("offer", "spelled"),
    [
        (
            "Dorota. Should I spell my last name? Nobody gets it right.",
            "Sure, it's Wisniewski, W-I-S-N-I-E-W-S-K-I. The number is 415 555 0172.",
        ),
        (
            "It's Dorota - shall I spell the surname for you?",
            "Wisniewski, W I S N I E W S K I, and my number's 415 555 0172.",
        ),
        (
            "Dorota, and I can spell the last name if you like, it's a long one.",
            "OK - Wisniewski. W-I-S-N-I-E-W-S-K-I. 415 555 0172.",
        ),
    ],
)
async def test_a_first_name_with_an_offer_to_spell_the_surname_keeps_both(
    container: Container, offer: str, spelled: str
) -> None:
    async with talking(container) as talk:
        await talk("Hi, I'd like to book an appointment on Monday at 10.")
        turn = await talk(offer)
        assert "last name" in turn.reply, talk.transcript()
        await talk.introduce(spelled)
        for _ in range(3):
            if await talk.user_name(NEW) is not None:
                break
            await talk("yes, that's right")
        assert await talk.user_name(NEW) == "Dorota Wisniewski", talk.transcript()
