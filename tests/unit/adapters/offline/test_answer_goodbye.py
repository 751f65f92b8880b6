"""A goodbye said with a yes/no answer survives the rules that decide the answer's side: a
side re-decoded with one side's answers (which have no goodbye), and an answer asked again as
unclear, kept the answer and dropped the goodbye, so a caller who had said goodbye was asked
about their name (whole recorded calls, the twenty-fourth round: "No, I can't do any of
those, sorry. I'll try another time. Bye" heard "no it isn't please"). And the other way: a
goodbye no second reader vouches for (the grammar's goodbye paths, a "sorry" or "that's all
right" made into "that's all") is dropped and the answer kept (yesno29, yesno32). Every test
of the goodbye in a yes/no answer is here; the answer's side is test_yes_no_doubt.py's."""

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
        # the grammar and the domain LM made the same goodbye of a "sorry" or an "alright":
        # Whisper, which does not share their acoustic model, wrote none
        (
            "um no sorry",
            "nah i'm good that's all",
            "um no that's all",
            "Um, no, sorry.",
            "nah i'm good",
        ),
        (
            "ah no sorry about that",
            "no thanks bye",
            "oh no sorry a bye",
            "Ah, no, sorry about that.",
            "no thanks",
        ),
        (
            "no you're alright thanks",
            "nah thanks that's all",
            "no you're all that's all",
            "No, you're alright, thanks.",
            "nah thanks",
        ),
        (
            "yeah go on then",
            "yep go on goodbye",
            "yeah go on bye",
            "Yeah, go on then.",
            "yep go on",
        ),
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
        # "that's all right" and "that's all good" are not "that's all": the call goes on
        ("No, that's all right, thanks.", False),
        ("Yes, that's all good.", False),
        ("no that's all right", False),
        ("yeah that's all good thanks", False),
        ("No, that's all, thanks.", True),
        ("that's all bye", True),
        ("Yes please, that's all.", True),
        ("That's everything, thanks.", True),
        ("no that's it", True),
    ],
)
def test_what_is_a_goodbye_itself(text: str, said: bool) -> None:
    assert rec.goodbye_said(text) is said


def test_a_yes_that_is_all_good_is_not_a_closing_the_domain_lm_heard() -> None:
    assert not rec.closing_heard("yes that's all good")
    assert not rec.closing_heard("yeah all good go ahead")
    assert rec.closing_heard("yes that's all")
    # a no that declines is a closing as before, "all right" or not
    assert rec.closing_heard("no that's all right")


def test_a_grammar_goodbye_vouched_only_by_that_s_all_right_is_dropped(
    config: rec.RecognizerConfig,
) -> None:
    # the domain LM's "that's all right" / Whisper's "that's all good" are no goodbye: the
    # grammar's "that's all" made of them is dropped, the answer kept
    utt = _utterance(config, FakeDigitReader(said="Yes, that's all good."), "yes that's all good")
    heard = rec.Result("yes that's all", 0.5, -0.45, grammars.YES_NO_SEARCH)
    domain = rec.Result("yes that's all good", 0.5, -0.6, grammars.DOMAIN_SEARCH)
    assert utt._goodbye_vouched(heard, domain).text == "yes"
    utt = _utterance(
        config, FakeDigitReader(said="No, that's alright, thanks."), "no that's alright thanks"
    )
    heard = rec.Result("nah thanks that's all", 0.5, -0.45, grammars.YES_NO_SEARCH)
    domain = rec.Result("no that's all right thanks", 0.5, -0.6, grammars.DOMAIN_SEARCH)
    assert utt._goodbye_vouched(heard, domain).text == "nah thanks"


@pytest.mark.parametrize(
    ("said", "domain", "written", "kept"),
    [
        ("um no sorry", "um no that's all if", "Um, no, sorry.", "um no if"),
        ("no sorry i can't", "no sorry i can't bye", "No, sorry, I can't.", "no sorry i can't"),
        ("er no thanks", "her no thanks that's it", "Er, no thanks.", "her no thanks"),
        ("nope sorry", "that's all bye", "Nope, sorry.", ANSWER_UNCLEAR),
    ],
)
def test_a_goodbye_the_domain_lm_won_with_and_whisper_did_not_write_is_dropped(
    config: rec.RecognizerConfig, said: str, domain: str, written: str, kept: str
) -> None:
    utt = _utterance(config, FakeDigitReader(said=written), said)
    got = utt._domain_goodbye_vouched(rec.Result(domain, 0.5, -0.6, grammars.DOMAIN_SEARCH))
    assert got.text == kept


