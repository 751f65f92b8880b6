"""The recognition CPU of spoken corpus calls: per call, its median over calls, per turn kind;
calls that failed only on a name left for the front desk."""

from __future__ import annotations

from typing import Any

from voice_agent.adapters.offline.recognition_cpu import CallCpu, KindCpu
from voice_agent.testing.callers.checks import Check, Verdict
from voice_agent.testing.callers.report import (
    Result,
    format_recognition_cpu,
    heard_by_call,
    name_only_failure,
    recognition_cpu,
)


class _Call:
    def __init__(self, cid: str) -> None:
        self.id = cid


class _Record:
    def __init__(self, recognition: CallCpu | None) -> None:
        self.recognition = recognition


class _Result:
    def __init__(self, cid: str, recognition: CallCpu | None) -> None:
        self.call = _Call(cid)
        self.record = _Record(recognition)


def _cpu(audio: float, idle: float, **kinds: tuple[int, float, float]) -> CallCpu:
    return CallCpu(audio, idle, {k: KindCpu(*v) for k, v in kinds.items()})


def test_whole_calls_and_turn_kinds_are_summed_separately() -> None:
    results: list[Any] = [
        _Result("a", _cpu(100.0, 1.0, domain=(2, 1.0, 10.0), phone10=(1, 2.0, 5.0))),
        _Result("b", _cpu(50.0, 0.5, domain=(1, 0.5, 5.0))),
        _Result("c", _cpu(200.0, 2.0, yes_no=(2, 1.0, 2.0))),
        _Result("typed", None),
    ]
    doc = recognition_cpu(results)
    assert doc is not None
    assert doc["calls"] == 3
    assert doc["per_call"]["a"]["per_audio_s"] == 0.04  # (1 + 1 + 2) / 100
    assert doc["per_call"]["a"]["per_speech_s"] == round(4.0 / 15.0, 4)
    assert doc["median_per_audio_s"] == 0.02  # a 0.04, b 0.02, c 0.015
    assert doc["total_per_audio_s"] == round(8.0 / 350.0, 4)
    assert doc["idle_per_audio_s"] == 0.01
    assert doc["by_kind"]["domain"] == {
        "turns": 3,
        "speech_s": 15.0,
        "cpu_s": 1.5,
        "per_speech_s": 0.1,
    }
    assert doc["by_kind"]["phone10"]["per_speech_s"] == 0.4
    assert "phone10" in format_recognition_cpu(doc)


def test_typed_calls_have_no_recognition_cpu() -> None:
    assert recognition_cpu([_Result("typed", None)]) is None  # type: ignore[list-item]


def _judged(*checks: Check, name_left_for_staff: bool) -> Result:
    verdict = Verdict(checks=list(checks), name_left_for_staff=name_left_for_staff)
    record: Any = None  # not read: the verdict alone says whether the name was the one failure
    return Result(record, verdict)


def test_a_call_failed_only_on_the_unknown_name_is_told_apart() -> None:
    name = Check("end state", False, "registered as 'Unknown Caller', not 'Ann Lee'")
    assert name_only_failure(_judged(Check("key phrases", True), name, name_left_for_staff=True))
    also_rude = Check("ending", False, "hung up without a goodbye")
    assert not name_only_failure(_judged(name, also_rude, name_left_for_staff=True))
    assert not name_only_failure(_judged(name, name_left_for_staff=False))


def test_spoken_calls_keep_what_each_line_was_heard_as() -> None:
    # two runs of the recorded bench are compared call by call and turn by turn (voice30)
    from voice_agent.testing.callers.runner import Turn

    class _Heard:
        def __init__(self, cid: str, passed: bool, heard: list[str | None]) -> None:
            self.call = _Call(cid)
            self.passed = passed
            self.record = _Record(None)
            self.record.turns = [Turn("line", (), (), False, h) for h in heard]  # type: ignore[attr-defined]

    results: list[Any] = [
        _Heard("spoken", False, ["[phone 10] six four six", "[yes_no] yes"]),
        _Heard("typed", True, [None, None]),
    ]
    assert heard_by_call(results) == {
        "spoken": {"passed": False, "heard": ["[phone 10] six four six", "[yes_no] yes"]}
    }
