"""Audio I/O for an AgentSession without a LiveKit room.

`ScriptedCallerInput` plays a caller into the session as a real-time stream of 20 ms frames
(silence between utterances, so VAD and STT see what a microphone would send).
`RecordingAudioOutput` receives the agent's audio, simulates real-time playout (so
interruptions and turn-taking behave as on a call) and keeps a timeline of both sides for a
stereo WAV (left: caller, right: agent).
"""

from __future__ import annotations

import asyncio
import logging
import time
import wave
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt
from livekit import rtc
from livekit.agents.voice import io

from voice_agent.adapters.offline.audio import Int16Array, as_int16, resample, to_audio_frame

logger = logging.getLogger(__name__)

SAMPLE_RATE = 16_000
FRAME_MS = 20
_FRAME = SAMPLE_RATE * FRAME_MS // 1000
VOICED_THRESHOLD = 300  # |sample| above this (of 32767) counts as voice, about -40 dBFS


@dataclass
class Timeline:
    """Both sides of a call on one clock, at SAMPLE_RATE, for writing a stereo WAV."""

    started: float = field(default_factory=time.monotonic)
    caller: list[tuple[float, Int16Array]] = field(default_factory=list)
    agent: list[tuple[float, Int16Array]] = field(default_factory=list)

    def now(self) -> float:
        return time.monotonic() - self.started

    def stereo(self) -> Int16Array:
        def place(parts: list[tuple[float, Int16Array]], n: int) -> Int16Array:
            track = np.zeros(n, dtype=np.int32)
            for at, samples in parts:
                start = int(at * SAMPLE_RATE)
                end = min(n, start + samples.size)
                track[start:end] += samples[: end - start]
            return np.clip(track, -32768, 32767).astype(np.int16)

        ends = [at + s.size / SAMPLE_RATE for at, s in self.caller + self.agent] or [0.0]
        n = int(max(ends) * SAMPLE_RATE) + 1
        return np.stack([place(self.caller, n), place(self.agent, n)], axis=1).reshape(-1)


class ScriptedCallerInput(io.AudioInput):
    """A caller that speaks queued utterances in real time, with silence in between."""

    def __init__(self, timeline: Timeline, *, realtime: bool = True) -> None:
        super().__init__(label="scripted-caller")
        self._timeline = timeline
        self._realtime = realtime
        self._pending: asyncio.Queue[Int16Array] = asyncio.Queue()
        self._current = np.zeros(0, dtype=np.int16)
        self._pos = 0
        self._next_due: float | None = None
        self._closed = False
        self._voiced_until = 0
        self._speech_done: asyncio.Event = asyncio.Event()
        self._speech_done.set()
        self.last_end_of_speech: float | None = None

    def say(self, samples: Int16Array, sample_rate: int) -> asyncio.Event:
        """Queue an utterance; the returned event is set when its last frame has been sent."""
        audio = resample(as_int16(samples), sample_rate, SAMPLE_RATE)
        self._speech_done = asyncio.Event()
        self._pending.put_nowait(audio)
        return self._speech_done

    @staticmethod
    def _voiced_end(audio: Int16Array) -> int:
        """Index just past the last loud sample: where the caller really stops talking
        (synthesised clips end with silence that must not count as speech)."""
        loud = np.flatnonzero(np.abs(audio.astype(np.int32)) > VOICED_THRESHOLD)
        return int(loud[-1]) + 1 if loud.size else 0

    def close(self) -> None:
        self._closed = True

    async def __anext__(self) -> rtc.AudioFrame:
        if self._closed:
            raise StopAsyncIteration
        loop_now = time.monotonic()
        if self._next_due is None:
            self._next_due = loop_now
        if self._realtime and self._next_due > loop_now:
            await asyncio.sleep(self._next_due - loop_now)
        self._next_due += FRAME_MS / 1000
        if self._pos >= self._current.size and not self._pending.empty():
            self._current = self._pending.get_nowait()
            self._pos = 0
            self._voiced_until = self._voiced_end(self._current)
            self._timeline.caller.append((self._timeline.now(), self._current))
        if self._pos < self._current.size:
            chunk = self._current[self._pos : self._pos + _FRAME]
            before = self._pos
            self._pos += _FRAME
            if before < self._voiced_until <= self._pos:
                # the frame holding the last voiced sample goes out now
                self.last_end_of_speech = time.monotonic() + (
                    (self._voiced_until - before) / SAMPLE_RATE if self._realtime else 0.0
                )
            if chunk.size < _FRAME:
                chunk = np.concatenate([chunk, np.zeros(_FRAME - chunk.size, dtype=np.int16)])
            if self._pos >= self._current.size:
                self._speech_done.set()
            return to_audio_frame(chunk, SAMPLE_RATE)
        return to_audio_frame(np.zeros(_FRAME, dtype=np.int16), SAMPLE_RATE)


