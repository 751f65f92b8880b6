"""bench.stt_cpu's bookkeeping: each part's own CPU (not its callees'), and the verdict on a
re-decode's change (no recogniser run: the timed functions are plain Python here)."""

from __future__ import annotations

import time

from bench.stt_cpu import Profile


def _spin(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def test_a_part_is_charged_its_own_time_not_its_callees() -> None:
    profile = Profile()
    profile.kind = "phone10"
    inner = profile.timed("whisper_digits", lambda: _spin(0.05))

    def outer() -> None:
        _spin(0.02)
        inner()

    profile.timed("end_of_turn", outer)()
    own = profile.cpu[("phone10", "end_of_turn")]
    assert 0.015 <= own < 0.045
    assert profile.cpu[("phone10", "whisper_digits")] >= 0.05
    assert profile.calls[("phone10", "whisper_digits")] == 1


class _Reading:
    def __init__(self, text: str) -> None:
        self.text = text


def test_changes_are_judged_against_the_reference() -> None:
    profile = Profile()
    second = profile.changed("whisper_digits", lambda utt, before: _Reading("six one seven"))
    keep = profile.changed("whisper_digits", lambda utt, before: before)
    no = profile.changed("whisper_answer", lambda utt, before: _Reading("no"))
    profile.kind, profile.ref = "phone3", "six one seven"
    second(None, _Reading("six one one"))  # wrong -> right
    keep(None, _Reading("six one one"))  # unchanged
    profile.ref = "five five five"
    second(None, _Reading("five five five"))  # right -> wrong
    second(None, _Reading("five five nine"))  # wrong -> another wrong
    profile.kind, profile.ref = "yes_no", "yes please"
    no(None, _Reading("yes"))  # right -> wrong
    assert profile.verdicts() == {
        "whisper_answer @ yes_no": {"worse": 1},
        "whisper_digits @ phone3": {"better": 1, "unchanged": 1, "worse": 1, "other": 1},
    }
