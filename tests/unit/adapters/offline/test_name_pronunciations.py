"""Pronunciations for names pocketsphinx's dictionary lacks, from espeak-ng's letter-to-sound
rules mapped to CMU phones, and the name grammar that holds them."""

from __future__ import annotations

import re

import pytest

from voice_agent.adapters.offline import grammars
from voice_agent.adapters.offline import language_model as lm
from voice_agent.adapters.offline import name_pronunciations as np_

CMU_PHONES = frozenset(
    [
        "AA",
        "AE",
        "AH",
        "AO",
        "AW",
        "AY",
        "B",
        "CH",
        "D",
        "DH",
        "EH",
        "ER",
        "EY",
        "F",
        "G",
        "HH",
        "IH",
        "IY",
        "JH",
        "K",
        "L",
        "M",
        "N",
        "NG",
        "OW",
        "OY",
        "P",
        "R",
        "S",
        "SH",
        "T",
        "TH",
        "UH",
        "UW",
        "V",
        "W",
        "Y",
        "Z",
        "ZH",
    ]
)


@pytest.mark.parametrize(
    ("espeak", "cmu"),
    [
        ("d 'E k l a# n", "D EH K L AH N"),
        ("'0 k a f 3", "AA K AE F ER"),
        ("k 'e@ r I2 ; 'u: k i", "K EH R IH UW K IY"),  # one R, the syllable mark dropped
        ("@- N g 'oU z i", "AH NG G OW Z IY"),
        ("n 'aI dZ @L", "N AY JH AH L"),
    ],
)
def test_espeak_phonemes_map_to_cmu_phones(espeak: str, cmu: str) -> None:
    assert np_.cmu_phones(espeak) == cmu


def test_a_phoneme_without_a_mapping_leaves_the_name_out() -> None:
    assert np_.cmu_phones("d 'E k Q n") is None
    assert np_.cmu_phones("") is None


def test_espeak_reads_a_name_the_dictionary_lacks() -> None:
    assert "declan" not in lm.dictionary_words()
    assert np_.cmu_phones(np_.espeak_phonemes("declan")) == "D EH K L AH N"


def test_every_extra_name_has_a_pronunciation_of_the_models_phones() -> None:
    own = grammars.more_name_pronunciations()
    known = lm.dictionary_words()
    firsts, lasts = grammars.more_names()
    names = {n for n, _ in (*firsts, *lasts)}
    assert not own.keys() & known  # only what the dictionary lacks
    assert own.keys() <= names
    assert len(names - known - own.keys()) <= 3, sorted(names - known - own.keys())
    for word, lines in own.items():
        for line in lines:
            token, phones = line.split(maxsplit=1)
            assert re.fullmatch(re.escape(word) + r"(\(\d\))?", token)
            assert phones.split() and set(phones.split()) <= CMU_PHONES, line


def test_a_gaelic_name_has_its_usual_pronunciation_beside_espeaks() -> None:
    lines = grammars.more_name_pronunciations()["tadhg"]
    assert len(lines) == 2 and lines[1] == "tadhg(2) T AY G\n"


def test_the_committed_pronunciations_are_what_the_rules_write() -> None:
    firsts, lasts = grammars.more_names()
    lines = np_.dictionary_lines([n for n, _ in (*firsts, *lasts)], lm.dictionary_words())
    committed = [
        line + "\n"
        for line in grammars.MORE_NAMES_DICT_PATH.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert lines == committed


def test_the_name_grammar_holds_every_census_first_name_and_the_extra_names() -> None:
    words = grammars.name_grammar().words
    firsts, lasts = grammars.census_names()
    more_firsts, more_lasts = grammars.more_names()
    # today's callers' first names the 1990 census ranks low (Hannah 663, Lily 1,129)
    assert {"hannah", "lily", "owen", "freddie"} <= words
    assert {"eoin", "tadhg", "okafor", "mcloughlin"} <= words
    assert {n for n, _ in (*firsts, *more_firsts, *lasts[:1500], *more_lasts)} <= words
    old = grammars.name_grammar(first=600, more=False).words
    assert not {"lily", "freddie", "eoin", "okafor"} & old


def test_extra_names_weigh_as_the_rarest_census_name() -> None:
    jsgf = grammars.name_grammar().jsgf
    first_rule = next(line for line in jsgf.splitlines() if line.startswith("<first>"))
    rarest = grammars.census_names()[0][grammars.FIRST_NAMES - 1][1]
    assert f"/{rarest:g}/ eoin " in first_rule


def test_the_grammar_decoders_dictionary_says_every_grammar_word() -> None:
    own = grammars.name_dictionary_lines()
    said = {re.sub(r"\(\d+\)$", "", line.split()[0]) for line in own}
    words: set[str] = set()
    for grammar in grammars.all_grammars():
        words |= grammar.words
    lacking = words - grammars.NOISE_WORDS.keys() - grammars.VARIANT_WORDS.keys()
    assert lacking - grammars.vocabulary() == said
    assert grammars.vocabulary() <= lm.dictionary_words()