class RecordingAudioOutput(io.AudioOutput):
    """Collects agent audio and plays it out on a simulated real-time clock."""

    def __init__(self, timeline: Timeline, *, realtime: bool = True) -> None:
        super().__init__(
            label="recording-output",
            next_in_chain=None,
            sample_rate=SAMPLE_RATE,
            capabilities=io.AudioOutputCapabilities(pause=False),
        )
        self._timeline = timeline
        self._realtime = realtime
        self._segment_start: float | None = None
        self._segment_at: float = 0.0
        self._pushed = 0.0
        self._interrupted = asyncio.Event()
        self._playout: asyncio.Task[None] | None = None
        self.first_frame_times: list[float] = []
        self.frames_late: list[float] = []
        self._segment_started = asyncio.Event()

    async def capture_frame(self, frame: rtc.AudioFrame) -> None:
        await super().capture_frame(frame)
        if self._playout is not None and not self._playout.done():
            await self._playout
        if self._segment_start is None:
            self._segment_start = time.monotonic()
            self._segment_at = self._timeline.now()
            self._pushed = 0.0
            self.first_frame_times.append(self._segment_start)
            self._segment_started.set()
            self.on_playback_started(created_at=time.time())
        elif self._realtime:
            # A frame arriving after the audio before it finished playing is an audible gap.
            lateness = time.monotonic() - (self._segment_start + self._pushed)
            if lateness > 0:
                self.frames_late.append(lateness)
        samples = np.frombuffer(frame.data, dtype=np.int16)
        if frame.num_channels > 1:
            samples = samples.reshape(-1, frame.num_channels).mean(axis=1).astype(np.int16)
        if frame.sample_rate != SAMPLE_RATE:
            samples = resample(samples, frame.sample_rate, SAMPLE_RATE)
        self._timeline.agent.append((self._segment_at + self._pushed, samples))
        self._pushed += frame.duration

    async def wait_for_segment(self, count: int) -> float:
        """Wait until more than ``count`` segments have started; the start time of the next."""
        while len(self.first_frame_times) <= count:
            self._segment_started.clear()
            await self._segment_started.wait()
        return self.first_frame_times[count]

    def flush(self) -> None:
        super().flush()
        if self._segment_start is None:
            return
        self._interrupted.clear()
        self._playout = asyncio.create_task(self._wait_playout(self._segment_start, self._pushed))
        self._segment_start = None

    def clear_buffer(self) -> None:
        self._interrupted.set()

    async def _wait_playout(self, started: float, duration: float) -> None:
        remaining = started + duration - time.monotonic() if self._realtime else 0.0
        interrupted = False
        if remaining > 0:
            try:
                await asyncio.wait_for(self._interrupted.wait(), timeout=remaining)
                interrupted = True
            except TimeoutError:
                pass
        played = min(duration, time.monotonic() - started) if interrupted else duration
        self.on_playback_finished(playback_position=played, interrupted=interrupted)

    async def aclose(self) -> None:
        if self._playout is not None and not self._playout.done():
            self._playout.cancel()


LISTENING_LEVEL_DBFS = -20.0  # speech level of both sides in a call's WAV
_KNEE = 0.7 * 32767  # a soft limiter rounds off the rare peaks above this
_CEILING = 0.98 * 32767  # ... and never lets them past this


