"""Validating the name a caller gives when registering (or staff give when correcting it), and
the placeholder an account holds while its name is not known."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

from voice_agent.domain.errors import InvalidName

UNKNOWN_NAME = "Unknown Caller"
"""The name an account is opened with when the caller's name could not be understood (even
spelled): staff correct it from the console, and the caller is asked for it when they call
again."""

_ALLOWED = re.compile(r"^[^\W\d_][\w .'\-]*$", re.UNICODE)
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")
"""The Hangul fillers: letters to Unicode, blank on screen. A name of them read as no name at
all in the staff console and the calendar, and one beside a name hid in it."""
_INVISIBLE_MARKS = (
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian variation selectors
    (0xFE00, 0xFE0F),  # variation selectors
    (0xE0100, 0xE01EF),  # variation selectors supplement
)
"""The combining marks Unicode says are ignorable (Default_Ignorable_Code_Point): drawn as
nothing. A mark on a letter passes as a name's accent, so "Jo\u034fhn Smith" registered a
second account shown exactly as "John Smith" in the staff console and the calendar, one the
staff's search for "John" never found (263 such characters passed, any number of them)."""


def _invisible(c: str) -> bool:
    return c in _BLANK_LETTERS or any(low <= ord(c) <= high for low, high in _INVISIBLE_MARKS)


_INTRO = re.compile(
    r"^(?:yes|yeah|sure|ok|okay)?[, ]*"
    r"(?:my name is|my name's|this is|it's|i am|i'm|name is|call me)(?:\s+|[.,!?]*$)",
    re.I,
)


MAX_NAME_LENGTH = 100
"""The longest name a caller or the desk may give, in characters."""


def clean_name(text: str | None) -> str:
    """Strip filler ("my name is ...") and check the result is a plausible personal name."""
    if text is None or not str(text).strip():
        raise InvalidName("May I have your name, please?", reason="empty")
    said = _INTRO.sub("", str(text).strip()).strip(" .,!?")
    # NFKC: "Zoe" typed with a combining acute (as pasted from some systems) is "Zoé", and
    # full-width or circled letters ("Ａｎｎ") are the plain ones staff search for; a number
    # in any form ("Ⅻ", "①", not the letter "一" of "健一") is none, before and after
    name = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", said))
    if (
        not name
        or len(name) > MAX_NAME_LENGTH
        or not _ALLOWED.match(_without_marks(name))
        or not _marks_on_letters(name)
        or any(unicodedata.category(c)[0] == "N" or _invisible(c) for c in said + name)
        or not all(_one_script(word) for word in re.split(r"[ \-]", name))
    ):
        raise InvalidName(
            "I didn't catch your name. Could you say it again, please?", reason="unusable"
        )
    name = " ".join(part[:1].upper() + part[1:] for part in name.split(" "))
    if _is_placeholder(name):
        return UNKNOWN_NAME  # "unknown caller" in any case is the one the system opens with
    if _stand_in(name) in _ROLES:
        raise InvalidName(
            "That is a role at the clinic, not your name. May I have your name, please?",
            reason="role",
        )
    return name


_ROLES = frozenset(
    {
        "admin",
        "administrator",
        "anonymous",
        "caller",
        "clinic",
        "doctor",
        "front desk",
        "manager",
        "no name",
        "nobody",
        "none",
        "null",
        "nurse",
        "patient",
        "reception",
        "receptionist",
        "root",
        "staff",
        "system",
        "unknown",
    }
)
"""What a name is not: the clinic's roles, and words that stand for no name. A patient
registered or renamed as "the receptionist" or "admin" was shown so in the staff console and
the calendar, among the staff's own entries. Only a whole name is refused ("John Staff" is a
name)."""


def _stand_in(name: str) -> str:
    folded = " ".join(name.casefold().split())
    return folded.removeprefix("the ").removeprefix("a ")


def _is_placeholder(name: str) -> bool:
    return " ".join(name.casefold().split()) == UNKNOWN_NAME.casefold()


_SCRIPT_FAMILIES = {
    "CJK": "HAN",
    "HIRAGANA": "HAN",
    "KATAKANA": "HAN",
    "KATAKANA-HIRAGANA": "HAN",
    "IDEOGRAPHIC": "HAN",
    "HANGUL": "HAN",
}
"""Scripts one word may mix: Japanese names write kanji and kana together ("田中さくら")."""


