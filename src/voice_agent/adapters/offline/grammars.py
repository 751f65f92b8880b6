"""JSGF grammars for the turns where the dialogue knows what kind of answer comes next.

One grammar per :class:`~voice_agent.domain.listening.Expectation` (and, for phone numbers,
per digit count: a whole 10-digit number as 3-3-4, or one group of 3 or 4 when the dialogue
collects a number group by group). The recogniser adds all of them to one pocketsphinx
decoder as named searches and activates the matching one when an utterance starts; see
:mod:`.stt` for how a caller who says something else is still heard (the domain language
model decodes the same audio, and wins when its score is close to the grammar's).

Every grammar accepts a few short carrier phrases ("my number is", "it's", "yes") and the
spoken forms the dialogue parses: digits as words with "oh" for zero and "double five",
yes/no words, weekdays, "tomorrow", "next week", hours with "a m"/"p m", "half past",
"thirty", ordinals for dates ("the fifth"), and letters for codes and spelled names.
Words are lower case and must be in the pronunciation dictionary (:func:`vocabulary`
lists them so a restricted dictionary can be written).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from voice_agent.domain.codes import ALPHABET
from voice_agent.domain.datetimes import MONTH_NAMES
from voice_agent.domain.listening import Expectation, Listening
from voice_agent.domain.weekdays import WEEKDAYS as DOMAIN_WEEKDAYS

DIGITS = ("zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
DIGIT_VARIANTS: dict[str, tuple[str, ...]] = {
    "seven": ("S IH V AH N",),
    "eight": ("EH IY T",),
    "three": ("TH R IH",),
    "zero": ("Z IY R AH",),
    "six": ("S IY K S",),
    "five": ("F AY",),
    "nine": ("N OY N",),
}
"""Extra pronunciations of digit words for the digit grammars only (phone numbers, digit
groups, a number inside a request), for voices whose vowels the en-us acoustic model hears
as another digit's ("seven" as "three" or "one", "six" as "three", "nine" as "one").
Chosen on the tuning split of ``bench/stt_eval.py`` (8 voices, 48 numbers, the 10-digit
grammar alone; each of 58 candidates tried on its own, then added greedily in order of
gain): exact numbers 17 -> 23 of 48 and wrong digits 91 -> 69 clean; on other draws of the
same voices 18 -> 24 (other carrier phrases) and 14 -> 22 (20 dB SNR). Candidates that lost
were dropped ("eight" as AY T or EH T, "oh" as AA, UH or AH UW, "two" as T IH UW, "four" as
F AO). Not in the day/time grammar: there they cost 2 of 32 tuning dates at 20 dB SNR.

Each variant is a word of its own in the grammar decoder's dictionary (:data:`VARIANT_WORDS`,
"seven_1"), not a cmudict-style alternate ("seven(2)"), which every grammar saying "seven"
would use; the recogniser writes it back as its digit word."""
VARIANT_WORDS: dict[str, str] = {
    f"{word}_{i}": word
    for word, variants in DIGIT_VARIANTS.items()
    for i, _ in enumerate(variants, 1)
}
"""Grammar-only word -> the digit word it is a pronunciation of."""
DIGIT_TOKENS = DIGITS + tuple(VARIANT_WORDS)
"""What a digit grammar's ``<d>`` may be."""
DIGIT_NAMES = {str(i): w for i, w in enumerate(DIGITS[:1] + DIGITS[2:])}
LETTERS = tuple("abcdefghijklmnopqrstuvwxyz")
CODE_SYMBOLS = tuple(sorted({DIGIT_NAMES.get(c, c) for c in ALPHABET}))
"""The words of the confirmation-code alphabet (letters, and digits 2-9 as words)."""

WEEKDAYS = tuple(name.lower() for name in DOMAIN_WEEKDAYS)
MONTHS = MONTH_NAMES
ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "thirtieth",
]
HOURS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]

PHONE_SEARCH = "phone"
YES_NO_SEARCH = "yes_no"
YES_ONLY_SEARCH = "yes_only"
NO_ONLY_SEARCH = "no_only"
"""Not a turn's search: the yes/no grammar with one side only, to re-decode an answer whose
polarity the grammar and the domain LM disagree on (see ``recognizer.contradicts``)."""
DATE_TIME_SEARCH = "date_time"
CODE_SEARCH = "code"
SPELLING_SEARCH = "spelling"
NAME_SEARCH = "name"
NUMBER_IN_REQUEST_SEARCH = "number_in_request"
"""Not a turn's search: re-decodes the stretch of an open turn where the domain LM heard a
run of digits (:func:`number_in_request_grammar`)."""
DOMAIN_SEARCH = "domain"
"""The n-gram search (the domain language model) used for open requests."""


def _alt(words: Iterable[str]) -> str:
    return "( " + " | ".join(words) + " )"


def _digit_group(n: int) -> str:
    """``n`` digits, where a "double <digit>" counts for two and a "triple <digit>" for
    three ("seven one eight, triple five": without it the grammar forced "triple" into a
    digit and lost one)."""
    ways: list[str] = []

    def compose(left: int, parts: list[str]) -> None:
        if left == 0:
            ways.append(" ".join(parts))
            return
        compose(left - 1, [*parts, "<d>"])
        if left >= 2:
            compose(left - 2, [*parts, "double <d>"])
        if left >= 3:
            compose(left - 3, [*parts, "triple <d>"])

    compose(n, [])
    return "( " + " | ".join(ways) + " )"


