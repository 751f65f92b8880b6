"""Smoke test of bench/dialogue.py: a quick run writes the summary; shape only, no figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import dialogue
from voice_agent.testing.callers.corpus import SPLITS


def test_dialogue_quick_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "dialogue.json"
    assert dialogue.main(["--quick", "--json", str(out)]) == 0
    doc = json.loads(out.read_text())
    categories = doc["by_category"]
    assert len(categories) >= 15 and doc["calls"] == len(categories)
    assert 0 <= doc["passed"] <= doc["calls"]
    assert set(doc["by_split"]) == set(SPLITS)
    assert isinstance(doc["unconfirmed_changes"], int) and doc["median_turns"] > 0
    assert doc["path"] == "typed" and doc["environment"]["load_average"]
    printed = capsys.readouterr().out
    assert "TOTAL" in printed and "unconfirmed changes" in printed


def test_dialogue_prints_one_call(capsys: pytest.CaptureFixture[str]) -> None:
    assert dialogue.main(["--call", "dev/script/lost-my-code"]) == 0
    printed = capsys.readouterr().out
    assert "call dev/script/lost-my-code" in printed
    assert "caller > Hi, I lost my confirmation code" in printed


def test_dialogue_refuses_an_unknown_call() -> None:
    with pytest.raises(SystemExit, match="unknown call id"):
        dialogue.main(["--call", "dev/nope/00"])
