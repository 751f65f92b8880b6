"""Reading caller turns in the understanding tests, as the engine reads them: today is
Wednesday 25 November 2026 (the clinic opens 9-16) unless a test says otherwise."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from voice_agent.adapters.offline.dialogue.understanding import (
    Asked,
    Context,
    FaqKey,
    Understanding,
    understand,
)
from voice_agent.adapters.offline.dialogue.understanding.acts import detect_tasks
from voice_agent.adapters.offline.dialogue.understanding.numbers import phone_in
from voice_agent.adapters.offline.dialogue.understanding.spelling import expand
from voice_agent.adapters.offline.dialogue.understanding.tokens import tokenize

TODAY = date(2026, 11, 25)  # a Wednesday
THURSDAY = date(2026, 11, 26)
FRIDAY = date(2026, 11, 27)
MONDAY = date(2026, 11, 30)
TUESDAY = date(2026, 12, 1)
WEDNESDAY_NEXT = date(2026, 12, 2)
PARKING = FaqKey(1, frozenset({"parking", "park", "car", "garage"}))
"""A clinic question the caller may ask (the profile's second FAQ)."""


def read(text: str, asked: Asked = "request", today: date = TODAY, **ctx: Any) -> Understanding:
    """``text`` read as the answer to ``asked`` (``ctx``: the rest of the Context)."""
    return understand(text, Context(today=today, asked=asked, **ctx))


read_with_faq = partial(read, faq=(PARKING,))
"""``read`` for a clinic that answers questions about parking."""


def tasks(text: str) -> list[str]:
    """The tasks asked for in ``text`` as written."""
    return list(detect_tasks(" ".join(t.text for t in tokenize(text))))


def tasks_spelled(text: str) -> list[str]:
    """The tasks asked for in ``text`` once typed shorthand and misspellings are written out."""
    return tasks(expand(text))


def digits(text: str, *, expected: bool = True) -> str | None:
    """The phone number's digits in ``text`` (``expected``: a number was asked for)."""
    heard = phone_in(tokenize(text), expected=expected)
    return None if heard is None else heard.digits
