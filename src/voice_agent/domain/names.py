"""Validating the name a caller gives when registering (or staff give when correcting it), and
the placeholder an account holds while its name is not known."""

from __future__ import annotations

import re
import unicodedata

from voice_agent.domain.errors import InvalidName

UNKNOWN_NAME = "Unknown Caller"
"""The name an account is opened with when the caller's name could not be understood (even
spelled): staff correct it from the console, and the caller is asked for it when they call
again."""

_ALLOWED = re.compile(r"^[^\W\d_][\w .'\-]*$", re.UNICODE)
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")
"""The Hangul fillers: letters to Unicode, blank on screen. A name of them read as no name at
all in the staff console and the calendar, and one beside a name hid in it."""
_INTRO = re.compile(
    r"^(?:yes|yeah|sure|ok|okay)?[, ]*"
    r"(?:my name is|my name's|this is|it's|i am|i'm|name is|call me)(?:\s+|[.,!?]*$)",
    re.I,
)


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
        or len(name) > 100
        or not _ALLOWED.match(_without_marks(name))
        or not _marks_on_letters(name)
        or any(unicodedata.category(c)[0] == "N" or c in _BLANK_LETTERS for c in said + name)
    ):
        raise InvalidName(
            "I didn't catch your name. Could you say it again, please?", reason="unusable"
        )
    return " ".join(part[:1].upper() + part[1:] for part in name.split(" "))


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
    if needs_name(name):
        raise InvalidName(
            "That is the placeholder for a caller without a name, not a name.",
            reason="placeholder",
        )
    return name
