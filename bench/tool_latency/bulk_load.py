"""Loading a data set into SQLite and PostgreSQL fast: rows in each backend's native types,
secondary indexes dropped during the load and re-created from the database's own DDL."""

from __future__ import annotations

import sqlite3
import time as _time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

import numpy as np

from bench import common
from bench.tool_latency.dataset import STATUS_NAMES, Dataset, person_name
from voice_agent.adapters.storage import open_store

# Secondary indexes dropped before the bulk load and re-created afterwards from the
# database's own DDL (constraint indexes -- primary keys, unique code/phone -- stay).
SECONDARY_INDEXES = (
    "ix_appointments_user_id",
    "ix_appointments_date_time",
    "ix_appointments_status",
    "uq_appointments_active_slot",
)


# --- rows for each backend -------------------------------------------------------------------
def _epoch_to_dt(values: np.ndarray) -> list[datetime]:
    fromts = datetime.fromtimestamp
    return [fromts(v, UTC) for v in values.tolist()]


def _epoch_to_sqlite(values: np.ndarray) -> list[str]:
    """SQLAlchemy's SQLite DATETIME storage format for naive UTC: 'YYYY-MM-DD HH:MM:SS.ffffff'."""
    text = np.datetime_as_string(values.astype("datetime64[s]"), unit="s")
    return [s.replace("T", " ") + ".000000" for s in text.tolist()]


def user_rows(ds: Dataset, backend: str) -> list[tuple[Any, ...]]:
    names = [person_name(i) for i in range(ds.n_users)]
    if backend == "postgresql":
        return list(
            zip(ds.user_ids, ds.user_phones, names, _epoch_to_dt(ds.user_created), strict=True)
        )
    return list(
        zip(
            [u.hex for u in ds.user_ids],
            ds.user_phones,
            names,
            _epoch_to_sqlite(ds.user_created),
            strict=True,
        )
    )


def appointment_chunks(ds: Dataset, backend: str, chunk: int) -> Iterator[list[tuple[Any, ...]]]:
    """Rows in the column order of APPOINTMENT_COLUMNS, in the backend's native types."""
    pg = backend == "postgresql"
    if pg:
        slot_day = [d for d, _ in ds.slots]
        slot_time = [time(h) for _, h in ds.slots]
        user_key: list[Any] = ds.user_ids
    else:
        slot_day = [d.isoformat() for d, _ in ds.slots]
        slot_time = [f"{h:02d}:00:00.000000" for _, h in ds.slots]
        user_key = [u.hex for u in ds.user_ids]
    slot_label = [f"{h:02d}:00-{h + 1:02d}:00" for _, h in ds.slots]
    for lo in range(0, ds.n_appointments, chunk):
        hi = min(lo + chunk, ds.n_appointments)
        raw_ids = ds.appt_ids[lo:hi]
        if pg:
            ids: list[Any] = [uuid.UUID(bytes=b.tobytes()) for b in raw_ids]
            created: list[Any] = _epoch_to_dt(ds.appt_created[lo:hi])
            updated: list[Any] = _epoch_to_dt(ds.appt_updated[lo:hi])
        else:
            ids = [b.tobytes().hex() for b in raw_ids]
            created = _epoch_to_sqlite(ds.appt_created[lo:hi])
            updated = _epoch_to_sqlite(ds.appt_updated[lo:hi])
        codes = [c.decode() for c in ds.appt_codes[lo:hi].tolist()]
        users = ds.appt_user[lo:hi].tolist()
        slots = ds.appt_slot[lo:hi].tolist()
        statuses = ds.appt_status[lo:hi].tolist()
        yield [
            (
                ids[i],
                user_key[users[i]],
                codes[i],
                slot_day[slots[i]],
                slot_time[slots[i]],
                slot_label[slots[i]],
                STATUS_NAMES[statuses[i]],
                created[i],
                updated[i],
            )
            for i in range(hi - lo)
        ]


USER_COLUMNS = ("id", "contact_number", "name", "created_at")
APPOINTMENT_COLUMNS = (
    "id",
    "user_id",
    "code",
    "date",
    "time",
    "slot",
    "status",
    "created_at",
    "updated_at",
)


# --- bulk loading ---------------------------------------------------------------------------
async def migrate(url: str) -> None:
    """Create the schema (the application's migrations)."""
    store = await open_store(url)
    await store.close()


