"""How the command line names databases: ``--database`` values, and URLs shown without
their passwords."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shlex
from collections.abc import Iterator
from pathlib import Path

# SQLAlchemy loads only when a URL is read (it costs ~0.5 s at import: `--help` and a usage
# error need none of it)


def database_url(value: str) -> str:
    """A ``--database`` value as a URL: a URL stays as it is, a path is a SQLite file."""
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser()}"


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (None for other databases and in-memory SQLite)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def own_folder(folder: Path, data_dir: Path) -> bool:
    """``folder`` is one this program makes itself on first use (DATA_DIR, its log folder):
    `--database var/demo.db` on a fresh clone is no typo. Any other folder a database file
    or a log file is named in must be there: a typo in it is refused, not made."""
    from voice_agent.entrypoints.logs import DEFAULT_LOG_FILE

    return folder.resolve() in (
        data_dir.resolve(),
        (data_dir / DEFAULT_LOG_FILE).parent.resolve(),
    )


def describe_database(url: str) -> str:
    """ "SQLite file var/voice_agent.db" or the URL with its password hidden."""
    from sqlalchemy.exc import ArgumentError

    path = sqlite_file(url)
    if path is not None:
        return f"SQLite file {path}"
    try:
        return shown_url(url)
    except ArgumentError:
        return "an unreadable DATABASE_URL"


_SECRET_PARAMETERS = ("password", "secret", "token")
"""Query parameters whose values are not shown: libpq and asyncpg take the password as
``?password=`` (and a client key's as ``?sslpassword=``)."""


def shown_url(url: str) -> str:
    """``url`` as it may be printed: its password as ``***``, and the values of query
    parameters that hold one as ``redacted`` (attack11: `doctor` printed "...?password=..."
    as it was). Raises ArgumentError when it is no URL."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    query = {
        key: "redacted" if any(word in key.lower() for word in _SECRET_PARAMETERS) else value
        for key, value in parsed.query.items()
    }
    return parsed.set(query=query).render_as_string(hide_password=True)


def same_database(option: str | None) -> str:
    """The ``--database`` a command suggested to the user needs to look in the same database
    ("" for the default): after `appointments CODE --database var/demo.db` the suggested
    `appointments 987-654-3210` looked in var/voice_agent.db. A URL's password is ***."""
    if option is None:
        return ""
    from sqlalchemy.exc import ArgumentError

    shown = option
    if "://" in option:
        with contextlib.suppress(ArgumentError):  # refused before it gets here
            shown = shown_url(option)
    return f" --database {shlex.quote(shown)}"


class DatabaseInUse(Exception):
    """Another process holds the SQLite file for itself (``pid``: its process id, when said)."""

    def __init__(self, path: Path, pid: int | None) -> None:
        super().__init__(str(path))
        self.path = path
        self.pid = pid


@contextlib.contextmanager
def held_alone(path: Path) -> Iterator[None]:
    """This process alone uses the SQLite file at ``path`` within the block, or DatabaseInUse.

    Two demos at once shared var/demo.db: the second deleted the first's file under it and
    each checked its calls against the other's bookings. The hold is an advisory lock on
    ``<file>.lock`` (kept, holding the holder's process id), which the system releases when
    the process ends however it ends: no stale lock to clear by hand."""
    lock = Path(f"{path}.lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            said = os.read(fd, 32).decode("ascii", "replace").strip()
            raise DatabaseInUse(path, int(said) if said.isdigit() else None) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)
