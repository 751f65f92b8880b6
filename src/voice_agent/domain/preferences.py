"""Scheduling preferences a caller states ("I prefer mornings", "Fridays work best")."""

from __future__ import annotations

import re

from voice_agent.domain.weekdays import WEEKDAYS

_PREFERENCE_CUE = re.compile(
    r"\b(prefer|preferably|rather|works? (?:best|better)|better for me|only (?:do|can)|usually)\b"
)
_TIME_OF_DAY = (
    (re.compile(r"\bmornings?\b"), "Prefers morning appointments"),
    (re.compile(r"\bafternoons?\b"), "Prefers afternoon appointments"),
    (re.compile(r"\b(lunch ?time|around noon|midday)\b"), "Prefers appointments around midday"),
    (re.compile(r"\b(early(?:er)? in the day|as early as|first thing)\b"), "Prefers early slots"),
    (re.compile(r"\b(late(?:r)? in the day|end of the day|after work)\b"), "Prefers late slots"),
)
_DAYS = tuple((re.compile(rf"\b{day.lower()}s?\b"), f"Prefers {day}s") for day in WEEKDAYS)


_OPPOSITES = (
    frozenset({"Prefers morning appointments", "Prefers afternoon appointments"}),
    frozenset({"Prefers early slots", "Prefers late slots"}),
)


def with_preferences(known: list[str], said: list[str]) -> list[str]:
    """``known`` with the preferences of one utterance (``said``) added. A caller who said
    "afternoon" and later "morning" has changed their mind: the record keeps the later one
    (the summary said "prefers afternoon appointments and prefers morning appointments").
    Both said at once ("mornings or afternoons") stay."""
    replaced = {other for new in said for pair in _OPPOSITES if new in pair for other in pair}
    kept = [p for p in known if p not in replaced - set(said)]
    return kept + [p for p in dict.fromkeys(said) if p and p not in kept]


def extract_preferences(text: str) -> list[str]:
    """The preferences one utterance states (deterministic, English), as short phrases."""
    low = text.lower()
    found = [label for pattern, label in _TIME_OF_DAY if pattern.search(low)]
    if _PREFERENCE_CUE.search(low):
        found += [label for pattern, label in _DAYS if pattern.search(low)]
    return found
