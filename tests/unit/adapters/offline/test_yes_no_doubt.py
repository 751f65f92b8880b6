"""A no heard as a yes, a yes heard as a no and a goodbye the caller never said, each from a
word one reader misread (yesno32 round, tuning split):

* "Nah, you're alright." - a British no - written "You're all right." by Whisper, whose
  "right" was read as a yes; the grammar's "hmm yep goodbye" was then taken (20 dB);
* "Go on then." written "Go on, man." was no yes to Whisper's side, so the grammar's "no i'm
  good" stood (20 dB);
* a no with a time ("no three p m") was not checked against Whisper's yes as a bare no is.

The answer's side only: the goodbyes heard in an answer (the "that's all right" that is no
"that's all", a goodbye one reader made up) are test_answer_goodbye.py's."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest

from voice_agent.adapters.offline import audio, grammars, second_opinion
from voice_agent.adapters.offline import recognizer as rec
from voice_agent.adapters.offline.tts import synthesize
from voice_agent.domain.listening import ANSWER_UNCLEAR
from voice_agent.testing.fakes.readers import FakeDigitReader


def _speech(text: str) -> npt.NDArray[np.int16]:
    samples, rate = synthesize(text, voice="en-us", rate=150)
    return audio.resample(samples, rate, 16000)


def _utterance(config: rec.RecognizerConfig, reader: FakeDigitReader, said: str) -> rec.Utterance:
    utt = rec.Utterance(rec.DecoderSet(config, reader=reader), grammars.YES_NO_SEARCH)
    utt.stop()
    utt.audio = [_speech(said).tobytes()]
    return utt


@pytest.mark.parametrize(
    "written",
    [
        "You're all right.",
        "Nah, you're alright.",
        "No, you're alright, thanks.",
        "Oh, you're alright, love.",
        "I'm alright, thanks.",
        "Uh, I'm all right, thank you.",
        "I'm all right for now.",
        "You're alright, mate, cheers.",
        "We're alright, actually.",
    ],
)
def test_an_alright_said_to_an_offer_is_a_no(written: str) -> None:
    assert second_opinion.whisper_polarity(written) is False


@pytest.mark.parametrize(
    ("written", "side"),
    [
        ("You're right.", True),
        ("Yes, you're all right.", True),
        ("All right, go ahead.", True),
        ("I'm alright with that.", None),
        ("Yeah, I'm alright with that.", True),
        ("Alright.", None),
        ("That's right.", True),
    ],
)
def test_an_alright_that_agrees_is_not_a_no(written: str, side: bool | None) -> None:
    assert second_opinion.whisper_polarity(written) is side


@pytest.mark.parametrize(
    ("written", "side"),
    [
        ("Go on, man.", True),
        ("Go on then.", True),
        ("Oh, go on.", True),
        ("Um, go on, yeah.", True),
        ("No, don't go on.", False),
        ("Go on man!", True),
    ],
)
def test_go_on_is_a_yes(written: str, side: bool | None) -> None:
    assert second_opinion.whisper_polarity(written) is side


@pytest.mark.parametrize(
    ("said", "grammar", "domain", "written"),
    [
        # en-029+m2's "Nah, you're alright." at 20 dB (tuning)
        ("nah you're alright", "hmm yep goodbye", "do you alright", "You're all right."),
        ("no i'm alright thanks", "yep thanks", "the i'm all right thanks", "I'm alright, thanks."),
        ("oh you're alright love", "okay", "oh you all the love", "Oh, you're alright, love."),
    ],
)
def test_a_yes_whisper_wrote_as_an_alright_is_not_taken(
    config: rec.RecognizerConfig, said: str, grammar: str, domain: str, written: str
) -> None:
    utt = _utterance(config, FakeDigitReader(said=written), said)
    utt.domain_text = domain
    heard = rec.Result(grammar, 0.5, -0.45, grammars.YES_NO_SEARCH)
    text = utt._answer_opinion(heard, rec.Result(domain, 0.5, -0.6, grammars.DOMAIN_SEARCH)).text
    assert grammars.answer_polarity(text) is not True, text


def _settled(config: rec.RecognizerConfig, written: str, said: str, best: rec.Result) -> str:
    utt = _utterance(config, FakeDigitReader(said=written), said)
    domain = rec.Result("the three a", 0.5, -0.6, grammars.DOMAIN_SEARCH)
    heard = rec.Result("not really", 0.5, -0.45, grammars.YES_NO_SEARCH)
    return utt._settled_answer(best, heard, domain).text


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("that's correct", "That's correct."),
        ("go on then", "Go on, man."),
        ("yes three o'clock's fine", "Yes, three o'clock's fine."),
    ],
)
def test_a_no_with_a_time_against_whispers_yes_is_asked_again(
    config: rec.RecognizerConfig, said: str, written: str
) -> None:
    no_time = rec.Result("no three p m", 0.5, -0.45, rec.TIME_SOURCE)
    assert _settled(config, written, said, no_time) == ANSWER_UNCLEAR
    bare = rec.Result("no i'm good", 0.5, -0.45, grammars.YES_NO_SEARCH)
    assert _settled(config, written, said, bare) == ANSWER_UNCLEAR


@pytest.mark.parametrize(
    ("written", "answer"),
    [
        ("No, three o'clock.", rec.Result("no three p m", 0.5, -0.45, rec.TIME_SOURCE)),
        ("Not at three.", rec.Result("no three p m", 0.5, -0.45, rec.TIME_SOURCE)),
        ("", rec.Result("no three p m", 0.5, -0.45, rec.TIME_SOURCE)),
        # a yes with its time is not this check's
        ("Yes, three o'clock.", rec.Result("yes three p m", 0.5, -0.45, rec.TIME_SOURCE)),
    ],
)
def test_an_answer_with_a_time_whisper_does_not_contradict_stands(
    config: rec.RecognizerConfig, written: str, answer: rec.Result
) -> None:
    assert _settled(config, written, "no three o'clock", answer) == answer.text


@pytest.mark.parametrize(
    ("answer", "no"),
    [
        (rec.Result("no three p m", 0.5, -0.4, rec.TIME_SOURCE), True),
        (rec.Result("yes ten a m", 0.5, -0.4, rec.TIME_SOURCE), False),
        (rec.Result("nah i'm good", 0.5, -0.4, grammars.YES_NO_SEARCH), True),
        (rec.Result("yep go on", 0.5, -0.4, grammars.YES_NO_SEARCH), False),
        (rec.Result("no", 0.5, -0.4, grammars.DOMAIN_SEARCH), False),
    ],
)
def test_said_no(answer: rec.Result, no: bool) -> None:
    assert rec.said_no(answer) is no
