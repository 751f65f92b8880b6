"""The synthetic clinic history: users and appointments as numpy column arrays."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import numpy as np

from voice_agent.domain.calendar import ClinicCalendar
from voice_agent.domain.codes import ALPHABET, CODE_LENGTH

# Wednesday 25 November 2026, 10:00 in New York: the same "now" as the test suite.
NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)

STATUS_NAMES = ("booked", "cancelled", "completed")
FIRST_NAMES = (
    "Ann",
    "Ben",
    "Carla",
    "Dev",
    "Elena",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jamal",
    "Kofi",
    "Lena",
    "Mateo",
    "Nadia",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sam",
    "Tara",
)
LAST_NAMES = (
    "Lee",
    "Garcia",
    "Okafor",
    "Nguyen",
    "Smith",
    "Kowalski",
    "Haddad",
    "Ito",
    "Silva",
    "Brown",
    "Moreau",
    "Patel",
    "O'Neil",
    "Schmidt",
    "Rossi",
    "Kim",
    "Novak",
    "Diaz",
)


def person_name(i: int) -> str:
    first = FIRST_NAMES[i % len(FIRST_NAMES)]
    last = LAST_NAMES[(i // len(FIRST_NAMES)) % len(LAST_NAMES)]
    return f"{first} {last}"


BOOKED, CANCELLED, COMPLETED = 0, 1, 2


# --- the synthetic data set -------------------------------------------------------------------
@dataclass
class Dataset:
    """Column arrays for users and appointments (numpy), expanded to rows chunk by chunk."""

    user_ids: list[uuid.UUID]
    user_phones: list[str]  # E.164
    user_created: np.ndarray  # epoch seconds
    slots: list[tuple[date, int]]  # slot table: (day, hour); index = slot id
    slot_start: np.ndarray  # epoch seconds of each slot's start (clinic time zone)
    appt_ids: np.ndarray  # (n, 16) uint8
    appt_user: np.ndarray  # user index
    appt_slot: np.ndarray  # slot index
    appt_status: np.ndarray  # BOOKED / CANCELLED / COMPLETED
    appt_codes: np.ndarray  # dtype S8
    appt_created: np.ndarray  # epoch seconds
    appt_updated: np.ndarray  # epoch seconds
    future_free: set[tuple[date, int]] = field(default_factory=set)
    unknown_phones: list[str] = field(default_factory=list)
    first_future: int = 0  # slot index of the first future slot

    @property
    def n_users(self) -> int:
        return len(self.user_ids)

    @property
    def n_appointments(self) -> int:
        return len(self.appt_user)

    def shape(self) -> dict[str, Any]:
        counts = np.bincount(self.appt_status, minlength=3)
        per_user = np.bincount(self.appt_user, minlength=self.n_users)
        future = self.appt_slot >= self.first_future
        booked_future = int(np.count_nonzero(future & (self.appt_status == BOOKED)))
        return {
            "users": self.n_users,
            "appointments": self.n_appointments,
            "by_status": {STATUS_NAMES[i]: int(counts[i]) for i in range(3)},
            "future_rows": int(np.count_nonzero(future)),
            "future_booked_slots": booked_future,
            "future_free_slots": len(self.future_free),
            "first_day": min(d for d, _ in self.slots).isoformat(),
            "last_day": max(d for d, _ in self.slots).isoformat(),
            "appointments_per_user": {
                "mean": round(float(per_user.mean()), 2),
                "max": int(per_user.max()),
                "users_without_any": int(np.count_nonzero(per_user == 0)),
            },
        }


def _weekday_slots(calendar: ClinicCalendar, first: date, last: date) -> list[tuple[date, int]]:
    out = []
    day = first
    while day <= last:
        for start in calendar.slot_starts(day) if calendar.is_open_on(day) else []:
            out.append((day, start.hour))
        day += timedelta(days=1)
    return out


def _unique_codes(rng: np.random.Generator, n: int) -> np.ndarray:
    """n distinct 8-character codes from the product's alphabet (numpy, fast)."""
    alphabet = np.frombuffer(ALPHABET.encode(), dtype=np.uint8)
    codes = np.empty(0, dtype=f"S{CODE_LENGTH}")
    while len(codes) < n:
        need = n - len(codes) + 16
        raw = alphabet[rng.integers(0, len(alphabet), size=(need, CODE_LENGTH))]
        fresh = raw.view(f"S{CODE_LENGTH}").ravel()
        codes = np.unique(np.concatenate([codes, fresh]))  # sorted + distinct
    rng.shuffle(codes)
    return codes[:n]


