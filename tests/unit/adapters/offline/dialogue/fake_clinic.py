"""An in-memory stand-in for the agent tools, returning the JSON shapes of docs/tools.md.

It validates with the real domain helpers (phone, dates, times, codes, names, calendar), so
its error messages are the ones callers hear. Used by the engine and LiveKit adapter tests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from voice_agent.domain.calendar import ClinicCalendar
from voice_agent.domain.codes import normalize_code
from voice_agent.domain.datetimes import parse_date, parse_time
from voice_agent.domain.errors import DomainError
from voice_agent.domain.names import clean_name
from voice_agent.domain.phone import normalize_phone
from voice_agent.domain.speech import say_code, say_date, say_time

TZ = ZoneInfo("America/New_York")
TODAY = date(2026, 11, 25)  # a Wednesday
NOW = datetime(2026, 11, 25, 11, 40, tzinfo=TZ)


CODES = [
    "def6789a",
    "hjk2345b",
    "mnp3456c",
    "qrs4567d",
    "tuv5678e",
    "wxy6789f",
    "abc2345g",
    "xyz3456h",
    "kmn4567j",
    "pqr5678k",
]


class FakeToolError(Exception):
    """A tool failure whose message is what the caller should hear."""


@dataclass
class FakeClinic:
    now: datetime = NOW
    calendar: ClinicCalendar = field(default_factory=lambda: ClinicCalendar(timezone=TZ))
    users: dict[str, str] = field(default_factory=dict)  # e164 -> name
    appointments: dict[str, dict[str, Any]] = field(default_factory=dict)  # code -> record
    caller: str | None = None
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    _next: int = 0

    # --- setup helpers ---------------------------------------------------------------------
    def add_user(self, phone: str, name: str) -> None:
        self.users[normalize_phone(phone)] = name

    def add_appointment(self, phone: str, day: date, at: time, code: str) -> None:
        self.appointments[code] = {
            "code": code,
            "phone": normalize_phone(phone),
            "date": day,
            "time": at,
            "status": "booked",
        }

    def take(self, day: date, at: time) -> None:
        """Book a slot for somebody else."""
        self.add_user("5555550100", "Someone Else")
        self.add_appointment("5555550100", day, at, self._code())

    # --- the tool contract -------------------------------------------------------------------
    def run(self, name: str, args: dict[str, Any]) -> tuple[str, bool]:
        """(output text, is_error) exactly as the agent would see it."""
        self.calls.append((name, dict(args)))
        try:
            result = getattr(self, name)(**args)
        except (DomainError, FakeToolError) as exc:
            return str(exc), True
        return json.dumps(result), False

    def identify_user(self, phone_number: str, name: str | None = None) -> dict[str, Any]:
        phone = normalize_phone(phone_number)
        if phone not in self.users:
            if not name:
                return {
                    "status": "name_required",
                    "message": "No account uses this number yet; ask for the caller's name.",
                }
            self.users[phone] = clean_name(name)
            self.caller = phone
            return {
                "status": "registered",
                "new_user": True,
                "name": self.users[phone],
                "appointments": [],
            }
        self.caller = phone
        return {
            "status": "identified",
            "new_user": False,
            "name": self.users[phone],
            "appointments": [self._a(a) for a in self._mine() if a["status"] == "booked"],
        }

    def fetch_available_slots(self, date: str) -> dict[str, Any]:
        day = parse_date(date, today=TODAY)
        self.calendar.check_day(day, now=self.now)
        free = [
            t
            for t in self.calendar.slot_starts(day)
            if self._free(day, t)
            and self.calendar.is_future(self.calendar.slot_at(day, t), now=self.now)
        ]
        return {
            "date": day.isoformat(),
            "spoken_date": say_date(day),
            "available": [f"{t:%H:%M}" for t in free],
            "spoken_times": [say_time(t) for t in free],
        }

    def book_appointment(self, date: str, time: str) -> dict[str, Any]:
        phone = self._need_caller()
        day, at = parse_date(date, today=TODAY), parse_time(time)
        self.calendar.check_slot(day, at, now=self.now)
        if not self._free(day, at):
            raise FakeToolError(
                f"Sorry, that slot is unavailable: {say_time(at)} on {say_date(day)} "
                "is already booked. Would another time work?"
            )
        code = self._code()
        self.add_appointment(phone, day, at, code)
        return {"status": "booked", "appointment": self._a(self.appointments[code])}

    def get_user_appointments(self) -> dict[str, Any]:
        self._need_caller()
        return {"appointments": [self._a(a) for a in self._mine()]}

    def modify_appointment(self, appointment_id: str, new_date: str, new_time: str) -> dict:
        appt = self._owned(appointment_id)
        day, at = parse_date(new_date, today=TODAY), parse_time(new_time)
        self.calendar.check_slot(day, at, now=self.now)
        if not self._free(day, at, ignore=appt["code"]):
            raise FakeToolError(
                f"Sorry, that slot is unavailable: {say_time(at)} on {say_date(day)} "
                "is already booked. Would another time work?"
            )
        previous = {
            "date": appt["date"].isoformat(),
            "time": f"{appt['time']:%H:%M}",
            "spoken": f"{say_date(appt['date'])} at {say_time(appt['time'])}",
        }
        appt["date"], appt["time"] = day, at
        return {"status": "rescheduled", "appointment": self._a(appt), "previous": previous}

    def cancel_appointment(self, appointment_id: str) -> dict[str, Any]:
        appt = self._owned(appointment_id)
        appt["status"] = "cancelled"
        return {"status": "cancelled", "appointment": self._a(appt)}

    def end_conversation(self, reason: str | None = None) -> dict[str, Any]:
        return {"status": "ending"}

    # --- internals ---------------------------------------------------------------------------
    def _code(self) -> str:
        code = next(c for c in CODES[self._next :] if c not in self.appointments)
        self._next = CODES.index(code) + 1
        return code

    def _need_caller(self) -> str:
        if self.caller is None:
            raise FakeToolError("I need your phone number first. What's your phone number?")
        return self.caller

    def _mine(self) -> list[dict[str, Any]]:
        mine = [a for a in self.appointments.values() if a["phone"] == self.caller]
        return sorted(mine, key=lambda a: (a["date"], a["time"]))

    def _owned(self, code_text: str) -> dict[str, Any]:
        phone = self._need_caller()
        code = normalize_code(code_text)
        appt = self.appointments.get(code)
        if appt is None or appt["phone"] != phone:
            raise FakeToolError(
                "I couldn't find an appointment with that confirmation code on your account: "
                "not found. Could you read the code again?"
            )
        if appt["status"] != "booked":
            raise FakeToolError(
                f"That appointment on {say_date(appt['date'])} is already {appt['status']}."
            )
        return appt

    def _free(self, day: date, at: time, ignore: str | None = None) -> bool:
        return not any(
            a["date"] == day and a["time"] == at and a["status"] == "booked" and a["code"] != ignore
            for a in self.appointments.values()
        )

    @staticmethod
    def _a(a: dict[str, Any]) -> dict[str, Any]:
        return {
            "appointment_id": a["code"],
            "date": a["date"].isoformat(),
            "time": f"{a['time']:%H:%M}",
            "status": a["status"],
            "spoken": f"{say_date(a['date'])} at {say_time(a['time'])}",
            "spoken_code": say_code(a["code"]),
        }
