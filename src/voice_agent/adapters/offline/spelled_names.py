"""A spelled name as the recogniser hears it, resolved against the census names.

Letters said one by one are the hardest thing a recogniser hears: "B", "D", "E", "P", "T",
"V" and "Z" differ only in their first consonant ("bee", "dee", "ee", "pee"...), "M" and "N"
in their last, "F" and "S" in one fricative. A letter grammar hears a spelling with one or
two of them swapped ("m a r i m o" for M-A-R-I-N-O) and a letter more or less, and such a
spelling stored as a name is a name nobody has.

Here a heard spelling is matched, word by word, against the census first and last names
(``data/names.txt``, 6,600 names): a letter of the same confusable set costs little, any other
letter (or one more or less) costs one; the nearest name stands when it is near enough and
no other name is as near. A spelling that fits no census name is not a name this reader can
vouch for: the caller's account is opened as "Unknown Caller" for staff to name (the
recogniser hands the dialogue :data:`~voice_agent.domain.listening.UNCLEAR_NAME`), never
under letters that are likely wrong. Names that are in no census list are the cost: by ear,
they are left to staff.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from voice_agent.adapters.offline import grammars, name_opinion

BREAK = name_opinion.BREAK
"""The word a spelling turn's reading holds between two spelled words."""

CONFUSABLE: tuple[str, ...] = ("bcdegptvz", "mn", "fsx", "ajk", "iy", "quw")
"""Letters whose names sound alike to a recogniser: the "-ee" letters, M/N, F/S/X ("eff",
"ess", "ex"), the "-ay" letters, I/Y ("eye", "why"), Q/U/W ("cue", "you", "double-you")."""

SAME_SET = 0.35
"""What one letter heard as another of its confusable set costs (any other letter: 1)."""
GAP = 0.8
"""What a letter heard that is not in the name, or a name's letter not heard, costs."""

_CLASS: dict[str, str] = {c: group[0] for group in CONFUSABLE for c in group}


def letter_class(c: str) -> str:
    """The confusable set a letter belongs to, as its first letter ("d" -> "b")."""
    return _CLASS.get(c, c)


def cost(heard: str, name: str) -> float:
    """The weighted edit distance between the letters heard and a name's letters."""
    prev = [j * GAP for j in range(len(name) + 1)]
    for i, a in enumerate(heard, 1):
        cur = [i * GAP] + [0.0] * len(name)
        for j, b in enumerate(name, 1):
            sub = 0.0 if a == b else SAME_SET if letter_class(a) == letter_class(b) else 1.0
            cur[j] = min(prev[j] + GAP, cur[j - 1] + GAP, prev[j - 1] + sub)
        prev = cur
    return prev[-1]


def _deletes(key: str) -> set[str]:
    return {key} | {key[:i] + key[i + 1 :] for i in range(len(key))}


@dataclass(frozen=True)
class Index:
    """Census names by the keys of their confusable classes and those keys less one letter,
    for finding the candidates within one edit (of class) of a heard spelling quickly."""

    shares: dict[str, float]
    by_key: dict[str, tuple[str, ...]]

    @classmethod
    def of(cls, names: dict[str, float]) -> Index:
        by_key: dict[str, list[str]] = {}
        for name in names:
            key = "".join(letter_class(c) for c in name)
            for k in _deletes(key):
                by_key.setdefault(k, []).append(name)
        return cls(names, {k: tuple(v) for k, v in by_key.items()})

    def candidates(self, heard: str) -> set[str]:
        key = "".join(letter_class(c) for c in heard)
        found: set[str] = set()
        for k in _deletes(key):
            found.update(self.by_key.get(k, ()))
        return found


SPELLED_MORE_NAMES = True
"""Spellings resolve to the names of ``data/names_more.txt`` too (voice29), each rarer than
any census name: "N-I-G-E-L" was a spelling no census name fits, so a caller who spelled a
name the census lacks became an "Unknown Caller"."""


@lru_cache(maxsize=1)
def indexes() -> tuple[Index, Index]:
    """The first and the last census names (and those of ``data/names_more.txt``), indexed."""
    firsts, lasts = grammars.census_names()
    first, last = dict(firsts), dict(lasts)
    if SPELLED_MORE_NAMES:
        more_firsts, more_lasts = grammars.more_names()
        for names, more in ((first, more_firsts), (last, more_lasts)):
            for name, share in more:
                names.setdefault(name.replace("'", ""), share)
    return Index.of(first), Index.of(last)


