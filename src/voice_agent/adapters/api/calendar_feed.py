"""The staff's iCalendar feed (RFC 5545) of booked appointments, and the token in its address.

Calendar apps subscribe to a URL and cannot log in, so the feed is read with a token derived
from the staff key (``/staff/calendar.ics?token=...``): read-only, the same for every member of
staff, and changed (the old address stops working) whenever ``STAFF_API_KEY`` changes. Times are
written in UTC, so no VTIMEZONE is needed; calendar apps show them in local time.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterable
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from voice_agent.adapters.api.security import derive_key, same_secret
from voice_agent.domain.codes import display_code
from voice_agent.domain.models import Appointment, User

PRODID = "-//voice-agent//staff appointments//EN"


class FeedTokens:
    def __init__(self, staff_key: str, *, version: int = 1) -> None:
        # version 1 is the address every feed had before CALENDAR_FEED_VERSION existed
        key = derive_key(staff_key, f"calendar-feed/v{version}")
        digest = hmac.new(key, b"appointments.ics", hashlib.sha256).digest()
        self._token = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")

    @property
    def token(self) -> str:
        return self._token

    def check(self, candidate: str | None) -> bool:
        if not candidate or len(candidate) > 128:
            return False
        return same_secret(candidate, self._token.encode())


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines escaped."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets (continuation lines start with a space)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts: list[str] = []
    limit = 75
    while data:
        cut = min(limit, len(data))
        while cut < len(data) and (data[cut] & 0xC0) == 0x80:  # never split a character
            cut -= 1
        parts.append(data[:cut].decode("utf-8"))
        data = data[cut:]
        limit = 74  # the leading space counts
    return "\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _end(appointment: Appointment) -> time | None:
    try:
        return time.fromisoformat(appointment.slot.split("-")[1])
    except (IndexError, ValueError):
        return None


def calendar(
    entries: Iterable[tuple[Appointment, User]],
    *,
    clinic_name: str,
    timezone: ZoneInfo,
    slot_minutes: int,
    now: datetime,
) -> str:
    """The booked appointments among ``entries`` as one VCALENDAR (CRLF line endings)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(f'{clinic_name} appointments')}",
        f"X-WR-TIMEZONE:{timezone.key}",
        "REFRESH-INTERVAL;VALUE=DURATION:PT15M",
    ]
    for appointment, user in entries:
        if not appointment.is_active:
            continue
        start = appointment.starts_at(timezone)
        end_time = _end(appointment)
        end = (
            datetime.combine(appointment.day, end_time, tzinfo=timezone)
            if end_time is not None and end_time > appointment.start
            else start + timedelta(minutes=slot_minutes)
        )
        who = user.name or "Caller"
        code = display_code(appointment.code)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{appointment.id}@voice-agent",
            f"DTSTAMP:{_utc(now)}",
            f"CREATED:{_utc(appointment.created_at)}",
            f"LAST-MODIFIED:{_utc(appointment.updated_at)}",
            f"DTSTART:{_utc(start)}",
            f"DTEND:{_utc(end)}",
            f"SUMMARY:{escape_text(f'{who} ({code})')}",
            "DESCRIPTION:"
            + escape_text(f"Confirmation code {code}\nPhone ending {user.phone[-4:]}"),
            "STATUS:CONFIRMED",
            "TRANSP:OPAQUE",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
