"""Silero inference batched across calls: the same probabilities and speech events as the
plugin's own streams, fewer inference runs."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest
from livekit import rtc
from livekit.agents import vad as agents_vad
from livekit.plugins import silero
from livekit.plugins.silero import onnx_model

from voice_agent.adapters.offline.audio import resample
from voice_agent.adapters.offline.tts import synthesize
from voice_agent.adapters.voice.providers import call_vad
from voice_agent.adapters.voice.vad import BatchedVAD, InferenceBatcher, batcher_for, infer_batch

RATE = 16_000


@pytest.fixture(scope="module")
def loaded() -> silero.VAD:
    return silero.VAD.load(min_silence_duration=0.3, min_speech_duration=0.1)


def _windows(seed: int, n: int) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    t = np.arange(512 * n) / RATE
    tone = 0.3 * np.sin(2 * np.pi * (150 + 40 * seed) * t) * (1 + np.sin(2 * np.pi * 3 * t))
    x = (tone + 0.01 * rng.standard_normal(t.size)).astype(np.float32)
    return [x[i * 512 : (i + 1) * 512] for i in range(n)]


def _model(vad: silero.VAD) -> onnx_model.OnnxModel:
    return onnx_model.OnnxModel(onnx_session=vad._onnx_session, sample_rate=RATE)


def test_a_batch_gives_each_stream_what_it_gets_alone(loaded: silero.VAD) -> None:
    streams = [_windows(seed, 12) for seed in range(3)]
    # stream 2 has no window in every third batch: batches of different sizes and members
    fed = [list(range(12)), list(range(12)), [k for k in range(12) if k % 3 != 0]]
    expected = []
    for i, ks in enumerate(fed):
        alone = _model(loaded)
        expected.append([alone(streams[i][k]) for k in ks])
    batched = [_model(loaded) for _ in streams]
    got: list[list[float]] = [[] for _ in streams]
    for k in range(12):
        members = [i for i in range(3) if k in fed[i]]
        probs = infer_batch(
            loaded._onnx_session, RATE, [(batched[i], streams[i][k]) for i in members]
        )
        for i, p in zip(members, probs, strict=True):
            got[i].append(p)
    for i in range(3):
        assert got[i] == pytest.approx(expected[i], abs=1e-5)
    assert max(max(g) for g in got) > 0.1  # the tones are not all silence to the model


async def test_windows_of_one_loop_iteration_share_one_inference(loaded: silero.VAD) -> None:
    batcher = InferenceBatcher(loaded._onnx_session, RATE)
    models = [_model(loaded) for _ in range(4)]
    windows = [_windows(seed, 1)[0] for seed in range(4)]
    skipped = batcher.infer(models[3], windows[3])
    skipped.cancel()  # a stream that closed while waiting
    probs = await asyncio.gather(
        *(batcher.infer(m, w) for m, w in zip(models[:3], windows[:3], strict=True))
    )
    assert batcher.batches == 1 and batcher.windows == 3
    alone = [_model(loaded)(w) for w in windows[:3]]
    assert probs == pytest.approx(alone, abs=1e-5)
    # the next windows continue each stream's state
    more = [_windows(seed, 2)[1] for seed in range(3)]
    again = await asyncio.gather(
        *(batcher.infer(m, w) for m, w in zip(models[:3], more, strict=True))
    )
    expected = []
    for w0, w1 in zip(windows[:3], more, strict=True):
        alone = _model(loaded)
        alone(w0)
        expected.append(alone(w1))
    assert again == pytest.approx(expected, abs=1e-5)
    assert batcher.batches == 2
    batcher.close()


async def test_a_stream_closed_while_its_batch_runs_stops_nobody(loaded: silero.VAD) -> None:
    batcher = InferenceBatcher(loaded._onnx_session, RATE)
    windows = _windows(0, 3)
    first = [batcher.infer(_model(loaded), w) for w in windows[:2]]
    await asyncio.sleep(0)  # the batch is on its way to the inference thread
    first[0].cancel()
    assert 0.0 <= await first[1] <= 1.0
    # the batcher goes on serving windows
    assert 0.0 <= await batcher.infer(_model(loaded), windows[2]) <= 1.0
    assert batcher.batches == 2
    batcher.close()


async def test_a_failing_inference_fails_every_waiting_window(loaded: silero.VAD) -> None:
    class Broken:
        def run(self, *_args: object) -> None:
            raise RuntimeError("onnx failed")

    batcher = InferenceBatcher(Broken(), RATE)
    waits = [batcher.infer(_model(loaded), w) for w in _windows(0, 2)]
    results = await asyncio.gather(*waits, return_exceptions=True)
    assert all(isinstance(r, RuntimeError) for r in results)
    # and it recovers for the next window
    batcher._session = loaded._onnx_session
    assert 0.0 <= await batcher.infer(_model(loaded), _windows(1, 1)[0]) <= 1.0
    batcher.close()


def _speech() -> list[rtc.AudioFrame]:
    samples, rate = synthesize("Do you have anything on Monday morning?", voice="en-us")
    samples = resample(samples, rate, RATE)
    pad = np.zeros(RATE // 2, np.int16)
    audio = np.concatenate([pad, samples, np.zeros(RATE, np.int16)])
    size = RATE // 20  # 50 ms frames, as the room hands them
    return [
        rtc.AudioFrame(audio[i : i + size].tobytes(), RATE, 1, size)
        for i in range(0, audio.size - size + 1, size)
    ]


async def _events(vad: agents_vad.VAD, frames: list[rtc.AudioFrame]) -> list[tuple[str, float]]:
    stream = vad.stream()
    for frame in frames:
        stream.push_frame(frame)
    stream.end_input()
    out = []
    async for ev in stream:
        if ev.type != agents_vad.VADEventType.INFERENCE_DONE:
            out.append((ev.type.value, round(ev.timestamp, 3)))
    await stream.aclose()
    return out


async def test_batched_streams_detect_speech_as_the_plugins_own(loaded: silero.VAD) -> None:
    frames = _speech()
    plain = await _events(silero.VAD(session=loaded._onnx_session, opts=loaded._opts), frames)
    assert [kind for kind, _ in plain] == ["start_of_speech", "end_of_speech"]
    calls = [call_vad(loaded) for _ in range(3)]
    assert all(isinstance(v, BatchedVAD) for v in calls)
    batched = await asyncio.gather(*(_events(v, frames) for v in calls))
    assert batched == [plain] * 3
    batcher = batcher_for(loaded._onnx_session, RATE)
    # three streams' windows went through fewer inference runs than windows
    assert batcher.windows > batcher.batches > 0
