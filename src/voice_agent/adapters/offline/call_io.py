"""Audio I/O for an AgentSession without a LiveKit room.

`ScriptedCallerInput` plays a caller into the session as a real-time stream of frames (20 ms
at 16 kHz by default; :data:`LIVEKIT_AUDIO` is what a LiveKit room hands the product's
agent: 50 ms frames at the 16 kHz it asks for), with silence between utterances, so VAD and
STT see what a microphone would send.
`RecordingAudioOutput` receives the agent's audio, simulates real-time playout (so
interruptions and turn-taking behave as on a call) and keeps a timeline of both sides for a
stereo WAV (left: caller, right: agent).

Per frame, neither allocates more than the frame itself: silence is one precomputed frame's
bytes, and the agent's audio is kept as it arrived and resampled once, when the WAV is made.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt
from livekit import rtc
from livekit.agents import utils
from livekit.agents.voice import io

from voice_agent.adapters.offline.audio import (
    Int16Array,
    as_int16,
    private_wav,
    resample,
    to_audio_frame,
)
from voice_agent.adapters.offline.recording import VOICED_THRESHOLD
from voice_agent.adapters.voice.session import CALL_INPUT_SAMPLE_RATE

logger = logging.getLogger(__name__)

SAMPLE_RATE = 16_000
FRAME_MS = 20


@dataclass(frozen=True)
class CallAudio:
    """Frame size and rates of a call's audio: what the caller's side sends, and the rate the
    agent's output asks the framework for (``output_frame_ms`` re-frames the agent's audio
    as LiveKit's room output does before its queue; None keeps the frames as they come)."""

    input_rate: int = SAMPLE_RATE
    input_frame_ms: int = FRAME_MS
    output_rate: int = SAMPLE_RATE
    output_frame_ms: int | None = None


LIVEKIT_AUDIO = CallAudio(
    input_rate=CALL_INPUT_SAMPLE_RATE, input_frame_ms=50, output_rate=24_000, output_frame_ms=50
)
"""What the product's calls get from their LiveKit room: the caller at the rate the worker
asks the room for (``call_room_options``: 16 kHz, resampled by LiveKit off the event loop)
in 50 ms frames; the agent's output at the room's default 24 kHz, re-framed to 50 ms before
``rtc.AudioSource``."""

LIVEKIT_DEFAULT_AUDIO = CallAudio(
    input_rate=24_000, input_frame_ms=50, output_rate=24_000, output_frame_ms=50
)
"""A LiveKit room's defaults (``room_io`` ``AudioInputOptions`` / ``AudioOutputOptions``):
24 kHz, 50 ms frames both ways (what a call got before it asked for 16 kHz input)."""


