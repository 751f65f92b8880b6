"""A directory of JSON files holding call records written while the database was down.

A file that cannot be read back, or whose record the database refuses, is moved to the
``quarantine`` folder beside them: kept for a person to look at, out of the replay's way.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from voice_agent.adapters.storage.faults import classify_os_error
from voice_agent.domain.models import Conversation, changes_from_json

logger = logging.getLogger(__name__)


class JsonFileSpool:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.quarantine_dir = directory / "quarantine"

    def put(self, conversation: Conversation) -> None:
        """Write the record; a read-only, full or forbidden folder raises the matching
        ``StorageUnavailable`` naming the folder."""
        target = self.directory / f"{conversation.id}.json"
        tmp: str | None = None
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(_to_json(conversation), fh)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)  # atomic: a reader never sees half a record
        except OSError as exc:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
            raise classify_os_error(exc, self.directory, what="the spool folder") from None

    def pending(self) -> list[Conversation]:
        if not self.directory.is_dir():
            return []
        out: list[Conversation] = []
        for path in sorted(self.directory.glob("*.json")):
            try:
                out.append(_from_json(json.loads(path.read_text(encoding="utf-8"))))
            except (OSError, ValueError, KeyError, TypeError):
                logger.warning("unreadable spooled conversation", extra={"file": path.name})
                self._set_aside(path)
        return out

    def remove(self, conversation_id: UUID) -> None:
        (self.directory / f"{conversation_id}.json").unlink(missing_ok=True)

    def quarantine(self, conversation_id: UUID) -> None:
        self._set_aside(self.directory / f"{conversation_id}.json")

    def quarantined(self) -> list[Path]:
        if not self.quarantine_dir.is_dir():
            return []
        return sorted(self.quarantine_dir.glob("*.json"))

    def _set_aside(self, path: Path) -> None:
        try:
            self.quarantine_dir.mkdir(parents=True, exist_ok=True)
            os.replace(path, self.quarantine_dir / path.name)
        except FileNotFoundError:
            pass
        except OSError:
            logger.warning("could not quarantine a spooled conversation", exc_info=True)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _to_json(c: Conversation) -> dict[str, Any]:
    return {
        "id": str(c.id),
        "room_name": c.room_name,
        "started_at": c.started_at.isoformat(),
        "user_id": str(c.user_id) if c.user_id else None,
        "summary": c.summary,
        "appointments_discussed": [change.to_json() for change in c.appointments_discussed],
        "preferences_mentioned": c.preferences_mentioned,
        "transcript": c.transcript,
        "cost_breakdown": c.cost_breakdown,
        "duration_seconds": c.duration_seconds,
        "ended_at": _iso(c.ended_at),
        "end_reason": c.end_reason,
        "caller_identity": c.caller_identity,
        "heartbeat_at": _iso(c.heartbeat_at),
    }


def _from_json(d: dict[str, Any]) -> Conversation:
    return Conversation(
        id=UUID(d["id"]),
        room_name=d["room_name"],
        started_at=datetime.fromisoformat(d["started_at"]),
        user_id=UUID(d["user_id"]) if d.get("user_id") else None,
        summary=d.get("summary"),
        appointments_discussed=changes_from_json(d.get("appointments_discussed") or []),
        preferences_mentioned=list(d.get("preferences_mentioned") or []),
        transcript=list(d.get("transcript") or []),
        cost_breakdown=d.get("cost_breakdown"),
        duration_seconds=d.get("duration_seconds"),
        ended_at=datetime.fromisoformat(d["ended_at"]) if d.get("ended_at") else None,
        end_reason=d.get("end_reason"),
        caller_identity=d.get("caller_identity"),
        heartbeat_at=datetime.fromisoformat(d["heartbeat_at"]) if d.get("heartbeat_at") else None,
    )
