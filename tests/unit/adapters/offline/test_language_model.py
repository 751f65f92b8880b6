"""The domain language model: deterministic corpus, dictionary coverage, caching."""

from __future__ import annotations

import random
import re
from pathlib import Path

from voice_agent.adapters.offline import language_model as lm


def _arpa_words(path: Path) -> set[str]:
    words: set[str] = set()
    in_unigrams = False
    for line in path.read_text().splitlines():
        if line.startswith("\\1-grams:"):
            in_unigrams = True
            continue
        if in_unigrams:
            if not line.strip():
                break
            words.add(line.split()[1])
    return words - {"<s>", "</s>"}


def test_corpus_is_deterministic_and_on_topic() -> None:
    a = lm.build_corpus(seed=5, n_sentences=500)
    b = lm.build_corpus(seed=5, n_sentences=500)
    assert a == b
    assert a != lm.build_corpus(seed=6, n_sentences=500)
    text = "\n".join(lm.build_corpus())
    for phrase in (
        "i'd like to book an appointment",
        "nine o'clock",
        "tomorrow",
        "what times are available on",
        "goodbye",
        "reschedule",
    ):
        assert phrase in text


def test_slot_values_have_the_expected_shape() -> None:
    rng = random.Random(1)
    for _ in range(50):
        said = lm.say_phone(rng)
        # ten digits; a repeated one is sometimes said "double five"
        digits = re.sub(r"double (\w+)", r"\1 \1", said).split()
        assert len(digits) == 10
        assert all(w in lm.DIGIT_WORDS or w == "oh" for w in digits)
    assert any("double" in lm.say_phone(rng) for _ in range(200))
    code = lm.say_code(rng).split()
    assert len(code) == 8
    assert all(w in lm.DIGIT_WORDS[2:] or (len(w) == 1 and w in lm.CODE_ALPHABET) for w in code)


def test_every_lm_word_is_in_the_dictionary(tmp_path: Path) -> None:
    model = lm.build_language_model(tmp_path)
    dictionary = lm.dictionary_words()
    words = _arpa_words(model.arpa_path)
    assert words, "ARPA file has no unigrams"
    assert words <= dictionary
    assert words == set(model.vocabulary)
    # the restricted dictionary covers exactly the LM vocabulary
    assert lm.dictionary_words(model.dict_path) == words
    for word in ("appointment", "tomorrow", "friday", "p", "m", "o'clock", "nine", "z"):
        assert word in words


def test_build_is_cached_and_keyed_by_corpus_hash(tmp_path: Path) -> None:
    first = lm.build_language_model(tmp_path)
    assert first.rebuilt
    mtime = first.arpa_path.stat().st_mtime_ns
    second = lm.build_language_model(tmp_path)
    assert not second.rebuilt
    assert second.arpa_path == first.arpa_path
    assert second.arpa_path.stat().st_mtime_ns == mtime
    other = lm.build_language_model(tmp_path, seed=99, n_sentences=300)
    assert other.rebuilt and other.corpus_hash != first.corpus_hash
    forced = lm.build_language_model(tmp_path, force=True)
    assert forced.rebuilt and forced.corpus_hash == first.corpus_hash


def test_the_cache_dir_is_where_the_model_goes(tmp_path: Path) -> None:
    assert lm.default_cache_dir() == Path.home() / ".cache" / "voice-agent" / "lm"
    model = lm.build_language_model(tmp_path / "cache" / "lm")
    assert model.arpa_path.parent == tmp_path / "cache" / "lm"


def test_unknown_words_are_respelled_or_dropped() -> None:
    vocab = frozenset({"okay", "p", "m", "at", "two"})
    sentences, dropped = lm.fit_to_dictionary(["ok at two pm", "priya"], vocab)
    assert sentences == ["okay at two p m"]
    assert dropped == {"priya"}


def test_model_loads_in_pocketsphinx(tmp_path: Path) -> None:
    from pocketsphinx import Decoder

    model = lm.build_language_model(tmp_path)
    decoder = Decoder(lm=str(model.arpa_path), dict=str(model.dict_path), loglevel="ERROR")
    assert decoder.lookup_word("appointment")


def test_openings_are_put_together_from_parts() -> None:
    rng = random.Random(3)
    openings = [lm.fill_template(lm.say_opening(rng), rng) for _ in range(400)]
    assert len(set(openings)) > 350
    # a greeting, a filler and a request in one sentence, in the corpus the model is built on
    text = "\n".join(lm.build_corpus())
    for phrase in (
        "hi um i was hoping to",
        "i was wondering if i could book an appointment",
        "good morning i need to",
        "i'm a new patient",
    ):
        assert phrase in text, phrase
    assert all(len(o.split()) >= 2 for o in openings)
