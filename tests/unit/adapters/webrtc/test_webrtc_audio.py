"""The browser call's audio: agent speech is played out in real time and each segment's
playback is reported as it was really sent (finished, or interrupted where it stopped); the
microphone reaches the session as 16 kHz mono frames."""

from __future__ import annotations

import asyncio
import fractions
import time

import av
import numpy as np
import pytest
from aiortc import MediaStreamTrack
from aiortc.mediastreams import MediaStreamError
from livekit import rtc
from livekit.agents.voice.io import PlaybackFinishedEvent

from voice_agent.adapters.webrtc.audio import (
    INPUT_RATE,
    MAX_AHEAD_SECONDS,
    OUTPUT_FRAME,
    OUTPUT_RATE,
    AgentVoiceTrack,
    PeerAudioInput,
    PeerAudioOutput,
)


def _speech(seconds: float, *, rate: int = OUTPUT_RATE, value: int = 1000) -> rtc.AudioFrame:
    n = int(rate * seconds)
    samples = np.full(n, value, dtype=np.int16)
    return rtc.AudioFrame(samples.tobytes(), rate, 1, n)


class _Events:
    def __init__(self, output: PeerAudioOutput) -> None:
        self.started: list[float] = []
        self.finished: list[PlaybackFinishedEvent] = []
        output.on("playback_started", lambda ev: self.started.append(ev.created_at))
        output.on("playback_finished", self.finished.append)


