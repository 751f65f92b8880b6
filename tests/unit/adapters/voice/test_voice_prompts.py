"""The instructions follow the voice rules and leave today's date to get_current_time."""

from __future__ import annotations

import re

from voice_agent.adapters.voice.prompts import greeting, instructions
from voice_agent.domain.calendar import ClinicCalendar
from voice_agent.domain.listening import (
    ANSWER_UNCLEAR,
    NAME_UNHEARD,
    NUMBER_ONE_READER,
    NUMBER_UNSURE,
    NUMBER_WEAK_PREFIX,
)


def test_instructions_carry_the_voice_rules() -> None:
    text = instructions(clinic_name="Maple Clinic", calendar=ClinicCalendar())
    for rule in (
        "phone number first",
        "get_current_time",
        "fetch_available_slots",
        "one character at a time",
        "wait for a clear yes",
        "Never invent",
        "end_conversation",
        "short",
    ):
        assert rule in text, rule
    assert "Monday to Friday, from 9 AM to 4 PM" in text
    # no date baked in (the suite's today is 2026-11-25): the prompt is the same every day
    assert "2026-11-25" not in text and "November 25" not in text
    assert not re.search(r"\btoday is\b", text, re.IGNORECASE)


def test_greeting_names_the_clinic() -> None:
    assert "Maple Clinic" in greeting(clinic_name="Maple Clinic")


def test_instructions_tell_a_cloud_model_how_phone_calls_work() -> None:
    text = instructions(clinic_name="Maple Clinic", calendar=ClinicCalendar())
    for rule in (
        'starting "Call context:"',  # the line the worker appends on a phone call
        "not proof of who is calling",
        'ending with "#" was typed on the phone keypad',
        "offer the keypad",
        "cannot help them after several tries, call transfer_to_staff",
        "front desk answers",
    ):
        assert rule in text, rule


def test_instructions_say_what_an_unsure_number_asks_for() -> None:
    # an offline recogniser's NUMBER_UNSURE reaches a cloud model too: it asks again
    text = instructions(clinic_name="Maple Clinic", calendar=ClinicCalendar())
    assert f'ending in "{NUMBER_UNSURE}"' in text
    assert "say the number again before you call identify_user" in text
    # a second unsure hearing: the 3-3-4 groups the offline engine asks for too
    assert "unsure a second time, take it in groups" in text
    assert "then the middle three, then the last four" in text
    assert f'ending in "{NUMBER_ONE_READER}"' in text
    assert "say it again before you open an account on it" in text


def test_instructions_say_an_answer_heard_both_ways_is_asked_again() -> None:
    # an offline recogniser's ANSWER_UNCLEAR reaches a cloud model too: never a yes or a no
    text = instructions(clinic_name="Maple Clinic", calendar=ClinicCalendar())
    assert f'words "{ANSWER_UNCLEAR}" mean' in text
    assert "ask the question again, and do nothing on it" in text


def test_instructions_say_a_weak_number_is_not_taken_on_a_yes() -> None:
    text = instructions(clinic_name="Maple Clinic", calendar=ClinicCalendar())
    assert f'ending in "{NUMBER_WEAK_PREFIX} <group>)"' in text
    assert 'never on a "yes" to its read-back alone' in text


def test_instructions_say_a_name_said_with_the_number_and_unheard_is_not_asked_again() -> None:
    text = instructions(clinic_name="Maple Clinic", calendar=ClinicCalendar())
    assert f'holding "{NAME_UNHEARD}" mean they said their name with their number' in text
    assert 'with the name "Unknown Caller": the front desk will add the name' in text
