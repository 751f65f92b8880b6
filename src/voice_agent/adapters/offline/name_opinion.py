"""Whisper tiny.en's reading of a name turn beside pocketsphinx's census-name grammar, and
the rule that picks one; a spelled name's letters split into first and last name.

The same model as :mod:`.second_opinion` (one per process, one decode at a time), given a
prompt that says what was asked. Its text is written in the recogniser's words
(:func:`spoken_name`: "My name is Dana Ruiz." -> "my name is dana ruiz") and taken in place
of the grammar's by :func:`choose_name`. Every name still goes through the dialogue's
read-back and needs the caller's yes before an account is opened under it.

At a spelling turn the letter grammar's reading is kept, with :data:`BREAK` where a census
first and last name split it (:func:`census_split`): the dialogue stores "Dan Moore", not
"Danmoore". Whisper's letters (:func:`spoken_letters`, :func:`choose_letters`) were measured
and not wired in: no better than the grammar's on espeak voices (bench/README.md).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from voice_agent.adapters.offline import grammars, second_opinion
from voice_agent.domain.listening import UNCLEAR_NAME, UNCLEAR_NAME_AFTER_YES

NAME_PROMPT = "May I have your full name, please?"
"""Whisper's initial prompt at a name turn (the question, no name in it)."""
SOURCE = "names"
"""A result's ``source`` where :mod:`.name_opinion` changed the grammar's reading."""
SPELL_PROMPT = "Could you spell your name for me, letter by letter? Sure: J-O-H-N, D-O-E."
"""Whisper's initial prompt at a spelling turn: the letters written one by one, hyphenated."""


@dataclass(frozen=True)
class Heard:
    """Whisper's transcript of one utterance and its lowest segment mean token log
    probability."""

    text: str
    logprob: float


def spoken_name(text: str) -> str:
    """Whisper's text in the recogniser's words: lower case, no punctuation but apostrophes
    inside words ("Mei-Ling O'Neill." -> "mei ling o'neill")."""
    words = re.findall(r"[a-z]+(?:'[a-z]+)*", text.lower())
    return " ".join(words)


BREAK = "space"
"""The word a spelling turn's reading holds between the spelled words of a name ("d a n space
m o o r e"): what a caller says, and what the dialogue reads as a break between words."""

_AS_IN = re.compile(r"\b([A-Za-z])\s+(?:as in|for)\s+[A-Za-z]+\b")


def spoken_letters(text: str) -> str:
    """Whisper's spelling in the recogniser's words, one letter a word: "R-U-I-Z." ->
    "r u i z"; a word in capitals ("RUIZ") is its letters; "R as in Robert" -> "r"; between
    two words spelled as one ("D-A-N, M-O-O-R-E.", "DAN MOORE") :data:`BREAK`. Letters said
    one at a time ("D, A, N") are one run. Other words are kept (lower case) for the dialogue
    to read."""
    text = _AS_IN.sub(lambda m: m.group(1), text)
    out: list[str] = []
    group: list[str] = []  # the spelled word being read
    singles = False  # it is a run of letters said one at a time
    for token in re.findall(r"[A-Za-z]+(?:[-.'][A-Za-z](?![a-z]))*", text):
        parts = re.split(r"[-.]", token)
        if len(parts) > 1 and all(len(p) == 1 for p in parts):
            letters, one = [p.lower() for p in parts], False
        elif len(token) > 1 and token.isupper() and token.isalpha():
            letters, one = list(token.lower()), False
        elif len(token) == 1:
            letters, one = [token.lower()], True
        else:
            out.extend(group)
            out.append(token.lower())
            group, singles = [], False
            continue
        if group and one and singles:
            group.extend(letters)
            continue
        if group:
            out.extend([*group, BREAK] if len(group) > 1 and len(letters) > 1 else group)
        group, singles = letters, one
    out.extend(group)
    return " ".join(out)


