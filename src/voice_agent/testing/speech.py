"""Test speech for the offline recogniser: one caller turn fed through a call's stream the
way a call feeds it (padded with silence, in 100 ms chunks, flushed at the end)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from voice_agent.adapters.offline import recognizer as rec

RATE = 16000
_CHUNK = RATE // 10
_PAD = int(RATE * 0.3)


def feed_turn(
    stream: rec.StreamRecognizer, samples: npt.NDArray[np.int16], expect: rec.Expect
) -> list[rec.Event]:
    """Every event of one caller turn: 0.3 s of silence either side, fed in 100 ms chunks
    with the dialogue's expectation, then flushed."""
    pad = np.zeros(_PAD, dtype=np.int16)
    data = np.concatenate([pad, samples, pad])
    events: list[rec.Event] = []
    for i in range(0, data.size, _CHUNK):
        events += stream.feed(data[i : i + _CHUNK].tobytes(), expect=expect)
    events += stream.feed(b"", flush=True, expect=expect)
    return events


def finals(events: list[rec.Event]) -> list[rec.Event]:
    """The final transcripts among a turn's events, empty ones left out."""
    return [e for e in events if e.kind == "final" and e.text]
