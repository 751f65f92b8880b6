"""`voice-agent`: a thin command line over the services. Domain errors become exit codes."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import re
import shutil
import signal
import socket
import sys
import tempfile
import time
import wave
from collections.abc import Awaitable, Callable, Coroutine
from datetime import date, datetime, timedelta
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import typer
from pydantic import ValidationError

from voice_agent.adapters.engine_choice import Kind, ProviderConfigError, choose
from voice_agent.config import (
    MAX_RETENTION_DAYS,
    Settings,
    database_url_problem,
    get_settings,
)
from voice_agent.domain.codes import ALPHABET as CODE_ALPHABET
from voice_agent.domain.codes import CODE_LENGTH, display_code, normalize_code
from voice_agent.domain.errors import (
    ClinicClosed,
    DomainError,
    InvalidConfirmationCode,
    InvalidDate,
    InvalidPhoneNumber,
    StorageUnavailable,
    WeekendUnavailable,
)
from voice_agent.domain.models import Appointment, User
from voice_agent.domain.names import MAX_NAME_LENGTH
from voice_agent.domain.phone import display_phone, normalize_phone
from voice_agent.domain.speech import say_date, say_time
from voice_agent.entrypoints import logs
from voice_agent.entrypoints.cli_errors import (
    cli_message,
    counted,
    printable,
    quoted,
    setting_problem,
    undecodable_env_file,
    wrapped,
)
from voice_agent.entrypoints.database import (
    DatabaseInUse,
    database_url,
    describe_database,
    held_alone,
    own_folder,
    same_database,
    sqlite_file,
)
from voice_agent.entrypoints.lifecycle import application
from voice_agent.entrypoints.sip import sip_app
from voice_agent.entrypoints.usage import PlainTyper, command_name, run_app
from voice_agent.services.retention import purge_old_calls
from voice_agent.services.summaries import STOPPED_BY_USER

if TYPE_CHECKING:
    from voice_agent.bootstrap import Container

P = ParamSpec("P")
T = TypeVar("T")

EXIT_DOMAIN = 2
EXIT_STORAGE = 3
EXIT_CONFIG = 4

app = PlainTyper(
    help="Voice AI receptionist for appointment scheduling.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,  # plain help: flags shown as flags, not as "<bool>" values
    context_settings={"max_content_width": 100},
)
db_app = PlainTyper(help="Database schema management.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(db_app, name="db")
app.add_typer(sip_app, name="sip")
staff_app = PlainTyper(help="The staff console.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(staff_app, name="staff")

# a day with nothing free names the next one and its first times, as the receptionist offers
# them (the offline dialogue engine looks 15 open days ahead and offers up to 4)
NEXT_DAY_SEARCH = 15
NEXT_DAY_TIMES = 4

WIDTH = 80
"""The columns a listing's lines keep within (a suggested command may run past them: it is
copied whole, not read)."""

SLOW_CONNECT_SECONDS = 3.0
"""Opening the database for longer than this is said on stderr (a server that does not answer
is waited for up to 30 s)."""

# the commands that hold a conversation on the terminal: their diagnostics go to a log file
CONVERSATIONS = ("chat", "call", "demo")
DEMO_DATABASE = "demo.db"  # under DATA_DIR, made afresh by every demo


def _database_option(value: str | None) -> str | None:
    """``--database`` checked as it is read: a value no database can be made of is a usage
    error (exit 2, as any option's wrong value), said before the settings are read. It was
    exit 4, a setting's, though nothing in the settings was wrong."""
    if value is None:
        return None
    if not value.strip():  # `--database "$DB"` with DB unset read the default database
        raise typer.BadParameter(
            "it is empty: give a SQLite file (e.g. var/demo.db) or a database URL, "
            "or leave --database out to use DATABASE_URL"
        )
    problem = database_url_problem(database_url(value))
    if problem is not None:
        raise typer.BadParameter(problem)
    return value


Database = Annotated[
    str | None,
    typer.Option(
        "--database",
        help="SQLite file or database URL to use instead of DATABASE_URL "
        "(e.g. var/demo.db, the demo's).",
        show_default=False,
        metavar="FILE|URL",
        callback=_database_option,
    ),
]


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def _to_terminal(prefix: str, message: str) -> str:
    """``prefix`` and ``message`` wrapped within 80 columns (fewer on a narrower terminal) when
    stderr is a terminal; one line each to a file or a pipe, for grep, as `doctor` does."""
    message = printable(message)
    if not _stderr_is_terminal():
        return f"{prefix}{message}"
    return wrapped(prefix, message, width=min(WIDTH, shutil.get_terminal_size().columns))


_CONTROL_IN_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _fail(message: str, code: int) -> None:
    typer.secho(_to_terminal("error: ", message), fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def _writable_folder(folder: Path, *, what: str) -> None:
    """Make ``folder`` (and its parents) and check a file can be written in it, before a call
    that runs in real time: at its end, a folder that cannot take the recording cost the
    whole call and printed a traceback."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-check-"):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        if folder.exists() and not folder.is_dir():  # `--out caller.wav`: "File exists"
            reason = "it is a file, not a folder"
        _fail(
            f"cannot write {what} in {folder}: {reason}; choose another folder with --out",
            EXIT_DOMAIN,
        )


def _settings(
    database: str | None = None, *, existing: bool = False, reads: bool = False
) -> Settings:
    """The settings, with ``--database`` applied. ``existing``: a SQLite file must be there
    already (looking a caller up never creates an empty database). A file named with
    ``--database`` for a command that may create it must be in a folder that is there;
    ``reads``: the command checks for the file itself, later (and says so better)."""
    try:
        settings = get_settings()
    except ValidationError as exc:
        lines = [setting_problem(e) for e in exc.errors()]
        _fail("invalid configuration\n  " + "\n  ".join(lines), EXIT_CONFIG)
        raise  # unreachable
    except UnicodeDecodeError as exc:  # the .env file, read as UTF-8
        _fail(undecodable_env_file(exc), EXIT_CONFIG)
        raise  # unreachable
    settings = _with_database(settings, database)
    if existing:
        _require_database(settings)
    elif database is not None and not reads:
        _require_folder(settings)
    elif not reads:
        _require_setting_folder(settings)
    return settings


def _require_folder(settings: Settings) -> None:
    """A SQLite file named with --database goes in a folder that is there: a typo in the
    folder (`--database var/dmeo/x.db`) made the folders and an empty database in them without
    a word. As --log-file's file; the default database's folder (DATA_DIR's) is made."""
    path = sqlite_file(settings.database_url)
    if path is None or path.parent.is_dir() or own_folder(path.parent, settings.data_dir):
        return
    folder = path.parent
    raise typer.BadParameter(_folder_problem(folder), param_hint="'--database'")


def _require_setting_folder(settings: Settings) -> None:
    """The SQLite file DATABASE_URL names goes in a folder that is there, as --database's:
    `DATABASE_URL=sqlite:////srv/clinc/x.db` (a typo) made the folders and an empty database
    in them, and every caller was new there; --database refused the same path. A setting,
    so exit 4; the default (DATA_DIR's) folder is made."""
    path = sqlite_file(settings.database_url)
    if path is None or path.parent.is_dir() or own_folder(path.parent, settings.data_dir):
        return
    _fail(f"DATABASE_URL: {_folder_problem(path.parent)}", EXIT_CONFIG)


def _data_dir() -> Path:
    """DATA_DIR, or its default when the settings cannot be read (said by the command)."""
    try:
        return get_settings().data_dir
    except (ValidationError, UnicodeDecodeError):
        return Path("var")


def _folder_problem(folder: Path) -> str:
    """What is wrong with the folder of a file named on the command line (not there, or a
    file), and what to do."""
    if folder.exists():
        return f"{folder} is a file, not a folder; name a file in a folder that exists"
    return (
        f"the folder {folder} does not exist; make it first (mkdir -p {folder}) "
        "or name a file in a folder that exists"
    )


def _with_database(settings: Settings, database: str | None) -> Settings:
    """``settings`` with the database ``--database`` names, when it names one."""
    if database is None:
        return settings
    return settings.model_copy(update={"database_url": database_url(database)})


def _require_database(settings: Settings) -> None:
    """A SQLite file must be there already: looking a caller up never creates an empty one."""
    path = sqlite_file(settings.database_url)
    if path is None or path.exists():
        return
    if not path.parent.is_dir() and not own_folder(path.parent, settings.data_dir):
        # "`voice-agent db upgrade` creates an empty one" there, it said, and db upgrade
        # refused the folder
        _fail(f"no database at {path}: {_folder_problem(path.parent)}", EXIT_STORAGE)
    demo_db = settings.data_dir / DEMO_DATABASE
    if path.resolve() == demo_db.resolve():
        hint = "`voice-agent demo` (or scripts/demo.sh) makes the demo's"
    else:
        hint = f"the demo's database is {demo_db} (--database {demo_db})"
    _fail(
        f"no database at {path}: nothing has been recorded there yet; {hint}, "
        "and `voice-agent db upgrade` creates an empty one",
        EXIT_STORAGE,
    )


class _Stopped(Exception):
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


async def _until_signalled(coro: Coroutine[Any, Any, T]) -> T:
    """Run ``coro``; SIGTERM or SIGINT cancels it so calls can write their records first."""
    task = asyncio.current_task()
    assert task is not None
    loop = asyncio.get_running_loop()
    received: list[int] = []

    def stop(signum: int) -> None:
        received.append(signum)
        # Ctrl-C is the user's stop: a call's record says so (SIGTERM stays the server's)
        task.cancel(STOPPED_BY_USER if signum == signal.SIGINT else None)

    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop, signum)
    try:
        return await coro
    except asyncio.CancelledError:
        if received:
            raise _Stopped(received[0]) from None
        raise
    finally:
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(signum)


def _run(coro: Coroutine[Any, Any, T], settings: Settings | None, *, given: str | None = None) -> T:
    """Run a command's coroutine; domain errors become messages and exit codes (``given``:
    the argument the user typed, quoted back in the message; ``settings`` None: doctor's,
    when they could not be read)."""
    try:
        return asyncio.run(_until_signalled(coro))
    except _Stopped as stopped:
        typer.secho(f"stopped by {signal.Signals(stopped.signum).name}", err=True)
        raise typer.Exit(128 + stopped.signum) from None
    except StorageUnavailable as exc:
        where = describe_database(settings.database_url) if settings is not None else None
        _fail(cli_message(exc, database=where), EXIT_STORAGE)
    except ProviderConfigError as exc:  # a named provider without its key: a setting
        _fail(str(exc), EXIT_CONFIG)
    except DomainError as exc:
        _fail(cli_message(exc, given), EXIT_DOMAIN)
    raise AssertionError("unreachable")


def with_container(
    settings: Settings,
) -> Callable[[Callable[..., Awaitable[T]]], Callable[..., Coroutine[Any, Any, T]]]:
    def decorate(fn: Callable[..., Awaitable[T]]) -> Callable[..., Coroutine[Any, Any, T]]:
        @wraps(fn)
        async def wrapper(*args: Any, **kwargs: Any) -> T:
            # a database server that does not answer is waited for (up to 30 s): said
            # after a moment, instead of a silent terminal
            where = describe_database(settings.database_url)
            note = asyncio.get_running_loop().call_later(
                SLOW_CONNECT_SECONDS,
                lambda: typer.echo(f"(connecting to {where} ...)", err=True),
            )
            try:
                async with application(settings) as container:
                    note.cancel()
                    return await fn(container, *args, **kwargs)
            finally:
                note.cancel()

        return wrapper

    return decorate


@app.callback()
def main_callback(
    ctx: typer.Context,
    verbose: Annotated[
        int,
        typer.Option(
            "--verbose",
            "-v",
            count=True,
            show_default=False,
            help="Show diagnostics on stderr: -v this program's debug messages, "
            "-vv the libraries' too (SQL, LiveKit). Personal data is never logged.",
        ),
    ] = 0,
    log_file: Annotated[
        Path | None,
        typer.Option(
            # "Also write ... to this file" was half of it: chat, call and demo write their
            # diagnostics to this file instead of their own, the others beside stderr
            help="Write diagnostics to this file, in a folder that is there: for chat, call "
            "and demo instead of var/log/voice-agent.log, for the other commands as well as "
            "their warnings on stderr.",
            dir_okay=False,
            metavar="FILE",
        ),
    ] = None,
) -> None:
    if ctx.invoked_subcommand == "agent":
        return  # the LiveKit CLI sets up its own logging
    own = log_file is not None and own_folder(log_file.parent, _data_dir())
    if log_file is not None and own and not log_file.parent.exists():
        log_file.parent.mkdir(parents=True, exist_ok=True)  # made on first use anyway
    try:
        logs.configure(
            verbose,
            console=ctx.invoked_subcommand not in CONVERSATIONS,
            log_file=log_file,
            reports_errors=ctx.invoked_subcommand != "serve",  # a server logs as it goes on
        )
    except OSError as exc:
        # `--log-file var/lgo/x.log` made the folders of the typo without a word, and a file
        # that cannot be written printed a traceback: a file named on the command line goes
        # in a folder that is there, as with `tee` or a shell's `>` (--out names a folder,
        # which is made)
        assert log_file is not None  # the default file is added later, by the command
        raise typer.BadParameter(
            _log_file_problem(log_file, exc), param_hint="'--log-file'"
        ) from None


def _log_file_problem(path: Path, exc: OSError) -> str:
    """Why the log file named with --log-file cannot be written, and what to do."""
    if not path.parent.is_dir():
        return _folder_problem(path.parent)
    return f"cannot write {path} ({exc.strerror or type(exc).__name__}); name another file"


def _log_to_file(settings: Settings) -> logs.LogSetup | None:
    """The conversation commands: diagnostics to the log file (the default one unless
    --log-file named another), so that the terminal shows only the conversation."""
    setup = logs.current()
    if setup is not None and setup.file is None:
        path = settings.data_dir / logs.DEFAULT_LOG_FILE
        try:
            setup.add_file(path)
        except OSError as exc:  # a read-only working directory: the call can still go on
            note = (
                f"cannot write the log file {path} ({exc.strerror or exc}); warnings "
                "are not kept (--log-file names another file, DATA_DIR another folder)"
            )
            typer.secho(_to_terminal("note: ", note), err=True)
    return setup


TOO_SLOW = (
    "this machine is too slow for real time just now (the voice activity detector fell "
    "behind the audio), so the agent's answers come late; close other programs, or run it "
    "when the machine is less busy"
)


def _say_when_too_slow(setup: logs.LogSetup | None) -> None:
    """Say it once, plainly, on the terminal, the first time the call's audio is processed
    slower than it plays (a loaded machine): only the log file had it, as warnings."""
    if setup is not None:
        setup.when_behind_real_time(lambda: typer.secho(_to_terminal("note: ", TOO_SLOW), err=True))


def _mention_warnings(setup: logs.LogSetup | None) -> None:
    if setup is None or setup.verbosity or not setup.warnings.count or setup.file is None:
        return
    n = setup.warnings.count
    typer.secho(f"({n} warning{'s' if n != 1 else ''} logged to {setup.file})", err=True)


# --- database -----------------------------------------------------------------------------
@db_app.command("upgrade")
def db_upgrade(database: Database = None) -> None:
    """Create or migrate the schema to the latest revision."""
    settings = _settings(database)

    @with_container(settings)
    async def go(c: Container) -> str:
        from voice_agent.adapters.storage.migrate import current

        return str(await current(c.store.engine))  # type: ignore[attr-defined]

    revision = _run(go(), settings)
    typer.echo(f"{describe_database(settings.database_url)} at revision {revision}")


# --- scheduling ---------------------------------------------------------------------------
# `slots next friday` and `appointments 987 654 3210`, typed without quotes, were refused
# with "unexpected extra argument": the words that follow are the argument's own
WORDS = {"allow_extra_args": True}


def _with_words(first: str, ctx: typer.Context) -> str:
    return " ".join([first, *ctx.args])


@app.command(context_settings=WORDS)
def slots(
    ctx: typer.Context,
    day: Annotated[
        str,
        typer.Argument(
            help="YYYY-MM-DD, 'tomorrow', 'friday', 'next tuesday', 12/24, 'in two weeks', ...",
            metavar="DAY",
        ),
    ],
    database: Database = None,
) -> None:
    """List free slots on a day."""
    day = _with_words(day, ctx)
    # a file named with --database must be there: a typo made an empty database and listed
    # every slot free (the clinic's own database, DATABASE_URL, is made on first use)
    settings = _settings(database, existing=database is not None)
    again = same_database(database)

    @with_container(settings)
    async def go(c: Container) -> None:
        asked = _typed_day(c, day, again)
        try:
            avail = await c.scheduling.available_slots(asked)
        except (WeekendUnavailable, ClinicClosed) as closed:
            # "slots saturday": the day the clinic is closed, and the next one to look at
            nxt = await c.scheduling.next_available(asked, open_days=NEXT_DAY_SEARCH)
            after = (
                f"; the next day with free slots is {say_date(nxt.day)}: "
                f"`voice-agent slots {nxt.day.isoformat()}{again}`"
                if nxt is not None
                else ""
            )
            _fail(f"{cli_message(closed, day)}{after}", EXIT_DOMAIN)
            return
        iso = avail.day.isoformat()
        free = f"{len(avail.free)} of {avail.total} slots free"
        # a day typed in words is said back as understood ("next friday" is not 2026-12-11)
        typed = day.strip()
        header = f"{say_date(avail.day)} ({iso})"
        one_line = f"{header}, read from {quoted(typed)}: {free}"
        if typed == iso:
            typer.echo(f"{header}: {free}")
        elif len(one_line) <= WIDTH:
            typer.echo(one_line)
        else:  # "the day after tomorrow" on a long date ran past 80 columns
            typer.echo(f"{header}: {free}\n  (read from {quoted(typed)})")
        if "next" in day.lower().split() and avail.day - c.scheduling.today() <= timedelta(7):
            later = avail.day + timedelta(7)
            typer.echo(f"  (the {later:%A} of the week after: voice-agent slots {later}{again})")
        for slot in avail.free:
            typer.echo(f"  {slot.label}  {say_time(slot.start)}")
        if avail.free:
            return
        if avail.passed:  # why nothing is free: the day is over, not (only) booked up
            booked = avail.total - avail.passed
            typer.echo(f"  {avail.passed} already past" + (f", {booked} booked" if booked else ""))
        nxt = await c.scheduling.next_available(avail.day, open_days=NEXT_DAY_SEARCH)
        if nxt is None:
            typer.echo(f"  no free slot in the next {NEXT_DAY_SEARCH} open days either")
            return
        first = nxt.free[:NEXT_DAY_TIMES]
        typer.echo(
            f"Next free: {say_date(nxt.day)} ({nxt.day.isoformat()}), "
            f"{len(nxt.free)} of {nxt.total} slots; the first {len(first)}:"
        )
        for slot in first:
            typer.echo(f"  {slot.label}  {say_time(slot.start)}")
        if len(nxt.free) > len(first):
            typer.echo(f"  (all of them: voice-agent slots {nxt.day.isoformat()}{again})")

    _run(go(), settings, given=day)


_NUMERIC_DATE = re.compile(r"[\d\s/.-]+")


def _typed_day(c: Container, typed: str, again: str) -> date:
    """The day staff typed, exactly, or as the receptionist reads it ("in two weeks", "friday
    week"; a range, "next week", is refused with its days); a misspelling or shorthand the
    receptionist reads in a chat ("wensday", "tomorow", "tmrw") is refused with the day it
    would be, to type again (it was only "cannot read as a date", though `chat` understood
    it)."""
    try:
        return c.scheduling.parse_day(typed, exact=True)
    except InvalidDate as unread:
        days = c.day_reader()
        # what the receptionist reads, the command line reads ("in two weeks" was refused);
        # a date in numbers keeps the exact reading and its refusal, which says they are read
        # month first ("13/02" read day first would make "05/02" a surprise)
        numeric = _NUMERIC_DATE.fullmatch(typed.strip()) is not None
        said = None if numeric else days.days_named(typed, today=c.scheduling.today())
        if said is not None and len(said) == 1:
            return said[0]
        if said:
            _fail(
                f"{quoted(typed.strip())} is several days, {said[0].isoformat()} "
                f"({said[0]:%A}) to {said[-1].isoformat()} ({said[-1]:%A}): give one, "
                f"e.g. `voice-agent slots {said[0].isoformat()}{again}`",
                EXIT_DOMAIN,
            )
        meant = days.written_out(typed)
        try:
            if meant.lower() == typed.strip().lower():
                raise
            if not days.days_named(meant, today=c.scheduling.today()):  # "in two wks"
                c.scheduling.parse_day(meant, exact=True)
        except DomainError:
            raise unread from None
        _fail(
            f"{cli_message(unread, typed)} (did you mean {quoted(meant)}? "
            f"`voice-agent slots {meant}{again}`)",
            EXIT_DOMAIN,
        )
        raise  # unreachable


NAMES_LISTED = 20
"""Callers listed for a name, as the staff console lists them."""


@app.command(context_settings=WORDS)
def appointments(
    ctx: typer.Context,
    who: Annotated[
        str,
        typer.Argument(
            help="The caller's phone number (all their appointments), one appointment's "
            "confirmation code (that appointment), or the caller's name, in part ('ann lee', "
            "'lee': the callers it fits).",
            metavar="PHONE|CODE|NAME",
        ),
    ],
    database: Database = None,
) -> None:
    """List a caller's appointments, or the one with a code.

    A name finds the callers whose name holds every word of it, any case, as the staff
    console's Find does."""
    who = _with_words(who, ctx)
    settings = _settings(database, reads=True)
    where = describe_database(settings.database_url)
    code: str | None = None
    try:
        phone: str | None = normalize_phone(who, region=settings.phone_region)
    except InvalidPhoneNumber as not_phone:
        phone = None
        with contextlib.suppress(InvalidConfirmationCode):
            code = normalize_code(who)
        if code is None and not _looks_like_a_name(who):
            _fail(_neither_phone_nor_code(who, not_phone), EXIT_DOMAIN)
            return
    _require_database(settings)  # after the argument: a typo is said first, without any I/O

    def line(a: Appointment) -> str:
        return (
            f"  {display_code(a.code)}  {a.day.isoformat()} {a.start:%H:%M}  "
            f"{a.status.value:<9}  {say_date(a.day)} at {say_time(a.start)}"
        )

    def caller(user: User, what: str) -> str:
        return f"{user.name or '(no name)'}  {display_phone(user.phone)}: {what}"

    async def theirs(c: Container, user: User) -> None:
        items = await c.scheduling.appointments(user.id)
        typer.echo(caller(user, counted(len(items), "appointment")))
        for a in items:
            typer.echo(line(a))

    @with_container(settings)
    async def by_phone(c: Container, number: str) -> None:
        user = await c.scheduling.find_user_by_phone(number)
        if user is None:
            _fail(f"no caller with that phone number in {where}", EXIT_DOMAIN)
            return
        await theirs(c, user)

    @with_container(settings)
    async def by_code_or_name(c: Container) -> None:
        found = await c.scheduling.appointment_by_code(code) if code is not None else None
        if found is not None:
            user = await c.scheduling.user(found.user_id)
            typer.echo(caller(user, f"appointment {display_code(found.code)}"))
            typer.echo(line(found))
            again = f"{display_phone(user.phone)}{same_database(database)}"
            typer.echo(f"  (all of theirs: voice-agent appointments {again})")
            return
        if not _looks_like_a_name(who):  # a code, not found
            assert code is not None
            _fail(
                f"no appointment with the code {display_code(code)} in {where} "
                "(a caller's phone number lists all of theirs)",
                EXIT_DOMAIN,
            )
            return
        named = await c.scheduling.find_users_by_name(who, limit=NAMES_LISTED + 1)
        if not named:
            also = ", nor an appointment with that code" if code is not None else ""
            _fail(
                f"no caller named {quoted(who)} in {where}{also} (a name is found by its "
                "words, any case: 'lee' finds Ann Lee; a phone number finds a caller too)",
                EXIT_DOMAIN,
            )
            return
        if len(named) == 1:
            await theirs(c, named[0])
            return
        more = " (and more: give more of the name)" if len(named) > NAMES_LISTED else ""
        typer.echo(f"{counted(min(len(named), NAMES_LISTED), 'caller')} named {quoted(who)}{more}:")
        for user in named[:NAMES_LISTED]:
            typer.echo(f"  {user.name or '(no name)'}  {display_phone(user.phone)}")
        example = f"{display_phone(named[0].phone)}{same_database(database)}"
        typer.echo(f"  (one caller's appointments: voice-agent appointments {example})")

    _run(by_phone(phone) if phone is not None else by_code_or_name(), settings, given=who)


def _looks_like_a_name(text: str) -> bool:
    """Letters, with spaces, dots, apostrophes and dashes between: what a name is typed with
    (``appointments "ann lee"`` was refused as neither a phone number nor a code)."""
    return (
        len(text) <= MAX_NAME_LENGTH
        and any(ch.isalpha() for ch in text)
        and all(ch.isalpha() or ch in " .'-" for ch in text)
    )


def _neither_phone_nor_code(given: str, not_phone: InvalidPhoneNumber) -> str:
    """What was wrong with text that is neither a phone number nor a confirmation code: as a
    phone number when it looks like one (digits and a phone's punctuation), else both."""
    if re.fullmatch(r"[\d\s()+.\-]*", given) or not_phone.detail.get("reason") == "letters":
        return f"{cli_message(not_phone, given)}; or an appointment's 8-character code"
    compact = "".join(ch for ch in given.lower() if ch.isalnum())
    unused = sorted({ch.upper() for ch in compact if ch not in CODE_ALPHABET})
    # NU9AW5PO: an O read for a D or a 0 (a code without digits may be a name: "jonathan")
    if len(compact) == CODE_LENGTH and unused and any(ch.isdigit() for ch in compact):
        return (
            f"{quoted(given)} is not a confirmation code: codes never hold 0, O, 1, I or L, "
            f"and it has {' and '.join(unused)}; check the code, or give the caller's phone number"
        )
    return (
        f"{quoted(given)} is neither a phone number nor a confirmation code: give the caller's "
        f"phone number (10 digits) or an appointment's code (8 letters and digits, e.g. DEF6789A)"
    )


@app.command()
def purge(
    older_than: Annotated[
        int | None,
        typer.Option(
            "--older-than",
            min=1,
            max=MAX_RETENTION_DAYS,
            help="Delete calls that ended more than this many days ago "
            "(default: CALL_RETENTION_DAYS).",
            metavar="DAYS",
            show_default=False,
        ),
    ] = None,
    database: Database = None,
) -> None:
    """Delete old call records for good.

    A call's transcript, summary and cost go; accounts, appointments and the staff's record
    are kept. Calls still open are left alone."""
    settings = _settings(database, reads=True)
    days = older_than if older_than is not None else settings.call_retention_days
    if days is None:  # a usage error, said before the database is looked for
        _fail(
            "say how old a call must be to go: --older-than DAYS (e.g. --older-than 90), "
            "or set CALL_RETENTION_DAYS",
            EXIT_DOMAIN,
        )
        return
    _require_database(settings)

    @with_container(settings)
    async def go(c: Container) -> int:
        return await purge_old_calls(c.store.conversations, c.clock, days=days)

    deleted = _run(go(), settings)
    where = describe_database(settings.database_url)
    typer.echo(
        f"{counted(deleted, 'call')} that ended more than {counted(days, 'day')} ago "
        f"deleted from {where}"
    )


# --- staff --------------------------------------------------------------------------------
def _server_url(settings: Settings) -> str:
    """Where this machine reaches ``serve`` (its own address when it listens on every one)."""
    host = settings.server_host
    host = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{settings.server_port}"


def _server_url_option(value: str | None) -> str | None:
    """``staff link --url`` checked as it is read: "clinic.example" or "notaurl" made a link
    such as ``notaurl/staff/device?link=...`` that no browser opens (and used it up)."""
    if value is None:
        return None
    try:
        parts = urlsplit(value.strip())
        port_ok = parts.port is None or parts.port > 0
    except ValueError:  # "https://clinic.example:99999"
        port_ok = False
        parts = urlsplit("")
    if parts.scheme in ("http", "https") and parts.hostname and port_ok:
        if not (parts.query or parts.fragment):
            return value.strip()
        raise typer.BadParameter(
            f"{value!r} has a query or a fragment; give the server's address alone, "
            "e.g. https://clinic.example"
        )
    host = value.strip().split("/")[0] if "://" not in value else ""
    example = f"https://{host}" if host and " " not in host else "https://clinic.example"
    raise typer.BadParameter(
        f"{value!r} is not a web address: give the server's address as the browser reaches "
        f"it, with http:// or https://, e.g. {example}"
    )


@staff_app.command("link")
def staff_link(
    url: Annotated[
        str | None,
        typer.Option(
            "--url",
            help="The server's address as the browser reaches it, e.g. https://clinic.example "
            "(default: http://SERVER_HOST:SERVER_PORT).",
            metavar="URL",
            show_default=False,
            callback=_server_url_option,
        ),
    ] = None,
    database: Database = None,
) -> None:
    """A one-time link for a browser that has never logged in.

    For a browser (or a script's cookie jar) that has never logged in. It works once,
    within ten minutes. The browser that opens it may log in as one that has logged in
    before: its wrong keys are counted on their own, so wrong keys from its address (a
    phone on the waiting room's Wi-Fi) or from many addresses do not keep it out. Staff who
    are logged in make these links from the console; this command makes the first one,
    before anyone is."""
    settings = _settings(database)
    key = settings.secret("staff_api_key")
    if not key:
        _fail(
            "STAFF_API_KEY is not set: the staff page is off, so no browser can log in", EXIT_CONFIG
        )
        return
    _require_database(settings)

    @with_container(settings)
    async def go(c: Container) -> tuple[str, datetime]:
        from voice_agent.adapters.api.security import StaffAuth

        now = c.clock.now()
        token, link_id, expires_at = StaffAuth(key).new_device_link(now=now)
        # one use: the server marks it used in the statement that finds it unused
        await c.store.staff_sessions.add(link_id, created_at=now, expires_at=expires_at)
        return StaffAuth.device_link_path(token), expires_at

    path, expires_at = _run(go(), settings)
    base = (url or _server_url(settings)).rstrip("/")
    until = expires_at.astimezone(ZoneInfo(settings.clinic_timezone))
    typer.echo(f"{base}{path}")
    typer.echo(
        f"Open it once, within 10 minutes (until {until:%H:%M} clinic time), in the browser "
        "that is to get in, press its button, then log in there with the staff key. For a "
        "script: POST to it, keep the cookie it sets (curl -X POST -c jar) and send "
        "X-Staff-Key with it."
    )


# --- services -----------------------------------------------------------------------------
@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
)
def agent(ctx: typer.Context) -> None:
    """Run the LiveKit worker (dev, start, console, connect).

    The framework's own command line: `voice-agent agent --help` lists its commands."""
    from voice_agent.entrypoints.worker import (
        CONSOLE_NEEDS_TERMINAL,
        console_without_terminal,
        run_worker,
        usage_only,
    )

    if console_without_terminal(list(ctx.args), stdin_is_terminal=sys.stdin.isatty()):
        _fail(CONSOLE_NEEDS_TERMINAL, EXIT_DOMAIN)
    # the help needs no settings, nor a right one; nor does a mistyped option, said first
    if not usage_only(list(ctx.args)):
        _settings()  # a setting out of range: "error: invalid configuration", not a traceback
    try:
        run_worker(list(ctx.args))
    except ProviderConfigError as exc:
        _fail(str(exc), EXIT_CONFIG)


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[
        str | None, typer.Option(help="Bind address (SERVER_HOST).", metavar="ADDRESS")
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(help="Port (SERVER_PORT, default 8081).", metavar="PORT", min=1, max=65535),
    ] = None,
    database: Database = None,
) -> None:
    """Run the server: browser calls, the staff page, /token."""
    if host is not None and not host.strip():  # `--host "$HOST"` with HOST unset
        raise typer.BadParameter(
            "it is empty: give 127.0.0.1 (this machine only) or 0.0.0.0 (every interface), "
            "or leave --host out to use SERVER_HOST",
            ctx=ctx,
            param_hint="'--host'",
        )
    settings = _settings(database)  # a wrong setting is said before the seconds of loading
    overrides: dict[str, Any] = {}
    if host is not None:
        overrides["server_host"] = host
    if port is not None:
        overrides["server_port"] = port
    settings = settings.model_copy(update=overrides)
    problem = _listen_problem(settings.server_host, settings.server_port)
    if problem is not None:
        about, reason = problem
        if (host if about == "host" else port) is not None:
            # a value typed on the command line is a usage error (2), as any option's wrong
            # value: it was exit 4, a setting's, with nothing in the settings wrong
            raise typer.BadParameter(reason, ctx=ctx, param_hint=f"'--{about}'")
        setting = "SERVER_HOST" if about == "host" else "SERVER_PORT"
        _fail(f"{setting} {reason} (--{about} overrides it)", EXIT_CONFIG)
    for weak in settings.exposed_weak_secrets():
        _fail(weak, EXIT_CONFIG)
    # loading the web server and the speech stack takes seconds (half a minute on a busy
    # machine), before uvicorn's first line: say so first
    typer.echo("Starting the server (loading the web server and the speech stack) ...")
    from voice_agent.entrypoints.serve import (
        ServerCannotListen,
        ServerMisconfigured,
        ServerStartFailed,
    )
    from voice_agent.entrypoints.serve import serve as serve_api

    try:
        serve_api(settings)
    except (ServerCannotListen, ServerMisconfigured) as exc:
        _fail(str(exc), EXIT_CONFIG)
    except ServerStartFailed as exc:
        _fail(str(exc), EXIT_STORAGE)


