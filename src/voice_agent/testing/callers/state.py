"""The database as the checks see it: users and appointments, read with plain SQL from the
seed's schema (``users.contact_number``, ``appointments.date/time/status/code``)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path


@dataclass(frozen=True)
class UserRow:
    phone: str  # E.164
    name: str | None


@dataclass(frozen=True)
class AppointmentRow:
    code: str
    phone: str  # the owner's E.164 number
    day: date
    start: time
    status: str

    @property
    def slot(self) -> tuple[date, time]:
        return self.day, self.start


@dataclass(frozen=True)
class DbState:
    users: tuple[UserRow, ...]
    appointments: tuple[AppointmentRow, ...]

    def user(self, phone: str) -> UserRow | None:
        return next((u for u in self.users if u.phone == phone), None)

    def of(self, phone: str) -> list[AppointmentRow]:
        return [a for a in self.appointments if a.phone == phone]

    def by_code(self) -> dict[str, AppointmentRow]:
        return {a.code: a for a in self.appointments}


def read_sqlite(path: Path) -> DbState:
    """Users and appointments of a SQLite database file (read-only)."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        users = tuple(
            UserRow(phone=row[0], name=row[1])
            for row in conn.execute("SELECT contact_number, name FROM users ORDER BY created_at")
        )
        rows = conn.execute(
            "SELECT a.code, u.contact_number, a.date, a.time, a.status "
            "FROM appointments a JOIN users u ON u.id = a.user_id ORDER BY a.date, a.time"
        ).fetchall()
    conn.close()
    appointments = tuple(
        AppointmentRow(
            code=str(code),
            phone=str(phone),
            day=date.fromisoformat(str(day)[:10]),
            start=time.fromisoformat(str(start)[:8]),
            status=str(status),
        )
        for code, phone, day, start, status in rows
    )
    return DbState(users=users, appointments=appointments)
