"""A noise-reduction front end for a noisy line (numpy only): a short-time Wiener filter whose
noise spectrum is learned from the line between the caller's words.

:class:`NoiseReducer` is fed a stream's 16 kHz audio as it comes. It learns the line's noise
power spectrum from the quiet frames (the first frames it hears, then any frame little
louder than the noise it knows; a quieter frame pulls it down at once) and the caller's
speech level from the loud ones, so it can say how noisy the line is
(:attr:`NoiseReducer.snr_db`). :func:`reduce_noise` filters one utterance's audio with a
noise spectrum so learned: per frequency bin, the decision-directed a-priori SNR
(Ephraim and Malah) and the Wiener gain ``xi / (1 + xi)``, never below
:data:`GAIN_FLOOR` (a deeper cut leaves "musical" noise a recogniser hears as sounds).
Frames of 32 ms, hop 16 ms, a square-root Hann window on both sides (perfect
reconstruction where the gain is 1).
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

FRAME = 512
"""Samples of one analysis frame (32 ms at 16 kHz)."""
HOP = FRAME // 2
WINDOW = np.sqrt(np.hanning(FRAME + 1)[:FRAME])
"""Square-root periodic Hann: analysis times synthesis sums to 1 at 50 % overlap."""
GAIN_FLOOR = 0.15
"""The least gain a bin is given (about -16 dB)."""
DD_SMOOTHING = 0.98
"""The decision-directed estimate's weight on the previous frame's clean speech."""
NOISE_ATTACK_FRAMES = 8
"""Frames the noise spectrum is first taken from (about 0.13 s of the line)."""
NOISE_UPDATE = 2.0
"""A frame at most this many times the noise's energy updates the noise spectrum."""
NOISE_SMOOTHING = 0.9
SPEECH_OVER_NOISE = 4.0
"""A frame this many times the noise's energy counts toward the speech level."""
SPEECH_SMOOTHING = 0.98
SILENT = 1.0
"""Mean noise power per bin below which the line is taken as silent (digital silence, a clean
recording): no noise to remove."""


