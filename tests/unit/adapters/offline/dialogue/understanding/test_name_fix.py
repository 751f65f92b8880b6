"""The name on an account said to be wrong, with or without the right one, and a spelling
said with it unasked. Today is Wednesday 25 November 2026."""

from __future__ import annotations

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Asked, Context, understand

from .reading import TODAY


def read(text: str, asked: Asked = "datetime"):  # type: ignore[no-untyped-def]
    return understand(text, Context(today=TODAY, asked=asked))


@pytest.mark.parametrize(
    ("said", "part", "word", "wrong"),
    [
        ("hang on, you've got my name wrong", None, None, None),
        ("um you spelled my last name wrong", "last", None, None),
        ("that's not how you spell my name", None, None, None),
        ("my name's not Rooz, it's Ruiz", None, "ruiz", "rooz"),
        ("my surname's Nowak by the way, with a W, not Novak", "last", "nowak", None),
        ("my first name is wrong, it's not Jon", "first", None, None),
        ("oh, actually it's Ruiz, R U I Z", None, "ruiz", None),
        ("it's Nowak, not Novak", None, "nowak", "novak"),
    ],
)
def test_a_name_said_wrong(
    said: str, part: str | None, word: str | None, wrong: str | None
) -> None:
    fix = read(said).name_fix
    assert fix is not None, said
    assert (fix.part, fix.word, fix.wrong) == (part, word, wrong), said


@pytest.mark.parametrize(
    "said",
    [
        "actually it's tuesday I want",
        "no sorry it's friday at two",
        "it's two not three",
        "actually it's fine, thanks",
        "my name is Dana Ruiz and I'd like to book",
        "that's wrong, I said Thursday",
    ],
)
def test_no_name_said_wrong(said: str) -> None:
    assert read(said).name_fix is None, said


@pytest.mark.parametrize(
    ("said", "letters"),
    [
        ("oh, actually it's Ruiz, R U I Z", "ruiz"),
        ("actually it is Ruiz, R-U-I-Z", "ruiz"),
        ("my surname's wrong, it's N O W A K", "nowak"),
        ("my surname's Nowak, with a W", None),
    ],
)
def test_a_spelling_said_with_the_correction(said: str, letters: str | None) -> None:
    assert read(said).spelled == letters, said
