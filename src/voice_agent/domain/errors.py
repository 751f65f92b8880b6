"""Named domain failures. Messages are written to be read aloud to a caller.

Every class has a ``kind`` (its name in snake case, e.g. ``slot_unavailable``): the stable,
machine-readable name of the failure that travels where the exception itself cannot (a tool
result read by a dialogue engine, an API body, a CLI exit). Code that must tell failures apart
uses the type or the kind, never the wording of the message. ``detail`` carries the facts an
edge may phrase differently (for example how many digits were heard).
"""

from __future__ import annotations

import re
from typing import Any, ClassVar


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


class DomainError(Exception):
    """Base class of every expected failure; its message is safe to show or speak."""

    kind: ClassVar[str] = "domain_error"

    def __init__(self, message: str = "", **detail: Any) -> None:
        super().__init__(message)
        self.detail: dict[str, Any] = detail

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "kind" not in cls.__dict__:
            cls.kind = _snake(cls.__name__)
        _KINDS[cls.kind] = cls


_KINDS: dict[str, type[DomainError]] = {DomainError.kind: DomainError}


def error_type(kind: str) -> type[DomainError] | None:
    """The error class named by ``kind`` (None for an unknown kind)."""
    return _KINDS.get(kind)


class InvalidPhoneNumber(DomainError):
    pass


class InvalidName(DomainError):
    pass


class InvalidDate(DomainError):
    pass


class InvalidTime(DomainError):
    pass


class InvalidConfirmationCode(DomainError):
    pass


class WeekendUnavailable(DomainError):
    pass


class ClinicClosed(DomainError):
    pass


class DateInPast(DomainError):
    pass


class TooFarAhead(DomainError):
    pass


class OutsideBusinessHours(DomainError):
    pass


class NotOnSlotBoundary(DomainError):
    pass


class SlotUnavailable(DomainError):
    pass


class AppointmentNotFound(DomainError):
    pass


class AppointmentNotActive(DomainError):
    pass


class UserNotFound(DomainError):
    pass


class StorageUnavailable(DomainError):
    """The database could not be reached; the caller should be told to try again shortly."""