async def test_a_reply_plays_in_20_ms_frames_and_finishes_when_all_of_it_was_sent() -> None:
    output = PeerAudioOutput()
    events = _Events(output)
    await output.capture_frame(_speech(0.05))  # 2.5 frames
    output.flush()
    assert events.started == [] and output.speaking

    frames = [output.next_frame() for _ in range(4)]
    assert [f.size for f in frames] == [OUTPUT_FRAME] * 4
    assert len(events.started) == 1
    assert np.all(frames[0] == 1000) and np.all(frames[1] == 1000)
    assert np.all(frames[2][: OUTPUT_FRAME // 2] == 1000)
    assert np.all(frames[2][OUTPUT_FRAME // 2 :] == 0)  # the rest of the frame is silence
    assert np.all(frames[3] == 0)
    assert len(events.finished) == 1
    assert events.finished[0].interrupted is False
    assert events.finished[0].playback_position == pytest.approx(0.05)
    assert not output.speaking
    done = await asyncio.wait_for(output.wait_for_playout(), 1)
    assert done.interrupted is False


async def test_a_reply_still_being_synthesised_waits_with_silence() -> None:
    output = PeerAudioOutput()
    events = _Events(output)
    await output.capture_frame(_speech(0.02))
    assert np.all(output.next_frame() == 1000)
    assert np.all(output.next_frame() == 0)  # more is coming: silence, not finished
    assert events.finished == []
    await output.capture_frame(_speech(0.02, value=7))
    output.flush()
    assert np.all(output.next_frame() == 7)
    output.next_frame()
    assert [e.playback_position for e in events.finished] == [pytest.approx(0.04)]


async def test_barge_in_stops_playback_where_it_was() -> None:
    output = PeerAudioOutput()
    events = _Events(output)
    await output.capture_frame(_speech(1.0))
    output.flush()
    for _ in range(10):
        output.next_frame()
    output.clear_buffer()
    assert np.all(output.next_frame() == 0)
    (finished,) = events.finished
    assert finished.interrupted is True
    assert finished.playback_position == pytest.approx(0.2)


async def test_barge_in_before_the_reply_is_flushed_finishes_it_at_the_flush() -> None:
    output = PeerAudioOutput()
    events = _Events(output)
    await output.capture_frame(_speech(0.5))
    output.next_frame()
    output.clear_buffer()
    await output.capture_frame(_speech(0.5))  # the rest of the interrupted reply: dropped
    assert np.all(output.next_frame() == 0)
    assert events.finished == []
    output.flush()
    assert [e.interrupted for e in events.finished] == [True]
    # the next reply plays normally
    await output.capture_frame(_speech(0.02, value=5))
    output.flush()
    assert np.all(output.next_frame() == 5)


async def test_replies_play_one_after_the_other() -> None:
    output = PeerAudioOutput()
    events = _Events(output)
    await output.capture_frame(_speech(0.01, value=1))
    output.flush()
    await output.capture_frame(_speech(0.01, value=2))
    output.flush()
    frame = output.next_frame()
    assert np.all(frame[:480] == 1) and np.all(frame[480:] == 2)
    output.next_frame()
    assert len(events.finished) == 2 and len(events.started) == 2


async def test_closing_the_call_releases_whoever_waits_for_playout() -> None:
    output = PeerAudioOutput()
    await output.capture_frame(_speech(2.0))
    output.flush()
    waiting = asyncio.ensure_future(output.wait_for_playout())
    await asyncio.sleep(0)
    output.close()
    finished = await asyncio.wait_for(waiting, 1)
    assert finished.interrupted is True


async def test_other_rates_and_stereo_are_converted() -> None:
    output = PeerAudioOutput()
    samples = np.full((2205, 2), 300, dtype=np.int16)  # 0.1 s of 22.05 kHz stereo
    await output.capture_frame(rtc.AudioFrame(samples.tobytes(), 22050, 2, 2205))
    output.flush()
    played = np.concatenate([output.next_frame() for _ in range(5)])
    assert abs(int(np.count_nonzero(played)) - 4800) < 100  # 0.1 s at 48 kHz


async def test_the_track_paces_frames_in_real_time() -> None:
    output = PeerAudioOutput()
    track = AgentVoiceTrack(output)
    started = time.monotonic()
    frames = [await track.recv() for _ in range(6)]
    elapsed = time.monotonic() - started
    assert elapsed >= 0.09  # five 20 ms steps after the first frame
    assert [f.pts for f in frames] == [i * OUTPUT_FRAME for i in range(6)]
    assert all(f.sample_rate == OUTPUT_RATE and f.samples == OUTPUT_FRAME for f in frames)
    track.stop()
    with pytest.raises(MediaStreamError):
        await track.recv()


class _Microphone(MediaStreamTrack):
    """A remote track as aiortc decodes Opus: 20 ms of 48 kHz stereo per frame."""

    kind = "audio"

    def __init__(self, frames: int) -> None:
        super().__init__()
        self.left = frames
        self.pts = 0

    async def recv(self) -> av.AudioFrame:
        if self.left == 0:
            raise MediaStreamError
        self.left -= 1
        data = np.full((1, 1920), 2000, dtype=np.int16)
        frame = av.AudioFrame.from_ndarray(data, format="s16", layout="stereo")
        frame.sample_rate = 48_000
        frame.pts = self.pts
        frame.time_base = fractions.Fraction(1, 48_000)
        self.pts += 960
        return frame


async def test_the_microphone_reaches_the_session_as_16_khz_mono() -> None:
    microphone = PeerAudioInput()
    microphone.attach(_Microphone(frames=50))  # one second
    frames = [frame async for frame in microphone]
    assert all(f.sample_rate == INPUT_RATE and f.num_channels == 1 for f in frames)
    total = sum(f.samples_per_channel for f in frames)
    assert abs(total - INPUT_RATE) <= 320  # the resampler may hold back its last few ms
    assert microphone.frames == 50
    loud = np.concatenate([np.frombuffer(f.data, dtype=np.int16) for f in frames])
    assert np.median(loud) == pytest.approx(2000, abs=5)


async def test_audio_sent_faster_than_real_time_is_dropped_past_two_seconds_ahead() -> None:
    """The session reads the microphone as fast as frames come: a peer sending 11 times real
    time had the VAD and the recogniser work at that speed."""
    now = [100.0]
    microphone = PeerAudioInput(clock=lambda: now[0])
    microphone.attach(_Microphone(frames=500))  # ten seconds, all at once
    frames = [frame async for frame in microphone]
    kept = sum(f.samples_per_channel for f in frames) / INPUT_RATE
    assert kept == pytest.approx(MAX_AHEAD_SECONDS, abs=0.03)
    assert microphone.frames == 500 and microphone.dropped == 400


async def test_audio_in_real_time_is_all_kept_even_after_a_burst() -> None:
    now = [100.0]
    microphone = PeerAudioInput(clock=lambda: now[0])
    microphone.attach(_Microphone(frames=300))
    kept = 0
    for i in range(300):
        if i % 50 == 0 and i:
            now[0] += 1.0  # a second of wall time per 50 frames, each second at once
        frame = await microphone.__anext__()
        kept += frame.samples_per_channel
    assert microphone.dropped == 0
    assert kept / INPUT_RATE == pytest.approx(6.0, abs=0.03)


async def test_the_microphone_waits_for_its_track_and_stops_when_closed() -> None:
    microphone = PeerAudioInput()
    pending = asyncio.ensure_future(microphone.__anext__())
    await asyncio.sleep(0.05)
    assert not pending.done()
    microphone.close()
    with pytest.raises(StopAsyncIteration):
        await asyncio.wait_for(pending, 1)
