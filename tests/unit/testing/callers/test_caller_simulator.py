"""The goal-driven caller answers what the agent actually asks, and logs what it agreed to."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

import pytest

from voice_agent.testing.callers.goals import Goal, Question, Style
from voice_agent.testing.callers.phrases import Phrases, bank_keys, reserved_entries, say_phone
from voice_agent.testing.callers.reading import Proposal, digits_of_phone, is_affirmative
from voice_agent.testing.callers.simulator import (
    MAX_TURNS,
    ScriptedCaller,
    SimulatedCaller,
    _names_other_slot,
    _ordered_after_all,
    _restates,
    _yes_to_it_not_another,
)
from voice_agent.testing.callers.world import TIMEZONE, Holding, Person, World

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=TIMEZONE)  # Wednesday
TUESDAY = date(2026, 12, 1)
FRIDAY = date(2026, 11, 27)
ANN = Person("Ann Lee", "6465550177")
GREETING = "Hello, thank you for calling. How can I help you today?"
BOOK_TUESDAY_2 = Goal(
    "book", ask=("Tuesday at 2", "2 pm on Tuesday"), accept=frozenset({(TUESDAY, time(14))})
)


def caller(
    goal: Goal = BOOK_TUESDAY_2,
    style: Style | None = None,
    *,
    person: Person = ANN,
    returning: bool = False,
    seed: int = 1,
) -> SimulatedCaller:
    world = World(now=NOW, caller=person, returning=returning)
    return SimulatedCaller(world, goal, style or Style(), seed=seed)


@pytest.mark.parametrize("fmt", ["plain", "spaced", "dashed", "parens", "words", "double", "mixed"])
@pytest.mark.parametrize("seed", range(5))
def test_answers_a_phone_question_with_its_number(fmt: str, seed: int) -> None:
    c = caller(style=Style(phone_format=fmt), seed=seed)  # type: ignore[arg-type]
    c.respond(GREETING)
    line = c.respond("Sure. Could you tell me your phone number, please?")
    assert line is not None
    assert digits_of_phone(line).endswith("6465550177"), line


def test_a_number_in_two_pieces_over_two_turns() -> None:
    c = caller(style=Style(phone_split="6+4", phone_format="words"))
    c.respond(GREETING)
    first = c.respond("What's your phone number?")
    second = c.respond("Sorry, I only heard six digits. Could you repeat the number?")
    assert first is not None and second is not None
    assert digits_of_phone(first) == "646555"
    assert digits_of_phone(second) == "0177"


def test_gives_the_wrong_number_then_corrects_it() -> None:
    c = caller(goal=replace(BOOK_TUESDAY_2, wrong_phone="5735550123"))
    c.respond(GREETING)
    wrong = c.respond("What's your phone number?")
    fix = c.respond("Welcome back, Maria! What can I do for you?")
    assert wrong is not None and digits_of_phone(wrong) == "5735550123"
    assert fix is not None and digits_of_phone(fix) == "6465550177"


def test_answers_a_name_question_with_the_name() -> None:
    c = caller()
    c.respond(GREETING)
    c.respond("May I have your phone number?")
    line = c.respond("I don't see an account with that number. May I have your full name?")
    assert line is not None and "Ann Lee" in line


def test_a_name_read_back_is_checked_against_its_own_and_spelled_when_asked() -> None:
    c = caller()
    c.respond(GREETING)
    c.respond("May I have your phone number?")
    c.respond("I don't see an account with that number. May I have your full name?")
    wrong = c.respond("I have your name as Anne Leigh. Is that right?")
    assert wrong is not None and not is_affirmative(wrong) and "Ann" not in wrong
    spelled = c.respond("Sorry about that. Could you spell it for me, letter by letter?")
    assert spelled == "A N N, L E E."
    ok = c.respond("I have your name as A N N L E E. Is that right?")
    assert ok is not None and is_affirmative(ok)
    assert c.log.confirmations == []  # a name is not a change


def test_a_name_read_back_in_the_booking_question_is_checked_against_its_own() -> None:
    # "I have your name as ... Shall I book ...?": the time is the one wanted, the name not
    c = caller()
    c.respond(GREETING)
    c.respond("May I have your phone number?")
    c.respond("I don't see an account with that number. May I have your full name?")
    asked = "Shall I book Tuesday, December 1st at 2 PM?"
    wrong = c.respond(f"I have your name as Anne Leigh. {asked}")
    assert wrong is not None and not is_affirmative(wrong) and c.log.confirmations == []
    ok = c.respond(f"I have your name as Ann Lee. {asked}")
    assert ok is not None and is_affirmative(ok)


def test_a_read_back_of_its_own_number_is_confirmed_and_a_wrong_one_corrected() -> None:
    c = caller()
    c.respond(GREETING)
    c.respond("What's your number?")
    ok = c.respond("I have 6 4 6, 5 5 5, 0 1 7 7. Is that right?")
    assert ok is not None and is_affirmative(ok)
    wrong = c.respond("I have 6 4 6, 5 5 5, 0 1 7 8. Is that right?")
    assert wrong is not None and not is_affirmative(wrong)
    assert digits_of_phone(wrong).endswith("6465550177")
    assert c.log.confirmations == []  # a number is not a change


def test_says_yes_to_the_slot_it_wants_and_logs_the_confirmation() -> None:
    c = caller()
    c.respond(GREETING)
    line = c.respond("Shall I book Tuesday, December 1st at 2 PM?")
    assert line is not None and is_affirmative(line)
    [confirmation] = c.log.confirmations
    assert confirmation.turn == 1
    assert confirmation.proposal.slot == (TUESDAY, time(14))


def test_says_no_to_another_slot_and_says_what_it_wants() -> None:
    c = caller()
    c.respond(GREETING)
    line = c.respond("Shall I book Tuesday, December 1st at 3 PM?")
    assert line is not None and not is_affirmative(line)
    assert "Tuesday" in line or "2" in line
    assert c.log.confirmations == []
    assert [p.slot for _, p in c.log.proposals] == [(TUESDAY, time(15))]


def test_picks_an_acceptable_time_among_those_offered() -> None:
    goal = replace(BOOK_TUESDAY_2, accept=frozenset({(TUESDAY, time(14)), (TUESDAY, time(15))}))
    for picks, wanted in (("first", ("2", "two")), ("last", ("3", "three"))):
        c = caller(goal, Style(picks=picks))  # type: ignore[arg-type]
        c.respond(GREETING)
        line = c.respond(
            "On Tuesday, December 1st we have 9 AM, 10 AM, 2 PM or 3 PM. Which would you prefer?"
        )
        assert line is not None
        assert any(w in line.lower() for w in wanted), line
        assert c.log.confirmations == []  # picking is not yet a yes


def test_cancels_only_the_appointment_it_means() -> None:
    person = replace(ANN, holdings=(Holding(FRIDAY, time(9)), Holding(TUESDAY, time(14))))
    goal = Goal("cancel", target=1, target_refs=("the Tuesday one",))
    c = caller(goal, person=person, returning=True)
    c.respond(GREETING)
    wrong = c.respond("Should I cancel your appointment on Friday, November 27th at 9 AM?")
    right = c.respond("Should I cancel your appointment on Tuesday, December 1st at 2 PM?")
    assert wrong is not None and not is_affirmative(wrong) and "Tuesday" in wrong
    assert right is not None and is_affirmative(right)
    assert [c.proposal.slot for c in c.log.confirmations] == [(TUESDAY, time(14))]


def test_says_which_appointment_by_description() -> None:
    person = replace(ANN, holdings=(Holding(FRIDAY, time(9)), Holding(TUESDAY, time(14))))
    goal = Goal("cancel", target=1, target_refs=("the Tuesday one",))
    c = caller(goal, person=person, returning=True)
    c.respond(GREETING)
    line = c.respond(
        "Which one would you like to cancel: Friday, November 27th at 9 AM or Tuesday, "
        "December 1st at 2 PM?"
    )
    assert line is not None and "the Tuesday one" in line


def test_says_goodbye_once_the_goal_is_done() -> None:
    c = caller()
    c.respond(GREETING)
    c.respond("Shall I book Tuesday, December 1st at 2 PM?")
    bye = c.respond(
        "You're booked for Tuesday, December 1st at 2 PM. Your code is a b c d 2 3 4 5. "
        "Anything else?"
    )
    assert bye is not None and c.log.said_goodbye and c.log.gave_up is None
    assert c.respond("Thanks for calling, goodbye!") is None  # the caller has hung up


def test_does_not_count_a_failed_booking_as_done() -> None:
    c = caller()
    c.respond(GREETING)
    c.respond("Shall I book Tuesday, December 1st at 2 PM?")
    line = c.respond("Sorry, that slot is unavailable. What other time would work?")
    assert line is not None and not c.log.said_goodbye


def test_self_correction_inline_and_on_the_next_turn() -> None:
    goal = replace(
        BOOK_TUESDAY_2,
        first_ask="Monday at 2",
        corrections=("wait, make that Tuesday",),
    )
    c = caller(goal, Style(verbosity="terse"))
    c.respond(GREETING)
    first = c.respond("What day and time would you like?")
    then = c.respond("Shall I book Monday, November 30th at 2 PM?")
    assert first is not None and "Monday at 2" in first
    assert then == "wait, make that Tuesday"
    assert c.log.confirmations == []


def test_a_decliner_never_says_yes() -> None:
    c = caller(replace(BOOK_TUESDAY_2, declines_all=True))
    c.respond(GREETING)
    for _ in range(3):
        line = c.respond("Shall I book Tuesday, December 1st at 2 PM?")
        assert line is None or not is_affirmative(line)
    assert c.log.confirmations == [] and c.log.said_goodbye


def test_hangs_up_mid_flow_when_told_to() -> None:
    c = caller(replace(BOOK_TUESDAY_2, hang_up_after=2))
    c.respond(GREETING)
    c.respond("What's your phone number?")
    bye = c.respond("May I have your name?")
    assert bye is not None and c.log.goodbye_turn == 2


def test_gives_up_on_an_agent_that_repeats_itself() -> None:
    c = caller()
    c.respond(GREETING)
    lines = [c.respond("Sorry, I can only help with appointments.") for _ in range(3)]
    assert lines[-1] is not None and c.log.gave_up is not None


def test_never_talks_beyond_the_turn_limit() -> None:
    c = caller()
    said = [c.respond(GREETING)]
    for i in range(40):
        said.append(c.respond(f"Sorry, what was that? ({i})"))
    spoken = [s for s in said if s is not None]
    assert len(spoken) <= MAX_TURNS + 1
    assert c.log.gave_up is not None


def test_asks_its_question_first_then_books() -> None:
    q = Question("address", ("where are you located?",), (("harbor",),))
    c = caller(replace(BOOK_TUESDAY_2, questions=(q,)))
    first = c.respond(GREETING)
    assert first is not None and "where are you located?" in first
    second = c.respond("We're at 1200 Harbor Avenue. Anything else?")
    assert second is not None and "where are you located" not in second
    assert [t for t, _ in c.log.questions] == [0]


def test_same_seed_same_call_other_seed_other_wording() -> None:
    def script(seed: int) -> list[str | None]:
        c = caller(style=Style(verbosity="chatty", hesitant=0.5), seed=seed)
        return [
            c.respond(GREETING),
            c.respond("What's your phone number?"),
            c.respond("And your name?"),
        ]

    assert script(7) == script(7)
    assert any(script(7) != script(s) for s in range(8, 14))


def test_dev_calls_never_use_the_reserved_phrasings() -> None:
    import random

    for key in bank_keys():
        reserved = set(reserved_entries(key))
        ph = Phrases(random.Random(3), "dev")
        assert not reserved & set(ph.entries(key)), key
        assert reserved <= set(Phrases(random.Random(3), "held_out").entries(key)), key


def test_phone_formats_keep_the_digits() -> None:
    import random

    rng = random.Random(0)
    for fmt in ("plain", "spaced", "dashed", "parens", "dotted", "words", "words_oh", "double"):
        assert digits_of_phone(say_phone("6465550177", fmt, rng)) == "6465550177", fmt
    assert digits_of_phone(say_phone("6465550177", "plus1", rng)) == "16465550177"


def test_a_script_logs_the_yes_it_says_to_a_proposal() -> None:
    world = World(now=NOW, caller=ANN, returning=False)
    s = ScriptedCaller(world, ("Tuesday at 2", "yes please", "no, bye"))
    s.respond(GREETING)
    s.respond("Shall I book Tuesday, December 1st at 2 PM?")
    s.respond("Booked. Anything else?")
    assert s.respond("Goodbye!") is None
    assert [c.turn for c in s.log.confirmations] == [1]
    assert s.log.goodbye_turn == 2


def test_a_yes_followed_by_a_further_ask_for_another_day_is_still_a_yes() -> None:
    """ "Yes, go ahead. Oh, and could you also book my wife on the 4th?": the day in the
    sentence asking for the next thing is not said against the proposal; a yes with another
    day in its own sentence still is no yes to this one."""
    world = World(now=NOW, caller=ANN, returning=False)
    s = ScriptedCaller(
        world,
        ("Tuesday at 2", "Yes, go ahead. Oh, and could you also book my wife on the 4th at 10?"),
    )
    s.respond(GREETING)
    s.respond("Shall I book Tuesday, December 1st at 2 PM?")
    assert [c.turn for c in s.log.confirmations] == [1]
    s = ScriptedCaller(world, ("Tuesday at 2", "yes, the 4th at 10"))
    s.respond(GREETING)
    s.respond("Shall I book Tuesday, December 1st at 2 PM?")
    assert s.log.confirmations == []


def test_a_yes_followed_by_another_appointment_as_well_is_still_a_yes() -> None:
    """ "Yes. Oh, and actually the Thursday one as well, can that go to Friday?": the second
    sentence is about another appointment ("as well"), so its "actually" and its day neither
    take the yes back nor name another slot; "Yes. Actually, Friday instead" still does."""
    world = World(now=NOW, caller=ANN, returning=False)
    for line in (
        "Yes. Oh, and actually the Thursday one as well, can that go to Friday? Same time",
        "Yeah lovely. And my Wednesday appointment too, could it move to Friday?",
    ):
        s = ScriptedCaller(world, ("Tuesday at 2", line))
        s.respond(GREETING)
        s.respond("Shall I book Tuesday, December 1st at 2 PM?")
        assert [c.turn for c in s.log.confirmations] == [1], line
    for line in ("Yes. Actually, Friday instead", "Yes. Oh wait, the Friday would be better"):
        s = ScriptedCaller(world, ("Tuesday at 2", line))
        s.respond(GREETING)
        s.respond("Shall I book Tuesday, December 1st at 2 PM?")
        assert s.log.confirmations == [], line


def test_a_scripts_last_line_signing_off_with_thanks_is_its_goodbye() -> None:
    """ "Thank you so much." / "Lovely, cheers" / "I'll have a think and call you back, ta":
    said last, the caller's goodbye; a thank-you with more to say and lines to come is not."""
    world = World(now=NOW, caller=ANN, returning=False)
    for last in (
        "Thank you so much.",
        "Lovely, cheers",
        "Right, I'll call you back then",
        "nope thx",  # texted
        "ok I'll think it over and call back",
        "no ta",
        "I'll ring again if I'm no better. Thank you.",
        "Não, obrigado. Tchau.",  # a goodbye in the caller's first language
        "Nein, danke, das war's. Tschüss.",
    ):
        s = ScriptedCaller(world, ("Tuesday at 2", "yes", last))
        s.respond(GREETING)
        s.respond("Shall I book Tuesday, December 1st at 2 PM?")
        s.respond("Booked. Anything else?")
        assert s.log.goodbye_turn == 2, last
    s = ScriptedCaller(world, ("Tuesday at 2", "thanks, and is 3 free too?", "yes"))
    s.respond(GREETING)
    s.respond("What time on Tuesday?")
    assert s.log.goodbye_turn is None


