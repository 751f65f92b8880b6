"""One reader's whole number that no other reader heard otherwise
(:func:`.recognizer.contested_by`, :attr:`.recognizer.RecognizerConfig.read_back_uncontested`):
handed on as ``NUMBER_UNCONTESTED``, for the dialogue to read back rather than ask again.
The readings are the stranger split's (numbers37's census)."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import pytest

from voice_agent.adapters.offline import recognizer as rec
from voice_agent.domain.spoken_numbers import spoken_digits


@pytest.mark.parametrize(
    ("whisper", "grammar", "domain"),
    [
        # "781 555 0193": the grammar forced "189 ...", the domain LM heard no run of it
        ("7815550193", "1895550193", "ten would like to want on times are you zero one on"),
        # "720 555 0110": the grammar "two two zero five five five oh zero one one"
        ("7205550110", "2205550011", "ten would it to the i'm a time i'm i i'm the one want"),
        # no domain LM digits at all
        ("3175550128", "", ""),
    ],
)
def test_a_number_only_the_forced_grammar_read_otherwise_is_uncontested(
    whisper: str, grammar: str, domain: str
) -> None:
    assert not rec.contested_by(whisper, (grammar, ""), spoken_digits(domain))


@pytest.mark.parametrize(
    ("whisper", "grammar", "domain_number", "domain"),
    [
        # "six one seven, five five five, oh one nine four": Whisper wrote "four one nine
        # four", the grammar and the domain LM "oh one nine four"
        (
            "6175554194",
            "6175550194",
            "",
            "my number is the it's one seven five five five oh one nine four",
        ),
        # the domain LM's own whole number, another at one digit
        ("2075550168", "", "2075550158", "two oh seven five five five oh one five eight"),
    ],
)
def test_a_number_two_readers_heard_otherwise_is_contested(
    whisper: str, grammar: str, domain_number: str, domain: str
) -> None:
    assert rec.contested_by(whisper, (grammar, domain_number), spoken_digits(domain))


def test_the_domain_lm_holding_whispers_digits_too_is_no_contest() -> None:
    # both stretches in the domain LM's words (the number said twice): it backs neither
    domain = "six one seven five five five four one nine four no five five five oh one nine"
    assert not rec.contested_by("6175554194", ("6175550194",), spoken_digits(domain))


SURE = (1.0,) * 10


def _utterance(
    whisper: str, grammar: str, domain_text: str, sure: tuple[float, ...] = SURE
) -> SimpleNamespace:
    return SimpleNamespace(
        whisper_heard=whisper,
        whisper_sure=sure,
        first_heard=grammar,
        domain_heard="",
        domain_text=domain_text,
        rejected=(),
    )


def _mark(config: rec.RecognizerConfig, utt: SimpleNamespace, result: rec.Result) -> rec.Result:
    recogniser = SimpleNamespace(cfg=dataclasses.replace(config, read_back_uncontested=True))
    return rec.StreamRecognizer.uncontested(recogniser, utt, result)  # type: ignore[arg-type]


WHOLE = rec.Result("seven eight one five five five zero one nine three", 0.9, 0.0, "phone10")


def test_one_readers_number_no_other_reader_heard_otherwise_is_marked(
    config: rec.RecognizerConfig,
) -> None:
    utt = _utterance("7815550193", "1895550193", "ten would like to want on times are you")
    marked = _mark(config, utt, dataclasses.replace(WHOLE, one_reader=True))
    assert marked.uncontested and marked.one_reader
    recogniser = SimpleNamespace(cfg=dataclasses.replace(config, read_back_uncontested=False))
    off = rec.StreamRecognizer.uncontested(
        recogniser, utt, dataclasses.replace(WHOLE, one_reader=True)
    )  # type: ignore[arg-type]
    assert not off.uncontested


def test_only_one_readers_own_reading_is_marked(config: rec.RecognizerConfig) -> None:
    utt = _utterance("7815550193", "1895550193", "")
    # agreed, unsure (the readers disagreed and the grammar's was kept), or not Whisper's
    assert not _mark(config, utt, WHOLE).uncontested
    assert not _mark(config, utt, dataclasses.replace(WHOLE, unsure=True)).uncontested
    other = _utterance("7815550198", "1895550193", "")
    assert not _mark(config, other, dataclasses.replace(WHOLE, one_reader=True)).uncontested


def test_a_number_the_caller_rejected_is_not_marked(config: rec.RecognizerConfig) -> None:
    utt = _utterance("7815550193", "1895550193", "")
    utt.rejected = ("7815550193",)
    assert not _mark(config, utt, dataclasses.replace(WHOLE, one_reader=True)).uncontested


# Whisper's certainty of each digit, as the digit reader scored "781 555 0193" on the
# stranger split (numbers39): sure of the digits the grammar's "189 ..." put otherwise
THURSDAY = (0.98, 1.0, 0.99, 0.99, 1.0, 0.75, 1.0, 0.99, 0.8, 1.0)


def test_a_doubtful_digit_no_reader_backs_keeps_the_number_one_readers(
    config: rec.RecognizerConfig,
) -> None:
    # "781 ...": the grammar heard "189 ...", Whisper barely sure of its 7 - a guess
    doubtful = (0.3, *THURSDAY[1:])
    utt = _utterance("7815550193", "1895550193", "ten would like to want on times", doubtful)
    marked = _mark(config, utt, dataclasses.replace(WHOLE, one_reader=True))
    assert marked.one_reader and not marked.uncontested


def test_a_doubtful_digit_the_grammar_put_there_too_is_backed(
    config: rec.RecognizerConfig,
) -> None:
    # Whisper 0.75 sure of the middle group's last 5 and 0.8 of the 9: the grammar wrote both
    utt = _utterance("7815550193", "1895550193", "ten would like to want on times", THURSDAY)
    assert _mark(config, utt, dataclasses.replace(WHOLE, one_reader=True)).uncontested


def test_without_whispers_certainty_the_number_is_not_read_back(
    config: rec.RecognizerConfig,
) -> None:
    utt = _utterance("7815550193", "1895550193", "", ())
    assert not _mark(config, utt, dataclasses.replace(WHOLE, one_reader=True)).uncontested


@pytest.mark.parametrize(
    ("number", "sure", "readings", "fair"),
    [
        # every digit put there by the grammar too, however unsure Whisper was
        ("2334659834", (0.4,) * 10, ("2334659834",), True),
        # the 9 no reader put there, Whisper unsure of it
        ("2334699834", (*(1.0,) * 5, 0.4, *(1.0,) * 4), ("2334659834",), False),
        # the same 9, Whisper sure of it
        ("2334699834", (*(1.0,) * 5, 0.97, *(1.0,) * 4), ("2334659834",), True),
        # a reading of nine digits puts nothing at any place
        ("6620379292", (0.4, *(1.0,) * 9), ("620379292",), False),
    ],
)
def test_alone_sure_asks_each_digit_for_a_witness_or_certainty(
    number: str, sure: tuple[float, ...], readings: tuple[str, ...], fair: bool
) -> None:
    assert rec.alone_sure(number, sure, readings, 0.9) is fair
    assert rec.alone_sure(number, sure, readings, 0.0)
