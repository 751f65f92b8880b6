"""bench.stt_open_turns: the dialogue's reading of a line, and a written run scored again."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from bench import stt_open_turns

WEDNESDAY = date(2026, 11, 25)


def test_the_dialogues_reading_of_a_request() -> None:
    assert stt_open_turns.reading(
        "okay great i'd like to book monday at nine please", WEDNESDAY
    ) == [
        "2026-11-30",
        "09:00:00",
        "book",
    ]
    # "ten o'clock" lost: the morning alone
    assert stt_open_turns.reading("monday morning to to work", WEDNESDAY)[1] == "09:00:00-12:00:00"


def test_a_written_run_is_scored_again(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    row = {
        "call": "c",
        "voice": "v",
        "today": WEDNESDAY.isoformat(),
        "avg_logprob": -0.2,
        "no_speech_prob": 0.1,
    }
    rows = [
        {
            **row,
            "line": 0,
            "said": "hi i'd like to book monday at nine please",
            "domain": "hi i'd like to book sunday to nine please",
            "whisper": "hi i'd like to book monday at nine please",
            "whisper_asked": True,
            "heard": "hi i'd like to book monday at nine please",
            "source": "whisper",
        },
        {
            **row,
            "line": 3,
            "said": "monday morning ten o'clock",
            "domain": "monday morning to to work",
            "whisper": "monday morning ten o'clock",
            "whisper_asked": False,
            "heard": "monday morning to to work",
            "source": "domain",
        },
    ]
    written = tmp_path / "run.json"
    written.write_text(json.dumps(rows))
    assert stt_open_turns.main(["--replay", str(written)]) == 0
    printed = capsys.readouterr().out
    assert "opening: 1 lines, Whisper asked on 1, its reading stood on 1" in printed
    assert "later: 1 lines, Whisper asked on 0, its reading stood on 0" in printed
    later = printed.split("later:")[1]
    assert "Whisper    day 1/0/0/0  time 1/0/0/0" in later
    assert "product    day 1/0/0/0  time 0/1/0/0" in later