def test_a_line_leaving_it_with_thanks_anyway_is_a_goodbye_on_any_turn() -> None:
    """ "I'll leave it then, thanks anyway" with a line still to come: the caller gives the call
    up, and an agent that says goodbye to it has not hung up early; "I'll leave it" alone, or
    with a further ask, is no goodbye."""
    world = World(now=NOW, caller=ANN, returning=False)
    for line in (
        "weekdays only no i work all week nine to five so ill leave it thanks anyway",
        "Ah, I'll give it a miss then. Thank you all the same.",
        "Oh well, we'll leave it there, thanks for trying",
    ):
        s = ScriptedCaller(world, ("are you open today", line, "no thats all bye"))
        s.respond(GREETING)
        s.respond("Sorry, we're closed today. Is there anything else I can help you with?")
        assert s.log.goodbye_turn == 1, line
    for line in ("I'll leave it for now", "I'll leave it, thanks anyway, but is Monday free?"):
        s = ScriptedCaller(world, ("are you open today", line, "no thats all bye"))
        s.respond(GREETING)
        s.respond("Sorry, we're closed today. Is there anything else I can help you with?")
        assert s.log.goodbye_turn is None, line


def test_a_scripts_last_line_of_only_no_to_anything_else_is_its_goodbye() -> None:
    """A curt "No." to "anything else?" as the script's last line: the caller is done; a "no"
    that is not last, or not to "anything else?", is no goodbye."""
    world = World(now=NOW, caller=ANN, returning=False)
    s = ScriptedCaller(world, ("Tuesday at 2", "yes", "No."))
    s.respond(GREETING)
    s.respond("Shall I book Tuesday, December 1st at 2 PM?")
    s.respond("Booked. Is there anything else I can help you with?")
    assert s.log.goodbye_turn == 2
    s = ScriptedCaller(world, ("Tuesday at 2", "no", "yes"))
    s.respond(GREETING)
    s.respond("Booked. Is there anything else I can help you with?")
    assert s.log.goodbye_turn is None
    s = ScriptedCaller(world, ("Tuesday at 2", "no"))
    s.respond(GREETING)
    s.respond("Shall I book Tuesday, December 1st at 2 PM?")
    assert s.log.goodbye_turn is None
    for last in (
        "Nope, all good.",
        "no, I'm good",
        "nah, all set",
        # a British "no thanks", a radio operator's sign-off, a Hawaiian thanks
        "Nah, you're alright, ta.",
        "Negative. Out.",
        "No, mahalo.",
        # a texted acknowledgement, the last thing the typist sends
        "k",
        "ok",
    ):
        s = ScriptedCaller(world, ("Tuesday at 2", "yes", last))
        s.respond(GREETING)
        s.respond("Shall I book Tuesday, December 1st at 2 PM?")
        s.respond("Booked. Is there anything else I can help you with?")
        assert s.log.goodbye_turn == 2, last


