"""Repository behaviour against real SQLite and PostgreSQL (no mocks)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time

import pytest
import sqlalchemy as sa

from voice_agent.adapters.storage import SqlStore, async_url, open_store
from voice_agent.adapters.storage.migrate import current, downgrade, upgrade
from voice_agent.domain.errors import SlotUnavailable, StorageUnavailable
from voice_agent.domain.models import Appointment, AppointmentStatus, Conversation, User
from voice_agent.domain.ports import DuplicateCode

NOW = datetime(2026, 11, 25, 15, tzinfo=UTC)


def _user(phone: str = "+19876543210") -> User:
    return User(id=uuid.uuid4(), phone=phone, name="Sarah", created_at=NOW)


def _appt(user: User, code: str = "abcdefgh", hour: int = 9) -> Appointment:
    return Appointment(
        id=uuid.uuid4(),
        code=code,
        user_id=user.id,
        day=date(2026, 11, 27),
        start=time(hour),
        slot=f"{hour:02d}:00-{hour + 1:02d}:00",
        status=AppointmentStatus.BOOKED,
        created_at=NOW,
        updated_at=NOW,
    )


async def test_user_round_trip_is_timezone_aware(store: SqlStore) -> None:
    user = _user()
    await store.users.add(user)
    got = await store.users.get_by_phone("+19876543210")
    assert got == user and got.created_at.tzinfo is not None
    assert await store.users.get(user.id) == user
    assert await store.users.get_by_phone("+10000000000") is None


async def test_partial_unique_index_allows_rebooking_after_cancel(store: SqlStore) -> None:
    user = _user()
    await store.users.add(user)
    first = _appt(user, "aaaaaaaa")
    await store.appointments.add(first)
    with pytest.raises(SlotUnavailable):
        await store.appointments.add(_appt(user, "bbbbbbbb"))
    await store.appointments.set_status(first.id, AppointmentStatus.CANCELLED, at=NOW)
    await store.appointments.add(_appt(user, "cccccccc"))
    assert await store.appointments.booked_starts(date(2026, 11, 27)) == {time(9)}


async def test_duplicate_code_is_reported_as_such(store: SqlStore) -> None:
    user = _user()
    await store.users.add(user)
    await store.appointments.add(_appt(user, "aaaaaaaa", 9))
    with pytest.raises(DuplicateCode):
        await store.appointments.add(_appt(user, "aaaaaaaa", 10))


async def test_reschedule_conflict_leaves_row_unchanged(store: SqlStore) -> None:
    user = _user()
    await store.users.add(user)
    a, b = _appt(user, "aaaaaaaa", 9), _appt(user, "bbbbbbbb", 10)
    await store.appointments.add(a)
    await store.appointments.add(b)
    with pytest.raises(SlotUnavailable):
        await store.appointments.reschedule(a.id, day=b.day, start=b.start, slot=b.slot, at=NOW)
    assert (await store.appointments.get_by_code("aaaaaaaa")) == a


async def test_conversation_upsert_and_lookup(store: SqlStore) -> None:
    user = _user()
    await store.users.add(user)
    conv = Conversation(id=uuid.uuid4(), room_name="room-1", started_at=NOW)
    conv.transcript.append({"role": "user", "text": "hello"})
    await store.conversations.save(conv)
    conv.transcript.append({"role": "assistant", "text": "hi"})
    conv.user_id = user.id
    conv.summary = "Booked."
    conv.cost_breakdown = {"total_cost": 0.03}
    conv.duration_seconds = 172
    await store.conversations.save(conv)
    got = await store.conversations.latest_for_room("room-1")
    assert got is not None
    assert got.transcript == conv.transcript and got.summary == "Booked."
    assert got.user_id == user.id and got.cost_breakdown == {"total_cost": 0.03}
    assert [c.id for c in await store.conversations.recent()] == [conv.id]
    assert await store.conversations.latest_for_room("nope") is None


async def test_deleting_user_keeps_conversation(store: SqlStore) -> None:
    user = _user()
    await store.users.add(user)
    conv = Conversation(id=uuid.uuid4(), room_name="r", started_at=NOW, user_id=user.id)
    await store.conversations.save(conv)
    async with store.engine.begin() as conn:
        await conn.execute(sa.text("DELETE FROM users"))
    got = await store.conversations.get(conv.id)
    assert got is not None and got.user_id is None


async def test_migrations_downgrade_and_upgrade(database_url: str) -> None:
    s = await open_store(database_url)
    try:
        assert await current(s.engine) == "0001"
        await downgrade(s.engine)
        assert await current(s.engine) is None
        await upgrade(s.engine)
        assert await current(s.engine) == "0001"
    finally:
        await s.close()


def test_async_url_mapping() -> None:
    assert async_url("sqlite:///var/x.db") == "sqlite+aiosqlite:///var/x.db"
    supa = "postgresql://postgres.abc:pw@aws-0-eu.pooler.supabase.com:6543/postgres?sslmode=require"
    assert async_url(supa) == (
        "postgresql+asyncpg://postgres.abc:pw@aws-0-eu.pooler.supabase.com:6543/postgres?ssl=require"
    )
    assert async_url("postgres://u@h/db").startswith("postgresql+asyncpg://u@h/db")


async def test_unreachable_postgres_is_storage_unavailable() -> None:
    with pytest.raises(StorageUnavailable, match="DATABASE_URL"):
        await open_store("postgresql://nobody@127.0.0.1:1/none")


@pytest.mark.postgres
async def test_reads_survive_a_database_restart_without_pre_ping(postgres_server) -> None:  # type: ignore[no-untyped-def]
    """Pooled connections die with the server; the next read retries on a fresh one."""
    url = postgres_server.create_database()
    store = await open_store(url)
    try:
        user = _user()
        await store.users.add(user)
        assert await store.users.get(user.id) == user  # leaves a connection in the pool
        # the test server runs without synchronous commit: make the rows durable first
        postgres_server.psql("CHECKPOINT")
        postgres_server.restart()
        assert await store.users.get(user.id) == user
        assert await store.appointments.booked_starts(date(2026, 11, 27)) == set()
    finally:
        await store.close()


@pytest.mark.postgres
async def test_database_down_is_storage_unavailable(postgres_server) -> None:  # type: ignore[no-untyped-def]
    url = postgres_server.create_database()
    store = await open_store(url)
    postgres_server.psql("CHECKPOINT")
    try:
        postgres_server.kill()
        with pytest.raises(StorageUnavailable, match="briefly unavailable"):
            await store.users.get_by_phone("+19876543210")
        with pytest.raises(StorageUnavailable):
            await store.appointments.add(_appt(_user()))
    finally:
        postgres_server.restart()
        await store.close()
