"""The per-turn grammars: their words, the search each expectation picks, and that
pocketsphinx accepts them."""

from __future__ import annotations

import re

import pytest

from voice_agent.adapters.offline import grammars
from voice_agent.adapters.offline import language_model as lm
from voice_agent.domain.codes import ALPHABET
from voice_agent.domain.listening import Expectation, Listening


def test_every_grammar_word_is_in_the_dictionary() -> None:
    assert grammars.vocabulary() <= lm.dictionary_words()


@pytest.mark.parametrize(
    ("listening", "search"),
    [
        (Listening(), grammars.DOMAIN_SEARCH),
        (Listening(Expectation.NAME), grammars.NAME_SEARCH),
        (Listening(Expectation.PHONE), "phone10"),
        (Listening(Expectation.PHONE, digits=10), "phone10"),
        (Listening(Expectation.PHONE, digits=3), "phone3"),
        (Listening(Expectation.PHONE, digits=4), "phone4"),
        (Listening(Expectation.PHONE, digits=7), "phone10"),
        (Listening(Expectation.YES_NO), grammars.YES_NO_SEARCH),
        (Listening(Expectation.DATE_TIME), grammars.DATE_TIME_SEARCH),
        (Listening(Expectation.CODE), grammars.CODE_SEARCH),
        (Listening(Expectation.SPELLING), grammars.SPELLING_SEARCH),
    ],
)
def test_each_expectation_has_a_search(listening: Listening, search: str) -> None:
    assert grammars.search_for(listening) == search
    names = {g.name for g in grammars.all_grammars()} | {grammars.DOMAIN_SEARCH}
    assert search in names


def test_digit_groups_count_double_as_two() -> None:
    three = grammars.phone_grammar(3).jsgf
    assert "<d> double <d>" in three and "double <d> <d>" in three
    four = grammars.phone_grammar(4).jsgf
    assert "double <d> double <d>" in four
    assert (
        "public <phone10> = [ <pre> ] <g3> <g3> <g4> <noise>*;" in grammars.phone_grammar(10).jsgf
    )
    assert "triple <d>" in three and "<d> triple <d>" in four
    with pytest.raises(ValueError, match="1-15 digits"):
        grammars.phone_grammar(0)


def test_code_grammar_uses_exactly_the_code_alphabet() -> None:
    words = set(grammars.CODE_SYMBOLS)
    spoken = {grammars.DIGIT_NAMES.get(c, c) for c in ALPHABET}
    assert words == spoken
    assert not words & {"zero", "one", "o", "i", "l"}
    body = grammars.code_grammar().jsgf.split("public", 1)[1]
    assert len(re.findall(r"<c>", body)) == 8


def test_date_time_grammar_covers_the_dialogues_spoken_forms() -> None:
    words = grammars.date_time_grammar().words
    for word in (
        "tomorrow",
        "next",
        "week",
        "friday",
        "half",
        "past",
        "thirty",
        "morning",
        "afternoon",
        "fifth",
        "o'clock",
    ):
        assert word in words


def test_pocketsphinx_accepts_every_grammar(tmp_path: object) -> None:
    from pocketsphinx import Decoder

    decoder = Decoder(
        hmm=str(lm.default_model_dir() / "en-us"),
        dict=str(
            lm.restricted_dictionary(
                grammars.vocabulary(),
                tmp_path,  # type: ignore[arg-type]
                extra_lines=grammars.dictionary_lines()
                + grammars.name_dictionary_lines()
                + grammars.variant_dictionary_lines(),
            )
        ),
        loglevel="FATAL",
    )
    decoder.config["bestpath"] = False
    for grammar in grammars.all_grammars():
        decoder.add_jsgf_string(grammar.name, grammar.jsgf)
        decoder.activate_search(grammar.name)
        assert decoder.current_search() == grammar.name