def _uuid4_bytes(rng: np.random.Generator, n: int) -> np.ndarray:
    raw = rng.integers(0, 256, size=(n, 16), dtype=np.uint8)
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x40  # version 4
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80  # RFC 4122 variant
    return raw


def _phones(rng: np.random.Generator, n: int, exclude: set[int] | None = None) -> list[int]:
    """n distinct 10-digit US national numbers (area code and exchange start with 2-9)."""
    out: set[int] = set()
    exclude = exclude or set()
    while len(out) < n:
        area = rng.integers(200, 1000, size=n)
        exchange = rng.integers(200, 1000, size=n)
        line = rng.integers(0, 10000, size=n)
        for value in (area * 10_000_000 + exchange * 10_000 + line).tolist():
            if value not in exclude:
                out.add(value)
                if len(out) == n:
                    break
    return sorted(out, key=lambda _: rng.random())


def generate(
    *, users: int, appointments: int, years: float, seed: int, calendar: ClinicCalendar
) -> Dataset:
    rng = np.random.default_rng(seed)
    today = calendar.today(NOW)
    past = _weekday_slots(
        calendar, today - timedelta(days=round(365.25 * years)), today - timedelta(days=1)
    )
    future = _weekday_slots(
        calendar, today + timedelta(days=1), today + timedelta(days=calendar.booking_horizon_days)
    )
    slots = past + future
    slot_start = np.array(
        [datetime.combine(d, time(h), tzinfo=calendar.timezone).timestamp() for d, h in slots],
        dtype=np.int64,
    )
    first_future = len(past)

    # Future: about half of the slots booked (one row each), plus cancelled rows on ~30 %.
    n_future = len(future)
    booked_mask = rng.random(n_future) < 0.5
    cancelled_mask = rng.random(n_future) < 0.3
    future_slot = (
        np.concatenate([np.nonzero(booked_mask)[0], np.nonzero(cancelled_mask)[0]]).astype(np.int64)
        + first_future
    )
    future_status = np.concatenate(
        [np.full(int(booked_mask.sum()), BOOKED), np.full(int(cancelled_mask.sum()), CANCELLED)]
    )
    n_past = appointments - len(future_slot)
    if n_past < 0:
        raise ValueError("too few appointments for the future part of the data set")
    past_slot = rng.integers(0, len(past), size=n_past)
    past_status = np.where(rng.random(n_past) < 0.8, COMPLETED, CANCELLED)

    appt_slot = np.concatenate([past_slot, future_slot])
    appt_status = np.concatenate([past_status, future_status]).astype(np.int8)
    order = rng.permutation(appointments)  # mix past and future in insertion order
    appt_slot, appt_status = appt_slot[order], appt_status[order]
    appt_user = rng.integers(0, users, size=appointments).astype(np.int64)

    start = slot_start[appt_slot]
    created = start - rng.integers(3_600, 45 * 86_400, size=appointments)
    updated = np.where(
        appt_status == COMPLETED,
        start + 3_600,
        np.where(
            appt_status == CANCELLED, created + rng.integers(60, 86_400, size=appointments), created
        ),
    )
    created = np.minimum(created, int(NOW.timestamp()))
    updated = np.minimum(np.maximum(updated, created), int(NOW.timestamp()))

    phones = _phones(rng, users)
    unknown = _phones(rng, 10_000, exclude=set(phones))
    user_bytes = _uuid4_bytes(rng, users)
    user_created = int(NOW.timestamp()) - rng.integers(
        86_400, int(years * 365 * 86_400) + 86_400, size=users
    )

    free = {future[i] for i in range(n_future) if not booked_mask[i]}
    ds = Dataset(
        user_ids=[uuid.UUID(bytes=b.tobytes()) for b in user_bytes],
        user_phones=[f"+1{p}" for p in phones],
        user_created=user_created,
        slots=slots,
        slot_start=slot_start,
        appt_ids=_uuid4_bytes(rng, appointments),
        appt_user=appt_user,
        appt_slot=appt_slot,
        appt_status=appt_status,
        appt_codes=_unique_codes(rng, appointments),
        appt_created=created,
        appt_updated=updated,
        future_free=free,
        unknown_phones=[f"+1{p}" for p in unknown],
        first_future=first_future,
    )
    return ds
