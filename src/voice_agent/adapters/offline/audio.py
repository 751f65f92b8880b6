"""Small audio helpers for the offline engines: WAV I/O, resampling, LiveKit frames.

Everything works on mono 16-bit PCM held in ``numpy.int16`` arrays. Only the standard
library and numpy are used, so nothing here needs a native audio stack.
"""

from __future__ import annotations

import logging
import math
import wave
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt
from livekit import rtc

logger = logging.getLogger(__name__)

Int16Array = npt.NDArray[np.int16]


def read_wav(path: str | Path) -> tuple[Int16Array, int]:
    """Read a 16-bit PCM WAV file; multi-channel audio is averaged down to mono."""
    with wave.open(str(path), "rb") as wf:
        if wf.getsampwidth() != 2:
            raise ValueError(f"{path}: only 16-bit PCM WAV is supported")
        channels = wf.getnchannels()
        rate = wf.getframerate()
        raw = wf.readframes(wf.getnframes())
    samples = np.frombuffer(raw, dtype="<i2").astype(np.int16)
    if channels > 1:
        samples = to_mono(samples.reshape(-1, channels))
    return samples, rate


def write_wav(path: str | Path, samples: npt.ArrayLike, sample_rate: int) -> None:
    """Write mono int16 samples as a 16-bit PCM WAV file."""
    data = as_int16(samples)
    with wave.open(str(path), "wb") as wf:
        wf.setnchannels(1)
        wf.setsampwidth(2)
        wf.setframerate(int(sample_rate))
        wf.writeframes(data.astype("<i2").tobytes())


def as_int16(samples: npt.ArrayLike) -> Int16Array:
    """Coerce to a 1-D int16 array; floats are taken as [-1, 1] and clipped."""
    arr = np.asarray(samples)
    if arr.dtype == np.int16:
        return arr.reshape(-1)
    if np.issubdtype(arr.dtype, np.floating):
        scaled: Int16Array = np.clip(np.round(arr * 32767.0), -32768, 32767).astype(np.int16)
        return scaled.reshape(-1)
    clipped: Int16Array = np.clip(arr, -32768, 32767).astype(np.int16)
    return clipped.reshape(-1)


def to_mono(samples: npt.NDArray[np.int16]) -> Int16Array:
    """Average an interleaved (n, channels) int16 array to mono."""
    if samples.ndim == 1:
        return samples
    mono: Int16Array = np.round(samples.astype(np.float32).mean(axis=1)).astype(np.int16)
    return mono


@lru_cache(maxsize=16)
def _lowpass_kernel(cutoff: float, taps: int) -> npt.NDArray[np.float64]:
    """Hann-windowed sinc low-pass FIR; ``cutoff`` is a fraction of the sample rate (<0.5)."""
    n = np.arange(taps) - (taps - 1) / 2.0
    kernel = 2.0 * cutoff * np.sinc(2.0 * cutoff * n) * np.hanning(taps)
    normalised: npt.NDArray[np.float64] = kernel / kernel.sum()
    return normalised


def resample(samples: npt.ArrayLike, src_rate: int, dst_rate: int) -> Int16Array:
    """Resample mono int16 audio from ``src_rate`` to ``dst_rate`` (numpy only).

    Downsampling first applies an anti-aliasing windowed-sinc low-pass at the target Nyquist,
    then both directions interpolate linearly. Output length is
    ``round(len(samples) * dst_rate / src_rate)``.
    """
    data = as_int16(samples)
    if src_rate <= 0 or dst_rate <= 0:
        raise ValueError("sample rates must be positive")
    if src_rate == dst_rate or data.size == 0:
        return data.copy()
    out_len = int(round(data.size * dst_rate / src_rate))
    x = data.astype(np.float64)
    if dst_rate < src_rate:
        cutoff = 0.5 * dst_rate / src_rate * 0.92
        taps = 63
        kernel = _lowpass_kernel(cutoff, taps)
        x = np.convolve(x, kernel, mode="same")
    positions = np.arange(out_len, dtype=np.float64) * (src_rate / dst_rate)
    y = np.interp(positions, np.arange(x.size, dtype=np.float64), x)
    return np.clip(np.round(y), -32768, 32767).astype(np.int16)


