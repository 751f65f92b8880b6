"""The one redaction filter: what libraries (or we) log about callers never reaches a
handler's output, whichever way the filter is attached (`serve`, the CLI, the worker)."""

from __future__ import annotations

import io
import logging
import sys
from collections.abc import Iterator

import pytest
from uvicorn.logging import AccessFormatter, DefaultFormatter

from voice_agent.adapters.logging_filters import (
    REDACTED,
    PrivatePaths,
    RedactingFilter,
    describe_arguments,
    install_redaction,
    redact_all_records,
    safe_request_target,
    scrub,
    strip_query,
)

PHONE = "+19876543210"
NAME = "Zebediah Quackenbush"


@pytest.fixture
def output() -> Iterator[tuple[logging.Handler, io.StringIO]]:
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    handler.addFilter(RedactingFilter())
    yield handler, buffer


def _record(name: str, msg: str, *args: object, **extra: object) -> logging.LogRecord:
    return logging.getLogger(name).makeRecord(
        name, logging.DEBUG, __file__, 1, msg, args, None, extra=extra or None
    )


def _emit(handler: logging.Handler, name: str, msg: str, *args: object) -> None:
    record = _record(name, msg, *args)
    if len(args) == 1 and isinstance(args[0], dict):
        record.args = args[0]
    handler.handle(record)


# --- what is hidden in text -----------------------------------------------------------------
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
        "+4412345678",  # E.164 numbers may be shorter than ten digits
        "sip_+19876543210",  # a SIP participant's identity is the number
        "nine eight seven six five four three two one zero",
        "Nine eight seven, six five four, three two one zero",
    ],
)
def test_phone_numbers_in_any_spelling_are_scrubbed(number: str) -> None:
    text = scrub(f"caller said {number} twice")
    assert text in (f"caller said {REDACTED} twice", f"caller said sip_{REDACTED} twice")
    assert "3210" not in text and "2345678" not in text and "nine" not in text.lower()


@pytest.mark.parametrize(
    "line",
    [
        "booked 2026-11-30 14:00 (2026-11-30T14:00:00) user 4f1c2a9e in 12 ms, 3 of 10 slots",
        "conversation 550e8400-e29b-41d4-a716-446655440000 saved",
        "conversation 12345678-1234-1234-1234-123456789012 saved",  # all digits, still an id
        "request from 192.168.100.200:54321 took 1234 ms",
    ],
)
def test_dates_times_ids_addresses_and_counts_survive(line: str) -> None:
    assert scrub(line) == line


def test_sql_parameters_in_exception_texts_are_dropped() -> None:
    text = (
        "(sqlite3.IntegrityError) UNIQUE constraint failed\n"
        "[SQL: INSERT INTO users (contact_number, name) VALUES (?, ?)]\n"
        f"[parameters: ('{PHONE}', '{NAME}')]\n"
        "(Background on this error at: https://sqlalche.me/e/20/gkpj)"
    )
    out = scrub(text)
    assert "Zebediah" not in out and "987" not in out and "[SQL: INSERT INTO users" in out
    assert f"[parameters: {REDACTED}]" in out and "(Background on this error" in out


@pytest.mark.parametrize("value", [PHONE, "(987) 654-3210", "Zebediah"])
def test_constraint_values_are_masked(value: str) -> None:
    text = scrub(f"DETAIL:  Key (contact_number)=({value}) already exists.")
    assert text == f"DETAIL:  Key (contact_number)=({REDACTED}) already exists."


def test_strip_query() -> None:
    assert strip_query("/summary/room-1") == "/summary/room-1"
    assert strip_query("/x?a=1") == f"/x?{REDACTED}"


PRIVATE = PrivatePaths(["/summary/{room_name}", "/staff/api/appointments/{code}/cancel"])


@pytest.mark.parametrize(
    ("target", "logged"),
    [
        ("/staff/api/appointments/yvukzjgv/cancel", f"/staff/api/appointments/{REDACTED}/cancel"),
        # no route, or a typo after the code: masked all the same
        ("/staff/api/appointments/YVUKZJGV", f"/staff/api/appointments/{REDACTED}"),
        (
            "/Staff/API/appointments/x/cancl?a=1",
            f"/Staff/API/appointments/{REDACTED}/cancl?{REDACTED}",
        ),
        ("/summary/zebediah-call", f"/summary/{REDACTED}"),
        ("/staff/api/calls/1b4e28ba-2fa1-11d2-883f-0016d3cca427", None),
        ("/staff/assets/staff.js", None),
        # percent-encoded phone numbers (uvicorn quotes the path) are decoded, then scrubbed
        ("/staff/api/caller/%2B19876543210", f"/staff/api/caller/{REDACTED}"),
        ("/x/(987)%20654-3210/y", f"/x/{REDACTED}/y"),
        ("/a%0Ab%20c", None),  # what is not scrubbed stays quoted: no line breaks in a log
    ],
)
def test_private_path_segments_are_masked(target: str, logged: str | None) -> None:
    assert safe_request_target(target, PRIVATE) == (logged or target)


