"""What only the SQL store does: migrations, URLs, surviving the database going away.

The behaviour every Store shares (the FakeStore included) is in test_store_contract.py.
"""

from __future__ import annotations

import uuid
from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from store_rows import NOW, appointment_row, user_row

from voice_agent.adapters.storage import SqlStore, async_url, open_store
from voice_agent.adapters.storage.migrate import current, downgrade, heads, upgrade
from voice_agent.domain.errors import StorageUnavailable
from voice_agent.domain.models import Conversation
from voice_agent.domain.staff import CallOutcome, CallQuery

JSON_TYPE = sa.JSON().with_variant(JSONB(), "postgresql")


async def test_deleting_user_keeps_conversation(store: SqlStore) -> None:
    user = user_row()
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
        assert await current(s.engine) == heads()[0]
        await downgrade(s.engine)
        assert await current(s.engine) is None
        await upgrade(s.engine)
        assert await current(s.engine) == heads()[0]
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
    with pytest.raises(StorageUnavailable) as caught:
        await open_store("postgresql://nobody:secret@127.0.0.1:1/none")
    message = caught.value.operator_message
    assert "postgresql://nobody@127.0.0.1:1/none" in message and "DATABASE_URL" in message
    assert "secret" not in message


@pytest.mark.postgres
async def test_reads_survive_a_database_restart_without_pre_ping(postgres_server) -> None:  # type: ignore[no-untyped-def]
    """Pooled connections die with the server; the next read retries on a fresh one."""
    url = postgres_server.create_database()
    store = await open_store(url)
    try:
        user = user_row()
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
            await store.appointments.add(appointment_row(user_row()))
    finally:
        postgres_server.restart()
        await store.close()


async def test_the_staff_console_migration_files_the_calls_already_recorded(
    database_url: str,
) -> None:
    """0003_staff_console fills in conversations.outcome for rows written before it."""
    s = await open_store(database_url)
    try:
        await downgrade(s.engine, "0002_security")
        booked = {"action": "booked", "date": "2026-11-27", "time": "09:00", "appointment_id": "A"}
        viewed = {"action": "viewed", "date": "2026-11-27", "time": "09:00", "appointment_id": "A"}
        ids = [uuid.uuid4(), uuid.uuid4()]
        async with s.engine.begin() as conn:
            for conversation_id, discussed in zip(ids, [[booked, viewed], [viewed]], strict=True):
                await conn.execute(
                    sa.text(
                        "INSERT INTO conversations (id, appointments_discussed, "
                        "preferences_mentioned, transcript, created_at, updated_at) "
                        "VALUES (:id, :discussed, '[]', '[]', :now, :now)"
                    ).bindparams(
                        sa.bindparam("discussed", type_=JSON_TYPE),
                        sa.bindparam("id", type_=sa.Uuid()),
                    ),
                    {"id": conversation_id, "discussed": discussed, "now": NOW},
                )
        await upgrade(s.engine)
        page = await s.conversations.search(CallQuery(outcome=CallOutcome.BOOKED))
        assert [c.id for c in page.items] == [ids[0]]
        async with s.engine.connect() as conn:
            outcomes = dict(
                (await conn.execute(sa.text("SELECT id, outcome FROM conversations"))).all()
            )
        assert sorted(outcomes.values()) == [" ", " booked "]
    finally:
        await s.close()


def test_migration_history_is_one_line() -> None:
    """Branches merged into main each adding a migration on the same parent would give two
    heads, and `upgrade head` would refuse to run."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from voice_agent.adapters.storage.migrate import MIGRATIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    revisions = list(ScriptDirectory.from_config(cfg).walk_revisions())
    files = list((MIGRATIONS / "versions").glob("[0-9]*.py"))
    assert len(heads()) == 1 and len(revisions) == len(files)
    assert all(not r.is_merge_point and not r.is_branch_point for r in revisions)
    assert revisions[-1].down_revision is None
    assert [r.down_revision for r in revisions[:-1]] == [r.revision for r in revisions[1:]]
