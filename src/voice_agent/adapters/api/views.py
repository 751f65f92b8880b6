"""Read models for the staff page, built from the repositories (no SQL, no fastapi)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from voice_agent.adapters.api.presenters import call_record, day_label, local_label, pretty_phone
from voice_agent.adapters.api.schemas import (
    ConversationsPublic,
    SchedulePublic,
    StaffAppointmentPublic,
    StaffConversationPublic,
    StaffDayPublic,
    StaffSlotPublic,
)
from voice_agent.domain.codes import display_code
from voice_agent.domain.models import Appointment, User
from voice_agent.domain.names import needs_name
from voice_agent.domain.ports import Store
from voice_agent.services.scheduling import SchedulingService


def _appointment(appointment: Appointment, user: User) -> StaffAppointmentPublic:
    return StaffAppointmentPublic(
        id=str(appointment.id),
        code=display_code(appointment.code),
        status=appointment.status.value,
        user_id=str(user.id),
        user_name=user.name,
        user_phone=user.phone,
        user_phone_display=pretty_phone(user.phone),
        needs_name=needs_name(user.name),
    )


async def schedule(
    scheduling: SchedulingService, *, now: datetime, clinic_name: str, days: int
) -> SchedulePublic:
    """Every slot from today (clinic time) for ``days`` days, with whatever is booked in it."""
    calendar = scheduling.calendar
    today = calendar.today(now)
    last = today + timedelta(days=days - 1)
    booked: dict[tuple[date, time], list[tuple[Appointment, User]]] = defaultdict(list)
    for appointment, user in await scheduling.schedule(today, last):
        booked[(appointment.day, appointment.start)].append((appointment, user))

    out: list[StaffDayPublic] = []
    for offset in range(days):
        day = today + timedelta(days=offset)
        slots = {s.start: s for s in calendar.slots_for(day)}
        # Bookings made under older opening hours still show, in their own rows.
        for key_day, start in booked:
            if key_day == day and start not in slots:
                slots[start] = calendar.slot_at(day, start)
        rows = []
        for start in sorted(slots):
            slot = slots[start]
            entries = sorted(booked.get((day, start), []), key=lambda au: not au[0].is_active)
            rows.append(
                StaffSlotPublic(
                    start=f"{slot.start:%H:%M}",
                    end=f"{slot.end:%H:%M}",
                    label=slot.label,
                    starts_at=slot.starts_at(calendar.timezone),
                    past=slot.starts_at(calendar.timezone) <= now,
                    appointments=[_appointment(a, u) for a, u in entries],
                )
            )
        out.append(
            StaffDayPublic(
                date=day,
                label=day_label(day),
                is_today=day == today,
                open=calendar.is_open_on(day),
                slots=rows,
                booked=sum(1 for r in rows for a in r.appointments if a.status == "booked"),
            )
        )
    return SchedulePublic(
        clinic_name=clinic_name,
        timezone=str(calendar.timezone),
        today=today,
        now=now.astimezone(calendar.timezone),
        now_label=local_label(now.astimezone(calendar.timezone)),
        days=out,
    )


async def conversations(store: Store, *, timezone: ZoneInfo, limit: int) -> ConversationsPublic:
    tz = timezone
    recent = await store.conversations.recent(limit)
    users: dict[UUID, User | None] = {}
    for c in recent:
        if c.user_id is not None and c.user_id not in users:
            users[c.user_id] = await store.users.get(c.user_id)
    items = []
    for c in recent:
        user = users.get(c.user_id) if c.user_id is not None else None
        items.append(
            StaffConversationPublic(
                **call_record(c),
                user_name=user.name if user else None,
                user_phone=pretty_phone(user.phone) if user else None,
                created_at_local=local_label(c.started_at.astimezone(tz)),
                ended=c.ended_at is not None,
                end_reason=c.end_reason,
            )
        )
    return ConversationsPublic(timezone=str(tz), conversations=items)
