"""Named domain failures. Messages are written to be read aloud to a caller."""

from __future__ import annotations


class DomainError(Exception):
    """Base class of every expected failure; its message is safe to show or speak."""


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


class UserNotIdentified(DomainError):
    pass


class UserNotFound(DomainError):
    pass


class StorageUnavailable(DomainError):
    """The database could not be reached; the caller should be told to try again shortly."""