def test_noise_words_end_every_grammar_and_have_pronunciations() -> None:
    for grammar in grammars.all_grammars():
        assert grammar.jsgf.rstrip().endswith("<noise>*;"), grammar.name
    assert not grammars.vocabulary() & grammars.NOISE_WORDS.keys()
    lines = grammars.dictionary_lines()
    assert [line.split()[0] for line in lines] == list(grammars.NOISE_WORDS)
    assert all(line.endswith("\n") and len(line.split()) == 2 for line in lines)


def test_census_names_come_most_common_first_with_their_shares() -> None:
    firsts, lasts = grammars.census_names()
    assert len(firsts) >= grammars.FIRST_NAMES and len(lasts) >= grammars.LAST_NAMES
    for names in (firsts, lasts):
        shares = [share for _, share in names]
        assert shares == sorted(shares, reverse=True) and shares[-1] > 0
        assert all(re.fullmatch(r"[a-z][a-z']*", name) for name, _ in names)
    assert {"mary", "james", "maria"} <= {n for n, _ in firsts[:200]}
    assert {"smith", "garcia", "nguyen"} <= {n for n, _ in lasts[:400]}


def test_a_names_file_without_shares_is_refused(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pathlib import Path

    bad = Path(str(tmp_path)) / "names.txt"
    bad.write_text("[first]\nmary 1.3\n[last]\nsmith\n", encoding="utf-8")
    monkeypatch.setattr(grammars, "NAMES_PATH", bad)
    grammars.census_names.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"names.txt:4"):
            grammars.census_names()
    finally:
        grammars.census_names.cache_clear()


def test_the_name_grammar_takes_an_answer_and_a_name_weighted_by_how_common() -> None:
    jsgf = grammars.name_grammar(first=50, last=80, more=False).jsgf
    assert "that's right" in jsgf and "my name is" in jsgf
    first_rule = next(line for line in jsgf.splitlines() if line.startswith("<first>"))
    assert first_rule.count("|") == 49 and "/1.664/ james" in first_rule
    assert "<first> [ <last> ]" in jsgf


def test_date_time_minutes_are_quarter_and_half_hours_not_fifty() -> None:
    words = grammars.date_time_grammar().words
    assert {"fifteen", "thirty", "forty", "five"} <= words  # "forty five" stays
    assert "fifty" not in words


def test_weights_in_a_grammar_are_not_words() -> None:
    grammar = grammars.Grammar("w", "#JSGF V1.0;\ngrammar w;\npublic <w> = ( /4/ yes | /1/ no );\n")
    assert grammar.words == frozenset({"yes", "no"})


def _sentences(expansion: str, rules: dict[str, str]) -> list[list[str]]:
    """Every word sequence a JSGF expansion of our subset (alternatives, sequences and
    rule references, no optionals) accepts."""
    tokens = re.findall(r"\(|\)|\||<[^>]+>|[^\s()|]+", expansion)
    pos = 0

    def sequence() -> list[list[str]]:
        nonlocal pos
        out: list[list[str]] = [[]]
        while pos < len(tokens) and tokens[pos] not in (")", "|"):
            options = atom()
            out = [o + a for o in out for a in options]
        return out

    def atom() -> list[list[str]]:
        nonlocal pos
        token = tokens[pos]
        pos += 1
        if token == "(":
            found = sequence()
            while tokens[pos] == "|":
                pos += 1
                found += sequence()
            pos += 1
            return found
        if token.startswith("<"):
            return _sentences(rules[token[1:-1]], rules)
        return [[token]]

    return sequence()


@pytest.mark.parametrize(
    "rejected",
    [{"772"}, {"772", "222"}, {"000"}, {"552", "555", "525", "255"}],
)
def test_an_excluding_group_grammar_leaves_out_exactly_the_rejected_readings(
    rejected: set[str],
) -> None:
    from voice_agent.domain.spoken_numbers import spoken_digits

    body = grammars._excluding_body((3,), frozenset(rejected))
    assert body is not None
    sentences = _sentences(body, {"d": grammars._alt(grammars.DIGIT_TOKENS)})
    # a digit said with one of its variant pronunciations is that digit (the recogniser
    # writes "seven_1" as "seven")
    heard = {
        spoken_digits(" ".join(grammars.VARIANT_WORDS.get(w, w) for w in words))
        for words in sentences
    }
    assert heard == {f"{n:03d}" for n in range(1000)} - rejected
    assert any("double" in words for words in sentences)  # "double five" still said
    assert any("oh" in words for words in sentences)


