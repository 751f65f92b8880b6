"""A recording of the caller's side for ``call --audio``: read, cut into turns, and what is
wrong with it said before the call, which runs in real time. Nothing here loads the speech
stack (LiveKit Agents, the VAD, the recogniser), so a file that cannot be played is refused
in a moment, not after the seconds that loading takes."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from voice_agent.adapters.offline.audio import Int16Array, read_wav

VOICED_THRESHOLD = 300  # |sample| above this (of 32767) counts as voice, about -40 dBFS
NOISE_FLOOR_PERCENTILE = 10
"""The recording's quiet moments: this percentile of its 20 ms windows' peaks."""
ABOVE_NOISE = 2.0
"""Voice is at least this much (6 dB) above the quiet moments' level..."""
BELOW_LOUD = 1 / 3
"""...but needs to be no more than a third (-10 dB) of the loud moments' (the 95th
percentile), so a recording that is all voice, with no quiet moments, is still voice."""

RECORDING_TAIL_SECONDS = 1.0
"""Silence after a recording, so the VAD sees the end of the last utterance."""

LONG_PAUSE_SECONDS = 8.0
"""A pause this long between two parts is said not to be kept (a caller waiting, or a
recording that holds the agent's side too)."""

LONG_TURN_SECONDS = 10.0
"""A turn this long with no pause of a second in it is more likely several run together."""


def split_utterances(
    samples: Int16Array, sample_rate: int, *, min_gap: float = 1.0, window: float = 0.02
) -> list[Int16Array]:
    """Cut a recording of the caller's side at pauses of at least ``min_gap`` seconds: a
    pause is where the sound stays near the recording's quiet moments (see
    :func:`voiced_level`), silence or steady background noise.

    Each piece keeps up to half the pause on either side; pieces without voice are dropped.
    """
    size = max(1, int(sample_rate * window))
    return [samples[lo * size : hi * size] for lo, hi in _pieces(samples, size, min_gap, window)]


SHORT_PAUSE_SECONDS = 0.5
"""The pause at which a recording with no pause of a second between its turns is cut."""


def caller_turns(samples: Int16Array, sample_rate: int) -> list[Int16Array]:
    """The caller's turns in a recording, as the call plays them: cut at pauses of a second
    (:func:`split_utterances`), or, when that leaves one turn over :data:`LONG_TURN_SECONDS`,
    at pauses of half a second if there are any. Turns half a second apart were one turn, and
    the agent, whose voice activity detector ends a turn sooner, answered parts while the rest
    played on: answers to the wrong questions, and no booking."""
    turns = split_utterances(samples, sample_rate)
    if len(turns) == 1 and turns[0].size / sample_rate > LONG_TURN_SECONDS:
        shorter = split_utterances(samples, sample_rate, min_gap=SHORT_PAUSE_SECONDS)
        if len(shorter) > 1:
            return shorter
    return turns


def _pieces(samples: Int16Array, size: int, min_gap: float, window: float) -> list[tuple[int, int]]:
    """The pieces of :func:`split_utterances` as (first, past-last) window indices."""
    frames = _window_peaks(samples, size)
    n = frames.size
    if n == 0:
        return []
    voiced = np.flatnonzero(frames > voiced_level(frames))
    if voiced.size == 0:
        return []
    gap = int(min_gap / window)
    pad = gap // 2
    pieces: list[tuple[int, int]] = []
    start = prev = int(voiced[0])
    for idx in (*voiced[1:].tolist(), None):
        if idx is not None and idx - prev <= gap:
            prev = idx
            continue
        pieces.append((max(0, start - pad), min(n, prev + 1 + pad)))
        if idx is not None:
            start = prev = idx
    return pieces


