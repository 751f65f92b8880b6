"""Keeping callers' data out of log output, third-party loggers included.

Our own code never puts a phone number, a name or a transcript in a message (only ids, counts
and error types, in ``extra``). Libraries do: the database drivers print SQL parameters and
result rows at DEBUG (``aiosqlite``: "executing ..." with the parameters; SQLAlchemy: "Row
(...)" and the parameter lists), an exception from PostgreSQL carries the offending value
("Key (contact_number)=(+1...)"), and uvicorn's access log prints each request's query string.

:class:`RedactingFilter` rewrites such records before any handler formats them; attach it to
the handlers that print (:func:`install_redaction` does, for every handler configured so far).
Framework-free: only the standard library.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

REDACTED = "<redacted>"

DATABASE_LOGGERS = ("sqlalchemy", "aiosqlite", "asyncpg", "psycopg", "sqlite3")
"""Loggers whose arguments are query parameters or rows: every argument is replaced."""
ACCESS_LOGGERS = ("uvicorn.access",)
"""Loggers whose arguments are (client, method, path with query, version, status)."""

# A PostgreSQL error detail names the value that broke a constraint.
_KEY_VALUE = re.compile(r"(Key \([^)]*\))=\([^)]*\)")
# E.164 numbers, and national numbers written with or without separators, standing alone (not
# inside an id: no letters, digits or hyphens immediately around them).
_PHONE = re.compile(
    r"(?<![\w-])(?:\+\d[\d ().-]{6,18}\d|\(?\d{3}\)?[ .-]?\d{3}[ .-]?\d{4})(?![\w-])"
)
_SQL_STRING = re.compile(r"'(?:[^']|'')*'")


def redact_text(text: str) -> str:
    """``text`` with constraint values and phone numbers masked."""
    return _PHONE.sub(REDACTED, _KEY_VALUE.sub(rf"\1=({REDACTED})", text))


def strip_query(path: str) -> str:
    """A request target without its query string (``/x?phone=1`` -> ``/x?<redacted>``)."""
    head, sep, _ = path.partition("?")
    return f"{head}?{REDACTED}" if sep else path


def _under(name: str, prefixes: Iterable[str]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


class RedactingFilter(logging.Filter):
    """Rewrites records that may carry callers' data; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if _under(record.name, ACCESS_LOGGERS):
            self._access(record)
        elif _under(record.name, DATABASE_LOGGERS):
            self._database(record)
        if record.exc_info and record.exc_info[1] is not None:
            # Format the traceback once, masked; handlers reuse ``exc_text``.
            text = record.exc_text or logging.Formatter().formatException(record.exc_info)
            record.exc_text = redact_text(text)
        elif record.exc_text:
            record.exc_text = redact_text(record.exc_text)
        return True

    @staticmethod
    def _access(record: logging.LogRecord) -> None:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], strip_query(args[2]), *args[3:])

    @staticmethod
    def _database(record: logging.LogRecord) -> None:
        args = record.args
        if isinstance(args, dict):
            record.args = dict.fromkeys(args, REDACTED)
        elif isinstance(args, tuple) and args:
            record.args = (REDACTED,) * len(args)
        # A statement logged as text carries placeholders, not values; literals are masked.
        record.msg = redact_text(_SQL_STRING.sub(f"'{REDACTED}'", str(record.msg)))


def install_redaction(extra_loggers: Iterable[str] = ()) -> RedactingFilter:
    """Attach one :class:`RedactingFilter` to every handler configured so far (the root
    logger's, and those of every named logger, e.g. uvicorn's), once each. Call it after
    logging is configured; handlers added later need ``handler.addFilter`` themselves."""
    redacting = RedactingFilter()
    manager = logging.Logger.manager
    loggers: list[logging.Logger] = [logging.getLogger()]
    loggers += [lg for lg in manager.loggerDict.values() if isinstance(lg, logging.Logger)]
    loggers += [logging.getLogger(name) for name in extra_loggers]
    for logger in loggers:
        for handler in logger.handlers:
            if not any(isinstance(f, RedactingFilter) for f in handler.filters):
                handler.addFilter(redacting)
    return redacting