def _listen_problem(host: str, port: int) -> tuple[str, str] | None:
    """Why the server could not listen on ``host``:``port``, found before anything loads: a
    name that is no address, an address of another machine, a port in use or reserved. The
    problem is ``("host" or "port", what is wrong with its value and what to give)``; None
    when a socket could be bound there (the server binds its own a moment later)."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError):
        return "host", (
            f"'{host}' is not an address or a name this machine can resolve; use 127.0.0.1 "
            "(this machine only) or 0.0.0.0 (every interface)"
        )
    family, kind, proto, _, address = found[0]
    try:
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            return "port", (
                f"{port} is in use on {host} (another server, or this one already "
                "running); choose another port"
            )
        if exc.errno == errno.EADDRNOTAVAIL:
            return "host", f"'{host}' is not an address of this machine; use 127.0.0.1 or 0.0.0.0"
        if exc.errno == errno.EACCES:
            return "port", f"{port} needs administrator rights; use one from 1024 up"
        return None  # anything else: the server's own attempt says what
    return None


OFFLINE = {"stt_provider": "offline", "tts_provider": "offline", "llm_provider": "offline"}


@app.command()
def demo(
    out: Annotated[Path, typer.Option(help="Where to write call audio.", metavar="DIR")] = Path(
        "out/demo"
    ),
    database: Annotated[
        str | None,
        typer.Option(
            "--database",
            "--database-url",
            help="Database for the demo, kept as it is (default: var/demo.db, made afresh).",
            show_default=False,
            metavar="FILE|URL",
            callback=_database_option,
        ),
    ] = None,
    only: Annotated[
        list[str] | None,
        typer.Option(
            help="Run only scenarios whose name contains this (repeatable).", metavar="TEXT"
        ),
    ] = None,
) -> None:
    """Four complete offline voice calls: the seed's scenarios.

    No keys needed: Silero VAD, pocketsphinx, the dialogue engine and espeak-ng."""
    settings = _settings(database)
    if database is None:
        db = Path(settings.data_dir) / DEMO_DATABASE
        settings = settings.model_copy(update={"database_url": f"sqlite:///{db}"})
        look = f"--database {db}"
    else:
        look = f"--database {database}"
    with contextlib.ExitStack() as held:
        # a second demo on the same file deleted the first's under it, and each checked its
        # calls against the other's bookings: the first keeps the file, the second is
        # refused, before the seconds of importing the speech stack
        _hold_demo_database(held, settings, out=out)
        from voice_agent.entrypoints.demo import SARAH, SCENARIOS, run_demo

        names = [s.name for s in SCENARIOS]
        unmatched = [o for o in only or () if not any(o in name for name in names)]
        if unmatched:  # it loaded the speech stack and ran nothing, with a table of "nan"
            _fail(
                f"--only: no scenario's name contains "
                f"{', '.join(repr(o) for o in unmatched)}; the scenarios are {', '.join(names)}",
                EXIT_DOMAIN,
            )
        _writable_folder(out, what="the calls' audio")
        if database is None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
        setup = _log_to_file(settings)
        settings = settings.model_copy(update=OFFLINE)
        _say_when_too_slow(setup)
        outcomes = _run(run_demo(settings, out_dir=out, only=only), settings)
    typer.echo(
        f"\nThe calls' records are in {describe_database(settings.database_url)}; look inside:\n"
        f"  {command_name()} appointments {SARAH} {look}"
    )
    _mention_warnings(setup)
    failed = [o.scenario.name for o in outcomes if o.problem]
    if failed:
        _fail(f"scenario(s) did not reach the expected result: {', '.join(failed)}", 1)


def _hold_demo_database(held: contextlib.ExitStack, settings: Settings, *, out: Path) -> None:
    """The demo's SQLite file held for this demo alone until ``held`` closes (a server's
    database, PostgreSQL, is not held: its calls are the clinic's own, not made afresh)."""
    path = sqlite_file(settings.database_url)
    if path is None:
        return
    try:
        held.enter_context(held_alone(path))
    except DatabaseInUse as busy:
        by = f" (process {busy.pid})" if busy.pid is not None else ""
        other = path.with_name(f"{path.stem}-2{path.suffix}")
        _fail(
            f"another demo is running on {path}{by}; wait for it to end, or run this one on "
            f"a database and a folder of its own: "
            f"`voice-agent demo --database {other} --out {out}-2`",
            EXIT_STORAGE,
        )
    except OSError as exc:
        _fail(f"cannot use {path}: {exc.strerror or exc}", EXIT_STORAGE)