@pytest.mark.parametrize("digits", ["617955042", "28", "955", "0"])
def test_a_filling_grammar_says_the_digits_with_one_more_anywhere(digits: str) -> None:
    from voice_agent.adapters.offline import second_opinion
    from voice_agent.domain.spoken_numbers import spoken_digits

    grammar = grammars.filling_grammar(digits)
    assert grammar is not None and grammar.name.startswith("phone_f")
    body = grammars._filled_body(digits)
    sentences = _sentences(body, {"d": grammars._alt(grammars.DIGIT_TOKENS)})
    heard = {
        spoken_digits(" ".join(grammars.VARIANT_WORDS.get(w, w) for w in words))
        for words in sentences
    }
    # the readings Whisper's short reading may have been, and no other
    assert heard == set(second_opinion.fillings(digits, len(digits) + 1))
    assert grammars.filling_grammar("12a") is None


@pytest.mark.parametrize("digits", ["6155550171", "28", "955", "0"])
def test_a_neighbour_grammar_says_the_digits_or_any_one_of_them_otherwise(digits: str) -> None:
    from voice_agent.domain.spoken_numbers import spoken_digits

    grammar = grammars.neighbour_grammar(digits)
    assert grammar is not None and grammar.name.startswith("phone_n")
    sentences = _sentences(
        grammars._neighbour_body(digits), {"d": grammars._alt(grammars.DIGIT_TOKENS)}
    )
    heard = {
        spoken_digits(" ".join(grammars.VARIANT_WORDS.get(w, w) for w in words))
        for words in sentences
    }
    one_away = {
        digits[:at] + other + digits[at + 1 :]
        for at in range(len(digits))
        for other in "0123456789"
    }
    assert heard == one_away  # the reading itself among them, and nothing two digits away
    assert grammars.neighbour_grammar("12a") is None


def test_a_filling_grammar_shares_the_readings_starts() -> None:
    # a flat grammar of the 91 readings of a number one digit short cost the decoder eight
    # times the number grammar's CPU: here each place the digit may go in is one path
    from voice_agent.adapters.offline import second_opinion

    digits = "617955042"
    flat = grammars.repeated_grammar(second_opinion.fillings(digits, 10), 1)
    shared = grammars.filling_grammar(digits)
    assert flat is not None and shared is not None
    assert len(shared.jsgf) * 4 < len(flat.jsgf)


def test_rejected_readings_pick_an_excluding_search() -> None:
    plain = grammars.search_for(Listening(Expectation.PHONE, digits=3))
    one = grammars.search_for(Listening(Expectation.PHONE, digits=3, rejected=("772",)))
    two = grammars.search_for(Listening(Expectation.PHONE, digits=3, rejected=("772", "552")))
    assert plain == "phone3"
    assert one != two and one.startswith("phone3_x") and two.startswith("phone3_x")
    assert grammars.base_search(one) == "phone3"
    grammar = grammars.grammar_named(one)
    assert grammar is not None and "seven seven two" not in grammar.jsgf
    whole = grammars.search_for(Listening(Expectation.PHONE, rejected=("6175550142",)))
    assert whole.startswith("phone10_x")
    # every 3-digit reading rejected: nothing is left to exclude to, the plain grammar
    everything = tuple(f"{n:03d}" for n in range(1000))
    assert grammars.search_for(Listening(Expectation.PHONE, 3, everything)) == "phone3"


