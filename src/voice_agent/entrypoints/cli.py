"""`voice-agent`: a thin command line over the services. Domain errors become exit codes."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
import wave
from collections.abc import Awaitable, Callable, Coroutine
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from pydantic import ValidationError

from voice_agent.bootstrap import Container
from voice_agent.config import Settings, get_settings
from voice_agent.domain.errors import DomainError, StorageUnavailable
from voice_agent.domain.phone import national_digits
from voice_agent.domain.speech import say_date, say_time
from voice_agent.entrypoints.lifecycle import application
from voice_agent.entrypoints.sip import sip_app

P = ParamSpec("P")
T = TypeVar("T")

EXIT_DOMAIN = 2
EXIT_STORAGE = 3
EXIT_CONFIG = 4

app = typer.Typer(
    help="Voice AI receptionist for appointment scheduling.",
    no_args_is_help=True,
    add_completion=False,
)
db_app = typer.Typer(help="Database schema management.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(sip_app, name="sip")


def _fail(message: str, code: int) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def _config_problem(loc: tuple[int | str, ...], msg: str) -> str:
    """One line of a configuration error: the setting (when one is named) and why."""
    msg = msg.removeprefix("Value error, ")
    name = ".".join(str(part) for part in loc).upper()
    return f"{name}: {msg}" if name else msg


def _settings() -> Settings:
    try:
        return get_settings()
    except ValidationError as exc:
        lines = [_config_problem(e["loc"], e["msg"]) for e in exc.errors()]
        _fail("invalid configuration\n  " + "\n  ".join(lines), EXIT_CONFIG)
        raise  # unreachable


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
        task.cancel()

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


def _run(coro: Coroutine[Any, Any, T]) -> T:
    try:
        return asyncio.run(_until_signalled(coro))
    except _Stopped as stopped:
        typer.secho(f"stopped by {signal.Signals(stopped.signum).name}", err=True)
        raise typer.Exit(128 + stopped.signum) from None
    except StorageUnavailable as exc:
        _fail(exc.operator_message, EXIT_STORAGE)
    except DomainError as exc:
        _fail(str(exc), EXIT_DOMAIN)
    raise AssertionError("unreachable")


def with_container(fn: Callable[..., Awaitable[T]]) -> Callable[..., Coroutine[Any, Any, T]]:
    @wraps(fn)
    async def wrapper(*args: Any, **kwargs: Any) -> T:
        async with application(_settings()) as container:
            return await fn(container, *args, **kwargs)

    return wrapper


@app.callback()
def main_callback(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Debug logging.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


# --- database -----------------------------------------------------------------------------
@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the schema to the latest revision."""

    @with_container
    async def go(c: Container) -> str:
        from voice_agent.adapters.storage.migrate import current

        return str(await current(c.store.engine))  # type: ignore[attr-defined]

    revision = _run(go())
    typer.echo(f"database at revision {revision}")


# --- scheduling ---------------------------------------------------------------------------
@app.command()
def slots(
    day: Annotated[str, typer.Argument(help="YYYY-MM-DD, 'tomorrow', 'friday', ...")],
) -> None:
    """List free slots on a day."""

    @with_container
    async def go(c: Container) -> None:
        avail = await c.scheduling.available_slots(day)
        typer.echo(
            f"{say_date(avail.day)} ({avail.day.isoformat()}): "
            f"{len(avail.free)} of {avail.total} slots free"
        )
        for slot in avail.free:
            typer.echo(f"  {slot.label}  {say_time(slot.start)}")

    _run(go())


@app.command()
def appointments(phone: Annotated[str, typer.Argument(help="The caller's phone number.")]) -> None:
    """List a caller's appointments, newest first."""

    @with_container
    async def go(c: Container) -> None:
        user = await c.scheduling.find_user_by_phone(phone)
        if user is None:
            _fail("no caller with that phone number", EXIT_DOMAIN)
            return
        items = await c.scheduling.appointments(user.id)
        typer.echo(
            f"{user.name or '(no name)'}  {national_digits(user.phone)}: "
            f"{len(items)} appointment(s)"
        )
        for a in items:
            typer.echo(
                f"  {a.code}  {a.day.isoformat()} {a.start:%H:%M}  {a.status.value:<9}  "
                f"{say_date(a.day)} at {say_time(a.start)}"
            )

    _run(go())