def test_access_lines_mask_private_paths_given_to_install_redaction() -> None:
    handler = logging.StreamHandler(io.StringIO())
    handler.addFilter(RedactingFilter())  # the CLI's, without the application's paths
    logger = logging.getLogger("uvicorn.access")
    logger.addHandler(handler)
    try:
        install_redaction(private_paths=PRIVATE)
        record = _record(
            "uvicorn.access", '%s - "%s %s HTTP/%s" %d', "c", "GET", "/summary/zeb", "1.1", 200
        )
        handler.handle(record)
        assert record.args == ("c", "GET", f"/summary/{REDACTED}", "1.1", 200)
    finally:
        logger.removeHandler(handler)


# --- what is hidden in records ----------------------------------------------------------------
def test_library_arguments_become_type_names_ours_are_kept() -> None:
    # aiosqlite logs the call it runs: SQL text and parameters, names included
    params = ("id", PHONE, NAME)
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
    ours_leaking = _record("voice_agent.x", "caller %s hung up", "987-654-3210")
    RedactingFilter().filter(ours_leaking)
    assert ours_leaking.getMessage() == f"caller {REDACTED} hung up"


def test_database_driver_arguments_and_literals_are_masked(
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
    # the records are kept, only their data masked
    assert text.splitlines() == [
        "aiosqlite DEBUG executing <str>",
        "sqlalchemy.engine.Engine DEBUG [generated in 0.0001s] <tuple>",
        "sqlalchemy.engine.Engine DEBUG Row <tuple>",
        f"sqlalchemy.engine.Engine DEBUG SELECT * FROM users WHERE name = '{REDACTED}'",
        "asyncpg.connection DEBUG query <str> <tuple>",
    ]


def test_library_lines_about_the_programs_own_set_up_keep_their_arguments() -> None:
    """`-vv` began with "Using selector: <str>", "setup plugin <str>" (seven times) and
    "using audio io: <str> -> `AgentSession` -> <str>": class and plugin names, kept."""
    for name, template, args, shown in (
        ("asyncio", "Using selector: %s", ("EpollSelector",), "Using selector: EpollSelector"),
        ("alembic.runtime.plugins", "setup plugin %s", ("alembic.autogenerate.schemas",),
         "setup plugin alembic.autogenerate.schemas"),
        ("livekit.agents", "using audio io: %s -> `AgentSession` -> %s", ("`FileAudio`", "(none)"),
         "using audio io: `FileAudio` -> `AgentSession` -> (none)"),
    ):  # fmt: skip
        record = _record(name, template, *args)
        RedactingFilter().filter(record)
        assert record.getMessage() == shown


def test_a_format_that_rejects_the_placeholder_keeps_its_template() -> None:
    record = _record("somelib", "%d rows for %s", "not a number", "x")
    RedactingFilter().filter(record)
    assert record.getMessage() == "%d rows for %s"


def test_where_uvicorn_listens_is_kept_what_it_serves_is_not() -> None:
    running = _record(
        "uvicorn.error",
        "Uvicorn running on %s://%s:%d (Press CTRL+C to quit)",
        "http",
        "127.0.0.1",
        8081,
        color_message="Uvicorn running on \x1b[1m%s://%s:%d\x1b[0m (Press CTRL+C to quit)",
    )
    websocket = _record(
        "uvicorn.error", '%s - "WebSocket %s" [accepted]', "203.0.113.7:5000", f"/ws?phone={PHONE}"
    )
    for record in (running, websocket):
        RedactingFilter().filter(record)
    colours = DefaultFormatter("%(levelprefix)s %(message)s", use_colors=True)
    assert "Uvicorn running on http://127.0.0.1:8081" in colours.format(running)
    assert websocket.getMessage() == '<str> - "WebSocket <str>" [accepted]'


def test_access_lines_keep_client_method_path_and_status_but_not_the_query(
    output: tuple[logging.Handler, io.StringIO],
) -> None:
    handler, buffer = output
    args = ("203.0.113.7:5000", "GET", f"/staff/api/callers?phone={PHONE}&name=Sarah", "1.1", 200)
    _emit(handler, "uvicorn.access", '%s - "%s %s HTTP/%s" %d', *args)
    text = buffer.getvalue()
    request = f'"GET /staff/api/callers?{REDACTED} HTTP/1.1"'
    assert text == f"uvicorn.access DEBUG 203.0.113.7:5000 - {request} 200\n"
    # uvicorn's own access formatter unpacks the arguments: they are still there, safe
    record = _record("uvicorn.access", '%s - "%s %s HTTP/%s" %d', *args)
    RedactingFilter().filter(record)
    line = AccessFormatter('%(client_addr)s - "%(request_line)s" %(status_code)s').format(record)
    assert line == f"203.0.113.7:5000 - {request} 200 OK"


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


def test_a_tool_call_says_which_tool_and_the_shape_of_its_arguments(
    output: tuple[logging.Handler, io.StringIO],
) -> None:
    """`-vv` printed "executing tool" and nothing else: the tool is in an extra the command
    line's format does not print, and the arguments were dropped whole as PII. The line now
    names the tool and each argument's kind and size, never its value."""
    handler, buffer = output
    for function, arguments in (
        ("identify_user", '{"phone_number": "617 555 0142", "name": "Zebediah Quackenbush"}'),
        ("book_appointment", '{"date": "2026-12-04", "time": "14:00"}'),
        ("modify_appointment", '{"appointment_id": "def6789a", "new_date": "next friday"}'),
        ("end_conversation", "{}"),
    ):
        extra = {"function": function, "lk.pii.arguments": arguments, "speech_id": "speech_1"}
        handler.handle(_record("livekit.agents", "executing tool", **extra))
    handler.handle(_record("livekit.agents", "ToolError while executing tool", function="x_y"))
    assert buffer.getvalue().splitlines() == [
        "livekit.agents DEBUG executing tool: "
        "identify_user(phone_number=<10 digits>, name=<2 words>)",
        "livekit.agents DEBUG executing tool: book_appointment(date=2026-12-04, time=14:00)",
        "livekit.agents DEBUG executing tool: "
        "modify_appointment(appointment_id=<1 word, 4 digits>, new_date=<2 words>)",
        "livekit.agents DEBUG executing tool: end_conversation()",
        "livekit.agents DEBUG ToolError while executing tool: x_y",
    ]


@pytest.mark.parametrize(
    ("arguments", "described"),
    [
        ({"phone_number": 6175550142}, "phone_number=<10 digits>"),
        (
            '{"reason": "caller said bye", "code": null, "ok": true}',
            "reason=<3 words>, code=null, ok=true",
        ),
        ('{"Zebediah Quackenbush": "x"}', "<name>=<1 word>"),
        ('{"date": ["2026-12-04"], "who": {"n": 1}}', "date=<list of 1>, who=<object of 1>"),
        ("Zebediah 6175550142", "not JSON: <2 words, 10 digits>"),
        ('{"phone_number": "+1 (617) 555-0142"}', "phone_number=<11 digits>"),
    ],
)
def test_arguments_are_described_by_kind_and_size_never_by_value(
    arguments: object, described: str
) -> None:
    assert describe_arguments(arguments) == described
    assert "Zebediah" not in described and "0142" not in described


def test_exception_texts_are_scrubbed(output: tuple[logging.Handler, io.StringIO]) -> None:
    handler, buffer = output
    try:
        raise RuntimeError(
            'duplicate key value violates unique constraint "uq_users_contact_number"\n'
            f"DETAIL:  Key (contact_number)=({PHONE}) already exists; no account under "
            "987-654-3210"
        )
    except RuntimeError:
        logger = logging.getLogger("voice_agent.test")
        record = logger.makeRecord(
            logger.name, logging.WARNING, __file__, 1, "save failed", (), sys.exc_info()
        )
        handler.handle(record)
    text = buffer.getvalue()
    assert PHONE not in text and "3210" not in text
    assert f"Key (contact_number)=({REDACTED})" in text
    assert f"no account under {REDACTED}" in text and "Traceback" in text


def test_no_log_line_can_drive_the_terminal_that_shows_it(
    output: tuple[logging.Handler, io.StringIO],
) -> None:
    """An escape sequence or a carriage return in an exception's text (a value a caller or
    a peer chose, quoted in an error) reached the terminal as it was: it could clear the
    screen, recolour or overwrite the lines before it. Newlines and tabs (tracebacks) stay."""
    handler, buffer = output
    hostile = "\x1b[2J\x1b[31mstaff login\rok\x08\x9b"
    try:
        raise ValueError(f"unexpected value {hostile}")
    except ValueError:
        logger = logging.getLogger("livekit.agents")
        record = logger.makeRecord(
            logger.name, logging.ERROR, __file__, 1, "tool failed", (), sys.exc_info()
        )
        handler.handle(record)
    _emit(handler, "voice_agent.test", "dialogue step %s", hostile)
    text = buffer.getvalue()
    assert not any(c in text for c in "\x1b\r\x08\x9b")
    assert "\\x1b[2J" in text and "Traceback" in text and "\n" in text


# --- once per record, however it is attached ---------------------------------------------------
def test_a_record_shared_by_several_handlers_is_redacted_once() -> None:
    buffers = [io.StringIO(), io.StringIO()]
    handlers = [logging.StreamHandler(b) for b in buffers]
    for handler in handlers:
        handler.setFormatter(logging.Formatter("%(message)s"))
        handler.addFilter(RedactingFilter())
    access = _record("uvicorn.access", '%s - "%s %s HTTP/%s" %d', "c", "GET", "/x?a=1", "1.1", 200)
    library = _record("aiosqlite", "executing %s", (PHONE,))
    for record in (access, library):
        for handler in handlers:
            handler.handle(record)
    expected = f'c - "GET /x?{REDACTED} HTTP/1.1" 200\nexecuting <tuple>\n'
    assert [b.getvalue() for b in buffers] == [expected, expected]


def _all_handlers() -> list[logging.Handler]:
    loggers = [logging.getLogger()] + [
        lg for lg in logging.Logger.manager.loggerDict.values() if isinstance(lg, logging.Logger)
    ]
    return [h for lg in loggers for h in lg.handlers]


def test_install_redaction_covers_handlers_already_configured() -> None:
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(logging.Formatter("%(message)s"))
    filtered = logging.StreamHandler(io.StringIO())  # e.g. the CLI's: it has its filter
    filtered.addFilter(RedactingFilter())
    logging.getLogger("aiosqlite").addHandler(handler)
    logging.getLogger("aiosqlite").addHandler(filtered)
    try:
        install_redaction()
        install_redaction()  # idempotent
        for h in (handler, filtered):
            assert sum(isinstance(f, RedactingFilter) for f in h.filters) == 1
        logging.getLogger("aiosqlite").error("executing %s", PHONE)
        assert buffer.getvalue().strip() == "executing <str>"
    finally:
        logging.getLogger("aiosqlite").removeHandler(handler)
        logging.getLogger("aiosqlite").removeHandler(filtered)
        for h in _all_handlers():
            for flt in [f for f in h.filters if isinstance(f, RedactingFilter)]:
                h.removeFilter(flt)


class _Kept(logging.Handler):
    """Keeps the records it is given, as a framework's handler would see them."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_every_record_is_redacted_as_it_is_made_in_a_framework_process() -> None:
    # the LiveKit worker's handlers are the framework's: the records themselves are redacted
    made = logging.getLogRecordFactory()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter())  # and a handler's filter on top changes nothing
    kept = _Kept()  # no filter of its own
    root = logging.getLogger()
    root.addHandler(kept)
    library = logging.getLogger("aiosqlite")
    library.addHandler(handler)
    library.setLevel(logging.DEBUG)
    try:
        redact_all_records()
        redact_all_records()  # once is enough: not wrapped twice
        library.debug("executing %s", ("INSERT", (PHONE, NAME)))
        library.debug("extras", extra={"lk.pii.text": NAME, "room": "r-1"})
        logging.getLogger("voice_agent.x").warning("caller 987-654-3210 hung up")
    finally:
        logging.setLogRecordFactory(made)
        root.removeHandler(kept)
        library.removeHandler(handler)
        library.setLevel(logging.NOTSET)
    assert stream.getvalue() == "executing <tuple>\nextras\n"
    assert [r.getMessage() for r in kept.records] == [
        "executing <tuple>",
        "extras",
        f"caller {REDACTED} hung up",
    ]
    # extras are attached after the factory: the handler's filter dropped the PII one
    assert not hasattr(kept.records[1], "lk.pii.text") and kept.records[1].__dict__["room"] == "r-1"
    assert getattr(logging.getLogRecordFactory(), "redacting", False) is False


def test_text_extras_are_scrubbed_like_the_message() -> None:
    """LiveKit names a phone call's room with the caller's number; our records carry the
    room as an extra, the framework's as ``room``/``participant``, and a JSON formatter
    prints every extra."""
    record = _record(
        "voice_agent.x",
        "caller transferred",
        room_name="call-_+19876543210_x4Yz",
        participant="sip_+19876543210",
        count=3,
    )
    RedactingFilter().filter(record)
    assert record.__dict__["room_name"] == f"call-_{REDACTED}_x4Yz"
    assert record.__dict__["participant"] == f"sip_{REDACTED}"
    assert record.__dict__["count"] == 3
    plain = _record("voice_agent.x", "issued", room_name="room-3e89005ff02ad4666da7")
    RedactingFilter().filter(plain)
    assert plain.__dict__["room_name"] == "room-3e89005ff02ad4666da7"