def test_a_number_may_follow_ordinary_lead_ins() -> None:
    words = grammars.phone_grammar(10).words
    assert {"course", "mobile", "cell"} <= words
    # not "it's" alone, nor a hesitation between the groups: "six one seven" came back
    # "it's one two one uh ..." with them
    assert "it's" not in grammars.phone_grammar(10).jsgf.split("<pre> = ", 1)[1].split(";")[
        0
    ].split(" | ")
    assert "um" not in words


def test_digit_variants_are_new_pronunciations_of_digit_words_in_digit_grammars_only() -> None:
    cmudict = lm._read_dictionary(str(lm.default_dictionary_path()))
    lines = grammars.variant_dictionary_lines()
    assert len(lines) == len(grammars.VARIANT_WORDS) > 0
    for line in lines:
        token, phones = line.rstrip("\n").split(" ", 1)
        word = grammars.VARIANT_WORDS[token]
        assert word in grammars.DIGITS and token not in cmudict
        assert phones not in [entry.split(" ", 1)[1].strip() for entry in cmudict[word]], line
    for grammar in (
        grammars.phone_grammar(10),
        grammars.phone_grammar(3),
        grammars.number_in_request_grammar(),
        grammars.excluding_phone_grammar(3, ["772"]),
    ):
        assert grammar is not None and set(grammars.VARIANT_WORDS) <= grammar.words, grammar.name
    for grammar in (grammars.date_time_grammar(), grammars.code_grammar()):
        assert not set(grammars.VARIANT_WORDS) & grammar.words, grammar.name
    # the LM's dictionary is built from the vocabulary: no variant words in it
    assert not set(grammars.VARIANT_WORDS) & grammars.vocabulary()


def test_a_rejected_reading_is_left_out_in_every_pronunciation() -> None:
    grammar = grammars.excluding_phone_grammar(3, ["777"])
    assert grammar is not None
    rules = grammar.jsgf.split("public", 1)[1]
    # a "seven" said the variant way must not bring back the rejected "seven seven seven"
    assert rules.count("seven_1") == rules.count("seven |") + rules.count("| seven )")
    plain = grammars.variant_dictionary_lines({w: "X" for w in grammars.DIGIT_VARIANTS})
    assert all(line.split()[1:] == ["X"] for line in plain)


def test_pocketsphinx_accepts_the_digit_variants(tmp_path: object) -> None:
    from pocketsphinx import Decoder

    path = lm.restricted_dictionary(
        grammars.vocabulary(),
        tmp_path,  # type: ignore[arg-type]
        extra_lines=[
            *grammars.dictionary_lines(),
            *grammars.name_dictionary_lines(),
            *grammars.variant_dictionary_lines(),
        ],
    )
    decoder = Decoder(hmm=str(lm.default_model_dir() / "en-us"), dict=str(path), loglevel="FATAL")
    for line in grammars.variant_dictionary_lines():
        token, phones = line.split(" ", 1)
        assert decoder.lookup_word(token) == phones.strip()


def test_a_repeated_reading_grammar_says_one_reading_the_same_each_time() -> None:
    from voice_agent.domain.spoken_numbers import spoken_digits

    grammar = grammars.repeated_grammar(["772", "112", "772"], times=2)
    assert grammar is not None and grammar.name.startswith("phone_r")
    public = grammar.jsgf.split("public <", 1)[1].split("=", 1)[1].rsplit("<noise>*", 1)[0]
    # without the optional carrier phrases and noise words the sentences are enumerable
    body = re.sub(r"\[ <pre> \] |<noise>\*", "", public)
    sentences = _sentences(body, {})
    heard = {
        spoken_digits(" ".join(grammars.VARIANT_WORDS.get(w, w) for w in words))
        for words in sentences
    }
    # each reading twice over, never one reading then another
    assert heard == {"772772", "112112"}
    assert any("double" in words for words in sentences)  # "double seven two"
    assert grammars.repeated_grammar([], times=2) is None
    assert grammars.repeated_grammar(["12a"], times=2) is None


