"""Which reading an open turn takes (voice50): Whisper's sentence where all that kept it out
was a number it wrote short, an hour it wrote straight after the day, a greeting's "morning",
or a closing the domain LM filled with a day or a time."""

from __future__ import annotations

import dataclasses

import pytest

from voice_agent.adapters.offline import audio, free_opinion
from voice_agent.adapters.offline import recognizer as rec
from voice_agent.adapters.offline.free_opinion import Heard, prefer_whisper, with_domain_number
from voice_agent.adapters.offline.tts import synthesize
from voice_agent.testing.fakes.readers import FakeSentenceReader


def _vocabulary(*texts: str) -> set[str]:
    return {w for t in texts for w in t.split()}


# -- the domain LM's number in Whisper's sentence ---------------------------------------------


@pytest.mark.parametrize(
    ("first", "whisper", "taken"),
    [
        # Whisper dropped one five of a run, the domain LM garbled the words round the number
        (
            "hello the hey four one five five five five zero one two three i'm down for friday "
            "at nine and the push it to make monday",
            "hello this is dana four one five five five zero one two three i'm down for friday "
            "at nine and need to push it to monday",
            "hello this is dana four one five five five five zero one two three i'm down for "
            "friday at nine and need to push it to monday",
        ),
        # the "oh" lost, the number at the end of the sentence
        (
            "so can you cancel a wednesday three o'clock for me it's three oh five five five "
            "five oh seven seven two",
            "so can you cancel my wednesday three o'clock for me it's three five five five five "
            "seven seven two",
            "so can you cancel my wednesday three o'clock for me it's three oh five five five "
            "five oh seven seven two",
        ),
    ],
)
def test_a_number_whisper_wrote_short_is_the_domain_lms_in_its_sentence(
    first: str, whisper: str, taken: str
) -> None:
    vocabulary = _vocabulary(first, whisper)
    assert not prefer_whisper(Heard(whisper, -0.2, 0.01), first, vocabulary)
    assert with_domain_number(first, whisper) == taken


@pytest.mark.parametrize(
    ("first", "whisper"),
    [
        # Whisper lost the hour too: the domain LM's reading stands
        (
            "hi it's four one five five five five zero one two three cancel friday at nine",
            "hi it's four one five five zero one two three cancel friday and mine",
        ),
        # a number read after a month would be read as its date
        (
            "name's ellis number six one seven five five five zero one four four tomorrow at two",
            "name's ellis on march one seven five five five zero one four four tomorrow at two",
        ),
        # the domain LM heard no whole number (thirteen digits: garble run into it)
        (
            "hi three oh oh six one seven five five five zero one four four move it to friday",
            "hi six one seven five five zero one four four move it to friday",
        ),
        # Whisper heard no number at all
        (
            "hi six one seven five five five zero one four four move it to friday",
            "hi move it to friday",
        ),
    ],
)
def test_the_domain_lms_number_is_not_put_in_where_more_is_lost(first: str, whisper: str) -> None:
    assert with_domain_number(first, whisper) == ""


# -- an hour straight after the day, on Whisper's side ---------------------------------------


@pytest.mark.parametrize(
    ("first", "whisper"),
    [
        (
            "hi the what you've got a booking wednesday at ten can we make it friday instead",
            "hi it's marta i've got a booking wednesday ten can we make it friday instead",
        ),
        ("could i come in tomorrow at two please", "could i come in tomorrow two please"),
    ],
)
def test_an_hour_whisper_wrote_after_the_day_keeps_the_time(first: str, whisper: str) -> None:
    assert prefer_whisper(Heard(whisper, -0.2, 0.01), first, _vocabulary(first, whisper))


def test_a_day_and_a_number_word_in_the_domain_lms_garble_ask_for_no_time() -> None:
    first = "yes i'd like want i what do got on when is the to you sunday eight"
    whisper = "yes i'd like to know what you've got on thursday morning before work"
    assert prefer_whisper(Heard(whisper, -0.2, 0.01), first, _vocabulary(first, whisper))


# -- a greeting's "morning" is no time ------------------------------------------------------


def test_a_greeting_does_not_stand_for_the_hour_whisper_lost() -> None:
    first = "morning this is gail i'd like to cancel tuesday the eighth at four"
    whisper = "morning this is gail i'd like to cancel tuesday the eighth for"
    assert not prefer_whisper(Heard(whisper, -0.2, 0.01), first, _vocabulary(first, whisper))


def test_a_greeting_the_domain_lm_heard_asks_for_no_time() -> None:
    first = "good afternoon it's the tell you can i book a friday"
    whisper = "hi it's noel could i book something friday"
    assert prefer_whisper(Heard(whisper, -0.2, 0.01), first, _vocabulary(first, whisper))


