"""A phone number said inside another line (the opening, a yes/no or day/time answer), read
by Whisper and vouched for by the number grammar on the stretch of audio that holds it
(:attr:`.recognizer.RecognizerConfig.line_number`, numbers35 round)."""

from __future__ import annotations

import dataclasses

import numpy as np
import numpy.typing as npt
import pytest

from voice_agent.adapters.offline import audio
from voice_agent.adapters.offline import recognizer as rec
from voice_agent.adapters.offline.tts import synthesize
from voice_agent.domain.listening import NUMBER_ONE_READER, NUMBER_UNCONTESTED, NUMBER_UNSURE
from voice_agent.testing.fakes.readers import FakeDigitReader, FakeSentenceReader
from voice_agent.testing.speech import feed_turn, finals

SAID = "Yes, three o'clock is fine. My number is two oh seven, five five five, oh one six eight."
NUMBER = "two zero seven five five five zero one six eight"
WHISPER = f"yes three o'clock's fine my number's {NUMBER}"


def _speech(text: str) -> npt.NDArray[np.int16]:
    samples, rate = synthesize(text, voice="en-us", rate=150)
    return audio.resample(samples, rate, 16000)


def _heard(
    config: rec.RecognizerConfig,
    sentence: str,
    said: str = SAID,
    expect: rec.Expect = ("yes_no", None),
    digits: FakeDigitReader | None = None,
) -> str:
    decoders = rec.DecoderSet(
        config, reader=digits, free_reader=FakeSentenceReader(sentence), every_open_turn=True
    )
    stream = rec.StreamRecognizer(decoders)
    texts = [e.text for e in finals(feed_turn(stream, _speech(said), expect))]
    assert len(texts) == 1
    return texts[0]


def _doubted(text: str) -> bool:
    return any(mark in text for mark in (NUMBER_UNSURE, NUMBER_ONE_READER, NUMBER_UNCONTESTED))


@pytest.mark.parametrize(
    ("nine", "ten"),
    [
        ("207550168", {"2075550168"}),  # "five five five" written "five five"
        ("617550142", {"6175550142"}),
        ("123456789", set()),  # no run: nothing to put back
        ("207550188", {"2075550188", "2075501888"}),  # two runs: either
        ("2075550168", set()),  # ten digits: nothing to fill
    ],
)
def test_collapsed_runs(nine: str, ten: set[str]) -> None:
    assert rec.collapsed_runs(nine) == ten


def test_whispers_number_in_a_yes_no_line_is_vouched_for_by_the_grammar(
    config: rec.RecognizerConfig,
) -> None:
    # "Yes, three o'clock's fine. My number's 207 555 0168" at "Shall I book it?": Whisper's
    # sentence reader was the number's only reader, so it was asked again - a caller who
    # reads a script (or has already answered) cannot follow. The number grammar on the
    # stretch, choosing between Whisper's reading and every one-digit neighbour, vouches
    heard = _heard(config, WHISPER)
    assert NUMBER in heard
    assert not _doubted(heard)
    off = _heard(dataclasses.replace(config, line_number=False), WHISPER)
    assert NUMBER in off or _doubted(off)
    assert _doubted(off)


def test_a_number_whisper_heard_one_digit_wrong_in_a_line_is_not_agreed(
    config: rec.RecognizerConfig,
) -> None:
    # Whisper wrote "... six nine" for "... six eight": the grammar, given the choice, hears
    # the eight (a neighbour), so Whisper's wrong number is never agreed
    wrong = "two zero seven five five five zero one six nine"
    heard = _heard(config, f"yes three o'clock's fine my number's {wrong}")
    assert wrong not in heard or _doubted(heard)


def test_a_number_whisper_heard_two_digits_wrong_in_a_line_is_not_agreed(
    config: rec.RecognizerConfig,
) -> None:
    wrong = "two zero seven five five five zero nine six nine"
    heard = _heard(config, f"yes three o'clock's fine my number's {wrong}")
    assert wrong not in heard or _doubted(heard)


def test_nine_digits_the_digit_reader_read_in_a_line_stand_with_the_run_put_back(
    config: rec.RecognizerConfig,
) -> None:
    # the recorded stranger call thursday-afternoon-only-three-free: Whisper's sentence
    # wrote "to" for the two (nine digits), its digit reader "207 55 0168" (the run of
    # fives collapsed, its known habit); the one reading with the run said three times,
    # vouched for by the grammar on the stretch, stands agreed
    digits = FakeDigitReader(words="Yes, 3 o'clock's fine. My number's 207-55-0168.")
    sentence = (
        "yes three o'clock's fine my number's to zero seven five five five zero one six eight"
    )
    heard = _heard(config, sentence, digits=digits)
    assert NUMBER in heard
    assert not _doubted(heard)
    off = _heard(dataclasses.replace(config, line_number=False), sentence, digits=digits)
    assert _doubted(off)


def test_a_line_with_no_number_is_not_decoded_again(config: rec.RecognizerConfig) -> None:
    digits = FakeDigitReader(words="617-555-0142")
    heard = _heard(config, "yes three o'clock's fine", "Yes, three o'clock is fine.", digits=digits)
    assert heard.startswith("yes")
    before = FakeDigitReader(words="617-555-0142")
    off = dataclasses.replace(config, line_number=False, opening_number=False)
    _heard(off, "yes three o'clock's fine", "Yes, three o'clock is fine.", digits=before)
    assert digits.calls == before.calls  # only the yes/no answer's read


def test_the_next_turn_is_heard_after_the_stretch_is_decoded(config: rec.RecognizerConfig) -> None:
    # the stretch is decoded with a search of its own on the grammar decoder: the turn's
    # search is put back, and the next turn hears as before
    decoders = rec.DecoderSet(config, free_reader=FakeSentenceReader(WHISPER), every_open_turn=True)
    stream = rec.StreamRecognizer(decoders)
    first = [e.text for e in finals(feed_turn(stream, _speech(SAID), ("yes_no", None)))]
    assert NUMBER in first[0]
    again = [e.text for e in finals(feed_turn(stream, _speech("yes please"), ("yes_no", None)))]
    assert again == ["yes please"]
