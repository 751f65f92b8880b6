from __future__ import annotations

import asyncio
import os
import stat
import time
from pathlib import Path

import numpy as np

from voice_agent.adapters.offline.audio import to_audio_frame, write_wav
from voice_agent.adapters.offline.call_io import (
    LISTENING_LEVEL_DBFS,
    LIVEKIT_AUDIO,
    SAMPLE_RATE,
    RecordingAudioOutput,
    ScriptedCallerInput,
    Timeline,
    level_speech,
    level_stereo,
    speech_rms_dbfs,
    write_stereo_wav,
)


def test_stereo_timeline_places_both_sides() -> None:
    t = Timeline()
    t.caller.append((0.0, np.full(160, 1000, dtype=np.int16)))
    t.agent.append((0.02, np.full(160, -1000, dtype=np.int16)))
    stereo = t.stereo().reshape(-1, 2)
    assert stereo[:160, 0].tolist() == [1000] * 160
    assert stereo[320:480, 1].tolist() == [-1000] * 160 and stereo[:320, 1].min() == 0
    assert stereo[160:, 0].max(initial=0) == 0


async def test_caller_sends_frames_and_marks_the_end_of_voice() -> None:
    caller = ScriptedCallerInput(Timeline(), realtime=False)
    voice = np.concatenate([np.full(1600, 5000, np.int16), np.zeros(3200, np.int16)])
    done = caller.say(voice, SAMPLE_RATE)
    frames = [await caller.__anext__() for _ in range(15)]  # 4800 samples, 320 a frame
    assert done.is_set() and caller.last_end_of_speech is not None
    assert all(f.sample_rate == SAMPLE_RATE for f in frames)
    energy = [np.abs(np.frombuffer(f.data, np.int16)).max() for f in frames]
    assert energy[:5] == [5000] * 5 and max(energy[5:]) == 0
    # With nothing queued the caller keeps the line open with silence.
    assert np.frombuffer((await caller.__anext__()).data, np.int16).max() == 0
    caller.close()


async def test_a_line_the_session_stops_taking_mid_way_is_let_go_of() -> None:
    """A session that closed while the caller spoke (the agent ended the call, an error)
    stops taking frames: whoever waited for the line to be said waited for ever (a recorded
    voice round hung on it). Detached, the rest of the line goes unheard and the wait ends."""
    caller = ScriptedCallerInput(Timeline(), realtime=False)
    done = caller.say(np.full(16000, 5000, np.int16), SAMPLE_RATE)  # a second: 50 frames
    for _ in range(10):
        await caller.__anext__()
    assert not done.is_set()
    caller.on_detached()  # what the session does to its input when it closes
    assert done.is_set()
    # nobody listens now: a new line is said to nobody, and not kept for a later listener
    assert caller.say(np.full(1600, 5000, np.int16), SAMPLE_RATE).is_set()
    caller.on_attached()
    assert np.frombuffer((await caller.__anext__()).data, np.int16).max() == 0


async def test_a_closed_caller_lets_go_of_its_line() -> None:
    caller = ScriptedCallerInput(Timeline(), realtime=False)
    done = caller.say(np.full(16000, 5000, np.int16), SAMPLE_RATE)
    caller.close()
    assert done.is_set()


async def test_output_reports_playout_and_interruptions() -> None:
    out = RecordingAudioOutput(Timeline(), realtime=True)
    finished: list[tuple[float, bool]] = []
    out.on("playback_finished", lambda ev: finished.append((ev.playback_position, ev.interrupted)))
    await out.capture_frame(to_audio_frame(np.zeros(1600, np.int16), SAMPLE_RATE))
    out.flush()
    ev = await asyncio.wait_for(out.wait_for_playout(), 2)
    assert not ev.interrupted and abs(ev.playback_position - 0.1) < 1e-6
    await out.capture_frame(to_audio_frame(np.zeros(16000, np.int16), SAMPLE_RATE))
    out.flush()
    out.clear_buffer()
    ev = await asyncio.wait_for(out.wait_for_playout(), 2)
    assert ev.interrupted and ev.playback_position < 1.0
    assert len(out.first_frame_times) == 2 and finished[0] == (0.1, False)
    await out.aclose()


