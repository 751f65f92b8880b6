"""How the command line names databases: ``--database`` values, and URLs shown without
their passwords."""

from __future__ import annotations

import contextlib
import shlex
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError


def database_url(value: str) -> str:
    """A ``--database`` value as a URL: a URL stays as it is, a path is a SQLite file."""
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser()}"


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (None for other databases and in-memory SQLite)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def describe_database(url: str) -> str:
    """ "SQLite file var/voice_agent.db" or the URL with its password hidden."""
    path = sqlite_file(url)
    if path is not None:
        return f"SQLite file {path}"
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "an unreadable DATABASE_URL"


def same_database(option: str | None) -> str:
    """The ``--database`` a command suggested to the user needs to look in the same database
    ("" for the default): after `appointments CODE --database var/demo.db` the suggested
    `appointments 987-654-3210` looked in var/voice_agent.db. A URL's password is ***."""
    if option is None:
        return ""
    shown = option
    if "://" in option:
        with contextlib.suppress(ArgumentError):  # refused before it gets here
            shown = make_url(option).render_as_string(hide_password=True)
    return f" --database {shlex.quote(shown)}"