def census_split(text: str) -> str:
    """A run of spelled letters with no break in it split into a census first and last name
    where one split makes both ("j a n e l e e" -> "j a n e space l e e"; the most common
    pair where several do); else ``text`` as it is."""
    words = text.split()
    if BREAK in words:
        return text
    start = next((i for i, w in enumerate(words) if len(w) == 1), len(words))
    end = start
    while end < len(words) and len(words[end]) == 1:
        end += 1
    letters = "".join(words[start:end])
    firsts, lasts = census_shares()
    best: tuple[float, int] | None = None
    for i in range(2, len(letters) - 1):
        first, last = letters[:i], letters[i:]
        if first in firsts and last in lasts:
            share = firsts[first] * lasts[last]
            if best is None or share > best[0]:
                best = (share, i)
    if best is None:
        return text
    cut = start + best[1]
    return " ".join([*words[:cut], BREAK, *words[cut:]])


@lru_cache(maxsize=1)
def census_shares() -> tuple[dict[str, float], dict[str, float]]:
    """Every first and last name of ``data/names.txt`` with how common it is, and those of
    ``data/names_more.txt`` (:func:`.grammars.more_names`) the census lists lack: the names
    Whisper's reading of a name turn is checked against (:func:`choose_name`,
    :func:`written_name`, :func:`unclear`). With the census alone, "Nigel Ashworth",
    "Declan O'Sullivan" or "Niamh Byrne" written by Whisper held one census word or none,
    and the grammar's forced census name stood (voice27's census: 17 of 60 failed call-rounds
    a name misheard)."""
    firsts, lasts = grammars.census_names()
    more_firsts, more_lasts = grammars.more_names()
    return dict(more_firsts) | dict(firsts), dict(more_lasts) | dict(lasts)


MIN_LOGPROB = -10.0
"""Whisper's lowest segment mean token log probability at or above which its name may stand
(:func:`choose_name`)."""


def census_pair(words: list[str]) -> bool:
    """Whether ``words`` hold a census first name followed by a census last name."""
    firsts, lasts = census_shares()
    return any(a in firsts and b in lasts for a, b in zip(words, words[1:], strict=False))


def choose_name(
    grammar_text: str, heard: Heard, *, rule: str = "any", min_logprob: float = MIN_LOGPROB
) -> str:
    """Whisper's reading where the words it heard hold two census names (the whole list, not
    only the grammar's), or one where it heard one word, and it was sure enough of it; else
    the grammar's. ``rule`` "pair": a census first name followed by a census last name.
    Chosen on the tuning split (``python -m bench.stt_name_opinion --split tuning``)."""
    words = spoken_name(heard.text).split()
    if not words or heard.logprob < min_logprob:
        return grammar_text
    if rule == "pair":
        taken = census_pair(words)
    else:
        firsts, lasts = census_shares()
        names = [w for w in words if w in firsts or w in lasts]
        taken = bool(names) and len(names) >= min(2, len(words))
        taken = taken or (heard.logprob >= SURE_NAME_LOGPROB and bool(written_name(heard.text)))
    return " ".join(words) if taken else grammar_text


SURE_NAME_LOGPROB = -0.4
"""Whisper's lowest segment mean token log probability at or above which a first and last
name it wrote in capitals stands with one word of it in no census list
(:func:`written_name`)."""
_NOT_A_NAME_WORD = frozenset(
    ["i", "i'm", "i'd", "i'll", "i've", "yes", "yeah", "yup", "hi", "hello"]
)


def written_name(text: str) -> list[str]:
    """The first and last name Whisper wrote in capitals in ``text`` (its own transcript),
    one of the two a census first or last name, in the recogniser's words; or [] where it
    wrote no such name or more than one. A name of the caller's that no census list holds
    ("Yes, that's right, Nigel Ashworth.": "nigel" is in none) was kept out by the census
    check while the name grammar forced another ("jill escobar") and the domain LM's
    reading stood, and the name was lost; Whisper capitalises the names it hears, and not
    the words it makes of a name it did not ("Yes, that's right, go in Bradley.")."""
    firsts, lasts = census_shares()
    runs: list[list[str]] = [[]]
    for token in re.findall(r"[A-Za-z]+(?:['-][A-Za-z]+)*|[^\sA-Za-z]", text):
        word = token.lower()
        if token[0].isupper() and word not in _NOT_A_NAME_WORD:
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    pairs = [run for run in runs if len(run) == 2 and any(w in firsts or w in lasts for w in run)]
    if len(pairs) != 1 or len(runs) - (not runs[-1]) != 1:
        return []
    return [spoken_name(w) for w in pairs[0]]