def _one_script(word: str) -> bool:
    """Whether every letter of ``word`` is of one script (Unicode's names say which: "LATIN
    SMALL LETTER A", "CYRILLIC SMALL LETTER A"). A Cyrillic "о" in "Jоhn Smith" showed as
    another caller's name in the console, and "Unknown Cаller" as the placeholder; no
    person's name mixes alphabets inside one word (UTS #39's "single script")."""
    scripts = {
        _SCRIPT_FAMILIES.get(first, first)
        for c in word
        if c.isalpha()
        and (first := unicodedata.name(c, "?").split(" ")[0]) not in ("MODIFIER", "?")
    }
    return len(scripts) <= 1


MAX_MARKS_PER_LETTER = 3
"""Combining marks one letter may carry: a vowel sign and a nasal mark ("माँ"), Hebrew's
points. More is a pile (Zalgo text, drawn over the lines around it), not a name."""


def _is_mark(c: str) -> bool:
    return unicodedata.category(c) in ("Mn", "Mc")


def _without_marks(name: str) -> str:
    """``name`` without its combining marks: Devanagari, Bengali or Tamil write vowels as
    marks on a letter, and ``\\w`` takes none of them ("राम शर्मा" was refused)."""
    return "".join(c for c in name if not _is_mark(c))


def _marks_on_letters(name: str) -> bool:
    """Every combining mark follows a letter (or another mark on one), at most
    MAX_MARKS_PER_LETTER in a row."""
    run = 0
    for previous, c in zip(" " + name, name, strict=False):
        if not _is_mark(c):
            run = 0
            continue
        run += 1
        if run > MAX_MARKS_PER_LETTER or (run == 1 and not previous.isalpha()):
            return False
    return True


def needs_name(name: str | None) -> bool:
    """The account has no name a person gave: none at all, or the placeholder."""
    return name is None or not name.strip() or name == UNKNOWN_NAME


def corrected_name(text: str | None) -> str:
    """A name given to replace one on file (staff correcting a misheard or unknown name):
    checked as a new name is, and never the placeholder itself."""
    name = clean_name(text)
    if needs_name(name) or _is_placeholder(name):
        raise InvalidName(
            "That is the placeholder for a caller without a name, not a name.",
            reason="placeholder",
        )
    return name


def _folded_words(name: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", name)
    return "".join(c for c in plain if not _is_mark(c)).casefold().replace(".", " ").split()


def said_name_matches(said: str | None, on_file: str | None) -> bool:
    """Whether the name a caller gave is the account's: the same first name (case and
    accents aside), and the same last name when both have one. A caller who only knows the
    number is not told the name on it: a clinic checks who is calling before it uses their
    name."""
    given, held = _folded_words(said or ""), _folded_words(on_file or "")
    if not given or not held or needs_name(on_file) or given[0] != held[0]:
        return False
    return len(given) == 1 or len(held) == 1 or given[-1] == held[-1]


def name_to_say(said: str | None, on_file: str | None) -> str | None:
    """As much of the name on file as a caller who gave ``said`` has shown they know: the
    whole name when their name matched it with a last name (or the account has none), its
    first name when they gave a first name alone ("John" is told nothing of "Smith"), and
    nothing when it did not match (:func:`said_name_matches`)."""
    if not on_file or not said_name_matches(said, on_file):
        return None
    if len(_folded_words(said or "")) == 1 and len(on_file.split()) > 1:
        return on_file.split()[0]
    return on_file


CORRECTION_LIKENESS = 0.5
"""How alike (difflib's ratio, of the folded words) a corrected word must be to the one it
replaces: "Ruiz" for "Rooz" is 0.5, "Nowack" for "Novak" 0.73, "Cathy" for "Kathy" 0.8;
"Stalin" for "Smith" 0.36, "Evil" for "Smith" 0.22."""


def _alike(word: str, was: str) -> bool:
    return SequenceMatcher(None, word, was).ratio() >= CORRECTION_LIKENESS


def is_correction_of(new: str | None, on_file: str | None) -> bool:
    """Whether ``new`` is ``on_file`` with a mishearing or a typo put right, as a caller who
    has not shown they know the name may have it changed: the same words but one, that one
    alike the word it replaces (:data:`CORRECTION_LIKENESS`: "Ruiz" for "Rooz", "Nowack" for
    "Novak", "John" for "Jon"), or a last name added to a first name
    alone. "John Smith" to "John Evil" or "Mallory Smith" is no correction but another name.
    An account without a name (:func:`needs_name`) has nothing to correct: any name is its
    first."""
    if needs_name(on_file):
        return True
    given, held = _folded_words(new or ""), _folded_words(on_file or "")
    if not given or not held:
        return False
    if len(held) == 1 and len(given) == 2 and given[0] == held[0]:
        return True
    if len(given) != len(held):
        return False
    changed = [(g, h) for g, h in zip(given, held, strict=True) if g != h]
    return len(changed) <= 1 and all(_alike(g, h) for g, h in changed)
