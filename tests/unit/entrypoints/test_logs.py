"""The CLI's logging: nothing personal reaches a handler, from us or from a library."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from voice_agent.entrypoints import logs
from voice_agent.entrypoints.logs import REDACTED, RedactingFilter, scrub


@pytest.fixture(autouse=True)
def _restore_root() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    setup = logs.current()
    if setup is not None:
        setup.close()
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.mark.parametrize(
    "number",
    [
        "9876543210",
        "987-654-3210",
        "(987) 654-3210",
        "987.654.3210",
        "+19876543210",
        "+1 987 654 3210",
        "1-987-654-3210",
        "nine eight seven six five four three two one zero",
        "Nine eight seven, six five four, three two one zero",
    ],
)
def test_phone_numbers_in_any_spelling_are_scrubbed(number: str) -> None:
    text = scrub(f"caller said {number} twice")
    assert text == f"caller said {REDACTED} twice"


def test_dates_times_ids_and_counts_survive() -> None:
    line = "booked 2026-11-30 14:00 (2026-11-30T14:00:00) user 4f1c2a9e in 12 ms, 3 of 10 slots"
    assert scrub(line) == line


def test_sql_parameters_in_exception_texts_are_dropped() -> None:
    text = (
        "(sqlite3.IntegrityError) UNIQUE constraint failed\n"
        "[SQL: INSERT INTO users (contact_number, name) VALUES (?, ?)]\n"
        "[parameters: ('+19876543210', 'Zebediah Quackenbush')]\n"
        "(Background on this error at: https://sqlalche.me/e/20/gkpj)"
    )
    out = scrub(text)
    assert "Zebediah" not in out and "987" not in out and "[SQL: INSERT INTO users" in out


def _record(name: str, msg: str, *args: object, **extra: object) -> logging.LogRecord:
    record = logging.getLogger(name).makeRecord(
        name, logging.DEBUG, __file__, 1, msg, args, None, extra=extra or None
    )
    return record


def test_library_arguments_become_type_names_ours_are_kept() -> None:
    # aiosqlite logs the call it runs: SQL text and parameters, names included
    params = ("id", "+19876543210", "Zebediah Quackenbush")
    library = _record("aiosqlite", "executing %s", ("INSERT ...", params))
    RedactingFilter().filter(library)
    assert library.getMessage() == "executing <tuple>"
    sqlalchemy = _record("sqlalchemy.engine.Engine", "[%s] %r", "cached since 2s ago", params)
    RedactingFilter().filter(sqlalchemy)
    assert sqlalchemy.getMessage() == "[<str>] <tuple>"
    numbers = _record("livekit.agents", "took %d ms for %.1f s", 12, 1.5)
    RedactingFilter().filter(numbers)
    assert numbers.getMessage() == "took 12 ms for 1.5 s"
    ours = _record("voice_agent.adapters.voice.tools", "tools: %s", ["identify_user"])
    RedactingFilter().filter(ours)
    assert ours.getMessage() == "tools: ['identify_user']"


def test_a_format_that_rejects_the_placeholder_keeps_its_template() -> None:
    record = _record("somelib", "%d rows for %s", "not a number", "x")
    RedactingFilter().filter(record)
    assert record.getMessage() == "%d rows for %s"


def test_pii_extras_are_dropped_others_kept() -> None:
    # LiveKit marks transcripts and tool arguments as lk.pii.* extras
    record = _record(
        "livekit.agents",
        "executing tool",
        **{"lk.pii.arguments": '{"phone_number": "9876543210"}', "function": "identify_user"},
    )
    RedactingFilter().filter(record)
    assert not hasattr(record, "lk.pii.arguments")
    assert record.__dict__["function"] == "identify_user"


def test_exception_texts_are_scrubbed() -> None:
    try:
        raise ValueError("no account under 987-654-3210")
    except ValueError:
        record = logging.getLogger("somelib").makeRecord(
            "somelib", logging.ERROR, __file__, 1, "failed", (), __import__("sys").exc_info()
        )
    RedactingFilter().filter(record)
    formatted = logging.Formatter(logs.FORMAT).format(record)
    assert "ValueError: no account under [redacted]" in formatted
    assert "3210" not in formatted


def test_configure_routes_by_verbosity(tmp_path: Path) -> None:
    stream = io.StringIO()
    logs.configure(0, stream=stream)
    logging.getLogger("voice_agent.x").info("quiet info")
    logging.getLogger("voice_agent.x").warning("a warning")
    assert stream.getvalue().count("\n") == 1 and "a warning" in stream.getvalue()

    stream = io.StringIO()
    logs.configure(1, stream=stream)
    logging.getLogger("voice_agent.x").debug("our debug")
    logging.getLogger("aiosqlite").debug("library debug")
    logging.getLogger("aiosqlite").info("library info")
    out = stream.getvalue()
    assert "our debug" in out and "library info" in out and "library debug" not in out

    stream = io.StringIO()
    logs.configure(2, stream=stream)
    logging.getLogger("aiosqlite").debug("library debug %s", ("+19876543210",))
    assert "library debug <tuple>" in stream.getvalue()


def test_conversation_commands_keep_stderr_quiet_and_log_to_a_file(tmp_path: Path) -> None:
    stream = io.StringIO()
    setup = logs.configure(0, console=False, stream=stream)
    path = setup.add_file(tmp_path / "log" / "voice-agent.log")
    logging.getLogger("livekit.agents").warning("ToolError while executing tool")
    logging.getLogger("voice_agent.x").info("call starting for 987 654 3210")
    setup.close()
    assert stream.getvalue() == ""
    written = path.read_text()
    assert "ToolError while executing tool" in written
    assert "call starting for [redacted]" in written
    assert setup.warnings.count == 1


def test_every_record_is_redacted_as_it_is_made_in_a_framework_process() -> None:
    # the LiveKit worker's handlers are the framework's: the records themselves are redacted
    made = logging.getLogRecordFactory()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    library = logging.getLogger("aiosqlite")
    library.addHandler(handler)
    library.setLevel(logging.DEBUG)
    try:
        logs.redact_all_records()
        logs.redact_all_records()  # once is enough: not wrapped twice
        library.debug("executing %s", ("INSERT", ("+19876543210", "Zebediah Quackenbush")))
        logging.getLogger("voice_agent.x").warning("caller 987-654-3210 hung up")
    finally:
        logging.setLogRecordFactory(made)
        library.removeHandler(handler)
        library.setLevel(logging.NOTSET)
    assert stream.getvalue() == "executing <tuple>\n"
    assert getattr(logging.getLogRecordFactory(), "redacting", False) is False
