"""Keeping callers' data out of log output, third-party loggers included: the one filter.

Our own code never puts a phone number, a name or a transcript in a message (only ids, counts
and error types, in ``extra``). Libraries do: the database drivers print SQL parameters and
result rows at DEBUG (aiosqlite's "executing ..." with the parameters; SQLAlchemy's "Row
(...)" and parameter lists), an exception from PostgreSQL carries the offending value
("Key (contact_number)=(+1...)"), SQLAlchemy's exception texts end with "[parameters: ...]",
uvicorn's access log prints each request's query string, and LiveKit attaches transcripts and
tool arguments as ``lk.pii.*`` extras.

:class:`RedactingFilter` makes each record safe to print, in place, before any handler formats
it:

- a library's record keeps its message template and its numeric arguments; any other
  argument is shown as its type name (``<tuple>``), since it may be a parameter list, a row or
  a transcript. A few templates whose arguments are the process's own configuration (where
  uvicorn listens) keep them.
- uvicorn's access records keep client, method, path and status (its formatter unpacks them)
  but lose the query string, and the path loses the values of the segments the application
  declares private (:class:`PrivatePaths`: a confirmation code, a room name) and, read
  percent-decoded, anything shaped like a phone number.
- the database loggers' statements lose their string literals.
- every text, ours included, the exception text and stack too, loses anything shaped like a
  phone number (in digits or in words), a constraint's offending value and SQL parameters.
- every text, ours included, has its control characters but the newline and the tab
  escaped (``\\x1b``): no log line can clear, recolour or overwrite a terminal.
- extras marked as PII (``lk.pii.*``) are dropped; text extras are scrubbed as the message
  is (a phone call's room name holds the caller's number). A tool call's arguments
  (LiveKit's ``lk.pii.arguments``) leave their shape in the message instead, as
  :func:`describe_arguments` writes it: ``executing tool: identify_user(phone_number=<10
  digits>, name=<2 words>)``, each value's kind and size, dates and clock times as they are.

A record is rewritten once, however many handlers share it (or the record factory and a
handler both run the filter). Attach it with :func:`install_redaction` (every handler
configured so far: ``voice-agent serve``), ``handler.addFilter`` (the CLI's handlers) or
:func:`redact_all_records` (every record of a process whose handlers belong to a framework:
the LiveKit worker). Framework-free: only the standard library.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import traceback
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from typing import Any
from urllib.parse import quote, unquote

REDACTED = "[redacted]"
RAISED = "raised"
"""An extra set (True) on a record about an error that is also raised: whoever catches it
reports it (a one-shot command prints it as its error, and need not print the record too)."""

OWN_LOGGERS = (__name__.split(".")[0],)
"""This program's loggers: their arguments are ids, counts and error types, and are kept."""
DATABASE_LOGGERS = ("sqlalchemy", "aiosqlite", "asyncpg", "psycopg", "sqlite3")
"""Loggers whose statements may carry values as string literals."""
ACCESS_LOGGERS = ("uvicorn.access",)
"""Loggers whose arguments are (client, method, path with query, HTTP version, status)."""
SAFE_TEMPLATES: Mapping[str, frozenset[str]] = {
    "uvicorn.error": frozenset(
        {
            "Uvicorn running on %s://%s:%d (Press CTRL+C to quit)",
            "Uvicorn running on %s://[%s]:%d (Press CTRL+C to quit)",
        }
    ),
    # the event loop's selector class, alembic's plugin names, LiveKit's audio and transcript
    # inputs and outputs (their class labels: "`ChatCLI`", "`RoomIO`")
    "asyncio": frozenset({"Using selector: %s"}),
    "alembic.runtime.plugins": frozenset({"setup plugin %s"}),
    "livekit.agents": frozenset(
        {
            "using audio io: %s -> `AgentSession` -> %s",
            "using transcript io: `AgentSession` -> %s",
            "using video io: %s > `AgentSession` > %s",
        }
    ),
    # the schema's migrations: a dialect's name, this project's revision ids and their titles
    # (`voice-agent -v db upgrade` printed "Running <RevisionStep>" for each)
    "alembic.runtime.migration": frozenset(
        {
            "Context impl %s.",
            "Will assume %s DDL.",
            "Running %s",
            "update %s to %s",
            "new branch insert %s",
            "branch delete %s",
        }
    ),
}
"""Library messages whose arguments are the process's own configuration, kept as they are."""

