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
WEEKDAY_WORDS = frozenset(
    _words("monday tuesday wednesday thursday friday saturday sunday today tomorrow")
)
"""Days whose hour said straight after is a time of day ("thursday eleven", "tomorrow two"):
how a caller runs a day and its hour together, and how Whisper writes "Thursday at eleven"
when it loses the "at"."""


def particulars(text: str) -> set[str]:
    """The kinds of particular (:func:`_particulars`) the words of ``text`` hold."""
    return _particulars(text.split())


def _particulars(words: Sequence[str], *, day_hour: bool = False) -> set[str]:
    """The kinds of particular ``words`` hold: "day", "time". A number word on its own is
    neither: the domain LM fills a garbled opening with them ("hi eight i need to come is the
    my appointment the one on monday" for "... cancel my appointment on monday"); a run of
    digits is checked on its own (:func:`keeps_particulars`). With ``day_hour`` (Whisper's
    side of :func:`keeps_particulars`), an hour straight after a day is a time too
    ("thursday eleven": how Whisper writes "Thursday at eleven" when it loses the "at"); not
    on the domain LM's side, whose garble is full of days and number words ("... three p
    sunday eight" for "... wednesday afternoon i'm not registered yet")."""
    kinds = set()
    words = [w[:-2] if w.endswith("'s") else w for w in words]  # "o'clock's fine"
    words = _without_greeting(words)
    if any(w in DAY_WORDS for w in words):
        kinds.add("day")
    before = BEFORE_AN_HOUR | WEEKDAY_WORDS if day_hour else BEFORE_AN_HOUR
    hour_said = any(
        words[i] in before and words[i + 1] in HOUR_WORDS for i in range(len(words) - 1)
    )
    if hour_said or any(w in TIME_WORDS for w in words) or _clock_pair(words):
        kinds.add("time")
    return kinds


def _clock_pair(words: Sequence[str]) -> bool:
    """Whether ``words`` say a time in two words (:data:`TIME_PAIRS`): "half past", "quarter
    to", or "a m" / "p m" after a number ("ten a m"); a lone "p m" after no number is the
    domain LM's filler for speech it could not place ("hello p m on got an appointment ...")."""
    for i in range(len(words) - 1):
        pair = f"{words[i]} {words[i + 1]}"
        if pair in TIME_PAIRS and (words[i + 1] != "m" or (i and words[i - 1] in NUMBER_WORDS)):
            return True
    return False


GREETING_OPENERS = frozenset(_words("hi hello hiya hey yes yeah oh um uh good"))
"""Words a caller may open with before "morning" or "afternoon" as a greeting."""
GREETING_TIMES = frozenset(_words("morning afternoon evening"))
"""Time words that, said first, greet ("morning, this is Lou", "good afternoon")."""


def _without_greeting(words: Sequence[str]) -> list[str]:
    """``words`` without a greeting's time word: "morning" / "good afternoon" said before
    any other word but a greeting's ("hi", "good", "yes"): "morning this is lou ... cancel
    wednesday the ninth at eleven" holds a time for its "at eleven", not for "morning"."""
    for i, word in enumerate(words):
        if word in GREETING_TIMES:
            return [*words[:i], *words[i + 1 :]]
        if word not in GREETING_OPENERS:
            break
    return list(words)


def _digit_runs(words: Sequence[str]) -> list[tuple[int, int]]:
    """The (start, end) of each run of digit words ("oh" a digit) in ``words``."""
    runs: list[tuple[int, int]] = []
    start = None
    for i, word in enumerate([*words, ""]):
        if word in DIGIT_WORDS or word == "oh":
            start = i if start is None else start
        elif start is not None:
            runs.append((start, i))
            start = None
    return runs


def _longest_digit_run(words: Sequence[str]) -> int:
    return max((end - start for start, end in _digit_runs(words)), default=0)