HESITATIONS = ("um", "uh")
"""Said between the groups of a number; the recogniser leaves them in its text."""
PHONE_PREFIXES = (
    "my number is",
    "my phone number is",
    "the number is",
    "my number's",
    "sure",
    "yes",
    "yeah",
    "okay",
    "sure it's",
    "yes it's",
    "the first three are",
    "the next three are",
    "the last four are",
    # how else callers lead into a number ("yes of course, it's ..."): with no way to say
    # them, the grammar forced them into digits and the number came out shifted. Not "it's"
    # alone: "six" was heard as it
    "of course",
    "yes of course",
    "of course it's",
    "yes of course it's",
    "my phone is",
    "my cell is",
    "my mobile is",
)
_YES: tuple[str, ...] = (
    "yes",
    "yeah",
    "yep",
    "yes please",
    "yes it is",
    "yes that's right",
    "yes that's correct",
    "yes that works",
    "sure",
    "correct",
    "that's correct",
    "that's right",
    "right",
    "okay",
    "sounds good",
    "that works",
    "perfect",
    "please do",
    "go ahead",
)
_YES_FIRST = ("yes", "yeah", "yep", "sure", "okay")
LEADING_YES = frozenset(["yes", "yeah", "yep", "yup"])
"""The words a line begins with that make it a yes whatever follows (a name said after "yes,
that's right": :func:`.name_opinion.with_yes`)."""
_YES_AFTER = ("go ahead", "go on", "that's fine", "that's right", "sounds good", "please do")
_YES = (
    *_YES,
    "go on",
    "that's fine",
    # a yes word, then what it agrees to ("yeah, go ahead", "sure, go on", "okay, that's
    # fine"): with no path for the pair, "Sure, go on." came back "sure goodbye" (a goodbye
    # the caller did not say) and "Um, yeah, go ahead." "nah i'm good please"
    *(f"{first} {after}" for first in _YES_FIRST for after in _YES_AFTER),
)
_NO = (
    "no",
    "nope",
    "no thanks",
    "no thank you",
    "no it isn't",
    "no that's wrong",
    "no that's not right",
    "that's wrong",
    "that's not right",
    "not really",
    "that doesn't work",
    "no that doesn't work",
    "i can't make it",
    # No yes answer was added with these: "go for it" took a held-out "that's not right" at
    # 20 dB SNR for a yes (1 of 40), and a wrong yes books.
    # "nah i'm good, thanks, bye" to "Shall I book ...?" came back "sure thanks bye" and was
    # booked: with no word for "nah", the grammar forced it into its nearest answer
    "nah",
    "nah thanks",
    "nah i'm good",
    "no i'm good",
)
GRUNTS = ("mhm", "uh-huh")
"""A yes said as a grunt ("Mm-hm.", "Uh-huh."): on their own, an answer of the yes/no grammar
taken only where Whisper hears a yes too (``recognizer.Utterance._grunt_heard``: a bare grunt
is the shortest answer there is, and the grammar can force a no's noise into one); before
another answer ("uh-huh, go ahead"), a lead-in (:data:`ANSWER_LEADS`)."""
ANSWER_LEADS = ("um", "uh", "er", "hmm", *GRUNTS)
"""What a caller says before the answer itself ("Uh, that's right.", "Um, nope.", "Uh-huh, go
ahead."). With no path for it the yes/no grammar forced the lead-in into its answer: en-us+f3's
"Uh, that's right." at 20 dB came back "no that's not right" (held-out, yesno25 round).
Only before a yes: a lead-in before a no made a grunt a no ("Mm-hm." came back "uh nah" and
"hmm nope", tuning split, clean and 20 dB), and a no said after a hesitation the grammar
already heard ("Um, nope.", "Uh, no."). Left out of :func:`answer_of`."""
_TAIL = ("please", "thanks", "thank you")
YES_ANSWERS = _YES
"""The yes/no grammar's yes answers (benchmarks check each against the no side)."""
NOISE_WORDS: dict[str, str] = {
    "_f": "F",
    "_s": "S",
    "_sh": "SH",
    "_th": "TH",
    "_hh": "HH",
    "_z": "Z",
    "_v": "V",
}
"""Pseudo-words of one fricative phone each, allowed in a loop at the end of an answer:
white noise after speech sounds like a fricative to the acoustic model, and a strict grammar
with nowhere to put it ends in no final state ("does not match the grammar") and returns
nothing. The recogniser drops them from its output (they start with "_")."""
_DATE_PREFIX = (
    "how about",
    "what about",
    "can i do",
    "can i come in",
    "i'd like",
    "let's do",
    "maybe",
    "on",
    "yes",
    "okay",
    "i can do",
    "do you have anything",
    "anything",
    "is there anything",
)
_SPELL_PREFIX = ("it's", "that's", "it is", "my name is", "it's spelled", "that's spelled")
_CODE_PREFIX = ("my code is", "the code is", "my confirmation code is", "it's", "sure it's")


