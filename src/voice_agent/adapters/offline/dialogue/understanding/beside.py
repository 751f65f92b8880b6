"""Where an appointment being moved goes, said by another one the caller holds: "can the
Thursday one go on the same day as the Tuesday one, right after it?", "move it to straight after
the other one", "the day after the other one, same time", "the same day as his, just before".
Pure Python."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

from voice_agent.adapters.offline.dialogue.understanding.tokens import WEEKDAY_WORD
from voice_agent.domain.weekdays import WEEKDAY_WORDS

__all__ = ["MOVED_FIRST", "BesideHeld", "beside_held"]


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


def beside_held(line: str) -> BesideHeld | None:
    """The move's new place said by another held appointment, in ``line`` (the tokens' words
    joined by single spaces), or None."""
    for pattern in (_SAME_DAY, _DAY_NEXT, _CLOSE):
        m = pattern.search(line)
        if m is None:
            continue
        found = {k.rstrip("123"): v for k, v in m.groupdict().items() if v is not None}
        days = {"after": 1, "before": -1}[found["next"]] if "next" in found else 0
        rel = found.get("rel") or found.get("close")
        hour: Literal["after", "before"] | None = (
            "after" if rel == "after" else "before" if rel == "before" else None
        )
        said = found.get("weekday") or found.get("on") or found.get("also")
        place = found.get("place")
        return BesideHeld(
            days=days,
            hour=hour,
            weekday=WEEKDAY_WORDS.index(said) if said is not None else None,
            place=None if place is None else 1 if place in _FIRST else -1,
            start=line[: m.start()].count(" "),
            end=line[: m.end()].count(" ") + 1,
        )
    return None


MOVED_FIRST: Final = re.compile(
    r"\b(?:it|mine|my one|my appointment|the appointment|that one|this one"
    r"|(?:the|my) (?:\w+ )?(?:one|appointment|booking)"
    r"|the (?:\w+ )?of (?:the|my) (?:two|\w+ two))\b"
)
"""The one to move, named before the words that place it by another ("the Thursday one",
"the later of my two", "could it go ..."): with them, a move even where no verb says so."""
_FIRST: Final = frozenset({"earlier", "earliest", "first", "sooner", "early"})
