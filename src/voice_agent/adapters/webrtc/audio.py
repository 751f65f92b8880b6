"""Audio between a browser's peer connection and an AgentSession.

``PeerAudioInput`` reads the caller's microphone track (Opus, decoded by aiortc at 48 kHz) and
hands the session 16 kHz mono frames, as ``ScriptedCallerInput`` does for the offline demo.
``PeerAudioOutput`` takes the agent's speech from the session, and ``AgentVoiceTrack`` plays
it to the browser in real time, 20 ms at a time. The output reports each segment's playback as
the track really sends it, so barge-in, ``wait_for_playout`` and the cut-off point of an
interrupted reply match what the caller heard.
"""

from __future__ import annotations

import asyncio
import fractions
import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

import av
import numpy as np
from aiortc import MediaStreamTrack
from aiortc.mediastreams import MediaStreamError
from livekit import rtc
from livekit.agents.voice import io

from voice_agent.adapters.offline.audio import Int16Array, resample

logger = logging.getLogger(__name__)

INPUT_RATE = 16_000
"""What the session gets from the microphone (VAD and the offline recogniser work at 16 kHz)."""
OUTPUT_RATE = 48_000
"""What the track sends (Opus's own rate: aiortc encodes it without resampling)."""
FRAME_MS = 20
OUTPUT_FRAME = OUTPUT_RATE * FRAME_MS // 1000
MAX_AHEAD_SECONDS = 2.0
"""Seconds of microphone audio a caller may send ahead of real time (a jitter buffer catching
up after a stall); beyond that their frames are dropped. The session reads the microphone as
fast as frames come, so a peer sending audio 11 times faster than real time (measured:
4,664 frames in 10 s, 50 a second being real time) had the VAD and the recogniser work at
that speed: a few calls could take every core."""
_MAX_LAG = 0.5
"""Seconds the outgoing track may fall behind real time (a stalled loop) before it stops
catching up with a burst and starts its clock again."""


class PeerAudioInput(io.AudioInput):
    """The caller's microphone as the session's audio input."""

    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(label="webrtc-microphone")
        self._track: MediaStreamTrack | None = None
        self._ready = asyncio.Event()
        self._closed = False
        self._resampler = av.AudioResampler(format="s16", layout="mono", rate=INPUT_RATE)
        self._pending: deque[rtc.AudioFrame] = deque()
        self._clock = clock
        self._started: float | None = None
        self._heard = 0.0
        self.frames = 0
        """Microphone frames received so far."""
        self.dropped = 0
        """Frames dropped for arriving faster than real time (MAX_AHEAD_SECONDS)."""

    def attach(self, track: MediaStreamTrack) -> None:
        """Read from ``track`` (the remote audio track, once the offer is applied)."""
        self._track = track
        self._ready.set()

    def close(self) -> None:
        self._closed = True
        self._ready.set()

    async def __anext__(self) -> rtc.AudioFrame:
        while not self._pending:
            if self._closed:
                raise StopAsyncIteration
            if self._track is None:
                await self._ready.wait()
                continue
            try:
                frame = await self._track.recv()
            except MediaStreamError:
                self._closed = True
                raise StopAsyncIteration from None
            if not isinstance(frame, av.AudioFrame):
                continue
            self.frames += 1
            if not self._in_real_time(frame):
                continue
            for out in self._resampler.resample(frame):
                samples = out.to_ndarray().reshape(-1).astype(np.int16, copy=False)
                if samples.size:
                    self._pending.append(
                        rtc.AudioFrame(samples.tobytes(), INPUT_RATE, 1, samples.size)
                    )
        return self._pending.popleft()

    def _in_real_time(self, frame: av.AudioFrame) -> bool:
        now = self._clock()
        if self._started is None:
            self._started = now
        seconds = frame.samples / (frame.sample_rate or OUTPUT_RATE)
        if self._heard + seconds > now - self._started + MAX_AHEAD_SECONDS + 1e-6:
            if not self.dropped:
                logger.warning("browser call: microphone audio faster than real time, dropped")
            self.dropped += 1
            return False
        self._heard += seconds
        return True


@dataclass(eq=False)
class _Segment:
    """One reply (or part of one) between two flushes of the session's audio output."""

    chunks: deque[Int16Array] = field(default_factory=deque)
    pushed: int = 0
    played: int = 0
    flushed: bool = False
    started: bool = False
    cleared: bool = False


