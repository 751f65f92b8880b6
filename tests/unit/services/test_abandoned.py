"""Closing abandoned calls: the recorder's heartbeat, the sweep's grace period, the close that
never reopens or overrides a live call, and the sweep every starting process runs."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

from voice_agent.adapters.storage import open_store
from voice_agent.bootstrap import bootstrap
from voice_agent.config import Settings
from voice_agent.domain.clock import FixedClock
from voice_agent.services.abandoned import ABANDONED, finalise_abandoned
from voice_agent.services.recorder import CallRecorder
from voice_agent.testing.fakes import FakeStore

GRACE = timedelta(minutes=5)


async def test_a_live_call_is_saved_every_heartbeat_even_without_changes(
    clock: FixedClock,
) -> None:
    repo = FakeStore().conversations
    recorder = CallRecorder(repo, clock, room_name="room-1", heartbeat_seconds=0.05)
    await recorder.start()
    first = repo.rows[recorder.conversation_id].heartbeat_at
    clock.advance(timedelta(seconds=30))
    await asyncio.sleep(0.2)
    await recorder.aclose()
    assert len(repo.saved) >= 3
    assert repo.rows[recorder.conversation_id].heartbeat_at == first + timedelta(seconds=30)


async def test_a_call_silent_for_longer_than_the_grace_period_is_closed(
    clock: FixedClock,
) -> None:
    store = FakeStore()
    recorder = CallRecorder(store.conversations, clock, room_name="room-1", save_delay=0)
    await recorder.start()
    recorder.add_turn("user", "I'd like to cancel my appointment tomorrow morning")
    await recorder.flush()
    await recorder.aclose()  # the process "dies": no more heartbeats
    last_seen = clock.now()

    clock.advance(GRACE - timedelta(seconds=1))
    assert await finalise_abandoned(store.conversations, clock, grace=GRACE) == 0
    clock.advance(timedelta(seconds=2))
    assert await finalise_abandoned(store.conversations, clock, grace=GRACE) == 1
    row = store.conversations.rows[recorder.conversation_id]
    assert row.end_reason == ABANDONED and row.ended_at == last_seen
    assert row.summary is not None and "cut off" in row.summary
    assert row.transcript[0]["text"].startswith("I'd like to cancel")
    assert await finalise_abandoned(store.conversations, clock, grace=GRACE) == 0


async def test_a_late_save_of_a_closed_call_does_not_reopen_it_but_its_final_save_wins(
    clock: FixedClock, tmp_path: Path
) -> None:
    for store in (FakeStore(), await open_store(f"sqlite:///{tmp_path / 'late.db'}")):
        recorder = CallRecorder(store.conversations, clock, room_name="room-1", save_delay=0)
        await recorder.start()
        clock.advance(GRACE * 2)
        assert await finalise_abandoned(store.conversations, clock, grace=GRACE) == 1
        # the process was only stalled: its next save must not reopen the row...
        recorder.add_turn("user", "hello? are you still there")
        await recorder.flush()
        row = await store.conversations.get(recorder.conversation_id)
        assert row is not None and row.end_reason == ABANDONED
        # ...but its own ending, when it comes, is the record
        await recorder.finish(reason="end_conversation")
        row = await store.conversations.get(recorder.conversation_id)
        assert row is not None and row.end_reason == "end_conversation"
        assert row.transcript[-1]["text"] == "hello? are you still there"
        await store.close()


async def test_the_next_process_to_start_closes_abandoned_calls(
    settings: Settings, clock: FixedClock
) -> None:
    first = await bootstrap(settings, clock=clock)
    recorder = CallRecorder(first.store.conversations, clock, room_name="room-1")
    await recorder.start()
    await recorder.aclose()
    await first.aclose()  # killed: nothing finished the call

    clock.advance(timedelta(seconds=settings.abandoned_call_grace_seconds + 1))
    second = await bootstrap(settings, clock=clock)
    try:
        row = await second.store.conversations.get(recorder.conversation_id)
        assert row is not None and row.end_reason == ABANDONED
    finally:
        await second.aclose()
