"""StreamResampler: chunk by chunk, the signal at the new rate, without seams or delay."""

from __future__ import annotations

import numpy as np
import pytest

from voice_agent.adapters.offline.resampling import StreamResampler


# 22_050 and 44_101 -> 16 kHz: many phases (tabulated) and too many (weights per chunk)
@pytest.mark.parametrize(
    ("src", "dst"),
    [(24_000, 16_000), (48_000, 16_000), (8_000, 16_000), (22_050, 16_000), (44_101, 16_000)],
)
@pytest.mark.parametrize("hz", [300.0, 1_000.0, 3_000.0])
def test_chunks_give_the_tone_at_the_new_rate(src: int, dst: int, hz: float) -> None:
    tone = np.round(8000 * np.sin(2 * np.pi * hz * np.arange(src) / src)).astype(np.int16)
    stream = StreamResampler(src, dst)
    chunk = src // 10 + 7  # odd sizes: the phase must carry over
    out = np.concatenate([stream.push(tone[i : i + chunk]) for i in range(0, tone.size, chunk)])
    assert dst - 40 <= out.size <= dst  # all but the last look-ahead
    expected = 8000 * np.sin(2 * np.pi * hz * np.arange(out.size) / dst)
    # same phase (no delay), within 1 % of full scale away from the stream's start
    assert np.abs(out[200:] - expected[200:]).max() < 80


def test_an_empty_or_tiny_chunk_is_kept_for_the_next() -> None:
    stream = StreamResampler(24_000, 16_000)
    assert stream.push(np.zeros(0, np.int16)).size == 0
    total = sum(stream.push(np.full(1, 100, np.int16)).size for _ in range(300))
    assert 170 <= total <= 200
