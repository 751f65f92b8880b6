"""Retention: calls that ended more than CALL_RETENTION_DAYS ago are deleted, by the token
server's housekeeping and by `voice-agent purge`; open calls and newer ones stay."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from voice_agent.bootstrap import bootstrap
from voice_agent.config import Settings
from voice_agent.domain.clock import FixedClock
from voice_agent.domain.models import Conversation
from voice_agent.entrypoints.lifecycle import housekeep
from voice_agent.services.retention import purge_old_calls, retention_cutoff
from voice_agent.testing.fakes import FakeStore

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)


def _call(*, ended_days_ago: float | None, started_days_ago: float = 0) -> Conversation:
    started = NOW - timedelta(days=max(started_days_ago, ended_days_ago or 0))
    conv = Conversation(id=uuid.uuid4(), room_name="room", started_at=started)
    conv.transcript.append({"role": "user", "text": "it's Ann Lee, 646 555 0177"})
    if ended_days_ago is not None:
        conv.ended_at = NOW - timedelta(days=ended_days_ago)
    return conv


async def test_calls_ended_longer_ago_than_the_retention_are_deleted() -> None:
    store = FakeStore()
    old, edge, recent = (_call(ended_days_ago=d) for d in (31, 29.9, 1))
    still_open = _call(ended_days_ago=None, started_days_ago=60)
    for conv in (old, edge, recent, still_open):
        await store.conversations.save(conv)
    assert await purge_old_calls(store.conversations, FixedClock(NOW), days=30) == 1
    assert set(store.conversations.rows) == {edge.id, recent.id, still_open.id}


def test_a_retention_is_at_least_a_day() -> None:
    assert retention_cutoff(NOW, 1) == NOW - timedelta(days=1)
    with pytest.raises(ValueError):
        retention_cutoff(NOW, 0)


@pytest.mark.parametrize(("days", "left"), [(None, 2), (30, 1)])
async def test_the_servers_housekeeping_deletes_old_calls_when_a_retention_is_set(
    tmp_path: Path, days: int | None, left: int
) -> None:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'retention.db'}",
        call_retention_days=days,
        _env_file=None,  # type: ignore[call-arg]
    )
    container = await bootstrap(settings, clock=FixedClock(NOW))
    try:
        for conv in (_call(ended_days_ago=45), _call(ended_days_ago=2)):
            await container.store.conversations.save(conv)
        await housekeep(container)
        assert len(await container.store.conversations.recent(10)) == left
    finally:
        await container.aclose()