async def test_caller_in_livekit_frames_stamps_end_of_speech_when_it_was_spoken() -> None:
    rate, frame = LIVEKIT_AUDIO.input_rate, LIVEKIT_AUDIO.input_rate // 20  # 50 ms frames
    caller = ScriptedCallerInput(
        Timeline(), sample_rate=rate, frame_ms=LIVEKIT_AUDIO.input_frame_ms
    )
    voice = np.concatenate([np.full(frame + frame // 2, 5000, np.int16), np.zeros(frame, np.int16)])
    caller.say(voice, rate)
    await caller.__anext__()
    before = time.monotonic()
    second = await caller.__anext__()  # holds the last voiced sample, half-way through
    after = time.monotonic()
    assert second.sample_rate == rate and second.samples_per_channel == frame
    assert caller.last_end_of_speech is not None
    # the frame is handed over once spoken: its middle was spoken 25 ms before that
    assert before - 0.025 - 0.005 <= caller.last_end_of_speech <= after - 0.025 + 0.005
    silent = [await caller.__anext__() for _ in range(3)]
    assert all(np.frombuffer(f.data, np.int16).max() == 0 for f in silent[1:])
    caller.close()


async def test_output_reframes_agent_audio_and_keeps_it_for_the_recording() -> None:
    timeline = Timeline()
    out = RecordingAudioOutput(timeline, realtime=False, sample_rate=24_000, frame_ms=50)
    for _ in range(3):  # 3 x 70 ms = 210 ms: four 50 ms frames and a 10 ms tail
        await out.capture_frame(to_audio_frame(np.full(1680, 700, np.int16), 24_000))
    out.flush()
    await asyncio.wait_for(out.wait_for_playout(), 2)
    sizes = [s.size for _, s, _ in timeline.agent_raw]
    assert sizes == [1200, 1200, 1200, 1200, 240]
    assert abs(timeline.agent_seconds() - 0.21) < 1e-3  # resampled once to SAMPLE_RATE
    assert len(timeline.agent) == 1 and timeline.agent_raw == []
    await out.aclose()


def _tone(seconds: float, amplitude: float) -> np.ndarray:
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    return np.round(amplitude * np.sin(2 * np.pi * 220 * t)).astype(np.int16)


def test_speech_level_ignores_pauses() -> None:
    voice = _tone(1.0, 3000)
    with_pauses = np.concatenate([np.zeros(SAMPLE_RATE * 3, np.int16), voice])
    assert abs(speech_rms_dbfs(voice) - speech_rms_dbfs(with_pauses)) < 0.1
    assert speech_rms_dbfs(np.zeros(SAMPLE_RATE, np.int16)) == float("-inf")


def test_both_sides_of_a_call_are_levelled_alike() -> None:
    # a quiet caller (about -37 dBFS) and a loud agent (about -24 dBFS), as espeak renders them
    caller = np.concatenate([_tone(1.0, 650), np.zeros(SAMPLE_RATE * 2, np.int16)])
    agent = np.concatenate([np.zeros(SAMPLE_RATE, np.int16), _tone(2.0, 2900)])
    stereo = level_stereo(np.stack([caller, agent], axis=1).reshape(-1)).reshape(-1, 2)
    left, right = speech_rms_dbfs(stereo[:, 0].copy()), speech_rms_dbfs(stereo[:, 1].copy())
    assert abs(left - right) < 0.5
    assert abs(left - LISTENING_LEVEL_DBFS) < 0.5
    assert stereo[:SAMPLE_RATE, 1].max() == 0  # silence stays silence


def test_levelling_rounds_off_peaks_instead_of_clipping() -> None:
    # one loud click does not hold the caller back: it is rounded off below full scale
    caller = _tone(3.0, 400)
    caller[100] = 30000
    agent = _tone(3.0, 3000)
    stereo = level_stereo(np.stack([caller, agent], axis=1).reshape(-1)).reshape(-1, 2)
    assert np.abs(stereo.astype(np.int32)).max() < 0.98 * 32767 + 1
    left, right = speech_rms_dbfs(stereo[:, 0].copy()), speech_rms_dbfs(stereo[:, 1].copy())
    # (the click's own energy goes with it: the caller ends up a fraction of a dB lower)
    assert abs(left - right) < 1.0 and abs(right - LISTENING_LEVEL_DBFS) < 0.1
    assert level_speech(np.zeros(10, np.int16)).tolist() == [0] * 10


def test_a_side_with_many_peaks_brings_both_down_together() -> None:
    caller = _tone(1.0, 400)
    caller[::200] = 12000  # one sample in 200 peaks 30 dB above the speech: little headroom
    agent = _tone(1.0, 3000)
    stereo = level_stereo(np.stack([caller, agent], axis=1).reshape(-1)).reshape(-1, 2)
    left, right = speech_rms_dbfs(stereo[:, 0].copy()), speech_rms_dbfs(stereo[:, 1].copy())
    assert abs(left - right) < 1.0 and right < LISTENING_LEVEL_DBFS - 2


def test_a_calls_recording_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    """A recording holds the caller's voice: it was 0644 (the umask), readable by every account
    on the machine, while the database beside it is 0600. A replaced one (--force) too."""
    old_umask = os.umask(0o022)
    try:
        replaced = tmp_path / "replaced.wav"
        replaced.write_bytes(b"old")
        replaced.chmod(0o644)
        for path in (tmp_path / "call.wav", replaced):
            write_stereo_wav(path, np.zeros(320, dtype=np.int16), 16_000)
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
            mono = path.with_name(f"{path.stem}-mono.wav")
            write_wav(mono, np.zeros(160, dtype=np.int16), 16_000)
            assert stat.S_IMODE(mono.stat().st_mode) == 0o600
    finally:
        os.umask(old_umask)


async def test_aligned_lines_start_at_the_same_place_in_the_stream() -> None:
    # a recorded bench's line started wherever the wall clock put it after the agent's
    # answer; the recogniser's noise floor and endpointer frames are laid from the stream's
    # start, so the same line 50 ms later was heard otherwise (voice30 round)
    caller = ScriptedCallerInput(Timeline(), realtime=False)
    caller.align_frames = 4
    starts = []
    for silence_before in (1, 2, 6):
        for _ in range(silence_before):
            await caller.__anext__()
        caller.say(np.full(640, 5000, np.int16), SAMPLE_RATE)  # two frames
        while np.frombuffer((await caller.__anext__()).data, np.int16).max() == 0:
            pass
        starts.append(caller._frames_out - 1)
        await caller.__anext__()  # its second frame
    assert [s % 4 for s in starts] == [0, 0, 0]
    assert starts == [4, 8, 16]
    caller.close()


async def test_held_frames_after_a_line_go_at_once_then_wait_for_the_vad() -> None:
    # the session's flush of the recogniser came wherever the load put the VAD's end of
    # speech; held, it comes after the same frames in every run (voice30 round)
    caller = ScriptedCallerInput(Timeline(), realtime=True)
    caller.hold_frames = 10
    caller.hold_timeout = 0.3
    done = caller.say(np.full(640, 5000, np.int16), SAMPLE_RATE)  # two frames
    for _ in range(2):
        await caller.__anext__()
    assert done.is_set()
    loop = asyncio.get_running_loop()
    started = loop.time()
    for _ in range(10):  # the silence after the line: at once, not 200 ms of real time
        assert np.frombuffer((await caller.__anext__()).data, np.int16).max() == 0
    assert loop.time() - started < 0.1
    # the next frame waits for the VAD's end of speech (here, its timeout)
    started = loop.time()
    await caller.__anext__()
    assert loop.time() - started >= 0.29
    # released at once when the VAD ended the turn
    caller.say(np.full(320, 5000, np.int16), SAMPLE_RATE)
    await caller.__anext__()
    for _ in range(10):
        await caller.__anext__()
    caller.speech_ended()
    started = loop.time()
    await caller.__anext__()
    assert loop.time() - started < 0.1
    caller.close()
