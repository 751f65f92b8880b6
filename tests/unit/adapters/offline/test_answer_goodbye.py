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


@pytest.mark.parametrize(
    ("said", "grammar", "domain", "written", "kept"),
    [
        # the grammar's goodbye paths take up what follows an answer it has no words for
        # (held-out shapes, 20 dB SNR): the call would have ended on a no or a yes
        ("um no sorry", "nah i'm good that's all", "um no so if", "Um, no, sorry.", "nah i'm good"),
        (
            "yes yes that's fine",
            "yes it is that's all bye",
            "yes yes that's fine",
            "Yes, yes, that's fine.",
            "yes it is",
        ),
        ("no no wait a second", "nope goodbye", "hello so late a second", "No, no, wait.", "nope"),
        ("oh no sorry", "no thanks goodbye", "oh no sorry", "Oh, no, sorry.", "no thanks"),
        ("mm-hm yes", "mhm go ahead goodbye", "the emily yes", "Mm-hmm, yes.", "mhm go ahead"),
        # Whisper skipped or silent: nobody but the grammar heard the goodbye
        ("er no thanks", "nah thanks that's all thanks bye", "her know thanks", "", "nah thanks"),
    ],
)
def test_a_goodbye_only_the_grammar_heard_is_dropped(
    config: rec.RecognizerConfig, said: str, grammar: str, domain: str, written: str, kept: str
) -> None:
    utt = _utterance(config, FakeDigitReader(said=written), said)
    heard = rec.Result(grammar, 0.5, -0.45, grammars.YES_NO_SEARCH)
    got = utt._goodbye_vouched(heard, rec.Result(domain, 0.5, -0.6, grammars.DOMAIN_SEARCH))
    assert got.text == kept
    assert grammars.answer_polarity(got.text) == grammars.answer_polarity(grammar)


@pytest.mark.parametrize(
    ("said", "grammar", "domain", "written"),
    [
        # the domain LM heard the goodbye too, Whisper wrote nothing (a noisy line)
        ("no thanks bye", "no thanks bye", "no thanks bye", None),
        ("no that's everything cheers bye", "no that's all bye", "no that's everything you", None),
        # the domain LM missed a short goodbye Whisper wrote
        (
            "yep thanks a lot bye bye",
            "yep thanks bye",
            "yes thanks i'm not my to i",
            "Yep, thanks a lot. Bye-bye.",
        ),
        (
            "no thank you goodbye",
            "no thank you goodbye",
            "no thank you could",
            "No, thank you. Goodbye.",
        ),
        ("no that's all thank you", "nah that's all", "no that's a", "No, that's all, thank you."),
        (
            "sure that's everything bye now",
            "sure that's all bye",
            "sure that's every",
            "Sure, that's everything. Bye now.",
        ),
    ],
)
def test_a_goodbye_a_second_reader_heard_stands(
    config: rec.RecognizerConfig, said: str, grammar: str, domain: str, written: str | None
) -> None:
    reader = FakeDigitReader(said=written)
    utt = _utterance(config, reader, said)
    heard = rec.Result(grammar, 0.5, -0.45, grammars.YES_NO_SEARCH)
    got = utt._goodbye_vouched(heard, rec.Result(domain, 0.5, -0.6, grammars.DOMAIN_SEARCH))
    assert got is heard
    # Whisper is asked first (yesno32): the domain LM hears with the grammar's acoustic model
    assert reader.calls == 1


def test_a_goodbye_alone_only_the_grammar_heard_is_asked_again(
    config: rec.RecognizerConfig,
) -> None:
    # an unclear answer's goodbye, which the domain LM's decline ("no thanks") let stand: a
    # decline is no goodbye, and Whisper heard none either
    utt = _utterance(config, FakeDigitReader(said="No, not that one."), "no not that one")
    heard = rec.Result("that's all bye", 0.5, -0.45, grammars.YES_NO_SEARCH)
    got = utt._goodbye_vouched(heard, rec.Result("no thanks", 0.5, -0.6, grammars.DOMAIN_SEARCH))
    assert got.text == ANSWER_UNCLEAR


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Bye-bye.", True),
        ("No, that's all, thank you.", True),
        ("Okay, that's it.", True),
        ("Goodbye!", True),
        ("no thanks bye", True),
        ("No thanks.", False),
        ("nah i'm good", False),
        ("Um, no, sorry.", False),
        ("That's alright.", False),
        ("", False),
    ],
)
def test_what_is_a_goodbye_itself(text: str, said: bool) -> None:
    assert rec.goodbye_said(text) is said
