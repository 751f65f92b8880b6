"""Two readers of a date/time turn that each heard one weekday, not the same one: neither is
vouched for, and the line the dialogue gets names both as either ("the one on tuesday or
thursday"), for it to ask which where the day picks the appointment to change."""

from __future__ import annotations

from dataclasses import replace

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


def test_two_readers_two_weekdays_give_both_as_either() -> None:
    # cancel-the-thursday-one: "The one on Thursday"
    assert (
        rec.either_weekday("date_time", "the one on tuesday", "at one on thursday")
        == "the one on tuesday or thursday"
    )
    assert (
        rec.either_weekday("date_time", "friday at ten please", "monday at ten")
        == "friday or monday at ten please"
    )


def test_readers_that_agree_or_name_no_weekday_leave_the_line_as_taken() -> None:
    assert rec.either_weekday("date_time", "the one on thursday", "on thursday") == (
        "the one on thursday"
    )
    assert rec.either_weekday("date_time", "tomorrow at ten", "on thursday") == "tomorrow at ten"
    assert rec.either_weekday("date_time", "the one on friday", "at ten") == "the one on friday"
    # a reading with two weekdays, or an "or" of its own, is left alone
    assert rec.either_weekday("date_time", "monday or tuesday", "thursday") == "monday or tuesday"
    assert rec.either_weekday("date_time", "not monday friday", "thursday") == ("not monday friday")
    # date turns only
    assert rec.either_weekday("yes_no", "yes tuesday", "yes thursday") == "yes tuesday"


def test_whisper_naming_one_of_the_two_weekdays_picks_it() -> None:
    # the third reader sides with the date grammar: the domain LM's words, the grammar's day
    assert (
        rec.weekday_vouched("the one on tuesday", "at one on thursday", "The one on Thursday.")
        == "the one on thursday"
    )
    assert (
        rec.weekday_vouched("it's the monday one", "friday at one", "It's the Friday one")
        == "it's the friday one"
    )
    # ... or with the reading taken: unchanged
    assert (
        rec.weekday_vouched("wednesday at three please", "monday at three", "Wednesday, 3 p.m.")
        == "wednesday at three please"
    )


def test_whisper_naming_no_weekday_two_or_a_third_leaves_the_choice_to_the_dialogue() -> None:
    taken, other = "the one on tuesday", "at one on thursday"
    assert rec.weekday_vouched(taken, other, "The one on the first.") is None
    assert rec.weekday_vouched(taken, other, "") is None
    assert rec.weekday_vouched(taken, other, "Not Tuesday, Thursday.") is None
    assert rec.weekday_vouched(taken, other, "The one on Friday.") is None
    # the readers agree, or one names no weekday: nothing to vote on
    assert rec.weekday_vouched("the one on thursday", "on thursday", "Thursday") is None
    assert rec.weekday_vouched("the later one", "at one on thursday", "Thursday") is None


def test_the_weekday_vote_is_on_by_default(config: rec.RecognizerConfig) -> None:
    assert config.weekday_vote


def _date_turn(
    config: rec.RecognizerConfig,
    monkeypatch: pytest.MonkeyPatch,
    domain: str,
    grammar: str,
    whisper: str,
) -> rec.Result:
    """A date/time turn finished with its two readers' texts given (``_result`` stands in for
    the decoders) and Whisper's transcript ``whisper``."""
    texts = {grammars.DOMAIN_SEARCH: domain, grammars.DATE_TIME_SEARCH: grammar}
    scores = {grammars.DOMAIN_SEARCH: -0.5, grammars.DATE_TIME_SEARCH: -0.9}

    def result(decoder: object, source: str) -> rec.Result:
        return rec.Result(texts[source], 0.5, scores[source], source)

    monkeypatch.setattr(rec, "_result", result)
    decoders = rec.DecoderSet(config, reader=FakeDigitReader(said=whisper))
    utt = rec.Utterance(decoders, grammars.DATE_TIME_SEARCH)
    utt.process(_speech("the one on thursday").tobytes())
    return utt.finish(config.margin(grammars.DATE_TIME_SEARCH))


def test_a_turn_whose_readers_heard_two_weekdays_takes_the_one_whisper_heard(
    config: rec.RecognizerConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard = _date_turn(
        config, monkeypatch, "the one on tuesday", "at one on thursday", "The one on Thursday."
    )
    assert heard.text == "the one on thursday"


def test_a_turn_whisper_cannot_settle_still_names_both_days(
    config: rec.RecognizerConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard = _date_turn(config, monkeypatch, "the one on tuesday", "at one on thursday", "The one.")
    assert heard.text == "the one on tuesday or thursday"
    off = replace(config, weekday_vote=False)
    heard = _date_turn(
        off, monkeypatch, "the one on tuesday", "at one on thursday", "The one on Thursday."
    )
    assert heard.text == "the one on tuesday or thursday"
