"""Where an appointment being moved goes, said by another one the caller holds: "can the
Thursday one go on the same day as the Tuesday one, right after it?", "move it to straight after
the other one", "the day after the other one, same time", "the same day as his, just before".
Pure Python."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

from voice_agent.adapters.offline.dialogue.understanding.tokens import WEEKDAY_WORD
from voice_agent.domain.spoken_numbers import TEENS, UNITS
from voice_agent.domain.weekdays import WEEKDAY_WORDS

__all__ = ["MOVED_FIRST", "BesideHeld", "beside_held", "counts_said"]


@dataclass(frozen=True, slots=True)
class BesideHeld:
    """A move's new day (and hour) said by another held appointment, the anchor."""

    days: int
    """The day it goes to, counted from the anchor's: 0 that day, 1 the day after, -1 the day
    before."""
    hour: Literal["after", "before"] | None
    """Right after the anchor (the first opening after it), just before it (the last opening
    before it), or no hour said."""
    weekday: int | None
    """The anchor named by its weekday ("the Tuesday one"; Monday 0), else None."""
    place: Literal[1, -1] | None
    """The anchor named by its place among those held ("the earlier one" 1, "the later one"
    -1), else None. With neither, the anchor is the other one: not the one being moved."""
    start: int
    end: int
    """The tokens the words take: they name neither a day asked for nor the one moved."""
    counted: bool = False
    """Said as a count of days or weeks from the anchor ("three weeks after the first one")."""


_NOUN: Final = r"(?:one|appointment|appt|booking|visit)"
_KIN: Final = (
    r"(?:husband|wife|partner|hubby|son|daughter|boy|girl|kid|mum|mom|mother|dad|father"
    r"|brother|sister|grandson|granddaughter|nan|gran)"
)


def _anchor(n: int) -> str:
    """Another held appointment, named (the group names numbered: a pattern has three)."""
    return (
        r"(?:(?:the|my) other(?: " + _NOUN + r")?"
        rf"|the (?P<place{n}>earlier|earliest|first|sooner|early|later|latest|last|second|late)"
        rf" (?:{_NOUN}|of the two)"
        rf"|(?:the|my) (?P<weekday{n}>{WEEKDAY_WORD})(?: s)? {_NOUN}"
        rf"|the (?:one|appointment|booking) (?:on|for) (?:the )?(?P<on{n}>{WEEKDAY_WORD})"
        rf"|(?:my|our) {_KIN}(?: s|s)(?: {_NOUN})?|(?:his|her|their) {_NOUN}"
        r"|his|hers|her s|theirs|mine|him|her)\b"
        # "the same day as his, the Monday": the anchor said again by its weekday
        rf"(?: (?:the |on |on the )?(?P<also{n}>{WEEKDAY_WORD})(?: {_NOUN})?\b)?"
    )


_THEN: Final = (
    r"(?:(?: please| if you can| if possible| then)? (?:and |but |so )?"
    r"(?:(?:right|straight|just|immediately|directly) )?(?P<rel>after|before)"
    r"(?: (?:it|that|that one|them|him|her|his|hers|mine|theirs)\b)?)?"
)
_SAME_DAY: Final = re.compile(r"\b(?:the )?same day as " + _anchor(1) + _THEN)
"""'The same day as the Tuesday one, right after it': that day, the hour after it if said."""
_CLOSE: Final = re.compile(
    r"\b(?:right|straight|just|immediately|directly) (?P<close>after|before) " + _anchor(2)
)
"""'Straight after the other one', 'just before his': that day, the hour next to it."""
_DAY_NEXT: Final = re.compile(r"\bthe day (?P<next>after|before) " + _anchor(3))
"""'The day after the other one': the day next to it."""
_COUNT: Final = (
    r"(?:(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|fourteen|\d{1,2}) (?P<unit>days?|weeks?)|(?:a )?(?P<fortnight>fortnight))"
)
_COUNTED: Final = re.compile(
    r"\b"
    + _COUNT
    + r" (?:after|from|on from|later than) (?:"
    + _anchor(4)
    # "four weeks after the first": the earlier of theirs, said bare (not "the first of
    # December", "the first week", "the first thing")
    + r"|(?:the|my) (?P<bare>first|earlier|earliest|sooner)\b"
    r"(?! of\b| (?:day|week|weekend|thing|month|time)s?\b))"
)
"""'Three weeks after the first one', 'ten days after my Tuesday one', 'a fortnight after the
other one': that many days after it (the hour unsaid: the one moved keeps its own, or is
asked)."""
# the words :data:`_COUNT` takes ("a fortnight" apart), valued as the domain's spoken numbers
_COUNT_WORDS: Final = {"a": 1, "an": 1, **UNITS, **TEENS}


def _counted_days(found: dict[str, str]) -> int:
    """The days a count says ("three weeks" 21, "ten days" 10, "a fortnight" 14)."""
    if "fortnight" in found:
        return 14
    n = found["n"]
    count = int(n) if n.isdigit() else _COUNT_WORDS[n]
    return count * (7 if found["unit"].startswith("week") else 1)


def beside_held(line: str) -> BesideHeld | None:
    """The move's new place said by another held appointment, in ``line`` (the tokens' words
    joined by single spaces), or None."""
    for pattern in (_SAME_DAY, _DAY_NEXT, _CLOSE, _COUNTED):
        m = pattern.search(line)
        if m is None:
            continue
        found = {k.rstrip("1234"): v for k, v in m.groupdict().items() if v is not None}
        if pattern is _COUNTED:
            days = _counted_days(found)
        else:
            days = {"after": 1, "before": -1}[found["next"]] if "next" in found else 0
        rel = found.get("rel") or found.get("close")
        hour: Literal["after", "before"] | None = (
            "after" if rel == "after" else "before" if rel == "before" else None
        )
        said = found.get("weekday") or found.get("on") or found.get("also")
        place = found.get("place") or found.get("bare")
        return BesideHeld(
            days=days,
            hour=hour,
            weekday=WEEKDAY_WORDS.index(said) if said is not None else None,
            place=None if place is None else 1 if place in _FIRST else -1,
            start=line[: m.start()].count(" "),
            end=line[: m.end()].count(" ") + 1,
            counted=pattern is _COUNTED,
        )
    return None


_A_COUNT: Final = re.compile(r"\b" + _COUNT + r"\b")


def counts_said(line: str) -> list[tuple[int, int]]:
    """The tokens of every count of days or weeks in ``line`` ("put in two weeks after", "a
    fortnight"): beside a move counted from another held appointment, they say how the
    appointments stand or where it goes from that one, never a day counted from today."""
    return [
        (line[: m.start()].count(" "), line[: m.end()].count(" ") + 1)
        for pattern in (_COUNTED, _A_COUNT)
        for m in pattern.finditer(line)
    ]


MOVED_FIRST: Final = re.compile(
    r"\b(?:it|mine|my one|my appointment|the appointment|that one|this one"
    r"|(?:the|my) (?:\w+ )?(?:one|appointment|booking)"
    r"|the (?:\w+ )?of (?:the|my) (?:two|\w+ two))\b"
)
"""The one to move, named before the words that place it by another ("the Thursday one",
"the later of my two", "could it go ..."): with them, a move even where no verb says so."""
_FIRST: Final = frozenset({"earlier", "earliest", "first", "sooner", "early"})
