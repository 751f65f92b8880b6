"""Speech engine fakes: an STT that hears what it is told to, a TTS that renders a tone."""

from __future__ import annotations

import asyncio
import math
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import numpy as np
from livekit import rtc
from livekit.agents import stt, tts
from livekit.agents.language import LanguageCode
from livekit.agents.types import (
    DEFAULT_API_CONNECT_OPTIONS,
    NOT_GIVEN,
    APIConnectOptions,
    NotGivenOr,
)
from livekit.agents.utils import AudioBuffer

from voice_agent.testing.fakes.base import EVERY, EngineFake

STT_SAMPLE_RATE = 16000
# like a cloud STT with manual flush (the session flushes at end of speech): finals only
_FLUSHED_STREAM = stt.STTCapabilities(streaming=True, interim_results=False, manual_flush=True)
_CHUNKED = tts.TTSCapabilities(streaming=False)


def _final(text: str) -> stt.SpeechEvent:
    return stt.SpeechEvent(
        type=stt.SpeechEventType.FINAL_TRANSCRIPT,
        request_id=uuid.uuid4().hex,
        alternatives=[stt.SpeechData(language=LanguageCode("en"), text=text, confidence=1.0)],
    )


class FakeSTT(EngineFake, stt.STT[Any]):
    """Hears ``text``, ``delay`` seconds after it is asked.

    ``recognize`` (batch) always hears ``text``. The stream works like a cloud STT with
    ``manual_flush``: the session flushes it when the VAD ends the caller's turn, and the FINAL
    transcript follows ``delay`` seconds later; a stream hears ``text`` once (set it before
    each turn), later flushes hear nothing. Events: ``stt_flush``, ``stt_final``, ``stt_fail``.
    ``fail_on`` counts recognize calls and stream flushes separately.
    """

    def __init__(
        self,
        text: str = "hello",
        *,
        delay: float = 0.0,
        provider: str = "fake-stt",
        fail_on: Collection[int] = (),
        retryable: bool = True,
    ) -> None:
        stt.STT.__init__(self, capabilities=_FLUSHED_STREAM)
        self._init_fake(provider=provider, fail_on=fail_on, retryable=retryable)
        self.text = text
        self.delay = delay
        self.calls = 0
        self.flushes = 0
        self.answered = 0
        """Flushes whose final was sent (or failed)."""

    async def _recognize_impl(
        self,
        buffer: AudioBuffer,
        *,
        language: NotGivenOr[str] = NOT_GIVEN,
        conn_options: APIConnectOptions,
    ) -> stt.SpeechEvent:
        self.calls += 1
        if self.delay > 0:
            await asyncio.sleep(self.delay)
        self.check_failure("stt", self.calls)
        return _final(self.text)

    def stream(
        self,
        *,
        language: NotGivenOr[str] = NOT_GIVEN,
        conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS,
    ) -> stt.RecognizeStream:
        return _FakeSTTStream(self, conn_options=conn_options)


class DecodingSTT(FakeSTT):
    """A FakeSTT that, like the offline recogniser, says whether it holds speech it has not
    finished transcribing (``decoding``: a stream was flushed and its final is not out yet)."""

    @property
    def decoding(self) -> bool:
        return self.answered < self.flushes


class ToneSTT(FakeSTT):
    """A FakeSTT that, like the offline recogniser, counts the steady tones it gave no words
    for (``tones``: a beep, a hum); :meth:`hear_a_tone` is one more."""

    def __init__(self, text: str = "", **kwargs: Any) -> None:
        super().__init__(text, **kwargs)
        self.tones = 0

    def hear_a_tone(self) -> None:
        self.tones += 1


class FailingSTT(FakeSTT):
    """Every request fails (not retryable)."""

    def __init__(self, *, provider: str = "broken-stt") -> None:
        super().__init__(provider=provider, fail_on=EVERY, retryable=False)


