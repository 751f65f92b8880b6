"""Finding 7 of issue 11: a call whose process is killed (SIGKILL, OOM, power loss) kept its
row open forever. Several call processes share one database (SQLite and PostgreSQL); one is
killed; the sweep closes that call, from its saved transcript, and never a live one."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from uuid import UUID

from voice_agent.adapters.storage import SqlStore, open_store
from voice_agent.domain.clock import SystemClock
from voice_agent.services.abandoned import ABANDONED, finalise_abandoned

CALL_PROCESS = Path(__file__).with_name("call_process.py")
GRACE = timedelta(seconds=2)  # ten heartbeats of the call processes


def _start_call(url: str, room: str) -> tuple[subprocess.Popen[str], UUID]:
    process = subprocess.Popen(
        [sys.executable, str(CALL_PROCESS), url, room],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    if not line:
        process.kill()
        raise AssertionError(process.communicate()[1])
    return process, UUID(line)


async def _sweep(store: SqlStore) -> int:
    return await finalise_abandoned(store.conversations, SystemClock(), grace=GRACE)


async def test_a_killed_call_is_closed_and_live_ones_never(database_url: str) -> None:
    store = await open_store(database_url)
    processes: list[subprocess.Popen[str]] = []
    try:
        calls = {}
        for room in ("room-live-1", "room-live-2", "room-killed"):
            process, conversation_id = _start_call(database_url, room)
            processes.append(process)
            calls[room] = (process, conversation_id)
        killed, killed_id = calls["room-killed"]
        killed.send_signal(signal.SIGKILL)
        killed.wait()

        assert await _sweep(store) == 0  # within the grace period nothing is closed
        await asyncio.sleep(GRACE.total_seconds() + 1.0)
        # three processes starting at once each sweep: the dead call is closed exactly once
        assert sorted(await asyncio.gather(*(_sweep(store) for _ in range(3)))) == [0, 0, 1]

        row = await store.conversations.get(killed_id)
        assert row is not None and row.end_reason == ABANDONED
        assert row.ended_at is not None and row.ended_at == row.heartbeat_at
        assert row.summary is not None and "cut off" in row.summary
        assert [t["role"] for t in row.transcript] == ["assistant", "user"]
        assert row.preferences_mentioned  # what was saved is kept
        assert row.caller_identity == "caller-room-killed"
        assert row.duration_seconds is not None and row.duration_seconds >= 0

        for room in ("room-live-1", "room-live-2"):
            live = await store.conversations.get(calls[room][1])
            assert live is not None and live.ended_at is None and live.end_reason is None

        # the live calls end on their own terms later
        for room in ("room-live-1", "room-live-2"):
            process, conversation_id = calls[room]
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=30) == 0
            ended = await store.conversations.get(conversation_id)
            assert ended is not None and ended.end_reason == "participant_disconnected"
        assert await _sweep(store) == 0
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
        await store.close()


async def test_a_call_saved_meanwhile_is_not_closed(tmp_path: Path) -> None:
    """The close is conditional: a heartbeat between the sweep's read and its write wins."""
    store = await open_store(f"sqlite:///{tmp_path / 'race.db'}")
    try:
        process, conversation_id = _start_call(f"sqlite:///{tmp_path / 'race.db'}", "room-slow")
        process.send_signal(signal.SIGSTOP)  # a process stalled, not dead
        try:
            await asyncio.sleep(GRACE.total_seconds() + 0.5)
            stale = await store.conversations.stale_open(SystemClock().now() - GRACE, limit=10)
            assert [c.id for c in stale] == [conversation_id]
            process.send_signal(signal.SIGCONT)  # it wakes and saves before the sweep writes
            await asyncio.sleep(1.0)
            ending = stale[0]
            ending.ended_at, ending.end_reason = ending.heartbeat_at, ABANDONED
            closed = await store.conversations.close_abandoned(
                ending, cutoff=SystemClock().now() - GRACE
            )
            assert closed is False
            row = await store.conversations.get(conversation_id)
            assert row is not None and row.ended_at is None
        finally:
            process.send_signal(signal.SIGCONT)
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
    finally:
        await store.close()