@dataclass(frozen=True)
class Grammar:
    """One named search: its name, JSGF text and the words it uses."""

    name: str
    jsgf: str

    @property
    def words(self) -> frozenset[str]:
        body = re.sub(r"<[^>]+>|/[0-9.e+-]+/", " ", self.jsgf.split(";", 2)[-1])
        body = re.sub(r"[()|\[\]*+;=]", " ", body)
        return frozenset(w for w in body.split() if w not in {"public", "grammar"})


def _jsgf(name: str, rules: dict[str, str], public: str) -> Grammar:
    lines = ["#JSGF V1.0;", f"grammar {name};"]
    lines += [f"<{k}> = {v};" for k, v in rules.items()]
    lines.append(f"<noise> = {_alt(NOISE_WORDS)};")
    lines.append(f"public <{name}> = {public} <noise>*;")
    return Grammar(name, "\n".join(lines) + "\n")


def phone_grammar(digits: int | None = None) -> Grammar:
    """A whole number (10 digits as 3-3-4, the way people read them out) or one group."""
    n = 10 if digits is None else digits
    if not 1 <= n <= 15:
        raise ValueError(f"a phone grammar needs 1-15 digits, not {n}")
    if n == 10:
        body = "<g3> <g3> <g4>"
        rules = {"g3": _digit_group(3), "g4": _digit_group(4)}
    elif n <= 4:
        body = f"<g{n}>"
        rules = {f"g{n}": _digit_group(n)}
    else:
        body = " ".join(["<d>"] * n)
        rules = {}
    return _jsgf(
        f"{PHONE_SEARCH}{n}",
        {"d": _alt(DIGIT_TOKENS), "pre": _alt(PHONE_PREFIXES), **rules},
        f"[ <pre> ] {body}",
    )


def number_in_request_grammar() -> Grammar:
    """A whole 10-digit number as 3-3-4, with a hesitation allowed between the groups ("nine
    one nine, um, five five five, uh, ..."), after an optional carrier phrase.

    For the audio of a number said inside an open sentence ("hi, it's six one seven, five
    five five, ..., I'd like to book"), cut out where the domain LM heard a run of digits:
    the language model, which must also hear the rest of the sentence, gets such numbers
    right about one time in ten, a digit grammar on the same stretch several times more
    often. A hesitation the 10-digit grammar has no word for is forced into a digit.
    """
    hesitation = _alt(HESITATIONS)
    return _jsgf(
        NUMBER_IN_REQUEST_SEARCH,
        {
            "d": _alt(DIGIT_TOKENS),
            "pre": _alt(PHONE_PREFIXES),
            "g3": _digit_group(3),
            "g4": _digit_group(4),
            "h": hesitation,
        },
        "[ <pre> ] <g3> [ <h> ] <g3> [ <h> ] <g4>",
    )


EXCLUDING = "_x"
"""Separates a phone search's name from the key of the readings it leaves out."""
_DIGIT_WORDS_BY_VALUE = {
    str(v): tuple(
        token
        for token in DIGIT_TOKENS
        if VARIANT_WORDS.get(token, token) in (("zero", "oh") if v == 0 else (DIGITS[v + 1],))
    )
    for v in range(10)
}


def _segments(n: int) -> tuple[int, ...]:
    return (3, 3, 4) if n == 10 else (n,) if n <= 4 else (1,) * n


def _words_for(values: Iterable[str]) -> str:
    return _alt(w for v in sorted(values) for w in _DIGIT_WORDS_BY_VALUE[v])


def _excluding_body(segments: tuple[int, ...], rejected: frozenset[str]) -> str | None:
    """A JSGF expansion for every digit string of these segment lengths except
    ``rejected`` (None when nothing is left). People say "double five" within a group, so
    a "double <d>" covers two positions of one segment, as in :func:`_digit_group`."""
    if not segments:
        return None if "" in rejected else ""
    if not rejected:
        return " ".join(_digit_group(n) for n in segments)
    head, rest = segments[0], segments[1:]

    def after(take: int) -> tuple[int, ...]:
        left = head - take
        return ((left,) if left else ()) + rest

    ways: list[str] = []
    firsts = {r[0] for r in rejected}
    free_digits = set(_DIGIT_WORDS_BY_VALUE) - firsts
    if free_digits:
        tail = _excluding_body(after(1), frozenset())
        ways.append(f"{_words_for(free_digits)} {tail}".strip())
    for value in sorted(firsts):
        tail = _excluding_body(after(1), frozenset(r[1:] for r in rejected if r[0] == value))
        if tail is not None:
            ways.append(f"{_words_for(value)} {tail}".strip())
    if head >= 2:
        doubled = {r[0] for r in rejected if r[0] == r[1]}
        free_doubles = set(_DIGIT_WORDS_BY_VALUE) - doubled
        if free_doubles:
            tail = _excluding_body(after(2), frozenset())
            ways.append(f"double {_words_for(free_doubles)} {tail}".strip())
        for value in sorted(doubled):
            left = frozenset(r[2:] for r in rejected if r[:2] == value * 2)
            tail = _excluding_body(after(2), left)
            if tail is not None:
                ways.append(f"double {_words_for(value)} {tail}".strip())
    return "( " + " | ".join(ways) + " )" if ways else None


def excluding_key(rejected: Iterable[str]) -> str:
    return hashlib.sha256(",".join(sorted(set(rejected))).encode()).hexdigest()[:10]


