"""Steady tones on the caller's line (a beep, a hum, a dial or busy tone) are not speech.

The recogniser decodes any sound into the words it knows best: a 220 Hz tone came out as
"um", which the agent then answered. Speech changes its spectrum every few tens of
milliseconds; a tone, pure or with overtones, at any pitch, keeps the same spectrum for as long
as it lasts. :func:`steady_tone` tells the two apart on the loud part of a stretch of audio,
and :class:`ToneFilter` empties the transcript of an utterance that was only a steady tone,
so that it counts as a sound with no words in it, as a click or a breath does.
"""

from __future__ import annotations

from collections import deque
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

FRAME_SECONDS = 0.032
"""The spectrum is compared from one frame of this length to the next."""
MIN_TONE_SECONDS = 0.2
"""Less audio than this (loud, not counting its onset and its end) is too short to call a
tone."""
LOUD_BELOW_TOP_DB = 12.0
"""The frames looked at: those within this many dB of the stretch's loudest ones."""
QUIET_RMS = 100.0
"""Frames quieter than this (about -50 dBFS) are never looked at."""
STEADY_SIMILARITY = 0.95
"""Two frames' magnitude spectra this alike (cosine) are the same sound. Speech moves from
one frame to the next; white noise's spectra are about 0.78 alike."""
STEADY_SHARE = 0.9
"""A stretch is a tone when this share of its loud frames is like the loud frame before.
Of espeak-ng's words said by six voices, "hmm" came nearest, at 0.78."""
KEPT_SECONDS = 20.0
""":class:`ToneFilter` judges at most this much audio before an utterance's end."""


def steady_tone(samples: npt.NDArray[np.int16], sample_rate: int) -> bool:
    """Whether the loud part of ``samples`` is one steady tone (any pitch, pure or with
    overtones, two tones together as a dial tone has), and not speech or noise."""
    n = max(16, int(sample_rate * FRAME_SECONDS))
    count = samples.size // n
    if count < 2:
        return False
    frames = samples[: count * n].reshape(count, n).astype(np.float64)
    rms = np.sqrt(np.mean(frames**2, axis=1))
    top = float(np.percentile(rms, 95))
    loud = rms >= max(QUIET_RMS, top * 10 ** (-LOUD_BELOW_TOP_DB / 20))
    index = np.flatnonzero(loud)
    spectra = np.abs(np.fft.rfft(frames[index] * np.hanning(n), axis=1))
    unit = spectra / np.maximum(np.linalg.norm(spectra, axis=1, keepdims=True), 1e-9)
    similarity = np.sum(unit[1:] * unit[:-1], axis=1)
    adjacent = np.diff(index) == 1  # pairs of loud frames, one after the other
    # a pair at the start or the end of a loud stretch holds its onset or its fading
    before = np.concatenate([[False], adjacent[:-1]])
    after = np.concatenate([adjacent[1:], [False]])
    inner = adjacent & before & after
    if inner.sum() * FRAME_SECONDS < MIN_TONE_SECONDS:
        return False
    steady = similarity[inner] >= STEADY_SIMILARITY
    return float(steady.mean()) >= STEADY_SHARE


class Events(Protocol):
    """A streaming recogniser: raw audio in, events out (``recognizer.StreamRecognizer``)."""

    decoders: Any

    def feed(
        self, data: bytes, *, flush: bool = False, expect: Any = ..., src_rate: int = ...
    ) -> list[Any]: ...

    def abandon(self) -> None: ...


class ToneFilter:
    """A streaming recogniser whose finals are emptied when the audio since the one before
    was a steady tone (see the module's docstring). Everything else passes as it came."""

    def __init__(self, recognizer: Events) -> None:
        self.recognizer = recognizer
        self._audio: deque[npt.NDArray[np.int16]] = deque()
        self._kept = 0
        self._rate = 0

    @property
    def decoders(self) -> Any:
        return self.recognizer.decoders

    def abandon(self) -> None:
        self.recognizer.abandon()

    def feed(self, data: bytes, **kwargs: Any) -> list[Any]:
        rate = int(kwargs.get("src_rate") or 16000)
        if rate != self._rate:
            self._audio.clear()
            self._kept, self._rate = 0, rate
        chunk = np.frombuffer(data, dtype=np.int16)
        self._audio.append(chunk)
        self._kept += chunk.size
        while self._audio and self._kept - self._audio[0].size >= KEPT_SECONDS * rate:
            self._kept -= self._audio.popleft().size
        events = self.recognizer.feed(data, **kwargs)
        for i, event in enumerate(events):
            if event.kind != "final":
                continue
            heard = np.concatenate(self._audio) if self._audio else chunk[:0]
            self._audio.clear()
            self._kept = 0
            if heard.size and steady_tone(heard, rate):
                # marked even when no word came of it: the session then knows it was a
                # tone, not speech it failed to understand (which the caller is asked to repeat)
                events[i] = event._replace(text="", confidence=0.0, source="tone")
        return events
