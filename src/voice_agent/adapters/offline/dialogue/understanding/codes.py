"""Confirmation codes in what a caller says: typed ("DEF6-789A") or spelled ("d e f six ...")."""

from __future__ import annotations

import re
from typing import Final

from voice_agent.adapters.offline.dialogue.understanding.tokens import Token, word_set
from voice_agent.domain.codes import ALPHABET, CODE_LENGTH, normalize_code
from voice_agent.domain.errors import DomainError
from voice_agent.domain.spoken_numbers import TEENS, UNITS

_CODE_CUE = re.compile(r"\b(?:code|confirmation|reference|booking number)\b")
_DIGIT_WORDS: Final = frozenset(UNITS) | frozenset(TEENS) | {"double", "triple", "treble"}
_LETTER_WORDS: Final = word_set(
    """ay bee be see sea cee dee ee eff ef gee aitch jay kay em en pee cue queue are ar es ess
    tee tea you vee double-u ex why zed zee alpha alfa bravo charlie delta echo foxtrot golf
    hotel juliet juliett kilo mike november papa quebec romeo sierra tango uniform victor
    whiskey xray yankee zulu"""
)


_EIGHT_LETTER_WORDS: Final = word_set(
    """thursday saturday tomorrow november december february anything whatever everyone
    midnight tuesdays mornings evenings thursday weekdays business"""
)
"""Words a caller answers with that are eight letters long: "thursday." is no code."""


def _spelled_char(tok: str) -> bool:
    if len(tok) == 1:
        return tok in ALPHABET or tok.isdigit()
    return (tok in _DIGIT_WORDS and tok not in ("oh", "o", "nought", "zero")) or (
        tok.isdigit() and len(tok) <= CODE_LENGTH
    )


def _typed_code(compact: str) -> bool:
    """Eight characters of the code alphabet, letters and digits both (an eight-letter word is
    not a code)."""
    return (
        len(compact) == CODE_LENGTH
        and all(ch in ALPHABET for ch in compact)
        and any(ch.isdigit() for ch in compact)
        and any(ch.isalpha() for ch in compact)
    )


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


def _halves(a: str, b: str) -> bool:
    """Whether two typed pieces can be one code typed with a space ("DEF6 789A"): not a
    word and a number ("8th three" joins to eight characters of the alphabet too)."""
    return min(len(a), len(b)) >= 3 and not any(
        _ORDINAL.fullmatch(p) or p in _DIGIT_WORDS or p in _LETTER_WORDS for p in (a, b)
    )


def _spelled_words(words: list[str]) -> set[int]:
    """The letters that spell a word said elsewhere in the line ("it's Aoife Brennan,
    A-O-I-F-E, B-R-E-N-N-A-N"): a name spelled, not a code."""
    said = {w for w in words if len(w) >= 4 and w.isalpha()}
    out: set[int] = set()
    i = 0
    while i < len(words):
        j = i
        while j < len(words) and len(words[j]) == 1 and words[j].isalpha():
            j += 1
        letters = "".join(words[i:j])
        for word in said:
            at = letters.find(word)
            while at >= 0:
                out.update(range(i + at, i + at + len(word)))
                at = letters.find(word, at + 1)
        i = max(j, i + 1)
    return out


def typed_code(tokens: list[Token], text: str = "", *, halves: bool = True) -> str | None:
    """A code typed with letters and digits ("4TR82EPQ", "DEF6-789A"; with ``halves``, in two
    pieces too: "DEF6 789A"), or None."""
    pieces = [re.sub(r"[^a-z0-9]", "", p) for p in re.split(r"\s+", text.lower())]
    candidates = pieces + [
        a + b for a, b in zip(pieces, pieces[1:], strict=False) if halves and _halves(a, b)
    ]
    for compact in candidates:
        if _typed_code(compact):
            return compact
    for tok in tokens:
        compact = tok.raw.replace("-", "").lower()
        if _typed_code(compact):
            return compact
    return None


def find_code(tokens: list[Token], *, asked: bool, text: str = "") -> str | None:
    """The eight-character code said or typed, or None."""
    typed = typed_code(tokens, text)
    if typed is not None:
        return typed
    # typed with a dash: "DEF6-789A" is two tokens
    for a, b in zip(tokens, tokens[1:], strict=False):
        if b.sep == "-":
            compact = (a.text + b.text).lower()
            if _typed_code(compact):
                return compact
    words = [t.text for t in tokens]
    text = " ".join(words)
    cued = asked or _CODE_CUE.search(text) is not None
    # a code of letters only (about one in eleven has no digit): typed in capitals, or right
    # after the word that names it ("booking reference HJKMNPQR")
    for k, tok in enumerate(tokens):
        compact = tok.raw.replace("-", "").lower()
        if (
            cued
            and len(compact) == CODE_LENGTH
            and all(ch in ALPHABET for ch in compact)
            and compact not in _EIGHT_LETTER_WORDS
            and (tok.raw.isupper() or _CODE_CUE.search(" ".join(words[max(0, k - 3) : k])))
        ):
            return compact
    if (
        asked
        and len(words) == 1
        and len(words[0]) == CODE_LENGTH
        and all(ch in ALPHABET for ch in words[0])
        and words[0] not in _EIGHT_LETTER_WORDS
    ):
        return words[0]
    best: tuple[int, int, str] | None = None
    name_letters = _spelled_words(words)
    for i in range(len(words)):
        for j in range(i + 4, min(len(words), i + 2 * CODE_LENGTH) + 1):
            window = words[i:j]
            if name_letters & set(range(i, j)):
                continue
            simple = all(_spelled_char(t) for t in window)
            if not simple and not cued:
                continue
            if not all(_spelled_char(t) or (cued and t in _LETTER_WORDS) for t in window):
                continue
            try:
                code = normalize_code(" ".join(window))
            except DomainError:
                continue
            candidate = (len(window), i, code)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    return best[2] if best is not None else None
