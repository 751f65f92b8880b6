"""What the blind batches' leftovers (leftovers52) taught the reading of one line, in other
words than the corpus lines. The clinic's appointments start on the hour, 9 AM to 3 PM."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Context, understand

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("line", "at"),
    [
        ("Thursday please, the one before your last appointment of the day", time(14)),
        ("Could I get Friday, two slots before the last slot?", time(13)),
        ("Monday, three after the first appointment, if that's free", time(12)),
        ("Tuesday - one after your first slot of the day", time(10)),
    ],
)
def test_a_start_counted_from_the_days_first_or_last(line: str, at: time) -> None:
    understood = understand(line, Context(today=TODAY))
    assert understood.when.time is not None
    assert understood.when.time.at == at


@pytest.mark.parametrize(
    "line",
    [
        "Hi, it's Marta. Do you want me to spell the surname?",
        "Marta - should I spell my last name for you?",
        "It's Marta, and I can spell the family name if that helps.",
    ],
)
def test_a_first_name_with_an_offer_to_spell_the_surname(line: str) -> None:
    understood = understand(line, Context(today=TODAY, asked="phone"))
    assert understood.surname_offered
    assert understood.name == "Marta"