_DIGIT_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double|triple)"
# Around a number: neither a letter or digit (inside an id or a hash) nor a hyphen (a segment
# of a UUID); an underscore does not protect it ("sip_+19876543210" is a number).
_NOT_BEFORE = r"(?<![0-9A-Za-z+\-])"
_NOT_AFTER = r"(?![0-9A-Za-z\-])"
_TEXT = re.compile(
    # kept as they are: ISO dates and times (appointment days, timestamps), IPv4 addresses
    r"(?P<keep>\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?\b"
    r"|\b(?:\d{1,3}\.){3}\d{1,3}\b)"
    # a phone number in any spelling: E.164 with 7 to 15 digits, or 10 to 15 digits, with
    # spaces, dots, dashes and brackets between them
    rf"|(?P<phone>{_NOT_BEFORE}(?:\+\d(?:[ .()\-]{{0,3}}\d){{6,14}}"
    rf"|\(?\d(?:[ .()\-]{{0,3}}\d){{9,14}}){_NOT_AFTER})"
    # a number said in words: six or more digit words in a row
    rf"|(?P<spoken>\b{_DIGIT_WORD}(?:[\s,.\-]+{_DIGIT_WORD}){{5,}}\b)",
    re.IGNORECASE,
)
# A PostgreSQL error detail names the value that broke a constraint (one level of brackets
# inside the value: "(987) 654-3210").
_KEY_VALUE = re.compile(r"(Key \([^)]*\))=\((?:[^()]|\([^()]*\))*\)")
# SQLAlchemy's exception texts end with the statement's parameters.
_SQL_PARAMETERS = re.compile(r"\[parameters: .*?\](?=\s*(?:\n|\(Background|$))", re.DOTALL)
_SQL_STRING = re.compile(r"'(?:[^']|'')*'")


# Control characters but the newline and the tab (C0, DEL, C1): an escape sequence or a
# carriage return in a log line recolours, clears or overwrites what a terminal shows.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _visible(text: str) -> str:
    """``text`` with every control character but the newline and the tab written as its
    escape (``\\x1b``), so no log line can drive the terminal that shows it."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def scrub(text: str) -> str:
    """``text`` with phone numbers (digits or words), constraint values and SQL parameters
    replaced by :data:`REDACTED`; dates, times and IPv4 addresses kept; control characters
    but the newline and the tab escaped."""
    text = _SQL_PARAMETERS.sub(f"[parameters: {REDACTED}]", _visible(text))
    text = _KEY_VALUE.sub(rf"\1=({REDACTED})", text)
    return _TEXT.sub(lambda m: m.group("keep") or REDACTED, text)


def strip_query(path: str) -> str:
    """A request target without its query string (``/x?phone=1`` -> ``/x?[redacted]``)."""
    head, sep, _ = path.partition("?")
    return f"{head}?{REDACTED}" if sep else path


class PrivatePaths:
    """Masks the path segments that carry a caller's data, given the application's route
    templates whose every ``{parameter}`` is private: ``/staff/api/appointments/{code}/cancel``
    makes ``/staff/api/appointments/[redacted]/cancel``. A template also covers any path that
    starts like it up to its last parameter (``/staff/api/appointments/{code}`` with a
    typo after it, or no route at all), whatever the letter case."""

    def __init__(self, templates: Iterable[str]) -> None:
        self.templates = tuple(templates)
        self._patterns = [self._compile(t) for t in self.templates]

    @staticmethod
    def _compile(template: str) -> re.Pattern[str]:
        parts = re.split(r"(\{[^}]*\})", template)
        last = max((i for i, p in enumerate(parts) if p.startswith("{")), default=-1)
        pattern = "".join(
            "([^/]+)" if p.startswith("{") else re.escape(p) for p in parts[: last + 1]
        )
        return re.compile(pattern, re.IGNORECASE)

    def __call__(self, path: str) -> str:
        for pattern in self._patterns:
            m = pattern.match(path)
            if m is None or m.lastindex is None:
                continue
            pieces, end = [], 0
            for group in range(1, m.lastindex + 1):
                start, stop = m.span(group)
                pieces += [path[end:start], REDACTED]
                end = stop
            return "".join(pieces) + path[end:]
        return path


def safe_request_target(target: str, private: Callable[[str], str] | None = None) -> str:
    """A request target as an access log may print it: no query string, the ``private``
    segments masked, and phone numbers scrubbed from the percent-decoded path (``%2B1987...``
    and ``(987)%20654-3210`` escaped the scrubber)."""
    head, sep, _ = target.partition("?")
    path = unquote(head)
    if private is not None:
        path = private(path)
    path = quote(scrub(path), safe="/[]")
    return f"{path}?{REDACTED}" if sep else path


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


def _under(name: str, prefixes: Iterable[str]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


_TOOL_ARGUMENTS = ("lk.pii.arguments", "lk.pii.raw_arguments")
"""LiveKit's extras holding a tool call's arguments (the model's JSON): PII, described."""
_TOOL_NAME = "function"
"""LiveKit's extra naming the tool a record is about."""
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
_PARAMETER = re.compile(r"[a-z_][a-z0-9_]{0,63}")
_SAID_AS_IS = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?|\d{1,2}:\d{2}")
_DESCRIBED = "_tool_described"


def describe_value(value: object) -> str:
    """A value a caller's data may be in, as its kind and size: ``<10 digits>`` (a phone
    number), ``<2 words>`` (a name), ``<1 word, 4 digits>`` (a code); ISO dates and clock
    times, which say nothing about who called, as they are; ``null``, ``true``, ``false``."""
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int | float):
        return f"<{sum(c.isdigit() for c in str(value))} digits>"
    if isinstance(value, list | tuple):
        return f"<list of {len(value)}>"
    if isinstance(value, Mapping):
        return f"<object of {len(value)}>"
    text = str(value).strip()
    if not text:
        return '""'
    if _SAID_AS_IS.fullmatch(text):
        return text
    digits = sum(c.isdigit() for c in text)
    if not any(c.isalpha() for c in text):
        return f"<{digits} digits>" if digits else f"<{len(text)} characters>"
    words = len(text.split())
    said = f"<{words} word{'s' if words != 1 else ''}"
    return f"{said}, {digits} digits>" if digits else f"{said}>"