def test_a_typed_script_says_yes_its_own_way() -> None:
    """Typed callers: "ya", "k", a thumbs-up, "friday 11 then" to the Friday 11 AM offer, and
    "thats all" or "gtg" as the goodbye."""
    world = World(now=NOW, caller=ANN, returning=False)
    offer = "Shall I book Friday, November 27th at 11 AM instead?"
    yes_lines = ("ya", "k", "\U0001f44d", "yess pls", "oh right. friday 11 then", "fri 11 then")
    for yes in (*yes_lines, "friday at eleven then"):
        s = ScriptedCaller(world, ("tmrw at 11", yes, "thats all thx"))
        s.respond(GREETING)
        s.respond(offer)
        s.respond("Booked. Anything else?")
        assert [c.turn for c in s.log.confirmations] == [1], yes
        assert s.log.goodbye_turn == 2
    for no in ("nah", "friday 2 then", "no not friday 11"):
        s = ScriptedCaller(world, ("tmrw at 11", no, "gtg bye"))
        s.respond(GREETING)
        s.respond(offer)
        assert s.log.confirmations == [], no


def test_a_day_restated_after_an_aside_question_is_a_yes() -> None:
    """ "Oh, so not on Sundays? Friday at eleven then." to the Friday 11 AM offer: the aside
    names another day, the answer after it says the one offered back."""
    world = World(now=NOW, caller=ANN, returning=False)
    offer = "We're closed on Sundays. Shall I book Friday, November 27th at 11 AM instead?"
    for line in ("Oh, so not on Sundays? Friday at eleven then.", "Closed Sunday? ok friday 11"):
        s = ScriptedCaller(world, ("Sunday at 11", line, "thanks, bye"))
        s.respond(GREETING)
        s.respond(offer)
        assert [c.turn for c in s.log.confirmations] == [1], line
    for line in ("Friday at eleven? No, Monday then.", "Closed Sunday? Then Monday at 11"):
        s = ScriptedCaller(world, ("Sunday at 11", line, "thanks, bye"))
        s.respond(GREETING)
        s.respond(offer)
        assert s.log.confirmations == [], line