def test_a_morning_asked_for_is_still_a_time() -> None:
    first = "hi could i come friday morning"
    whisper = "hi could i come friday"
    assert not prefer_whisper(Heard(whisper, -0.2, 0.01), first, _vocabulary(first, whisper))


# -- a garbled reading's filler: a lone "p m", a short run of digits ------------------------


@pytest.mark.parametrize(
    ("first", "whisper"),
    [
        # the domain LM's "p m" after no number
        (
            "hello p m on got an appointment we do the week to is the on when is the on can i",
            "hello there i've got an appointment with you next week and i can't remember when",
        ),
        # a short run of digits in a garbled reading where no number was said
        (
            "hi it's the all can i meant about ten week it's oh two oh and booked for friday i "
            "forgot to right i'm the number",
            "hi it's me again i called about ten minutes ago and booked for friday and i forgot "
            "to write down the reference number",
        ),
        (
            "good morning here i'd like what when is the morning please four nine two and "
            "sometime monday a week else",
            "good morning i'd like an appointment for thursday morning please it's for my "
            "granddaughter",
        ),
    ],
)
def test_a_garbled_readings_filler_does_not_keep_whispers_sentence_out(
    first: str, whisper: str
) -> None:
    vocabulary = _vocabulary(first, whisper)
    assert prefer_whisper(Heard(whisper, -0.3, 0.01), first, vocabulary)
    # not where Whisper is less sure of its sentence than a garble's bar
    if "p m" not in first:
        assert not prefer_whisper(Heard(whisper, -0.5, 0.01), first, vocabulary)


@pytest.mark.parametrize(
    ("first", "whisper"),
    [
        # "ten p m" is a time: Whisper must keep it
        ("could i come at ten p m on friday", "could i come on friday"),
        # the domain LM's reading is not garbled: its digits were said
        (
            "hi my reference is four nine two and i'd like to cancel friday",
            "hi my reference is for mine too and i'd like to cancel friday",
        ),
        # a run as long as part of a phone number is kept
        (
            "the all what want two zero seven five five you got the a friday please",
            "hi it's harriet calling about an appointment on friday please",
        ),
    ],
)
def test_a_time_or_digits_said_still_keep_the_domain_lm(first: str, whisper: str) -> None:
    assert not prefer_whisper(Heard(whisper, -0.3, 0.01), first, _vocabulary(first, whisper))


# -- a closing the domain LM filled with a day or a time --------------------------------------


@pytest.mark.parametrize(
    ("domain", "whisper"),
    [
        ("no at nine to you", "no that's all thank you"),
        ("nope that's to late monday so much bye", "nope that's everything thanks so much bye"),
        ("no thanks at ten", "no thanks i'm all set"),
    ],
)
def test_a_closing_whisper_heard_stands_over_the_domain_lms_garble(
    domain: str, whisper: str
) -> None:
    assert rec.closes_instead(domain, whisper)


@pytest.mark.parametrize(
    ("domain", "whisper"),
    [
        # Whisper heard a day in it: not a closing alone
        ("no at nine on monday", "no that's it but can i also do monday"),
        # the readers do not open alike
        ("so at six to you", "no that's all thank you"),
        # a "no" that goes on to ask for something
        ("no at four please", "no could i have four please"),
        # a closing with an action word is a request
        ("no that's it cancel friday", "no that's it cancel it"),
    ],
)
def test_a_closing_needs_both_readers_and_nothing_asked(domain: str, whisper: str) -> None:
    assert not rec.closes_instead(domain, whisper)


# -- in the recogniser ------------------------------------------------------------------------


def _heard(config: rec.RecognizerConfig, whisper: str, said: str) -> rec.Result:
    reader = FakeSentenceReader(whisper)
    samples, rate = synthesize(said, voice="en-us", rate=150)
    decoders = rec.DecoderSet(config, free_reader=reader)
    result = rec.decode_buffer(decoders, audio.resample(samples, rate, 16000))
    assert reader.calls == 1
    return result


SAID = (
    "can you cancel friday at nine, my number is four one five, five five five, zero one two three"
)
WHISPER_SHORT = (
    "can you cancel friday at nine my number is four one five five five zero one two three"
)


def test_an_open_turn_takes_whispers_words_with_the_domain_lms_number(
    config: rec.RecognizerConfig,
) -> None:
    result = _heard(config, WHISPER_SHORT, SAID)
    assert result.source == free_opinion.SOURCE
    assert result.text.startswith("can you cancel friday at nine my number is")
    assert "four one five five five five zero one two three" in result.text


def test_the_domain_lms_number_in_whispers_words_can_be_turned_off(
    config: rec.RecognizerConfig,
) -> None:
    off = dataclasses.replace(config, domain_number_in_sentence=False)
    result = _heard(off, WHISPER_SHORT, SAID)
    assert result.source == "domain"