def describe_arguments(arguments: object) -> str:
    """A tool call's arguments (the model's JSON text, or an object) without what they hold:
    ``phone_number=<10 digits>, name=<2 words>, date=2026-12-04`` (:func:`describe_value`
    for each; a parameter named other than as a parameter is ``<name>``)."""
    if isinstance(arguments, str | bytes):
        try:
            arguments = json.loads(arguments or "{}")
        except ValueError:
            return f"not JSON: {describe_value(arguments)}"
    if not isinstance(arguments, Mapping):
        return describe_value(arguments)
    return ", ".join(
        f"{key if isinstance(key, str) and _PARAMETER.fullmatch(key) else '<name>'}="
        f"{describe_value(value)}"
        for key, value in arguments.items()
    )


def _describe_tool(record: logging.LogRecord) -> None:
    """A record about a tool call names the tool and the shape of its arguments in its
    message (``executing tool: book_appointment(date=2026-12-04, time=10:00)``): LiveKit
    puts both in extras, which the command line's format does not print, and the arguments
    are dropped as PII. Once per record."""
    extras = record.__dict__
    if extras.get(_DESCRIBED):
        return
    name = extras.get(_TOOL_NAME)
    arguments = next((extras[k] for k in _TOOL_ARGUMENTS if k in extras), None)
    if not isinstance(name, str) and arguments is None:
        return
    tool = name if isinstance(name, str) and _NAME.fullmatch(name) else "<tool>"
    shown = tool if arguments is None else f"{tool}({describe_arguments(arguments)})"
    record.msg = f"{record.msg}: {shown}"
    extras[_DESCRIBED] = True


def _is_pii_key(key: str) -> bool:
    return "pii" in key.lower().split(".") or key.lower().startswith("lk.pii")


_STANDARD_ATTRIBUTES = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}
_DONE = "_redacted"
_OWN_MARKS = frozenset({_DONE, _DESCRIBED})
# uvicorn's coloured template: it would print the raw arguments again
_UNSAFE_EXTRAS = frozenset({"color_message"})


