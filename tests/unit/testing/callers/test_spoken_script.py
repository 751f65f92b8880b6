"""A fixed script said over a voice line answers about its own number as a person would."""

from __future__ import annotations

from datetime import datetime

from voice_agent.testing.callers.simulator import (
    MAX_NAME_REPLIES,
    MAX_NUMBER_REPLIES,
    RecordedScriptedCaller,
    ScriptedCaller,
    SpokenScriptedCaller,
)
from voice_agent.testing.callers.world import TIMEZONE, Person, World

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=TIMEZONE)
WORLD = World(now=NOW, caller=Person("Dennis Moore", "2075550168"), returning=False)
GREETING = "Hello, thank you for calling. How can I help you today?"
LINES = (
    "I'd like to book Monday at ten",
    "It's 207-555-0168",
    "Yes. Dennis Moore",
    "Yes please",
    "No, that's all, bye",
)
ASK = "Sure, I can help with that. May I have your phone number, please?"
WRONG = (
    "I don't have an account under 2 0 3, 5 5 5, 0 1 6 8. If that number is right, "
    "may I have your full name to set one up?"
)
RIGHT = WRONG.replace("2 0 3", "2 0 7")


def test_a_wrong_read_back_is_denied_and_the_script_resumes() -> None:
    s = SpokenScriptedCaller(WORLD, LINES)
    assert s.respond(GREETING) == LINES[0]
    assert s.respond(ASK) == LINES[1]
    assert s.respond(WRONG) == "No, that's not right."
    assert s.respond("Sorry about that. " + ASK) == "It's 207 555 0168."
    assert s.respond(RIGHT) == LINES[2]
    assert s.log.lines == [
        LINES[0],
        LINES[1],
        "No, that's not right.",
        "It's 207 555 0168.",
        LINES[2],
    ]
    # the typed script says its next line whatever it hears
    typed = ScriptedCaller(WORLD, LINES)
    typed.respond(GREETING)
    typed.respond(ASK)
    assert typed.respond(WRONG) == LINES[2]


def test_groups_are_given_and_checked_against_the_callers_number() -> None:
    s = SpokenScriptedCaller(WORLD, LINES)
    s.respond(GREETING)
    s.respond(ASK)
    assert (
        s.respond("Let's check it in parts. The first three digits: 2 0 7. Is that right?")
        == "Yes."
    )
    assert s.respond("And the next three: 5 5 9?") == "No."
    assert s.respond("I have 2 0 7. And the next three digits?") == "5 5 5."
    assert s.respond("I have 207 so far. And the rest of the number?") == "5 5 5 0 1 6 8."


def test_the_rest_of_a_number_asked_for_plainly_is_given() -> None:
    """The agent asks for the rest of a number plainly once it went unheard ("I still need
    the last 4 digits"): a person gives them, as to "And the rest of the number?"."""
    s = SpokenScriptedCaller(WORLD, LINES)
    s.respond(GREETING)
    s.respond(ASK)
    plain = (
        "Sorry, I still need the last 4 digits of your number. I have 2 0 7, 5 5 5 so far. "
        "Or, to start over, say the whole number."
    )
    assert s.respond(plain) == "0 1 6 8."
    again = "Sorry, just the last 4 digits, please: I have 2 0 7, 5 5 5 so far."
    assert s.respond(again) == "0 1 6 8."


def test_the_script_comes_first_before_a_number_and_for_its_own_correction() -> None:
    s = SpokenScriptedCaller(WORLD, LINES)
    # no number said yet: the script answers
    assert s.respond(GREETING) == LINES[0]
    assert s.respond(WRONG) == LINES[1]
    own = SpokenScriptedCaller(WORLD, ("Hi", "It's 203 555 0168", "No sorry, it's 207", "bye"))
    own.respond(GREETING)
    own.respond(ASK)
    assert own.respond(WRONG) == "No sorry, it's 207"


def test_a_taken_back_line_keeps_its_turn_index_after_extra_lines() -> None:
    s = SpokenScriptedCaller(WORLD, LINES)
    s.log.corrected_at = 3
    s.respond(GREETING)
    s.respond(ASK)
    s.respond(WRONG)  # an extra line at turn 2: script line 3 is now said at turn 4
    assert s.log.corrected_at == 4