def _voiced(samples: Int16Array, frame: int = _FRAME) -> npt.NDArray[np.float64]:
    """The voiced 20 ms frames of ``samples`` (as floats, one row each)."""
    n = samples.size // frame
    frames = samples[: n * frame].astype(np.float64).reshape(n, frame)
    voiced: npt.NDArray[np.float64] = frames[np.abs(frames).max(axis=1) > VOICED_THRESHOLD]
    return voiced


def speech_rms_dbfs(samples: Int16Array) -> float:
    """The RMS level of the voiced 20 ms frames, in dB below full scale (-inf: no voice).

    Pauses are left out, so a side that speaks little is not measured as quiet."""
    voiced = _voiced(samples)
    if voiced.size == 0:
        return float("-inf")
    return 20.0 * float(np.log10(np.sqrt(np.mean(voiced**2)) / 32767.0))


def _headroom_dbfs(samples: Int16Array) -> float:
    """How loud the speech can be made with no more than one sample in a thousand reaching
    the limiter's ceiling."""
    voiced = _voiced(samples)
    if voiced.size == 0:
        return float("inf")
    peak = float(np.percentile(np.abs(voiced), 99.9))
    return speech_rms_dbfs(samples) + 20.0 * float(np.log10(_CEILING / peak))


def _soft_limit(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    magnitude = np.abs(x)
    over = magnitude > _KNEE
    room = _CEILING - _KNEE
    limited = x.copy()
    limited[over] = np.sign(x[over]) * (_KNEE + room * np.tanh((magnitude[over] - _KNEE) / room))
    return limited


def level_speech(samples: Int16Array, target_dbfs: float = LISTENING_LEVEL_DBFS) -> Int16Array:
    """``samples`` with their speech at ``target_dbfs``; peaks rounded off, never clipped."""
    level = speech_rms_dbfs(samples)
    if level == float("-inf"):
        return samples
    gain = 10.0 ** ((target_dbfs - level) / 20.0)
    leveled: Int16Array = np.round(_soft_limit(samples.astype(np.float64) * gain)).astype(np.int16)
    return leveled


def level_stereo(interleaved: Int16Array) -> Int16Array:
    """Both sides of an interleaved stereo call at one speech level, so a listener hears the
    caller as well as the agent (their voices come from engines of different loudness).
    The level is LISTENING_LEVEL_DBFS, or lower when a side's peaks leave less headroom. Only
    the written recording changes, never what the engines heard."""
    pairs = interleaved.reshape(-1, 2)
    sides = [pairs[:, 0].copy(), pairs[:, 1].copy()]
    target = min([LISTENING_LEVEL_DBFS, *(_headroom_dbfs(s) for s in sides)])
    left, right = (level_speech(s, target) for s in sides)
    return np.stack([left, right], axis=1).reshape(-1)


def write_stereo_wav(path: str | Path, interleaved: Int16Array, sample_rate: int) -> None:
    with wave.open(str(path), "wb") as wf:
        wf.setnchannels(2)
        wf.setsampwidth(2)
        wf.setframerate(sample_rate)
        wf.writeframes(interleaved.astype("<i2").tobytes())


def split_utterances(
    samples: Int16Array, sample_rate: int, *, min_gap: float = 1.0, window: float = 0.02
) -> list[Int16Array]:
    """Cut a recording of the caller's side at pauses of at least ``min_gap`` seconds.

    Each piece keeps up to half the pause on either side; pieces without voice are dropped.
    """
    size = max(1, int(sample_rate * window))
    n = samples.size // size
    if n == 0:
        return []
    frames = np.abs(samples[: n * size].astype(np.int32)).reshape(n, size).max(axis=1)
    voiced = np.flatnonzero(frames > VOICED_THRESHOLD)
    if voiced.size == 0:
        return []
    gap = int(min_gap / window)
    pad = gap // 2
    pieces: list[Int16Array] = []
    start = prev = int(voiced[0])
    for idx in (*voiced[1:].tolist(), None):
        if idx is not None and idx - prev <= gap:
            prev = idx
            continue
        lo, hi = max(0, start - pad), min(n, prev + 1 + pad)
        pieces.append(samples[lo * size : hi * size])
        if idx is not None:
            start = prev = idx
    return pieces
