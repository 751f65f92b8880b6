"""The blind caller voices are held out: no voice list the project tunes on holds them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from voice_agent.testing.callers.cli import main, parser
from voice_agent.testing.callers.voice import BLIND_VOICES, VOICE_SETS, VOICES

BENCH = Path(__file__).resolve().parents[4] / "bench"


def _voice_names_in(path: Path) -> set[str]:
    """Every string constant in a bench module that looks like an espeak-ng English voice."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and (node.value == "en" or node.value.startswith(("en-", "en+")))
    }


def test_no_blind_voice_is_one_tuned_on() -> None:
    tuned = {v.name for v in VOICES} | {"en-us+klatt"}
    for module in ("stt_eval.py", "stt_wer.py", "vad_lag.py", "voice.py"):
        tuned |= _voice_names_in(BENCH / module)
    blind = {v.name for v in BLIND_VOICES}
    assert len(blind) == len(BLIND_VOICES)
    assert not blind & tuned
    # nor one of their variants: the part after "+" is new to the project
    tuned_variants = {name.partition("+")[2] for name in tuned} - {""}
    assert not {name.partition("+")[2] for name in blind} & tuned_variants


def test_the_blind_set_is_chosen_with_voice_only() -> None:
    args = parser().parse_args(["--voice", "--voice-set", "blind"])
    assert VOICE_SETS[args.voice_set] is BLIND_VOICES
    assert parser().parse_args(["--voice"]).voice_set == "tuned"
    with pytest.raises(SystemExit):
        parser().parse_args(["--voice", "--voice-set", "demo"])
    with pytest.raises(SystemExit) as refused:
        main(["--voice-set", "blind", "--split", "stranger"])  # typed calls have no voice
    assert refused.value.code == 2