@dataclass
class Timeline:
    """Both sides of a call on one clock, for writing a stereo WAV at SAMPLE_RATE."""

    started: float = field(default_factory=time.monotonic)
    caller: list[tuple[float, Int16Array]] = field(default_factory=list)
    agent: list[tuple[float, Int16Array]] = field(default_factory=list)
    # agent audio as it arrived (start, mono samples, rate): resampled once, in settle()
    agent_raw: list[tuple[float, Int16Array, int]] = field(default_factory=list)

    def now(self) -> float:
        return time.monotonic() - self.started

    def settle(self) -> None:
        """Move the agent's raw audio into ``agent`` at SAMPLE_RATE: contiguous frames are
        joined and resampled as one piece (no per-frame resampling, no seams)."""
        raw, self.agent_raw = self.agent_raw, []
        run: list[Int16Array] = []
        run_at, run_rate, run_end = 0.0, 0, 0.0
        for at, samples, rate in [*raw, (float("inf"), np.zeros(0, dtype=np.int16), 0)]:
            if run and (rate != run_rate or abs(at - run_end) > 1e-6):
                self.agent.append((run_at, resample(np.concatenate(run), run_rate, SAMPLE_RATE)))
                run = []
            if not run:
                run_at, run_rate, run_end = at, rate, at
            run.append(samples)
            run_end += samples.size / rate if rate else 0.0

    def agent_seconds(self) -> float:
        self.settle()
        return sum(s.size for _, s in self.agent) / SAMPLE_RATE

    def stereo(self) -> Int16Array:
        self.settle()

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
    """A caller that speaks queued utterances in real time, with silence in between.

    Frames are handed over as a microphone's would be: once their last sample has been
    spoken, one frame after the first. ``last_end_of_speech`` is when the last voiced sample
    of the latest utterance was spoken (before the frame holding it could be handed over).
    """

    def __init__(
        self,
        timeline: Timeline,
        *,
        realtime: bool = True,
        sample_rate: int = SAMPLE_RATE,
        frame_ms: int = FRAME_MS,
    ) -> None:
        super().__init__(label="scripted-caller")
        self._timeline = timeline
        self._realtime = realtime
        self.sample_rate = sample_rate
        self._frame_s = frame_ms / 1000
        self._frame = sample_rate * frame_ms // 1000
        self._silence = bytes(self._frame * 2)
        self._pending: asyncio.Queue[Int16Array] = asyncio.Queue()
        self._current = np.zeros(0, dtype=np.int16)
        self._pos = 0
        self._next_due: float | None = None
        self._closed = False
        self._detached = False
        self._voiced_until = 0
        self._speech_done: asyncio.Event = asyncio.Event()
        self._speech_done.set()
        self.last_end_of_speech: float | None = None
        self.align_frames = 0
        """With N > 0, each utterance starts at a frame index that is a multiple of N (the
        caller waits up to N - 1 frames more, in silence): a bench's line then starts at the
        same place in the stream in every run, whatever the wall-clock time the agent's
        answer took. The recogniser's noise floor (a 1 s table cycled through) and its
        endpointer (30 ms frames) are laid over the stream from its start, so the same line
        started 50 ms later was heard otherwise (voice30 round: 2 of 3 opening lines read
        differently at some of 18 offsets 50 ms apart). 0: as soon as it is queued."""
        self._frames_out = 0
        self.hold_frames = 0
        """With N > 0, the N silence frames after each utterance go at once (not in real
        time), and then no frame goes until :meth:`speech_ended` (the session's VAD ended
        the caller's turn) or :attr:`hold_timeout` passed: the session's flush of the
        recogniser then comes after exactly those N frames, not wherever the wall clock put
        the VAD's end under load (a bench's repeatability; 0: real time throughout)."""
        self.hold_timeout = 5.0
        self._after_line: int | None = None
        self._release = asyncio.Event()

    def say(self, samples: Int16Array, sample_rate: int) -> asyncio.Event:
        """Queue an utterance; the returned event is set when its last frame has been sent,
        or at once when nobody listens any more (:meth:`on_detached`, :meth:`close`)."""
        audio = resample(as_int16(samples), sample_rate, self.sample_rate)
        self._speech_done = asyncio.Event()
        if self._closed or self._detached:
            self._speech_done.set()
            return self._speech_done
        self._pending.put_nowait(audio)
        return self._speech_done

    def on_detached(self) -> None:
        """The session stopped taking the caller's audio (it closed: the agent ended the call,
        an error, its time limit): what is still to be said goes unheard, and whoever waits
        for it to be said is told now. A caller line that outlasted the call waited forever:
        nobody asks for its frames any more."""
        super().on_detached()
        self._detached = True
        self._drop_unsaid()

    def on_attached(self) -> None:
        super().on_attached()
        self._detached = False

    def _drop_unsaid(self) -> None:
        self._release.set()  # nobody listens: a held frame waits for nothing
        while not self._pending.empty():
            self._pending.get_nowait()
        self._current = np.zeros(0, dtype=np.int16)
        self._pos = 0
        self._speech_done.set()

    @staticmethod
    def _voiced_end(audio: Int16Array) -> int:
        """Index just past the last loud sample: where the caller really stops talking
        (synthesised clips end with silence that must not count as speech)."""
        loud = np.flatnonzero(np.abs(audio.astype(np.int32)) > VOICED_THRESHOLD)
        return int(loud[-1]) + 1 if loud.size else 0

    def close(self) -> None:
        self._closed = True
        self._drop_unsaid()

    def speech_ended(self) -> None:
        """The session's VAD ended the caller's turn: frames held after a line go on."""
        self._release.set()

    async def _hold(self) -> None:
        self._after_line = None
        if not self._release.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._release.wait(), self.hold_timeout)
        self._next_due = time.monotonic()  # real time again from now, no burst to catch up

    async def __anext__(self) -> rtc.AudioFrame:
        if self._closed:
            raise StopAsyncIteration
        after = self._after_line
        if after is not None and after >= self.hold_frames and self._pending.empty():
            await self._hold()
            if self._closed:
                raise StopAsyncIteration
        loop_now = time.monotonic()
        if self._next_due is None:
            self._next_due = loop_now
        bursting = self._after_line is not None
        if self._realtime and self._next_due > loop_now and not bursting:
            await asyncio.sleep(self._next_due - loop_now)
        self._next_due += self._frame_s
        if bursting and self._after_line is not None:
            self._after_line += 1
        frame = self._frame
        index = self._frames_out
        self._frames_out += 1
        aligned = self.align_frames <= 0 or index % self.align_frames == 0
        if self._pos >= self._current.size and not self._pending.empty() and aligned:
            self._current = self._pending.get_nowait()
            self._pos = 0
            self._after_line = None
            self._voiced_until = self._voiced_end(self._current)
            # this frame was spoken during the frame time before now
            at = self._timeline.now() - (self._frame_s if self._realtime else 0.0)
            caller_audio = resample(self._current, self.sample_rate, SAMPLE_RATE)
            self._timeline.caller.append((max(0.0, at), caller_audio))
        if self._pos < self._current.size:
            chunk = self._current[self._pos : self._pos + frame]
            before = self._pos
            self._pos += frame
            if before < self._voiced_until <= self._pos:
                # the frame holding the last voiced sample goes out now; that sample was
                # spoken (frame - its offset) ago
                spoken = (self._voiced_until - before) / self.sample_rate - self._frame_s
                self.last_end_of_speech = time.monotonic() + (spoken if self._realtime else 0.0)
            if self._pos >= self._current.size:
                self._speech_done.set()
                if self.hold_frames > 0:
                    self._after_line = 0
                    self._release = asyncio.Event()
            if chunk.size < frame:
                data = chunk.tobytes() + self._silence[chunk.size * 2 :]
                return rtc.AudioFrame(data, self.sample_rate, 1, frame)
            return rtc.AudioFrame(chunk.tobytes(), self.sample_rate, 1, frame)
        return rtc.AudioFrame(self._silence, self.sample_rate, 1, frame)


