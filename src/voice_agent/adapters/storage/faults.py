"""Naming storage failures: which file or database, and why (read-only, full, permissions).

The driver's exception becomes one of the domain's ``StorageUnavailable`` types, whose message
is still the sentence a caller hears and whose ``operator_message`` names the path and the
reason for a log line or a terminal.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from voice_agent.domain.errors import (
    StorageFull,
    StoragePermissionDenied,
    StorageReadOnly,
    StorageUnavailable,
)

UNAVAILABLE = (
    "Our booking system is briefly unavailable. Please bear with me and try again in a moment."
)

# SQLite's extended result names (sqlite3 errors carry them as ``sqlite_errorname``).
_SQLITE = {
    "SQLITE_READONLY": StorageReadOnly,
    "SQLITE_FULL": StorageFull,
    "SQLITE_CANTOPEN": StoragePermissionDenied,
    "SQLITE_PERM": StoragePermissionDenied,
    "SQLITE_AUTH": StoragePermissionDenied,
}
# PostgreSQL SQLSTATEs.
_SQLSTATE = {
    "25006": StorageReadOnly,  # read_only_sql_transaction (a replica, or read-only by setting)
    "53100": StorageFull,  # disk_full
    "42501": StoragePermissionDenied,  # insufficient_privilege
}
# Words in the message, for drivers that carry no code.
_WORDS = (
    ("readonly database", StorageReadOnly),
    ("read-only", StorageReadOnly),
    ("disk is full", StorageFull),
    ("no space left", StorageFull),
    ("unable to open database file", StoragePermissionDenied),
    ("permission denied", StoragePermissionDenied),
)
_ERRNO = {
    errno.EROFS: StorageReadOnly,
    errno.ENOSPC: StorageFull,
    errno.EDQUOT: StorageFull,
    errno.EACCES: StoragePermissionDenied,
    errno.EPERM: StoragePermissionDenied,
}


def database_location(url: str | URL) -> tuple[str, str]:
    """(what, where) for messages: the SQLite file's absolute path, or the server and database
    of a PostgreSQL URL (never its password)."""
    parsed = make_url(url) if isinstance(url, str) else url
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ":memory:"
        if database == ":memory:" or database.startswith("file:"):
            return "the database", database
        return "the database file", str(Path(database).resolve())
    host = parsed.host or "localhost"
    port = f":{parsed.port}" if parsed.port else ""
    user = f"{parsed.username}@" if parsed.username else ""
    name = f"/{parsed.database}" if parsed.database else ""  # the user's name, by default
    return "the database", f"{parsed.get_backend_name()}://{user}{host}{port}{name}"


def _driver_error(exc: BaseException) -> BaseException:
    orig = getattr(exc, "orig", None)
    return orig if isinstance(orig, BaseException) else exc


CHECK_URL = "check DATABASE_URL and that the database server is running"
# SQLite's answer for a file that is not one of its databases, or a damaged one
_NOT_A_DATABASE = ("SQLITE_NOTADB", "SQLITE_CORRUPT")


def _not_a_database(driver: BaseException) -> bool:
    name = str(getattr(driver, "sqlite_errorname", "") or "")
    return name.startswith(_NOT_A_DATABASE)


def classify_database_error(exc: BaseException, url: str | URL) -> StorageUnavailable:
    """The domain error for a failed database operation, naming the database and the reason."""
    driver = _driver_error(exc)
    kind: type[StorageUnavailable] = StorageUnavailable
    name = str(getattr(driver, "sqlite_errorname", "") or "")
    state = str(getattr(driver, "sqlstate", "") or getattr(driver, "pgcode", "") or "")
    text = str(driver).lower()
    if name:
        kind = next((k for prefix, k in _SQLITE.items() if name.startswith(prefix)), kind)
    if kind is StorageUnavailable and state in _SQLSTATE:
        kind = _SQLSTATE[state]
    if kind is StorageUnavailable:
        kind = next((k for words, k in _WORDS if words in text), kind)
    if kind is StorageUnavailable and isinstance(driver, OSError) and driver.errno in _ERRNO:
        kind = _ERRNO[driver.errno]
    what, where = database_location(url)
    if _not_a_database(driver):
        return StorageUnavailable(
            UNAVAILABLE,
            what=what,
            path=where,
            reason="it is not a SQLite database, or it is damaged",
            advice="check the path in DATABASE_URL or --database, or move that file aside",
        )
    if kind is StoragePermissionDenied and Path(where).is_dir():
        # SQLite cannot open a folder and calls it CANTOPEN, as it does a permission problem
        return StorageUnavailable(
            UNAVAILABLE,
            what=what,
            path=where,
            reason="it is a folder, not a database file",
            advice=f"name a file, such as {Path(where) / 'voice_agent.db'}, in DATABASE_URL "
            "or --database",
        )
    reason = str(driver).strip().splitlines()[0][:200] if str(driver).strip() else ""
    if kind is StoragePermissionDenied and _on_read_only_file_system(Path(where)):
        # SQLite says CANTOPEN there too; owner and mode are not the problem
        return StorageReadOnly(
            UNAVAILABLE,
            what=what,
            path=where,
            reason=f"it is on a read-only file system; {reason}" if reason else "",
            advice="copy it to a writable folder, or remount that file system read-write",
        )
    detail: dict[str, str] = {
        "what": what,
        "path": where,
        "reason": reason or type(driver).__name__,
    }
    if kind is StorageUnavailable:
        detail["advice"] = CHECK_URL
    return kind(UNAVAILABLE, **detail)


def _on_read_only_file_system(path: Path) -> bool:
    """Whether ``path``, or the nearest folder above it that exists, is on a file system
    mounted read-only (SQLite, in WAL mode, must write beside even a database it only reads)."""
    for candidate in (path, *path.parents):
        try:
            return bool(os.statvfs(candidate).f_flag & os.ST_RDONLY)
        except OSError:
            continue
    return False


# PostgreSQL's refusals of a connection: 08 connection exception, 28 authorization (no such
# role, wrong password), 3D000 no such database. The async driver's errors for these reach
# SQLAlchemy as a plain DBAPIError, not an OperationalError.
_REFUSED_CONNECTION = ("08", "28", "3D000")


def is_refused_connection(exc: BaseException) -> bool:
    """True when the server refused the connection itself (DATABASE_URL names a database,
    user or password it does not have)."""
    driver = _driver_error(exc)
    state = str(getattr(driver, "sqlstate", "") or getattr(driver, "pgcode", "") or "")
    return bool(state) and state.startswith(_REFUSED_CONNECTION)


def is_storage_fault(exc: BaseException) -> bool:
    """True when the failure says something definite about the storage (read-only, full,
    permissions, not a database at all), whatever class the driver raised it as."""
    if _not_a_database(_driver_error(exc)):
        return True
    return type(classify_database_error(exc, "sqlite:///x")) is not StorageUnavailable


def classify_os_error(exc: OSError, path: Path, *, what: str) -> StorageUnavailable:
    """The domain error for a failed file operation on ``path`` (the spool)."""
    kind = _ERRNO.get(exc.errno or 0, StorageUnavailable)
    where = str(Path(exc.filename).resolve() if exc.filename else path.resolve())
    reason = exc.strerror or type(exc).__name__
    return kind(UNAVAILABLE, what=what, path=where, reason=reason)
