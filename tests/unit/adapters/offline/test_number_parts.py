"""A number taken in parts keeps what the readers heard of each group over the turns taking
it (numbers33): a group two acoustic models read, or Whisper in two turns, is handed on at
that group's turn in place of a reading nothing else vouched for. The cases are the tuning
split's 10 dB numbers whose groups were asked three times and heard wrong each time."""

from __future__ import annotations

import dataclasses

import pytest

from voice_agent.adapters.offline import recognizer as rec
from voice_agent.adapters.offline.number_parts import PartWitnesses, parts_of, placed
from voice_agent.adapters.offline.second_opinion import digit_words
from voice_agent.domain.listening import Expectation, Listening
from voice_agent.domain.spoken_numbers import spoken_digits
from voice_agent.testing.fakes.readers import FakeDigitReader


@pytest.mark.parametrize(
    ("whisper", "grammar", "at"),
    [
        ("4084734873", "0084734873", "4084734873"),
        # the start left out (Whisper's most common loss at 10 dB): placed at the end
        ("734873", "0084734873", "????734873"),
        # the end left out: it matches the grammar's start better
        ("62148078", "6250080758", "62148078??"),
        ("73914859", "", "??73914859"),
        ("", "0084734873", "??????????"),
        ("40847348731", "0084734873", "??????????"),
    ],
)
def test_whispers_digits_placed_in_the_number(whisper: str, grammar: str, at: str) -> None:
    assert placed(whisper, grammar) == at


def test_only_groups_read_whole_are_parts() -> None:
    assert parts_of("????734873") == {2: "4873"}
    assert parts_of("62148078??") == {0: "621", 1: "480"}
    assert parts_of("617") == {}


def test_two_models_on_one_group_settle_it_where_the_group_turns_miss() -> None:
    # 4084734873 at 10 dB: Whisper "734873" and the grammar "0084734873" in one hearing
    # both read 4873 at the end; the last four were then heard 4373, 0373, 0378
    parts = PartWitnesses()
    parts.whole_heard("734873", "0084734873", "")
    parts.whole_heard("73873", "4084734358", "")
    parts.group_heard(2, [("W", "73"), ("S", "4373"), ("S", "")])
    assert parts.settled(2, "4873")
    assert parts.choose(2, "4373", ()) == "4873"
    # the caller said no to it: never offered again
    assert parts.choose(2, "4373", ("4873",)) == "4373"


def test_whisper_in_two_turns_settles_a_group() -> None:
    # 7390614859: Whisper wrote "73914859" at both hearings (the 0 and 6 left out)
    parts = PartWitnesses()
    parts.whole_heard("73914859", "7350610855", "")
    parts.whole_heard("73914859", "7358071859", "")
    parts.group_heard(2, [("W", ""), ("S", "4359")])
    assert parts.choose(2, "4359", ()) == "4859"


def test_pocketsphinx_alone_is_one_witness_however_many_turns() -> None:
    # one acoustic model confuses a voice's digits the same way every time (numbers23)
    parts = PartWitnesses()
    parts.whole_heard("", "7350610855", "7350610855")
    parts.whole_heard("", "7358010855", "")
    parts.group_heard(2, [("S", "4359")])
    assert not parts.settled(2, "0855")
    assert parts.choose(2, "4359", ()) == "4359"


def test_a_settled_reading_of_the_turn_is_kept() -> None:
    parts = PartWitnesses()
    parts.whole_heard("4084734873", "4084734358", "")
    parts.group_heard(2, [("W", "4358"), ("S", "4358")])
    # two readings settled: the turn's own stands
    assert parts.choose(2, "4358", ()) == "4358"


@pytest.mark.parametrize(
    "said",
    ["", "alright good thanks bye", "sorry what was that", "hang on let me find it"],
)
def test_a_group_turn_that_heard_no_digit_gets_none(said: str) -> None:
    # the middle group settled by two models, then a group turn with no number in it at all:
    # a goodbye, a question, a pause - never handed on as the settled digits
    parts = PartWitnesses()
    parts.whole_heard("7205550110", "7205550110", "")
    parts.group_heard(1, [("W", ""), ("S", spoken_digits(said))])
    assert parts.settled(1, "555")
    assert parts.choose(1, spoken_digits(said), ()) == ""
    assert parts.choose(1, spoken_digits(said), ("304",), "") == ""


def test_a_whole_number_after_group_turns_is_another_number() -> None:
    parts = PartWitnesses()
    parts.whole_heard("734873", "0084734873", "")
    parts.group_heard(2, [("S", "4373")])
    parts.whole_heard("", "9712798707", "")
    parts.group_heard(2, [("S", "8700")])
    assert parts.choose(2, "8700", ()) == "8700"


def test_a_group_question_names_its_part_to_the_recognition_worker() -> None:
    group = Listening(Expectation.PHONE, 3, ("123",), 1)
    assert rec.listening_of(rec.expect_of(group)) == group
    assert rec.listening_of(rec.expect_of(Listening(Expectation.PHONE, 10))).part is None
    assert Listening(Expectation.YES_NO, part=1).part is None
    assert Listening(Expectation.PHONE, 3, part=5).part is None


class _Turn:
    """What :meth:`StreamRecognizer.parts_heard` asks of an utterance: its readers."""

    def __init__(self, search: str, whisper: str, grammar: str, domain: str = "") -> None:
        self.search = search
        self.whisper_heard = whisper
        self.whisper_read = True
        self.first_heard = grammar
        self.domain_heard = domain if len(domain) == 10 else ""
        self.domain_text = digit_words(domain) if domain else ""
        self.rejected: tuple[str, ...] = ()


def _taken_in_parts(config: rec.RecognizerConfig) -> str:
    stream = rec.StreamRecognizer(rec.DecoderSet(config, reader=FakeDigitReader()))
    unsure = rec.Result(digit_words("0084734873"), 0.5, -1.0, "phone10", unsure=True)
    stream.parts_heard(_Turn("phone10", "734873", "0084734873"), unsure)  # type: ignore[arg-type]
    again = dataclasses.replace(unsure, text=digit_words("4084734358"))
    stream.parts_heard(_Turn("phone10", "73873", "4084734358"), again)  # type: ignore[arg-type]
    stream._utt_part = 2
    group = rec.Result(digit_words("4373"), 0.5, -1.0, "phone4")
    out = stream.parts_heard(_Turn("phone4", "73", "4373"), group)  # type: ignore[arg-type]
    return spoken_digits(out.text)


def test_the_stream_hands_on_the_group_two_models_read_at_its_turn(
    config: rec.RecognizerConfig,
) -> None:
    assert _taken_in_parts(config) == "4873"
    assert _taken_in_parts(dataclasses.replace(config, group_witnesses=False)) == "4373"


def test_a_refused_group_is_read_back_as_whispers_ten_digits_had_it() -> None:
    # 5954064718 at 10 dB: Whisper read all ten right at the second hearing (the domain LM
    # won the turn with words); the middle group was then heard 003, 008, 000
    parts = PartWitnesses()
    parts.whole_heard("71", "6595084718", "")
    parts.whole_heard("5954064718", "", "")
    parts.group_heard(1, [("W", "0"), ("S", "003")])
    assert parts.choose(1, "003", (), "0") == "003"  # asked once: the turn's own reading
    parts.group_heard(1, [("W", "0"), ("S", "008")])
    assert parts.choose(1, "008", ("003",), "0") == "406"
    # refused too, or Whisper reading the group whole at this turn: the turn's own reading
    assert parts.choose(1, "008", ("003", "406"), "0") == "008"
    assert parts.choose(1, "008", ("003",), "408") == "008"
