"""The corpus voice line end to end: a fixed script spoken by a non-demo espeak voice through
VAD, the offline recogniser, the dialogue engine, the tools and TTS. Success rates are measured
by ``python -m bench.dialogue --voice`` (bench/README.md); this checks the line itself works."""

from __future__ import annotations

import pytest

from voice_agent.testing.callers.corpus import corpus
from voice_agent.testing.callers.report import run_one
from voice_agent.testing.callers.voice import VOICES, open_voice_line, spoken_form

pytestmark = pytest.mark.slow


def test_phone_numbers_are_spoken_digit_by_digit() -> None:
    assert spoken_form("it's 646 555 0177") == "it's 6 4 6, 5 5 5, 0 1 7 7"
    assert spoken_form("at 10:30 on the 3rd") == "at 10:30 on the 3rd"


async def test_a_script_spoken_by_another_voice_gets_an_answer_to_every_line() -> None:
    call = next(c for c in corpus() if c.id == "dev/script/lost-my-code")
    voice = VOICES[0]
    assert voice.name != "en-us+klatt"

    def line(world):  # type: ignore[no-untyped-def]
        return open_voice_line(world, voice=voice)

    result = await run_one(call, line)
    turns = result.record.turns
    assert turns, "no caller line was played"
    assert all(t.replies for t in turns[:-1]), [t.caller for t in turns if not t.replies]
    assert result.record.greeting.startswith("Hello")
    assert result.verdict.checks, "the call was not judged"
