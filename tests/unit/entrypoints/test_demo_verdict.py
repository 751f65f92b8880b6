"""The demo's verdict on a call: the right database state is not enough when the change was
made on the wrong turn (a loaded machine put the caller's turns a step behind the agent's)."""

from __future__ import annotations

from voice_agent.adapters.offline.calls import TurnRecord
from voice_agent.entrypoints.demo import SCENARIOS, Scenario, pacing_problem

CANCEL = next(s for s in SCENARIOS if s.name == "3-cancel")
AVAILABILITY = next(s for s in SCENARIOS if s.name == "4-availability")
CANCELLED = ["cancelled 2026-12-04 09:00"]


def _turn(caller: str, *heard: str, changes: list[str] | None = None) -> TurnRecord:
    return TurnRecord(
        caller=caller, heard=" / ".join(heard), transcripts=list(heard), changes=changes or []
    )


def test_every_scenario_that_changes_an_appointment_names_the_yes_that_allows_it() -> None:
    for scenario in SCENARIOS:
        if scenario.confirmed_by is not None:
            assert scenario.confirmed_by in scenario.lines, scenario.name


def test_a_change_on_the_callers_yes_in_step_passes() -> None:
    turns = [
        _turn("I need to cancel my appointment.", "i need to cancel my appointment"),
        _turn(CANCEL.lines[1], "one two three four five six seven eight nine zero"),
        _turn("Yes please.", "yes please", changes=CANCELLED),
        _turn("No, goodbye.", "no goodbye"),
    ]
    assert pacing_problem(CANCEL, turns) is None


def test_a_cancel_confirmed_on_the_audio_of_goodbye_fails() -> None:
    """The tester's run: "Yes please" was transcribed a turn late and the cancel went
    through while the caller was saying "No, goodbye"; the table said OK."""
    turns = [
        _turn("I need to cancel my appointment.", "i need to cancel my appointment"),
        _turn(CANCEL.lines[1], "one two three four five six seven eight nine zero"),
        _turn("Yes please."),
        _turn("No, goodbye.", "yes please", "no goodbye", changes=CANCELLED),
    ]
    problem = pacing_problem(CANCEL, turns)
    assert problem is not None and "'No, goodbye.'" in problem


def test_a_change_on_the_yes_turn_that_also_heard_a_late_line_fails() -> None:
    """The number arrived late, in the yes's turn: the yes was said before the agent asked."""
    turns = [
        _turn("I need to cancel my appointment.", "i need to cancel my appointment"),
        _turn(CANCEL.lines[1]),
        _turn(
            "Yes please.",
            "one two three four five six seven eight nine zero",
            "yes please",
            changes=CANCELLED,
        ),
    ]
    problem = pacing_problem(CANCEL, turns)
    assert problem is not None and "out of step" in problem


def test_a_line_the_agent_never_heard_fails_the_call() -> None:
    turns = [_turn("What times are available on Friday?", "what times are available on friday")]
    turns.append(TurnRecord(caller="No thanks. Goodbye.", problem="not heard: no transcript"))
    problem = pacing_problem(AVAILABILITY, turns)
    assert problem is not None and "not heard" in problem


def test_a_change_in_a_call_that_should_change_nothing_fails() -> None:
    scenario = Scenario("x", "x", ["Hello."], AVAILABILITY.check)
    problem = pacing_problem(scenario, [_turn("Hello.", "hello", changes=CANCELLED)])
    assert problem is not None and "should change none" in problem