@lru_cache(maxsize=64)
def _excluding_grammar(n: int, rejected: frozenset[str]) -> Grammar | None:
    body = _excluding_body(_segments(n), rejected)
    if body is None:
        return None
    return _jsgf(
        f"{PHONE_SEARCH}{n}{EXCLUDING}{excluding_key(rejected)}",
        {"d": _alt(DIGIT_TOKENS), "pre": _alt(PHONE_PREFIXES)},
        f"[ <pre> ] {body}",
    )


_EXCLUDING_BY_NAME: dict[str, Grammar] = {}


def excluding_phone_grammar(n: int, rejected: Iterable[str]) -> Grammar | None:
    """The phone grammar for ``n`` digits without the readings the caller said were wrong
    (strings of ``n`` digits; others are ignored), or None when nothing else is left.

    A recogniser that heard "seven seven two" for "eight eight two" hears it the same way
    when the caller repeats it (a voice confuses the same sounds the same way); with that
    reading out of the grammar, the next best is what it returns, and for a systematic
    confusion of one or two digits that is very often right.
    """
    kept = frozenset(r for r in rejected if len(r) == n and r.isdigit())
    if not kept:
        return phone_grammar(n)
    grammar = _excluding_grammar(n, kept)
    if grammar is not None:
        _EXCLUDING_BY_NAME[grammar.name] = grammar
    return grammar


def _reading_body(reading: str) -> str:
    """A JSGF expansion for exactly this digit string, said any way ("oh" or "zero",
    "double five" for a pair, a digit word's extra pronunciations)."""
    if not reading:
        return ""
    ways = [f"{_words_for(reading[0])} {_reading_body(reading[1:])}".strip()]
    if len(reading) >= 2 and reading[0] == reading[1]:
        ways.append(f"double {_words_for(reading[0])} {_reading_body(reading[2:])}".strip())
    return ways[0] if len(ways) == 1 else "( " + " | ".join(ways) + " )"


REPEATED = "_r"
"""Separates a phone search's name from the key of a repeated-reading grammar's readings."""


def repeated_grammar(readings: Iterable[str], times: int) -> Grammar | None:
    """One of ``readings`` (digit strings) said ``times`` times over, each time after an
    optional carrier phrase: the audio of every time a caller said the same group of a
    number, joined, decoded with it gives the reading that fits all of them together
    (None when no reading is given)."""
    kept = sorted({r for r in readings if r.isdigit()})
    if not kept or times < 1:
        return None
    ways = []
    for reading in kept:
        once = f"[ <pre> ] {_reading_body(reading)} <noise>*"
        ways.append("( " + " ".join([once] * times) + " )")
    key = hashlib.sha256(f"{times}:{','.join(kept)}".encode()).hexdigest()[:10]
    return _jsgf(
        f"{PHONE_SEARCH}{REPEATED}{key}",
        {"pre": _alt(PHONE_PREFIXES)},
        "( " + " | ".join(ways) + " )",
    )


FILLED = "_f"
"""Separates a phone search's name from the key of a filling grammar's digits."""


def _filled_body(digits: str) -> str:
    """A JSGF expansion for ``digits`` with exactly one more digit said somewhere, the
    readings that start alike sharing their start (so the decoder follows one path per
    place the digit may go in, not one per reading)."""
    if not digits:
        return "<d>"
    head = _words_for(digits[0])
    ways = [
        f"<d> {_reading_body(digits)}",
        f"{head} {_filled_body(digits[1:])}",
        # the digit put back is a copy of the next one, the pair said "double five"
        f"double {head} {_reading_body(digits[1:])}".strip(),
    ]
    if len(digits) >= 2 and digits[0] == digits[1]:
        ways.append(f"double {head} {_filled_body(digits[2:])}")
    return "( " + " | ".join(ways) + " )"


def filling_grammar(digits: str) -> Grammar | None:
    """Every reading that holds ``digits`` in order with one digit more, anywhere (the
    readings of :func:`.second_opinion.fillings`), after an optional carrier phrase: what a
    number or group a second recogniser heard one digit short may have been. One grammar
    path per place the digit may go in: a flat grammar of the (up to 91) readings cost the
    decoder 0.5 s of CPU per second of audio, eight times the number grammar."""
    if not digits.isdigit():
        return None
    key = hashlib.sha256(digits.encode()).hexdigest()[:10]
    return _jsgf(
        f"{PHONE_SEARCH}{FILLED}{key}",
        {"d": _alt(DIGIT_TOKENS), "pre": _alt(PHONE_PREFIXES)},
        f"[ <pre> ] {_filled_body(digits)}",
    )


SLOTS = "_s"
"""Separates a phone search's name from the key of a slots grammar's readings."""


def slots_grammar(slots: Sequence[str]) -> Grammar | None:
    """Every reading with one digit of each slot in turn ("59": a five or a nine), after an
    optional carrier phrase: the grammar decoder's choice among the digits a second
    recogniser half heard (:func:`.second_opinion.digit_slots`)."""
    if not slots or not all(slot.isdigit() for slot in slots):
        return None
    key = hashlib.sha256("/".join(slots).encode()).hexdigest()[:10]
    return _jsgf(
        f"{PHONE_SEARCH}{SLOTS}{key}",
        {"pre": _alt(PHONE_PREFIXES)},
        "[ <pre> ] " + " ".join(_words_for(slot) for slot in slots),
    )


