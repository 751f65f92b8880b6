"""WAV I/O, resampling and LiveKit frame helpers of the offline audio module."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from voice_agent.adapters.offline import audio


def _tone(freq: float, rate: int, seconds: float = 1.0) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    return (np.sin(2 * np.pi * freq * t) * 12000).astype(np.int16)


def test_wav_round_trip(tmp_path: Path) -> None:
    samples = (np.random.default_rng(1).normal(0, 3000, 12345)).astype(np.int16)
    path = tmp_path / "x.wav"
    audio.write_wav(path, samples, 22050)
    back, rate = audio.read_wav(path)
    assert rate == 22050
    assert back.dtype == np.int16
    np.testing.assert_array_equal(back, samples)


@pytest.mark.parametrize(("src", "dst"), [(22050, 16000), (16000, 48000), (48000, 16000)])
def test_resample_length_and_pitch(src: int, dst: int) -> None:
    tone = _tone(440.0, src)
    out = audio.resample(tone, src, dst)
    assert out.dtype == np.int16
    assert out.size == round(tone.size * dst / src)
    spectrum = np.abs(np.fft.rfft(out.astype(np.float64)))
    peak_hz = np.argmax(spectrum) * dst / out.size
    assert abs(peak_hz - 440.0) < 5.0


def test_resample_attenuates_content_above_new_nyquist() -> None:
    tone = _tone(10000.0, 48000)  # above 8 kHz, must not alias into the 16 kHz band
    out = audio.resample(tone, 48000, 16000)
    middle = out[200:-200]  # the abrupt start/end of the test tone is broadband
    assert np.abs(middle).max() < 0.01 * np.abs(tone).max()


def test_resample_same_rate_is_a_copy() -> None:
    tone = _tone(300.0, 16000, 0.1)
    out = audio.resample(tone, 16000, 16000)
    np.testing.assert_array_equal(out, tone)
    assert out is not tone


def test_frame_round_trip_and_split() -> None:
    samples = np.arange(-500, 500, dtype=np.int16)
    frame = audio.to_audio_frame(samples, 16000)
    assert frame.sample_rate == 16000 and frame.num_channels == 1
    np.testing.assert_array_equal(audio.from_audio_frame(frame), samples)

    frames = list(audio.split_frames(samples, 16000, frame_ms=20))
    assert [f.samples_per_channel for f in frames] == [320, 320, 320, 40]
    frames10 = list(audio.split_frames(samples, 16000, frame_ms=10, pad_last=True))
    assert {f.samples_per_channel for f in frames10} == {160}
    joined, rate = audio.from_audio_frames(frames)
    assert rate == 16000
    np.testing.assert_array_equal(joined, samples)


def test_stereo_frames_are_downmixed() -> None:
    stereo = np.array([[100, 300], [-200, -400]], dtype=np.int16)
    from livekit import rtc

    frame = rtc.AudioFrame(stereo.tobytes(), 8000, 2, 2)
    np.testing.assert_array_equal(audio.from_audio_frame(frame), [200, -300])


def test_white_noise_hits_requested_snr() -> None:
    clean = _tone(500.0, 16000)
    noisy = audio.add_white_noise(clean, 10.0, seed=3)
    noise = noisy.astype(np.float64) - clean
    snr = 10 * np.log10(np.mean(clean.astype(np.float64) ** 2) / np.mean(noise**2))
    assert abs(snr - 10.0) < 0.5


def test_float_input_is_scaled_and_clipped() -> None:
    out = audio.as_int16(np.array([0.0, 0.5, 2.0, -2.0]))
    assert out.tolist() == [0, 16384, 32767, -32768]
