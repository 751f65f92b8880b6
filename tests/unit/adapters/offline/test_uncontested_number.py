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


def _utterance(whisper: str, grammar: str, domain_text: str) -> SimpleNamespace:
    return SimpleNamespace(
        whisper_heard=whisper,
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