REQUEST_MARKERS = frozenset(
    [
        *grammars.WEEKDAYS,
        "appointment",
        "appointments",
        "i'd",
        "like",
        "need",
        "want",
        "wanted",
        "hoping",
        "see",
        "doctor",
        "possible",
        "tomorrow",
        "today",
        "week",
        "morning",
        "afternoon",
        "next",
        "available",
        "cancel",
        "switch",
        "move",
        "change",
        "book",
        "booked",
        "reschedule",
        "could",
        "can",
        "do",
        "anything",
        "check",
        "lunchtime",
        "o'clock",
        "soonest",
        "earliest",
        # a time of day ("Monday morning, ten o'clock?" came back "wanda gordon"); not "one"
        # and "two", which the domain LM writes for "won", "to" and "too"
        *grammars.HOURS[2:],
        "noon",
        "half",
        "quarter",
        "past",
        "thirty",
        "fifteen",
        "forty",
        "am",
        "pm",
    ]
)
"""Words of a request, a day or a time ("I'd like another appointment, Wednesday next week"),
none of them a census name the name grammar holds."""
REQUEST_MARKERS_NEEDED = 2
REQUEST_MIN_WORDS = 2
"""A reading of a name turn with at least :data:`REQUEST_MIN_WORDS` words, at least
:data:`REQUEST_MARKERS_NEEDED` of them :data:`REQUEST_MARKERS`, is a request, not a name
(:func:`not_a_name`). Chosen on the tuning split (``python -m bench.stt_names --split tuning
--requests 6``: 48 census names said in carriers, 48 script lines said instead): of the 24
lines the name grammar still made a name at margin 0.1, the domain LM's reading caught 17 at
2 markers (14 without the time words, 11 at 3 markers), and set aside 2 of 48 names, both
ones the grammar had wrong ("monday or slot on can sixth" for Blanche Blankenship, grammar
"maurice dougherty"; "yes it's r eight three c c n n sunday" for Kristi Stephenson, grammar
"christy stanton"); Whisper still reads a name set aside (:func:`choose_reading`). Minimum
lengths of 2 to 5 words made no difference there. The domain LM writes a lone "monday",
"book" or "reschedule" into a name it cannot hear: one marker is not enough."""


PUTS_OFF = re.compile(
    r"\b(?:good ?bye|bye|(?:call|ring|phone) (?:you |me )?back|back later|never ?mind"
    r"|forget (?:it|about it)|(?:have|got|need) to go|gotta go|another time|hang on|hold on"
    r"|talk later)\b"
)
"""A caller leaving or putting the call off at the name question ("someone's at the door,
I'll call back later. Bye!", "actually, never mind", "I'll have to call you back"): no
census name is any of these words. The name grammar forced such lines into names ("eric
dooley", "tom tuttle"; 12 of 64 lines by the tuning voices, bench/README.md "namespell"),
while Whisper wrote them nearly word for word."""
QUESTION_LEADS = frozenset(
    ["why", "what", "what's", "how", "where", "who", "when", "can", "could", "do", "does", "is"]
)
"""A question's first or second word ("sorry, why do you need my name?")."""


def not_a_name(text: str) -> bool:
    """Whether a name turn's reading (the domain LM's, or Whisper's in the recogniser's
    words) is a request, a day or a time rather than a name: the name grammar forced "I'd
    like another appointment, Wednesday next week" into "right ida underwood", which the
    caller's next "yes" confirmed, and an account was opened under it. Or a goodbye, or a
    call put off (:data:`PUTS_OFF`)."""
    words = text.split()
    if len(words) < REQUEST_MIN_WORDS:
        return False
    if PUTS_OFF.search(text):
        return True
    return sum(w in REQUEST_MARKERS for w in words) >= REQUEST_MARKERS_NEEDED


