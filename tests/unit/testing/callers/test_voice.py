"""How a voice caller's typed line is said: numbers digit by digit, spelled names by letter."""

from __future__ import annotations

from voice_agent.testing.callers.simulator import spelled_name
from voice_agent.testing.callers.voice import said_aloud, spoken_form


def test_a_spelled_name_is_said_as_the_letters_names_sound() -> None:
    # espeak says a lone "A" as the article: a caller says the letter's name
    assert said_aloud(spelled_name("Rosa Delgado")) == ("ar oh ess ay, dee ee el gee ay dee oh.")
    assert said_aloud("It's Nguyen, N-G-U-Y-E-N.") == "It's Nguyen, en gee you why ee en."
    assert said_aloud("Finch. F, I, N, C, H.") == "Finch. eff, eye, en, see, aitch."
    assert (
        said_aloud("Walsh, W A L S H, with an h") == "Walsh, double you ay el ess aitch, with an h"
    )


def test_capitals_that_spell_nothing_are_said_as_written() -> None:
    for line in ("I want a B and I am OK", "A, B or C?", "I.D. please", "Is it at 3 PM?"):
        assert said_aloud(line) == line
    assert said_aloud("it's 646 555 0177") == "it's 6 4 6, 5 5 5, 0 1 7 7"
    # the word-error benches' reference text keeps the letters as written
    assert spoken_form("Finch. F, I, N, C, H.") == "Finch. F, I, N, C, H."
