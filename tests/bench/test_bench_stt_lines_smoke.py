"""bench.stt_lines runs end to end on a couple of lines and prints a word error rate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import stt_lines


def test_caller_lines_are_said_as_words() -> None:
    lines = stt_lines.caller_lines("scripts.toml")
    assert len(lines) > 100
    assert not any(c.isdigit() for line in lines for c in line)


def test_stt_lines_smoke(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "lines.json"
    assert stt_lines.main(["--scripts", "scripts.toml", "--limit", "2", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "scripts.toml" in printed and "load average" in printed
    doc = json.loads(out.read_text())
    row = doc["scripts.toml"]
    assert row["lines"] == 2 and row["words"] > 0 and row["wer"] >= 0.0
    assert all(len(r) == 3 for r in row["rows"])
