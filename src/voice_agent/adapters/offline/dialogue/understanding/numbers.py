"""Digits in what a caller says: phone numbers and runs of digits.

A phone number is read as one *run*: consecutive digit tokens ("646 555 0177", "6465550177"),
digit words ("six four six"), "oh" and "o" between digits, "double five", "triple seven" (or
"treble seven", as the British say),
two-digit words ("seventy seven"), with commas, dashes and fillers ("uh") in between. Any other
word ends the run, so "646 555 0177, I'd like Monday at 1pm" is a number followed by a
request, and "oh sorry, wrong number" holds no zero.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from voice_agent.adapters.offline.dialogue.understanding.tokens import Token
from voice_agent.domain.spoken_numbers import TEENS, TENS, UNITS

_ZERO_WORDS = frozenset({"oh", "o"})
"""Read as 0 only inside a run (next to another digit): "oh" alone is an exclamation."""
_REPEAT = {"double": 2, "triple": 3, "treble": 3}
# Words a recogniser writes for a digit, read as digits only *between* two digits.
# ("r": pocketsphinx hears "five four" as "five r".)
_HOMOPHONES = {
    "for": "4", "fore": "4", "r": "4", "to": "2", "too": "2", "won": "1", "ate": "8", "tree": "3",
}  # fmt: skip
_INSIDE = frozenset({"uh", "um", "er", "erm", "ah", "hmm", "dash", "and", "then"})
"""Words that may sit inside a number without ending it."""
_TIME_SUFFIX = frozenset({"am", "pm", "oclock", "a", "p"})


@dataclass(frozen=True, slots=True)
class DigitRun:
    digits: str
    start: int
    """Index of the first token of the run."""
    end: int
    """Index one past the last token of the run."""
    plus: bool = False
    """Said or typed with a leading "+" / "plus" (an international number)."""

    def __len__(self) -> int:
        return len(self.digits)


def _unit(tok: Token) -> str | None:
    if tok.is_num and len(tok.text) == 1:
        return tok.text
    if tok.text in UNITS and tok.text not in _ZERO_WORDS and tok.text != "nought":
        return str(UNITS[tok.text])
    if tok.text in ("zero", "nought"):
        return "0"
    return None


def _piece(tokens: list[Token], i: int) -> tuple[str, int] | None:
    """The digits token ``i`` starts (with how many tokens they take), ignoring context."""
    tok = tokens[i]
    if tok.is_num:
        return tok.text, 1
    if tok.text in _REPEAT and i + 1 < len(tokens):
        nxt = tokens[i + 1]
        digit = _unit(nxt) or ("0" if nxt.text in _ZERO_WORDS else None)
        if digit is not None:
            return digit * _REPEAT[tok.text], 2
        return None
    unit = _unit(tok)
    if unit is not None:
        return unit, 1
    if tok.text in TEENS:
        return str(TEENS[tok.text]), 1
    if tok.text in TENS:
        if i + 1 < len(tokens):
            ones = _unit(tokens[i + 1])
            if ones is not None and ones != "0" and not tokens[i + 1].is_num:
                return str(TENS[tok.text] + int(ones)), 2
        return str(TENS[tok.text]), 1
    if tok.text == "hundred":
        return "00", 1
    if tok.text == "thousand":
        return "000", 1  # "five five five, two thousand": 2000
    return None


_EXCLAIMED = frozenset({"no", "sorry", "wait", "i", "well", "actually", "hang", "hold", "dear"})


def _zero_here(tokens: list[Token], i: int, digits: list[str]) -> bool:
    """Whether "oh" at ``i`` is a zero: before another digit, or inside a number already
    under way; not "nine, oh no, I mean Tuesday"."""
    nxt = i + 1 < len(tokens) and _piece(tokens, i + 1) is not None
    if nxt:
        return True
    if not digits:
        return False
    if len("".join(digits)) >= 10:
        return False  # "... 555 0115 - oh, or maybe the old one": a number already whole
    following = tokens[i + 1].text if i + 1 < len(tokens) else ""
    if not following:
        return True  # "eight six oh" at the end of what was said
    if following == "sorry" and i + 2 == len(tokens) and len("".join(digits)) in (3, 6, 9):
        return True  # "... six two six oh sorry": the last digit, then the apology for the pause
    if following in _EXCLAIMED:
        # "... two four two oh i want to cancel": the tenth digit before the request; not
        # "... oh i mean"
        after = tokens[i + 2].text if i + 2 < len(tokens) else ""
        return following == "i" and len("".join(digits)) == 9 and after in _REQUEST_AFTER_I
    return len("".join(digits)) >= 3 and not tokens[i].breaks_before


_REQUEST_AFTER_I = frozenset({"want", "need", "would", "wanted", "needed", "have", "got", "am"})


_START_HOMOPHONES = frozenset({"ate", "won", "too", "to", "for", "tree"})
"""Homophones that can begin a loosely read number, before two digits ("ate one ate ...")."""
_END_HOMOPHONES = frozenset({"ate", "won"})
"""Homophones that end a number too ("... oh six seven ate"): no other word sounds so."""


def _homophone_digit(tokens: list[Token], i: int, digits: list[str]) -> bool:
    """Loosely read (see :func:`phone_in`): a homophone or "oh" inside a number under way,
    with a digit within the next few words ("five oh ate five", "oh for too one"), or "ate" /
    "won" ending one."""
    sounds = _HOMOPHONES.keys() | _ZERO_WORDS
    said = len("".join(digits))
    stretch = i
    while stretch < len(tokens) and (
        tokens[stretch].text in sounds or _piece(tokens, stretch) is not None
    ):
        stretch += 1
    if (
        stretch < len(tokens)
        and tokens[stretch].text in _CORRECTION_WORDS
        and said + stretch - i in (3, 6, 10)
    ):
        # "... three three nine too, no sorry, three three nine won", "... ate ate sorry ...":
        # the end of the group the caller then says again
        return True
    if all(_piece(tokens, k) is not None or t.text in sounds for k, t in enumerate(tokens)):
        return True  # "three three won ate": the turn is nothing but the digits said
    for k in range(i + 1, min(i + 4, len(tokens))):
        if _piece(tokens, k) is not None:
            return True
        if tokens[k].text not in sounds:
            break
    else:
        if len(tokens) - i <= 4 and len("".join(digits)) >= 6:
            return True  # "... five five five, for won oh oh": the end of what was said
        if len("".join(digits)) >= 2 and len("".join(digits)) + len(tokens) - i in (3, 4):
            return True  # "... no sorry, four four too won": a group said again, to the end
    return tokens[i].text in _END_HOMOPHONES and len("".join(digits)) >= 3


def digit_runs(tokens: list[Token], *, loose: bool = False) -> list[DigitRun]:
    """Every run of digits in ``tokens``, in order. ``loose``: the recogniser's homophones
    ("for", "too", "won", "ate") and "oh" count as digits anywhere inside a run."""
    runs: list[DigitRun] = []
    i = 0
    n = len(tokens)
    while i < n:
        piece = _piece(tokens, i)
        zero_start = tokens[i].text in _ZERO_WORDS and i + 1 < n and _piece(tokens, i + 1)
        # loosely read, a number may begin with a homophone: "ate one ate five five five ..."
        sound_start = (
            loose
            and piece is None
            and tokens[i].text in _START_HOMOPHONES
            and i + 2 < n
            and (_piece(tokens, i + 1) is not None or tokens[i + 1].text in _ZERO_WORDS)
            and (_piece(tokens, i + 2) is not None or tokens[i + 2].text in _HOMOPHONES)
        )
        if piece is None and not zero_start and not sound_start or _no_digit(tokens, i):
            i += 1
            continue
        if tokens[i].text in ("hundred", "thousand"):
            i += 1
            continue
        start = i
        plus = i > 0 and tokens[i - 1].text in ("+", "plus")
        if plus:
            start = i - 1
        digits: list[str] = []
        last_digit_end = i
        if sound_start:
            digits.append(_HOMOPHONES[tokens[i].text])
            i += 1
            last_digit_end = i
        while i < n:
            tok = tokens[i]
            piece = _piece(tokens, i)
            if digits and len("".join(digits)) <= 2 and any(c in tok.sep for c in ".?!"):
                break  # "she's seven. Six one seven, ...": a number ends with its sentence
            said = "".join(digits)
            whole = len(said) == 10 or (len(said) == 11 and said.startswith("1"))
            if whole and any(c in tok.sep for c in ".?!"):
                break  # "415 555 0159. Two things.": a whole number ends with its sentence
            if piece is not None and _no_digit(tokens, i):
                break
            if piece is not None:
                digits.append(piece[0])
                i += piece[1]
                last_digit_end = i
                continue
            if (
                loose
                and digits
                and (tok.text in _HOMOPHONES or tok.text in _ZERO_WORDS)
                and _homophone_digit(tokens, i, digits)
            ):
                digits.append(_HOMOPHONES.get(tok.text, "0"))
                i += 1
                last_digit_end = i
                continue
            if tok.text in _ZERO_WORDS and _zero_here(tokens, i, digits):
                digits.append("0")
                i += 1
                last_digit_end = i
                continue
            if tok.text in _HOMOPHONES and digits and i + 1 < n and _piece(tokens, i + 1):
                digits.append(_HOMOPHONES[tok.text])
                i += 1
                last_digit_end = i
                continue
            if (
                tok.text in _INSIDE
                and i + 1 < n
                and digits
                and (
                    _piece(tokens, i + 1)
                    or (tok.text == "then" and i + 2 < n and tokens[i + 1].text in _ZERO_WORDS)
                )
            ):
                if tok.text == "and" and tokens[i + 1].breaks_before:
                    break
                if tok.text == "then" and len("".join(digits)) >= 10:
                    break  # "... 555 0142, then three o'clock": the number is whole
                i += 1
                continue
            break
        if digits:
            runs.append(DigitRun("".join(digits), start, last_digit_end, plus))
        i = max(i, last_digit_end)
        if i == start:
            i += 1
    return runs


def _sounded(tokens: list[Token]) -> list[DigitRun]:
    """The whole numbers (and only those) read when every homophone and "oh" in a stretch of
    digits counts as a digit, "double" and "triple" before one too, fillers between them
    skipped; a homophone at either end of the stretch is dropped when that alone makes the
    number whole ("... to six one seven ...": the "to" leads the number). Three digits or
    more must be said as digits: a few homophones in a row are words."""
    found: list[DigitRun] = []
    i, n = 0, len(tokens)
    while i < n:
        pieces: list[tuple[str, int, int, bool]] = []  # digits, first token, end, a homophone
        j = i
        while j < n:
            tok = tokens[j]
            if pieces and any(c in tok.sep for c in ".?!"):
                break
            piece = _piece(tokens, j)
            if piece is not None and not _no_digit(tokens, j) and tok.text != "hundred":
                pieces.append((piece[0], j, j + piece[1], False))
                j += piece[1]
            elif tok.text in _REPEAT and j + 1 < n and tokens[j + 1].text in _HOMOPHONES:
                digit = _HOMOPHONES[tokens[j + 1].text] * _REPEAT[tok.text]
                pieces.append((digit, j, j + 2, False))
                j += 2
            elif tok.text in _HOMOPHONES or tok.text in _ZERO_WORDS:
                pieces.append((_HOMOPHONES.get(tok.text, "0"), j, j + 1, True))
                j += 1
            elif tok.text in _INSIDE and pieces:
                j += 1
            else:
                break
        i = max(j, i + 1)
        said = sum(len(d) for d, _, _, sound in pieces if not sound)
        if said < 3:
            continue
        for lo, hi in ((0, len(pieces)), (1, len(pieces)), (0, len(pieces) - 1)):
            dropped = 0 if lo else hi  # (a homophone at either end left out)
            if hi <= lo or (lo, hi) != (0, len(pieces)) and not pieces[dropped][3]:
                continue
            run = DigitRun(
                "".join(d for d, _, _, _ in pieces[lo:hi]), pieces[lo][1], pieces[hi - 1][2]
            )
            if _complete(run):
                found.append(run)
                break
    return found


_COUNTED_FROM = frozenset({"last", "first", "final", "next", "other"})
_COUNTED = frozenset({"digits", "numbers", "are", "is", "were", "being", "go", "of"})


def _a_count(tokens: list[Token], i: int) -> bool:
    """ "the last four are 0190", "my first three digits": how many digits follow, not one of
    them (not "first, six one four ...", a number begun after "first")."""
    if i == 0 or tokens[i - 1].text not in _COUNTED_FROM or tokens[i].breaks_before:
        return False
    if _unit(tokens[i]) is None or tokens[i].text in ("0", "zero", "nought"):
        return False
    before = tokens[i - 2].text if i >= 2 else ""
    after = tokens[i + 1].text if i + 1 < len(tokens) else ""
    return before in ("the", "my", "your", "his", "her", "its") or after in _COUNTED


_WAITS = frozenset({"sec", "second", "moment", "minute", "min", "tick", "mo"})


_ERRANDS = frozenset(
    {"thing", "things", "question", "questions", "bits", "jobs", "errands", "favours", "favors"}
    | {"quick", "small", "little", "separate", "different"}
)


def _no_digit(tokens: list[Token], i: int) -> bool:
    """A number word that is no digit of a number: a count ("the last four are", "two things
    really", "two quick questions") or "one" of "one second", an aside inside the number."""
    following = tokens[i + 1].text if i + 1 < len(tokens) else ""
    if following in _ERRANDS and tokens[i].text.isalpha() and _unit(tokens[i]) is not None:
        return True
    return _a_count(tokens, i) or (tokens[i].text == "one" and following in _WAITS)


@dataclass(frozen=True, slots=True)
class PhoneHeard:
    """Digits offered as (part of) a phone number."""

    digits: str
    plus: bool
    start: int
    end: int
    other: str = ""
    """Another whole number the caller offered beside it as possibly theirs ("either 617 555
    2731 or 617 555 2713", "my old number ... or the new one ..."): tried when ``digits``
    holds nothing."""

    @property
    def national(self) -> str | None:
        """The ten national digits of a North American number, when that is what was said."""
        d = self.digits
        if len(d) == 11 and d.startswith("1"):
            return d[1:]
        if len(d) == 10 and not self.plus:
            return d
        return None


def phone_in(tokens: list[Token], *, expected: bool, short: int = 0) -> PhoneHeard | None:
    """The phone number (or the part of one) in ``tokens``.

    Seven or more digits in one run always count; when the agent asked for the number, any
    run of two or more counts (a group of three, or a wrong count the agent will ask about),
    and a single digit when the number heard so far lacks ``short`` digits and the turn is
    that digit alone (the last one of a number, asked for as "the rest"). A trailing digit
    that reads as a time ("... 0177 2 pm") is left for the time reader.
    """
    runs = [x for r in digit_runs(tokens) for x in _sentences(tokens, _read(tokens, r))]
    if not any(_complete(r) for r in runs):
        # a recogniser's homophones inside the number ("five oh ate five five five oh for too
        # one"): read loosely, kept only when that makes a whole number
        loose = [
            x for r in digit_runs(tokens, loose=True) for x in _sentences(tokens, _read(tokens, r))
        ]
        # (loosest: every homophone among the digits a digit, "for won three triple five oh
        # double seven for", "to oh to five five five won to ate oh i need ...")
        runs = loose if any(_complete(r) for r in loose) else _sounded(tokens) or runs
        if short and not any(len(r) == short for r in runs):
            # the rest of a number under way, every word of it a digit ("three three won ate")
            runs = [r for r in loose if len(r) == short] or runs
    runs = [r for r in runs if not _pronoun_one(tokens, r) and not _an_age(tokens, r)]
    # "sorry, 0177 not 0171": the digits after "not" are the ones taken back
    runs = [r for r in runs if r.start == 0 or tokens[r.start - 1].text != "not"] or runs
    if not runs:
        return None
    words = [t.text for t in tokens]
    # "it's 555 0142, area code 973" / "area code 973, 555 0142" / "... and the area code is 917"
    for run in runs:
        before = words[max(0, run.start - 4) : run.start]
        after = words[run.end : run.end + 4]
        # "555 0863, and it's a 207 number", "five five five ... it's an eight six oh number":
        # the area code said after the rest
        named_after = before[-1:] in (["a"], ["an"]) and after[:1] == ["number"]
        if len(run) == 3 and (
            named_after or any(before[k : k + 2] == ["area", "code"] for k in range(3))
        ):
            rest = [r for r in runs if r is not run and len(r) == 7]
            if rest:
                other = rest[0]
                lead = run.start if named_after else run.start - 2
                start, end = min(lead, other.start), max(run.end, other.end)
                return PhoneHeard(run.digits + other.digits, False, start, end)
    if (
        len(runs) >= 3
        and len(runs[-1]) <= 4
        and runs[-1].digits == runs[-2].digits
        and runs[-1].start - runs[-2].end <= 2
    ):
        # "... oh one nine - no, sorry, oh one eight nine. Oh one eight nine.": the corrected
        # group said again to be sure, one group
        runs = runs[:-1]
    # "two oh one, five five five, oh one seven... no wait, oh one eight seven": the caller
    # restarted the end of the number
    if len(runs) >= 2:
        first, last = runs[-2], runs[-1]
        if (
            not _complete(last)
            and (len(last) <= 4 or 10 - len(last) in (3, 6))
            and _corrects(words[first.end : last.start])
            and _corrects_digits(tokens, first, last)
            and 10 - len(last) <= len(first) <= 10
        ):
            # (or from a group boundary: "seven seven four, five five three, no sorry, five
            # five eight, one two oh seven")
            fixed = first.digits[: 10 - len(last)] + last.digits
            return PhoneHeard(fixed, first.plus, first.start, last.end)
    complete = [r for r in runs if _complete(r)]
    if complete:
        best = _chosen(words, complete) or complete[-1]
        # (a number said again after a correction replaces the first)
        last = runs[-1]
        if (
            last is not best
            and last.start > best.end
            and len(last) < 10
            and _corrects(words[best.end : last.start])
            and _corrects_digits(tokens, best, last)
            # (not an hour said later on: "720 555 0501. I mean your time here - could you
            # move my Thursday 2pm ... so 1pm Eastern")
            and last.start - best.end <= _ASIDE_WORDS
            and (last.end >= len(words) or words[last.end] not in _TIME_SUFFIX)
        ):
            # "646 555 0177, no sorry, 0178": the end of the number corrected
            fixed = best.digits[: len(best.digits) - len(last.digits)] + last.digits
            return PhoneHeard(fixed, best.plus, best.start, last.end)
        offered = next(
            (
                r.digits
                for r in complete
                if r is not best
                and r.digits != best.digits
                and not _corrects(words[min(r.end, best.end) : max(r.start, best.start)])
            ),
            "",
        )
        # (a whole number taken back before it: "... 6628, sorry, no - 401 555 6682" - the
        # number taken back is no hour or date either)
        start = min(
            (
                r.start
                for r in complete
                if r.end <= best.start and _corrects(words[r.end : best.start])
            ),
            default=best.start,
        )
        return PhoneHeard(best.digits, best.plus, start, best.end, offered)
    # "four one three, hang on, where are my glasses, treble five one oh three eight": a
    # number broken off at a group and carried on after an aside is one number
    for first, last in _with_asides(runs):
        gap = last.start - first.end
        cut = 10 - len(last)
        if (
            len(last) == 4
            and cut < len(first) < 10
            and cut == 6
            and last.digits.startswith(first.digits[cut:])
            and 0 < gap <= 2 * _ASIDE_WORDS
            and not first.plus
        ):
            # "646, 555, 01... hold on, new phone... 0193": the last group begun, broken off
            # and said again whole after the aside
            return PhoneHeard(first.digits[:cut] + last.digits, False, first.start, last.end)
        if (
            len(first) in (3, 6)
            and len(first) + len(last) == 10
            and (
                0 < gap <= _ASIDE_WORDS or gap <= 2 * _ASIDE_WORDS and _goes_on(words, first, last)
            )
            and not first.plus
        ):
            # "... five five five and then it ends either two seven oh eight or two seven
            # eight oh": the other ending is the other number offered
            offered = next(
                (
                    first.digits + r.digits
                    for r in runs
                    if r.start > last.end
                    and len(r) == len(last)
                    and r.digits != last.digits
                    and "or" in words[last.end : r.start]
                    and r.start - last.end <= 3
                ),
                "",
            )
            return PhoneHeard(first.digits + last.digits, False, first.start, last.end, offered)
    longest: DigitRun | None = None
    for run in runs:
        counts = (
            len(run) >= 7
            or (expected and len(run) >= 2)
            # (not "oh" alone: an interjection as often as a zero)
            or (expected and short > 0 and len(tokens) == len(run) == 1 and words[0] != "oh")
        )
        if counts and (longest is None or len(run) > len(longest)):
            longest = run
    if longest is None:
        return None
    return PhoneHeard(longest.digits, longest.plus, longest.start, longest.end)


_PHONE_KINDS = {
    "cell": "cell", "cellphone": "cell", "mobile": "cell", "home": "home", "landline": "home",
    "house": "home", "work": "work", "office": "work",
}  # fmt: skip
_PHONE_KINDS |= {f"{w}s": kind for w, kind in _PHONE_KINDS.items()}  # "my mobile's 303 ..."
_PICKS = frozenset({"use", "call", "try", "on", "prefer", "best", "take"})


_FIRST_PICKED: Final = re.compile(
    r"\b(?:try|use|call|go with|take|probably|its|it s|prob) (?:the )?first(?: one)?\b"
    r"|\bthe first one\b"
)
"""Of two numbers offered, the first picked ("try the first", "use the first one")."""


def _chosen(words: list[str], complete: list[DigitRun]) -> DigitRun | None:
    """ "my cell is 212 555 0634, my home number's 212 555 0799 but use the cell": two whole
    numbers, each named by its kind, and the caller says which to use. None when they do
    not (the later number then stands, as after a correction)."""
    if len(complete) < 2:
        return None
    after_all = " ".join(words[complete[-1].end : complete[-1].end + 10])
    if _FIRST_PICKED.search(after_all):
        # "either 978 555 0162 or 978 555 0126, I always mix them up. Try the first."
        return complete[0]
    kinds: dict[str, DigitRun] = {}
    for run in complete:
        named = [
            _PHONE_KINDS[w] for w in words[max(0, run.start - 4) : run.start] if w in _PHONE_KINDS
        ]
        if named:
            kinds.setdefault(named[-1], run)
    if len(kinds) < 2:
        return None
    after = words[complete[-1].end :]
    for k, word in enumerate(after):
        kind = _PHONE_KINDS.get(word)
        if kind in kinds and any(w in _PICKS for w in after[max(0, k - 3) : k + 3]):
            return kinds[kind]
    return None


def _read(tokens: list[Token], run: DigitRun) -> DigitRun:
    run = _dialled_from_abroad(_split_trailing_time(tokens, run))
    return _fix_then_whole(tokens, _exclaimed(tokens, _restarted(_said_twice(tokens, run))))


def _dialled_from_abroad(run: DigitRun) -> DigitRun:
    """ "001 203 555 0109", "double oh one two oh three ...": the number as dialled from abroad,
    the exit code 00 before the country code 1 - the eleven digits after it."""
    d = run.digits
    if len(d) == 13 and d.startswith("001") and not run.plus:
        return DigitRun(d[2:], run.start, run.end, run.plus)
    return run


def _fix_then_whole(tokens: list[Token], run: DigitRun) -> DigitRun:
    """ "... six six two eight sorry no six six eight two four oh one five five five six six
    eight two": the end of the number put right, then the whole number said again, run
    together as a recogniser writes it - the whole number, said last."""
    d = run.digits
    head = len(d) - 10
    if run.plus or not 2 <= head <= 4 or not d.endswith(d[:head]):
        return run
    for k in range(run.start + 1, run.end):
        said = "".join(r.digits for r in digit_runs(tokens[run.start : k]))
        if said == d[:head]:
            return DigitRun(d[head:], k, run.end, run.plus)
        if len(said) > head:
            break
    return run


def _exclaimed(tokens: list[Token], run: DigitRun) -> DigitRun:
    """ "Oh, 303 555 0127": an "oh" before a whole ten-digit number is the caller's "oh", not
    a zero (no North American number has eleven digits beginning with 0)."""
    d = run.digits
    if len(d) == 11 and d[0] == "0" and not run.plus and tokens[run.start].text in _ZERO_WORDS:
        return DigitRun(d[1:], run.start + 1, run.end, run.plus)
    return run


def _said_twice(tokens: list[Token], run: DigitRun) -> DigitRun:
    """ "207 555 0116. I repeat, 207 555 0116" heard as one run: the number once (and a
    group of it said again after a full stop, once)."""
    d = run.digits
    half = len(d) // 2
    if len(d) % 2 or half not in (3, 4, 10, 11) or d[:half] != d[half:]:
        return run
    for k in range(run.start + 1, run.end):
        head = "".join(r.digits for r in digit_runs(tokens[run.start : k]))
        if head == d[:half] and (half > 4 or any(ch in tokens[k].sep for ch in ".!?")):
            # (a group said again after a full stop: "oh one eight nine. Oh one eight nine.")
            return DigitRun(d[:half], run.start, k, run.plus)
        if len(head) > half:
            break
    return run


def _restarted(run: DigitRun) -> DigitRun:
    """ "two one five, two one five five five five oh one two six" run together: a group of
    three said again at once (the caller restarted it) is said once."""
    d = run.digits
    if len(d) != 13 or run.plus:
        return run
    if d[0:3] == d[3:6]:
        return DigitRun(d[3:], run.start, run.end, run.plus)
    if d[3:6] == d[6:9]:
        return DigitRun(d[:3] + d[6:], run.start, run.end, run.plus)
    return run


_ASIDE_WORDS = 8
"""The most words an aside inside a number may take ("hang on, where are my glasses")."""


def _with_asides(runs: list[DigitRun]) -> list[tuple[DigitRun, DigitRun]]:
    """Each run with the next one, or the one after a lone digit said in the aside between
    them ("614 555, sorry, one sec, the last four are 0190")."""
    pairs = list(zip(runs, runs[1:], strict=False))
    for k in range(len(runs) - 2):
        if len(runs[k + 1]) == 1:
            pairs.append((runs[k], runs[k + 2]))
    return pairs


_GOES_ON = frozenset({"rest", "remainder", "end", "last", "then"})


def _goes_on(words: list[str], first: DigitRun, last: DigitRun) -> bool:
    """ "503 555... sorry, my name first - Ruth Akande - and the rest of the number is 0362": a
    longer aside, closed by words saying the number goes on."""
    return any(w in _GOES_ON for w in words[max(first.end, last.start - 6) : last.start])


def _complete(run: DigitRun) -> bool:
    d = run.digits
    return len(d) == 10 or (len(d) == 11 and d.startswith("1")) or (run.plus and len(d) >= 8)


_CORRECTION_WORDS = frozenset(
    {"no", "sorry", "wait", "mean", "meant", "actually", "correction", "rather", "oops"}
)


_NOT_A_CORRECTION = frozenset({"good", "longer", "problem", "worries", "way", "use", "idea"})
"""Words after "no" that make it part of what the caller says ("friday at 9 is no good now"),
not a correction of the number."""


def _corrects(between: list[str]) -> bool:
    return any(
        w in _CORRECTION_WORDS
        and not (w == "no" and between[i + 1 : i + 2] and between[i + 1] in _NOT_A_CORRECTION)
        for i, w in enumerate(between)
    )


_NOT_NUMBER_DIGITS = frozenset(
    {"at", "the", "by", "around", "about", "till", "until", "after", "before", "from", "on"}
)
"""Words before digits that make them an hour or a date ("no, the 15th ... at 11"), not the
end of the phone number said again."""


def _corrects_digits(tokens: list[Token], number: DigitRun, fix: DigitRun) -> bool:
    """Whether ``fix`` is the end of ``number`` said again: close after it, a correction word
    just before it ("0177, no sorry, 0178", "... no wait, I mean oh one eight seven"), and not
    an hour or a date corrected later in the sentence ("347 555 0427. Can I book the 14th - no,
    the 15th - at 11?", "my Wednesday - sorry, my Thursday ... at 9")."""
    words = [t.text for t in tokens]
    if fix.start - number.end > _ASIDE_WORDS:
        return False
    if fix.start > 0 and words[fix.start - 1] in _NOT_NUMBER_DIGITS:
        return False
    return _corrects(words[max(number.end, fix.start - 4) : fix.start])


def _sentences(tokens: list[Token], run: DigitRun) -> list[DigitRun]:
    """ "0491 - no sorry, 0419. 617 555 0419.": the corrected end and the whole number said
    again run together across a full stop are two numbers, the later one whole."""
    if len(run.digits) <= 11 or run.plus:
        return [run]
    for k in range(run.start + 1, run.end):
        if not any(c in tokens[k].sep for c in ".?!"):
            continue
        head = "".join(r.digits for r in digit_runs(tokens[run.start : k]))
        tail = run.digits[len(head) :]
        if head and run.digits.startswith(head) and _complete(DigitRun(tail, k, run.end, False)):
            return [DigitRun(head, run.start, k, False), DigitRun(tail, k, run.end, False)]
    return [run]


def _pronoun_one(tokens: list[Token], run: DigitRun) -> bool:
    """ "the same one", "that one": the word "one" alone is not a digit."""
    if run.end - run.start != 1 or tokens[run.start].text != "one":
        return False
    prev = tokens[run.start - 1].text if run.start > 0 else ""
    return prev in ("same", "the", "that", "this", "which", "other", "another", "any", "new", "old")


_AGE_LEADS = frozenset({"hes", "shes", "theyre"})
_AGED = frozenset({"aged", "age", "turned", "turning", "turns"})
_AGE_ENDS = frozenset({"years", "year", "yrs", "months", "month"})


def _an_age(tokens: list[Token], run: DigitRun) -> bool:
    """ "He's twelve", "she's 7 years old", "my son is eight months": an age, said of someone
    (a child booked for), not a digit of a number."""
    if len(run.digits) > 2:
        return False
    prev = tokens[run.start - 1].text if run.start > 0 else ""
    after = tokens[run.end].text if run.end < len(tokens) else ""
    return (
        after in _AGE_ENDS
        or prev in _AGED
        or prev in _AGE_LEADS
        and (not after or tokens[run.end].breaks_before)
    )


def _split_trailing_time(tokens: list[Token], run: DigitRun) -> DigitRun:
    if len(run) <= 10:
        return run
    nxt = tokens[run.end].text if run.end < len(tokens) else ""
    if nxt not in _TIME_SUFFIX:
        return run
    # drop the last digit token: it was the hour of "2 pm"
    last = tokens[run.end - 1]
    piece = _piece(tokens, run.end - 1)
    if piece is None:
        return run
    cut = len(piece[0])
    if len(run.digits) - cut < 10:
        return run
    return DigitRun(run.digits[:-cut], run.start, run.end - 1 if last else run.end, run.plus)


def keypad_digits(text: str) -> str | None:
    """Digits typed on a phone keypad, as the telephony layer delivers them ("646555#")."""
    compact = "".join(ch for ch in text if not ch.isspace())
    if (
        compact
        and all(ch.isdigit() or ch in "#*" for ch in compact)
        and any(ch.isdigit() for ch in compact)
    ):
        return compact.rstrip("#")
    return None
