"""The redaction filter: what libraries log about callers never reaches a handler's output."""

from __future__ import annotations

import io
import logging
import sys
from collections.abc import Iterator

import pytest

from voice_agent.adapters.logging_filters import (
    REDACTED,
    RedactingFilter,
    install_redaction,
    redact_text,
    strip_query,
)

PHONE = "+19876543210"


@pytest.fixture
def output() -> Iterator[tuple[logging.Handler, io.StringIO]]:
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    handler.addFilter(RedactingFilter())
    yield handler, buffer


def _emit(handler: logging.Handler, name: str, msg: str, *args: object) -> None:
    record = logging.getLogger(name).makeRecord(name, logging.DEBUG, __file__, 1, msg, args, None)
    if len(args) == 1 and isinstance(args[0], dict):
        record.args = args[0]
    handler.handle(record)


def test_database_driver_arguments_are_masked(
    output: tuple[logging.Handler, io.StringIO],
) -> None:
    handler, buffer = output
    params = (PHONE, "Sarah Johnson", "I'd like Friday at nine")
    _emit(handler, "aiosqlite", "executing %s", f"functools.partial(execute, 'INSERT', {params})")
    _emit(handler, "sqlalchemy.engine.Engine", "[generated in 0.0001s] %r", params)
    _emit(handler, "sqlalchemy.engine.Engine", "Row %r", params)
    _emit(handler, "sqlalchemy.engine.Engine", "SELECT * FROM users WHERE name = 'Sarah Johnson'")
    _emit(handler, "asyncpg.connection", "query %(sql)s %(args)s", {"sql": "q", "args": params})
    text = buffer.getvalue()
    for secret in (PHONE, "9876543210", "Sarah", "Friday at nine"):
        assert secret not in text
    assert text.count(REDACTED) >= 6
    assert "executing" in text and "Row" in text  # the record is kept, only its data masked


def test_access_log_query_strings_are_dropped_but_paths_kept(
    output: tuple[logging.Handler, io.StringIO],
) -> None:
    handler, buffer = output
    _emit(
        handler,
        "uvicorn.access",
        '%s - "%s %s HTTP/%s" %d',
        "203.0.113.7:5000",
        "GET",
        f"/staff/api/callers?phone={PHONE}&name=Sarah",
        "1.1",
        200,
    )
    text = buffer.getvalue()
    assert "/staff/api/callers?<redacted>" in text and "203.0.113.7" in text
    assert PHONE not in text and "Sarah" not in text


def test_exception_text_from_the_database_is_masked(
    output: tuple[logging.Handler, io.StringIO],
) -> None:
    handler, buffer = output
    try:
        raise RuntimeError(
            'duplicate key value violates unique constraint "uq_users_contact_number"\n'
            f"DETAIL:  Key (contact_number)=({PHONE}) already exists."
        )
    except RuntimeError:
        logger = logging.getLogger("voice_agent.test")
        record = logger.makeRecord(
            logger.name, logging.WARNING, __file__, 1, "save failed", (), sys.exc_info()
        )
        handler.handle(record)
    text = buffer.getvalue()
    assert PHONE not in text and "Key (contact_number)=(<redacted>)" in text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (f"call from {PHONE} ended", False),
        ("call from (987) 654-3210 ended", False),
        ("call from 987-654-3210 ended", False),
        ("conversation 550e8400-e29b-41d4-a716-446655440000 saved", True),
        ("request took 1234 ms", True),
    ],
)
def test_redact_text_masks_phone_numbers_but_not_ids(text: str, kept: bool) -> None:
    assert (redact_text(text) == text) is kept


def test_strip_query() -> None:
    assert strip_query("/summary/room-1") == "/summary/room-1"
    assert strip_query("/x?a=1") == "/x?<redacted>"


def _all_handlers() -> list[logging.Handler]:
    loggers = [logging.getLogger()] + [
        lg for lg in logging.Logger.manager.loggerDict.values() if isinstance(lg, logging.Logger)
    ]
    return [h for lg in loggers for h in lg.handlers]


def test_install_redaction_covers_handlers_already_configured() -> None:
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logging.getLogger("aiosqlite").addHandler(handler)
    try:
        install_redaction()
        install_redaction()  # idempotent
        assert sum(isinstance(f, RedactingFilter) for f in handler.filters) == 1
        logging.getLogger("aiosqlite").error("executing %s", PHONE)
        assert buffer.getvalue().strip() == f"executing {REDACTED}"
    finally:
        logging.getLogger("aiosqlite").removeHandler(handler)
        for h in _all_handlers():
            for flt in [f for f in h.filters if isinstance(f, RedactingFilter)]:
                h.removeFilter(flt)