SPELLING_REQUEST_MIN_WORDS = 3
"""Words Whisper's reading of a spelling turn needs to be a request said instead of letters
(:func:`request_not_spelling`)."""


def request_not_spelling(text: str) -> bool:
    """Whether Whisper's reading of a spelling turn (in the recogniser's words) is a request
    said instead of the letters asked for: words - at least :data:`SPELLING_REQUEST_MIN_WORDS`,
    at most one of them a single letter - with one request word (a weekday, an hour,
    "appointment"...; at a name turn :func:`not_a_name` needs two). Asked to spell,
    Whisper writes letters ("B-E-R-N-...") or a name; a sentence with a weekday in it is what
    was said instead: "Um, Monday if you've got it, around two?" came back "Monday if
    you've got it, around two." (one request word: "two" is none, :data:`REQUEST_MARKERS`)."""
    words = text.split()
    if len(words) < SPELLING_REQUEST_MIN_WORDS or sum(len(w) == 1 for w in words) > 1:
        return False  # a name, or letters ("Let's see if you see a J-O-N, you can.")
    return any(w in REQUEST_MARKERS for w in words)


def asks_back(heard: Heard) -> bool:
    """Whether Whisper heard a question (its "?", and a question word first or second, at
    least three words): "Can I ask how much it costs first?" at the name question."""
    words = spoken_name(heard.text).split()
    return "?" in heard.text and len(words) >= 3 and bool(QUESTION_LEADS & set(words[:2]))


def choose_reading(grammar_text: str, heard: Heard, *, min_logprob: float = MIN_LOGPROB) -> str:
    """Whisper's whole sentence where it heard a request, a goodbye (:func:`not_a_name`) or a
    question (:func:`asks_back`), for the dialogue to read as what it is; else
    :func:`choose_name`'s pick."""
    words = spoken_name(heard.text)
    if words and heard.logprob >= min_logprob and (not_a_name(words) or asks_back(heard)):
        return words
    return choose_name(grammar_text, heard, min_logprob=min_logprob)


DOUBT_RULES = ("both", "whisper", "agree", "close", "close_or_sure", "alike")
"""Rules :func:`unclear` knows (``python -m bench.stt_name_cost`` scores each)."""
DOUBT_RULE = "alike"
"""The rule a call uses (names37): ``close_or_sure``, or the two readers' names alike letter
for letter as a whole (:func:`letters_alike`: Whisper's "Magith on turn" for the grammar's
"maggie thornton", "to my right" for "tobias wright", where no word of one sounds like a word
of the other). ``close_or_sure``: the name taken is vouched for when each of its census words sounds
like a word the other reader wrote (:func:`sounds_alike`: "Biotrice Eldridge" vouches for the
grammar's "beatrice eldridge", "Leon Paraker" for "leon parker"), or Whisper wrote a census
first and last name and was sure of the line (:func:`sure_pair`: the README demo's "Sarah
Johnson" where the grammar heard "sarah dodson"). voice31, tuning names (bench/README.md):
without the rule 24 wrong names taken and 5 right ones of 48 names outside the old grammar;
with it 2 wrong taken, 5 right left for staff. Before (``close``), tuning split (``python -m
bench.stt_name_cost --split tuning --per-voice 6 --requests 2``, 48 census names;
bench/README.md, namespell): right names vouched 4 of 10 ("both", the same first and last
name written alike, 2 of 10), wrong names flagged 17 of 25 (21 of 25); no reading of one
reader alone told right names from wrong (the grammar's score margin over the domain LM,
Whisper's log probability: namecost round)."""