def test_pocketsphinx_accepts_a_repeated_reading_grammar(tmp_path: object) -> None:
    from pocketsphinx import Decoder

    path = lm.restricted_dictionary(
        grammars.vocabulary(),
        tmp_path,  # type: ignore[arg-type]
        extra_lines=[
            *grammars.dictionary_lines(),
            *grammars.name_dictionary_lines(),
            *grammars.variant_dictionary_lines(),
        ],
    )
    decoder = Decoder(hmm=str(lm.default_model_dir() / "en-us"), dict=str(path), loglevel="FATAL")
    decoder.config["bestpath"] = False
    grammar = grammars.repeated_grammar(["0550", "1234"], times=3)
    assert grammar is not None
    decoder.add_jsgf_string(grammar.name, grammar.jsgf)
    decoder.activate_search(grammar.name)


@pytest.mark.parametrize("answer", ["nah", "nah thanks", "nah i'm good", "no i'm good"])
def test_nah_is_a_no_of_the_yes_no_grammar(answer: str) -> None:
    # with no word for it, "nah i'm good, thanks, bye" to "Shall I book ...?" was forced
    # into "sure thanks bye" and booked
    assert answer in grammars.yes_no_grammar().jsgf
    assert grammars.answer_polarity(f"{answer} thanks") is False
    assert answer in grammars.one_side_grammar(yes=False).jsgf
    assert answer not in grammars.one_side_grammar(yes=True).jsgf.replace("<", " <")


def test_every_answer_of_the_yes_no_grammar_reads_as_that_answer_to_the_dialogue() -> None:
    from datetime import date

    from voice_agent.adapters.offline.dialogue.understanding import Context, understand

    ctx = Context(today=date(2026, 11, 25), asked="confirm")
    for answer in grammars._YES:
        heard = understand(f"{answer} thanks bye", ctx)
        assert heard.yes and not heard.no, answer
    for answer in grammars._NO:
        heard = understand(f"{answer} thanks bye", ctx)
        assert not heard.yes, answer  # a no answer never confirms anything
        if "nah" in answer or "i'm good" in answer:
            assert heard.no, answer


@pytest.mark.parametrize(
    "said",
    ["no thanks goodbye", "no thank you bye", "that's all bye", "okay bye", "no i'm good"],
)
def test_a_day_and_time_answer_may_turn_the_times_down_and_close(said: str) -> None:
    # "No thanks. Goodbye." to "which would you prefer?" had no path in the grammar: it was
    # forced into "twelve saturday", and the domain LM's "no saturday so much" named a day
    words = grammars.date_time_grammar().words
    assert set(said.split()) <= words
    assert grammars.is_closing(said)


@pytest.mark.parametrize(
    "said", ["friday at two", "no", "the first one thanks", "okay", "tomorrow at five"]
)
def test_a_day_or_a_time_is_not_a_closing(said: str) -> None:
    assert not grammars.is_closing(said)


def _top_level_alternative(expansion: str) -> bool:
    depth = 0
    for char in expansion:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False


def test_the_noise_loop_follows_every_path_of_every_grammar() -> None:
    # "a | b <noise>*" loops noise after b only: when the day/time grammar's closing path
    # was added that way, its days lost the loop and 4 of 64 tuning dates at 20 dB SNR
    # went wrong ("eleven a m on the twenty second" -> "... twenty fifth please")
    for grammar in (*grammars.all_grammars(), grammars.phone_grammar(3)):
        public = next(line for line in grammar.jsgf.splitlines() if line.startswith("public"))
        expansion = public.split("=", 1)[1].rsplit("<noise>*", 1)[0]
        assert not _top_level_alternative(expansion), grammar.name


def test_the_day_or_time_of_a_day_time_reading_is_without_its_carrier_or_thanks() -> None:
    assert grammars.day_or_time_of("yes ten o'clock please") == "ten o'clock"
    assert grammars.day_or_time_of("how about friday at two thank you") == "friday at two"
    assert grammars.day_or_time_of("nine in the morning") == "nine in the morning"
    # the decline-and-close path, and a carrier alone, hold no day or time
    assert grammars.day_or_time_of("no thanks bye") == ""
    assert grammars.day_or_time_of("that's all bye") == ""
    assert grammars.day_or_time_of("") == ""


