"""A steady tone on the line is no speech: a 220 Hz tone was transcribed as "um"."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from voice_agent.adapters.offline import audio
from voice_agent.adapters.offline.recognizer import Event
from voice_agent.adapters.offline.tones import ToneFilter, steady_tone
from voice_agent.adapters.offline.tts import synthesize

RATE = 16000


def _tone(*freqs: float, seconds: float = 1.0, snr_db: float | None = None) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    wave = sum(np.sin(2 * np.pi * f * t) for f in freqs) * (0.3 * 32767 / len(freqs))
    line = np.concatenate([np.zeros(RATE // 2), wave, np.zeros(RATE // 2)])
    if snr_db is not None:
        noise = np.random.default_rng(7).normal(0, 0.3 * 32767 / np.sqrt(2), line.size)
        line = line + noise / 10 ** (snr_db / 20)
    return np.clip(line, -32768, 32767).astype(np.int16)


@pytest.mark.parametrize("freq", [80, 150, 220, 440, 1000, 2500, 3400, 6000])
def test_a_steady_tone_at_any_pitch_is_a_tone(freq: int) -> None:
    assert steady_tone(_tone(freq), RATE)
    assert steady_tone(_tone(freq, seconds=0.6, snr_db=20), RATE)


def test_tones_with_overtones_or_in_pairs_are_tones() -> None:
    assert steady_tone(_tone(350, 440), RATE)  # a dial tone
    assert steady_tone(_tone(220, 440, 660, 880), RATE)  # a buzz


def test_noise_and_silence_are_not_tones() -> None:
    assert not steady_tone(np.random.default_rng(1).normal(0, 3000, RATE).astype(np.int16), RATE)
    assert not steady_tone(np.zeros(RATE, dtype=np.int16), RATE)
    assert not steady_tone(_tone(440, seconds=0.1), RATE)  # too short to tell


@pytest.mark.parametrize("voice", ["en-us", "en-us+f4", "en-us+klatt", "en-us+m3"])
def test_short_words_and_fillers_are_speech_not_tones(voice: str) -> None:
    for words in ("hmm", "um", "mmm", "yes", "no", "oh", "okay", "nine", "uh huh", "ahhh"):
        for wpm in (150, 80):
            samples, rate = synthesize(words, voice=voice, rate=wpm)
            assert not steady_tone(audio.resample(samples, rate, RATE), RATE), (words, wpm)


class HearsUm:
    """A recogniser that hears "um" in whatever it was fed, at each flush."""

    decoders: Any = None

    def feed(self, data: bytes, *, flush: bool = False, **_: Any) -> list[Event]:
        return [Event("start"), Event("final", "um", 0.5, 0.0, 1.0, "domain")] if flush else []

    def abandon(self) -> None:
        pass


def _decode(samples: np.ndarray) -> list[Event]:
    recognizer = ToneFilter(HearsUm())
    events: list[Event] = []
    chunk = RATE // 10
    for start in range(0, samples.size, chunk):
        piece = samples[start : start + chunk].tobytes()
        last = start + chunk >= samples.size
        events += recognizer.feed(piece, flush=last, src_rate=RATE)
    return events


def test_an_utterance_that_was_a_tone_has_no_words() -> None:
    finals = [e for e in _decode(_tone(220)) if e.kind == "final"]
    assert [e.text for e in finals] == [""]


def test_speech_keeps_its_words_and_each_utterance_is_judged_alone() -> None:
    samples, rate = synthesize("hmm, um", voice="en-us+f4", rate=150)
    speech = audio.resample(samples, rate, RATE)
    finals = [e for e in _decode(speech) if e.kind == "final"]
    assert [e.text for e in finals] == ["um"]
    recognizer = ToneFilter(HearsUm())
    recognizer.feed(_tone(440).tobytes(), flush=True, src_rate=RATE)  # emptied, forgotten
    after = recognizer.feed(speech.tobytes(), flush=True, src_rate=RATE)
    assert [e.text for e in after if e.kind == "final"] == ["um"]
