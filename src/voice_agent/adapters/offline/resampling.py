"""Resampling with numpy alone (no livekit import: the recognition worker process uses it)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import numpy.typing as npt

Int16Array = npt.NDArray[np.int16]

__all__ = ["StreamResampler", "lowpass_kernel"]


@lru_cache(maxsize=16)
def lowpass_kernel(cutoff: float, taps: int) -> npt.NDArray[np.float64]:
    """Hann-windowed sinc low-pass FIR; ``cutoff`` is a fraction of the sample rate (<0.5)."""
    n = np.arange(taps) - (taps - 1) / 2.0
    kernel = 2.0 * cutoff * np.sinc(2.0 * cutoff * n) * np.hanning(taps)
    normalised: npt.NDArray[np.float64] = kernel / kernel.sum()
    return normalised


class StreamResampler:
    """Resampling of a stream, chunk by chunk, by windowed-sinc interpolation (Hann window,
    ``ZEROS`` zero crossings each side; the cut-off just under the lower Nyquist frequency).

    The filter's history and the output phase carry from one chunk to the next, so a stream
    resampled in 100 ms chunks has no seams and no delay; each chunk waits for ``ZEROS``
    input samples of look-ahead (under 1 ms at 24 kHz) before its last outputs come out."""

    ZEROS = 16

    def __init__(self, src_rate: int, dst_rate: int) -> None:
        if src_rate <= 0 or dst_rate <= 0:
            raise ValueError("sample rates must be positive")
        self.src_rate, self.dst_rate = src_rate, dst_rate
        self._step = src_rate / dst_rate
        self._cutoff = min(1.0, dst_rate / src_rate) * 0.95  # of the input's Nyquist
        self._half = int(np.ceil(self.ZEROS / self._cutoff))
        self._offsets = np.arange(-self._half + 1, self._half + 1)
        self._buf = np.zeros(self._half)  # the stream starts after `half` zeros
        self._pos = float(self._half)  # next output, in input samples from _buf[0]

    def push(self, samples: npt.ArrayLike) -> Int16Array:
        x = np.asarray(samples, dtype=np.int16).reshape(-1).astype(np.float64)
        buf = np.concatenate([self._buf, x]) if x.size else self._buf
        last = buf.size - 1 - self._half  # the last position with its full look-ahead
        if last < self._pos:
            self._buf = buf
            return np.zeros(0, dtype=np.int16)
        n = int((last - self._pos) // self._step) + 1
        positions = self._pos + np.arange(n) * self._step
        index = np.floor(positions).astype(np.int64)[:, None] + self._offsets[None, :]
        t = positions[:, None] - index
        weights = (
            self._cutoff * np.sinc(self._cutoff * t) * (0.5 + 0.5 * np.cos(np.pi * t / self._half))
        )
        y = np.sum(buf[index] * weights, axis=1)
        self._pos += n * self._step
        drop = max(0, int(self._pos) - self._half)
        self._buf = buf[drop:]
        self._pos -= drop
        out: Int16Array = np.clip(np.round(y), -32768, 32767).astype(np.int16)
        return out
