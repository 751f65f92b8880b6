"""A phone line's caller (8 kHz, 300-3,400 Hz) heard by Whisper first.

The bundled en-us acoustic model is 16 kHz only (its ``feat.params`` fixes a 130-6,800 Hz
filter bank: half of its filters see nothing on a phone line); on phone-line audio it hears
almost no digits and about half the words of a request (bench/README.md, "Phone line").
Whisper tiny.en was trained on much telephone-like audio. On a line the recogniser has
found narrowband (:class:`.recognizer.LineDetector`), with
:attr:`.recognizer.RecognizerConfig.narrowband_opinion`, every turn's reading is Whisper's
where Whisper heard something of the kind asked for:

* a yes/no turn: Whisper's side of the answer, either way (on a wideband line it may only
  turn a yes into a no);
* a day/time turn or an open turn: Whisper's sentence, when it is sure of it (no-speech
  probability, mean token log probability) and, at a day/time turn, a day or a time is in
  it;
* a digit turn: Whisper's digits when it heard exactly as many as asked for, wherever the
  grammar or the domain LM won.

Otherwise pocketsphinx's reading stands. Numbers and codes are still best typed on the
keypad on a phone call: the dialogue offers it.
"""

from __future__ import annotations

from datetime import date

from voice_agent.adapters.offline import free_opinion
from voice_agent.domain.datetimes import find_date, find_time

SOURCE = "whisper-line"
"""A result's ``source`` when Whisper's reading stood on a phone line."""
MIN_LOGPROB = -0.8
"""Whisper's lowest segment mean token log probability at which its sentence stands on a
phone line (looser than :data:`.free_opinion.MIN_LOGPROB`: pocketsphinx's reading it
replaces is far worse there)."""


def sentence_stands(heard: free_opinion.Heard, *, date_turn: bool) -> bool:
    """Whether Whisper's sentence replaces pocketsphinx's on a phone line."""
    if not heard.text or heard.no_speech_prob > free_opinion.MAX_NO_SPEECH:
        return False
    if heard.avg_logprob < MIN_LOGPROB:
        return False
    if date_turn:
        return has_day_or_time(heard.text)
    return True


def has_day_or_time(text: str) -> bool:
    """Whether the dialogue's parsers find a day or a time in ``text``."""
    return find_time(text) is not None or find_date(text, today=_ANY_DAY) is not None


_ANY_DAY = date(2026, 1, 5)
"""Whether a day is said does not depend on today's date."""


def answer_side(whisper: bool | None, heard: bool | None) -> bool | None:
    """The side a yes/no answer takes on a phone line: Whisper's where it heard a side other
    than pocketsphinx's reading (``heard``), else None (the reading stands)."""
    if whisper is None or whisper == heard:
        return None
    return whisper