def _check_engines(settings: Settings, kinds: tuple[Kind, ...], *, hint: str = "") -> None:
    """A provider named without its key (``LLM_PROVIDER=openai`` and no ``OPENAI_API_KEY``),
    said before the seconds of loading: `chat` and `call` printed a traceback after them."""
    for kind in kinds:
        try:
            choose(settings, kind)
        except ProviderConfigError as exc:
            _fail(f"{exc}{hint}", EXIT_CONFIG)


def _interactive() -> bool:
    return sys.stdin.isatty()


@app.command()
def chat(
    offline: Annotated[
        bool,
        typer.Option(
            "--offline",
            help="Answer with the offline dialogue engine even when a language model's key is set.",
        ),
    ] = False,
    phone: Annotated[
        str | None,
        typer.Option(
            help="Make it a phone call from this number (its caller ID): a caller on file is "
            "asked by name, and typed lines such as 1# or 6465550177# are the keypad's.",
            metavar="NUMBER",
        ),
    ] = None,
    database: Database = None,
) -> None:
    """Type to the receptionist (same tools as a voice call).

    One line is one thing the caller says; the tools and the database are a voice call's.
    Ctrl-D hangs up."""
    settings = _settings(database)
    caller_id: str | None = None
    if phone is not None:
        try:
            caller_id = normalize_phone(phone, region=settings.phone_region)
        except InvalidPhoneNumber as exc:
            _fail(f"--phone: {cli_message(exc, phone)}", EXIT_DOMAIN)
    if not offline:  # chat speaks through the language model alone
        _check_engines(settings, ("llm",), hint=" (Or chat --offline.)")
    # the framework and the engines take seconds to load (13 s on a busy machine) before the
    # greeting: said first to a person at the keyboard, on stderr (the conversation alone is
    # on stdout; piped lines have no one waiting on them)
    if _interactive():
        typer.echo("Calling the receptionist (loading the agent) ...", err=True)
    from voice_agent.entrypoints.chat import run_chat

    setup = _log_to_file(settings)
    if offline:
        settings = settings.model_copy(update={"llm_provider": "offline"})
    _run(run_chat(settings, phone=caller_id), settings)
    _mention_warnings(setup)


