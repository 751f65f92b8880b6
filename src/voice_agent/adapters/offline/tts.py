"""Embedded text-to-speech: espeak-ng behind the livekit-agents ``tts.TTS`` interface.

``EspeakTTS`` is a non-streaming TTS (the session wraps it in ``tts.StreamAdapter``, which
synthesises sentence by sentence). Each ``synthesize()`` call renders the text in a worker
thread (espeak is fast: a few ms per sentence) and pushes 22050 Hz mono PCM to the
framework's ``AudioEmitter`` in 100 ms chunks. The framework's ``TTSMetrics`` counts
``characters_count`` from the input text, so offline speech is priced per character exactly
like a cloud TTS.

:func:`synthesize` is the same engine as a plain function, for making caller audio in tests,
demos and benchmarks.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
import numpy.typing as npt
from livekit.agents import APIConnectionError, tts, utils
from livekit.agents.types import DEFAULT_API_CONNECT_OPTIONS, APIConnectOptions

from voice_agent.adapters.offline import espeak

logger = logging.getLogger(__name__)

SAMPLE_RATE = espeak.SAMPLE_RATE
NUM_CHANNELS = 1
CHUNK_SECONDS = 0.1


def synthesize(
    text: str,
    *,
    voice: str = espeak.DEFAULT_VOICE,
    rate: int = espeak.DEFAULT_RATE_WPM,
    pitch: int = espeak.DEFAULT_PITCH,
    seed: int | None = None,
    apart: bool = False,
) -> tuple[npt.NDArray[np.int16], int]:
    """Render ``text`` with espeak-ng; returns (int16 mono samples, 22050). Blocking.
    ``seed``: the same samples in every process (:func:`.espeak.synth`); with ``apart`` too
    (needs a seed), rendered in a library of its own (:func:`.espeak.synth_apart`), so
    whatever else the process renders before or at the same time cannot change it."""
    settings = espeak.VoiceSettings(voice=voice, rate=rate, pitch=pitch)
    if apart:
        if seed is None:
            raise ValueError("a render apart needs a seed")
        return espeak.synth_apart(text, settings, seed=seed), SAMPLE_RATE
    samples = espeak.synth(text, settings, seed=seed)
    return samples, SAMPLE_RATE


@dataclass(frozen=True)
class EspeakOptions:
    voice: str = espeak.DEFAULT_VOICE
    rate: int = espeak.DEFAULT_RATE_WPM
    pitch: int = espeak.DEFAULT_PITCH


class EspeakTTS(tts.TTS[Literal["metrics_collected", "error"]]):
    """Offline TTS using the libespeak-ng bundled with ``espeakng_loader``."""

    def __init__(
        self,
        *,
        voice: str = espeak.DEFAULT_VOICE,
        rate: int = espeak.DEFAULT_RATE_WPM,
        pitch: int = espeak.DEFAULT_PITCH,
    ) -> None:
        """
        Args:
            voice: espeak voice name, optionally with a variant ("en-us", "en-us+f3").
            rate: speaking rate in words per minute (espeak accepts about 80-450).
            pitch: base pitch, 0-100.
        """
        super().__init__(
            capabilities=tts.TTSCapabilities(streaming=False),
            sample_rate=SAMPLE_RATE,
            num_channels=NUM_CHANNELS,
        )
        self._opts = EspeakOptions(voice=voice, rate=rate, pitch=pitch)

    @property
    def model(self) -> str:
        return "espeak-ng"

    @property
    def provider(self) -> str:
        return "espeak-ng"

    @property
    def options(self) -> EspeakOptions:
        return self._opts

    def update_options(
        self, *, voice: str | None = None, rate: int | None = None, pitch: int | None = None
    ) -> None:
        """Change voice/rate/pitch for subsequent syntheses."""
        self._opts = replace(
            self._opts,
            voice=voice if voice is not None else self._opts.voice,
            rate=rate if rate is not None else self._opts.rate,
            pitch=pitch if pitch is not None else self._opts.pitch,
        )

    def prewarm(self) -> None:
        """Load the espeak library and voice data now (blocking, ~20 ms)."""
        espeak.initialize()

    def synthesize(
        self, text: str, *, conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS
    ) -> EspeakChunkedStream:
        return EspeakChunkedStream(tts=self, input_text=text, conn_options=conn_options)


class EspeakChunkedStream(tts.ChunkedStream):
    """One synthesis request; audio is produced in a worker thread."""

    def __init__(self, *, tts: EspeakTTS, input_text: str, conn_options: APIConnectOptions):
        super().__init__(tts=tts, input_text=input_text, conn_options=conn_options)
        self._opts = tts.options

    async def _run(self, output_emitter: tts.AudioEmitter) -> None:
        output_emitter.initialize(
            request_id=utils.shortuuid(),
            sample_rate=SAMPLE_RATE,
            num_channels=NUM_CHANNELS,
            mime_type="audio/pcm",
        )
        text = self._input_text
        if not text.strip():
            output_emitter.flush()
            return
        started = time.perf_counter()
        try:
            samples, _ = await asyncio.to_thread(
                synthesize,
                text,
                voice=self._opts.voice,
                rate=self._opts.rate,
                pitch=self._opts.pitch,
            )
        except espeak.EspeakError as exc:
            raise APIConnectionError(f"espeak-ng synthesis failed: {exc}", retryable=False) from exc
        logger.debug(
            "espeak synthesis done",
            extra={
                "characters": len(text),
                "audio_seconds": round(samples.size / SAMPLE_RATE, 3),
                "synth_ms": round((time.perf_counter() - started) * 1000, 2),
            },
        )
        step = int(SAMPLE_RATE * CHUNK_SECONDS)
        for start in range(0, samples.size, step):
            output_emitter.push(samples[start : start + step].tobytes())
        output_emitter.flush()
