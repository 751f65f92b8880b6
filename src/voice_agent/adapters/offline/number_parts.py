"""What the readers heard of each group of a number across the turns taking it.

A number asked for in parts (3-3-4) after its whole hearings failed is asked group by
group, and each group's reading is read back for the caller's yes or no. At 10 dB SNR a
group asked three times can be heard wrong three times while an earlier turn had it
right: Whisper wrote "734873" for 4084734873 (the start left out) and the 10-digit grammar
"0084734873" in the same hearing - two acoustic models on the last four, 4873 - and the
group "4873" was then heard "4373", "0373", "0378" (numbers33, the tuning split).

:class:`PartWitnesses` keeps, for the number being taken, every reading of each group by
each model in each turn: the whole-number hearings' readings (a ten-digit reading's three
groups; Whisper's shorter reading placed at the end or the start, where it matches the
grammar's ten better) and the group turns' own. A group reading is *settled* when two
acoustic models read it (Whisper and pocketsphinx, in any turns), or Whisper read it in two
turns; pocketsphinx alone, however many turns, is one witness (it confuses a voice's digits
the same way every time: numbers23). At a group turn a settled reading the caller has not
rejected is handed on in place of an unsettled one: it is read back like any group, and the
caller's "no" rejects it (and the whole number is read back and confirmed after the groups,
before it is used). Pure: no decoder, no audio.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

GROUP_SPANS: Final = ((0, 3), (3, 6), (6, 10))
"""The 3-3-4 groups of a ten-digit number (the dialogue's ``number_part``)."""

WHISPER: Final = "W"
SPHINX: Final = "S"


def group_length(part: int) -> int:
    start, end = GROUP_SPANS[part]
    return end - start


def placed(whisper: str, grammar: str) -> str:
    """Whisper's reading of a whole number, ten places wide, "?" where it read nothing:
    ten digits as they are; fewer placed at the end (Whisper leaves a number's start out
    more often than its end, numbers30) unless they match the grammar's ten digits
    (``grammar``) better at the start; more than ten, or none, nothing."""
    if not whisper or len(whisper) > 10 or not whisper.isdigit():
        return "?" * 10
    gap = "?" * (10 - len(whisper))
    if len(grammar) == 10 and len(whisper) < 10:
        at_end = sum(a == b for a, b in zip(whisper, grammar[10 - len(whisper) :], strict=True))
        at_start = sum(a == b for a, b in zip(whisper, grammar[: len(whisper)], strict=True))
        if at_start > at_end:
            return whisper + gap
    return gap + whisper


def parts_of(number: str) -> dict[int, str]:
    """The groups of a ten-place reading that it read whole (no "?" in them)."""
    if len(number) != 10:
        return {}
    out: dict[int, str] = {}
    for part, (start, end) in enumerate(GROUP_SPANS):
        group = number[start:end]
        if group.isdigit():
            out[part] = group
    return out


@dataclass
class PartWitnesses:
    """Per group: each reading, and the (turn, model) pairs that read it."""

    turn: int = 0
    seen: dict[int, dict[str, set[tuple[int, str]]]] = field(default_factory=dict)
    in_parts: bool = False
    """A group turn was heard since the last whole-number turn."""
    whisper_whole: dict[int, str] = field(default_factory=dict)
    """The groups of Whisper's latest reading of the whole number with all ten digits."""

    def clear(self) -> None:
        self.seen.clear()
        self.whisper_whole.clear()
        self.in_parts = False

    def _add(self, part: int, group: str, model: str) -> None:
        if len(group) == group_length(part) and group.isdigit():
            self.seen.setdefault(part, {}).setdefault(group, set()).add((self.turn, model))

    def whole_heard(self, whisper: str, grammar: str, domain: str) -> None:
        """A whole-number turn's readings: Whisper's digits (any length), the grammar's and
        the domain LM's (pocketsphinx's, used where ten digits). A whole number asked for
        after group turns is another number (or the same begun again): what was heard of
        the last one is forgotten first."""
        if self.in_parts:
            self.clear()
        self.turn += 1
        if len(whisper) == 10 and whisper.isdigit():
            self.whisper_whole = parts_of(whisper)
        for part, group in parts_of(placed(whisper, grammar)).items():
            self._add(part, group, WHISPER)
        for reading in (grammar, domain):
            for part, group in parts_of(reading).items():
                self._add(part, group, SPHINX)

    def group_heard(self, part: int, readings: Iterable[tuple[str, str]]) -> None:
        """A group turn's readings of ``part``: (model, digits) pairs."""
        self.in_parts = True
        self.turn += 1
        for model, digits in readings:
            self._add(part, digits, model)

    def settled(self, part: int, group: str) -> bool:
        """Two acoustic models read ``group`` as this part, or Whisper did in two turns."""
        witnesses = self.seen.get(part, {}).get(group, set())
        models = {model for _, model in witnesses}
        whisper_turns = {turn for turn, model in witnesses if model == WHISPER}
        return len(models) > 1 or len(whisper_turns) > 1

    def choose(self, part: int, kept: str, rejected: Sequence[str], whisper: str = "") -> str:
        """The reading a group turn hands on, once its own readings were added: ``kept``
        (the turn's reading) unless it is unsettled and another reading of the part is
        settled and not rejected - the one with the most witnesses, then the latest.

        With none settled, a group the caller has already refused a reading of, which
        Whisper did not read whole at this turn (``whisper``, its digits), is read back as
        Whisper's last ten-digit reading of the whole number had it, if the caller has not
        refused that too: at 10 dB SNR Whisper's ten digits were right where the group
        grammar heard "003", "008", "000" for 406 (the tuning split's 5954064718; any group
        turn's reading is one reader's, and each is read back for a yes or no).

        A turn that heard no digit at all (``kept`` empty) stays empty: the caller said
        something else ("alright, good, thanks, bye" to a group question, heard "five five
        five" from the group settled before, the twenty-ninth round's recorded calls), and
        out-of-grammar speech is never made into digits."""
        if not kept or self.settled(part, kept):
            return kept
        fallback = self.whisper_whole.get(part)
        if (
            fallback is not None
            and rejected
            and len(whisper) != group_length(part)
            and fallback != kept
            and fallback not in rejected
            and not any(self.settled(part, g) for g in self.seen.get(part, {}) if g not in rejected)
        ):
            return fallback
        best: tuple[int, int, str] | None = None
        for group, witnesses in self.seen.get(part, {}).items():
            if group == kept or group in rejected or not self.settled(part, group):
                continue
            rank = (len(witnesses), max(turn for turn, _ in witnesses), group)
            if best is None or rank > best:
                best = rank
        return kept if best is None else best[2]
