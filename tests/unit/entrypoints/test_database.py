from __future__ import annotations

from pathlib import Path

from voice_agent.entrypoints.database import (
    database_url,
    describe_database,
    same_database,
    sqlite_file,
)


def test_database_values_are_paths_or_urls() -> None:
    assert database_url("var/demo.db") == "sqlite:///var/demo.db"
    assert database_url("/tmp/x.db") == "sqlite:////tmp/x.db"
    url = "postgresql://app:secret@db.example:5432/clinic"
    assert database_url(url) == url


def test_sqlite_files_and_descriptions_without_passwords() -> None:
    assert sqlite_file("sqlite:///var/demo.db") == Path("var/demo.db")
    assert sqlite_file("sqlite+aiosqlite:////tmp/x.db") == Path("/tmp/x.db")
    assert sqlite_file("sqlite:///:memory:") is None
    assert sqlite_file("postgresql://localhost/x") is None
    assert describe_database("sqlite:///var/demo.db") == "SQLite file var/demo.db"
    described = describe_database("postgresql://app:secret@db.example:5432/clinic")
    assert "secret" not in described and "db.example:5432/clinic" in described
    assert describe_database("not a url") == "an unreadable DATABASE_URL"


def test_a_password_in_the_query_string_is_never_shown() -> None:
    """attack11: libpq and asyncpg take a password as `?password=` (and a client key's as
    `?sslpassword=`); `voice-agent doctor` printed "postgresql://bob@db:5432/clinic?password=
    s3cret-hidden: cannot connect", and so did every message naming the database (migrations,
    demo, appointments' suggestion to run again with --database)."""
    url = (
        "postgresql://bob@db.example:5432/clinic"
        "?sslmode=require&password=s3cret-hidden&sslpassword=key-hidden"
    )
    for shown in (describe_database(url), same_database(url)):
        assert "hidden" not in shown
        assert "sslmode=require" in shown and "db.example:5432/clinic" in shown
