"""Table-driven tests of utterance understanding, typed and speech-recogniser forms."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest

from voice_agent.adapters.offline.dialogue.nlu import (
    Expect,
    detect_intent,
    extract_code,
    extract_name,
    extract_phone,
    parse_utterance,
)

TODAY = date(2026, 11, 25)  # a Wednesday

INTENTS: list[tuple[str, str]] = [
    ("Hi, I'd like to book an appointment", "book"),
    ("i would like to make an appointment", "book"),
    ("can i schedule a visit for next week", "book"),
    ("I need to see the doctor", "book"),
    ("What times are available on Friday?", "availability"),
    ("what times are available on friday", "availability"),
    ("do you have any openings tomorrow", "availability"),
    ("Any free slots on Monday?", "availability"),
    ("Hello, I need to check my appointments", "list"),
    ("when is my appointment", "list"),
    ("do i have anything booked", "list"),
    ("I want to reschedule", "reschedule"),
    ("can i change my appointment", "reschedule"),
    ("Could you move it to 3 PM?", "reschedule"),
    ("I need to cancel my appointment", "cancel"),
    ("please call it off", "cancel"),
    ("i want to cancel", "cancel"),
    ("No, goodbye", "end"),
    ("no that's all", "end"),
    ("that's all thanks bye", "end"),
    ("Goodbye!", "end"),
    ("nothing else", "end"),
    ("yes", "yes"),
    ("Yeah, go ahead.", "yes"),
    ("sure", "yes"),
    ("that works", "yes"),
    ("okay", "yes"),
    ("no", "no"),
    ("nope", "no"),
    ("no thanks", "no"),
    ("hello", "greeting"),
    ("Good morning!", "greeting"),
    ("what are your opening hours", "hours"),
    ("what's the weather like", "other"),
    ("asdf qwerty", "other"),
]


@pytest.mark.parametrize(("text", "intent"), INTENTS, ids=[t for t, _ in INTENTS])
def test_detect_intent(text: str, intent: str) -> None:
    assert detect_intent(text) == intent


SLOTS: list[tuple[str, Expect | None, dict[str, Any]]] = [
    # phone numbers
    ("My number is 9876543210", "phone", {"phone": "9876543210"}),
    (
        "my number is nine eight seven six five four three two one zero",
        "phone",
        {"phone": "9876543210"},
    ),
    ("nine eight seven six five four three two one oh", "phone", {"phone": "9876543210"}),
    ("nine eight seven double five four three two one zero", "phone", {"phone": "9875543210"}),
    ("(987) 654-3210", None, {"phone": "9876543210"}),
    ("+1 987 654 3210", None, {"phone": "+19876543210"}),
    ("123", "phone", {"phone": "123"}),
    ("123", None, {"phone": None}),
    ("it's 1234567890", "phone", {"phone": "1234567890"}),
    # names
    ("Yes, my name is Sarah Johnson", "name", {"name": "Sarah Johnson", "yes": True}),
    ("sarah johnson", "name", {"name": "Sarah Johnson"}),
    ("it's Sarah", "name", {"name": "Sarah"}),
    ("this is John Smith calling", None, {"name": "John Smith"}),
    ("i'm calling to book an appointment", None, {"name": None, "task": "book"}),
    ("um", "name", {"name": None}),
    ("Mary-Jane O'Neil", "name", {"name": "Mary-Jane O'Neil"}),
    # dates
    ("tomorrow", "date", {"date": date(2026, 11, 26)}),
    ("Friday", "date", {"date": date(2026, 11, 27)}),
    ("next wednesday", None, {"date": date(2026, 12, 2)}),
    ("January 24th", None, {"date": date(2027, 1, 24)}),
    ("the 30th", None, {"date": date(2026, 11, 30)}),
    ("friday december 4th", None, {"date": date(2026, 12, 4)}),
    ("the 4th of december", None, {"date": date(2026, 12, 4)}),
    ("the day after tomorrow", None, {"date": date(2026, 11, 27)}),
    # times
    ("2 PM", "time", {"time": time(14)}),
    ("eleven a m", "time", {"time": time(11)}),
    ("at 3", None, {"time": time(15)}),
    ("noon", "time", {"time": time(12)}),
    ("11", "time", {"time": time(11)}),
    ("eleven", "time", {"time": time(11)}),
    ("11", None, {"time": None}),
    ("Tomorrow at 2 PM please", "datetime", {"date": date(2026, 11, 26), "time": time(14)}),
    ("tomorrow at two p m please", "datetime", {"date": date(2026, 11, 26), "time": time(14)}),
    ("December 3", "date", {"date": date(2026, 12, 3), "time": None}),
    ("10:00", "time", {"time": time(10)}),
    # codes and picks
    ("d e f six seven eight nine a", "code", {"code": "def6789a"}),
    ("my code is d e f six seven eight nine a", None, {"code": "def6789a"}),
    ("DEF6-789A", None, {"code": "def6789a"}),
    ("the code is delta echo foxtrot six seven eight nine alpha", None, {"code": "def6789a"}),
    ("thursday", None, {"code": None}),
    ("the second one", "time", {"ordinal": 2, "date": None}),
    ("the last one", "which_appointment", {"ordinal": -1}),
    ("the friday one", "which_appointment", {"weekday": 4}),
]


@pytest.mark.parametrize(("text", "expect", "wanted"), SLOTS, ids=[s[0] for s in SLOTS])
def test_slots(text: str, expect: Expect | None, wanted: dict[str, Any]) -> None:
    u = parse_utterance(text, today=TODAY, expect=expect)
    for key, value in wanted.items():
        assert getattr(u, key) == value, (key, u)


def test_phone_ignores_times_when_not_asked() -> None:
    assert extract_phone("tomorrow at 2 pm") is None
    assert extract_phone("at 2 pm", expect="phone") is None


def test_phone_with_details_keeps_date_and_time() -> None:
    u = parse_utterance("book tomorrow at 2 pm my number is 9876543210", today=TODAY)
    assert (u.task, u.phone, u.date, u.time) == ("book", "9876543210", date(2026, 11, 26), time(14))


def test_name_not_taken_from_ordinary_sentences() -> None:
    assert extract_name("it's for tomorrow") is None
    assert extract_name("i'm not sure") is None
    assert extract_name("I am looking for an appointment") is None


def test_code_needs_digits_unless_asked() -> None:
    assert extract_code("schedule") is None
    assert extract_code("hjkmnpqr", expect="code") == "hjkmnpqr"


def test_yes_no_conflict_first_wins() -> None:
    u = parse_utterance("no, yes that's fine", today=TODAY)
    assert (u.yes, u.no) == (False, True)


def test_tables_are_large_enough() -> None:
    assert len(INTENTS) + len(SLOTS) >= 60


def test_a_request_outweighs_a_closing_phrase() -> None:
    heard = parse_utterance("that's all i need to check my appointment", today=TODAY)
    assert heard.task == "list" and not heard.end