def unclear(grammar_text: str, grammar_won: bool, heard: Heard, *, rule: str = DOUBT_RULE) -> bool:
    """Whether the name :func:`choose_reading` makes of a name turn cannot be vouched for.
    Never for a reading that is no forced name: a request Whisper heard, or the domain LM's
    reading (``grammar_won`` False: an answer, a goodbye, a request) where Whisper heard no
    census name. Rules: "both", the grammar and Whisper heard the same census first and
    last name (every census word of the grammar's reading, at least two, in Whisper's);
    "whisper", Whisper's census name was taken (the grammar's alone is doubtful); "agree",
    Whisper's was taken and shares a census word with the grammar's; "close", every census
    word of the reading taken sounds like a word of the other reader's
    (:func:`sounds_alike`)."""
    words = spoken_name(heard.text).split()
    if words and heard.logprob >= MIN_LOGPROB and (not_a_name(" ".join(words)) or asks_back(heard)):
        return False
    taken = choose_name(grammar_text, heard) != grammar_text
    if not taken and not grammar_won:
        return False
    firsts, lasts = census_shares()
    said = [w for w in grammar_text.split() if w in firsts or w in lasts]
    if rule == "both":
        return not (grammar_won and len(said) >= 2 and set(said) <= set(words))
    if rule == "agree":
        return not (taken and set(said) & set(words))
    if rule == "alike" and letters_alike(said, words):
        return False
    if rule in ("close", "close_or_sure", "alike"):
        chosen, other = (words, grammar_text.split()) if taken else (said, words)
        named = [w for w in chosen if w in firsts or w in lasts]
        if named and all(any(sounds_alike(w, o) for o in other) for w in named):
            return False
        return not (rule != "close" and taken and sure_pair(heard))
    return not taken


LETTERS_ALIKE = 0.65
"""The least :class:`difflib.SequenceMatcher` ratio between the two readers' names, letters
only, at which they vouch for each other (:func:`letters_alike`). Main's recorded stranger
calls (s56, 30 calls): the right names "maggie thornton" / "Magith on turn" 0.69, "tobias
wright" / "to my right" 0.67; the wrong ones "mia michalski" / "Mirakowski" 0.55, "michael
ashley" / "I'll lash with" 0.40, "dixie okoro" / "a net while" 0.21. Tuning names
(names35's and voice34's rows): right ones doubted by ``close_or_sure`` at 0.90 and 0.76, wrong
ones from 0.87 down (near misses: "alonzo morrow" / "Elonzo Morro"); 0.6 let three more
wrong ones by (0.61-0.62) and no more right ones."""
_ANSWER_LEAD = re.compile(
    r"^(?:(?:yes|yeah|yep|yup|sure|okay|ok|hi|hello)\s+)?(?:(?:that's|thats|it's|not)\s+right\s+)?"
    r"(?:(?:and|so)\s+)?(?:my name is|my name's|name's|it's|i'm|this is)?\s*"
)
"""The answer words a name line begins with ("yes, that's right, and it's ..."): not the
name."""


def letters_alike(said: list[str], words: list[str]) -> bool:
    """Whether the grammar's census name ``said`` and Whisper's words (``words``, its
    answer words first left out: :data:`_ANSWER_LEAD`) are alike letter for letter, the
    spaces left out (:data:`LETTERS_ALIKE`): two readers that split a name into different
    words ("magith on turn") heard the same sounds."""
    name = "".join(said)
    rest = "".join(_ANSWER_LEAD.sub("", " ".join(words) + " ").split())
    if len(said) < 2 or not rest:
        return False
    return difflib.SequenceMatcher(None, name, rest, autojunk=False).ratio() >= LETTERS_ALIKE


def with_yes(grammar_text: str, heard: Heard) -> str:
    """:data:`.UNCLEAR_NAME`, with the "yes" the line began with, where both readers
    or either began it so ("Yes, that's right. Maggie Thornton" to "if that number is right,
    may I have your full name?"): the caller's yes to the number read back is kept, not asked
    again (a recording's next line answers the booking question, not a second read-back)."""
    firsts = {*grammar_text.split()[:1], *spoken_name(heard.text).split()[:1]}
    return UNCLEAR_NAME_AFTER_YES if firsts & grammars.LEADING_YES else UNCLEAR_NAME