class RecordingAudioOutput(io.AudioOutput):
    """Collects agent audio and plays it out on a simulated real-time clock."""

    def __init__(
        self,
        timeline: Timeline,
        *,
        realtime: bool = True,
        sample_rate: int = SAMPLE_RATE,
        frame_ms: int | None = None,
    ) -> None:
        super().__init__(
            label="recording-output",
            next_in_chain=None,
            sample_rate=sample_rate,
            capabilities=io.AudioOutputCapabilities(pause=False),
        )
        self._reframe = (
            utils.audio.AudioByteStream(
                sample_rate, 1, samples_per_channel=sample_rate * frame_ms // 1000
            )
            if frame_ms
            else None
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
        if frame.num_channels > 1:
            mono = np.frombuffer(frame.data, dtype=np.int16).reshape(-1, frame.num_channels)
            frame = to_audio_frame(mono.mean(axis=1).astype(np.int16), frame.sample_rate)
        if self._reframe is None:
            self._play(frame)
            return
        for out in self._reframe.push(frame.data):
            self._play(out)

    def _play(self, frame: rtc.AudioFrame) -> None:
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
        self._timeline.agent_raw.append(
            (self._segment_at + self._pushed, samples, frame.sample_rate)
        )
        self._pushed += frame.duration

    async def wait_for_segment(self, count: int) -> float:
        """Wait until more than ``count`` segments have started; the start time of the next."""
        while len(self.first_frame_times) <= count:
            self._segment_started.clear()
            await self._segment_started.wait()
        return self.first_frame_times[count]

    def flush(self) -> None:
        super().flush()
        if self._reframe is not None:
            for out in self._reframe.flush():
                self._play(out)
        if self._segment_start is None:
            return
        self._interrupted.clear()
        self._playout = asyncio.create_task(self._wait_playout(self._segment_start, self._pushed))
        self._segment_start = None

    def clear_buffer(self) -> None:
        if self._reframe is not None:
            self._reframe.clear()
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


def _voiced(
    samples: Int16Array, frame: int = SAMPLE_RATE * FRAME_MS // 1000
) -> npt.NDArray[np.float64]:
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
    """A call's recording (left caller, right agent), owner-only like the database."""
    with private_wav(path) as wf:
        wf.setnchannels(2)
        wf.setsampwidth(2)
        wf.setframerate(sample_rate)
        wf.writeframes(interleaved.astype("<i2").tobytes())
