"""`voice-agent`: a thin command line over the services. Domain errors become exit codes."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable, Coroutine
from functools import wraps
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from pydantic import ValidationError

from voice_agent.bootstrap import Container, bootstrap
from voice_agent.config import Settings, get_settings
from voice_agent.domain.errors import DomainError, StorageUnavailable
from voice_agent.domain.phone import national_digits
from voice_agent.domain.speech import say_date, say_time

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


def _fail(message: str, code: int) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def _settings() -> Settings:
    try:
        return get_settings()
    except ValidationError as exc:
        lines = [f"{'.'.join(str(p) for p in e['loc']).upper()}: {e['msg']}" for e in exc.errors()]
        _fail("invalid configuration\n  " + "\n  ".join(lines), EXIT_CONFIG)
        raise  # unreachable


def _run(coro: Coroutine[Any, Any, T]) -> T:
    try:
        return asyncio.run(coro)
    except StorageUnavailable as exc:
        _fail(str(exc), EXIT_STORAGE)
    except DomainError as exc:
        _fail(str(exc), EXIT_DOMAIN)
    raise AssertionError("unreachable")


def with_container(fn: Callable[..., Awaitable[T]]) -> Callable[..., Coroutine[Any, Any, T]]:
    @wraps(fn)
    async def wrapper(*args: Any, **kwargs: Any) -> T:
        container = await bootstrap(_settings())
        try:
            return await fn(container, *args, **kwargs)
        finally:
            await container.aclose()

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
    from voice_agent.adapters.voice.worker import run_worker

    run_worker(list(ctx.args))


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (SERVER_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (SERVER_PORT, default 8081).")] = None,
) -> None:
    """Run the token server and staff page."""
    from voice_agent.adapters.api import serve as serve_api

    settings = _settings()
    overrides: dict[str, Any] = {}
    if host:
        overrides["server_host"] = host
    if port:
        overrides["server_port"] = port
    serve_api(settings.model_copy(update=overrides))


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