def silence(duration: float, sample_rate: int) -> Int16Array:
    """``duration`` seconds of digital silence."""
    return np.zeros(int(round(duration * sample_rate)), dtype=np.int16)


def add_white_noise(samples: npt.ArrayLike, snr_db: float, *, seed: int | None = 0) -> Int16Array:
    """Add Gaussian white noise so that speech power / noise power equals ``snr_db``.

    Speech power is measured over samples above a small floor so that padding silence does
    not inflate the SNR.
    """
    data = as_int16(samples).astype(np.float64)
    active = data[np.abs(data) > 100]
    power = float(np.mean(active**2)) if active.size else 0.0
    if power <= 0.0:
        return as_int16(data)
    noise_power = power / (10.0 ** (snr_db / 10.0))
    rng = np.random.default_rng(seed)
    noisy = data + rng.normal(0.0, math.sqrt(noise_power), size=data.size)
    return np.clip(np.round(noisy), -32768, 32767).astype(np.int16)


def to_audio_frame(samples: npt.ArrayLike, sample_rate: int) -> rtc.AudioFrame:
    """Wrap mono int16 samples in a ``livekit.rtc.AudioFrame``."""
    data = as_int16(samples)
    return rtc.AudioFrame(
        data=data.tobytes(),
        sample_rate=int(sample_rate),
        num_channels=1,
        samples_per_channel=int(data.size),
    )


def from_audio_frame(frame: rtc.AudioFrame) -> Int16Array:
    """Mono int16 samples of a LiveKit frame (multi-channel frames are averaged)."""
    data = np.frombuffer(frame.data, dtype=np.int16)
    if frame.num_channels > 1:
        return to_mono(data.reshape(-1, frame.num_channels))
    return data.copy()


def from_audio_frames(frames: Iterable[rtc.AudioFrame]) -> tuple[Int16Array, int]:
    """Concatenate frames (which must share one sample rate) into mono samples and rate."""
    parts: list[Int16Array] = []
    rate = 0
    for frame in frames:
        if rate and frame.sample_rate != rate:
            raise ValueError("frames have different sample rates")
        rate = frame.sample_rate
        parts.append(from_audio_frame(frame))
    if not parts:
        return np.zeros(0, dtype=np.int16), rate
    return np.concatenate(parts), rate


def split_frames(
    samples: npt.ArrayLike, sample_rate: int, frame_ms: int = 20, *, pad_last: bool = False
) -> Iterator[rtc.AudioFrame]:
    """Cut mono samples into consecutive ``frame_ms`` LiveKit frames (typically 10 or 20 ms).

    The last frame is shorter unless ``pad_last`` zero-fills it to full length.
    """
    data = as_int16(samples)
    step = max(1, int(sample_rate * frame_ms / 1000))
    for start in range(0, data.size, step):
        chunk = data[start : start + step]
        if pad_last and chunk.size < step:
            chunk = np.concatenate([chunk, np.zeros(step - chunk.size, dtype=np.int16)])
        yield to_audio_frame(chunk, sample_rate)


def telephone_band(samples: npt.ArrayLike, sample_rate: int) -> Int16Array:
    """Band-limit to 300-3,400 Hz (a telephone channel) with an FFT brick-wall filter; the
    rate is unchanged (resample to 8 kHz afterwards for a phone line)."""
    data = as_int16(samples).astype(np.float64)
    if data.size == 0:
        return as_int16(data)
    spectrum = np.fft.rfft(data)
    freqs = np.fft.rfftfreq(data.size, 1.0 / sample_rate)
    spectrum[(freqs < 300.0) | (freqs > 3400.0)] = 0.0
    out = np.fft.irfft(spectrum, n=data.size)
    return np.clip(np.round(out), -32768, 32767).astype(np.int16)