@pytest.mark.parametrize(
    ("heard", "answer"),
    [
        ("yes please that's all thanks bye", "yes please"),
        ("yes that works please that's all bye", "yes that works please"),
        ("no i'm good thank you that's all", "no i'm good thank you"),
        ("nope goodbye", "nope"),
        # nothing to drop
        ("yes please", "yes please"),
        ("no thank you", "no thank you"),
    ],
)
def test_the_yes_no_grammars_goodbye_comes_off_whole(heard: str, answer: str) -> None:
    assert grammars.without_closing(heard) == answer


def test_a_named_neighbour_grammar_lets_a_name_come_first_and_keeps_the_same_readings() -> None:
    plain = grammars.neighbour_grammar("6175550142")
    named = grammars.neighbour_grammar("6175550142", named=True)
    assert plain is not None and named is not None
    assert named.name != plain.name and named.name.startswith("phone_n")
    # the same body of readings: Whisper's digits and each one digit away, nothing else
    assert grammars._neighbour_body("6175550142") in named.jsgf
    public = next(line for line in named.jsgf.splitlines() if line.startswith("public"))
    assert "[ [ <intro> ] <first> [ <last> ] ] [ <pre> ]" in public
    assert "<first>" not in plain.jsgf
    firsts, lasts = grammars.census_names()
    assert {firsts[0][0], lasts[0][0]} <= named.words  # the commonest names, to take up a name


@pytest.mark.parametrize(
    ("heard", "answer", "side"),
    [
        ("uh that's right", "that's right", True),
        ("um nope", "nope", False),
        ("um not really", "not really", False),
        ("er yes please", "yes", True),
        ("uh-huh yeah go ahead", "yeah go ahead", True),
        ("sure go on bye", "sure go on", True),
        ("mhm", "mhm", True),
        ("uh-huh thanks", "uh-huh", True),
    ],
)
def test_a_yes_no_answer_is_read_without_the_lead_in_said_before_it(
    heard: str, answer: str, side: bool
) -> None:
    # "Uh, that's right." had no path in the yes/no grammar and was forced into "no that's
    # not right" (held-out en-us+f3 at 20 dB SNR)
    assert grammars.answer_of(heard) == answer
    assert grammars.answer_polarity(heard) is side


def test_a_grunt_is_an_answer_only_alone_and_a_lead_in_only_before_a_yes() -> None:
    assert grammars.grunt_answer("mhm") and grammars.grunt_answer("uh-huh please")
    assert not grammars.grunt_answer("uh-huh go ahead")
    assert not grammars.grunt_answer("mhm yes")
    jsgf = grammars.yes_no_grammar().jsgf
    # a lead-in before a no made a grunt a no: "Mm-hm." came back "uh nah" and "hmm nope"
    assert "( [ <lead> ] <yes> | <no> | <grunt> )" in jsgf
    no_side = grammars.one_side_grammar(yes=False)
    assert not set(grammars.ANSWER_LEADS) & no_side.words
    assert set(grammars.ANSWER_LEADS) <= grammars.one_side_grammar(yes=True).words


@pytest.mark.parametrize("answer", ["go on", "sure go on", "yeah go ahead", "okay that's fine"])
def test_a_yes_word_then_what_it_agrees_to_is_one_yes_answer(answer: str) -> None:
    # "Sure, go on." had no path and came back "sure goodbye": a goodbye nobody said
    assert answer in grammars.YES_ANSWERS
    assert grammars.answer_polarity(answer) is True


def test_day_and_time_minutes_have_no_oh_five() -> None:
    # nobody books at five past; "ten a m" was heard "twelve oh five a m" in noise
    lines = grammars.date_time_grammar().jsgf.splitlines()
    rule = next(line for line in lines if line.startswith("<minute>"))
    assert "oh five" not in rule and "forty five" in rule