@pytest.mark.parametrize(
    ("said", "domain", "written"),
    [
        ("no thanks bye", "no thanks bye", "No thanks, bye."),
        ("no that's all thank you", "oh that's all thank you", "No, that's all, thank you."),
        ("nah i'm good thanks bye", "nah i'm good thanks bye", "Nah, I'm good. Thanks, bye."),
        # Whisper silent (a noisy line) or skipped: the domain LM's goodbye stands
        ("yes please bye", "yes please bye", ""),
    ],
)
def test_a_goodbye_the_domain_lm_won_with_and_whisper_wrote_stands(
    config: rec.RecognizerConfig, said: str, domain: str, written: str
) -> None:
    utt = _utterance(config, FakeDigitReader(said=written), said)
    won = rec.Result(domain, 0.5, -0.6, grammars.DOMAIN_SEARCH)
    assert utt._domain_goodbye_vouched(won) is won


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("um no that's all if", "um no if"),
        ("yes please bye bye", "yes please"),
        ("nah that's it thanks", "nah thanks"),
        ("that's all bye", ""),
        ("no that's all right thanks", "no that's all right thanks"),
        ("yes that's all good", "yes that's all good"),
    ],
)
def test_without_goodbye(text: str, rest: str) -> None:
    assert rec.without_goodbye(text) == rest


@pytest.mark.parametrize(
    ("written", "heard"),
    [
        ("No, that's time. I leave it by...", True),
        ("No, I leave it by", True),
        ("Yes, please, bye!", True),
        ("No, that's all, thank you.", True),
        ("By the way, yes.", False),
        ("Um, no, sorry.", False),
        ("", None),
    ],
)
def test_whisper_heard_a_goodbye(
    config: rec.RecognizerConfig, written: str, heard: bool | None
) -> None:
    utt = _utterance(config, FakeDigitReader(said=written), "no thanks")
    assert utt._whisper_heard_goodbye() is heard


@pytest.mark.parametrize(
    ("said", "grammar", "written", "kept"),
    [
        # fresh70's f70-c04 by voice (en-us+f2): "Cheers, bye." to "Shall I book ...?" booked
        ("cheers bye", "yes bye", "Cheers, bye!", "bye"),
        ("thanks bye then", "yeah please goodbye", "Thanks, bye then.", "goodbye"),
        # no goodbye in the grammar's reading to hand on: asked again
        ("ta bye", "yes please", "Ta, bye.", ANSWER_UNCLEAR),
    ],
)
def test_a_yes_only_the_grammar_heard_in_a_goodbye_is_no_yes(
    config: rec.RecognizerConfig, said: str, grammar: str, written: str, kept: str
) -> None:
    utt = _utterance(config, FakeDigitReader(said=written), said)
    utt.domain_text = "t is my"
    heard = rec.Result(grammar, 0.5, -0.45, grammars.YES_NO_SEARCH)
    domain = rec.Result("t is my", 0.5, -0.6, grammars.DOMAIN_SEARCH)
    text = utt._answer_opinion(heard, domain).text
    assert text == kept
    assert grammars.answer_polarity(text) is not True


@pytest.mark.parametrize(
    "written",
    [
        "Yes, bye.",  # Whisper heard the yes too
        "Please, bye.",  # a word beside the goodbye: not a goodbye alone
        "Lovely, thanks, bye.",
        "Thank you.",  # no goodbye at all
    ],
)
def test_a_yes_whisper_did_not_hear_as_a_goodbye_alone_stands(
    config: rec.RecognizerConfig, written: str
) -> None:
    utt = _utterance(config, FakeDigitReader(said=written), "yes please bye")
    utt.domain_text = "t is my"
    heard = rec.Result("yes please bye", 0.5, -0.45, grammars.YES_NO_SEARCH)
    domain = rec.Result("t is my", 0.5, -0.6, grammars.DOMAIN_SEARCH)
    assert utt._answer_opinion(heard, domain).text == "yes please bye"