class PeerAudioOutput(io.AudioOutput):
    """The agent's speech, queued for :class:`AgentVoiceTrack` to send in real time."""

    def __init__(self) -> None:
        super().__init__(
            label="webrtc-speaker",
            next_in_chain=None,
            sample_rate=OUTPUT_RATE,
            capabilities=io.AudioOutputCapabilities(pause=False),
        )
        self._segments: deque[_Segment] = deque()
        self._capturing: _Segment | None = None
        self._closed = False

    @property
    def speaking(self) -> bool:
        """Whether agent audio is queued or playing."""
        return any(s.chunks for s in self._segments)

    async def capture_frame(self, frame: rtc.AudioFrame) -> None:
        await super().capture_frame(frame)
        segment = self._capturing
        if segment is None:
            segment = _Segment()
            self._capturing = segment
            self._segments.append(segment)
        if segment.cleared or self._closed:
            return
        samples = np.frombuffer(frame.data, dtype=np.int16)
        if frame.num_channels > 1:
            samples = samples.reshape(-1, frame.num_channels).mean(axis=1).astype(np.int16)
        if frame.sample_rate != OUTPUT_RATE:
            samples = resample(samples, frame.sample_rate, OUTPUT_RATE)
        if samples.size:
            segment.chunks.append(samples.copy())
            segment.pushed += samples.size

    def flush(self) -> None:
        super().flush()
        segment, self._capturing = self._capturing, None
        if segment is None:
            return
        segment.flushed = True
        if segment.cleared or self._closed:
            self._finish(segment, interrupted=True)
        elif segment.pushed == 0:
            self._finish(segment, interrupted=False)

    def clear_buffer(self) -> None:
        """Barge-in: stop now. A segment still being captured finishes at its flush."""
        for segment in list(self._segments):
            segment.cleared = True
            segment.chunks.clear()
            if segment.flushed:
                self._finish(segment, interrupted=True)

    def next_frame(self) -> Int16Array:
        """The next 20 ms to send (silence where there is nothing to say)."""
        out = np.zeros(OUTPUT_FRAME, dtype=np.int16)
        filled = 0
        while filled < OUTPUT_FRAME and self._segments:
            segment = self._segments[0]
            if segment.cleared:
                break  # interrupted while still being captured: nothing more to play
            if segment.chunks:
                if not segment.started:
                    segment.started = True
                    self.on_playback_started(created_at=time.time())
                chunk = segment.chunks[0]
                take = min(chunk.size, OUTPUT_FRAME - filled)
                out[filled : filled + take] = chunk[:take]
                filled += take
                segment.played += take
                if take == chunk.size:
                    segment.chunks.popleft()
                else:
                    segment.chunks[0] = chunk[take:]
                continue
            if segment.flushed:
                self._finish(segment, interrupted=False)
                continue
            break  # more of this reply is still being synthesised
        return out

    def close(self) -> None:
        """The call is over: whatever was still queued counts as interrupted."""
        self._closed = True
        for segment in list(self._segments):
            segment.chunks.clear()
            if segment.flushed:
                self._finish(segment, interrupted=True)
            else:
                segment.cleared = True

    def _finish(self, segment: _Segment, *, interrupted: bool) -> None:
        try:
            self._segments.remove(segment)
        except ValueError:
            return
        self.on_playback_finished(
            playback_position=segment.played / OUTPUT_RATE, interrupted=interrupted
        )


class AgentVoiceTrack(MediaStreamTrack):
    """The outgoing audio track: 20 ms frames from ``output``, paced in real time."""

    kind = "audio"

    def __init__(self, output: PeerAudioOutput) -> None:
        super().__init__()
        self._output = output
        self._start: float | None = None
        self._pts = 0
        self._base_pts = 0
        self._time_base = fractions.Fraction(1, OUTPUT_RATE)

    async def recv(self) -> av.AudioFrame:
        if self.readyState != "live":
            raise MediaStreamError
        now = time.monotonic()
        if self._start is None:
            self._start = now
        else:
            self._pts += OUTPUT_FRAME
            due = self._start + (self._pts - self._base_pts) / OUTPUT_RATE
            if due - now > 0:
                await asyncio.sleep(due - now)
            elif now - due > _MAX_LAG:
                self._start, self._base_pts = now, self._pts
        samples = self._output.next_frame()
        frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = OUTPUT_RATE
        frame.pts = self._pts
        frame.time_base = self._time_base
        return frame