class RedactingFilter(logging.Filter):
    """Makes each record safe to print, in place (see the module's docstring); never drops
    a record. Every handler after it, and any later run of it, sees the safe version.
    ``private_paths`` masks the private segments of request paths in access records."""

    def __init__(self, private_paths: Callable[[str], str] | None = None) -> None:
        super().__init__()
        self.private_paths = private_paths

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, _DONE, False):
            # uvicorn's access formatter unpacks the arguments: they are kept, made safe
            if not (_under(record.name, ACCESS_LOGGERS) and self._access(record)):
                record.msg = scrub(self._render(record))
                record.args = None
            if record.exc_info and not record.exc_text:
                record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip()
            if record.exc_text:
                record.exc_text = scrub(record.exc_text)
            if record.stack_info:
                record.stack_info = scrub(record.stack_info)
            setattr(record, _DONE, True)
        # extras arrive after the record factory made a record (redact_all_records): looked
        # at each time
        # (a phone call's room is named with the caller's number, "call-_+19876543210_x4Yz",
        # and a JSON formatter prints every extra: texts are scrubbed like the message)
        _describe_tool(record)
        for key in [k for k in record.__dict__ if k not in _STANDARD_ATTRIBUTES | _OWN_MARKS]:
            if key in _UNSAFE_EXTRAS or _is_pii_key(key):
                delattr(record, key)
            elif isinstance(value := record.__dict__[key], str):
                record.__dict__[key] = scrub(value)
        return True

    def _access(self, record: logging.LogRecord) -> bool:
        """Query string stripped, every text argument scrubbed; False if the record is not
        shaped like uvicorn's access line (then it is treated like any library's)."""
        args = record.args
        if not (isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str)):
            return False
        path = safe_request_target(args[2], self.private_paths)
        record.args = tuple(
            scrub(a) if isinstance(a, str) else a for a in (*args[:2], path, *args[3:])
        )
        record.msg = scrub(str(record.msg))
        return True

    @staticmethod
    def _render(record: logging.LogRecord) -> str:
        template = str(record.msg)
        args: Any = record.args
        if args:
            keep = _under(record.name, OWN_LOGGERS) or template in SAFE_TEMPLATES.get(
                record.name, ()
            )
            if not keep:
                if isinstance(args, Mapping):
                    args = {k: _safe_argument(v) for k, v in args.items()}
                else:
                    args = tuple(_safe_argument(v) for v in args)
            # a format such as %d given a placeholder: the template alone
            with contextlib.suppress(TypeError, ValueError, KeyError):
                template = template % args
        if _under(record.name, DATABASE_LOGGERS):
            # a statement logged as text carries placeholders, not values; literals are masked
            template = _SQL_STRING.sub(f"'{REDACTED}'", template)
        return template


def install_redaction(
    extra_loggers: Iterable[str] = (), *, private_paths: Callable[[str], str] | None = None
) -> RedactingFilter:
    """Attach one :class:`RedactingFilter` to every handler configured so far (the root
    logger's, and those of every named logger, e.g. uvicorn's), once each; a handler that has
    one already gets ``private_paths`` too. Call it after logging is configured; handlers
    added later need ``handler.addFilter`` themselves."""
    redacting = RedactingFilter(private_paths)
    manager = logging.Logger.manager
    loggers: list[logging.Logger] = [logging.getLogger()]
    loggers += [lg for lg in manager.loggerDict.values() if isinstance(lg, logging.Logger)]
    loggers += [logging.getLogger(name) for name in extra_loggers]
    for logger in loggers:
        for handler in logger.handlers:
            present = [f for f in handler.filters if isinstance(f, RedactingFilter)]
            if not present:
                handler.addFilter(redacting)
            elif private_paths is not None:
                for f in present:
                    f.private_paths = private_paths
    return redacting


def redact_all_records() -> None:
    """Redact every record as it is made, whatever handler prints it later: for processes
    whose handlers belong to a framework (the LiveKit worker and its job processes). Extras
    are attached after a record is made, so LiveKit's own formatter keeps dropping its
    ``lk.pii.*`` extras itself (and a RedactingFilter on a handler would too). Once per
    process: a second call changes nothing."""
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