NEIGHBOURS = "_n"
"""Separates a phone search's name from the key of a neighbour grammar's reading."""


def _neighbour_body(digits: str) -> str:
    """A JSGF expansion for ``digits`` with any one of them said as any digit (so the reading
    itself too), the readings that start alike sharing their start (one path per place)."""
    head = _words_for(digits[0])
    if len(digits) == 1:
        return "<d>"
    ways = [f"<d> {_reading_body(digits[1:])}", f"{head} {_neighbour_body(digits[1:])}"]
    if digits[0] == digits[1]:
        rest = digits[2:]
        ways.append(f"double {head} {_neighbour_body(rest)}" if rest else f"double {head}")
    return "( " + " | ".join(ways) + " )"


LEAD_FIRST_NAMES = 100
LEAD_LAST_NAMES = 200
"""How many of the most frequent first and last names a named neighbour grammar
(:func:`neighbour_grammar`) holds: they only take up the audio of the name said before the
number, which need not be read right."""


def neighbour_grammar(digits: str, *, named: bool = False) -> Grammar | None:
    """``digits`` and every reading that differs from it in one digit, after an optional
    carrier phrase: decoded with it, the grammar decoder says whether the audio sounds more
    like the reading a second recogniser wrote or like one digit of it said otherwise
    (:meth:`.recognizer.Utterance.neighbours_confirm`). ``named``: a name may come first
    ("Lena Fischer, six one seven, ..."): with no path for it the name's sounds were forced
    into digits, so no reading fitted and Whisper's right number went unvouched. The name
    only takes up the audio before the number (any name said is read as the census name
    nearest it); the number itself is still one of ``digits``' readings."""
    if not digits.isdigit():
        return None
    key = hashlib.sha256(digits.encode()).hexdigest()[:10]
    rules = {"d": _alt(DIGIT_TOKENS), "pre": _alt(PHONE_PREFIXES)}
    lead = "[ <pre> ]"
    if named:
        firsts, lasts = census_names()
        rules |= {
            "intro": _alt(_NAME_INTRO),
            "first": _weighted(firsts[:LEAD_FIRST_NAMES]),
            "last": _weighted(lasts[:LEAD_LAST_NAMES]),
        }
        lead = "[ [ <intro> ] <first> [ <last> ] ] [ <pre> ]"
    return _jsgf(
        f"{PHONE_SEARCH}{NEIGHBOURS}{'_named' if named else ''}{key}",
        rules,
        f"{lead} {_neighbour_body(digits)}",
    )


def grammar_named(name: str) -> Grammar | None:
    """A grammar built on demand (an excluding phone grammar) by its search name."""
    return _EXCLUDING_BY_NAME.get(name)


def base_search(name: str) -> str:
    """The fixed search a search name derives from ("phone3" for an excluding "phone3_x...")."""
    return name.split(EXCLUDING, 1)[0] if name.startswith(PHONE_SEARCH) else name


_CLOSING = ("bye", "goodbye", "that's all thanks bye", "that's all bye", "that's all")
_DECLINE = (
    "no thanks",
    "no thank you",
    "nah thanks",
    "no i'm good",
    "nah i'm good",
    "no that's all",
    "that's all thanks",
)
"""How a caller turns down the times offered and closes ("no thanks, goodbye"): with no path
for it, the day/time grammar forced "No thanks. Goodbye." into "twelve saturday", and the
domain LM heard "no saturday so much bye" or "no saturday so much" (the demo voice's "thanks"
is a "saturday" to it); without a "bye" the agent went on to offer the next week."""


def yes_no_grammar() -> Grammar:
    """An answer, then optionally thanks and a goodbye ("yes please, that's all, thanks,
    bye"): without one, the grammar dropped the goodbye and the call went on."""
    return _jsgf(
        YES_NO_SEARCH,
        {
            "lead": _alt(ANSWER_LEADS),
            "yes": _alt(_YES),
            "no": _alt(_NO),
            "grunt": _alt(GRUNTS),
            "tail": _alt(_TAIL),
            "end": _alt(_CLOSING),
        },
        "( [ <lead> ] <yes> | <no> | <grunt> ) [ <tail> ] [ <end> ]",
    )


def one_side_grammar(yes: bool) -> Grammar:
    """The yes/no grammar's yes answers only (``yes``), or its no answers only."""
    return _jsgf(
        YES_ONLY_SEARCH if yes else NO_ONLY_SEARCH,
        {"lead": _alt(ANSWER_LEADS), "a": _alt(_YES), "tail": _alt(_TAIL)}
        if yes
        else {"a": _alt(_NO), "tail": _alt(_TAIL)},
        "[ <lead> ] <a> [ <tail> ]" if yes else "<a> [ <tail> ]",
    )


ANSWER_ENDINGS = (*_TAIL, *_CLOSING)
"""What the yes/no grammar lets follow an answer: a thanks, a goodbye."""


