"""Running a click/typer application with its help and usage errors in this program's style.

Click prints "Error: No such option: --nope" where every other failure of voice-agent prints
"error: ..." (``cli._fail``): the same person reads both on the same terminal. This runs the
application as click would (usage, the "--help" hint, the exit code) and prints only the last
line differently.

Typer's help shows a required argument as ``{DAY}`` in the usage line and as ``DAY <str>`` in
the list of arguments, and a number's bounds as ``[1<=x<=65535]``; the commands of a
:class:`PlainTyper` say ``DAY`` and ``[1 to 65535]``, as a person writes them.
"""

from __future__ import annotations

import difflib
import io
import os
import re
import shutil
import sys
from collections.abc import Callable
from typing import Any, NoReturn, Protocol, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

try:  # typer carries its own copy of click from 0.2x on; before, it used click itself
    from typer._click.exceptions import BadParameter, ClickException, NoSuchOption
except ImportError:  # pragma: no cover - an older typer
    from click import BadParameter, ClickException, NoSuchOption  # type: ignore[assignment]


F = TypeVar("F", bound=Callable[..., Any])

_BOUNDS = (
    (re.compile(r"(-?[\d.]+)<=x<=(-?[\d.]+)"), r"\1 to \2"),
    (re.compile(r"\bx>=(-?[\d.]+)"), r"at least \1"),
    (re.compile(r"\bx<=(-?[\d.]+)"), r"at most \1"),
)


def _plain_bounds(text: str) -> str:
    """ "[1<=x<=65535]" -> "[1 to 65535]"; "x>=1" -> "at least 1"."""
    for pattern, words in _BOUNDS:
        text = pattern.sub(words, text)
    return text


def _argument_name(param: Any) -> str:
    """An argument as its help names it: its metavar (or its name in capitals), no type."""
    name = str(param.metavar or (param.name or "").upper())
    return f"{name}..." if param.nargs != 1 else name


class PlainHelpCommand(TyperCommand):
    """A command whose help reads as written by a person: ``slots [OPTIONS] DAY``."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = _argument_name(param)
                pieces.append(name if param.required else f"[{name}]")
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            name, text = record
            if param.param_type_name == "argument":
                arguments.append((_argument_name(param), _plain_bounds(text)))
            else:
                options.append((name, _plain_bounds(text)))
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def _output_closed() -> NoReturn:
    """The reader of this program's output went away (`voice-agent slots friday | head -1`):
    end quietly with 0, as `head`'s other writers do, instead of click's exit 1. Whatever is
    still buffered for the closed pipe goes nowhere: flushed at exit, it printed "Exception
    ignored ... BrokenPipeError" and made the exit code 120."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(devnull, stream.fileno())
        except (OSError, ValueError, io.UnsupportedOperation):  # not a file (a test's buffer)
            continue
    os.close(devnull)
    raise typer.Exit(0)


class PlainGroup(TyperGroup):
    """A group whose commands end quietly, exit 0, when their output's reader has gone (click
    turns the BrokenPipeError into exit 1 before :func:`run_app` could see it)."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _output_closed()


class PlainTyper(typer.Typer):
    """A typer application whose commands are :class:`PlainHelpCommand` unless told, and whose
    output may be cut short by its reader (:class:`PlainGroup`)."""

    def __init__(self, *, cls: type[TyperGroup] | None = None, **kwargs: Any) -> None:
        super().__init__(cls=cls or PlainGroup, **kwargs)

    def command(
        self, name: str | None = None, *, cls: type[TyperCommand] | None = None, **kwargs: Any
    ) -> Callable[[F], F]:
        return super().command(name, cls=cls or PlainHelpCommand, **kwargs)


class ClickApp(Protocol):
    def __call__(self, *, prog_name: str, standalone_mode: bool) -> Any: ...


def _bounds(param: Any) -> str:
    """A number option's bounds as a person writes them: "1 to 36500", "at least 1"."""
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        return f"{low} to {high}"
    if low is not None:
        return f"at least {low}"
    return f"at most {high}" if high is not None else ""


_NOT_A_WHOLE_NUMBER = ("int_parsing", "int_from_float", "int_type")
_OUT_OF_RANGE = ("greater_than_equal", "greater_than", "less_than_equal", "less_than")


def _plain_value_error(exc: ClickException) -> ClickException:
    """Typer's checks of an option's value speak pydantic ("Input should be a valid integer,
    unable to parse string as an integer"): the value typed, what is wrong with it and what
    to give instead, as every other message of this program."""
    cause = exc.__cause__
    param = getattr(exc, "param", None)
    errors = getattr(cause, "errors", None)
    if not isinstance(exc, BadParameter) or param is None or not callable(errors):
        return exc
    first = (errors() or [{}])[0]
    kind, given = first.get("type"), first.get("input")
    bounds = _bounds(param)
    give = f"; give {bounds}" if bounds else ""
    if kind in _NOT_A_WHOLE_NUMBER:
        message = f"'{given}' is not a whole number{give}"
    elif kind in _OUT_OF_RANGE and bounds:
        message = f"{given} is out of range{give}"
    else:
        return exc
    return BadParameter(message, ctx=exc.ctx, param=param)


def _close_options(exc: ClickException) -> ClickException:
    """An unknown option's suggestions, weighed without the dashes every option shares: click
    offered "--bogus" the option "--out" and "--verbose" (their "--" and an "o" made them
    close), which a stranger then tried."""
    if not isinstance(exc, NoSuchOption) or not exc.possibilities or exc.ctx is None:
        return exc
    names = [
        name
        for param in exc.ctx.command.get_params(exc.ctx)
        for name in (*param.opts, *param.secondary_opts)
        if name.startswith("--")
    ]
    bare = {name.lstrip("-"): name for name in names}
    close = difflib.get_close_matches(exc.option_name.lstrip("-"), list(bare))
    if set(close) == {name.lstrip("-") for name in exc.possibilities}:
        return exc
    return NoSuchOption(exc.option_name, possibilities=[bare[c] for c in close], ctx=exc.ctx)


def show_usage_error(exc: ClickException) -> None:
    """What click would print for ``exc``, with "error:" for its "Error:"."""
    exc = _close_options(_plain_value_error(exc))
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


def command_name(program: str = "voice-agent") -> str:
    """How to run this program again from here, for a hint that names a command: ``program``
    when the shell finds this very program by that name, else the path it was started by
    (``.venv/bin/voice-agent``). `scripts/demo.sh` runs it from `.venv/bin`, not on the PATH
    of a shell that has not activated the environment, and its last hint, `voice-agent
    appointments ...`, was "command not found" there."""
    started = sys.argv[0] if sys.argv else ""
    if os.path.basename(started) != program or os.sep not in started:
        return program
    found = shutil.which(program)
    if found is not None and os.path.realpath(found) == os.path.realpath(started):
        return program
    return started
