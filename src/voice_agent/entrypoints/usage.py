"""Running a click/typer application with its usage errors in this program's style.

Click prints "Error: No such option: --nope" where every other failure of voice-agent prints
"error: ..." (``cli._fail``): the same person reads both on the same terminal. This runs the
application as click would (usage, the "--help" hint, the exit code) and prints only the last
line differently.
"""

from __future__ import annotations

import io
import sys
from typing import Any, NoReturn, Protocol

import typer

try:  # typer carries its own copy of click from 0.2x on; before, it used click itself
    from typer._click.exceptions import ClickException
except ImportError:  # pragma: no cover - an older typer
    from click import ClickException  # type: ignore[assignment]


class ClickApp(Protocol):
    def __call__(self, *, prog_name: str, standalone_mode: bool) -> Any: ...


def show_usage_error(exc: ClickException) -> None:
    """What click would print for ``exc``, with "error:" for its "Error:"."""
    buffer = io.StringIO()
    exc.show(file=buffer)
    text = buffer.getvalue()
    head, sep, message = text.rpartition("Error: ")
    if not sep or "\n" in message.rstrip("\n") or (head and not head.endswith("\n")):
        sys.stderr.write(text)  # help shown for no arguments, or a message of another shape
        return
    sys.stderr.write(head)
    typer.secho(f"error: {message.rstrip()}", fg=typer.colors.RED, err=True)


def run_app(app: ClickApp, *, prog_name: str) -> NoReturn:
    """Run ``app`` to its end, exiting as click does, usage errors printed as "error: ..."."""
    try:
        result = app(prog_name=prog_name, standalone_mode=False)
    except typer.Abort:
        typer.echo("Aborted!", err=True)
        sys.exit(1)
    except ClickException as exc:
        show_usage_error(exc)
        sys.exit(exc.exit_code)
    sys.exit(result if isinstance(result, int) else 0)
