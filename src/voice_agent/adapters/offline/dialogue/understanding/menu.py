"""A caller talking to the receptionist as to a phone menu: "cancel that" said to a booking or a
move just proposed undoes that step (the time just said), as "scratch that" would; it does not
ask for the appointment already held to be cancelled."""

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