def test_extra_lines_are_bounded() -> None:
    s = SpokenScriptedCaller(WORLD, LINES)
    s.respond(GREETING)
    s.respond(ASK)
    said = [s.respond(WRONG) for _ in range(MAX_NUMBER_REPLIES + 1)]
    assert said.count("No, that's not right.") == MAX_NUMBER_REPLIES
    assert said[-1] == LINES[2]


def test_a_name_read_back_is_checked_and_spelled_when_asked() -> None:
    s = SpokenScriptedCaller(WORLD, LINES)
    s.respond(GREETING)
    s.respond(ASK)
    assert s.respond(RIGHT) == LINES[2]
    assert s.respond("I have your name as Dennis Morrow. Is that right?") == (
        "No, that's not right."
    )
    spelled = s.respond("Sorry. Could you spell it for me, letter by letter?")
    assert spelled == "D E N N I S, M O O R E."
    assert s.respond("I have your name as D E N N I S M O O R. Is that right?") == (
        "No, that's not right."
    )
    assert s.respond("I have your name as D E N N I S M O O R E. Is that right?") == (
        "Yes, that's right."
    )
    assert s.respond("Thanks, Dennis, your account is set up. Shall I book it?") == LINES[3]
    # a name read back in the booking question: a wrong one is denied, the caller's own
    # left to the script's answer to the booking
    s = SpokenScriptedCaller(WORLD, LINES)
    s.respond(GREETING)
    s.respond(ASK)
    assert s.respond(RIGHT) == LINES[2]
    wrong = "I have your name as Dennis Morrow. Shall I book Friday, November 27th at 10 AM?"
    assert s.respond(wrong) == "No, that's not my name."
    right = "I have your name as Dennis Moore. Shall I book Friday, November 27th at 10 AM?"
    assert s.respond(right) == LINES[3]
    # the typed script says its next line whatever it hears
    typed = ScriptedCaller(WORLD, LINES)
    typed.respond(GREETING)
    typed.respond(ASK)
    typed.respond(RIGHT)
    assert typed.respond("I have your name as Dennis Morrow. Is that right?") == LINES[3]


def test_a_recorded_script_spells_its_name_when_asked_and_keeps_its_lines() -> None:
    """A recorded call's person spells when asked and answers their own name read back; its
    number is never repaired, and the script goes on where it was."""
    world = World(now=NOW, caller=Person("Vera Kowalski", "2075550132"), returning=False)
    lines = ("Book Monday at nine", "207 555 0132", "Yes. Vera Kowalski", "Yes", "Bye")
    s = RecordedScriptedCaller(world, lines)
    assert s.respond(GREETING) == lines[0]
    assert s.respond(ASK) == lines[1]
    # a wrong number read back: a recording says its next line (no repair)
    assert s.respond(WRONG) == lines[2]
    spell = "I want to be sure I have your name right. Could you spell that, letter by letter?"
    assert s.respond(spell) == "V E R A, K O W A L S K I."
    assert s.respond("I have your name as V E R A, K O W A L S K Y. Is that right?") == (
        "No, that's not right."
    )
    assert s.respond("I'll note your name for the front desk. Shall I book it?") == lines[3]
    assert s.respond("Booked. Anything else?") == lines[4]
    assert s.respond("Goodbye") is None
    # the same script typed says its next line to the spelling question
    typed = ScriptedCaller(world, lines)
    for text in (GREETING, ASK, WRONG):
        typed.respond(text)
    assert typed.respond(spell) == lines[3]


def test_a_recorded_caller_answers_about_its_name_a_bounded_number_of_times() -> None:
    s = RecordedScriptedCaller(WORLD, LINES)
    s.respond(GREETING)
    said = [s.respond("Could you spell your name for me?") for _ in range(MAX_NAME_REPLIES + 1)]
    assert said[:-1] == ["D E N N I S, M O O R E."] * MAX_NAME_REPLIES
    assert said[-1] == LINES[1]


def test_a_recorded_caller_asked_for_their_name_again_says_it_again() -> None:
    world = World(now=NOW, caller=Person("Rosa Delgado", "6465550124"), returning=False)
    lines = ("Friday about one", "646 555 0124", "Yeah that's right. Rosa Delgado", "Yes", "Bye")
    s = RecordedScriptedCaller(world, lines)
    s.respond(GREETING)
    s.respond(ASK)
    first = "I don't have an account under 6 4 6. If that's right, may I have your full name?"
    assert s.respond(first) == lines[2]
    again = "Sorry, I didn't catch your name. May I have your full name, please?"
    assert s.respond(again) == "It's Rosa Delgado."
    assert s.respond("Please say your first and last name.") == "It's Rosa Delgado."
    assert s.respond("Shall I book Friday, November 27th at 1 PM?") == lines[3]


