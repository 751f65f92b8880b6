"""Rows for the storage tests (imported by name: the tests directory is on sys.path)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time

from voice_agent.domain.models import Appointment, AppointmentStatus, User

NOW = datetime(2026, 11, 25, 15, tzinfo=UTC)
FRIDAY = date(2026, 11, 27)


def user_row(phone: str = "+19876543210", name: str = "Sarah") -> User:
    return User(id=uuid.uuid4(), phone=phone, name=name, created_at=NOW)


def appointment_row(
    user: User, code: str = "abcdefgh", hour: int = 9, day: date = FRIDAY
) -> Appointment:
    return Appointment(
        id=uuid.uuid4(),
        code=code,
        user_id=user.id,
        day=day,
        start=time(hour),
        slot=f"{hour:02d}:00-{hour + 1:02d}:00",
        status=AppointmentStatus.BOOKED,
        created_at=NOW,
        updated_at=NOW,
    )