class _FakeSTTStream(stt.RecognizeStream):
    def __init__(self, fake: FakeSTT, *, conn_options: APIConnectOptions) -> None:
        super().__init__(stt=fake, conn_options=conn_options, sample_rate=STT_SAMPLE_RATE)
        self._fake = fake

    async def _run(self) -> None:
        fake = self._fake
        pending: set[asyncio.Task[None]] = set()
        samples = 0
        error: list[BaseException] = []

        async def finalize(n: int, text: str, audio: float) -> None:
            try:
                await asyncio.sleep(fake.delay)
                fake.check_failure("stt", n)
                fake.stamp("stt_final", n)
                self._event_ch.send_nowait(_final(text))
                if audio > 0:
                    self._event_ch.send_nowait(
                        stt.SpeechEvent(
                            type=stt.SpeechEventType.RECOGNITION_USAGE,
                            recognition_usage=stt.RecognitionUsage(audio_duration=audio),
                        )
                    )
            except BaseException as exc:  # surfaced by _run below
                error.append(exc)
                raise
            finally:
                fake.answered += 1

        async for item in self._input_ch:
            if error:
                break
            if isinstance(item, rtc.AudioFrame):
                samples += item.samples_per_channel
                continue
            fake.flushes += 1
            n = fake.flushes
            fake.stamp("stt_flush", n)
            text, fake.text = fake.text, ""  # one transcript per turn; later flushes: empty
            task = asyncio.create_task(finalize(n, text, samples / STT_SAMPLE_RATE))
            samples = 0
            pending.add(task)
            task.add_done_callback(pending.discard)
            if n in fake.fail_on:
                await asyncio.gather(task, return_exceptions=True)
                break
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)
        if error and isinstance(error[0], Exception):
            raise error[0]


@dataclass(frozen=True)
class Pacing:
    """How a FakeTTS answers: audio of ``seconds_per_char`` per character (within
    ``min_seconds`` and ``max_seconds``), its first 100 ms chunk ``first_audio_delay`` seconds
    after the request, the rest ``speed`` times faster than real time (0: all at once)."""

    first_audio_delay: float = 0.0
    speed: float = 0.0
    seconds_per_char: float = 0.01
    min_seconds: float = 0.01
    max_seconds: float = math.inf

    def seconds_for(self, text: str) -> float:
        return min(self.max_seconds, max(self.min_seconds, len(text) * self.seconds_per_char))


INSTANT = Pacing()
CLOUD_LIKE = Pacing(
    first_audio_delay=0.09, speed=4.0, seconds_per_char=0.03, min_seconds=0.2, max_seconds=1.5
)
"""Like a cloud TTS: first audio after 90 ms, then 4x real time, 0.2 to 1.5 s per sentence."""


class FakeTTS(EngineFake, tts.TTS[Any]):
    """Renders a quiet tone for each text, paced by ``pacing`` (not streaming: the session
    wraps it in a sentence ``StreamAdapter``, like the offline engine). Records ``texts`` and
    the events ``tts_call``, ``tts_first_audio``, ``tts_fail``.
    """

    CHUNK_SECONDS = 0.1

    def __init__(
        self,
        *,
        pacing: Pacing = INSTANT,
        sample_rate: int = 16000,
        provider: str = "fake-tts",
        fail_on: Collection[int] = (),
        retryable: bool = True,
    ) -> None:
        tts.TTS.__init__(self, capabilities=_CHUNKED, sample_rate=sample_rate, num_channels=1)
        self._init_fake(provider=provider, fail_on=fail_on, retryable=retryable)
        self.pacing = pacing
        self.texts: list[str] = []

    @property
    def calls(self) -> int:
        return len(self.texts)

    def synthesize(
        self, text: str, *, conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS
    ) -> tts.ChunkedStream:
        self.texts.append(text)
        self.stamp("tts_call", self.calls)
        return _Chunked(tts=self, input_text=text, conn_options=conn_options, n=self.calls)


class FailingTTS(FakeTTS):
    """Every request fails (not retryable)."""

    def __init__(self, *, provider: str = "broken-tts") -> None:
        super().__init__(provider=provider, fail_on=EVERY, retryable=False)


class _Chunked(tts.ChunkedStream):
    def __init__(
        self, *, tts: FakeTTS, input_text: str, conn_options: APIConnectOptions, n: int
    ) -> None:
        super().__init__(tts=tts, input_text=input_text, conn_options=conn_options)
        self._fake = tts
        self._n = n

    async def _run(self, output_emitter: tts.AudioEmitter) -> None:
        fake, n = self._fake, self._n
        rate = fake.sample_rate
        output_emitter.initialize(
            request_id=uuid.uuid4().hex, sample_rate=rate, num_channels=1, mime_type="audio/pcm"
        )
        pacing = fake.pacing
        if pacing.first_audio_delay > 0:
            await asyncio.sleep(pacing.first_audio_delay)
        fake.check_failure("tts", n)
        total = int(rate * pacing.seconds_for(self.input_text))
        chunk = int(rate * fake.CHUNK_SECONDS)
        t = np.arange(total) / rate
        audio = (1500 * np.sin(2 * math.pi * 220 * t)).astype(np.int16)  # a quiet hum
        for i, start in enumerate(range(0, total, chunk)):
            if i == 0:
                fake.stamp("tts_first_audio", n)
            elif pacing.speed > 0:
                await asyncio.sleep(fake.CHUNK_SECONDS / pacing.speed)
            output_emitter.push(audio[start : start + chunk].tobytes())
        output_emitter.flush()
