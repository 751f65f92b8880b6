"""A caller talking to the receptionist as to a machine: "cancel that" said to a booking or a
move just proposed undoes that step (the time just said), as "scratch that" would, and does not
ask for the appointment already held to be cancelled; a number dictated a digit at a time
("six. one. seven. five...") is one number; the labels of a dictated list ("item two") are no
hours."""

from __future__ import annotations

import re
from typing import Final

_UNDO_STEP: Final = re.compile(
    r"^(?P<lead>\W*(?:(?:no|nope|oh|um|uh|er|wait|sorry|hmm|actually|ah)\W+)*)"
    r"cancel (?:that|this)(?: last (?:bit|part|one|step))?\b"
    r"(?!\W*(?:appointment|appt|booking|visit|one|as well|too|also|for me|please cancel)\b)",
    re.I,
)
"""'Cancel that' opening the answer, not naming an appointment ("cancel that appointment",
"cancel that one as well" name one)."""


def undo_of_a_step(text: str) -> str:
    """The caller's answer to a booking or a move just proposed, with "cancel that" (the menu
    word for undoing the last step: "Cancel that. Make it Thursday at 1.") said as "scratch
    that"; any other answer as said."""
    return _UNDO_STEP.sub(lambda m: f"{m.group('lead')}scratch that", text, count=1)


_DIGIT: Final = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|\d)"
_DICTATED: Final = re.compile(
    rf"\b{_DIGIT}(?:\s*(?:\.+|\u2026|,)\s*{_DIGIT}\b){{6,}}",
    re.I,
)
"""Seven digits or more, one at a time, with a stop, an ellipsis or a comma after each."""
_STOPS: Final = re.compile(r"\s*(?:\.+|\u2026|,)\s*")


def dictated_digits(text: str) -> str:
    """A number dictated slowly, each digit its own sentence ("Number: six. one. seven. five.
    five. five. zero. two. four. eight.", "four... one... three... five, five, five..."): the
    stops between its digits taken out, so the digits read as one number. Only where a full
    stop or an ellipsis parts two digits (commas alone are read as they are)."""

    def joined(m: re.Match[str]) -> str:
        said = m.group(0)
        if "." not in said and "\u2026" not in said:
            return said
        return _STOPS.sub(" ", said)

    return _DICTATED.sub(joined, text)


_ITEM_LABEL: Final = re.compile(
    r"\b(?P<label>item|point|step|part|request|errand)\s+(?:number\s+)?"
    r"(?:one|two|three|four|five|1|2|3|4|5)\b(?=\W*(?:confirmed|done|ok|okay|yes|is|:|-|\.|,|$))",
    re.I,
)


def without_item_labels(text: str) -> str:
    """ "Yes, item two confirmed.", "Item one: book Thursday": the label of a point in a
    dictated list, not two o'clock; the label's number left out."""
    return _ITEM_LABEL.sub(lambda m: m.group("label"), text)