SURE_PAIR_LOGPROB = -0.45
"""Whisper's lowest segment mean log probability at or above which a census first and last
name it wrote in capitals vouches for itself (:func:`sure_pair`). -0.4 before names37: on the
tuning rows (names35's and voice34's) the one such pair between -0.45 and -0.4 was right
("Royce Post", -0.43), the next below a wrong one ("Bruce Parker" for Bruce Faulkner, -0.46);
the recorded calls' "Lily Tran" and "Kyle Dawson" came at -0.43."""


def sure_pair(heard: Heard) -> bool:
    """Whether Whisper wrote one first and last name in capitals, both of them census names
    (the census lists, not ``names_more.txt``), and was sure of the line: the README demo's
    "Yes, my name is Sarah Johnson." where the grammar heard "sarah dodson"."""
    if heard.logprob < SURE_PAIR_LOGPROB:
        return False
    firsts, lasts = (dict(names) for names in grammars.census_names())
    runs: list[list[str]] = [[]]
    start = True  # a sentence's first word is capitalised whatever it is ("My name is ...")
    for token in re.findall(r"[A-Za-z]+(?:['-][A-Za-z]+)*|[^\sA-Za-z]", heard.text):
        word = token.lower()
        name_like = token[0].isupper() and word not in _NOT_A_NAME_WORD
        if name_like and not (start and word not in firsts):
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
        start = token in (".", "!", "?")
    named = [run for run in runs if run]
    return len(named) == 1 and len(named[0]) == 2 and named[0][0] in firsts and named[0][1] in lasts


_SOUNDS = (
    ("ph", "f"),
    ("ck", "k"),
    ("tch", "ch"),
    ("dg", "j"),
    ("gh", "g"),
    ("x", "ks"),
    ("q", "k"),
    ("z", "s"),
    ("y", "i"),
)


def sound_key(word: str) -> str:
    """A name's consonants as they sound, for :func:`sounds_alike`: its first letter, then
    its consonants with "c" as "s" or "k", doubled letters once ("Biotrice" and "Beatrice"
    -> "btrs", "Paraker" and "Parker" -> "prkr")."""
    w = re.sub(r"[^a-z]", "", word.lower())
    for a, b in _SOUNDS:
        w = w.replace(a, b)
    w = re.sub(r"c(?=[eiy])", "s", w).replace("c", "k")
    if not w:
        return ""
    rest = re.sub(r"[aeiouh]", "", w[1:])
    key = w[0] + rest
    return re.sub(r"(.)\1+", r"\1", key)


def sounds_alike(a: str, b: str) -> bool:
    """Whether two written words are one name by ear: the same :func:`sound_key`, or keys
    of three or more letters one letter apart."""
    ka, kb = sound_key(a), sound_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    if min(len(ka), len(kb)) < 3 or abs(len(ka) - len(kb)) > 1:
        return False
    return _one_apart(ka, kb)


def _one_apart(a: str, b: str) -> bool:
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def choose_letters(grammar_text: str, whisper_text: str) -> str:
    """Whisper's letters where it wrote at least two single letters, else the grammar's; split
    into first and last name by :func:`census_split` where no break was heard."""
    letters = spoken_letters(whisper_text)
    if sum(len(w) == 1 for w in letters.split()) >= 2:
        return census_split(letters)
    return census_split(grammar_text)


class NameReader(Protocol):
    """Reads a name said in one utterance of 16 kHz audio."""

    def name(self, samples: npt.NDArray[np.int16]) -> Heard: ...

    def spelling(self, samples: npt.NDArray[np.int16]) -> Heard:
        """A name spelled letter by letter (read with :data:`SPELL_PROMPT`)."""
        ...


NOTHING = Heard("", -10.0)


WINDOW_FRAMES = 1000
"""Whisper's shortest encoder window at a name turn, in 10 ms feature frames (10 s): the
utterance's features zero-padded to this (or to its own length and 1 s more, if longer)
instead of the 30 s (3,000 frames) every other reader pads to. The encoder's cost follows
the window: on espeak names, 0.33 -> 0.06 CPU-s a turn, the same words read (600 frames
made Whisper repeat itself: "My name is Gator Ease. My name is Gator Ease.")."""
MAX_NAME_TOKENS = 24
"""Tokens Whisper may write at a name turn (a name in a sentence is under 15)."""