def test_a_recorded_caller_gives_no_name_it_has_not_said_or_is_about_to_say() -> None:
    world = World(now=NOW, caller=Person("Rosa Delgado", "6465550124"), returning=False)
    first = "If that number is right, may I have your full name to set one up?"
    again = "May I have your full name, please?"
    # not said yet: the script's lines answer
    lines = ("Friday about one", "646 555 0124", "Yes", "Rosa Delgado", "Bye")
    s = RecordedScriptedCaller(world, lines)
    for text in (GREETING, ASK):
        s.respond(text)
    assert s.respond(first) == lines[2]
    assert s.respond(again) == lines[3]
    # said in the opening, asked once: the script's answer to the read-back comes first
    lines = ("Hi, I'm Rosa Delgado", "646 555 0124", "Yes, that's right", "Friday at one", "Bye")
    s = RecordedScriptedCaller(world, lines)
    for text in (GREETING, ASK):
        s.respond(text)
    assert s.respond(first) == lines[2]
    assert s.respond(again) == "It's Rosa Delgado."
    # a part of the name asked for is no repeat of the whole
    assert s.respond("Thanks, Rosa. And your last name?") == lines[3]


def test_the_callers_own_name_before_the_times_offered_is_no_wrong_name() -> None:
    """The name read back in the booking turn ends with its sentence: the times offered after
    it are no part of it (a person says yes to their own name there)."""
    world = World(now=NOW, caller=Person("Tobias Wright", "6155550171"), returning=False)
    lines = ("Wednesday after lunch", "615 555 0171", "Yes. Tobias Wright", "Yes please", "Bye")
    own = (
        "I have your name as Tobias Wright. On Wednesday, December 2nd I have 2 PM or 3 PM. "
        "Shall I book Wednesday, December 2nd at 2 PM?"
    )
    other = own.replace("Tobias Wright", "Toby Ask Right")
    name = "If that number is right, may I have your full name?"
    for kind in (RecordedScriptedCaller, SpokenScriptedCaller):
        s = kind(world, lines)
        for text in (GREETING, ASK, name):
            s.respond(text)
        assert s.respond(own) == lines[3]
        s = kind(world, lines)
        for text in (GREETING, ASK, name):
            s.respond(text)
        assert s.respond(other) == "No, that's not my name."


def test_a_number_asked_again_without_naming_it_is_said_again() -> None:
    """ "Could you say it once more?" after "I want to be sure I have your number right": a
    person says the number again, whatever the script says next (voice45)."""
    for asked in (
        "Sorry, I want to be sure I have your number right. Could you say it once more, a"
        " little slowly?",
        "I didn't quite catch your number. Could you repeat it one more time?",
        "Could you say that again? I missed part of the number.",
    ):
        s = SpokenScriptedCaller(WORLD, LINES)
        s.respond(GREETING)
        s.respond(ASK)
        assert s.respond(asked) == "It's 207 555 0168.", asked
    # no number in the question: the script's next line
    s = SpokenScriptedCaller(WORLD, LINES)
    s.respond(GREETING)
    s.respond(ASK)
    assert s.respond("Sorry, could you say that again?") == LINES[2]


def test_a_no_that_signs_off_does_not_stop_the_number_being_given() -> None:
    """The script's next line "Nope, that's it. Bye" answers "anything else?", no read-back
    of the number: asked for a group of the number, a person gives it (voice45); a "no"
    without a goodbye is still the script's own correction and comes first."""
    lines = ("Hey, it's Dwayne, 404 555 0145, can you cancel it?", "Nope, that's it. Bye")
    world = World(now=NOW, caller=Person("Dwayne Harris", "4045550145"), returning=True)
    s = SpokenScriptedCaller(world, lines)
    s.respond(GREETING)
    assert s.respond("Sorry, let's take it in parts. What are the first three digits?") == (
        "4 0 4."
    )
    own = SpokenScriptedCaller(world, (lines[0], "No, that's not my number"))
    own.respond(GREETING)
    assert own.respond("What are the first three digits?") == "No, that's not my number"