# --- services -----------------------------------------------------------------------------
@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
)
def agent(ctx: typer.Context) -> None:
    """Run the LiveKit worker: dev | start | console | download-files (the framework's CLI)."""
    from voice_agent.adapters.voice.providers import ProviderConfigError
    from voice_agent.entrypoints.worker import run_worker

    try:
        run_worker(list(ctx.args))
    except ProviderConfigError as exc:
        _fail(str(exc), EXIT_CONFIG)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (SERVER_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (SERVER_PORT, default 8081).")] = None,
) -> None:
    """Run the token server and staff page."""
    from voice_agent.entrypoints.serve import ServerStartFailed
    from voice_agent.entrypoints.serve import serve as serve_api

    settings = _settings()
    overrides: dict[str, Any] = {}
    if host:
        overrides["server_host"] = host
    if port:
        overrides["server_port"] = port
    try:
        serve_api(settings.model_copy(update=overrides))
    except ServerStartFailed as exc:
        _fail(str(exc), EXIT_STORAGE)


def _quiet_framework() -> None:
    """Keep a printed conversation readable; --verbose shows the framework's warnings."""
    if logging.getLogger().level > logging.DEBUG:
        logging.getLogger("livekit").setLevel(logging.ERROR)


OFFLINE = {"stt_provider": "offline", "tts_provider": "offline", "llm_provider": "offline"}


@app.command()
def demo(
    out: Annotated[Path, typer.Option(help="Where to write call audio.")] = Path("out/demo"),
    database_url: Annotated[
        str | None, typer.Option(help="Database for the demo (default: a fresh var/demo.db).")
    ] = None,
    only: Annotated[
        list[str] | None, typer.Option(help="Run only scenarios whose name contains this.")
    ] = None,
) -> None:
    """Run the seed's four scenarios as complete offline voice calls (no keys needed)."""
    from voice_agent.entrypoints.demo import run_demo

    _quiet_framework()

    settings = _settings()
    url = database_url
    if url is None:
        db = Path(settings.data_dir) / "demo.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{db}"
    settings = settings.model_copy(update={**OFFLINE, "database_url": url})
    outcomes = _run(run_demo(settings, out_dir=out, only=only))
    failed = [o.scenario.name for o in outcomes if o.problem]
    if failed:
        _fail(f"scenario(s) did not reach the expected result: {', '.join(failed)}", 1)


@app.command()
def chat(
    offline: Annotated[bool, typer.Option(help="Force the offline dialogue engine.")] = False,
) -> None:
    """Type to the receptionist (same tools and database as a voice call)."""
    from voice_agent.entrypoints.chat import run_chat

    settings = _settings()
    if offline:
        settings = settings.model_copy(update={"llm_provider": "offline"})
    _run(run_chat(settings))


@app.command()
def call(
    audio: Annotated[
        Path,
        typer.Option(help="A WAV of the caller's side: 8-48 kHz, mono or stereo, PCM or float."),
    ],
    out: Annotated[Path, typer.Option(help="Where to write the call's audio.")] = Path("out/calls"),
) -> None:
    """One voice call from a recording, through VAD, STT, the agent and TTS."""
    from voice_agent.adapters.offline.calls import load_recording
    from voice_agent.entrypoints.call import run_recorded_call

    _quiet_framework()
    if not audio.exists():
        _fail(f"{audio} does not exist", EXIT_DOMAIN)
    try:
        recording = load_recording(audio)
    except (ValueError, EOFError, wave.Error) as exc:
        _fail(f"cannot read {audio}: {exc}", EXIT_DOMAIN)
        return
    _run(run_recorded_call(_settings(), recording, name=audio.stem, out_dir=out))


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