MAX_COST = 0.26
"""The most a resolved name may cost per letter of the name (a 6-letter name: 1.56, as two
letters of the same set and a third heard as another; chosen on the tuning voices)."""
MARGIN = 0.3
"""How much nearer than the next nearest name (of other letters) the name taken must be."""


SPLIT = 0.5
"""What splitting a run of letters with no break heard into a first and a last name costs (two
short names fit almost any run: "m a r i n e o" is not "Mari Ngo")."""
AGREE = 0.5
"""Where only Whisper's letters resolve to a name, the most the grammar's letters (the same
audio) may cost against that name per letter heard: the grammar hears about twice the letters
said, but on the tuning voices right names cost 0.21-0.47 against its letters (one 0.6), and
wrong ones 0.47-0.66 (five of seven above 0.5)."""


@dataclass(frozen=True)
class Match:
    name: str
    cost: float


def nearest(heard: str, index: Index) -> Match | None:
    """The census name the letters ``heard`` most likely spell, or None when none is near
    enough or two are about as near."""
    if len(heard) < 3:
        return None
    scored = sorted(
        (cost(heard, name), -index.shares[name], name) for name in index.candidates(heard)
    )
    if not scored:
        return None
    best, _, name = scored[0]
    if best > MAX_COST * max(len(name), len(heard)):
        return None
    if len(scored) > 1 and scored[1][0] - best < MARGIN and best > 0:
        # two names about as near ("m a r i m o": marino or mario?): the one heard exactly
        # wins; otherwise nobody can tell
        return None
    return Match(name, best)


def resolve_words(words: list[str]) -> list[str] | None:
    """Spelled words (each its letters) as census names: a lone word a last or a first name,
    two words a first and a last name; None where any word resolves to nothing."""
    first, last = indexes()
    if len(words) == 1:
        found = [m for m in (nearest(words[0], last), nearest(words[0], first)) if m]
        if not found:
            return None
        return [min(found, key=lambda m: m.cost).name]
    if len(words) == 2:
        a, b = nearest(words[0], first), nearest(words[1], last)
        if a is None or b is None:
            return None
        return [a.name, b.name]
    return None


def resolve_run(letters: str) -> list[str] | None:
    """A run of letters with no break heard in it: one census name, or the split into a census
    first and last name that costs least; None where nothing fits."""
    first, last = indexes()
    options: list[tuple[float, list[str]]] = []
    for index in (last, first):
        m = nearest(letters, index)
        if m is not None:
            options.append((m.cost, [m.name]))
    for i in range(2, len(letters) - 1):
        a, b = nearest(letters[:i], first), nearest(letters[i:], last)
        if a is not None and b is not None:
            options.append((a.cost + b.cost + SPLIT, [a.name, b.name]))
    if not options:
        return None
    options.sort(key=lambda o: o[0])
    if len(options) > 1 and options[1][1] != options[0][1] and options[1][0] - options[0][0] < 0.1:
        return None
    return options[0][1]


def spelled_runs(text: str) -> list[str]:
    """The spelled words of a spelling turn's reading: runs of single letters, split at
    :data:`BREAK` (other words end a run)."""
    runs: list[str] = []
    current: list[str] = []
    for word in text.split():
        if len(word) == 1 and word.isalpha():
            current.append(word)
            continue
        if current:
            runs.append("".join(current))
            current = []
    if current:
        runs.append("".join(current))
    return [r for r in runs if len(r) >= 2]


def resolve(text: str) -> list[str] | None:
    """The census name (its words, lower case) a spelling turn's reading spells, or None."""
    runs = spelled_runs(text)
    if not runs or len(runs) > 2:
        return None
    if len(runs) == 1:
        return resolve_run(runs[0])
    return resolve_words(runs)


def as_letters(words: list[str]) -> str:
    """A resolved name as a spelling turn's reading: "dan moore" -> "d a n space m o o r e"."""
    return f" {BREAK} ".join(" ".join(w) for w in words)