def is_closing(text: str) -> bool:
    """Whether a day/time grammar's text is its decline-and-close path ("no thanks goodbye",
    "that's all bye"), not a day or a time."""
    if text in _DECLINE:
        return True
    for closing in sorted(_CLOSING, key=len, reverse=True):
        if text == closing or text.endswith(" " + closing):
            rest = text[: -len(closing)].strip()
            return rest in _DECLINE or rest in ("", "no", "okay")
    return False


def without_closing(text: str) -> str:
    """The yes/no grammar's ``text`` without the goodbye it ends in ("yes please that's all
    thanks bye" -> "yes please"); ``text`` as it is where it ends in none."""
    for closing in sorted(_CLOSING, key=len, reverse=True):
        if text.endswith(" " + closing):
            rest = text[: -len(closing)].split()
            return " ".join(rest)
    return text


def closing_in(text: str) -> str:
    """The goodbye the yes/no grammar's ``text`` ends in ("that's all bye" of "uh go on thank
    you that's all bye"; "" where it ends in none): :func:`without_closing`'s other part."""
    rest = without_closing(text)
    return text[len(rest) :].strip() if rest != text else ""


def with_closing(answer: str, first: str) -> str:
    """``answer``, a reading of one side of a yes/no turn that replaces ``first`` (the same
    audio decoded with one side's answers, which have no goodbye), with the goodbye ``first``
    ended in put back after it: "No, I can't do any of those, sorry. I'll try another time.
    Bye" came back "uh go on thank you that's all bye", was re-decoded as a no, "no it isn't
    please", and the caller was asked to spell their name instead of the call ending."""
    closing = closing_in(first)
    if not closing or closing_in(answer):
        return answer
    return f"{answer} {closing}"


def answer_of(text: str) -> str:
    """The yes/no grammar's answer in its text, without the lead-in before it
    (:data:`ANSWER_LEADS`) or the thanks or goodbye after it; a grunt said alone is the
    answer."""
    words = text.split()
    ending = {w for t in (*_TAIL, *_CLOSING) for w in t.split()}
    while words and words[-1] in ending:
        words.pop()
    if len(words) > 1 and words[0] in ANSWER_LEADS:
        words.pop(0)
    return " ".join(words)


def grunt_answer(text: str) -> bool:
    """Whether a yes/no grammar's answer is a grunt said alone ("mhm", "uh-huh please")."""
    return answer_of(text) in GRUNTS


def answer_polarity(text: str) -> bool | None:
    """True for one of the yes/no grammar's yes answers, False for a no, None otherwise
    (a thanks or please after the answer is ignored)."""
    answer = answer_of(text)
    if answer in _YES or answer in GRUNTS:
        return True
    if answer in _NO:
        return False
    return None


def day_or_time_of(text: str) -> str:
    """The day or time in a day/time grammar's ``text``, without its carrier phrase ("yes",
    "how about"...) or the thanks after it; "" for its decline-and-close path
    (:func:`is_closing`) or a reading with nothing else in it."""
    if not text or is_closing(text):
        return ""
    words = text.split()
    for prefix in sorted(_DATE_PREFIX, key=len, reverse=True):
        said = prefix.split()
        if words[: len(said)] == said:
            words = words[len(said) :]
            break
    ending = {w for t in _TAIL for w in t.split()}
    while words and words[-1] in ending:
        words.pop()
    return " ".join(words)


def date_time_grammar() -> Grammar:
    ordinal_day = "( <ord> | twenty <ord> | thirty first )"
    day = (
        "( today | tomorrow | the day after tomorrow | this week | next week | "
        "[ this | next | on ] <wd> [ the " + ordinal_day + " ] | "
        "the " + ordinal_day + " [ of <month> ] | <month> [ the ] " + ordinal_day + " )"
    )
    # appointments start on the quarter or half hour; with "fifty" and "forty" in the
    # grammar, "four fifteen" was heard "four fifty" in 4 of 32 tuning dates (the domain LM
    # heard it right), and nobody books at ten to the hour this way; "oh five" went too
    # (daytime36: "ten a m" heard "twelve oh five a m", "two p m" "eight oh five" in noise)
    minute = "( fifteen | thirty | forty five | ten | twenty )"
    part = "( morning | afternoon | evening )"
    clock = (
        "( <hour> [ <minute> ] [ a m | p m | o'clock ] | <hour> in the <part> | "
        "half past <hour> | quarter past <hour> | quarter to <hour> | noon | midday | "
        "the <part> | in the <part> | [ early | late ] <part> )"
    )
    choice = "( the first one | the second one | the third one | the earlier one | the later one )"
    return _jsgf(
        DATE_TIME_SEARCH,
        {
            "decline": _alt(_DECLINE),
            "end": _alt(_CLOSING),
            "wd": _alt(WEEKDAYS),
            "month": _alt(MONTHS),
            "ord": _alt(ORDINALS[:20]),
            "hour": _alt(HOURS),
            "minute": minute,
            "part": part,
            "day": day,
            "clock": clock,
            "pre": _alt(_DATE_PREFIX),
            "tail": _alt(_TAIL),
        },
        "( [ <pre> ] ( <day> [ [ at ] <clock> ] | [ at ] <clock> [ [ on ] <day> ] | "
        + choice
        + " ) [ <tail> ] | <decline> [ <end> ] | [ no | okay ] <end> )",
    )