@app.command()
def call(
    audio: Annotated[
        Path,
        typer.Option(
            help="A WAV of the caller's side: 8-96 kHz, mono or stereo, PCM or float.",
            metavar="FILE",
        ),
    ],
    out: Annotated[
        Path, typer.Option(help="Where to write the call's audio.", metavar="DIR")
    ] = Path("out/calls"),
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing recording of the same name.")
    ] = False,
    database: Database = None,
) -> None:
    """One voice call from a recording of the caller's side.

    Through VAD, STT, the agent and TTS, as on a phone line; the stereo WAV of the call
    (left caller, right agent) goes to --out."""
    if not audio.exists():
        _fail(f"{audio} does not exist", EXIT_DOMAIN)
    settings = _settings(database)
    _check_engines(settings, ("stt", "tts", "llm"))
    setup = _log_to_file(settings)
    started = time.monotonic()
    # the file first: one that cannot be played is refused before the seconds of loading
    from voice_agent.adapters.offline.recording import RECORDING_TAIL_SECONDS, load_recording

    notes: list[str] = []
    try:
        recording = load_recording(audio, notes=notes)
    except (ValueError, EOFError, wave.Error) as exc:
        _fail(f"cannot read {audio}: {exc}", EXIT_DOMAIN)
        return
    samples, rate = recording
    seconds = samples.size / rate - RECORDING_TAIL_SECONDS  # the file's, not the added tail
    typer.echo(printable(f"{audio}: {seconds:.1f} s of caller audio at {rate} Hz"))
    for problem in notes:
        typer.secho(
            _to_terminal("warning: ", f"{audio}: {problem}"), err=True, fg=typer.colors.YELLOW
        )
    _writable_folder(out, what="the call's audio")  # before the call, which runs in real time
    # importing the voice stack alone takes seconds: say so first
    typer.echo("Loading the speech stack (LiveKit, Silero VAD, pocketsphinx, espeak-ng) ...")
    from voice_agent.entrypoints.call import output_path, run_recorded_call

    # the recording is named after the file, without its control characters
    wav, note = output_path(out, _CONTROL_IN_NAME.sub("_", audio.stem), replace=force)
    if note:
        typer.echo(printable(note))
    _say_when_too_slow(setup)
    _run(
        run_recorded_call(settings, recording, wav_path=wav, printer=typer.echo, started=started),
        settings,
    )
    _mention_warnings(setup)


