"""Whisper tiny.en's reading of a whole sentence (an open request), beside pocketsphinx's
domain LM, and the rule that picks one; and a whole phone number said in passing.

The same model as :mod:`.second_opinion` (one per process), given a short prompt of the
dialogue's words (days, times, "appointment", "book", "cancel", "reschedule"). Its text is
written in the recogniser's words (:func:`spoken`: "3:30 p.m." -> "three thirty p m",
"Thursday." -> "thursday", "207-555-0168" -> ten digit words) and taken in place of
pocketsphinx's when :func:`prefer_whisper` says so: Whisper sure of it (mean token log
probability, no-speech probability), its words English (the full pronunciation dictionary,
:func:`english_words`) and no day, time of day or run of digits the domain LM heard
dropped (:func:`keeps_particulars`). A whole number it hears in a sentence replaces the
digits the domain LM heard there (:func:`with_whisper_number`), in an open turn or a
day/time or yes/no turn whose reading holds digits.

Not on day/time turns otherwise: there the date grammar hears better (held-out voices,
``python -m bench.stt_free_opinion``: day+time wrong 5/30 grammar, 15/30 Whisper, 9/30 the
two combined at the floor the tuning split chose, clean).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from voice_agent.adapters.offline import second_opinion
from voice_agent.adapters.offline.language_model import default_dictionary_path

PROMPT = (
    "Calling the clinic to book, cancel or reschedule an appointment on Monday, Tuesday, "
    "Wednesday, Thursday, Friday, Saturday or tomorrow, at ten a.m., two p.m., three o'clock."
)
"""Whisper's initial prompt (the dialogue's words, no test
sentence)."""

MIN_LOGPROB = -0.6
"""Whisper's lowest segment mean token log probability at or above which its reading may
stand on an open turn (tuning split: requests' WER the same from -0.5 down to no floor)."""
SOURCE = "whisper"
"""A result's ``source`` when Whisper's reading stood."""
MAX_NO_SPEECH = 0.5
"""Whisper's no-speech probability above which its reading is ignored."""
MIN_IN_VOCABULARY = 0.9
"""Share of Whisper's words that must be in the vocabulary it is checked against
(:func:`english_words` in a call)."""


def _words(text: str) -> list[str]:
    return text.split()


ONES = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
TENS = _words("_ _ twenty thirty forty fifty sixty seventy eighty ninety")
ORDINALS = _words(
    "_ first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
)
DIGIT_WORDS = ONES[:10]


@dataclass(frozen=True)
class Heard:
    """What Whisper heard: its text in the recogniser's words, and how sure it was."""

    text: str
    avg_logprob: float
    no_speech_prob: float


class SentenceReader(Protocol):
    """Reads the words said in one utterance of 16 kHz audio."""

    def hear(self, samples: npt.NDArray[np.int16]) -> Heard: ...


def cardinal(n: int) -> str:
    """A whole number in words, as Whisper's numerals are written here ("forty five")."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else " " + ONES[n % 10])
    return " ".join(DIGIT_WORDS[int(d)] for d in str(n))


def _ordinal(n: int) -> str:
    if n <= 20:
        return ORDINALS[n]
    if n < 100 and n % 10 == 0:
        return TENS[n // 10][:-1] + "ieth"
    if n < 100:
        return TENS[n // 10] + " " + ORDINALS[n % 10]
    return cardinal(n)


def _digit_run(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return " " + " ".join(DIGIT_WORDS[int(d)] for d in digits) + " "


def _clock(match: re.Match[str]) -> str:
    hour, minutes = cardinal(int(match.group(1))), match.group(2)
    if minutes == "00":
        return hour
    if minutes[0] == "0":
        return f"{hour} oh {ONES[int(minutes)]}"
    return f"{hour} {cardinal(int(minutes))}"


def spoken(text: str) -> str:
    """Whisper's text in the recogniser's words: lower case, no punctuation but apostrophes,
    numerals said ("3:30" -> "three thirty", "10:00" -> "ten", "22nd" -> "twenty second"),
    "a.m."/"pm" -> "a m"/"p m", "mid-day" -> "midday" (the dialogue's word: Whisper wrote
    "around mid day" for "around midday"), a run of five or more digits (a phone number,
    with or without dashes, dots or spaces between groups) as one digit word each."""
    t = text.lower()
    t = re.sub(r"\d[\d\s().-]{5,}\d", _digit_run, t)
    t = re.sub(r"(\d)\s*([ap])\.?\s?m\b\.?", r"\1 \2 m", t)
    t = re.sub(r"\b([ap])\.m\.?", r"\1 m", t)
    t = re.sub(r"\b(\d{1,2})[:.](\d\d)\b", _clock, t)
    t = re.sub(r"\b(\d+)(st|nd|rd|th)\b", lambda m: _ordinal(int(m.group(1))), t)
    t = re.sub(r"\b\d+\b", lambda m: cardinal(int(m.group(0))), t)
    t = re.sub(r"\bmid[- ]day\b", "midday", t)
    t = t.replace("-", " ")
    t = re.sub(r"[^a-z' ]+", " ", t)
    return " ".join(w.strip("'") for w in t.split() if w.strip("'"))


def in_vocabulary(text: str, vocabulary: Collection[str]) -> float:
    """Share of the words of ``text`` in ``vocabulary`` (0 for no words); a word with "'s"
    ("o'clock's", "number's": "is" said short) counts where the word without it does."""
    words = text.split()
    if not words:
        return 0.0
    known = sum(w in vocabulary or (w.endswith("'s") and w[:-2] in vocabulary) for w in words)
    return known / len(words)


DAY_WORDS = frozenset(
    _words(
        "monday tuesday wednesday thursday friday saturday sunday today tomorrow tonight "
        "january february march april june july august september october november december"
    )
    + ORDINALS[1:]
    + ["thirtieth"]
)
"""Words that name a day (a weekday, a relative day, a month but "may", a date's
ordinal)."""
NUMBER_WORDS = frozenset([*ONES, *TENS[2:]])
"""Words that say a number (an hour, minutes, digits)."""
HOUR_WORDS = frozenset(ONES[1:13])
"""Words that say an hour of the clock."""
DIGIT_RUN = 3
"""Digit words in a row that make a number given (part of a phone number, a code)."""
TIME_WORDS = frozenset(_words("o'clock noon midday morning afternoon evening"))
"""Words that place a time in the day (besides "a m" and "p m")."""
TIME_PAIRS = frozenset(["a m", "p m", "half past", "quarter past", "quarter to"])
"""Two words that say a time of day."""
BEFORE_AN_HOUR = frozenset(_words("at around about after before by until"))
"""Words that make the hour after them a time of day ("at ten", "around two")."""


def particulars(text: str) -> set[str]:
    """The kinds of particular (:func:`_particulars`) the words of ``text`` hold."""
    return _particulars(text.split())


def _particulars(words: Sequence[str]) -> set[str]:
    """The kinds of particular ``words`` hold: "day", "time". A number word on its own is
    neither: the domain LM fills a garbled opening with them ("hi eight i need to come is the
    my appointment the one on monday" for "... cancel my appointment on monday"); a run of
    digits is checked on its own (:func:`keeps_particulars`)."""
    kinds = set()
    words = [w[:-2] if w.endswith("'s") else w for w in words]  # "o'clock's fine"
    pairs = {" ".join(words[i : i + 2]) for i in range(len(words) - 1)}
    if any(w in DAY_WORDS for w in words):
        kinds.add("day")
    hour_said = any(
        words[i] in BEFORE_AN_HOUR and words[i + 1] in HOUR_WORDS for i in range(len(words) - 1)
    )
    if hour_said or any(w in TIME_WORDS for w in words) or pairs & TIME_PAIRS:
        kinds.add("time")
    return kinds


def _longest_digit_run(words: Sequence[str]) -> int:
    longest = run = 0
    for word in words:
        run = run + 1 if word in DIGIT_WORDS or word == "oh" else 0
        longest = max(longest, run)
    return longest


def keeps_particulars(first: str, whisper: str) -> bool:
    """Whether Whisper's sentence keeps each kind of particular pocketsphinx's ``first``
    holds: a day, a time of day, and a run of digits at least as long. It may
    name another day or hour (that is what it is for: "thursday" where the domain LM heard
    "sunday"), never none: "yes can i change it to eleven a m" read "yes can i change it
    until the end of the day" loses the time and so does not stand."""
    said, heard = first.split(), whisper.split()
    if not _particulars(said) <= _particulars(heard):
        return False
    digits = _longest_digit_run(said)
    return digits < DIGIT_RUN or _longest_digit_run(heard) >= min(digits, 10)


def english_words() -> frozenset[str]:
    """Every word of the full pronunciation dictionary (cmudict, about 126,000): what
    Whisper's words are checked against on an open turn. The domain LM's own dictionary
    (about 1,600 words) kept Whisper's right reading out of 38 of 112 tuning openings for one
    word it lacks ("shift", "moving", "email", "but"); the whole dictionary still keeps out
    the made-up words Whisper writes for speech it did not make out ("nemberton")."""
    return _english_words(str(default_dictionary_path()))


@lru_cache(maxsize=1)
def _english_words(path: str) -> frozenset[str]:
    with open(path, encoding="utf-8") as fh:
        return frozenset(line.split(maxsplit=1)[0].split("(", 1)[0] for line in fh if line.strip())


SURE_LOGPROB = -0.4
"""Whisper's lowest segment mean token log probability at or above which its whole sentence
outweighs a lone time word of a garbled domain LM reading (:func:`outweighs_garble`)."""
SENTENCE_WORDS = 6
"""Fewest words of a Whisper sentence that outweighs a garbled reading."""
GARBLED_SHARE = 0.6
"""A domain LM reading sharing fewer than this share of its words (in order) with Whisper's
is garbled (:func:`outweighs_garble`)."""


def _lone_time_word(words: Sequence[str]) -> bool:
    """Whether the time of day ``words`` hold (:func:`_particulars`) is only a time word said
    with no hour: "morning", "midday", an "o'clock" after no hour ("i booked oh o'clock");
    not "at ten", "three o'clock", "ten a m", "half past"."""
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    pairs = {" ".join(words[i : i + 2]) for i in range(len(words) - 1)}
    hour = any(
        (words[i] in BEFORE_AN_HOUR and words[i + 1] in HOUR_WORDS)
        or (words[i] in HOUR_WORDS and words[i + 1] == "o'clock")
        for i in range(len(words) - 1)
    )
    return "time" in _particulars(words) and not hour and not pairs & TIME_PAIRS


def outweighs_garble(first: str, heard: Heard) -> bool:
    """Whether Whisper's sentence may drop the time of day of ``first`` (the domain LM's
    reading): Whisper sure (:data:`SURE_LOGPROB`) of a sentence of
    :data:`SENTENCE_WORDS` or more words, ``first`` garbled (sharing under
    :data:`GARBLED_SHARE` of its words with it), its time only a lone time word
    (:func:`_lone_time_word`), and no day or digits of ``first`` dropped. The domain LM
    fills speech it cannot make out with the dialogue's words: "hi what's the soonest you
    can see me i've got a bad back" came back "... meant midday" and the call was booked at
    noon, while Whisper wrote the sentence ("... see me i'm dr merck", log prob -0.35);
    tuning dump (bench/README.md, voice18): day right 51 -> 52, task right 85 -> 86, none
    wrong added."""
    said, words = first.split(), heard.text.split()
    if heard.avg_logprob < SURE_LOGPROB or len(words) < SENTENCE_WORDS:
        return False
    matcher = SequenceMatcher(None, said, words, autojunk=False)
    shared = sum(block.size for block in matcher.get_matching_blocks())
    if shared >= GARBLED_SHARE * len(said) or not _lone_time_word(said):
        return False
    without_time = [w for w in said if w not in TIME_WORDS]
    return keeps_particulars(" ".join(without_time), heard.text)


def prefer_whisper(
    heard: Heard, first: str, vocabulary: Collection[str], min_logprob: float = MIN_LOGPROB
) -> bool:
    """Whether Whisper's reading stands in place of ``first`` (pocketsphinx's): it heard
    words, was sure of them, they are in ``vocabulary``, and it drops no day, time or
    digits ``first`` heard (:func:`keeps_particulars`) - but a lone time word of a garbled
    ``first`` where Whisper is surer of a whole sentence (:func:`outweighs_garble`)."""
    if not heard.text or heard.text == first:
        return False
    return (
        heard.no_speech_prob <= MAX_NO_SPEECH
        and heard.avg_logprob >= min_logprob
        and in_vocabulary(heard.text, vocabulary) >= MIN_IN_VOCABULARY
        and (keeps_particulars(first, heard.text) or outweighs_garble(first, heard))
    )


def ten_digit_run(text: str) -> str:
    """The digits of the one run of exactly ten digit words in ``text`` (Whisper's, in the
    recogniser's words), or ""."""
    runs: list[str] = []
    run = ""
    for word in [*text.split(), ""]:
        if word in DIGIT_WORDS or word == "oh":
            run += "0" if word == "oh" else str(DIGIT_WORDS.index(word))
        else:
            if run:
                runs.append(run)
            run = ""
    tens = [r for r in runs if len(r) == 10]
    return tens[0] if len(tens) == 1 else ""


def with_whisper_number(words: Sequence[str], span: tuple[int, int], digits: str) -> str:
    """``words`` with the stretch ``span`` (where the domain LM heard a number) replaced by
    Whisper's ten digits."""
    said = [DIGIT_WORDS[int(d)] for d in digits]
    return " ".join([*words[: span[0]], *said, *words[span[1] + 1 :]])


class WhisperSentenceReader:
    """Whisper tiny.en (the model :mod:`.second_opinion` loads), prompted with
    :data:`PROMPT`."""

    def __init__(self, model: Any, shared: second_opinion.SharedReader | None = None) -> None:
        self._model = model
        self._shared = shared
        """The number reader sharing the model: one decode at a time, none while other
        callers wait (then pocketsphinx's reading stands)."""

    def hear(self, samples: npt.NDArray[np.int16]) -> Heard:
        if self._shared is not None:
            return self._shared.run(lambda: self._hear(samples), Heard("", -10.0, 1.0))
        return self._hear(samples)

    def _hear(self, samples: npt.NDArray[np.int16]) -> Heard:
        segs = second_opinion.transcribe(self._model, samples, initial_prompt=PROMPT)
        if not segs:
            return Heard("", -10.0, 1.0)
        return Heard(
            spoken(" ".join(s.text for s in segs)),
            min(s.avg_logprob for s in segs),
            max(s.no_speech_prob for s in segs),
        )


def load(name: str | None, *, opening: bool = False) -> SentenceReader | None:
    """Whisper's sentence reader when ``name`` is "whisper-all", or "whisper" with
    ``opening`` (the reader then reads a call's opening request only:
    :attr:`.recognizer.RecognizerConfig.opening_opinion`), and it is installed (the model
    :mod:`.second_opinion` loads, shared); else None."""
    if name != second_opinion.WHISPER_ALL and not (opening and name == second_opinion.WHISPER):
        return None
    shared = second_opinion.load(name)
    if shared is None:
        return None
    return WhisperSentenceReader(second_opinion.whisper_model(), shared)
