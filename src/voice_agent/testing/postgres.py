"""A throw-away PostgreSQL server started from the installed binaries.

initdb into a temporary directory, start `postgres` on a free loopback port, hand out
databases, and remove everything afterwards. When running as root the server runs as the
`postgres` (or `nobody`) user, since PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

DEFAULT_BIN_DIRS = ("/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin")


class PostgresUnavailable(RuntimeError):
    pass


def find_bin_dir() -> Path:
    candidates = [os.environ.get("PG_BIN", "")] + list(DEFAULT_BIN_DIRS)
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    raise PostgresUnavailable(
        "PostgreSQL binaries not found (looked in PG_BIN, " + ", ".join(DEFAULT_BIN_DIRS) + ")"
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PostgresServer:
    def __init__(self, bin_dir: Path | None = None, *, fsync: bool = False) -> None:
        self.bin_dir = bin_dir or find_bin_dir()
        self.port = _free_port()
        self.user = "postgres"
        self._fsync = fsync
        self._root = Path(tempfile.mkdtemp(prefix="voice-agent-pg-"))
        self.data_dir = self._root / "data"
        self._proc: subprocess.Popen[bytes] | None = None
        self._run_as: str | None = None
        if os.geteuid() == 0:
            self._run_as = _unprivileged_user()
            info = pwd.getpwnam(self._run_as)
            os.chown(self._root, info.pw_uid, info.pw_gid)

    def _cmd(self, *args: str) -> list[str]:
        if self._run_as is None:
            return list(args)
        runuser = shutil.which("runuser")
        if runuser:
            return [runuser, "-u", self._run_as, "--", *args]
        return ["su", "-s", "/bin/sh", self._run_as, "-c", " ".join(args)]

    def start(self, timeout: float = 30.0) -> None:
        log = self._root / "initdb.log"
        with log.open("wb") as out:
            result = subprocess.run(
                self._cmd(
                    str(self.bin_dir / "initdb"),
                    "-D",
                    str(self.data_dir),
                    "-U",
                    self.user,
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--no-locale",
                ),
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=self._root,
                check=False,
            )
        if result.returncode != 0:
            raise PostgresUnavailable("initdb failed: " + log.read_text(errors="replace")[-2000:])
        self._launch(timeout)

    def _launch(self, timeout: float) -> None:
        durable = "on" if self._fsync else "off"
        options = {
            "fsync": durable,
            "synchronous_commit": durable,
            "full_page_writes": durable,
            "max_connections": "300",
        }
        args = [str(self.bin_dir / "postgres"), "-D", str(self.data_dir), "-p", str(self.port)]
        args += ["-h", "127.0.0.1", "-k", str(self._root)]
        for name, value in options.items():
            args += ["-c", f"{name}={value}"]
        with open(self._root / "server.log", "ab") as server_log:
            self._proc = subprocess.Popen(
                self._cmd(*args),
                stdout=server_log,
                stderr=subprocess.STDOUT,
                cwd=self._root,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise PostgresUnavailable(
                    "postgres exited: " + (self._root / "server.log").read_text()[-2000:]
                )
            ready = subprocess.run(
                [str(self.bin_dir / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port)],
                capture_output=True,
                check=False,
            )
            if ready.returncode == 0:
                return
            time.sleep(0.1)
        self.stop()
        raise PostgresUnavailable("postgres did not become ready in time")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def psql(self, sql: str, database: str = "postgres") -> str:
        out = subprocess.run(
            [
                str(self.bin_dir / "psql"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                self.user,
                "-d",
                database,
                "-v",
                "ON_ERROR_STOP=1",
                "-Atc",
                sql,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout

    def create_database(self, name: str | None = None) -> str:
        name = name or "t_" + uuid.uuid4().hex[:12]
        self.psql(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def kill(self) -> None:
        """Stop the server abruptly (for fault tests); `restart()` brings it back.

        The postmaster itself is killed (its pid is in postmaster.pid): as root, our child is
        only the `runuser` wrapper, and killing it would leave the server running."""
        pid = self._postmaster_pid()
        if pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        if self._proc and self._proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                self._proc.kill()
            self._proc.wait(timeout=10)
        deadline = time.monotonic() + 10
        while pid is not None and _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        # children of the killed postmaster exit once they notice; the pid file goes with them
        with contextlib.suppress(FileNotFoundError, PermissionError):
            (self.data_dir / "postmaster.pid").unlink()

    def _postmaster_pid(self) -> int | None:
        try:
            return int((self.data_dir / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def restart(self, timeout: float = 30.0) -> None:
        self.kill()
        self._launch(timeout)

    def stop(self) -> None:
        if self._proc and self._proc.poll() is None:
            subprocess.run(
                self._cmd(
                    str(self.bin_dir / "pg_ctl"),
                    "-D",
                    str(self.data_dir),
                    "-m",
                    "fast",
                    "-w",
                    "stop",
                ),
                capture_output=True,
                check=False,
            )
            try:
                self._proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self._proc.kill()
        shutil.rmtree(self._root, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _unprivileged_user() -> str:
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise PostgresUnavailable("running as root and no 'postgres' or 'nobody' user to run as")