def load_sqlite(path: Path, ds: Dataset, chunk: int, progress: common.Progress) -> dict[str, Any]:
    """executemany in one big transaction with the sync sqlite3 module, indexes built after."""
    t0 = _time.perf_counter()
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")  # no WAL growth while loading
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA cache_size=-1048576")  # 1 GiB page cache for the load
        ddl = {
            name: sql
            for name, sql in conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name='appointments'"
            )
            if name in SECONDARY_INDEXES
        }
        assert set(ddl) == set(SECONDARY_INDEXES), ddl
        for name in ddl:
            conn.execute(f'DROP INDEX "{name}"')
        conn.execute("BEGIN")
        conn.executemany(
            f"INSERT INTO users ({', '.join(USER_COLUMNS)}) VALUES (?, ?, ?, ?)",
            user_rows(ds, "sqlite"),
        )
        insert = (
            f"INSERT INTO appointments ({', '.join(APPOINTMENT_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(APPOINTMENT_COLUMNS))})"
        )
        done = 0
        for rows in appointment_chunks(ds, "sqlite", chunk):
            conn.executemany(insert, rows)
            done += len(rows)
            progress.say(f"sqlite {done:,}/{ds.n_appointments:,} appointments")
        conn.execute("COMMIT")
        t_rows = _time.perf_counter() - t0
        for sql in ddl.values():
            conn.execute(sql)
        conn.execute("ANALYZE")
        conn.execute("PRAGMA journal_mode=WAL")  # what the application's connections use
        t_total = _time.perf_counter() - t0
    finally:
        conn.close()
    return {
        "seconds": round(t_total, 2),
        "rows_seconds": round(t_rows, 2),
        "index_and_analyze_seconds": round(t_total - t_rows, 2),
        "method": "sqlite3 executemany in one transaction (journal_mode=DELETE, synchronous=OFF), "
        "secondary indexes dropped and re-created, ANALYZE",
        "file_bytes": path.stat().st_size,
    }


async def load_postgres(
    url: str, ds: Dataset, chunk: int, progress: common.Progress
) -> dict[str, Any]:
    """COPY (asyncpg copy_records_to_table), FK trigger off, indexes built after, VACUUM ANALYZE."""
    import asyncpg

    t0 = _time.perf_counter()
    conn = await asyncpg.connect(url)
    try:
        rows = await conn.fetch(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'appointments'"
        )
        ddl = {r["indexname"]: r["indexdef"] for r in rows if r["indexname"] in SECONDARY_INDEXES}
        assert set(ddl) == set(SECONDARY_INDEXES), ddl
        await conn.execute("SET maintenance_work_mem = '512MB'")
        async with conn.transaction():
            # Superuser-only bulk-load switch: skip the per-row FK trigger (data is consistent
            # by construction); constraint indexes (pk, unique code) are still maintained.
            await conn.execute("SET LOCAL session_replication_role = replica")
            for name in ddl:
                await conn.execute(f'DROP INDEX "{name}"')
            await conn.copy_records_to_table(
                "users", records=user_rows(ds, "postgresql"), columns=list(USER_COLUMNS)
            )
            done = 0
            for batch in appointment_chunks(ds, "postgresql", chunk):
                await conn.copy_records_to_table(
                    "appointments", records=batch, columns=list(APPOINTMENT_COLUMNS)
                )
                done += len(batch)
                progress.say(f"postgresql {done:,}/{ds.n_appointments:,} appointments")
            t_rows = _time.perf_counter() - t0
            for sql in ddl.values():
                await conn.execute(sql)
        await conn.execute("VACUUM ANALYZE users")
        await conn.execute("VACUUM ANALYZE appointments")
        t_total = _time.perf_counter() - t0
        size = await conn.fetchval("SELECT pg_database_size(current_database())")
    finally:
        await conn.close()
    return {
        "seconds": round(t_total, 2),
        "rows_seconds": round(t_rows, 2),
        "index_and_analyze_seconds": round(t_total - t_rows, 2),
        "method": "asyncpg copy_records_to_table in one transaction, FK trigger off "
        "(session_replication_role=replica), secondary indexes dropped and re-created, "
        "VACUUM ANALYZE",
        "database_bytes": int(size),
    }
