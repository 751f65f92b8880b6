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


class NameChangeRefused(DomainError):
    """A caller asked for the name on an account to become another name, not a correction of
    it (a mishearing or a typo put right), or a caller who has not given the account's name
    asked for a change past the name checks allowed (a correction that succeeds tells what
    the name was like)."""


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


class TooManyAccounts(DomainError):
    """One call asked about more accounts than a caller plausibly holds (someone trying
    numbers to learn whose they are); ``limit`` in detail."""


class TooManyBookings(DomainError):
    """One call booked as many appointments as one call may; ``limit`` in detail."""


class StorageUnavailable(DomainError):
    """The database (or the spool) cannot be used; the caller is told to try again shortly.

    The message is what a caller hears. What an operator needs (which file or database, and
    why) is in ``detail``: ``path`` and ``reason``, read through :attr:`operator_message`.
    """

    problem: ClassVar[str] = "is unavailable"
    advice: ClassVar[str] = ""

    @property
    def operator_message(self) -> str:
        """Names the file or database and the problem, for a log line or a terminal."""
        path = self.detail.get("path")
        if path is None:
            return str(self)
        text = f"{self.detail.get('what', 'the database')} {path} {self.problem}"
        reason = self.detail.get("reason")
        if reason:
            text += f" ({reason})"
        advice = self.detail.get("advice") or self.advice
        return text + (f"; {advice}" if advice else "")


class StorageReadOnly(StorageUnavailable):
    """The database file, its folder or the database itself refuses writes."""

    problem = "is read-only"
    advice = "make the file and its folder writable by this process, or point it elsewhere"


class StorageFull(StorageUnavailable):
    """No space left on the device holding the database or the spool."""

    problem = "is on a full disk"
    advice = "free some space on that device"


class StoragePermissionDenied(StorageUnavailable):
    """This process may not open (or create) the database file or its folder."""

    problem = "cannot be opened: permission denied"
    advice = "check the owner and mode of the file and of every folder above it"


class LinesBusy(DomainError):
    """Every line of the receptionist is taken (the most concurrent calls the process runs)."""


class TooManyCallsFromClient(DomainError):
    """This client already has as many browser calls as one client may hold, starting or
    under way: one address cannot take every line."""


class InvalidCallOffer(DomainError):
    """A browser's call offer (its WebRTC session description) cannot be used."""


class CallSetupFailed(DomainError):
    """The server could not start a call it had room for (engines or connection failed)."""
