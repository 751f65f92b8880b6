"""Races decided by the database: many connections booking or moving into one slot."""

from __future__ import annotations

import asyncio
from datetime import date, time, timedelta

import sqlalchemy as sa

from voice_agent.adapters.storage import SqlStore, open_store
from voice_agent.adapters.storage.tables import appointments
from voice_agent.domain.calendar import ClinicCalendar
from voice_agent.domain.clock import FixedClock
from voice_agent.domain.errors import SlotUnavailable
from voice_agent.services.scheduling import SchedulingService

CLIENTS = 50
FRIDAY = date(2026, 11, 27)


async def _services(
    url: str, clock: FixedClock, n: int
) -> list[tuple[SqlStore, SchedulingService]]:
    first = await open_store(url)  # migrates once
    stores = [first] + [await open_store(url, migrate=False) for _ in range(n - 1)]
    return [(s, SchedulingService(s, ClinicCalendar(), clock)) for s in stores]


async def _count_booked(store: SqlStore, hour: int) -> int:
    query = sa.select(sa.func.count()).where(
        appointments.c.date == FRIDAY,
        appointments.c.time == time(hour),
        appointments.c.status == "booked",
    )
    async with store.engine.connect() as conn:
        return int((await conn.execute(query)).scalar_one())


async def test_fifty_concurrent_bookings_of_one_slot(database_url: str, clock: FixedClock) -> None:
    pairs = await _services(database_url, clock, CLIENTS)
    try:
        users = []
        for i, (_, svc) in enumerate(pairs):
            ident = await svc.identify(f"555{i:07d}", f"Caller {chr(65 + i % 26)}")
            assert ident.user is not None
            users.append(ident.user)
        # Warm every connection so the race is between open connections.
        for store, _ in pairs:
            await store.ping()

        async def attempt(i: int) -> object:
            svc = pairs[i][1]
            try:
                return await svc.book(users[i].id, FRIDAY, time(10))
            except SlotUnavailable as exc:
                return exc

        results = await asyncio.gather(*(attempt(i) for i in range(CLIENTS)))
        wins = [r for r in results if not isinstance(r, Exception)]
        losses = [r for r in results if isinstance(r, SlotUnavailable)]
        assert len(wins) == 1 and len(losses) == CLIENTS - 1
        assert all("unavailable" in str(e) for e in losses)
        assert await _count_booked(pairs[0][0], 10) == 1
    finally:
        for store, _ in pairs:
            await store.close()


async def test_fifty_concurrent_reschedules_into_one_slot(
    database_url: str, clock: FixedClock
) -> None:
    pairs = await _services(database_url, clock, CLIENTS)
    try:
        # Each mover starts in its own slot on the weekdays after the target Friday.
        starts = [
            (day, time(hour))
            for day in (date(2026, 11, 30) + timedelta(days=d) for d in range(14))
            if day.weekday() < 5
            for hour in range(9, 16)
        ][:CLIENTS]
        owners = []
        for i, (_, svc) in enumerate(pairs):
            ident = await svc.identify(f"555{i:07d}", "Mover")
            assert ident.user is not None
            appt = await svc.book(ident.user.id, *starts[i])
            owners.append((ident.user.id, appt))

        async def attempt(i: int) -> object:
            user_id, appt = owners[i]
            try:
                return await pairs[i][1].reschedule(user_id, appt.code, FRIDAY, time(13))
            except SlotUnavailable as exc:
                return exc

        results = await asyncio.gather(*(attempt(i) for i in range(CLIENTS)))
        wins = [r for r in results if not isinstance(r, Exception)]
        assert len(wins) == 1
        assert sum(isinstance(r, SlotUnavailable) for r in results) == CLIENTS - 1
        assert await _count_booked(pairs[0][0], 13) == 1
        # Every loser still holds its original slot.
        async with pairs[0][0].engine.connect() as conn:
            booked = (
                await conn.execute(
                    sa.text("SELECT count(*) FROM appointments WHERE status='booked'")
                )
            ).scalar_one()
        assert booked == CLIENTS
    finally:
        for store, _ in pairs:
            await store.close()
