"""A goodbye said with a yes/no answer survives the rules that decide the answer's side: a
side re-decoded with one side's answers (which have no goodbye), and an answer asked again as
unclear, kept the answer and dropped the goodbye, so a caller who had said goodbye was asked
about their name (whole recorded calls, the twenty-fourth round: "No, I can't do any of
those, sorry. I'll try another time. Bye" heard "no it isn't please")."""

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


@pytest.mark.parametrize(
    ("text", "closing"),
    [
        ("uh go on thank you that's all bye", "that's all bye"),
        ("no thanks goodbye", "goodbye"),
        ("yes please that's all thanks bye", "that's all thanks bye"),
        ("nah please that's all", "that's all"),
        ("no it isn't please", ""),
        ("yes", ""),
        ("", ""),
    ],
)
def test_the_goodbye_a_yes_no_reading_ends_in(text: str, closing: str) -> None:
    assert grammars.closing_in(text) == closing


@pytest.mark.parametrize(
    ("side", "first", "kept"),
    [
        (
            "no it isn't please",
            "uh go on thank you that's all bye",
            "no it isn't please that's all bye",
        ),
        ("nah", "yeah please goodbye", "nah goodbye"),
        ("no", "okay thanks that's all", "no that's all"),
        # a side that has its own goodbye, or a first reading with none: as it is
        ("no thanks bye", "yes please bye", "no thanks bye"),
        ("no it isn't please", "uh go on thank you", "no it isn't please"),
    ],
)
def test_a_side_read_again_keeps_the_goodbye_of_the_reading_it_replaces(
    side: str, first: str, kept: str
) -> None:
    assert grammars.with_closing(side, first) == kept


def _utterance(config: rec.RecognizerConfig, reader: FakeDigitReader, said: str) -> rec.Utterance:
    utt = rec.Utterance(rec.DecoderSet(config, reader=reader), grammars.YES_NO_SEARCH)
    utt.stop()
    utt.audio = [_speech(said).tobytes()]
    return utt


@pytest.mark.parametrize(
    ("said", "grammar", "domain"),
    [
        # en-gb-x-rp's line to "I have your name as Harriet Land. Is that right?"
        (
            "no i can't do any of those sorry i'll try another time bye",
            "uh go on thank you that's all bye",
            "new michael you to any on lewis sorry i all trying i'm a time to bye",
        ),
        ("nah not that one thanks that's all bye", "yeah that's all bye", "at one thanks all bye"),
        ("no sorry goodbye", "okay goodbye", "oh sorry goodbye"),
    ],
)
def test_a_yes_whisper_heard_as_a_no_keeps_its_goodbye(
    config: rec.RecognizerConfig, said: str, grammar: str, domain: str
) -> None:
    utt = _utterance(config, FakeDigitReader(side=False), said)
    utt.domain_text = domain
    heard = rec.Result(grammar, 0.5, -0.45, grammars.YES_NO_SEARCH)
    text = utt._answer_opinion(heard, rec.Result(domain, 0.5, -0.6, grammars.DOMAIN_SEARCH)).text
    assert grammars.answer_polarity(text) is False, text
    assert grammars.closing_in(text) == grammars.closing_in(grammar), text


def test_a_goodbye_only_the_grammar_heard_is_not_carried_to_the_other_side(
    config: rec.RecognizerConfig,
) -> None:
    # "Um, no, sorry." at 20 dB (held-out, en-gb-x-rp+klatt4): the grammar's goodbye was
    # made of "sorry"; carried to the no, the call would have ended
    utt = _utterance(config, FakeDigitReader(side=False), "um no sorry")
    utt.domain_text = "the no so if"
    heard = rec.Result("um yes please that's all", 0.5, -0.45, grammars.YES_NO_SEARCH)
    domain = rec.Result("the no so if", 0.5, -0.6, grammars.DOMAIN_SEARCH)
    text = utt._answer_opinion(heard, domain).text
    assert grammars.answer_polarity(text) is False and not grammars.closing_in(text), text


@pytest.mark.parametrize(
    ("domain", "heard"),
    [
        ("new michael you to any sorry i'll try another time bye", "that's all bye"),
        ("fine three that's all", "that's all bye"),
        ("oh that's everything thanks", "that's all bye"),
    ],
)
def test_an_unclear_answer_said_with_a_goodbye_two_readers_heard_is_the_goodbye(
    config: rec.RecognizerConfig, domain: str, heard: str
) -> None:
    # a no made of a yes that sounds like one, no second reader vouching for it: asked
    # again before (yesno27), but not of a caller who said goodbye
    utt = _utterance(config, FakeDigitReader(side=None), "that's correct, that's all, bye")
    no = rec.Result("nah please that's all bye", 0.5, -0.45, grammars.YES_NO_SEARCH)
    got = utt._vouched_no(no, rec.Result(domain, 0.5, -0.6, grammars.DOMAIN_SEARCH)).text
    assert got == heard and grammars.answer_polarity(got) is None


def test_an_unclear_answer_with_a_goodbye_one_reader_heard_is_asked_again(
    config: rec.RecognizerConfig,
) -> None:
    utt = _utterance(config, FakeDigitReader(side=None), "that's correct")
    no = rec.Result("nah please that's all bye", 0.5, -0.45, grammars.YES_NO_SEARCH)
    domain = rec.Result("fine three", 0.5, -0.6, grammars.DOMAIN_SEARCH)
    assert utt._vouched_no(no, domain).text == ANSWER_UNCLEAR
    no = rec.Result("nah please", 0.5, -0.45, grammars.YES_NO_SEARCH)
    domain = rec.Result("fine three bye", 0.5, -0.6, grammars.DOMAIN_SEARCH)
    assert utt._vouched_no(no, domain).text == ANSWER_UNCLEAR


def test_a_garble_read_as_a_yes_with_a_goodbye_is_the_goodbye(
    config: rec.RecognizerConfig,
) -> None:
    # the domain LM's garble the dialogue reads a yes in, the grammar's no, Whisper no side:
    # asked again (yesno27), unless both heard the caller say goodbye
    utt = _utterance(config, FakeDigitReader(side=None), "not really thanks bye")
    domain = rec.Result("fine three yeah the bye", 0.5, -0.6, grammars.DOMAIN_SEARCH)
    heard = rec.Result("not really thanks bye", 0.5, -0.65, grammars.YES_NO_SEARCH)
    assert utt._garbled_answer(domain, heard).text == "bye"
    heard = rec.Result("not really", 0.5, -0.65, grammars.YES_NO_SEARCH)
    assert utt._garbled_answer(domain, heard).text == ANSWER_UNCLEAR