def test_counts_having_to_say_the_number_again() -> None:
    c = caller(style=Style(phone_split="6+4"))
    c.respond(GREETING)
    c.respond("What's your phone number?")
    c.respond("I only heard six digits.")  # the second piece is not a repeat
    assert c.log.phone_repeats == 0
    c.respond("Please say the full ten-digit number.")
    assert c.log.phone_repeats == 1


def test_marks_the_line_that_carries_a_correction() -> None:
    inline = replace(
        BOOK_TUESDAY_2,
        first_ask="Tuesday at three, no sorry, two",
        taken_back=frozenset({(TUESDAY, time(15))}),
    )
    c = caller(inline, Style(verbosity="terse"))
    c.respond(GREETING)
    c.respond("What day and time would you like?")
    assert c.log.corrected_at == 1
    later = replace(
        BOOK_TUESDAY_2, first_ask="Monday at 2", corrections=("wait, make that Tuesday",)
    )
    c = caller(later, Style(verbosity="terse"))
    c.respond(GREETING)
    c.respond("What day and time would you like?")
    assert c.log.corrected_at is None
    c.respond("Shall I book Monday, November 30th at 2 PM?")
    assert c.log.corrected_at == 2


def test_a_caller_who_will_ring_back_has_said_goodbye() -> None:
    world = World(now=NOW, caller=ANN, returning=False)
    s = ScriptedCaller(
        world, ("Monday morning", "Hmm, let me ask my boss first, I'll ring you back")
    )
    s.respond(GREETING)
    s.respond("Shall I book Monday, November 30th at 9 AM?")
    assert s.log.goodbye_turn == 1 and s.log.confirmations == []
    other = ScriptedCaller(world, ("Could you call me back later?",))
    other.respond(GREETING)
    assert other.log.goodbye_turn is None


