"""A call's recognition CPU, by turn kind: each feed's CPU goes to the turn it served."""

from __future__ import annotations

from collections import deque
from typing import Any

from voice_agent.adapters.offline.recognition_cpu import IDLE, CallCpu, CpuMeter
from voice_agent.adapters.offline.recognizer import Event
from voice_agent.testing.fakes.timer import ManualSeconds

PHONE = ("phone", 10)
YES_NO = ("yes_no", None)


class ScriptedStream:
    """A recogniser that returns the next scripted events and spends the next scripted CPU
    on each feed (read from its clock)."""

    def __init__(self, clock: ManualSeconds, script: list[tuple[float, list[Event]]]) -> None:
        self.clock = clock
        self.script = deque(script)
        self.decoders = None
        self.abandoned = False

    def feed(self, data: bytes, **kwargs: Any) -> list[Any]:
        spent, events = self.script.popleft()
        self.clock.t += spent
        return list(events)

    def abandon(self) -> None:
        self.abandoned = True


def _run(script: list[tuple[float, list[Event], Any]]) -> tuple[list[Event], CallCpu]:
    clock = ManualSeconds(0.0)
    stream = ScriptedStream(clock, [(spent, events) for spent, events, _ in script])
    meter = CpuMeter(stream, clock=clock)
    out: list[Event] = []
    for _, _, expect in script:
        out += meter.feed(b"\0\0", expect=expect)
    call = CallCpu()
    for ev in out:
        call.add(ev)
    return out, call


def test_a_turns_cpu_is_charged_to_the_kind_its_expectation_chose() -> None:
    out, call = _run(
        [
            (0.01, [], PHONE),  # listening: idle
            (0.05, [Event("start")], PHONE),
            (0.05, [Event("interim", "six one")], PHONE),
            (0.40, [Event("final", "six one seven", 1.0, 2.0, 5.5), Event("end")], PHONE),
            (0.02, [Event("usage", value=6.0)], YES_NO),
        ]
    )
    assert call.by_kind.keys() == {"phone10"}
    phone = call.by_kind["phone10"]
    assert phone.turns == 1
    assert abs(phone.cpu - 0.50) < 1e-9  # the start, the middle and the end of the turn
    assert abs(phone.speech - 3.5) < 1e-9
    assert abs(call.idle - 0.03) < 1e-9  # before the turn and after it
    assert abs(call.cpu - 0.53) < 1e-9
    assert call.audio == 6.0
    # the stream's own events pass through in order, each cpu event before what ended it
    assert [e.kind for e in out] == ["start", "interim", "cpu", "final", "end", "cpu", "usage"]


def test_the_kind_is_the_one_expected_when_the_turn_began_not_when_it_ended() -> None:
    _, call = _run(
        [
            (0.1, [Event("start")], YES_NO),
            (0.3, [Event("final", "yes", 1.0, 0.0, 1.0), Event("end")], PHONE),
        ]
    )
    assert call.by_kind.keys() == {"yes_no"}


def test_a_flush_that_decodes_what_the_endpointer_missed_is_a_turn() -> None:
    _, call = _run(
        [(0.2, [Event("final", "yes", 1.0, 0.0, 0.8), Event("usage", value=1.0)], YES_NO)]
    )
    assert call.by_kind["yes_no"].turns == 1
    assert abs(call.by_kind["yes_no"].cpu - 0.2) < 1e-9
    assert call.idle == 0.0


def test_an_empty_forced_final_with_no_turn_is_idle_listening() -> None:
    _, call = _run([(0.02, [Event("final", "", 0.0, 0.0, 0.0), Event("usage", value=1.0)], PHONE)])
    assert call.by_kind == {}
    assert abs(call.idle - 0.02) < 1e-9


def test_a_turn_with_no_words_still_ends_at_the_end_of_speech() -> None:
    _, call = _run(
        [
            (0.1, [Event("start")], PHONE),
            (0.1, [Event("end")], PHONE),
            (0.05, [], PHONE),
            (0.0, [Event("usage", value=2.0)], PHONE),
        ]
    )
    assert call.by_kind["phone10"].turns == 1
    assert abs(call.by_kind["phone10"].cpu - 0.2) < 1e-9
    assert abs(call.idle - 0.05) < 1e-9


def test_the_meter_passes_decoders_and_abandon_through() -> None:
    stream = ScriptedStream(ManualSeconds(0.0), [])
    meter = CpuMeter(stream)
    meter.abandon()
    assert stream.abandoned and meter.decoders is None


def test_idle_cpu_events_have_the_idle_kind() -> None:
    out, _ = _run([(0.01, [Event("usage", value=0.1)], PHONE)])
    assert out[0] == Event("cpu", IDLE, value=0.01)
