"""The blind caller voices are held out: no voice list the project tunes on holds them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from voice_agent.testing.callers.cli import main, parser
from voice_agent.testing.callers.voice import BLIND_VOICES, FLITE_VOICES, VOICE_SETS, VOICES

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


def test_the_flite_set_is_another_synthesiser_and_labelled_so() -> None:
    assert VOICE_SETS["flite"] is FLITE_VOICES
    assert {v.engine for v in FLITE_VOICES} == {"flite"}
    assert {v.engine for v in VOICES + BLIND_VOICES} == {"espeak-ng"}
    labels = [v.label for v in FLITE_VOICES]
    assert len(set(labels)) == len(labels)  # eight distinct voices, not one repeated
    assert all(label.startswith("flite:") for label in labels)


def test_the_flite_set_without_the_flite_program_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", "")  # no flite to be found, whatever the machine has
    with pytest.raises(SystemExit) as refused:
        main(["--voice", "--voice-set", "flite", "--split", "stranger", "--limit", "1"])
    assert refused.value.code == 2
    assert "apt-get install flite" in capsys.readouterr().err


def test_a_flite_voice_without_the_program_says_what_it_needs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(RuntimeError, match="needs the flite program"):
        FLITE_VOICES[0].speak("hello")


def test_a_caller_line_sounds_the_same_whatever_was_rendered_before() -> None:
    # the recorded voice bench's caller lines went through the process's shared espeak
    # engine: the agent's replies and the other call's lines rendered before them, and the
    # clock-seeded breath noise of en-us+f2, changed their samples run to run (voice30 round)
    from voice_agent.adapters.offline import espeak

    voice = next(v for v in VOICES if v.name == "en-us+f2")
    first, rate = voice.speak("Oh right, thank you. Bye.")
    espeak.synth("Let me check what we have on Thursday.", espeak.VoiceSettings("en-us+f2"))
    voice.speak("Six four six, five five five, zero one seven seven.")
    again, again_rate = voice.speak("Oh right, thank you. Bye.")
    assert rate == again_rate
    assert first.tobytes() == again.tobytes()