def power_frames(samples: npt.NDArray[np.float64]) -> npt.NDArray[np.complex128]:
    """The windowed spectra of ``samples``' whole frames at :data:`HOP` (one row a frame)."""
    if samples.size < FRAME:
        return np.zeros((0, FRAME // 2 + 1), dtype=np.complex128)
    count = 1 + (samples.size - FRAME) // HOP
    index = np.arange(FRAME)[None, :] + HOP * np.arange(count)[:, None]
    return np.fft.rfft(samples[index] * WINDOW, axis=1)


class NoiseReducer:
    """Learns a stream's noise spectrum and speech level as audio is fed (:meth:`observe`)."""

    def __init__(self) -> None:
        self._tail = np.zeros(0, dtype=np.float64)
        self.noise: npt.NDArray[np.float64] | None = None
        """The line's noise power per frequency bin (None: nothing heard yet)."""
        self._noise_frames = 0
        self.speech_energy = 0.0
        """The mean energy of the frames loud enough to be speech (0: none yet)."""

    def observe(self, samples: npt.NDArray[np.int16]) -> None:
        """Take 16 kHz audio (any length; a partial frame waits for the next call)."""
        data = np.concatenate([self._tail, samples.astype(np.float64)])
        spectra = power_frames(data)
        used = spectra.shape[0] * HOP
        self._tail = data[used:]
        for frame in np.abs(spectra) ** 2:
            self._frame(frame)

    def _frame(self, power: npt.NDArray[np.float64]) -> None:
        # a silent frame is learned too: a line that was silent before the first words is
        # a quiet line, not one whose noise is the first words (held-out, a clean line's
        # first number was filtered as if noisy)
        energy = float(power.mean())
        noise = self.noise
        if noise is None or self._noise_frames < NOISE_ATTACK_FRAMES:
            n = self._noise_frames
            self.noise = power.copy() if noise is None else (noise * n + power) / (n + 1)
            self._noise_frames += 1
            return
        level = float(noise.mean())
        if energy < level:
            # a quieter frame: the estimate held speech, or the line got quieter
            self.noise = 0.5 * noise + 0.5 * power
        elif energy <= NOISE_UPDATE * level:
            self.noise = NOISE_SMOOTHING * noise + (1.0 - NOISE_SMOOTHING) * power
        elif energy >= SPEECH_OVER_NOISE * max(level, SILENT):
            self.speech_energy = (
                energy
                if self.speech_energy == 0.0
                else SPEECH_SMOOTHING * self.speech_energy + (1.0 - SPEECH_SMOOTHING) * energy
            )

    @property
    def snr_db(self) -> float | None:
        """The line's estimated speech-to-noise ratio in dB (None: no speech heard yet, or
        no noise: a silent line)."""
        if self.noise is None or self.speech_energy == 0.0:
            return None
        level = float(self.noise.mean())
        if level < SILENT:
            return None
        return 10.0 * math.log10(max(self.speech_energy - level, level * 1e-3) / level)

    def snapshot(self) -> npt.NDArray[np.float64] | None:
        """The noise spectrum as it is now (a copy: the stream goes on learning)."""
        return None if self.noise is None else self.noise.copy()


class NoiseFilter:
    """Filters one utterance's audio as it comes, with a fixed noise spectrum (power per bin,
    as :class:`NoiseReducer` learns it): :meth:`push` returns the audio :data:`HOP` samples
    behind what it was given (the frame that would finish them is not yet whole)."""

    def __init__(self, noise: npt.NDArray[np.float64], *, floor: float = GAIN_FLOOR) -> None:
        self.noise = np.maximum(noise, 1e-9)
        self.floor = floor
        self._input = np.zeros(HOP, dtype=np.float64)
        """Samples not yet framed (it starts with a hop of silence: the first frame's half)."""
        self._overlap = np.zeros(HOP, dtype=np.float64)
        """The second half of the last frame filtered, waiting for the next frame's first."""
        self._previous = np.zeros_like(self.noise)
        """The last frame's clean power (the decision-directed estimate's memory)."""

    def push(self, samples: npt.NDArray[np.int16]) -> npt.NDArray[np.int16]:
        data = np.concatenate([self._input, samples.astype(np.float64)])
        spectra = power_frames(data)
        count = spectra.shape[0]
        self._input = data[count * HOP :]
        if count == 0:
            return np.zeros(0, dtype=np.int16)
        power = np.abs(spectra) ** 2
        gains = np.empty_like(power)
        noise, previous = self.noise, self._previous
        for i in range(count):
            gamma = power[i] / noise
            xi = DD_SMOOTHING * previous / noise + (1.0 - DD_SMOOTHING) * np.maximum(
                gamma - 1.0, 0.0
            )
            gain = np.maximum(xi / (1.0 + xi), self.floor)
            gains[i] = gain
            previous = gain * gain * power[i]
        self._previous = previous
        frames = np.fft.irfft(spectra * gains, n=FRAME, axis=1) * WINDOW
        out = np.zeros((count + 1) * HOP, dtype=np.float64)
        out[:HOP] = self._overlap
        for i in range(count):
            out[i * HOP : i * HOP + FRAME] += frames[i]
        self._overlap = out[count * HOP :].copy()
        return np.clip(np.round(out[: count * HOP]), -32768, 32767).astype(np.int16)


def reduce_noise(
    samples: npt.NDArray[np.int16],
    noise: npt.NDArray[np.float64],
    *,
    floor: float = GAIN_FLOOR,
) -> npt.NDArray[np.int16]:
    """``samples`` (16 kHz int16, one utterance) with the stationary noise of spectrum
    ``noise`` filtered out (:class:`NoiseFilter`); the same length."""
    if samples.size == 0:
        return samples
    lag = np.zeros(FRAME, dtype=np.int16)
    out = NoiseFilter(noise, floor=floor).push(np.concatenate([samples, lag]))
    return out[HOP : HOP + samples.size]