def _pause_notes(samples: Int16Array, rate: int) -> list[str]:
    """Pauses in the recording that the call does not keep: each part is played once the
    agent has answered the one before, so a caller's long wait leaves no gap."""
    size = max(1, rate // 50)
    spans = _pieces(samples, size, 1.0, 0.02)
    notes = []
    for part, ((_, end), (start, _)) in enumerate(zip(spans, spans[1:], strict=False), 1):
        pause = (start - end) * size / rate + 1.0  # each piece kept half a second either side
        if pause >= LONG_PAUSE_SECONDS:
            at = end * size / rate - 0.5
            notes.append(
                f"the {pause:.0f} s pause after part {part} (at {at:.0f} s) is not kept: "
                "each part is played as soon as the agent has answered the one before"
            )
    return notes


def _window_peaks(samples: Int16Array, size: int) -> npt.NDArray[np.int32]:
    """The loudest sample of each window of ``size`` samples (a partial last one left out)."""
    n = samples.size // size
    peaks: npt.NDArray[np.int32] = (
        np.abs(samples[: n * size].astype(np.int32)).reshape(n, size).max(axis=1)
    )
    return peaks


def voiced_level(peaks: npt.NDArray[np.int32]) -> float:
    """The level above which a 20 ms window of a recording holds voice, from the windows'
    ``peaks``: above :data:`VOICED_THRESHOLD`, and above the background noise when there is
    some. With a fixed -40 dBFS, a fan's hum or a street's hiss even 30 dB under the voice
    was "voice" throughout: a call with 2 s pauses played as one turn, and the agent
    answered only after all of it."""
    if peaks.size == 0:
        return float(VOICED_THRESHOLD)
    quiet, loud = np.percentile(peaks, [NOISE_FLOOR_PERCENTILE, 95])
    return max(float(VOICED_THRESHOLD), min(ABOVE_NOISE * float(quiet), BELOW_LOUD * float(loud)))


def _turn_notes(turns: Sequence[Int16Array], rate: int, *, quiet: float) -> list[str]:
    """What the cut into turns says about a recording that will not play as expected;
    ``quiet``: the peak level of its quiet moments (background noise, when above
    :data:`VOICED_THRESHOLD`)."""
    if not turns:
        return [
            "no speech in it (nothing louder than about -40 dBFS): the agent will hear only "
            "silence; check that it holds the caller's voice and is not muted or too quiet"
        ]
    if len(turns) == 1 and turns[0].size / rate > LONG_TURN_SECONDS:
        return [
            f"it is one turn of {turns[0].size / rate:.0f} s with no pause of a second or more: "
            "the agent answers only after all of it; leave a second of silence between the "
            "caller's turns"
            + (
                f" (its quietest moments peak at {_dbfs(quiet):.0f} dBFS: background noise "
                "this loud next to the voice hides the pauses)"
                if quiet > VOICED_THRESHOLD
                else ""
            )
        ]
    return []


def _dbfs(peak: float) -> float:
    return 20 * math.log10(max(peak, 1.0) / 32768)


def load_recording(path: Path, *, notes: list[str] | None = None) -> tuple[Int16Array, int]:
    """The caller's side of a call, with :data:`RECORDING_TAIL_SECONDS` of silence after it;
    ``notes`` gets what is wrong with the file but does not stop the call (see
    :func:`read_wav`)."""
    samples, rate = read_wav(path, notes=notes)
    if samples.size == 0:
        raise ValueError(f"{path} holds no audio")
    if notes is not None:
        peaks = _window_peaks(samples, max(1, rate // 50))
        quiet = float(np.percentile(peaks, NOISE_FLOOR_PERCENTILE)) if peaks.size else 0.0
        turns = split_utterances(samples, rate)
        played = caller_turns(samples, rate)
        if len(played) != len(turns):
            notes.append(
                "it has no pause of a second or more between turns, so it is cut at its "
                f"half-second pauses, into {len(played)} turns (a pause inside a sentence may "
                "split one too); for a surer cut, leave a second of silence between the "
                "caller's turns"
            )
        else:
            notes.extend(_turn_notes(turns, rate, quiet=quiet))
        notes.extend(_pause_notes(samples, rate))
    pad = np.zeros(int(rate * RECORDING_TAIL_SECONDS), dtype=np.int16)
    return np.concatenate([samples, pad]), rate
