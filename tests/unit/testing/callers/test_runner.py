"""Which caller a corpus call gets on a line: a recorded call file never repairs its number."""

from __future__ import annotations

from dataclasses import dataclass

from voice_agent.testing.callers.corpus import corpus
from voice_agent.testing.callers.runner import make_caller, repairs
from voice_agent.testing.callers.simulator import ScriptedCaller, SpokenScriptedCaller


@dataclass
class _Line:
    mishears: bool = False
    recorded: bool = False


def test_only_a_live_spoken_line_gets_the_caller_who_repairs_its_number() -> None:
    assert repairs(_Line(mishears=True))
    assert not repairs(_Line(mishears=True, recorded=True))
    assert not repairs(_Line())
    assert not repairs(object())  # type: ignore[arg-type]


def test_a_recorded_script_says_its_lines_whatever_the_agent_heard() -> None:
    call = next(c for c in corpus() if c.lines is not None and c.goal.task == "book")
    recorded = make_caller(call, spoken=repairs(_Line(mishears=True, recorded=True)))
    assert type(recorded) is ScriptedCaller
    assert isinstance(make_caller(call, spoken=True), SpokenScriptedCaller)
    wrong = "I don't have an account under 1 1 1, 5 5 5, 0 0 0 0. If that number is right?"
    assert call.lines is not None
    said = [recorded.respond(wrong) for _ in call.lines]
    assert said == list(call.lines)
