"""Resampling with numpy alone (no livekit import: the recognition worker process uses it)."""

from __future__ import annotations

import math
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


MAX_PHASES = 4096
"""Largest number of distinct output phases for which the filter weights are tabulated (all
the usual rate pairs: 24 -> 16 kHz has 2, 44.1 -> 16 kHz 160, 22.05 -> 16 kHz 320)."""


class StreamResampler:
    """Resampling of a stream, chunk by chunk, by windowed-sinc interpolation (Hann window,
    ``ZEROS`` zero crossings each side; the cut-off just under the lower Nyquist frequency).

    The filter's history and the output phase carry from one chunk to the next, so a stream
    resampled in 100 ms chunks has no seams and no delay; each chunk waits for ``ZEROS``
    input samples of look-ahead (under 1 ms at 24 kHz) before its last outputs come out.

    Output positions are kept as exact fractions of an input sample (``num / den`` with
    ``den = dst_rate / gcd``), so an output's fractional phase is one of ``den`` values and
    the filter weights of every phase are computed once: the recognition worker resamples
    every call's audio all the time, and evaluating the sinc per output sample was most of
    its CPU between utterances."""

    ZEROS = 16

    def __init__(self, src_rate: int, dst_rate: int) -> None:
        if src_rate <= 0 or dst_rate <= 0:
            raise ValueError("sample rates must be positive")
        self.src_rate, self.dst_rate = src_rate, dst_rate
        g = math.gcd(src_rate, dst_rate)
        self._num_step, self._den = src_rate // g, dst_rate // g
        self._cutoff = min(1.0, dst_rate / src_rate) * 0.95  # of the input's Nyquist
        self._half = int(np.ceil(self.ZEROS / self._cutoff))
        self._offsets = np.arange(-self._half + 1, self._half + 1)
        self._buf = np.zeros(self._half)  # the stream starts after `half` zeros
        self._num = self._half * self._den  # next output, in 1/den input samples from _buf[0]
        self._table = (
            self._weights(np.arange(self._den) / self._den) if self._den <= MAX_PHASES else None
        )

    def _weights(self, frac: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """Filter weights for outputs at fractional positions ``frac`` past an input sample."""
        t = frac[:, None] - self._offsets[None, :]
        w: npt.NDArray[np.float64] = (
            self._cutoff * np.sinc(self._cutoff * t) * (0.5 + 0.5 * np.cos(np.pi * t / self._half))
        )
        return w

    def push(self, samples: npt.ArrayLike) -> Int16Array:
        x = np.asarray(samples, dtype=np.int16).reshape(-1).astype(np.float64)
        buf = np.concatenate([self._buf, x]) if x.size else self._buf
        last = buf.size - 1 - self._half  # the last position with its full look-ahead
        if last * self._den < self._num:
            self._buf = buf
            return np.zeros(0, dtype=np.int16)
        n = (last * self._den - self._num) // self._num_step + 1
        positions = self._num + np.arange(n, dtype=np.int64) * self._num_step
        whole, phase = np.divmod(positions, self._den)
        index = whole[:, None] + self._offsets[None, :]
        if self._table is not None:
            weights = self._table[phase]
        else:
            weights = self._weights(phase / self._den)
        y = np.einsum("ij,ij->i", buf[index], weights)
        self._num += n * self._num_step
        drop = max(0, self._num // self._den - self._half)
        self._buf = buf[drop:]
        self._num -= drop * self._den
        out: Int16Array = np.clip(np.round(y), -32768, 32767).astype(np.int16)
        return out
