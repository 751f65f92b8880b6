"""A name said before the number at the number question: the domain LM's ten digits, and
Whisper's digit reader the same digits with one of a run left out or the first written as a
word, agree; the number grammar, forced to put the name into digits, vouches for nothing there
(:attr:`.recognizer.RecognizerConfig.domain_witness`, voice49 round)."""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
import numpy.typing as npt
import pytest

from voice_agent.adapters.offline import audio
from voice_agent.adapters.offline import recognizer as rec
from voice_agent.adapters.offline.second_opinion import digit_words
from voice_agent.adapters.offline.tts import synthesize
from voice_agent.domain.spoken_numbers import spoken_digits
from voice_agent.testing.fakes.readers import FakeDigitReader


@pytest.mark.parametrize(
    ("domain", "written", "witnessed"),
    [
        # one digit of "five five five" written twice, a name before it
        ("9135550287", "it's Rosa Delgado nine one three five five zero two eight seven", True),
        ("9135550287", "Rosa Delgado, 913-55-0287.", True),
        # "double" and a run of zeros shortened
        ("6465550018", "six four six double five zero zero one eight", True),
        ("6465550018", "six four six five five five zero zero one eight", True),
        # the first digit written as the word it sounds like, a digit of a run left out too
        ("2125550163", "Tom Birch, the number is to one two five five zero one six three", True),
        ("4045550199", "yeah it's for zero four five five zero one nine nine", True),
        # a digit left out that is no repeat: the domain LM's extra digit is its own
        ("9135550287", "nine one three five five five zero two eight", False),
        ("9135550287", "nine one three five five five two eight seven", False),
        # a digit put otherwise, two left out, digits outside the run
        ("9135550287", "nine one three five five five zero two eight one", False),
        ("9135550287", "nine one three five zero two eight seven", False),
        ("9135550287", "oh yes nine one three five five zero two eight seven", False),
        ("9135550287", "nine one three five five and zero two eight seven", False),
        # "to" before a run that holds the first digit already: the run read as it is
        ("2125550163", "to two one two five five zero one six three", True),
        ("2125550163", "to two one two five zero one six three", False),
        # no whole number from the domain LM, or none a caller could have
        ("913555028", "nine one three five five zero two eight", False),
        ("0135550287", "zero one three five five zero two eight seven", False),
        ("", "nine one three five five zero two eight seven", False),
    ],
)
def test_domain_witnessed(domain: str, written: str, witnessed: bool) -> None:
    assert rec.domain_witnessed(domain, written) is witnessed


@functools.cache
def _speech(text: str) -> npt.NDArray[np.int16]:
    samples, rate = synthesize(text, voice="en-us", rate=150)
    return audio.resample(samples, rate, 16000)


SAID = "Sure, it's Rosa Delgado, the number's nine one three, five five five, oh two eight seven."
FORCED = "3102291328"
"""The number grammar's reading: the name forced into digits, the number's end cut off."""


def _weighed(
    config: rec.RecognizerConfig, taken: str, written: str, domain: str = "9135550287"
) -> rec.Result:
    """``taken`` (the grammar's reading, or its filling of Whisper's nine) weighed where the
    domain LM heard ``domain`` and Whisper's digit reader wrote ``written``; the grammar's
    own reading :data:`FORCED`, and its choice among neighbours not asked (no running mean)."""
    decoders = rec.DecoderSet(config, reader=FakeDigitReader(spoken_digits(written)))
    utt = rec.Utterance(decoders, "phone10")
    utt.process(_speech(SAID).tobytes())
    utt.finish(config.margin("phone10"))
    utt.first_heard = FORCED
    utt.domain_heard = domain
    utt.whisper_written = written
    utt.whisper_heard = rec.leading_alike_number(written) or spoken_digits(written)
    utt.whisper_sure = ()
    utt.whisper_half = False
    utt.cmn_start = ""
    return utt.weigh_number(rec.Result(digit_words(taken), 0.5, -100, "phone10"))


@pytest.mark.parametrize(
    ("taken", "written"),
    [
        # the grammar's filling of Whisper's nine is the domain LM's ten
        ("9135550287", "it's rosa delgado nine one three five five zero two eight seven"),
        # Whisper's nine lost a "five" and the grammar's forced reading was kept
        (FORCED, "rosa del gato nine one three five five zero two eight seven"),
        # "two" written "to" and a five lost: eight digits after it
        (FORCED, "the number is to one two five five zero one six three"),
    ],
)
def test_the_domain_lms_ten_witnessed_by_whisper_are_agreed(
    config: rec.RecognizerConfig, taken: str, written: str
) -> None:
    domain = "2125550163" if "to one two" in written else "9135550287"
    weighed = _weighed(config, taken, written, domain)
    assert spoken_digits(weighed.text) == domain
    assert not weighed.unsure
    assert not weighed.one_reader
    off = _weighed(dataclasses.replace(config, domain_witness=False), taken, written, domain)
    assert off.unsure


@pytest.mark.parametrize(
    ("domain", "written"),
    [
        # Whisper lost a digit that is no repeat: only the domain LM read the 0
        ("9135550287", "rosa delgado nine one three five five five two eight seven"),
        # Whisper read a digit otherwise
        ("9135550287", "rosa delgado nine one three five five zero two eight one"),
        # Whisper's run broken by a word
        ("9135550287", "rosa delgado nine one three five five and zero two eight seven"),
    ],
)
def test_a_domain_reading_whisper_does_not_witness_is_not_agreed(
    config: rec.RecognizerConfig, domain: str, written: str
) -> None:
    weighed = _weighed(config, FORCED, written, domain)
    assert spoken_digits(weighed.text) == FORCED
    assert weighed.unsure


def test_a_domain_reading_the_caller_rejected_is_not_agreed(
    config: rec.RecognizerConfig,
) -> None:
    decoders = rec.DecoderSet(config, reader=FakeDigitReader("913550287"))
    utt = rec.Utterance(decoders, "phone10", rejected=("9135550287",))
    utt.process(_speech(SAID).tobytes())
    utt.finish(config.margin("phone10"))
    utt.first_heard = FORCED
    utt.domain_heard = "9135550287"
    utt.whisper_written = "nine one three five five zero two eight seven"
    utt.whisper_heard = "913550287"
    utt.whisper_sure = ()
    utt.cmn_start = ""
    weighed = utt.weigh_number(rec.Result(digit_words(FORCED), 0.5, -100, "phone10"))
    assert spoken_digits(weighed.text) == FORCED
    assert weighed.unsure
