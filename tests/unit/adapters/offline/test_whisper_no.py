"""A yes/no turn the domain LM won with a garble of neither side, which was asked again, is a
no where Whisper wrote a no and nothing else (yesno30 round): the yes/no grammar takes a
lead-in ("um", "uh", "hmm") only before a yes, so a no said after one came back as a yes
from it ("Um, no, I'd rather leave it." as "um go on that's all", "Hmm, not really." as "um
please do") while Whisper wrote the no whole. Only ever towards a no: a garble never makes a
yes."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest

from voice_agent.adapters.offline import audio, grammars
from voice_agent.adapters.offline import recognizer as rec
from voice_agent.adapters.offline.tts import synthesize
from voice_agent.testing.fakes.readers import FakeDigitReader


def _speech(text: str) -> npt.NDArray[np.int16]:
    samples, rate = synthesize(text, voice="en-us", rate=150)
    return audio.resample(samples, rate, 16000)


@pytest.mark.parametrize(
    ("domain", "neither"),
    [
        # tuning split garbles (yesno30 round) and held-out shapes
        ("the fifth oh five other the fifth", True),
        ("the i'm three in the", True),
        ("hello so late a second", True),
        ("um so i don't fifth so", True),
        ("hey so i have the fifth", True),
        ("book oh four tenth", True),
        # a word of either side: the dialogue reads an answer in it, or another rule does
        ("not right", False),
        ("fine three yeah the", False),
        ("oh move the okay", False),
        ("no two five p m", False),
        ("um right", False),
        ("good hello the fifth", False),
        ("", False),
    ],
)
def test_a_garble_of_neither_side(domain: str, neither: bool) -> None:
    assert rec.neither_side(domain) is neither


@pytest.mark.parametrize(
    "said",
    [
        "Um, no, I'd rather leave it.",
        "Hmm, not really.",
        "Um, not merely...",
        "Hmm, no, I don't think so.",
        "No, no, wait a second.",
        "Um, no, sorry.",
        "Yeah, no, I'm gonna be in the car.",
        "No, not that one.",
        "Nope, not today.",
        "No, actually, leave it.",
        "Nah, never mind.",
        "No thanks, I'll call back.",
        "Er, no thank you.",
    ],
)
def test_a_no_and_nothing_else(said: str) -> None:
    assert rec.a_no_alone(said, "um go on that's all")


@pytest.mark.parametrize(
    ("said", "grammar"),
    [
        # a yes, or no side at all
        ("Uh, that's right.", "nah"),
        ("Yes, not works.", "yes that works"),
        ("Sound is good", "no i'm good"),
        ("Mmm.", ""),
        ("Yeah, no problem.", "yep"),
        # a no with something the dialogue acts on: asked again as before
        ("No, make it Friday.", "nope"),
        ("No, three o'clock.", "nope"),
        ("No, the 5th.", "nope"),
        ("No, not today, tomorrow.", "nope"),
        ("No, can I cancel it instead?", "nope"),
        ("No, which one is that?", "nope"),
        ("No, not at one.", "nope"),
        ("No, I want to speak to someone.", "nope"),
        # "that's right" heard "not right" by Whisper (tuning: en-gb-scotland, en+m1)
        ("Not right.", "uh that's right"),
        ("not correct", "that's correct please"),
    ],
)
def test_not_a_no_alone(said: str, grammar: str) -> None:
    assert not rec.a_no_alone(said, grammar)


def _garbled(
    config: rec.RecognizerConfig, written: str | None, said: str, grammar: str, domain: str
) -> str:
    reader = FakeDigitReader("", said=written)
    utt = rec.Utterance(rec.DecoderSet(config, reader=reader), grammars.YES_NO_SEARCH)
    utt.stop()
    utt.audio = [_speech(said).tobytes()]
    won = rec.Result(domain, 0.5, -1.1, grammars.DOMAIN_SEARCH)
    heard = rec.Result(grammar, 0.5, -1.0, grammars.YES_NO_SEARCH)
    return utt._whisper_no(won, heard).text


@pytest.mark.parametrize(
    ("said", "written", "grammar", "domain"),
    [
        # tuning split, 20 and 10 dB (yesno30 round): the grammar's yes made of the lead-in
        (
            "um no i'd rather leave it",
            "Um, no, I'd rather leave it.",
            "um go on that's all",
            "the fifth oh five other the fifth",
        ),
        ("hmm not really", "Um, not really.", "um please do please", "the i'm coming in the"),
        (
            "yeah no i'd rather not",
            "Yeah, no, I'm gonna be in the car.",
            "yep go ahead that's all",
            "hey so i have the fifth",
        ),
        # the held-out shapes, other words
        ("no no hang on a second", "No, no, hang on a second.", "nope", "hello so long a second"),
        ("um no sorry", "Um, no, sorry.", "nah i'm good", "the oh so if"),
    ],
)
def test_a_garble_whisper_heard_a_no_in_is_a_no(
    config: rec.RecognizerConfig, said: str, written: str, grammar: str, domain: str
) -> None:
    assert _garbled(config, written, said, grammar, domain) == "no"


@pytest.mark.parametrize(
    ("said", "written", "grammar", "domain"),
    [
        # Whisper's yes, or no side: never a yes from a garble, asked again as before
        ("er sounds good", "Sound is good", "that's wrong thank you", "phone so move move"),
        ("uh-huh go ahead", "Uh-oh, lower end.", "uh-huh", "book oh four tenth"),
        ("that's right", "That's right.", "nah that's all", "the so if"),
        # a no with a day or a request in it, or Whisper's "not" for the grammar's "that's"
        ("no make it friday", "No, make it Friday.", "nope", "the oh fifth if"),
        ("that's right", "Not right.", "that's right", "the at if"),
        # a goodbye either reader heard: the garble as before, which ends the call
        ("no thanks bye", "No thanks, bye.", "nope goodbye", "oh thanks bye"),
        ("no that's all", "No, that's all.", "nope", "the so that's all"),
        ("no sorry bye", "No, sorry, bye.", "nope", "the so sorry if"),
        # Whisper heard nothing
        ("no no wait", None, "nope", "hello so late"),
    ],
)
def test_a_garble_stands_without_whispers_no_alone(
    config: rec.RecognizerConfig, said: str, written: str | None, grammar: str, domain: str
) -> None:
    assert _garbled(config, written, said, grammar, domain) == domain
