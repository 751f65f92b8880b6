"""Logging for the command line: where diagnostics go, and that nothing personal goes there.

Where: the commands that hold a conversation on the terminal (``chat``, ``call``, ``demo``)
keep it clean: their diagnostics go to a log file (``var/log/voice-agent.log`` by default),
and to stderr only with ``-v``. The other commands print warnings to stderr. ``-v`` shows this
program's debug messages, ``-vv`` the libraries' as well (SQL, LiveKit); ``--log-file`` names
the file.

What: every handler installed here carries :class:`RedactingFilter`, so no phone number,
name or transcript reaches the terminal or the file at any level, from this program or from a
library. The libraries are the risk: aiosqlite's and SQLAlchemy's debug lines print SQL
parameters (numbers and names), LiveKit attaches transcripts and tool arguments as
``lk.pii.*`` extras, exception texts may carry SQL parameters. So a library's record keeps
its message template and only its numeric arguments; its other arguments become their type
name. Every record, ours included, is then scrubbed of anything shaped like a phone number
(written or spoken), and extras marked as PII are dropped.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, TextIO

PROJECT = "voice_agent"
DEFAULT_LOG_FILE = Path("log") / "voice-agent.log"  # under DATA_DIR
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_MAX_BYTES = 2_000_000
_BACKUPS = 3

# --- redaction ---------------------------------------------------------------------------
_DIGIT_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double|triple)"
_PATTERNS = re.compile(
    # kept as they are: ISO dates and times (appointment days, timestamps)
    r"(?P<keep>\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?\b)"
    # any spelling of a phone number: 10 to 15 digits with spaces, dots, dashes, brackets
    r"|(?P<phone>(?<![\w+])\+?\(?\d(?:[ .()\-]{0,3}\d){9,14}(?!\w))"
    # a number said in words: six or more digit words in a row
    rf"|(?P<spoken>\b{_DIGIT_WORD}(?:[\s,.\-]+{_DIGIT_WORD}){{5,}}\b)",
    re.IGNORECASE,
)
# SQLAlchemy's exception texts end with the statement's parameters
_SQL_PARAMETERS = re.compile(r"\[parameters: .*?\](?=\s*(?:\n|\(Background|$))", re.DOTALL)
REDACTED = "[redacted]"


def scrub(text: str) -> str:
    """``text`` with phone numbers (digits or words) and SQL parameters replaced."""

    def replace(match: re.Match[str]) -> str:
        return match.group("keep") or REDACTED

    return _PATTERNS.sub(replace, _SQL_PARAMETERS.sub("[parameters: redacted]", text))


class _Hidden:
    """Stands for a library's argument: only its type is shown, by %s and %r alike."""

    def __init__(self, value: object) -> None:
        self.text = f"<{type(value).__name__}>"

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__


def _safe_argument(value: object) -> object:
    if isinstance(value, bool | int | float | Enum) or value is None:
        return value
    return _Hidden(value)


def _is_pii_key(key: str) -> bool:
    return "pii" in key.lower().split(".") or key.lower().startswith("lk.pii")


_STANDARD_ATTRIBUTES = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class RedactingFilter(logging.Filter):
    """A handler filter that makes each record safe to print (see the module's docstring).

    It renders the message once (a library's non-numeric arguments as their type names),
    scrubs it and its exception text, and drops extras marked as PII. Records are changed in
    place, so every handler after it sees the safe version.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "_redacted", False):
            ours = record.name == PROJECT or record.name.startswith(PROJECT + ".")
            record.msg = scrub(self._render(record, ours))
            record.args = None
            if record.exc_info and not record.exc_text:
                record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip()
            if record.exc_text:
                record.exc_text = scrub(record.exc_text)
            if record.stack_info:
                record.stack_info = scrub(record.stack_info)
            record._redacted = True
        # extras arrive after a record is made (see redact_all_records): looked at each time
        for key in [k for k in record.__dict__ if k not in _STANDARD_ATTRIBUTES]:
            if _is_pii_key(key):
                delattr(record, key)
        return True

    @staticmethod
    def _render(record: logging.LogRecord, ours: bool) -> str:
        template = str(record.msg)
        args = record.args
        if not args:
            return template
        if not ours:
            if isinstance(args, Mapping):
                args = {k: _safe_argument(v) for k, v in args.items()}
            else:
                args = tuple(_safe_argument(v) for v in args)
        try:
            return template % args
        except (TypeError, ValueError, KeyError):
            # a format such as %d given a placeholder: keep the template alone
            return template


def redact_all_records() -> None:
    """Redact every record as it is made, whatever handler prints it later: for processes
    whose handlers belong to a framework (the LiveKit worker and its job processes). Extras
    are attached after a record is made, so LiveKit's own formatter keeps dropping its
    ``lk.pii.*`` extras itself."""
    made = logging.getLogRecordFactory()
    if getattr(made, "redacting", False):
        return
    redactor = RedactingFilter()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = made(*args, **kwargs)
        redactor.filter(record)
        return record

    factory.redacting = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)


# --- set-up ------------------------------------------------------------------------------
class _LibraryLevel(logging.Filter):
    """Libraries' records pass from ``level`` up; this program's pass at any level."""

    def __init__(self, level: int) -> None:
        super().__init__()
        self.level = level

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == PROJECT or record.name.startswith(PROJECT + "."):
            return True
        return record.levelno >= self.level


class WarningCounter(logging.Handler):
    """Counts the warnings and errors logged (to tell the user where they went)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass
class LogSetup:
    """What :func:`configure` installed."""

    verbosity: int
    console: logging.Handler | None = None
    file: Path | None = None
    warnings: WarningCounter = field(default_factory=WarningCounter)
    _handlers: list[logging.Handler] = field(default_factory=list)
    _root_level: int = logging.WARNING

    def add_file(self, path: Path) -> Path:
        """Also log to ``path`` (INFO, or the verbosity's level), rotated at 2 MB."""
        if self.file is not None:
            return self.file
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=_MAX_BYTES, backupCount=_BACKUPS, encoding="utf-8"
        )
        self._install(handler, logging.DEBUG if self.verbosity else logging.INFO)
        self.file = path
        return path

    @property
    def level(self) -> int:
        return logging.DEBUG if self.verbosity else logging.WARNING

    def _install(self, handler: logging.Handler, level: int) -> None:
        handler.setLevel(level)
        handler.addFilter(_LibraryLevel(logging.DEBUG if self.verbosity >= 2 else logging.INFO))
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
) -> LogSetup:
    """Install this program's handlers on the root logger (once per command; a second call
    replaces what the first installed).

    ``verbosity`` 0 logs warnings, 1 this program's debug messages and the libraries' info,
    2 everything. ``console`` False keeps stderr quiet unless ``verbosity`` asks for it
    (the conversation commands). ``log_file`` adds a file.
    """
    global _current
    if _current is not None:
        _current.close()
    root = logging.getLogger()
    setup = LogSetup(verbosity, _root_level=root.level)
    root.setLevel(logging.WARNING)
    if console or verbosity:
        handler = logging.StreamHandler(stream or sys.stderr)
        setup._install(handler, setup.level)
        setup.console = handler
    if log_file is not None:
        setup.add_file(log_file)
    root.addHandler(setup.warnings)
    logging.captureWarnings(True)
    _current = setup
    return setup


def current() -> LogSetup | None:
    return _current
