"""Table-driven tests of the dialogue engine against an in-memory clinic (today: Wed 2026-11-25).

Each case puts the conversation into a known state (a clinic setup plus earlier caller lines,
answered by the engine itself), adds one caller utterance, and checks the first tool call the
engine makes and/or the reply it finally says once the tools have answered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from typing import Any

import pytest

from voice_agent.adapters.offline.dialogue.engine import (
    AssistantTurn,
    Decision,
    DialogueEngine,
    HistoryItem,
    ToolCall,
    ToolResult,
    UserTurn,
)

from .fake_clinic import TODAY, FakeClinic

JOHN = "1234567890"
SARAH = "9876543210"


# --- clinic setups ---------------------------------------------------------------------------


def new_caller() -> FakeClinic:
    return FakeClinic()


def john() -> FakeClinic:
    clinic = FakeClinic()
    clinic.add_user(JOHN, "John Smith")
    clinic.add_appointment(JOHN, date(2027, 1, 22), time(9), "def6789a")
    return clinic


def john_two() -> FakeClinic:
    clinic = FakeClinic()
    clinic.add_user(JOHN, "John Smith")
    clinic.add_appointment(JOHN, date(2026, 11, 27), time(9), "def6789a")
    clinic.add_appointment(JOHN, date(2026, 12, 2), time(10), "hjk2345b")
    return clinic


def john_none() -> FakeClinic:
    clinic = FakeClinic()
    clinic.add_user(JOHN, "John Smith")
    return clinic


def tomorrow_2pm_taken() -> FakeClinic:
    clinic = FakeClinic()
    clinic.take(date(2026, 11, 26), time(14))
    return clinic


# --- conversation driver ---------------------------------------------------------------------


@dataclass
class Call:
    engine: DialogueEngine
    clinic: FakeClinic
    history: list[HistoryItem]

    def decide(self) -> Decision:
        return self.engine.decide(self.history)

    def run_tools(self, decision: Decision) -> None:
        for planned in decision.tool_calls:
            output, is_error = self.clinic.run(planned.name, planned.args)
            self.history.append(ToolCall(planned.name, dict(planned.args)))
            self.history.append(ToolResult(planned.name, output, is_error))

    def say(self, text: str) -> tuple[list[Decision], str]:
        """The caller speaks; returns every decision until the reply, and the reply."""
        self.history.append(UserTurn(text))
        decisions: list[Decision] = []
        for _ in range(6):
            decision = self.decide()
            decisions.append(decision)
            if decision.is_reply:
                assert decision.reply
                self.history.append(AssistantTurn(decision.reply))
                return decisions, decision.reply
            self.run_tools(decision)
        raise AssertionError("the engine never replied")


def start(setup: Callable[[], FakeClinic], lines: list[str]) -> Call:
    call = Call(DialogueEngine(today=lambda: TODAY), setup(), [])
    greeting = call.decide()
    assert greeting.is_reply and greeting.reply
    call.history.append(AssistantTurn(greeting.reply))
    for line in lines:
        call.say(line)
    return call


# --- contexts ------------------------------------------------------------------------------

BOOK = ["Hi, I'd like to book an appointment"]
NEW_ASKED_NAME = [*BOOK, "My number is 9876543210"]
NEW_ASKED_WHEN = [*NEW_ASKED_NAME, "Yes, my name is Sarah Johnson"]
NEW_CONFIRM = [*NEW_ASKED_WHEN, "Tomorrow at 2 PM please"]
NEW_CONFIRM_SATURDAY = [*NEW_ASKED_WHEN, "saturday at 10"]
NEW_BOOKED = [*NEW_CONFIRM, "yes"]
CHECK = ["Hello, I need to check my appointments"]
JOHN_LISTED = [*CHECK, JOHN]
CANCEL = ["I need to cancel my appointment"]
JOHN_CANCEL_CONFIRM = [*CANCEL, JOHN]
JOHN_CANCELLED = [*JOHN_CANCEL_CONFIRM, "Yes please"]
AVAIL_LISTED = ["What times are available on Friday?"]

Setup = Callable[[], FakeClinic]


@dataclass(frozen=True)
class Case:
    id: str
    setup: Setup
    before: list[str]
    says: str
    call: tuple[str, dict[str, Any]] | None = None
    """The first tool call expected (name, argument subset)."""
    reply: str | None = None
    """A fragment the final reply must contain (case-insensitive)."""
    asks: str | None = None
    """What the final reply asks for (the decision's ``expect``)."""
    no_call: bool = False
    """The engine must reply straight away, with no tool call."""


def fetch(day: str) -> tuple[str, dict[str, Any]]:
    return ("fetch_available_slots", {"date": day})


def identify(phone: str, name: str | None = None) -> tuple[str, dict[str, Any]]:
    return ("identify_user", {"phone_number": phone, **({"name": name} if name else {})})


CASES: list[Case] = [
    # --- opening requests -----------------------------------------------------------------
    Case(
        "book typed",
        new_caller,
        [],
        "Hi, I'd like to book an appointment",
        reply="phone number",
        asks="phone",
        no_call=True,
    ),
    Case(
        "book asr",
        new_caller,
        [],
        "i want to make an appointment",
        reply="phone number",
        asks="phone",
        no_call=True,
    ),
    Case(
        "book with date asks phone first",
        new_caller,
        [],
        "can i schedule an appointment for tomorrow",
        reply="phone number",
        asks="phone",
        no_call=True,
    ),
    Case(
        "check appointments",
        new_caller,
        [],
        "Hello, I need to check my appointments",
        reply="phone number",
        asks="phone",
        no_call=True,
    ),
    Case(
        "cancel asks phone",
        new_caller,
        [],
        "I need to cancel my appointment",
        reply="phone number",
        asks="phone",
    ),
    Case(
        "reschedule asks phone",
        new_caller,
        [],
        "i want to reschedule my appointment",
        reply="phone number",
        asks="phone",
    ),
    Case(
        "availability friday typed",
        new_caller,
        [],
        "What times are available on Friday?",
        call=fetch("2026-11-27"),
        reply="Which would you prefer",
        asks="time",
    ),
    Case(
        "availability friday asr",
        new_caller,
        [],
        "what times are available on friday",
        call=fetch("2026-11-27"),
        reply="On Friday, November 27th we have 9 AM",
    ),
    Case(
        "availability tomorrow",
        new_caller,
        [],
        "do you have anything available tomorrow",
        call=fetch("2026-11-26"),
        reply="Thursday, November 26th",
    ),
    Case(
        "availability by month day",
        new_caller,
        [],
        "any openings on december 2nd",
        call=fetch("2026-12-02"),
        reply="Wednesday, December 2nd",
    ),
    Case(
        "availability weekend relays error",
        new_caller,
        [],
        "is there availability on saturday",
        call=fetch("2026-11-28"),
        reply="weekends are unavailable",
        asks="date",
    ),
    Case(
        "availability without a day",
        new_caller,
        [],
        "what times do you have available",
        reply="Which day",
        asks="date",
        no_call=True,
    ),
    Case(
        "off topic steers back",
        new_caller,
        [],
        "what's the weather like today",
        reply="only help with appointments",
        asks="intent",
        no_call=True,
    ),
    Case(
        "greeting only",
        new_caller,
        [],
        "hello",
        reply="How can I help",
        asks="intent",
        no_call=True,
    ),
    Case(
        "goodbye at once",
        new_caller,
        [],
        "goodbye",
        call=("end_conversation", {}),
        reply="Thank you for calling. Have a great day!",
    ),
    Case(
        "opening hours",
        new_caller,
        [],
        "what are your opening hours",
        reply="Monday to Friday",
        no_call=True,
    ),
    Case(
        "everything in one breath",
        new_caller,
        [],
        "book tomorrow at 2 pm my number is 9876543210",
        call=identify(SARAH),
        reply="your full name",
        asks="name",
    ),
    Case(
        "volunteered spoken phone",
        john,
        [],
        "hi i want to check my appointments my number is one two three four five six "
        "seven eight nine zero",
        call=identify(JOHN),
        reply="Welcome back John!",
    ),
    # --- phone number (asked) -------------------------------------------------------------------
    Case(
        "phone typed",
        new_caller,
        BOOK,
        "My number is 9876543210",
        call=identify(SARAH),
        reply="your full name",
        asks="name",
    ),
    Case(
        "phone asr words",
        new_caller,
        BOOK,
        "my number is nine eight seven six five four three two one zero",
        call=identify(SARAH),
    ),
    Case(
        "phone with oh",
        new_caller,
        BOOK,
        "nine eight seven six five four three two one oh",
        call=identify(SARAH),
    ),
    Case("phone formatted", new_caller, BOOK, "(987) 654-3210", call=identify(SARAH)),
    Case("phone e164", new_caller, BOOK, "+1 987 654 3210", call=identify(SARAH)),
    Case(
        "phone double five",
        new_caller,
        BOOK,
        "nine eight seven six double five three two one zero",
        call=identify("9876553210"),
    ),
    Case(
        "phone bare digits",
        john,
        CHECK,
        "1234567890",
        call=identify(JOHN),
        reply="Welcome back John! You have an appointment on Friday, January 22nd at 9 AM. "
        "Would you like to modify it?",
        asks="offer_modify",
    ),
    Case(
        "invalid phone 123 relayed",
        new_caller,
        BOOK,
        "123",
        call=identify("123"),
        reply="ten-digit",
        asks="phone",
    ),
    Case(
        "invalid phone words relayed",
        new_caller,
        BOOK,
        "one two three",
        call=identify("123"),
        reply="I heard only 3 digits",
        asks="phone",
    ),
    Case(
        "no phone given re-asks",
        new_caller,
        BOOK,
        "i don't know",
        reply="phone number",
        asks="phone",
        no_call=True,
    ),
    Case(
        "off topic while asking phone",
        new_caller,
        BOOK,
        "what's the weather like",
        reply="phone number",
        asks="phone",
        no_call=True,
    ),
    # --- name ---------------------------------------------------------------------------------
    Case(
        "name with intro",
        new_caller,
        NEW_ASKED_NAME,
        "Yes, my name is Sarah Johnson",
        call=identify(SARAH, "Sarah Johnson"),
        reply="What day and time",
        asks="datetime",
    ),
    Case(
        "name bare asr",
        new_caller,
        NEW_ASKED_NAME,
        "sarah johnson",
        call=identify(SARAH, "Sarah Johnson"),
    ),
    Case(
        "name it's",
        new_caller,
        NEW_ASKED_NAME,
        "it's Sarah",
        call=identify(SARAH, "Sarah"),
        reply="Thank you, Sarah",
    ),
    Case(
        "name my name's asr",
        new_caller,
        NEW_ASKED_NAME,
        "my name's sarah johnson",
        call=identify(SARAH, "Sarah Johnson"),
    ),
    Case("name i'm", new_caller, NEW_ASKED_NAME, "i'm sarah", call=identify(SARAH, "Sarah")),
    Case(
        "name unclear",
        new_caller,
        NEW_ASKED_NAME,
        "um",
        reply="didn't catch",
        asks="name",
        no_call=True,
    ),
    # --- when (booking) -------------------------------------------------------------------------
    Case(
        "tomorrow 2 PM typed",
        new_caller,
        NEW_ASKED_WHEN,
        "Tomorrow at 2 PM please",
        reply="Shall I book Thursday, November 26th at 2 PM?",
        asks="confirm_book",
        no_call=True,
    ),
    Case(
        "tomorrow two p m asr",
        new_caller,
        NEW_ASKED_WHEN,
        "tomorrow at two p m please",
        reply="Shall I book Thursday, November 26th at 2 PM?",
        no_call=True,
    ),
    Case(
        "friday bare hour",
        new_caller,
        NEW_ASKED_WHEN,
        "friday at 11",
        reply="Shall I book Friday, November 27th at 11 AM?",
    ),
    Case(
        "month and ordinal",
        new_caller,
        NEW_ASKED_WHEN,
        "December 1st at 10 am",
        reply="Shall I book Tuesday, December 1st at 10 AM?",
    ),
    Case(
        "the 30th at noon",
        new_caller,
        NEW_ASKED_WHEN,
        "the 30th at noon",
        reply="Shall I book Monday, November 30th at noon?",
    ),
    Case(
        "monday eleven a m",
        new_caller,
        NEW_ASKED_WHEN,
        "monday at eleven a m",
        reply="Shall I book Monday, November 30th at 11 AM?",
    ),
    Case(
        "date only offers slots",
        new_caller,
        NEW_ASKED_WHEN,
        "tomorrow",
        call=fetch("2026-11-26"),
        reply="Which would you prefer",
        asks="time",
    ),
    Case(
        "time only asks day",
        new_caller,
        NEW_ASKED_WHEN,
        "2 PM",
        reply="Which day would you like 2 PM?",
        asks="date",
        no_call=True,
    ),
    Case(
        "weekend is confirmed then relayed",
        new_caller,
        NEW_ASKED_WHEN,
        "saturday at 10",
        reply="Shall I book Saturday, November 28th at 10 AM?",
    ),
    Case(
        "unclear when",
        new_caller,
        NEW_ASKED_WHEN,
        "blah blah",
        reply="didn't catch",
        asks="datetime",
        no_call=True,
    ),
    # --- confirmation -------------------------------------------------------------------------
    Case(
        "confirm yes books",
        new_caller,
        NEW_CONFIRM,
        "yes",
        call=("book_appointment", {"date": "2026-11-26", "time": "14:00"}),
        reply="Your confirmation code is d e f 6 7 8 9 a",
        asks="anything_else",
    ),
    Case(
        "confirm yeah go ahead",
        new_caller,
        NEW_CONFIRM,
        "yeah go ahead",
        call=("book_appointment", {"date": "2026-11-26", "time": "14:00"}),
    ),
    Case(
        "confirm sure",
        new_caller,
        NEW_CONFIRM,
        "Sure.",
        call=("book_appointment", {"date": "2026-11-26", "time": "14:00"}),
    ),
    Case(
        "confirm yes please asr",
        new_caller,
        NEW_CONFIRM,
        "yes please",
        call=("book_appointment", {"date": "2026-11-26", "time": "14:00"}),
    ),
    Case(
        "confirm no offers times",
        new_caller,
        NEW_CONFIRM,
        "no",
        call=fetch("2026-11-26"),
        reply="Which would you prefer",
        asks="time",
    ),
    Case(
        "confirm correction time",
        new_caller,
        NEW_CONFIRM,
        "no, make it 3 PM",
        reply="Shall I book Thursday, November 26th at 3 PM?",
        no_call=True,
    ),
    Case(
        "confirm correction day",
        new_caller,
        NEW_CONFIRM,
        "actually can we do friday instead",
        reply="Shall I book Friday, November 27th at 2 PM?",
        no_call=True,
    ),
    Case(
        "confirm unclear",
        new_caller,
        NEW_CONFIRM,
        "hmm",
        reply="Shall I book Thursday, November 26th at 2 PM?",
        no_call=True,
    ),
    Case(
        "taken slot offers alternatives",
        tomorrow_2pm_taken,
        NEW_CONFIRM,
        "yes",
        call=("book_appointment", {"date": "2026-11-26", "time": "14:00"}),
        reply="already booked. On Thursday, November 26th we have 9 AM",
        asks="time",
    ),
    Case(
        "weekend booking error relayed",
        new_caller,
        NEW_CONFIRM_SATURDAY,
        "yes",
        call=("book_appointment", {"date": "2026-11-28", "time": "10:00"}),
        reply="weekends are unavailable",
        asks="datetime",
    ),
    # --- after booking ----------------------------------------------------------------------------
    Case(
        "no thanks ends",
        new_caller,
        NEW_BOOKED,
        "no thanks",
        call=("end_conversation", {}),
        reply="Have a great day!",
    ),
    Case(
        "another booking",
        new_caller,
        NEW_BOOKED,
        "yes I'd like to book another one",
        reply="What day and time",
        no_call=True,
    ),
    # --- returning caller: check and modify ---------------------------------------------------
    Case(
        "modify to 11 AM typed",
        john,
        JOHN_LISTED,
        "Yes, can I change it to 11 AM?",
        call=(
            "modify_appointment",
            {"appointment_id": "def6789a", "new_date": "2027-01-22", "new_time": "11:00"},
        ),
        reply="Done! Your appointment is now at 11 AM on Friday, January 22nd.",
    ),
    Case(
        "modify eleven a m asr",
        john,
        JOHN_LISTED,
        "yes can i change it to eleven a m",
        call=(
            "modify_appointment",
            {"appointment_id": "def6789a", "new_date": "2027-01-22", "new_time": "11:00"},
        ),
    ),
    Case(
        "move it to 2 pm",
        john,
        JOHN_LISTED,
        "can you move it to 2 pm",
        call=("modify_appointment", {"appointment_id": "def6789a", "new_time": "14:00"}),
    ),
    Case(
        "modify yes asks new time",
        john,
        JOHN_LISTED,
        "yes",
        reply="What day and time would you like instead?",
        asks="datetime",
        no_call=True,
    ),
    Case(
        "modify declined",
        john,
        JOHN_LISTED,
        "no",
        reply="anything else",
        asks="anything_else",
        no_call=True,
    ),
    Case(
        "modify to date and time",
        john,
        JOHN_LISTED,
        "change it to friday december 4th at 10",
        call=(
            "modify_appointment",
            {"appointment_id": "def6789a", "new_date": "2026-12-04", "new_time": "10:00"},
        ),
    ),
    Case(
        "modify to a day offers times",
        john,
        JOHN_LISTED,
        "move it to next monday",
        call=fetch("2026-11-30"),
        reply="Which would you prefer",
    ),
    Case(
        "switch to cancel",
        john,
        JOHN_LISTED,
        "actually I want to cancel it",
        reply="Should I cancel it?",
        asks="confirm_cancel",
        no_call=True,
    ),
    Case(
        "no appointments offers booking",
        john_none,
        CHECK,
        JOHN,
        reply="don't have any upcoming appointments",
        asks="offer_book",
    ),
    # --- cancel -----------------------------------------------------------------------------------
    Case(
        "cancel found asks confirm",
        john,
        CANCEL,
        JOHN,
        call=identify(JOHN),
        reply="I found your appointment on Friday, January 22nd at 9 AM. Should I cancel it?",
        asks="confirm_cancel",
    ),
    Case(
        "cancel yes please",
        john,
        JOHN_CANCEL_CONFIRM,
        "Yes please",
        call=("cancel_appointment", {"appointment_id": "def6789a"}),
        reply="has been cancelled. Is there anything else",
        asks="anything_else",
    ),
    Case(
        "cancel yes asr",
        john,
        JOHN_CANCEL_CONFIRM,
        "yeah cancel it",
        call=("cancel_appointment", {"appointment_id": "def6789a"}),
    ),
    Case(
        "cancel declined",
        john,
        JOHN_CANCEL_CONFIRM,
        "no keep it",
        reply="keep your appointment",
        no_call=True,
    ),
    Case(
        "no goodbye ends",
        john,
        JOHN_CANCELLED,
        "No, goodbye",
        call=("end_conversation", {}),
        reply="Thank you for calling. Have a great day!",
    ),
    Case(
        "no that's all ends", john, JOHN_CANCELLED, "no that's all", call=("end_conversation", {})
    ),
    Case(
        "that's everything ends",
        john,
        JOHN_CANCELLED,
        "that's everything thanks",
        call=("end_conversation", {}),
    ),
    # --- several appointments ----------------------------------------------------------------
    Case(
        "lists several",
        john_two,
        CHECK,
        JOHN,
        reply="You have 2 upcoming appointments",
        asks="offer_modify",
    ),
    Case(
        "cancel which asked",
        john_two,
        CANCEL,
        JOHN,
        reply="Which appointment would you like to cancel",
        asks="which_appointment",
    ),
    Case(
        "pick second one",
        john_two,
        [*CANCEL, JOHN],
        "the second one",
        reply="Wednesday, December 2nd at 10 AM. Should I cancel it?",
        no_call=True,
    ),
    Case(
        "pick by weekday",
        john_two,
        [*CANCEL, JOHN],
        "the friday one",
        reply="Friday, November 27th at 9 AM. Should I cancel it?",
        no_call=True,
    ),
    Case(
        "pick by spelled code",
        john_two,
        [*CANCEL, JOHN],
        "d e f six seven eight nine a",
        reply="Friday, November 27th at 9 AM. Should I cancel it?",
        no_call=True,
    ),
    Case(
        "pick by typed code",
        john_two,
        [*CANCEL, JOHN],
        "It's HJK2-345B",
        reply="Wednesday, December 2nd at 10 AM",
        no_call=True,
    ),
    Case(
        "cancel by day from list",
        john_two,
        [*CHECK, JOHN],
        "cancel the one on friday",
        reply="Friday, November 27th at 9 AM. Should I cancel it?",
        no_call=True,
    ),
    Case(
        "move one of several",
        john_two,
        [*CHECK, JOHN],
        "move the december one to 2 pm",
        call=(
            "modify_appointment",
            {"appointment_id": "hjk2345b", "new_date": "2026-12-02", "new_time": "14:00"},
        ),
    ),
    Case(
        "no to the when question",
        john_none,
        [*CHECK, JOHN, "yes"],
        "no",
        reply="No problem. Is there anything else",
        asks="anything_else",
        no_call=True,
    ),
    Case(
        "carries on after goodbye",
        john,
        [*JOHN_CANCELLED, "No, goodbye"],
        "wait, can I book another appointment",
        reply="What day and time",
        no_call=True,
    ),
    # --- availability then booking ---------------------------------------------------------------
    Case(
        "pick second slot",
        new_caller,
        AVAIL_LISTED,
        "the second one",
        reply="To book 10 AM on Friday, November 27th",
        asks="phone",
        no_call=True,
    ),
    Case(
        "pick typed time",
        new_caller,
        AVAIL_LISTED,
        "10 AM please",
        reply="may I have your phone number",
        asks="phone",
    ),
    Case(
        "pick bare word hour",
        new_caller,
        AVAIL_LISTED,
        "eleven",
        reply="To book 11 AM on Friday",
        asks="phone",
    ),
    Case(
        "another day",
        new_caller,
        AVAIL_LISTED,
        "what about monday",
        call=fetch("2026-11-30"),
        reply="Monday, November 30th",
    ),
    Case(
        "pick and give phone",
        new_caller,
        AVAIL_LISTED,
        "I'll take 2 PM, my number is 9876543210",
        call=identify(SARAH),
    ),
    Case(
        "availability then bye",
        new_caller,
        AVAIL_LISTED,
        "no thanks, bye",
        call=("end_conversation", {}),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_engine_turn(case: Case) -> None:
    call = start(case.setup, case.before)
    decisions, reply = call.say(case.says)
    first = decisions[0]
    if case.no_call:
        assert first.is_reply, f"expected a reply, got {first.tool_calls}"
    if case.call is not None:
        assert first.tool_calls, f"expected {case.call[0]}, got reply {first.reply!r}"
        name, args = case.call
        assert first.tool_calls[0].name == name
        for key, value in args.items():
            assert first.tool_calls[0].args.get(key) == value, (key, first.tool_calls[0].args)
    if case.reply is not None:
        assert case.reply.lower() in reply.lower(), reply
    if case.asks is not None:
        assert decisions[-1].expect == case.asks, (decisions[-1].expect, reply)


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 60


# --- whole seed conversations ----------------------------------------------------------------


def converse(call: Call, lines: list[str]) -> list[tuple[str, list[str], str]]:
    transcript = []
    for line in lines:
        decisions, reply = call.say(line)
        transcript.append((line, [c.name for d in decisions for c in d.tool_calls], reply))
    return transcript


def test_seed_new_user_books() -> None:
    call = start(new_caller, [])
    log = converse(
        call,
        [
            "Hi, I'd like to book an appointment",
            "My number is 9876543210",
            "Yes, my name is Sarah Johnson",
            "Tomorrow at 2 PM please",
            "yes",
        ],
    )
    assert [tools for _, tools, _ in log] == [
        [],
        ["identify_user"],
        ["identify_user"],
        [],
        ["book_appointment"],
    ]
    assert "Shall I book Thursday, November 26th at 2 PM?" in log[3][2]
    assert "d e f 6 7 8 9 a" in log[4][2]
    assert call.clinic.calls[-1] == ("book_appointment", {"date": "2026-11-26", "time": "14:00"})


def test_seed_returning_user_modifies() -> None:
    call = start(john, [])
    log = converse(
        call,
        ["Hello, I need to check my appointments", "1234567890", "Yes, can I change it to 11 AM?"],
    )
    assert log[1][2] == (
        "Welcome back John! You have an appointment on Friday, January 22nd at 9 AM. "
        "Would you like to modify it?"
    )
    assert log[2][1] == ["modify_appointment"]
    assert log[2][2].startswith("Done! Your appointment is now at 11 AM on Friday, January 22nd.")


def test_seed_cancel_and_goodbye() -> None:
    call = start(john, [])
    log = converse(
        call, ["I need to cancel my appointment", "1234567890", "Yes please", "No, goodbye"]
    )
    assert "Should I cancel it?" in log[1][2]
    assert log[2][1] == ["cancel_appointment"]
    assert "has been cancelled" in log[2][2] and "anything else" in log[2][2]
    goodbye = "Thank you for calling. Have a great day!"
    assert log[3] == ("No, goodbye", ["end_conversation"], goodbye)


def test_seed_availability_then_booking() -> None:
    call = start(new_caller, [])
    log = converse(
        call,
        ["What times are available on Friday?", "2 PM works", "9876543210", "Sarah Johnson", "yes"],
    )
    assert log[0][1] == ["fetch_available_slots"]
    assert "Which would you prefer?" in log[0][2]
    assert "phone number" in log[1][2]
    assert log[4][1] == ["book_appointment"]
    assert call.clinic.calls[-1] == ("book_appointment", {"date": "2026-11-27", "time": "14:00"})


# --- engine properties ---------------------------------------------------------------------------


def test_greets_first() -> None:
    decision = DialogueEngine(today=lambda: TODAY).decide([])
    assert decision.reply is not None and "How can I help" in decision.reply


def test_stateless_and_deterministic() -> None:
    call = start(john, JOHN_LISTED)
    engine = DialogueEngine(today=lambda: TODAY)
    history = [*call.history, UserTurn("can I change it to 11 AM")]
    assert engine.decide(history) == engine.decide(list(history)) == call.engine.decide(history)


def test_respects_available_tools() -> None:
    engine = DialogueEngine(today=lambda: TODAY)
    history: list[HistoryItem] = [UserTurn("What times are available on Friday?")]
    assert engine.decide(history).tool_calls
    decision = engine.decide(history, available_tools=set())
    assert decision.is_reply and "can't" in (decision.reply or "")


def test_does_not_repeat_a_failing_tool_in_one_turn() -> None:
    engine = DialogueEngine(today=lambda: TODAY)
    history: list[HistoryItem] = [
        UserTurn("What times are available on Friday?"),
        ToolCall("fetch_available_slots", {"date": "2026-11-27"}),
        ToolResult("fetch_available_slots", "An internal error occurred", True),
    ]
    decision = engine.decide(history)
    assert decision.is_reply and "something went wrong" in (decision.reply or "")


def test_reads_python_repr_tool_output() -> None:
    engine = DialogueEngine(today=lambda: TODAY)
    history: list[HistoryItem] = [
        UserTurn("cancel my appointment please, my number is 1234567890"),
        ToolCall("identify_user", {"phone_number": JOHN}),
        ToolResult(
            "identify_user",
            str(
                {
                    "status": "identified",
                    "new_user": False,
                    "name": "John Smith",
                    "appointments": [
                        {
                            "appointment_id": "def6789a",
                            "date": "2027-01-22",
                            "time": "09:00",
                            "status": "booked",
                        }
                    ],
                }
            ),
        ),
    ]
    decision = engine.decide(history)
    assert decision.reply == (
        "Welcome back John! I found your appointment on Friday, January 22nd at 9 AM. "
        "Should I cancel it?"
    )


def test_uses_get_current_time_result_as_today() -> None:
    engine = DialogueEngine(today=lambda: date(2000, 1, 1))
    history: list[HistoryItem] = [
        ToolCall("get_current_time", {}),
        ToolResult("get_current_time", '{"date": "2026-11-25", "weekday": "Wednesday"}'),
        UserTurn("what's available tomorrow"),
    ]
    assert engine.decide(history).tool_calls[0].args == {"date": "2026-11-26"}


def test_clock_tool_is_asked_before_acting_on_a_date() -> None:
    engine = DialogueEngine(today=lambda: date(2000, 1, 1), clock_tool=True)
    history: list[HistoryItem] = [UserTurn("what's available tomorrow")]
    first = engine.decide(history)
    assert [c.name for c in first.tool_calls] == ["get_current_time"]
    history += [
        ToolCall("get_current_time", {}),
        ToolResult("get_current_time", '{"date": "2026-11-25"}'),
    ]
    assert engine.decide(history).tool_calls[0].args == {"date": "2026-11-26"}
    assert engine.decide(history, available_tools={"fetch_available_slots"}).tool_calls
    no_clock = [UserTurn("what's available tomorrow")]
    assert engine.decide(no_clock, available_tools={"fetch_available_slots"}).tool_calls[
        0
    ].args == {"date": "2000-01-02"}
