"""How the simulated caller reads the agent: what is asked, what is proposed, in any wording."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.testing.callers.reading import (
    codes,
    find_days,
    is_affirmative,
    phone_numbers,
    read_reply,
    says_code,
)

TODAY = date(2026, 11, 25)  # a Wednesday


@pytest.mark.parametrize(
    "reply",
    [
        "Sure, I can help with that. May I have your phone number, please?",
        "What's the best number to reach you at?",
        "Sorry, I heard only 6 digits. Please say the ten digits one by one.",
        "Could I get the phone number on your account?",
        "Happy to help! First, what's your cell number?",
    ],
)
def test_a_phone_question_in_any_wording(reply: str) -> None:
    r = read_reply(reply, TODAY)
    assert r.asks_phone and not r.asks_name and r.proposal is None


def test_a_confirmation_number_is_not_the_phone() -> None:
    r = read_reply("Would you like me to read your confirmation number again?", TODAY)
    assert not r.asks_phone


@pytest.mark.parametrize(
    "reply",
    [
        "I don't see an account with that number yet. May I have your full name?",
        "Thanks! And who am I speaking with?",
        "Could you tell me your name, please?",
    ],
)
def test_a_name_question(reply: str) -> None:
    r = read_reply(reply, TODAY)
    assert r.asks_name and not r.asks_phone


@pytest.mark.parametrize(
    ("reply", "kind", "slot", "named"),
    [
        (
            "Shall I book Thursday, November 26th at 2 PM?",
            "book",
            (date(2026, 11, 26), time(14)),
            (True, True, True),
        ),
        (
            "Just to confirm: Tuesday, December 1st at 2:30 p.m. Is that right?",
            "unknown",
            (date(2026, 12, 1), time(14, 30)),
            (True, True, True),
        ),
        (
            "Tuesday, December 1st at 2 PM is free. Shall I book it?",
            "book",
            (date(2026, 12, 1), time(14)),
            (True, True, True),
        ),
        (
            "So that's the 27th at noon, does that work for you?",
            "unknown",
            (date(2026, 11, 27), time(12)),
            (False, True, True),
        ),
        (
            "Would 2 PM on Friday work?",
            "unknown",
            (date(2026, 11, 27), time(14)),
            (True, False, True),
        ),
        (
            "Do you want me to cancel your appointment on Friday, November 27th at 11 AM?",
            "cancel",
            (date(2026, 11, 27), time(11)),
            (True, True, True),
        ),
        (
            "Okay. I can put you down for Monday, November 30th at nine in the morning. Ok?",
            "book",
            (date(2026, 11, 30), time(9)),
            (True, True, True),
        ),
    ],
)
def test_a_confirmation_question_and_what_it_proposes(
    reply: str, kind: str, slot: tuple[date, time], named: tuple[bool, bool, bool]
) -> None:
    r = read_reply(reply, TODAY)
    assert r.proposal is not None, reply
    p = r.proposal
    assert (p.kind, p.slot) == (kind, slot)
    assert (p.weekday_said, p.date_said, p.time_said) == named
    assert not r.choices


def test_a_move_proposal_names_the_target_after_to() -> None:
    r = read_reply(
        "Should I move your appointment from Friday, November 27th at 9 AM to Monday, "
        "November 30th at 11 AM?",
        TODAY,
    )
    assert r.proposal is not None
    assert r.proposal.kind == "move"
    assert r.proposal.slot == (date(2026, 11, 30), time(11))
    assert r.proposal.previous == (date(2026, 11, 27), time(9))


def test_a_proposal_without_a_day_takes_the_day_being_discussed() -> None:
    r = read_reply("Would 10 AM work instead?", TODAY, context_day=date(2026, 12, 3))
    assert r.proposal is not None and r.proposal.slot == (date(2026, 12, 3), time(10))
    assert not r.proposal.weekday_said and not r.proposal.date_said


@pytest.mark.parametrize(
    "reply",
    [
        "On Tuesday, December 1st we have 9 AM, 10 AM, noon or 3 PM available. Which would "
        "you prefer?",
        "Would you like 9 AM or 10 AM on Tuesday?",
        "I have openings at 9:00, 10:00 and 1 o'clock on Tuesday the 1st. Any of those?",
    ],
)
def test_offered_times_are_a_choice_not_a_proposal(reply: str) -> None:
    r = read_reply(reply, TODAY)
    assert r.proposal is None
    assert len(r.choices) >= 2
    assert {m.day for m in r.choices} == {date(2026, 12, 1)}
    assert time(9) in {m.start for m in r.choices}


def test_anything_else_after_a_booking_is_not_a_proposal() -> None:
    r = read_reply(
        "You're booked for Thursday, December 3rd at 2 PM. Your confirmation code is "
        "d e f 6 7 8 9 a. Is there anything else I can help you with?",
        TODAY,
    )
    assert r.proposal is None and r.anything_else and r.success
    assert r.codes == ("def6789a",)


@pytest.mark.parametrize(
    "reply",
    [
        "I have 6 4 6, 5 5 5, 0 1 7 7. Is that right?",
        "Just to confirm, your number is 646-555-0177?",
        "Let me read that back: six four six, five five five, oh one seven seven. Correct?",
    ],
)
def test_a_phone_read_back(reply: str) -> None:
    r = read_reply(reply, TODAY)
    assert r.phone_readback == "6465550177"
    assert r.proposal is None


def test_a_list_of_hours_is_not_a_phone_number() -> None:
    assert phone_numbers("We have 9, 10, 11, 12, 1, 2 or 3 on Tuesday") == []
    assert phone_numbers("my number is six four six five five five oh one double seven") == [
        "6465550177"
    ]


def test_which_appointment() -> None:
    r = read_reply(
        "Which appointment would you like to cancel: Thursday, December 3rd at 9 AM or "
        "Friday, December 4th at 2 PM?",
        TODAY,
    )
    assert r.which
    assert {m.slot for m in r.choices} == {
        (date(2026, 12, 3), time(9)),
        (date(2026, 12, 4), time(14)),
    }


def test_day_and_time_questions() -> None:
    assert read_reply("What day and time would you like to come in?", TODAY).asks_when
    assert read_reply("When would you like to come in?", TODAY).asks_when
    assert read_reply(
        "Hello, thank you for calling. How can I help you today?", TODAY
    ).open_question


def test_codes_spelled_or_as_a_word() -> None:
    assert codes("Your code is k n v 2 t j s y.") == ["knv2tjsy"]
    assert codes("Your confirmation code is KNV2TJSY.") == ["knv2tjsy"]
    assert codes("We have 9 AM and 2 PM") == []
    assert says_code("it's K-N-V-2-T-J-S-Y", "knv2tjsy")
    assert not says_code("it's K N V 2", "knv2tjsy")


@pytest.mark.parametrize(
    "line",
    [
        "yes",
        "yeah that works",
        "sure thing",
        "go for it",
        "um, yes, that's perfect",
        "mm-hm, yes",
        "Yes, book it please",
        # typed in a chat window
        "ya",
        "yea sure thing",
        "k",
        "ok",
        "yess pls",
        "y",
        "thats right",
        "\U0001f44d",
        # warmth or regret first, then the yes; regional and everyday forms
        "Ah, brilliant. Yes, put me down for that.",
        "Oh dear, never again! Okay, that one then.",
        "Aye, go on then",
        "That will do me, yes",
        # the date said back before the yes
        "Right, the 9th, yes, that's the one",
        "oh the 21st yeah",
        # hesitant, but a yes
        "I guess so, yeah.",
        "Mm, yeah, fine.",
        "Mm-hmm.",
        "Hmm... sure, why not.",
        # warm and formal
        "That would be lovely, thank you.",
        "Oh, that'd be marvellous. Yes please.",
        "That'll be lovely, thanks.",
        "that will be perfect",
        # Australian
        "Too easy, go ahead.",
        "Sweet as, thanks.",
        # radio and service talk
        "affirmative yes",
        "Affirmative.",
        "Roger that, book it",
        # the option said back before the yes
        "this one yes book it",
        "that one, yeah",
        # grudging, and a pick by its place that is the time proposed
        "Go on then.",
        "go on then, book it",
        "The earliest one is fine.",
        "the first one's fine",
        # a yes that closes a line spoken partly to someone else in the room
        "Let me check with my boss. Dan? Can I have Friday off? ... He says fine. Yes, book it.",
        # a yes in the caller's first language
        "Sí, perfecto.",
        "Ja, genau.",
        "Oui, d'accord.",
        "tak tak yes",
        "haan ji theek hai book it",
        "aywa",
        # two short leads, a dash between, before the yes
        "Oh, okay - sure, do it.",
        "Well, right - go ahead then",
        # a yes said through a negation
        "Can't see why not, yes.",
        "No objections, go ahead.",
        "Well I wouldn't say no.",
        "no problem yeah book it",
        # a yes after an aside about the line, from a caller who expected a machine
        "Oh gosh, you're a real person! Sorry. Yeah, go ahead and move it.",
        "oh hi sorry i thought this was the answering machine yeah that one please",
        "Oh! It's not a recording. Sure, book it.",
        # an apology for the wait before the yes; a worry waved away after it
        "sorry yeah go ahead move it",
        "Sorry - sure, book it.",
        "Yes, book it please. Don't worry about my wife's one, she'll ring herself.",
        "yep go ahead, no worries about the other thing",
        # a courtesy about the trouble, no refusal
        "Yes please, if it's no trouble.",
        "oh yes if its no bother that would be lovely",
        # back and forth out loud, settling on the yes
        "yeah... no... yeah, alright, book it",
        "yes no yes go ahead",
        "Ugh. Yeah - no - yeah. Yeah, move it.",
        # one word of approval in the caller's own English before the yes
        "tidy yeah do that",
        "Lush, yes please.",
        # the pick left to the receptionist, then the yes
        "Whichever's first - yes, go ahead.",
        "whatever is earliest yeah book it",
        "Whichever's soonest tomorrow, yes, I'll have that.",
    ],
)
def test_affirmative_lines(line: str) -> None:
    assert is_affirmative(line)


@pytest.mark.parametrize(
    "line",
    [
        "no",
        "nope",
        "actually no, keep it",
        "not that one",
        "yes... wait, no",
        "wait, make that Friday",
        "nah",
        "k no wait",
        "yes... actually not that one",
        "Oh right, of course. Monday then, whatever's free.",
        "I'm really not sure about this one. Yes maybe.",
        "I guess not.",
        "Eh, no, anything later that day?",
        "Yes — actually hold on, what time was that?",
        "That's too early for me.",
        "That'll be fine - oh wait, no, not ten.",
        "that will be too late for me",
        "this one? no, the other",
        "No, that's fine, thanks.",
        "No problem, I'll think about it.",
        # the aside is not the answer: what follows it still decides
        "Oh, you're a person! Sorry. No, not Thursday, the Friday.",
        "oh hello i thought i was leaving a message actually no leave it",
        "sorry, no, not that one",
        "Don't worry, I'll sort it out another time.",
        # back and forth, settling on the no ("yeah, no" is a no)
        "yeah no, leave it",
        "yes... no... no, don't",
        # a hedge or a take-back before the yes is no approval
        "maybe yes",
        "wait yes, no, leave it",
    ],
)
def test_negative_lines(line: str) -> None:
    assert not is_affirmative(line)


def test_a_general_offer_to_change_is_not_a_proposal() -> None:
    r = read_reply(
        "You have 2 upcoming appointments: Monday, December 7th at noon and Tuesday, December "
        "8th at 2 PM. Would you like to change any of them?",
        TODAY,
    )
    assert r.proposal is None and r.yes_no


def test_opening_hours_followed_by_an_offer_to_look_are_not_a_choice() -> None:
    r = read_reply(
        "We're open Monday to Friday, with appointments from 9 AM; the last one starts at 3 PM. "
        "Would you like me to check a particular day?",
        TODAY,
    )
    assert r.choices == () and r.proposal is None and r.yes_no


@pytest.mark.parametrize(
    "line",
    [
        "Lovely, yes please.",
        "Brilliant, go ahead.",
        "Sure, why not.",
        # the thing proposed said to be just right, or agreed the radio way
        "Spot on.",
        "bang on book it in",
        "That's the one.",
        "Righto, sounds like a plan.",
        "By all means.",
        "It is indeed.",
        "ten four go ahead and book it",
        "Oh, the Tuesday, is it? Yes, that's right, cancel it.",
        "Right, Monday the 7th, yes, that's the one to go.",
        # a day of the month past the tenth said back in words before the yes (fresh25)
        "the eighteenth great yes",
        "the twenty-first, yep",
    ],
)
def test_everyday_yeses_count_as_yes(line: str) -> None:
    assert is_affirmative(line)


@pytest.mark.parametrize(
    "line",
    [
        "Why not Thursday?",
        "Yeah no, not that one.",
        "Is it? No, leave it then.",
        "Lovely, but actually make it Friday.",
    ],
)
def test_a_no_or_a_question_is_no_yes(line: str) -> None:
    assert not is_affirmative(line)


@pytest.mark.parametrize(
    "line",
    [
        # the agent told it need not ask: no take-back
        "Yes, I said so. You don't need to ask me twice.",
        "Yes. No need to read it all back.",
        # Irish "grand", and a recogniser's "uh huh" / "mm hmm" without the hyphen
        "grand so, put me in",
        "uh huh go ahead",
        "mm hmm yes",
    ],
)
def test_a_yes_that_tells_the_agent_not_to_ask_or_said_in_everyday_words(line: str) -> None:
    assert is_affirmative(line)


@pytest.mark.parametrize(
    "line", ["Yes, but I don't want the morning.", "grand, but not that day", "uh huh... no wait"]
)
def test_those_words_beside_a_take_back_are_no_yes(line: str) -> None:
    assert not is_affirmative(line)


def test_the_clinics_own_number_read_out_is_no_read_back() -> None:
    r = read_reply(
        "I can't transfer you, but the front desk is on 312 555 0199 in opening hours. "
        "Is there anything else I can help you with?",
        TODAY,
    )
    assert r.phone_readback is None and r.anything_else


def test_one_question_cancelling_both_appointments_names_each() -> None:
    r = read_reply(
        "Shall I cancel both your appointments, on Monday, November 30th at 11 AM and on "
        "Tuesday, December 1st at 2 PM?",
        TODAY,
    )
    assert r.proposal is not None
    assert r.proposal.kind == "cancel"
    assert r.proposal.slot == (date(2026, 11, 30), time(11))
    assert r.proposal.also == ((date(2026, 12, 1), time(14)),)
    assert r.proposal.weekday_said and r.proposal.date_said and r.proposal.time_said


def test_one_question_booking_both_names_each() -> None:
    r = read_reply(
        "On Tuesday, December 1st I have 10 AM or 11 AM. Shall I book both, Tuesday, December "
        "1st at 10 AM and Tuesday, December 1st at 11 AM?",
        TODAY,
    )
    assert r.proposal is not None and not r.choices
    assert r.proposal.kind == "book"
    assert r.proposal.slot == (date(2026, 12, 1), time(10))
    assert r.proposal.also == ((date(2026, 12, 1), time(11)),)
    assert r.proposal.weekday_said and r.proposal.date_said and r.proposal.time_said


def test_a_book_question_offering_two_is_still_a_choice() -> None:
    for text in (
        "Shall I book Monday, November 30th at 11 AM or Tuesday, December 1st at 2 PM?",
        "Would you like both, or just Monday, November 30th at 11 AM and not the 2 PM?",
    ):
        r = read_reply(text, TODAY)
        assert r.proposal is None or not r.proposal.also, text


def test_a_cancel_question_offering_two_is_still_a_choice() -> None:
    r = read_reply(
        "Would you like to cancel Monday, November 30th at 11 AM or Tuesday, December 1st at 2 PM?",
        TODAY,
    )
    assert r.proposal is None


@pytest.mark.parametrize(
    "line",
    ["Nine's good.", "Three's fine, thanks.", "that sounds lovely", "Good, yes, go on."],
)
def test_an_hour_said_good_or_a_sounds_fine_is_a_yes(line: str) -> None:
    assert is_affirmative(line)


@pytest.mark.parametrize("line", ["Good morning!", "Good grief, no."])
def test_a_greeting_or_an_exclamation_with_good_is_no_yes(line: str) -> None:
    assert not is_affirmative(line)


def test_the_clinics_number_before_a_proposal_is_no_read_back() -> None:
    """ "You can reach the front desk at 207 555 0142. Shall I book ...?": the question is
    about the slot; a number read back with its own question is still a read-back."""
    reading = read_reply(
        "You can reach the front desk at 207 555 0142. Shall I book Wednesday, December 2nd "
        "at 9 AM?",
        TODAY,
    )
    assert reading.phone_readback is None
    assert reading.proposal is not None and reading.proposal.start == time(9)
    reading = read_reply("I have 617 555 0142. Shall I book you under that number?", TODAY)
    assert reading.phone_readback == "6175550142"


@pytest.mark.parametrize(
    "line",
    [
        "thursday afternoon yep that suits",
        "From the 3rd at ten to the 10th at ten - yes, go ahead.",
        "two one two five five five oh one oh one yeah thats right",
        "So that's Monday the fourteenth at two o'clock. Perfect.",
    ],
)
def test_a_yes_after_the_slot_or_number_said_back_is_a_yes(line: str) -> None:
    assert is_affirmative(line)


def test_a_slot_said_back_then_taken_back_is_no_yes() -> None:
    assert not is_affirmative("Monday at two - no, sorry, Tuesday at two.")


def test_one_question_moving_both_names_each_move() -> None:
    r = read_reply(
        "On Monday, December 7th I have 9 AM or 10 AM. Shall I move both your appointments: the"
        " one on Monday, November 30th at 9 AM to Monday, December 7th at 9 AM, and the one on"
        " Tuesday, December 1st at 11 AM to Tuesday, December 8th at 11 AM?",
        TODAY,
    )
    assert r.proposal is not None and not r.choices
    assert r.proposal.kind == "move"
    assert r.proposal.slot == (date(2026, 12, 7), time(9))
    assert r.proposal.previous == (date(2026, 11, 30), time(9))
    (second,) = r.proposal.more
    assert second.kind == "move"
    assert second.slot == (date(2026, 12, 8), time(11))
    assert second.previous == (date(2026, 12, 1), time(11))
    assert r.proposal.weekday_said and r.proposal.date_said and r.proposal.time_said


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        (
            "Shall I move your appointment from Tuesday, December 1st at 1 PM to Friday, December"
            " 4th at 1 PM, and cancel the one on Wednesday, December 2nd at 10 AM?",
            ("move", "cancel"),
        ),
        (
            "Shall I cancel your appointment on Tuesday, December 1st at 2 PM, and book Thursday,"
            " December 3rd at 10 AM?",
            ("cancel", "book"),
        ),
    ],
)
def test_one_question_naming_two_kinds_of_change_names_each(
    text: str, kinds: tuple[str, str]
) -> None:
    r = read_reply(text, TODAY)
    assert r.proposal is not None and not r.choices
    assert (r.proposal.kind, *(p.kind for p in r.proposal.more)) == kinds
    assert all(p.slot is not None for p in (r.proposal, *r.proposal.more))


def test_a_move_or_a_cancel_offered_is_still_a_choice() -> None:
    r = read_reply(
        "Shall I move your appointment from Tuesday, December 1st at 1 PM to Friday, December 4th"
        " at 1 PM, or cancel it?",
        TODAY,
    )
    assert r.proposal is None or not r.proposal.more


@pytest.mark.parametrize("line", ["ye yeah go ahead", "y- yes please", "yea yeah book it"])
def test_a_yes_broken_off_and_said_again_is_a_yes(line: str) -> None:
    assert is_affirmative(line)


@pytest.mark.parametrize("line", ["n- no", "no nope", "ye yeah no not that one"])
def test_a_no_broken_off_is_no_yes(line: str) -> None:
    assert not is_affirmative(line)


@pytest.mark.parametrize(
    ("line", "day"),
    [
        # December 4th is a Friday: the caller echoes "Monday, January 4th"
        ("Yes, Monday the 4th at 10. Go ahead.", date(2027, 1, 4)),
        ("ok so that's monday the 4th, lovely", date(2027, 1, 4)),
        # the weekday agrees with the coming date: that date
        ("Friday the 4th works", date(2026, 12, 4)),
        # a month said keeps its date, weekday or not
        ("Monday, December 4th please", date(2026, 12, 4)),
    ],
)
def test_a_weekday_with_a_bare_date_is_the_next_such_date_on_that_weekday(
    line: str, day: date
) -> None:
    found = find_days(line, TODAY)
    assert [d.day for d in found] == [day]


@pytest.mark.parametrize(
    "line",
    [
        "say less, go ahead",
        "bet",
        "Lock it in.",
        "That is right, thank you.",
        "That would be perfectly acceptable.",
        "I hereby confirm the booking.",
    ],
)
def test_a_yes_in_slang_or_a_formal_register_is_a_yes(line: str) -> None:
    assert is_affirmative(line)


@pytest.mark.parametrize("line", ["better not", "betting it's too late", "that is not acceptable"])
def test_register_words_that_say_no_are_no_yes(line: str) -> None:
    assert not is_affirmative(line)


@pytest.mark.parametrize(
    "line", ["thats grand yes book it", "That's lovely, thanks.", "that's brilliant, go ahead"]
)
def test_a_warm_thats_is_a_yes(line: str) -> None:
    assert is_affirmative(line)


@pytest.mark.parametrize("line", ["that's grand but not Wednesday", "thats grand no wait"])
def test_a_warm_thats_taken_back_is_no_yes(line: str) -> None:
    assert not is_affirmative(line)


@pytest.mark.parametrize(
    "line",
    [
        "Yes, that's fine. No, not you, Maisie! Yes, go ahead.",
        "Yeah. No - not you, love. Yeah, book it.",
    ],
)
def test_a_no_said_to_someone_in_the_room_between_two_yeses_is_a_yes(line: str) -> None:
    assert is_affirmative(line)


@pytest.mark.parametrize(
    "line",
    [
        "No, not you - I said the Tuesday.",
        "Yes. No - not you, Ben. Actually no, leave it.",
        "Yes please. No, not you. No, don't book it, I've changed my mind.",
        "Yes - oh wait, not ten.",
    ],
)
def test_a_no_to_the_agent_beside_a_not_you_stays_a_no(line: str) -> None:
    assert not is_affirmative(line)


@pytest.mark.parametrize(
    "line",
    [
        "Yeah, no, that sounds good.",
        "no yeah go ahead",
        "Nah, yeah, that works, book it.",
        "yeah no thats perfect do it",
    ],
)
def test_a_yes_after_an_opening_yeah_no_is_a_yes(line: str) -> None:
    assert is_affirmative(line)


@pytest.mark.parametrize(
    "line",
    [
        "Yeah, no.",
        "no yeah",
        "yeah no, Monday's no good",
        "No, yeah, that's fine - wait, not ten.",
        "yeah no no leave it",
        "yeah no thanks",
    ],
)
def test_a_yeah_no_alone_or_before_a_no_is_no_yes(line: str) -> None:
    assert not is_affirmative(line)


@pytest.mark.parametrize("line", ["cancel it please", "Move it, then.", "ten oclock is fine"])
def test_the_change_asked_for_alone_or_a_spoken_oclock_is_a_yes(line: str) -> None:
    assert is_affirmative(line)


@pytest.mark.parametrize(
    "line", ["don't cancel it please", "cancel it on Friday instead", "move it, actually no"]
)
def test_the_change_asked_for_with_more_or_denied_is_no_yes(line: str) -> None:
    assert not is_affirmative(line)


@pytest.mark.parametrize("line", ["yeah no, sure", "yeah nah ok then", "No, yeah, fine."])
def test_a_yeah_no_before_a_bare_acknowledgement_is_no_yes(line: str) -> None:
    assert not is_affirmative(line)


@pytest.mark.parametrize(
    "line",
    ["Just move it, please - yes.", "Cancel that one for me, yeah.", "Book me in, then - yep!"],
)
def test_a_yes_closing_the_change_asked_for_is_a_yes(line: str) -> None:
    assert is_affirmative(line)


@pytest.mark.parametrize(
    "line", ["No, not that one - yes, the other.", "Is that the Friday - yes?", "Cancel it, or not"]
)
def test_a_closing_yes_after_a_no_or_a_question_is_no_yes(line: str) -> None:
    assert not is_affirmative(line)


def test_a_cancel_and_two_bookings_in_one_question_names_all_three() -> None:
    """ "cancel A, and book B and C?": the bookings after the cancel, both named (leftovers55)."""
    r = read_reply(
        "Shall I cancel your appointment on Friday, December 4th at 2 PM, and book Monday,"
        " November 30th at 2 PM and Tuesday, December 1st at 2 PM?",
        TODAY,
    )
    assert r.proposal is not None and not r.choices
    assert r.proposal.kind == "cancel" and r.proposal.slot == (date(2026, 12, 4), time(14))
    (booking,) = r.proposal.more
    assert booking.kind == "book" and booking.slot == (date(2026, 11, 30), time(14))
    assert booking.also == ((date(2026, 12, 1), time(14)),)