def test_a_script_that_ends_on_a_thank_you_has_said_goodbye() -> None:
    """A caller who answers "anything else?" with only a thank-you ("thanks", "ok great thank
    you", "k thx") is done; a thank-you with more after it is not a goodbye."""
    world = World(now=NOW, caller=ANN, returning=False)
    for closing in ("thanks", "ok great thank you", "k thx", "thank u!!", "cheers"):
        s = ScriptedCaller(world, ("Tuesday at 2", "yes", closing))
        s.respond(GREETING)
        s.respond("Shall I book Tuesday, December 1st at 2 PM?")
        s.respond("Booked. Anything else?")
        assert s.log.goodbye_turn == 2, closing
    for more in ("thanks, and what time do you close", "thanks but one more thing"):
        s = ScriptedCaller(world, ("Tuesday at 2", "yes", more))
        s.respond(GREETING)
        s.respond("Shall I book Tuesday, December 1st at 2 PM?")
        s.respond("Booked. Anything else?")
        assert s.log.goodbye_turn is None, more


def test_an_okay_about_another_slot_is_no_yes_to_the_proposal() -> None:
    """ "Ok, the 3rd at 10, got it" to "shall I move it to Tuesday the 8th at 2?": the caller
    acknowledges the appointment as it stands; the judge logs no yes to the move."""
    world = World(now=NOW, caller=ANN, returning=True)
    s = ScriptedCaller(world, ("when is it", "ok, the 3rd at 10, got it", "yes"))
    s.respond(GREETING)
    s.respond("Shall I move your appointment to Tuesday, December 8th at 2 PM?")
    s.respond("Shall I move your appointment to Tuesday, December 8th at 2 PM?")
    assert [c.turn for c in s.log.confirmations] == [2]


def test_a_yes_naming_the_second_change_of_a_two_part_question_is_a_yes() -> None:
    """ "Shall I move Friday's to Thursday the 17th, and cancel the one on Monday the 21st?" -
    "Oh, the 21st is a Monday? Yes, that's the one, cancel it": the 21st is one of the two
    changes asked about, not another slot; a yes naming a day the question never named is
    still no yes."""
    world = World(now=NOW, caller=ANN, returning=True)
    question = (
        "Shall I move your appointment from Friday, December 11th at 10 AM to Thursday, "
        "December 17th at 10 AM, and cancel the one on Monday, December 21st at 1 PM?"
    )
    for line, yes in (
        ("Oh, the 21st is a Monday? Yes, that's the one, the 21st - cancel it.", True),
        ("yeah go on, the 17th and bin the 21st", True),
        ("Yes, but the 22nd, not the 21st.", False),
    ):
        s = ScriptedCaller(world, ("move one, cancel one", line))
        s.respond(GREETING)
        s.respond(question)
        assert bool(s.log.confirmations) is yes, line


