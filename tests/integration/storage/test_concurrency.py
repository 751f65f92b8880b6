"""Races decided by the database: many connections booking or moving into one slot."""

from __future__ import annotations

import asyncio
import dataclasses
import uuid
from datetime import date, time, timedelta

import pytest
import sqlalchemy as sa

from voice_agent.adapters.storage import SqlStore, open_store
from voice_agent.adapters.storage.tables import appointments
from voice_agent.domain.calendar import ClinicCalendar
from voice_agent.domain.clock import FixedClock
from voice_agent.domain.errors import SlotUnavailable, TooManyBookings
from voice_agent.domain.models import AppointmentStatus
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


async def test_calls_at_once_from_one_number_never_book_past_the_upcoming_cap(
    database_url: str, clock: FixedClock
) -> None:
    """Each call counted the caller's upcoming appointments, saw room for one more and booked:
    two calls at once from one number (two phones, or a script dialling twice), each in its
    own worker process, both passed a cap of 6 from 5. The count and the insert are one
    decision in the database, so seven processes booking at once for a caller with 4 upcoming
    add exactly 2."""
    cap, held, processes = 6, 4, 7
    pairs = await _services(database_url, clock, processes)
    try:
        ident = await pairs[0][1].identify("6175550142", "Dana Ruiz")
        assert ident.user is not None
        user = ident.user
        for hour in range(9, 9 + held):
            await pairs[0][1].book(user.id, FRIDAY, time(hour))
        for store, _ in pairs:
            await store.ping()

        async def attempt(i: int) -> object:
            svc = pairs[i][1]
            try:  # every call a different free slot, on the Monday after
                return await svc.book(user.id, date(2026, 11, 30), time(9 + i), max_upcoming=cap)
            except TooManyBookings as exc:
                return exc

        results = await asyncio.gather(*(attempt(i) for i in range(processes)))
        refused = [r for r in results if isinstance(r, TooManyBookings)]
        assert len(refused) == processes - (cap - held)
        assert all("6 upcoming appointments" in str(e) for e in refused)
        assert len(await pairs[0][1].upcoming(user.id)) == cap
    finally:
        for store, _ in pairs:
            await store.close()


async def test_the_cap_counts_only_appointments_still_ahead(
    database_url: str, clock: FixedClock
) -> None:
    """A cancelled one, and one that started earlier today, leave room under the cap."""
    [(store, svc)] = await _services(database_url, clock, 1)
    try:
        ident = await svc.identify("6175550143", "Ada Lee")
        assert ident.user is not None
        uid = ident.user.id
        now = clock.now()
        cancelled = await svc.book(uid, FRIDAY, time(9))
        await store.appointments.set_status(cancelled.id, AppointmentStatus.CANCELLED, at=now)
        started = dataclasses.replace(
            cancelled,
            id=uuid.uuid4(),
            code="abcdefgh",
            day=svc.calendar.today(now),  # the suite's clock: 10:00 in New York
            start=time(9),
            slot="09:00-10:00",
            status=AppointmentStatus.BOOKED,
        )
        await store.appointments.add(started)
        await svc.book(uid, FRIDAY, time(10), max_upcoming=1)
        with pytest.raises(TooManyBookings):
            await svc.book(uid, FRIDAY, time(11), max_upcoming=1)
    finally:
        await store.close()