def letter_runs(text: str) -> tuple[list[str], list[str]]:
    """A spelling turn's reading (the letter grammar's, or Whisper's as
    :func:`.name_opinion.spoken_letters` writes it) as its spelled words, each its letters
    ("double l" two l's, "s as in sam" and "b for boy" the letter), and the other words said
    with them ("that's m a r i n o marino": ["marino"], ["thats", "marino"])."""
    words = text.lower().split()
    runs: list[str] = []
    others: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if w == "double" and len(nxt) == 1 and nxt.isalpha():
            current += [nxt, nxt]
            i += 2
            continue
        if current and w == "as" and nxt in ("in", "for") and i + 2 < len(words):
            i += 3
            continue
        if current and w == "for" and len(nxt) > 1:
            i += 2
            continue
        if len(w) == 1 and w.isalpha():
            current.append(w)
        else:
            if current:
                runs.append("".join(current))
                current = []
            if w != BREAK:
                others.append(w)
        i += 1
    if current:
        runs.append("".join(current))
    return [r for r in runs if len(r) >= 2], others


def _resolve_runs(runs: list[str]) -> list[str] | None:
    if not runs or len(runs) > 2:
        return None
    if len(runs) == 1:
        return resolve_run(runs[0])
    return resolve_words(runs)


def said_name(runs: list[str], others: list[str]) -> list[str] | None:
    """A census name said after its spelling ("M-A-R-I-N-O, Marino") that the letters heard
    could spell: the word as said, which Whisper writes right where its letters are not."""
    first, last = indexes()
    for word in reversed(others):
        if word not in last.shares and word not in first.shares:
            continue
        for run in runs:
            if cost(run, word) <= MAX_COST * len(word):
                return [word]
    return None


_CARRIER_WORDS = """sure it's its it is that's thats the yes yeah yep okay ok my name name's names
spelled spelt says and then double space as in for so well um uh er first last surname that"""
CARRIERS = frozenset(_CARRIER_WORDS.split())
"""Words a caller says around a spelling. Any other word in Whisper's reading of a spelling
turn ("Let's see if you see a J-O-N, you can." for B-U-C-H-A-N-A-N) means it made words of
the letters, and the few letters it wrote are not the spelling."""
PROMPT_LETTERS = frozenset({"john", "doe"})
"""The spelled words of Whisper's prompt (:data:`.name_opinion.SPELL_PROMPT`): Whisper writes
them back for letters it did not make out ("D-O-N, D-O-E")."""


def _whisper_runs(text: str) -> tuple[list[str], list[str]] | None:
    """Whisper's spelled words and other words, or None where it is not a spelling."""
    runs, others = letter_runs(name_opinion.spoken_letters(text))
    if any(run in PROMPT_LETTERS for run in runs):
        return None
    return runs, others


def choose(grammar_text: str, whisper_text: str | None) -> list[str] | None:
    """The census name a spelling turn spells, by the letter grammar's reading and Whisper's
    (None: not read): a name said after its letters that the letters fit; else the name
    Whisper's letters resolve to, where the grammar's resolve to it too or to none. The
    grammar's reading alone stands only where its letters spell a census name exactly (on the
    tuning voices its looser matches were wrong more often than right). None - an "Unknown
    Caller" for staff - where the readers resolve to different names, Whisper made words of
    the letters, or nothing resolves."""
    g_runs, _ = letter_runs(grammar_text)
    from_grammar = _resolve_runs(g_runs)
    exact = from_grammar if from_grammar is not None and from_grammar == g_runs else None
    if from_grammar is not None and len(g_runs) == 1 and "".join(from_grammar) == g_runs[0]:
        exact = from_grammar
    if whisper_text is None:
        return exact
    whisper = _whisper_runs(whisper_text)
    if whisper is None:
        return exact
    w_runs, w_others = whisper
    said = said_name(w_runs + g_runs, w_others)
    if said is not None:
        return said
    if any(w not in CARRIERS for w in w_others):
        return exact
    from_whisper = _resolve_runs(w_runs)
    if from_whisper is None:
        return exact
    if from_grammar == from_whisper:
        return from_whisper
    heard = "".join(g_runs)
    if from_grammar is None and (
        not heard or cost(heard, "".join(from_whisper)) <= AGREE * len(heard)
    ):
        return from_whisper
    return None