def test_the_weekday_of_the_proposal_said_with_a_yes_is_a_yes() -> None:
    """ "Thursday, yes" to a Thursday a week and more away: the weekday proposed, not the
    next Thursday from today."""
    world = World(now=NOW, caller=ANN, returning=True)
    s = ScriptedCaller(world, ("cancel my thursday one", "Thursday, yes", "bye"))
    s.respond(GREETING)
    s.respond("Shall I cancel your appointment on Thursday, December 10th at 1 PM?")
    assert [c.turn for c in s.log.confirmations] == [1]


@pytest.mark.parametrize(
    ("line", "yes"),
    [
        ("yeah as long as thats tomorrow not next week", True),
        ("yes, tomorrow not wednesday", True),
        ("yeah as long as it's not monday", False),
        ("yes but not tomorrow", False),
        ("no, tomorrow not next week", False),
    ],
)
def test_a_yes_that_sets_the_proposed_day_against_another_is_a_yes(line: str, yes: bool) -> None:
    monday = date(2026, 11, 30)
    tomorrow = Proposal("book", date(2026, 12, 1), time(10))
    assert _yes_to_it_not_another(line, tomorrow, monday) is yes


@pytest.mark.parametrize(
    ("line", "yes"),
    [
        ("ten would do yeah", True),
        ("10's fine", True),
        ("oh ok ten works", True),
        ("eleven would do yeah", False),
        ("ten would do, no wait, not ten", False),
    ],
)
def test_the_proposed_hour_said_first_with_words_that_take_it_is_a_yes(
    line: str, yes: bool
) -> None:
    """ "ten would do yeah" to "shall I move it to Wednesday the 16th at 10 AM?"."""
    moving = Proposal("move", date(2026, 12, 16), time(10))
    assert _restates(line, moving, date(2026, 12, 14)) is yes


@pytest.mark.parametrize("last", ["No, that'll be all.", "Nope, that's the lot."])
def test_that_will_be_all_is_a_goodbye(last: str) -> None:
    world = World(now=NOW, caller=ANN, returning=False)
    s = ScriptedCaller(world, ("Tuesday at 2", "yes", last))
    s.respond(GREETING)
    s.respond("Shall I book Tuesday, December 1st at 2 PM?")
    s.respond("Booked. Is there anything else I can help you with?")
    assert s.log.goodbye_turn == 2


def test_a_yes_that_names_the_booking_kept_is_a_yes_to_the_rest() -> None:
    world = World(now=NOW, caller=ANN, returning=True)
    s = ScriptedCaller(
        world, ("cancel all but Monday's", "Yes please - keep Monday, that one stays.")
    )
    s.respond(GREETING)
    s.respond("Shall I cancel your appointment on Tuesday, December 1st at 2 PM?")
    assert [c.turn for c in s.log.confirmations] == [1]


def test_a_script_line_ending_on_a_yes_to_the_day_proposed_is_a_yes() -> None:
    """A recogniser's line with no full stops: words to someone in the room or a slip put
    right, then a yes saying the proposed day back, confirms it; a yes followed by another
    day, a "not" or a "but" does not."""
    world = World(now=NOW, caller=ANN, returning=False)
    proposal = "Shall I book Tuesday, December 1st at 2 PM?"
    for line, confirmed in (
        ("what no not you i said tuesday sorry my son is shouting yes the first", True),
        ("hold on no the dog sorry yes tuesday at two", True),
        ("no sorry yes but not the first", False),
        ("wait no yes the second", False),
        ("no no i said no", False),
    ):
        s = ScriptedCaller(world, ("Tuesday at 2", line, "bye"))
        s.respond(GREETING)
        s.respond(proposal)
        assert bool(s.log.confirmations) is confirmed, line


@pytest.mark.parametrize(
    ("line", "kind", "yes"),
    [
        ("oh thats a shame ok then just cancel it", "cancel", True),
        ("Pity. Alright, cancel it then.", "cancel", True),
        ("ah well, fine, move it please", "move", True),
        ("ok then just cancel it", "move", False),
        ("no wait, ok then cancel it", "cancel", False),
        ("cancel it? no, don't", "cancel", False),
        # a yes ending a line that said why: "... then yes, cancel that one"
        ("just the one, he must have sorted the other, so yes cancel that one", "cancel", True),
        ("yeah move it then", "move", True),
        ("no, don't, yes cancel that one", "cancel", False),
        ("yes cancel that one", "move", False),
        ("yes cancel that one - no wait, keep it", "cancel", False),
    ],
)
def test_the_change_proposed_ordered_in_its_own_verb_is_a_yes(
    line: str, kind: str, yes: bool
) -> None:
    """ "oh thats a shame ok then just cancel it" to "shall I cancel Friday's?" (said once what
    was wanted first could not be had)."""
    proposal = Proposal(kind, date(2026, 12, 4), time(11))  # type: ignore[arg-type]
    assert _ordered_after_all(line, proposal) is yes


