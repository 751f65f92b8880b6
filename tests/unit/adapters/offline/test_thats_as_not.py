"""Whisper's "not" for the "that's" of "that's <yes word>" is no second reader's no (yesno33
round, tuning split, 20 dB): en+m1's "Um, that's correct." came back "um that's correct" from
the grammar, was made "nah i'm good" by the yes and no sides' scores (:meth:`_sure_yes`), and
was taken as a no because Whisper wrote "Um, not to correct." - a yes heard as a no. Where
Whisper's only no is such a "not", the readers disagree: the turn is asked again, never made a
yes (the caller may have said "not correct")."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest

from voice_agent.adapters.offline import audio, grammars
from voice_agent.adapters.offline import recognizer as rec
from voice_agent.adapters.offline.tts import synthesize
from voice_agent.domain.listening import ANSWER_UNCLEAR
from voice_agent.testing.fakes.readers import FakeDigitReader


def _speech(text: str) -> npt.NDArray[np.int16]:
    samples, rate = synthesize(text, voice="en-us", rate=150)
    return audio.resample(samples, rate, 16000)


def _utterance(config: rec.RecognizerConfig, written: str, said: str) -> rec.Utterance:
    reader = FakeDigitReader(said=written)
    utt = rec.Utterance(rec.DecoderSet(config, reader=reader), grammars.YES_NO_SEARCH)
    utt.stop()
    utt.audio = [_speech(said).tobytes()]
    return utt


@pytest.mark.parametrize(
    "written",
    [
        "Um, not to correct.",
        "Not right.",
        "not correct",
        "Uh, not right, thanks.",
        "Not fine.",
        "Oh, not good.",
        "Hmm, not okay.",
        "Well, not to right.",
    ],
)
def test_a_not_before_a_yes_word_is_whispers_that_s(written: str) -> None:
    assert rec.not_for_thats(written)


@pytest.mark.parametrize(
    "written",
    [
        "Not really.",
        "No, not right.",
        "That's not right.",
        "Not today.",
        "Nope, not that one.",
        "No.",
        "That's right.",
        "Um, no, I'd rather not.",
        "Not quite, no.",
        "",
        "I'm not sure that's right, no.",
    ],
)
def test_a_plain_no_or_a_yes_is_not(written: str) -> None:
    assert not rec.not_for_thats(written)


@pytest.mark.parametrize(
    ("said", "grammar_no", "domain", "written"),
    [
        # en+m1's "Um, that's correct." at 20 dB (tuning)
        ("um that's correct", "nah i'm good", "um three month", "Um, not to correct."),
        ("that's right", "nah please", "right if", "Not right."),
        ("that's fine", "no thanks", "fine three", "Not fine."),
        ("uh that's correct", "no it isn't", "the come in", "Uh, not correct."),
    ],
)
def test_a_no_made_of_a_yes_that_whisper_wrote_not_for_thats_is_asked_again(
    config: rec.RecognizerConfig, said: str, grammar_no: str, domain: str, written: str
) -> None:
    utt = _utterance(config, written, said)
    no = rec.Result(grammar_no, 0.5, -0.45, grammars.YES_NO_SEARCH)
    got = utt._vouched_no(no, rec.Result(domain, 0.5, -0.6, grammars.DOMAIN_SEARCH)).text
    assert got == ANSWER_UNCLEAR


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("not really", "Not really."),
        ("no not right", "No, not right."),
        ("that's not right", "That's not right."),
        ("no", "No."),
    ],
)
def test_a_no_whisper_wrote_plainly_still_vouches(
    config: rec.RecognizerConfig, said: str, written: str
) -> None:
    utt = _utterance(config, written, said)
    no = rec.Result("nah please", 0.5, -0.45, grammars.YES_NO_SEARCH)
    domain = rec.Result("fine three", 0.5, -0.6, grammars.DOMAIN_SEARCH)
    assert utt._vouched_no(no, domain).text == "nah please"


@pytest.mark.parametrize(
    ("said", "grammar", "domain", "written"),
    [
        ("that's right", "that's right", "love to month", "Not right."),
        ("um that's correct", "um that's correct", "um three month", "Um, not to correct."),
        ("that's fine", "that's fine please", "the fine if", "Not fine."),
    ],
)
def test_a_yes_the_grammar_heard_against_whispers_not_for_thats_is_asked_again(
    config: rec.RecognizerConfig, said: str, grammar: str, domain: str, written: str
) -> None:
    # before: re-decoded with the no answers and taken as a no on Whisper's word alone
    utt = _utterance(config, written, said)
    utt.domain_text = domain
    heard = rec.Result(grammar, 0.5, -0.45, grammars.YES_NO_SEARCH)
    got = utt._answer_opinion(heard, rec.Result(domain, 0.5, -0.6, grammars.DOMAIN_SEARCH)).text
    assert got == ANSWER_UNCLEAR
    assert grammars.answer_polarity(got) is None


@pytest.mark.parametrize(
    ("said", "written"),
    [("not really", "Not really."), ("no not right", "No, not right."), ("nope", "Nope.")],
)
def test_a_yes_the_grammar_heard_against_whispers_plain_no_is_still_a_no(
    config: rec.RecognizerConfig, said: str, written: str
) -> None:
    utt = _utterance(config, written, said)
    utt.domain_text = "love to month"
    heard = rec.Result("that's right", 0.5, -0.45, grammars.YES_NO_SEARCH)
    domain = rec.Result("love to month", 0.5, -0.6, grammars.DOMAIN_SEARCH)
    got = utt._answer_opinion(heard, domain).text
    assert grammars.answer_polarity(got) is False, got
