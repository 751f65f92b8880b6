"""The judge's reading of a firm yes that names one of the times read out (pick50): a pick
of that time and a yes to it; a bare yes to several times, a hedged pick, or a time not read
out, no yes to anything."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from voice_agent.testing.callers.simulator import ScriptedCaller
from voice_agent.testing.callers.world import TIMEZONE, Person, World

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=TIMEZONE)  # Wednesday
MONDAY = date(2026, 11, 30)
TUESDAY = date(2026, 12, 1)
ANN = Person("Ann Lee", "6465550177")
GREETING = "Hello, thank you for calling. How can I help you today?"
LIST = "On Monday, November 30th I have 9 AM, 10 AM or 2 PM. Which would you prefer?"
LIST_AND_ONE = (
    "On Monday, November 30th I have 10 AM, and on Tuesday, December 1st 9 AM or 11 AM. "
    "Shall I book Tuesday, December 1st at 9 AM?"
)


def _confirmed(agent: str, line: str) -> list[tuple[date | None, time | None]]:
    s = ScriptedCaller(World(now=NOW, caller=ANN, returning=False), ("Monday", line))
    s.respond(GREETING)
    s.respond(agent)
    return [(c.proposal.day, c.proposal.start) for c in s.log.confirmations]


@pytest.mark.parametrize(
    ("line", "slot"),
    [
        ("Yes, the ten o'clock, book that please.", (MONDAY, time(10))),
        ("Two? Yeah, two's grand.", (MONDAY, time(14))),
        ("Yep, 9 please, put me in for that", (MONDAY, time(9))),
        ("Nine, was it? Yes, nine will do nicely.", (MONDAY, time(9))),
    ],
)
def test_a_firm_yes_naming_one_time_of_a_list_picks_and_confirms_it(
    line: str, slot: tuple[date, time]
) -> None:
    assert _confirmed(LIST, line) == [slot]


@pytest.mark.parametrize(
    "line",
    [
        "Yes please.",
        "Yeah any of those is fine.",
        "Yes, nine or ten, either.",
        "Yes, maybe ten?",
        "Ten would do I think.",
        "Yes, ten if it's still free",
        "Yes, eleven.",  # not read out
        "Yes, but not ten.",
    ],
)
def test_a_bare_hedged_or_unknown_pick_confirms_nothing(line: str) -> None:
    assert _confirmed(LIST, line) == []


def test_a_yes_naming_another_time_read_out_before_the_question_is_a_yes_to_that_one() -> None:
    assert _confirmed(LIST_AND_ONE, "Yes, Monday at ten is good, book it.") == [(MONDAY, time(10))]
    assert _confirmed(LIST_AND_ONE, "Yes, the eleven.") == [(TUESDAY, time(11))]
    # the ten read out for Monday and no ten on Tuesday: Tuesday at ten was never offered
    assert (TUESDAY, time(10)) not in _confirmed(LIST_AND_ONE, "Yes, Tuesday at ten.")
    assert (MONDAY, time(10)) not in _confirmed(LIST_AND_ONE, "Yes, Tuesday at ten.")


def test_a_firm_yes_naming_a_change_asked_about_earlier_is_a_yes_to_that_change() -> None:
    s = ScriptedCaller(
        World(now=NOW, caller=ANN, returning=True),
        ("Can Monday go earlier?", "Tuesday?", "Ah well. Yes, nine o'clock then."),
    )
    s.respond(GREETING)
    s.respond(
        "Shall I move your appointment from Monday, November 30th at 3 PM to Monday, "
        "November 30th at 9 AM?"
    )
    s.respond(
        "On Tuesday, December 1st I have noon or 1 PM. Shall I move your appointment from "
        "Monday, November 30th at 3 PM to Tuesday, December 1st at noon?"
    )
    assert [
        (c.proposal.kind, c.proposal.slot, c.proposal.previous) for c in s.log.confirmations
    ] == [("move", (MONDAY, time(9)), (MONDAY, time(15)))]


def test_the_clinic_hours_and_a_pair_asked_about_together_are_no_times_offered() -> None:
    hours = (
        "Sorry, 7 PM is outside our hours: appointments run from 9 AM, and the last one starts "
        "at 3 PM. On Tuesday, December 1st I have 2 PM or 3 PM. Shall I book Tuesday, December "
        "1st at 3 PM?"
    )
    assert (TUESDAY, time(9)) not in _confirmed(hours, "nine yes thats perfect")
    both = "Shall I book both, Monday, November 30th at 3 PM and Monday, November 30th at 2 PM?"
    assert _confirmed(both, "Yes please, book the two.") == [(MONDAY, time(15))]
    assert _confirmed(both, "Yes, those two.") == [(MONDAY, time(15))]


def test_a_time_offered_in_an_earlier_reply_and_read_back_since_can_still_be_picked() -> None:
    s = ScriptedCaller(
        World(now=NOW, caller=ANN, returning=False), ("Monday", "what times?", "The 11, yes.")
    )
    s.respond(GREETING)
    s.respond(
        "On Monday, November 30th I have times including 9 AM, 11 AM or 1 PM. Shall I book "
        "Monday, November 30th at 9 AM?"
    )
    s.respond("Just to confirm: shall I book Monday, November 30th at 9 AM?")
    assert [(c.turn, c.proposal.slot) for c in s.log.confirmations] == [(2, (MONDAY, time(11)))]


def test_a_firm_pick_of_the_time_proposed_is_a_yes_to_it() -> None:
    agent = (
        "On Tuesday, December 1st I have 11 AM, 1 PM or 3 PM. Shall I book Tuesday, December "
        "1st at 11 AM?"
    )
    assert _confirmed(agent, "Eleven, right. Book me for that one.") == [(TUESDAY, time(11))]


CLASH = (
    "Just to check: December 2nd is a Wednesday, not a Tuesday (Tuesday is the 1st). Which day "
    "would you like at 10 AM?"
)


def _after_clash(line: str) -> list[tuple[date | None, time | None]]:
    s = ScriptedCaller(
        World(now=NOW, caller=ANN, returning=True),
        ("Tuesday at ten?", "Tuesday the 2nd at 10, lovely.", line),
    )
    s.respond(GREETING)
    s.respond("Shall I book Tuesday, December 1st at 10 AM?")
    s.respond(CLASH)
    return [(c.proposal.day, c.proposal.start) for c in s.log.confirmations]


@pytest.mark.parametrize(
    "line",
    [
        "Oh, the 1st then, yes, Tuesday. Book it.",
        "Sorry - Tuesday the first, yes please.",
        "yeah the tuesday go ahead",
    ],
)
def test_a_firm_yes_with_the_day_to_which_day_at_a_time_is_a_yes_to_that_slot(line: str) -> None:
    # (leftovers53, f24-echo-wrong-date-then-right) the time is in the question, the day in the
    # answer: the slot proposed before the clash, agreed to
    assert _after_clash(line) == [(TUESDAY, time(10))]


@pytest.mark.parametrize(
    "line",
    ["The 1st, I think.", "Yes, Wednesday then.", "Tuesday, but maybe 11?", "Yes please."],
)
def test_no_firm_yes_with_one_day_to_which_day_confirms_nothing(line: str) -> None:
    assert _after_clash(line) == []


@pytest.mark.parametrize(
    "line",
    [
        "Monday at one, then, yes please.",  # fresh75 b09's way, with one o'clock read out
        "Yes, at one is lovely.",
        "Yeah, I'll take the one at one.",
    ],
)
def test_a_firm_yes_to_the_hour_one_said_after_at_picks_one_pm(line: str) -> None:
    agent = "On Monday, November 30th I have noon, 1 PM or 3 PM. Which would you prefer?"
    assert _confirmed(agent, line) == [(MONDAY, time(13))]


@pytest.mark.parametrize(
    "line",
    ["Yes, at one point I wanted noon.", "Yeah, one of those, at one stage."],
)
def test_at_one_point_or_one_of_those_is_no_hour(line: str) -> None:
    agent = "On Monday, November 30th I have noon, 1 PM or 3 PM. Which would you prefer?"
    assert _confirmed(agent, line) != [(MONDAY, time(13))]
