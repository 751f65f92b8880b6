"""The demo's files: the caller's side of each call as a recording of its own."""

from __future__ import annotations

import wave
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from voice_agent.adapters.offline.audio import read_wav
from voice_agent.adapters.offline.call_io import write_stereo_wav
from voice_agent.config import Settings
from voice_agent.entrypoints.demo import (
    caller_side_path,
    demo_start,
    run_demo,
    why_this_day,
    write_caller_side,
)


@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 12, 2, 21, 30, tzinfo=UTC),  # a Wednesday evening
        datetime(2026, 12, 2, 14, 59, tzinfo=UTC),  # the same Wednesday, 9:59 in New York
        datetime(2026, 12, 3, 2, 0, tzinfo=UTC),  # Wednesday 21:00 in New York, Thursday UTC
        datetime(2026, 12, 7, 12, 0, tzinfo=UTC),  # a Monday
        datetime(2026, 12, 1, 16, 0, tzinfo=UTC),  # a Tuesday
    ],
)
def test_the_demos_clinic_day_has_come_so_nothing_it_writes_is_dated_ahead(now: datetime) -> None:
    """The demo ran on the coming Wednesday: `appointments` and the staff page showed the
    demo's accounts and calls created days in the future."""
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    start = demo_start(now, settings)
    local = start.astimezone(ZoneInfo("America/New_York"))
    assert local.weekday() == 2 and local.time() == time(10), local
    assert now - timedelta(days=7) < start <= now, (now, start)


def test_the_demo_says_why_its_clinic_day_is_not_today() -> None:
    """On a Thursday the demo said "Clinic day for the demo: Wednesday, December 2nd" and
    nothing more: which clock was wrong?"""
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    thursday = datetime(2026, 12, 3, 16, 0, tzinfo=UTC)
    why = why_this_day(demo_start(thursday, settings), thursday)
    assert why is not None
    assert "not today" in why and "last Wednesday" in why and '"tomorrow" and "Friday"' in why
    wednesday = datetime(2026, 12, 2, 16, 0, tzinfo=UTC)  # 11:00 in New York: the demo's day
    assert why_this_day(demo_start(wednesday, settings), wednesday) is None


def test_caller_side_is_the_left_channel_as_mono(tmp_path: Path) -> None:
    left = np.arange(0, 1600, dtype=np.int16)
    right = -left
    stereo = tmp_path / "1-new-user-booking.wav"
    write_stereo_wav(stereo, np.stack([left, right], axis=1).reshape(-1), 16_000)
    path = write_caller_side(stereo)
    assert path == caller_side_path(stereo) == tmp_path / "1-new-user-booking-caller.wav"
    with wave.open(str(path)) as wav:
        assert wav.getnchannels() == 1 and wav.getframerate() == 16_000
    samples, rate = read_wav(path)
    assert rate == 16_000 and samples.tolist() == left.tolist()


class _Stop(Exception):
    pass


async def test_the_demos_first_line_names_its_database_without_the_password(
    tmp_path: Path,
) -> None:
    """`demo --database postgresql://clinic:pw@db/clinic` printed the URL whole, password and
    all, on its first line (the line at its end named it without)."""
    lines: list[str] = []

    def printer(line: str) -> None:
        lines.append(line)
        raise _Stop  # the first line is all this test wants: nothing is loaded before it

    url = "postgresql://clinic:s3cret-pw@db.example/clinic"
    settings = Settings(database_url=url, _env_file=None)  # type: ignore[call-arg]
    with pytest.raises(_Stop):
        await run_demo(settings, out_dir=tmp_path, printer=printer)
    assert lines[0].startswith("Clinic day for the demo: "), lines
    assert "db.example/clinic" in lines[0] and "s3cret-pw" not in lines[0]