@pytest.mark.parametrize(
    ("line", "yes"),
    [
        # the one slot proposed, its day chosen by name
        ("Right, the Friday one then please.", True),
        ("the friday one please", True),
        ("The Monday one then.", False),
        # the slot said back, then a reason that names no other
        ("Friday at noon, then. I'd rather be in and out at lunch.", True),
        ("Friday at noon, then. Actually no, Monday.", False),
    ],
)
def test_a_slot_chosen_by_its_day_or_said_back_with_a_reason(line: str, yes: bool) -> None:
    friday = Proposal("book", date(2026, 11, 27), time(12))
    assert _restates(line, friday, date(2026, 11, 25)) is yes


def test_a_yes_then_a_story_with_other_days_and_noes_is_still_a_yes() -> None:
    """ "Yes, book it. I won't need the other one, my daughter's visiting on the 4th": a yes in
    its own first sentence (or before a dash, or a "because") is a yes, whatever days, hours
    and noes the story after it holds; a story asking for another time takes it back."""
    world = World(now=NOW, caller=ANN, returning=False)
    for line in (
        "Yes, book it. I won't be needing a lift, my daughter's visiting on the 4th at 10.",
        "yeah great actually because on thursday i cant get there before three",
        "Yes please - I couldn't do the 3rd anyway, that's my mum's birthday.",
    ):
        s = ScriptedCaller(world, ("Tuesday at 2", line))
        s.respond(GREETING)
        s.respond("Shall I book Tuesday, December 1st at 2 PM?")
        assert [c.turn for c in s.log.confirmations] == [1], line
    for line in (
        "Yes. Could it be the 4th at 10 instead?",
        "Yes - no wait, the 4th.",
        "Yes, the 4th at 10. My daughter's visiting on the Tuesday.",
        # the story takes the yes back: the hour proposed refused, another day wished
        "Yes that's fine. Oh wait, I can't do two, I've got the dentist.",
        "Yeah. Although, thinking about it, Thursday would be better for me.",
        "Yes. Well, not that one, the other one.",
    ):
        s = ScriptedCaller(world, ("Tuesday at 2", line))
        s.respond(GREETING)
        s.respond("Shall I book Tuesday, December 1st at 2 PM?")
        assert s.log.confirmations == [], line


def test_a_yes_then_while_im_on_another_change_is_still_a_yes() -> None:
    """ "Yes. And while I'm on - can the one on the 22nd go to the 23rd?": the second sentence
    is a further change (leftovers38); "Yes. While I'm on, could it be Friday instead?" is
    still about this one, and no yes to it."""
    world = World(now=NOW, caller=ANN, returning=False)
    for line in (
        "Yes. And while I'm on - can the one on the 7th go to the 8th, same time?",
        "Yes please. While I've got you, my Thursday one could move to Friday?",
    ):
        s = ScriptedCaller(world, ("Tuesday at 2", line))
        s.respond(GREETING)
        s.respond("Shall I book Tuesday, December 1st at 2 PM?")
        assert [c.turn for c in s.log.confirmations] == [1], line
    for line in ("Yes. While I'm on, could it be Friday instead?", "yes while im on the 4th"):
        s = ScriptedCaller(world, ("Tuesday at 2", line))
        s.respond(GREETING)
        s.respond("Shall I book Tuesday, December 1st at 2 PM?")
        assert s.log.confirmations == [], line


def test_a_yes_that_keeps_another_one_is_still_a_yes_and_a_leave_it_is_no_yes() -> None:
    """ "yes please cancel it, the friday one stays" to "shall I cancel Tuesday's?": the other
    one kept by its day, the yes stands; "okay good, leave mine as it is, that's fine" and
    "okay thanks, I'll ring back when I know" are no yes to a change proposed."""
    world = World(now=NOW, caller=ANN, returning=False)
    for line in (
        "yes please cancel it the friday one stays",
        "Yes, cancel it - my Friday one can stay.",
    ):
        s = ScriptedCaller(world, ("Tuesday at 2", line))
        s.respond(GREETING)
        s.respond("Shall I cancel your appointment on Tuesday, December 1st at 2 PM?")
        assert [c.turn for c in s.log.confirmations] == [1], line
    for line in (
        "okay good leave mine as it is thats fine bye",
        "Okay, thanks. I'll ring back when I know. Bye.",
        "Right, I won't book just now, thanks.",
    ):
        s = ScriptedCaller(world, ("Tuesday at 2", line))
        s.respond(GREETING)
        s.respond("Shall I cancel your appointment on Tuesday, December 1st at 2 PM?")
        assert s.log.confirmations == [], line


