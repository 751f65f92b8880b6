"""Logging for the command line: where diagnostics go, and that nothing personal goes there.

Where: the commands that hold a conversation on the terminal (``chat``, ``call``, ``demo``)
keep it clean: their diagnostics go to a log file (``var/log/voice-agent.log`` by default),
and to stderr only with ``-v``. The other commands print warnings to stderr. ``-v`` shows this
program's debug messages, ``-vv`` the libraries' as well (SQL, LiveKit); ``--log-file`` names
the file.

What: every handler installed here carries the project's one
:class:`~voice_agent.adapters.logging_filters.RedactingFilter`, so no phone number, name or
transcript reaches the terminal or the file at any level, from this program or from a library
(what it hides, and how, is said there).
"""

from __future__ import annotations

import errno
import fcntl
import io
import logging
import logging.handlers
import os
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from voice_agent.adapters.logging_filters import RAISED, RedactingFilter

PROJECT = "voice_agent"
DEFAULT_LOG_FILE = Path("log") / "voice-agent.log"  # under DATA_DIR
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_MAX_BYTES = 2_000_000
_BACKUPS = 3


class _LibraryLevel(logging.Filter):
    """Libraries' records pass from ``level`` up; this program's pass at any level."""

    def __init__(self, level: int) -> None:
        super().__init__()
        self.level = level

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == PROJECT or record.name.startswith(PROJECT + "."):
            return True
        return record.levelno >= self.level


class _NotRaised(logging.Filter):
    """Drops records about an error that is also raised (``raised`` set on the record): a
    one-shot command prints that error itself, and printed it twice on stderr."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not getattr(record, RAISED, False)


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotated log file readable by its owner only, as the database and the recordings
    are: the log holds no personal data, but ids, error texts and when calls happened are the
    operator's business (it was 0644, by the umask)."""

    def _open(self) -> io.TextIOWrapper:
        # not blocking: a named pipe nobody reads (one another account made at the path
        # given) held the command for ever before it did anything (attack11)
        try:
            fd = os.open(
                self.baseFilename,
                os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NONBLOCK,
                0o600,
            )
        except OSError as exc:
            if exc.errno == errno.ENXIO:
                raise OSError(errno.ENXIO, "a named pipe that nobody reads") from None
            raise
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
        # a file only: as root, `--log-file /dev/null` made /dev/null 0600 for everyone
        if stat.S_ISREG(os.fstat(fd).st_mode):
            os.fchmod(fd, 0o600)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)  # noqa: SIM115


class WarningCounter(logging.Handler):
    """Counts the warnings and errors logged (to tell the user where they went)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


FELL_BEHIND = ("VAD inference is slower than realtime",)
"""What the libraries log when this machine cannot keep up with a call's audio (Silero's
voice activity detector, in the plugin and in LiveKit's inference module)."""


class FellBehind(logging.Handler):
    """Calls ``notify`` once, at the first record saying the machine fell behind real time:
    on a loaded machine the demo printed only "(25 warnings logged to ...)" at its end, with
    answers ten seconds late and no word of why."""

    def __init__(self, notify: Callable[[], None]) -> None:
        super().__init__(logging.WARNING)
        self._notify = notify
        self.fired = False

    def emit(self, record: logging.LogRecord) -> None:
        if self.fired or not record.name.startswith("livekit"):
            return
        if record.msg in FELL_BEHIND:
            self.fired = True
            self._notify()


@dataclass
class LogSetup:
    """What :func:`configure` installed."""

    verbosity: int
    console: logging.Handler | None = None
    file: Path | None = None
    warnings: WarningCounter = field(default_factory=WarningCounter)
    _handlers: list[logging.Handler] = field(default_factory=list)
    _root_level: int = logging.WARNING

    def add_file(self, path: Path, *, make_folder: bool = True) -> Path:
        """Also log to ``path`` (INFO, or the verbosity's level), rotated at 2 MB.
        ``make_folder``: make its folder when missing (the default file's, under DATA_DIR);
        else a missing folder raises FileNotFoundError (a file the user named)."""
        if self.file is not None:
            return self.file
        if make_folder:
            path.parent.mkdir(parents=True, exist_ok=True)
        handler = _PrivateRotatingFileHandler(
            path, maxBytes=_MAX_BYTES, backupCount=_BACKUPS, encoding="utf-8"
        )
        self._install(handler, logging.DEBUG if self.verbosity else logging.INFO)
        self.file = path
        return path

    def when_behind_real_time(self, notify: Callable[[], None]) -> FellBehind:
        """Call ``notify`` once, the first time a library says this machine fell behind the
        audio of a call (whatever the verbosity and wherever the records go)."""
        handler = FellBehind(notify)
        logging.getLogger().addHandler(handler)
        self._handlers.append(handler)
        return handler

    @property
    def level(self) -> int:
        return logging.DEBUG if self.verbosity else logging.WARNING

    def _install(
        self, handler: logging.Handler, level: int, *, libraries: int = logging.INFO
    ) -> None:
        """``libraries``: the level from which the libraries' records pass below ``-vv``."""
        handler.setLevel(level)
        handler.addFilter(_LibraryLevel(logging.DEBUG if self.verbosity >= 2 else libraries))
        handler.addFilter(RedactingFilter())
        handler.setFormatter(logging.Formatter(FORMAT))
        root = logging.getLogger()
        root.addHandler(handler)
        root.setLevel(min(root.level or logging.WARNING, level))
        self._handlers.append(handler)

    def close(self) -> None:
        root = logging.getLogger()
        for handler in self._handlers:
            root.removeHandler(handler)
            handler.close()
        root.removeHandler(self.warnings)
        root.setLevel(self._root_level)
        self._handlers.clear()


_current: LogSetup | None = None


def configure(
    verbosity: int,
    *,
    console: bool = True,
    log_file: Path | None = None,
    stream: TextIO | None = None,
    reports_errors: bool = False,
) -> LogSetup:
    """Install this program's handlers on the root logger (once per command; a second call
    replaces what the first installed).

    ``verbosity`` 0 logs warnings, 1 this program's debug messages (the libraries' warnings
    only, on stderr: their info, alembic's "Context impl SQLiteImpl." at every command, is
    in the log file), 2 everything. ``console`` False keeps stderr quiet unless
    ``verbosity`` asks for it (the conversation commands). ``log_file`` adds a file, in a
    folder that must exist (an OSError says why it cannot be written). ``reports_errors``:
    the command prints the error that ends it, so stderr leaves out (below ``-v``) the
    warning logged about that same error as it was raised (a long-running server keeps it).
    """
    global _current
    if _current is not None:
        _current.close()
    root = logging.getLogger()
    setup = LogSetup(verbosity, _root_level=root.level)
    root.setLevel(logging.WARNING)
    if console or verbosity:
        handler = logging.StreamHandler(stream or sys.stderr)
        setup._install(handler, setup.level, libraries=logging.WARNING)
        if reports_errors and not verbosity:
            handler.addFilter(_NotRaised())
        setup.console = handler
    if log_file is not None:  # named by the user: its folder must be there, as for `tee`
        setup.add_file(log_file, make_folder=False)
    root.addHandler(setup.warnings)
    logging.captureWarnings(True)
    _current = setup
    return setup


def current() -> LogSetup | None:
    return _current