def code_grammar(length: int = 8) -> Grammar:
    body = " ".join(["<c>"] * length)
    return _jsgf(
        CODE_SEARCH,
        {"c": _alt(CODE_SYMBOLS), "pre": _alt(_CODE_PREFIX)},
        f"[ <pre> ] {body}",
    )


AS_IN_WORDS = (
    "alpha", "apple", "adam", "bravo", "boy", "bob", "charlie", "cat", "david", "delta", "dog",
    "echo", "edward", "frank", "fred", "foxtrot", "george", "golf", "harry", "henry", "hotel",
    "india", "ida", "john", "juliet", "king", "kilo", "lima", "larry", "mary", "mike", "mother",
    "nancy", "nora", "november", "oscar", "orange", "peter", "paul", "papa", "queen", "quebec",
    "robert", "romeo", "roger", "sam", "sierra", "sugar", "tom", "tango", "thomas", "uniform",
    "victor", "vincent", "william", "whiskey", "yellow", "yankee", "zebra", "zulu",
)  # fmt: skip
"""Words a caller says a letter is "as in" ("S as in Sam", "B for boy"): the phonetic
alphabets and everyday first words. The dialogue keeps the letter and drops the word
(any word: these are only what the grammar can hear)."""


def spelling_grammar() -> Grammar:
    """Letters one by one, a doubled one as "double l", a letter "as in" or "for" a word."""
    return _jsgf(
        SPELLING_SEARCH,
        {
            "l": _alt(LETTERS),
            "item": "( <l> [ ( as in | for ) <w> ] | double <l> )",
            "w": _alt(AS_IN_WORDS),
            "pre": _alt(_SPELL_PREFIX),
        },
        "[ <pre> ] <item> <item> <item>*",
    )


NAMES_PATH = Path(__file__).with_name("data") / "names.txt"
FIRST_NAMES = 1600
LAST_NAMES = 1500
"""How many of the most frequent first and last names (``data/names.txt``) the name grammar
holds. 1,000 and 3,000 cover more callers (of the corpus scripts' 274 names, 76 % of first and
88 % of last names against 65 % and 82 %) but triple a decoder set's load time (0.26 -> 0.85 s)
and add 42 MB to each (+20 MB here) for no more names heard on synthetic voices - measured on
names drawn from the grammar's own 600/1,500, which a wider grammar can only confuse. The
1990 census ranks today's callers' first names low (Hannah 663, Owen 912, Lily 1,129, Maggie
614, Bernadette 718: voice27's census of failed calls), so voice29 holds all 1,600 first names
(with the names of MORE_NAMES_PATH: a decoder set's load 0.26 -> 0.46 CPU-s) and keeps 1,500
last names (3,000 would take it to 0.75)."""


MORE_NAMES_PATH = Path(__file__).with_name("data") / "names_more.txt"
"""Names no census list holds (UK, Irish, South Asian, African, ...: "Nigel", "Declan",
"Niamh", "O'Sullivan", "Okafor"): in the name grammar (:data:`MORE_NAMES_IN_GRAMMAR`) and
read by :mod:`.name_opinion` in Whisper's writing (see the file's header)."""

MORE_NAMES_DICT_PATH = Path(__file__).with_name("data") / "names_more.dict"
"""Pronunciations of the names of MORE_NAMES_PATH the pronunciation dictionary lacks
(written by :mod:`.name_pronunciations` from espeak-ng's letter-to-sound rules)."""

MORE_NAMES_IN_GRAMMAR = True
"""The name grammar holds the names of MORE_NAMES_PATH beside the census ones (voice29):
before, a caller named Declan, Bernadette or Kowalski was heard as the nearest census name
("glenn swift" for "Nigel Ashworth") and the recording's yes took it. Each is weighted as the
rarest census name the grammar holds (first and last apart)."""

Names = tuple[tuple[tuple[str, float], ...], tuple[tuple[str, float], ...]]


@lru_cache(maxsize=1)
def census_names() -> Names:
    """First and last names with how common each is (percent of people), most frequent
    first (see the header of ``data/names.txt``)."""
    return _read_names(NAMES_PATH)


@lru_cache(maxsize=1)
def more_names() -> Names:
    """First and last names of ``data/names_more.txt`` (none of them census names)."""
    return _read_names(MORE_NAMES_PATH)


def _read_names(path: Path) -> Names:
    sections: dict[str, list[tuple[str, float]]] = {"first": [], "last": []}
    current: list[tuple[str, float]] | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections[line[1:-1]]
            continue
        name, _, share = line.partition(" ")
        if current is None or not share:
            raise ValueError(f"{path}:{number}: expected 'name percent' in a [section]")
        current.append((name, float(share)))
    return tuple(sections["first"]), tuple(sections["last"])


@lru_cache(maxsize=1)
def more_name_pronunciations() -> dict[str, tuple[str, ...]]:
    """Dictionary lines (``name PHONES\\n``) of ``data/names_more.dict``, by name."""
    lines: dict[str, list[str]] = {}
    for raw in MORE_NAMES_DICT_PATH.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        word = re.sub(r"\(\d+\)$", "", raw.split(maxsplit=1)[0])
        lines.setdefault(word, []).append(raw + "\n")
    return {w: tuple(v) for w, v in lines.items()}