@pytest.mark.parametrize(
    ("line", "other"),
    [
        ("Yes please, the 12th at ten, go ahead.", False),
        ("that's right, book the twelfth", False),
        ("yes, the 12th of December", True),
        ("yes, the 13th", True),
    ],
)
def test_the_day_of_the_month_of_a_later_month_proposed_names_no_other_slot(
    line: str, other: bool
) -> None:
    """ "yes, the 12th" to "shall I book Tuesday, January 12th at 10 AM?" said in December."""
    january = Proposal("book", date(2027, 1, 12), time(10))
    assert _names_other_slot(line, january, date(2026, 12, 7)) is other


@pytest.mark.parametrize(
    ("line", "other"),
    [
        ("yes thats right move monday to the eleventh", False),
        ("yeah the eleventh from the monday, go on", False),
        ("yes, move monday to the twelfth", True),
        ("yes but the twenty first instead", True),
    ],
)
def test_a_day_of_the_month_spelled_out_is_read(line: str, other: bool) -> None:
    """ "move Monday to the eleventh" to "shall I move it from Monday, December 7th to Friday,
    December 11th?": the day proposed, spelled out, with the one moved named beside it."""
    move = Proposal("move", date(2026, 12, 11), time(15), previous=(date(2026, 12, 7), time(15)))
    assert _names_other_slot(line, move, date(2026, 12, 1)) is other


def test_a_british_closing_has_said_goodbye() -> None:
    """ "No, that's me done. Ta." or "No, that's me sorted" to "anything else?" is the British
    caller's goodbye: a receptionist who says goodbye back has not hung up early."""
    world = World(now=NOW, caller=ANN, returning=False)
    closings = ("No, that's me done. Ta.", "no thats me sorted", "Right, ta.", "That's us done")
    for closing in closings:
        s = ScriptedCaller(world, ("Tuesday at 2", "yes", closing))
        s.respond(GREETING)
        s.respond("Shall I book Tuesday, December 1st at 2 PM?")
        s.respond("Booked. Anything else?")
        assert s.log.goodbye_turn == 2, closing
    s = ScriptedCaller(world, ("Tuesday at 2", "yes", "ta, and what time do you open"))
    s.respond(GREETING)
    s.respond("Shall I book Tuesday, December 1st at 2 PM?")
    s.respond("Booked. Anything else?")
    assert s.log.goodbye_turn is None


def test_a_booking_asked_for_after_the_yes_to_a_cancel_keeps_the_yes() -> None:
    """ "Yes, get rid of it. And then could I have something the Tuesday after instead?" to
    "shall I cancel Friday's?": the yes is to the cancel; the sentence after it asks for a
    booking in its place, and its day and its "instead" take nothing back."""
    world = World(now=NOW, caller=ANN, returning=True)
    question = "Shall I cancel your appointment on Friday, December 4th at 3 PM?"
    for line, yes in (
        ("Yes, get rid of it. And then could I have something the Tuesday after instead?", True),
        ("Yeah scrap it. Can you book me Tuesday the 8th at three in its place?", True),
        ("No, keep it. Could I have Tuesday the 8th as well?", False),
    ):
        s = ScriptedCaller(world, ("cancel friday", line))
        s.respond(GREETING)
        s.respond(question)
        assert bool(s.log.confirmations) is yes, line


def test_a_thanks_with_only_goodbyes_left_in_the_script_is_its_goodbye() -> None:
    """ "Right, Tuesday at two, lovely, thanks" to a read-out, or "oh okay, forget it then" to
    "anything else?", with only "no that's all, bye" left to say: the caller is done, and an
    agent that says goodbye to it has not hung up early. A thanks with a request still to
    come, or with a question in it, is no goodbye."""
    world = World(now=NOW, caller=ANN, returning=True)
    read_out = (
        "You have an appointment on Tuesday, December 1st at 2 PM. Would you like to change it?"
    )
    for line, rest in (
        ("Right, Tuesday at two, lovely, thanks", ("No, that's all, bye.",)),
        ("ok cheers", ("nope", "bye")),
        ("Thank you very much.", ("Goodbye.",)),
    ):
        s = ScriptedCaller(world, ("when is my appointment", line, *rest))
        s.respond(GREETING)
        s.respond(read_out)
        assert s.log.goodbye_turn == 1, line
    s = ScriptedCaller(world, ("move my appointment", "oh okay, forget it then", "no bye"))
    s.respond(GREETING)
    s.respond("You're already booked then. Is there anything else I can help you with?")
    assert s.log.goodbye_turn == 1
    for line, rest in (
        ("Right, lovely, thanks", ("and can I book my son in too", "bye")),
        ("thanks, what time do you open", ("bye",)),
        ("Right, thanks", ("Actually, move it to Friday.", "bye")),
    ):
        s = ScriptedCaller(world, ("when is my appointment", line, *rest))
        s.respond(GREETING)
        s.respond(read_out)
        assert s.log.goodbye_turn is None, line
    s = ScriptedCaller(world, ("move my appointment", "oh okay, forget it then", "no bye"))
    s.respond(GREETING)
    s.respond("Which day would you like instead?")
    assert s.log.goodbye_turn is None
