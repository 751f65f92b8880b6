"""The yes/no grammar's bare "nah" is taken only where a second reader heard a no too
(yesno31 round): it is the shortest no the grammar has, the one a hesitation and whatever
follows it are forced into ("Um, right." came back "nah bye", "That's right." "nah bye" with
Whisper's "Not right.", tuning split at 20 and 10 dB: a yes heard as a no). Never made a yes:
unvouched, it is asked again."""

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
    "said",
    [
        "No.",
        "Uh, no.",
        "Ah, no.",
        "Um, no.",
        "Nope.",
        "Nah, I'm good.",
        "Not really.",
        "Um, not really.",
        "Not quite, no.",
        "No, not right.",
        "That's not right.",
        "No, that's wrong.",
        "I'd rather not.",
        "No pikes.",
        "Not to scare-act.",
    ],
)
def test_a_plain_no(said: str) -> None:
    assert rec.plain_no(said)


@pytest.mark.parametrize(
    "said",
    [
        # Whisper's "not" for the "that's" of a yes (tuning: en-gb-scotland, en-029+m2)
        "Not right.",
        "Not to correct.",
        "not correct",
        "Uh, not right.",
        "Um, not fine.",
        # a yes, or no side at all
        "That's right.",
        "Right.",
        "Uh-uh.",
        "Uh oh.",
        "I'll go back.",
        "Yeah, no problem.",
        "I'm not sure.",
        "",
    ],
)
def test_not_a_plain_no(said: str) -> None:
    assert not rec.plain_no(said)


def _vouched(
    config: rec.RecognizerConfig, written: str | None, said: str, grammar: str, domain: str
) -> rec.Result:
    reader = FakeDigitReader("", said=written)
    utt = rec.Utterance(rec.DecoderSet(config, reader=reader), grammars.YES_NO_SEARCH)
    utt.stop()
    utt.audio = [_speech(said).tobytes()]
    utt.domain_text = domain
    heard = rec.Result(grammar, 0.5, -1.0, grammars.YES_NO_SEARCH)
    won = rec.Result(domain, 0.5, -1.1, grammars.DOMAIN_SEARCH)
    return utt._short_no_vouched(heard, won)


@pytest.mark.parametrize(
    ("said", "written", "grammar", "domain"),
    [
        # tuning split, 20 and 10 dB: the no heard by Whisper, or a no word by the domain LM
        ("uh no", "Uh, no.", "nah", "hold"),
        ("uh no", "Ah, no.", "nah", "love to if"),
        ("um nah", "Um, no.", "nah", "fifth"),
        ("uh no thanks", "No pikes.", "nah", "of those five"),
        ("not quite no", "Not quite. Oh.", "nah thanks", "five i if all"),
        ("not really", "Not merely.", "nah", "i have"),
        ("nah", None, "nah", "nah"),
        ("no thanks", "Okay, thanks.", "nah thanks", "oh no thanks"),
        ("nope", "Mmm.", "nah", "nope"),
    ],
)
def test_a_bare_nah_a_second_reader_heard_is_kept(
    config: rec.RecognizerConfig, said: str, written: str | None, grammar: str, domain: str
) -> None:
    assert _vouched(config, written, said, grammar, domain).text == grammar


@pytest.mark.parametrize(
    ("said", "written", "grammar", "domain"),
    [
        # tuning split: a yes after a hesitation, or a "that's right" Whisper wrote "not right"
        ("that's right", "Not right.", "nah", "right if"),
        ("that's correct", "Not to correct.", "nah", "love to month"),
        ("that's correct", "I'll go back.", "nah", "fine"),
        ("uh-huh", "Uh-uh.", "nah", "oh"),
        ("um right", "Right", "nah", "of right"),
        ("uh that's right", "Uh, that's right.", "nah thanks", "not right"),
        ("er yes please", None, "nah please", "oh the"),
    ],
)
def test_a_bare_nah_no_second_reader_heard_is_asked_again(
    config: rec.RecognizerConfig, said: str, written: str | None, grammar: str, domain: str
) -> None:
    heard = _vouched(config, written, said, grammar, domain)
    assert heard.text == rec.ANSWER_UNCLEAR
    assert heard.source == rec.UNSURE_ANSWER


def test_a_bare_nah_with_a_goodbye_both_heard_keeps_the_goodbye(
    config: rec.RecognizerConfig,
) -> None:
    # the caller said goodbye: the call ends with nothing changed, not a question asked again
    heard = _vouched(config, "Right, bye.", "right bye", "nah bye", "right bye")
    assert heard.text == "bye"


@pytest.mark.parametrize("answer", ["nah i'm good", "no", "nope", "no thanks", "not really"])
def test_only_the_bare_nah_is_the_short_no(answer: str) -> None:
    assert grammars.answer_of(answer) != rec.SHORT_NO
    assert grammars.answer_of(f"{answer} that's all bye") != rec.SHORT_NO
    assert grammars.answer_of("nah thanks bye") == rec.SHORT_NO
