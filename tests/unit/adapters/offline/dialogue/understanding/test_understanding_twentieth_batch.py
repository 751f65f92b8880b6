"""Ways of saying things that a twentieth batch of blind calls (callers referring to an earlier
call, a date and an hour with the same numbers, callers who ask before committing, times fixed by
the caller's day, telegraphic callers, a yes or a no in the caller's first language) showed the
reader missed, said here in other words than the corpus lines. Today is Wednesday 25 November
2026 unless a test says otherwise."""

from __future__ import annotations

import pytest

from voice_agent.adapters.offline.dialogue.understanding.tokens import fold, tokenize

from .reading import read


# --- a yes, a no, a thanks and a goodbye in the caller's first language ------------------------
def test_accented_letters_are_read_as_their_plain_letters_and_kept_as_written() -> None:
    assert fold("Sí, não, Tschüss, Amélie") == "Si, nao, Tschuss, Amelie"
    tokens = tokenize("Oui, José Núñez")
    assert [t.text for t in tokens] == ["oui", "jose", "nunez"]
    assert [t.raw for t in tokens][1:] == ["José", "Núñez"]


@pytest.mark.parametrize(
    "text",
    [
        "Sí, claro.",
        "ja genau",
        "Oui, d'accord.",
        "tak tak",
        "Da, da.",
        "Hai, please.",
        "sim sim",
        "aywa",
        "Ja, danke.",
    ],
)
def test_a_yes_in_the_callers_own_language_is_a_yes(text: str) -> None:
    u = read(text, "confirm")
    assert u.yes and not u.no, u


@pytest.mark.parametrize("text", ["Não, não.", "Nein.", "nie nie", "nahi", "Iie.", "Non, non."])
def test_a_no_in_the_callers_own_language_is_a_no(text: str) -> None:
    u = read(text, "confirm")
    assert u.no and not u.yes, u


@pytest.mark.parametrize(
    "text",
    [
        "No, gracias. Adiós.",
        "Nein danke, tschüss",
        "merci, au revoir",
        "obrigada, tchau",
        "ok ciao",
        "spasibo",
        "Non, merci.",
    ],
)
def test_a_thanks_or_goodbye_in_the_callers_own_language_ends(text: str) -> None:
    assert read(text, "anything_else").end


@pytest.mark.parametrize("text", ["hai i want to book for friday", "da vinci street, is it?"])
def test_a_foreign_yes_before_a_request_is_no_yes(text: str) -> None:
    assert not read(text).yes


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Me llamo Carmen Ortiz, my number is 305 555 0102.", "Carmen Ortiz"),
        ("je m'appelle Amélie Laurent", "Amélie Laurent"),
        ("mera naam Suresh Iyer hai", "Suresh Iyer"),
    ],
)
def test_a_name_introduced_in_the_callers_own_language(text: str, name: str) -> None:
    assert read(text).name == name


@pytest.mark.parametrize(("text", "name"), [("Sí, sí.", None), ("Hai Nguyen", "Hai Nguyen")])
def test_a_foreign_yes_at_the_name_question_is_no_name(text: str, name: str | None) -> None:
    assert read(text, "name").name == name


# --- a number said the British way -------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("four one three treble five one oh three eight", "4135551038"),
        ("six one seven, treble five, oh double four nine", "6175550449"),
        ("nine one seven treble five oh seven two six", "9175550726"),
    ],
)
def test_treble_is_a_digit_said_three_times(text: str, digits: str) -> None:
    u = read(text, "phone")
    assert u.phone is not None and u.phone.digits == digits, u.phone