def keeps_particulars(first: str, whisper: str) -> bool:
    """Whether Whisper's sentence keeps each kind of particular pocketsphinx's ``first``
    holds: a day, a time of day, and a run of digits at least as long. It may
    name another day or hour (that is what it is for: "thursday" where the domain LM heard
    "sunday"), never none: "yes can i change it to eleven a m" read "yes can i change it
    until the end of the day" loses the time and so does not stand."""
    said, heard = first.split(), whisper.split()
    if not _particulars(said) <= _particulars(heard, day_hour=True):
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
GARBLE_RUN = 4
"""Most digits in a row a garbled domain-LM reading may hold as filler ("oh two oh", "four
nine two" where no number was said): a longer run may be part of a phone number and is kept
(:func:`outweighs_garble`)."""


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
    reading) or a short run of its digits: Whisper sure (:data:`SURE_LOGPROB`) of a sentence
    of :data:`SENTENCE_WORDS` or more words, ``first`` garbled (sharing under
    :data:`GARBLED_SHARE` of its words with it), its time only a lone time word
    (:func:`_lone_time_word`) or its digits runs of :data:`GARBLE_RUN` or fewer (voice50: "hi
    it's liam can i meant about twenty week it's oh two oh and booked for tuesday ..." for
    "... i rang about twenty minutes ago and booked for tuesday and i forgot to write down
    the reference number", Whisper's sentence right word for word; three of the 26 fresh72
    calls lost by voice were first lost so), and no day or other digits of ``first``
    dropped. The domain LM
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
    lone = _lone_time_word(said)
    short = DIGIT_RUN <= _longest_digit_run(said) <= GARBLE_RUN
    if shared >= GARBLED_SHARE * len(said) or not (lone or short):
        return False
    rest = [w for w in said if not (lone and w in TIME_WORDS)]
    if short:
        rest = _without_digit_runs(rest)
    return keeps_particulars(" ".join(rest), heard.text)


def _without_digit_runs(words: Sequence[str]) -> list[str]:
    """``words`` without their runs of :data:`DIGIT_RUN` or more digit words."""
    out = list(words)
    for a, b in reversed(_digit_runs(out)):
        if b - a >= DIGIT_RUN:
            del out[a:b]
    return out


def prefer_whisper(
    heard: Heard, first: str, vocabulary: Collection[str], min_logprob: float = MIN_LOGPROB
) -> bool:
    """Whether Whisper's reading stands in place of ``first`` (pocketsphinx's): it heard
    words, was sure of them, they are in ``vocabulary``, and it drops no day, time or
    digits ``first`` heard (:func:`keeps_particulars`) - but a lone time word of a garbled
    ``first`` where Whisper is surer of a whole sentence (:func:`outweighs_garble`)."""
    if not heard.text or heard.text == first:
        return False
    return sure_of(heard, vocabulary, min_logprob) and (
        keeps_particulars(first, heard.text) or outweighs_garble(first, heard)
    )


def sure_of(heard: Heard, vocabulary: Collection[str], min_logprob: float = MIN_LOGPROB) -> bool:
    """Whether Whisper heard speech, was sure of it (:data:`MAX_NO_SPEECH`,
    ``min_logprob``) and wrote English words (:data:`MIN_IN_VOCABULARY` of them in
    ``vocabulary``): the bar any sentence of its must pass to stand."""
    return (
        bool(heard.text)
        and heard.no_speech_prob <= MAX_NO_SPEECH
        and heard.avg_logprob >= min_logprob
        and in_vocabulary(heard.text, vocabulary) >= MIN_IN_VOCABULARY
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


NUMBER_DIGITS = 10
"""Digits in a row of the domain LM's reading that make a phone number heard (a number
Whisper's sentence may write short, :func:`with_domain_number`)."""


def with_domain_number(first: str, whisper: str) -> str:
    """Whisper's sentence with the phone number the domain LM heard (``first``'s one run of
    :data:`NUMBER_DIGITS` digits) in place of Whisper's shorter run of it, where
    that number is all Whisper's sentence drops (:func:`keeps_particulars` of ``first``
    without it): Whisper writes a number said in passing a digit or two short ("seven one
    eight five five four three seven seven" for 718 555 0377) and the whole sentence round
    it was kept out for that - "... i have one tomorrow at two but im not gonna make it can
    i do monday instead same time" read "... at to book you got the make it ...". The
    number is the domain LM's as when its reading stood, weighed the same way after
    (:meth:`.recognizer.Utterance.weigh_number`, the opening's digit reader); "" where this
    does not hold."""
    said, heard = first.split(), whisper.split()
    long_runs = [(a, b) for a, b in _digit_runs(said) if b - a == NUMBER_DIGITS]
    runs = [(a, b) for a, b in _digit_runs(heard) if b - a >= DIGIT_RUN]
    if len(long_runs) != 1 or len(runs) != 1:
        return ""
    (a, b), (c, d) = long_runs[0], runs[0]
    if d - c >= b - a or (c > 0 and heard[c - 1] in DAY_WORDS):
        # a number written after a month or a day would read as its date ("on december
        # three one two ...", Whisper's "on december one two ..." for "... number three one two")
        return ""
    rest = " ".join([*said[:a], *said[b:]])
    if not keeps_particulars(rest, whisper):
        return ""
    return " ".join([*heard[:c], *said[a:b], *heard[d:]])