MAX_SPELLING_TOKENS = 72
"""Tokens Whisper may write at a spelling turn: a letter and its hyphen are two ("L-A-P-O-I-N-T-E"
was cut off at 24)."""


def read_name(
    model: Any,
    samples: npt.NDArray[np.int16],
    prompt_text: str = NAME_PROMPT,
    max_tokens: int = MAX_NAME_TOKENS,
) -> Heard:
    """Whisper's reading of a name turn with :data:`NAME_PROMPT`, greedy, one pass, over a
    window of :data:`WINDOW_FRAMES` (the utterance is short) rather than 30 s; ``logprob``
    as faster-whisper's ``avg_logprob``. CTranslate2's encoder takes a shorter window; the
    decoding options are those of :func:`.second_opinion.transcribe` (no temperature
    fallback: a name is read once)."""
    import ctranslate2  # type: ignore[import-not-found,unused-ignore]
    from faster_whisper.tokenizer import Tokenizer  # type: ignore[import-not-found,unused-ignore]
    from faster_whisper.transcribe import (  # type: ignore[import-not-found,unused-ignore]
        get_suppressed_tokens,
    )

    features = model.feature_extractor(samples.astype(np.float32) / 32768)
    frames = max(WINDOW_FRAMES, features.shape[-1] + 100)
    window = np.zeros((1, features.shape[0], frames), dtype=np.float32)
    window[0, :, : features.shape[-1]] = features
    tokenizer = Tokenizer(model.hf_tokenizer, False, task="transcribe", language="en")
    prompt = [
        tokenizer.sot_prev,
        *tokenizer.encode(" " + prompt_text),
        *tokenizer.sot_sequence,
        tokenizer.no_timestamps,
    ]
    encoded = model.model.encode(ctranslate2.StorageView.from_array(window))
    result = model.model.generate(
        encoded,
        [prompt],
        beam_size=1,
        max_length=len(prompt) + max_tokens,
        return_scores=True,
        suppress_blank=True,
        suppress_tokens=get_suppressed_tokens(tokenizer, [-1]),
    )[0]
    tokens = [t for t in result.sequences_ids[0] if t < tokenizer.eot]
    text = tokenizer.decode(tokens).strip()
    if not text:
        return NOTHING
    n = len(result.sequences_ids[0])
    return Heard(text, result.scores[0] * n / (n + 1))


class WhisperNameReader:
    """Whisper tiny.en (the model :mod:`.second_opinion` loads) with :data:`NAME_PROMPT`; one
    decode at a time with the other readers of the model, none while other callers wait
    (then the grammar's reading stands)."""

    def __init__(self, model: Any, shared: second_opinion.SharedReader | None = None) -> None:
        self._model = model
        self._shared = shared

    def name(self, samples: npt.NDArray[np.int16]) -> Heard:
        if self._shared is None:
            return self._read(samples)
        return self._shared.run(lambda: self._read(samples), NOTHING)

    def spelling(self, samples: npt.NDArray[np.int16]) -> Heard:
        if self._shared is None:
            return self._spell(samples)
        return self._shared.run(lambda: self._spell(samples), NOTHING)

    def _spell(self, samples: npt.NDArray[np.int16]) -> Heard:
        return read_name(self._model, samples, SPELL_PROMPT, MAX_SPELLING_TOKENS)

    def _read(self, samples: npt.NDArray[np.int16]) -> Heard:
        return read_name(self._model, samples)


def load(name: str | None) -> NameReader | None:
    """Whisper's name reader when a second opinion is asked for (``name``: "whisper" or
    "whisper-all") and installed (the model :mod:`.second_opinion` loads, shared); else
    None."""
    shared = second_opinion.load(name)
    if shared is None:
        return None
    return WhisperNameReader(second_opinion.whisper_model(), shared)
