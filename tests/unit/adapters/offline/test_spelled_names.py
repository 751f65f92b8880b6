from __future__ import annotations

import pytest

from voice_agent.adapters.offline import spelled_names as sn


@pytest.mark.parametrize(
    ("heard", "name"),
    [
        ("k i m", ["kim"]),
        ("m a r i m o", ["marino"]),  # M heard for N
        ("b a t t e r s o n", ["patterson"]),  # B for P
        ("s m i t h", ["smith"]),
        ("d a n space m o o r e", ["dan", "moore"]),
        ("d a n m o o r e", ["dan", "moore"]),  # no break heard: split where both are names
        ("o q u e i e q m m i h b o o l e y e", None),  # letters that spell no name
        ("n i l s o n", None),  # nelson or wilson: nobody can tell
        ("x q z x q", None),
    ],
)
def test_a_spelling_resolves_to_the_census_name_it_is_nearest(
    heard: str, name: list[str] | None
) -> None:
    assert sn.resolve(heard) == name


@pytest.mark.parametrize(
    ("text", "runs", "others"),
    [
        ("it's s as in sam a m", ["sam"], ["it's"]),
        ("c a m p b e double l", ["campbell"], []),
        ("b for boy e l l", ["bell"], []),
        ("d a n space m o o r e", ["dan", "moore"], []),
        ("that's m a r i n o marino", ["marino"], ["that's", "marino"]),
    ],
)
def test_letter_runs_as_people_spell(text: str, runs: list[str], others: list[str]) -> None:
    assert sn.letter_runs(text) == (runs, others)


@pytest.mark.parametrize(
    ("grammar", "whisper", "name"),
    [
        ("m a r i m o", None, None),  # the grammar alone: only an exact census spelling
        ("k i m", None, ["kim"]),
        ("d u o l t a o b", "M-A-R-I-N-O.", None),  # the grammar's letters are far from it
        ("m a r i n e o", "M-A-R-I-M-O.", ["marino"]),
        ("", "M-A-R-I-M-O.", ["marino"]),  # the domain LM won: Whisper's letters alone
        ("k i n", "K-I-N.", ["kim"]),  # N heard for M by both
        ("k i m", "T-I-M.", None),  # two readers, two names
        ("m a r e n o", "That's M-A-R-I-N-O, Marino.", ["marino"]),
        ("b r m t s d", "D-O-N, D-O-E.", None),  # Whisper wrote its prompt's letters back
        ("b u c i e q i n", "Let's see if you see a J-O-N, you can.", None),
    ],
)
def test_choose(grammar: str, whisper: str | None, name: list[str] | None) -> None:
    assert sn.choose(grammar, whisper) == name


def test_a_resolved_name_as_a_spelling_turns_reading() -> None:
    assert sn.as_letters(["dan", "moore"]) == "d a n space m o o r e"


@pytest.mark.parametrize(
    ("grammar", "whisper", "name"),
    [
        # names no census list holds (data/names_more.txt): spelled, they were no name at all
        # and the caller an "Unknown Caller"
        ("n i g e l space o k a f o r", "N-I-G-E-L, O-K-A-F-O-R.", ["nigel", "okafor"]),
        ("d e c l a n space m u r p h y", None, ["declan", "murphy"]),
        ("e o i n", "E-O-I-N.", ["eoin"]),
    ],
)
def test_a_spelling_resolves_to_a_name_the_census_lacks(
    grammar: str, whisper: str | None, name: list[str]
) -> None:
    assert sn.choose(grammar, whisper) == name


def test_census_names_still_win_a_spelling_they_fit() -> None:
    assert sn.choose("m a r i a space g a r c i a", None) == ["maria", "garcia"]
    assert sn.choose("s m i t h", "S-M-I-T-H.") == ["smith"]