def _weighted(names: Iterable[tuple[str, float]]) -> str:
    # JSGF weights: a common name wins over a rare one that sounds alike (linda, belinda)
    return "( " + " | ".join(f"/{max(share, 0.001):g}/ {name}" for name, share in names) + " )"


_NAME_ACK = (
    "yes",
    "yeah",
    "yep",
    "sure",
    "okay",
    "correct",
    "right",
    "that's right",
    "yes that's right",
    "yeah that's right",
    "that's correct",
    "yes that's correct",
    "yes it is",
    "yes correct",
    "yes please",
)
_NAME_INTRO = ("it's", "it is", "my name is", "my name's", "this is", "i'm", "i am", "the name is")


def name_grammar(
    first: int = FIRST_NAMES, last: int = LAST_NAMES, more: bool | None = None
) -> Grammar:
    """A personal name, first and optionally last, after an optional "yes, that's right" and
    "my name is"; the ``first``/``last`` most frequent census names and, with ``more``
    (MORE_NAMES_IN_GRAMMAR when None), the names of ``data/names_more.txt``."""
    firsts, lasts = census_names()
    firsts, lasts = firsts[:first], lasts[:last]
    if MORE_NAMES_IN_GRAMMAR if more is None else more:
        more_firsts, more_lasts = more_names()
        firsts = (*firsts, *((n, min(s for _, s in firsts)) for n, _ in more_firsts))
        lasts = (*lasts, *((n, min(s for _, s in lasts)) for n, _ in more_lasts))
    return _jsgf(
        NAME_SEARCH,
        {
            "ack": _alt(_NAME_ACK),
            "intro": _alt(_NAME_INTRO),
            "first": _weighted(firsts),
            "last": _weighted(lasts),
        },
        "[ <ack> ] [ <intro> ] <first> [ <last> ]",
    )


PHONE_DIGIT_COUNTS = (10, 3, 4)
"""Phone grammars built up front: a whole number and the groups of a 3-3-4 read-back."""


@lru_cache(maxsize=1)
def all_grammars() -> tuple[Grammar, ...]:
    return (
        *(phone_grammar(n) for n in PHONE_DIGIT_COUNTS),
        yes_no_grammar(),
        one_side_grammar(True),
        one_side_grammar(False),
        date_time_grammar(),
        code_grammar(),
        spelling_grammar(),
        name_grammar(),
        number_in_request_grammar(),
    )


def search_for(listening: Listening) -> str:
    """The search name for an expectation; DOMAIN_SEARCH for open requests.

    A PHONE expectation with a digit count we have no grammar for uses the 10-digit one;
    with ``rejected`` readings, the search is a phone grammar without them (built here,
    added to a decoder on first use: see :func:`grammar_named`).
    """
    kind = listening.kind
    if kind == Expectation.PHONE:
        n = listening.digits if listening.digits in PHONE_DIGIT_COUNTS else 10
        if listening.rejected and n == (listening.digits or 10):
            grammar = excluding_phone_grammar(n, listening.rejected)
            if grammar is not None:
                return grammar.name
        return f"{PHONE_SEARCH}{n}"
    return {
        Expectation.YES_NO: YES_NO_SEARCH,
        Expectation.DATE_TIME: DATE_TIME_SEARCH,
        Expectation.CODE: CODE_SEARCH,
        Expectation.SPELLING: SPELLING_SEARCH,
        Expectation.NAME: NAME_SEARCH,
    }.get(kind, DOMAIN_SEARCH)


def vocabulary() -> frozenset[str]:
    """The dictionary words the grammars use (the noise pseudo-words are not among them)."""
    words: set[str] = set()
    for grammar in all_grammars():
        words |= grammar.words
    own = more_name_pronunciations().keys()
    return frozenset(words - NOISE_WORDS.keys() - VARIANT_WORDS.keys() - own)


def dictionary_lines() -> list[str]:
    """Pronunciation lines for the noise pseudo-words, to add to the dictionary."""
    return [f"{word} {phone}\n" for word, phone in NOISE_WORDS.items()]


def name_dictionary_lines() -> list[str]:
    """Pronunciation lines for the grammars' names the pronunciation dictionary lacks
    (:func:`more_name_pronunciations`), for the grammar decoder's dictionary."""
    words: set[str] = set()
    for grammar in all_grammars():
        words |= grammar.words
    own = more_name_pronunciations()
    return [line for word in sorted(words & own.keys()) for line in own[word]]


def variant_dictionary_lines(plain: Mapping[str, str] | None = None) -> list[str]:
    """Dictionary lines for :data:`VARIANT_WORDS`, for the grammar decoder's dictionary
    (the grammars use these words). With ``plain`` (digit word -> its usual phones), each
    variant word is given its digit's usual pronunciation instead: the grammars as they were
    before the variants (``PocketSphinxSTT(digit_variants=False)``)."""
    lines: list[str] = []
    for word, variants in DIGIT_VARIANTS.items():
        for i, phones in enumerate(variants, 1):
            lines.append(f"{word}_{i} {plain[word] if plain is not None else phones}\n")
    return lines


def grammars_hash() -> str:
    h = hashlib.sha256()
    for grammar in all_grammars():
        h.update(grammar.jsgf.encode())
    return h.hexdigest()[:16]
