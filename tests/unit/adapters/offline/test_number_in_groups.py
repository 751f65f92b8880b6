"""A phone number given in its groups at the number question ("Sure, it's 646 555", the rest
said next): the digits Whisper's digit reader wrote handed on, not the ten the number grammar
forced out of them (:attr:`.recognizer.RecognizerConfig.number_in_groups`, numbers37 round)."""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
import numpy.typing as npt
import pytest

from voice_agent.adapters.offline import audio
from voice_agent.adapters.offline import recognizer as rec
from voice_agent.adapters.offline.tts import synthesize
from voice_agent.domain.spoken_numbers import spoken_digits
from voice_agent.testing.fakes.readers import FakeDigitReader

GROUPS = "Sure, it's six four six, five five five."
WHOLE = "My number is six one seven five five five oh one four two"


@functools.cache
def _speech(text: str) -> npt.NDArray[np.int16]:
    """espeak-ng's rendering varies a little call to call (noise sources): one per text."""
    samples, rate = synthesize(text, voice="en-us", rate=150)
    return audio.resample(samples, rate, 16000)


def _heard(config: rec.RecognizerConfig, said: str, written: str) -> rec.Result:
    decoders = rec.DecoderSet(config, reader=FakeDigitReader(words=written))
    return rec.decode_buffer(decoders, _speech(said), expect=("phone", 10))


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("sure it's six four six fine fine fine", "sure it's six four six five five five"),
        ("2 0 7, fine, fine, fine, 0 1 6 8.", "2 0 7 five five five 0 1 6 8"),
        ("six four six, that's fine", "six four six that's fine"),  # a word between: a yes
        ("Fine, 646.", "fine 6 4 6"),  # before any digit: a yes
    ],
)
def test_whispers_fine_after_a_digit_is_a_five(written: str, read: str) -> None:
    assert rec.fives_after_digits(written) == read


@pytest.mark.parametrize(
    "written", ["Sure, it's 646-555.", "sure it's six four six fine fine fine"]
)
def test_the_first_two_groups_said_alone_are_handed_on_as_whisper_wrote_them(
    config: rec.RecognizerConfig, written: str
) -> None:
    # the caller gives the area code and exchange, then stops: the number grammar must
    # read ten digits and forced four more in ("sure oh eight six four six five five two
    # five eight"), doubted, so the caller was asked for the whole number again instead of
    # the rest of it
    heard = _heard(config, GROUPS, written)
    assert spoken_digits(heard.text) == "646555"
    assert not heard.unsure and not heard.one_reader
    off = _heard(dataclasses.replace(config, number_in_groups=False), GROUPS, written)
    assert spoken_digits(off.text) != "646555"


def test_a_group_among_other_digits_is_not_taken_alone(config: rec.RecognizerConfig) -> None:
    # Whisper wrote two runs: no group said alone, the grammar's reading as before
    heard = _heard(config, GROUPS, "Sure, it's 646, and 555 at 2.")
    assert spoken_digits(heard.text) != "646555"


def test_whisper_stopping_short_of_a_whole_number_keeps_the_whole_number(
    config: rec.RecognizerConfig,
) -> None:
    # the whole number said, Whisper wrote its first six digits only: the grammar's ten
    # begin with them, so more was said after them
    heard = _heard(config, WHOLE, "My number is 617-555")
    assert len(spoken_digits(heard.text)) == 10
    off = _heard(dataclasses.replace(config, number_in_groups=False), WHOLE, "My number is 617-555")
    assert heard.text == off.text


@pytest.mark.parametrize(
    ("said", "written", "n"),
    [
        # at "What are the last four digits?" after a correction (read-back-wrong-ending):
        # the group grammar forced "yes it's oh seven one eight", read back as the number
        ("Yes, that's right now. Hannah Weiss.", "Yes, that's right now. Hand wise.", 4),
        ("Yes, I'll take it.", "Yes, I'll take it.", 3),
    ],
)
def test_a_group_turn_where_no_digit_was_said_hands_on_whispers_words(
    config: rec.RecognizerConfig, said: str, written: str, n: int
) -> None:
    decoders = rec.DecoderSet(config, reader=FakeDigitReader(words=written))
    heard = rec.decode_buffer(decoders, _speech(said), expect=("phone", n))
    assert spoken_digits(heard.text) == ""
    assert heard.source == rec.WORDS_SOURCE
    off = rec.DecoderSet(
        dataclasses.replace(config, number_in_groups=False), reader=FakeDigitReader(words=written)
    )
    assert len(spoken_digits(rec.decode_buffer(off, _speech(said), expect=("phone", n)).text)) == n


def test_a_group_said_in_digits_whisper_wrote_partly_as_words_stays_the_grammars(
    config: rec.RecognizerConfig,
) -> None:
    decoders = rec.DecoderSet(config, reader=FakeDigitReader(words="Oh, one for nine."))
    heard = rec.decode_buffer(decoders, _speech("Oh one four nine."), expect=("phone", 4))
    assert spoken_digits(heard.text) == "0149"
