from __future__ import annotations

import asyncio

import numpy as np

from voice_agent.adapters.offline.audio import to_audio_frame
from voice_agent.adapters.offline.call_io import (
    SAMPLE_RATE,
    RecordingAudioOutput,
    ScriptedCallerInput,
    Timeline,
    split_utterances,
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


def test_recording_is_cut_at_long_pauses() -> None:
    rate = 16_000
    voice = np.full(8000, 4000, np.int16)  # 0.5 s of "speech"
    short_pause = np.zeros(8000, np.int16)  # 0.5 s: same utterance
    long_pause = np.zeros(32000, np.int16)  # 2 s: next utterance
    recording = np.concatenate([long_pause, voice, short_pause, voice, long_pause, voice])
    pieces = split_utterances(recording, rate)
    assert len(pieces) == 2
    assert all(np.abs(p).max() == 4000 for p in pieces)
    assert pieces[0].size >= 24000 > pieces[1].size >= 8000
    assert split_utterances(np.zeros(rate, np.int16), rate) == []