@app.command()
def doctor(database: Database = None) -> None:
    """What is configured, and what works.

    The database, the speech and language engines (cloud or offline, and why), LiveKit,
    the clinic's settings and profile, and the tools on this machine, each with its fix.
    Changes nothing. Exits 1 when something needed is broken."""
    from voice_agent.entrypoints.doctor import (
        Finding,
        checks,
        read_settings,
        render_finding,
        render_verdict,
    )

    typer.echo("voice-agent doctor: what is configured and what works\n")
    # a setting that cannot be read is a finding, not the end of the checks
    settings, problems = read_settings()
    if settings is not None:
        settings = _with_database(settings, database)
        if database is not None:  # as every command would refuse it (it said "ok")
            _require_folder(settings)
    findings: list[Finding] = []
    # on a terminal, each finding wrapped under its own column (to a file: one line each)
    columns = shutil.get_terminal_size().columns if sys.stdout.isatty() else None

    async def go() -> None:
        async for found in checks(settings, problems=problems):  # each printed as it is done
            for finding in found:
                findings.append(finding)
                for line in render_finding(finding, columns=columns):
                    typer.echo(line)

    _run(go(), settings)
    for line in ["", *render_verdict(findings)]:
        typer.echo(line)
    if any(f.status == "fail" for f in findings):
        raise typer.Exit(1)


def main() -> None:
    try:
        run_app(app, prog_name="voice-agent")
    except KeyboardInterrupt:
        sys.exit(130)
