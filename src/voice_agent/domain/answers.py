"""Which of the agent's questions a caller's words can answer.

A caller answers what they heard. Words they finished saying before the agent began a question
were not said to it, however late their transcript arrives (a recogniser behind real time
delivers them seconds later). A bare "yes please" is only dangerous as the answer to a yes/no
question: "Shall I book it?", "Shall I cancel it?", "Is that 212 555 0100?"; stale words read
against an open question ("What day suits you?") change nothing by themselves. Pure Python.
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[a-z']+")
_OPEN_OPENERS = frozenset({"what", "which", "when", "where", "who", "whom", "whose", "why", "how"})
"""Words an open question starts with ("What day suits you?")."""
_LEAD_INS = frozenset(
    {"and", "so", "then", "okay", "ok", "great", "thanks", "sorry", "sure", "oh", "well", "now"}
)


def asks_yes_or_no(text: str) -> bool:
    """Whether ``text`` ends with a question a bare yes or no can answer: any question but
    one opened by a question word. Read broadly on purpose: a question wrongly taken for a
    yes/no one costs, at most, asking it again.

    >>> asks_yes_or_no("The earliest I have is Friday at 10 AM. Shall I book it?")
    True
    >>> asks_yes_or_no("Just to confirm, Friday at 10 AM?")
    True
    >>> asks_yes_or_no("Sure, what day would suit you?")
    False
    >>> asks_yes_or_no("I have you down for Friday.")
    False
    """
    sentences = [s for s in _SENTENCE_END.split(text.strip()) if s]
    if not sentences or not sentences[-1].endswith("?"):
        return False
    words = _WORD.findall(sentences[-1].lower())
    while words and words[0] in _LEAD_INS:
        words.pop(0)
    return bool(words) and words[0] not in _OPEN_OPENERS


BRISK_CHARS_PER_SECOND = 20.0
"""Faster than any of our voices speaks (espeak-ng at 175 words a minute and the cloud voices
say 14-17 characters a second): the time it gives for a question to come is never late."""


def question_of(text: str) -> str:
    """The last sentence of ``text``: the question, when ``text`` asks one.

    >>> question_of("On Friday I have 10 AM or 11 AM. Shall I book 10 AM?")
    'Shall I book 10 AM?'
    """
    sentences = [s for s in _SENTENCE_END.split(text.strip()) if s]
    return sentences[-1] if sentences else ""


def seconds_before_question(text: str) -> float:
    """How long, at the earliest, the agent speaks before it reaches the question ending
    ``text``: everything said before it, at a brisk rate. A reply that tells the caller
    something and then asks ("Thanks, your account is set up. On Friday I have 10 AM or
    11 AM. Shall I book 10 AM?") starts asking seconds after it starts speaking."""
    before = len(" ".join(text.split())) - len(question_of(text))
    return max(0, before) / BRISK_CHARS_PER_SECOND


def question_was_played(played: str, whole: str) -> bool:
    """Whether a speech cut off by the caller after ``played`` had begun its question (the
    last sentence of ``whole``, what it was going to say)."""
    said = " ".join(played.split())
    text = " ".join(whole.split())
    return len(said) > len(text) - len(question_of(text))


def said_before(*, speech_ended_at: float, question_started_at: float) -> bool:
    """Whether the caller stopped speaking before the agent started its question (both on the
    same clock): such words cannot be the question's answer."""
    return speech_ended_at < question_started_at
