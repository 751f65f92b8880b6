"""Storage failures an operator can act on (finding 8): a read-only database file, a folder the
process may not write, a full disk. Each is named with its path and the reason, not only
"database unavailable".

Root ignores file modes, so the processes that must be refused run under ``setpriv`` with every
capability dropped (uid 0 without CAP_DAC_OVERRIDE obeys the modes like anyone else)."""

from __future__ import annotations

import asyncio
import errno
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from voice_agent.adapters.storage import open_store
from voice_agent.adapters.storage.faults import classify_database_error, classify_os_error
from voice_agent.domain.errors import (
    StorageFull,
    StoragePermissionDenied,
    StorageReadOnly,
    StorageUnavailable,
)
from voice_agent.testing.postgres import PostgresServer

VOICE_AGENT = Path(sys.executable).with_name("voice-agent")


def _unprivileged(
    args: list[str], cwd: Path, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    setpriv = shutil.which("setpriv")
    assert setpriv is not None, "setpriv (util-linux) is needed to drop root's capabilities"
    return subprocess.run(
        [setpriv, "--inh-caps=-all", "--bounding-set=-all", *args],
        input=stdin,
        env={**os.environ, **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


async def _create(url: str) -> None:
    store = await open_store(url)
    await store.close()


def test_a_read_only_database_file_is_named_and_the_call_is_spooled(tmp_path: Path) -> None:
    """The typed call goes on; the log says which file is read-only and why, once, without a
    traceback; the record waits in the spool."""
    db = tmp_path / "clinic.db"
    url = f"sqlite:///{db}"
    asyncio.run(_create(url))
    for path in tmp_path.glob("clinic.db*"):
        path.chmod(0o444)
    result = _unprivileged(
        [str(VOICE_AGENT), "chat", "--offline"],
        tmp_path,
        stdin="hello\n",
        DATABASE_URL=url,
        DATA_DIR=str(tmp_path / "var"),
    )
    assert result.returncode == 0, result.stderr
    assert "summary:" in result.stdout
    refused = f"the database file {db} is read-only (attempt to write a readonly database)"
    # a conversation keeps the terminal clean: diagnostics go to the log file, and stderr
    # says how many warnings there were and where
    log_file = tmp_path / "var" / "log" / "voice-agent.log"
    assert str(log_file) in result.stderr, result.stderr
    log = log_file.read_text()
    saves = [line for line in log.splitlines() if "conversation save failed" in line]
    assert len(saves) == 1 and refused in saves[0], log
    spooled = [line for line in log.splitlines() if "spooled to disk" in line]
    assert len(spooled) == 1 and refused in spooled[0], log
    assert "Traceback" not in result.stderr and "Traceback" not in log
    assert len(list((tmp_path / "var").rglob("*.json"))) == 1


def test_a_database_in_a_folder_it_may_not_write_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o555)
    result = _unprivileged(
        [str(VOICE_AGENT), "db", "upgrade"], tmp_path, DATABASE_URL=f"sqlite:///{folder}/x.db"
    )
    assert result.returncode == 3
    error = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert error == [
        f"error: the database file {folder}/x.db cannot be opened: permission denied "
        "(unable to open database file); check the owner and mode of the file and of every "
        "folder above it"
    ]


def test_every_command_in_a_read_only_working_directory_says_why(tmp_path: Path) -> None:
    """With the default DATABASE_URL (var/voice_agent.db) in a folder it may not write, every
    command ended in a PermissionError traceback: making var/ for the database, and for
    chat's log file var/log/ first."""
    folder = tmp_path / "readonly"
    folder.mkdir(mode=0o555)
    env = {"DATABASE_URL": "sqlite:///var/voice_agent.db", "DATA_DIR": "var"}
    expected = (
        f"error: the database folder {folder}/var cannot be opened: permission denied "
        "(Permission denied); check the owner and mode of the file and of every folder above it"
    )
    upgrade = _unprivileged([str(VOICE_AGENT), "db", "upgrade"], folder, **env)
    assert upgrade.returncode == 3, upgrade.stderr
    assert upgrade.stderr.strip().splitlines() == [expected]

    chat = _unprivileged([str(VOICE_AGENT), "chat", "--offline"], folder, stdin="hello\n", **env)
    assert chat.returncode == 3, chat.stderr
    assert "Traceback" not in chat.stderr and expected in chat.stderr.splitlines()
    assert "note: cannot write the log file var/log/voice-agent.log (Permission denied)" in (
        chat.stderr
    )


def test_a_folder_given_as_the_database_file_is_named_as_a_folder(tmp_path: Path) -> None:
    """SQLite reports a folder as CANTOPEN, which was phrased as a permission problem."""
    result = subprocess.run(
        [str(VOICE_AGENT), "slots", "friday", "--database", str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 3, result.stderr
    error = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert error == [
        f"error: the database file {tmp_path} is unavailable (it is a folder, not a database "
        f"file); name a file, such as {tmp_path / 'voice_agent.db'}, in DATABASE_URL or "
        "--database"
    ]


@pytest.mark.parametrize("content", [b"hello\n", b"SQLite format 3\x00" + b"\xff" * 200])
def test_a_file_that_is_not_a_sqlite_database_is_named(tmp_path: Path, content: bytes) -> None:
    """A text file (or a damaged database) given as the database ended every command in
    SQLAlchemy's DatabaseError traceback ("file is not a database"); it is named, with what to
    do, and left as it was."""
    path = tmp_path / "notes.txt"
    path.write_bytes(content)
    result = subprocess.run(
        [str(VOICE_AGENT), "slots", "friday", "--database", str(path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr and "DatabaseError" not in result.stderr
    error = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert error == [
        f"error: the database file {path} is unavailable (it is not a SQLite database, or it "
        "is damaged); check the path in DATABASE_URL or --database, or move that file aside"
    ]
    assert path.read_bytes() == content


def test_a_database_sqlite_cannot_open_leaves_no_thread_behind(tmp_path: Path) -> None:
    """aiosqlite stops its thread without waiting for it when the file cannot be opened: a
    command that ended right then printed the thread's "Event loop is closed" traceback under
    its error (about one run in twenty). The store waits for that thread before raising."""

    async def attempt() -> list[threading.Thread]:
        before = set(threading.enumerate())
        with pytest.raises(StorageUnavailable):
            await open_store(f"sqlite:///{tmp_path}")  # a folder: SQLite cannot open it
        return [
            t
            for t in threading.enumerate()
            if t not in before and "_connection_worker_thread" in t.name and t.is_alive()
        ]

    for _ in range(5):
        assert asyncio.run(attempt()) == []


def test_a_file_where_the_database_folder_should_be_is_named(tmp_path: Path) -> None:
    from voice_agent.adapters.storage.database import create_engine

    (tmp_path / "var").write_text("not a folder")
    with pytest.raises(StorageUnavailable) as refused:
        create_engine(f"sqlite:///{tmp_path}/var/voice_agent.db")
    assert refused.value.detail["path"] == str(tmp_path / "var")
    assert refused.value.detail["what"] == "the database folder"
    # it said "the database folder ... is unavailable (File exists)", and nothing to do
    assert refused.value.operator_message == (
        f"the database folder {tmp_path}/var is unavailable ({tmp_path}/var is a file, not a "
        "folder); move that file, or name another file in DATABASE_URL (or --database)"
    )
    (tmp_path / "deep").write_text("not a folder either")
    with pytest.raises(StorageUnavailable) as deeper:
        create_engine(f"sqlite:///{tmp_path}/deep/er/voice_agent.db")
    assert f"({tmp_path}/deep is a file, not a folder); move that file" in (
        deeper.value.operator_message
    )


def test_a_full_database_is_named(tmp_path: Path) -> None:
    """SQLite's own SQLITE_FULL, provoked with a page limit."""
    db = tmp_path / "full.db"
    connection = sqlite3.connect(db)
    try:
        connection.execute("CREATE TABLE t (x BLOB)")
        connection.execute("PRAGMA max_page_count = 3")
        with pytest.raises(sqlite3.OperationalError) as caught:
            connection.execute("INSERT INTO t VALUES (zeroblob(100000))")
    finally:
        connection.close()
    error = classify_database_error(caught.value, f"sqlite:///{db}")
    assert isinstance(error, StorageFull)
    assert error.operator_message.startswith(f"the database file {db} is on a full disk")
    assert "free some space" in error.operator_message


@pytest.mark.parametrize(
    ("code", "kind", "words"),
    [
        (errno.ENOSPC, StorageFull, "is on a full disk"),
        (errno.EROFS, StorageReadOnly, "is read-only"),
        (errno.EACCES, StoragePermissionDenied, "cannot be opened: permission denied"),
    ],
)
def test_spool_folder_errors_name_the_folder(
    tmp_path: Path, code: int, kind: type, words: str
) -> None:
    target = tmp_path / "spool" / "x.json"
    error = classify_os_error(
        OSError(code, os.strerror(code), str(target)), tmp_path / "spool", what="the spool file"
    )
    assert isinstance(error, kind)
    assert error.operator_message.startswith(f"the spool file {target} {words}")
    assert os.strerror(code) in error.operator_message


def test_a_new_database_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    """Callers' names, numbers and transcripts: not for the machine's other accounts, whatever
    the umask (it made the file and its -wal/-shm 0644 before)."""
    db = tmp_path / "var" / "clinic.db"
    old = os.umask(0o022)
    try:
        asyncio.run(_create(f"sqlite:///{db}"))
    finally:
        os.umask(old)
    files = sorted(tmp_path.glob("var/clinic.db*"))
    assert db in files
    for path in files:
        assert path.stat().st_mode & 0o777 == 0o600, (path, oct(path.stat().st_mode))


def test_an_existing_database_keeps_the_mode_its_owner_gave_it(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    sqlite3.connect(db).close()
    db.chmod(0o640)
    asyncio.run(_create(f"sqlite:///{db}"))
    assert db.stat().st_mode & 0o777 == 0o640


def _cantopen(path: Path) -> sqlite3.OperationalError:
    with pytest.raises(sqlite3.OperationalError) as refused:
        sqlite3.connect(f"file:{path}?mode=rw", uri=True)
    assert refused.value.sqlite_errorname == "SQLITE_CANTOPEN"
    return refused.value


def test_a_database_on_a_read_only_file_system_is_not_called_a_permission_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite says CANTOPEN on a read-only mount too (WAL must write beside the file), which
    was phrased 'permission denied, check the owner and mode': both fine there."""
    db = tmp_path / "clinic.db"
    error = _cantopen(db)
    real_statvfs = os.statvfs

    def statvfs(path: object) -> os.statvfs_result:
        found = real_statvfs(path)  # type: ignore[arg-type]
        fields = list(found)
        fields[8] |= os.ST_RDONLY  # f_flag, as `mount -o ro` sets it
        return os.statvfs_result(fields)

    assert type(classify_database_error(error, f"sqlite:///{db}")) is StoragePermissionDenied
    monkeypatch.setattr(os, "statvfs", statvfs)
    refused = classify_database_error(error, f"sqlite:///{db}")
    assert type(refused) is StorageReadOnly
    assert refused.operator_message == (
        f"the database file {db} is read-only (it is on a read-only file system; unable to "
        "open database file); copy it to a writable folder, or remount that file system "
        "read-write"
    )


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("user", "database", "said"),
    [
        (None, "no_such_clinic", 'database "no_such_clinic" does not exist'),
        ("no_such_role", "postgres", 'role "no_such_role" does not exist'),
    ],
)
def test_a_postgresql_url_naming_a_database_or_role_the_server_lacks_is_named(
    postgres_server: PostgresServer, user: str | None, database: str, said: str
) -> None:
    """asyncpg's refusal reached SQLAlchemy as a plain DBAPIError: every command printed a
    300-line traceback instead of the URL and the server's reason."""
    url = f"postgresql://{user or postgres_server.user}@127.0.0.1:{postgres_server.port}/{database}"
    with pytest.raises(StorageUnavailable) as caught:
        asyncio.run(open_store(url))
    message = caught.value.operator_message
    assert said in message and "check DATABASE_URL" in message


@pytest.mark.postgres
def test_doctor_says_which_database_the_server_lacks(postgres_server: PostgresServer) -> None:
    """doctor said "cannot connect (DBAPIError)": the reason was the server's, and hidden."""
    from voice_agent.config import Settings
    from voice_agent.entrypoints import doctor

    url = f"postgresql://{postgres_server.user}@127.0.0.1:{postgres_server.port}/no_such_clinic"
    finding = asyncio.run(doctor.database(Settings(database_url=url, _env_file=None)))  # type: ignore[call-arg]
    assert finding.status == "fail"
    assert 'database "no_such_clinic" does not exist' in finding.what, finding


@pytest.mark.parametrize(
    ("url", "where"),
    [
        ("postgres://nope", "postgresql://nope"),
        ("postgresql://bob:pw@db:5433", "postgresql://bob@db:5433"),
        ("postgresql://bob:pw@db/clinic", "postgresql://bob@db/clinic"),
    ],
)
def test_a_postgres_url_without_a_database_name_is_not_named_none(url: str, where: str) -> None:
    """DATABASE_URL=postgres://nope was reported as "postgresql://nope/None"."""
    from voice_agent.adapters.storage.database import async_url
    from voice_agent.adapters.storage.faults import database_location

    assert database_location(async_url(url)) == ("the database", where)
