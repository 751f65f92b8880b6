"""The command line against a real SQLite database, in process (CliRunner)."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import re
import signal
import subprocess
import sys
import uuid
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from voice_agent.bootstrap import bootstrap
from voice_agent.config import Settings
from voice_agent.domain.clock import FixedClock
from voice_agent.domain.models import Conversation
from voice_agent.entrypoints import cli
from voice_agent.entrypoints.cli import EXIT_CONFIG, EXIT_DOMAIN, EXIT_STORAGE, app
from voice_agent.entrypoints.database import same_database
from voice_agent.entrypoints.worker import COMMAND_HELP
from voice_agent.services.summaries import STOPPED_BY_USER

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)  # a Wednesday, 10:00 in New York

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    return tmp_path


def _seed(url: str) -> str:
    """A caller with one appointment in the database at ``url``; returns its code."""

    async def go() -> str:
        settings = Settings(database_url=url, _env_file=None)  # type: ignore[call-arg]
        container = await bootstrap(settings, clock=FixedClock(NOW))
        try:
            ident = await container.scheduling.identify("9876543210", "Sarah Johnson")
            assert ident.user is not None
            appt = await container.scheduling.book(ident.user.id, date(2026, 11, 27), time(14))
            return appt.code
        finally:
            await container.aclose()

    return asyncio.run(go())


def _commands(typer_app: object, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    import typer.main

    group = typer.main.get_command(typer_app)  # type: ignore[arg-type]
    out: list[tuple[str, ...]] = []

    def walk(cmd: object, path: tuple[str, ...]) -> None:
        sub = getattr(cmd, "commands", None)
        if sub:
            for name, child in sub.items():
                walk(child, (*path, name))
        else:
            out.append(path)

    walk(group, prefix)
    return out


def test_every_command_has_help(env: Path) -> None:
    import typer.main

    commands = _commands(app)
    assert ("db", "upgrade") in commands and ("slots",) in commands and ("doctor",) in commands
    group = typer.main.get_command(app)
    for path in commands:
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "Usage" in result.output
        command = group
        for name in path:
            command = command.commands[name]  # type: ignore[attr-defined]
        assert command.help and len(command.help) > 20, path
        assert " ".join(command.help.split()) in " ".join(result.output.split()) or path == (
            "agent",
        )


def test_agent_commands_are_described_and_help_needs_no_livekit(env: Path) -> None:
    # the worker's commands come from the framework, which leaves some without a description
    listing = runner.invoke(app, ["agent", "--help"])
    assert listing.exit_code == 0, listing.output
    for name in ("start", "dev", "console", "connect", "download-files"):
        assert name in COMMAND_HELP
        first = COMMAND_HELP[name].split(". ")[0]
        assert re.search(rf"{name}\s+{re.escape(first)}", listing.output), name
        result = runner.invoke(app, ["agent", name, "--help"])  # no LIVEKIT_URL set here
        assert result.exit_code == 0, (name, result.output)
        assert " ".join(COMMAND_HELP[name].split()) in " ".join(result.output.split())


def test_the_console_with_no_terminal_to_read_says_so_and_what_to_use(env: Path) -> None:
    """`agent console </dev/null` started the worker, then closed some 30 s later with
    nothing said (the framework reads keys through termios, which a file or a pipe refuses):
    it is refused at once, naming `chat`, which reads lines to their end."""
    done = subprocess.run(
        [sys.executable, "-c", "from voice_agent.entrypoints.cli import main; main()"]
        + ["agent", "console"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == EXIT_DOMAIN, (done.stdout, done.stderr)
    assert done.stdout == ""
    assert done.stderr.startswith("error: `agent console` reads keys from a terminal")
    assert "voice-agent chat --offline < lines.txt" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1  # one line, in a file or a pipe
    helped = runner.invoke(app, ["agent", "console", "--help"])  # no terminal needed for it
    assert helped.exit_code == 0 and "Talk to the agent" in helped.stdout


@pytest.mark.parametrize("group", [[], ["db"], ["sip"], ["agent"]])
def test_a_group_without_its_command_is_a_usage_error_everywhere(group: list[str]) -> None:
    """`voice-agent` exited 2 with its help on stderr, `voice-agent agent` 0 with its help on
    stdout. No command is a usage error (click's NoArgsIsHelpError): the help on stderr and
    exit 2, so that a script missing its command fails; `--help` asked for is 0, on stdout."""
    done = subprocess.run(
        [sys.executable, "-c", "from voice_agent.entrypoints.cli import main; main()", *group],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert done.stdout == "" and "Commands:" in done.stderr
    assert done.stderr.startswith(f"Usage: voice-agent {' '.join(group)}".rstrip() + " [OPTIONS]")
    asked = runner.invoke(app, [*group, "--help"])
    assert asked.exit_code == 0 and "Commands:" in asked.stdout


def test_help_shows_flags_as_flags() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "-v, --verbose" in result.output
    assert "<bool>" not in result.output and "[default: 0]" not in result.output
    call = runner.invoke(app, ["call", "--help"])
    assert "--force " in call.output and "<bool>" not in call.output


def test_log_file_help_says_what_the_file_takes_the_place_of() -> None:
    """It said "Also write diagnostics to this file", but for chat, call and demo the file
    named replaces their default one."""
    text = " ".join(runner.invoke(app, ["--help"]).output.split())
    assert "--log-file FILE Write diagnostics to this file" in text
    assert "chat, call and demo instead of var/log/voice-agent.log" in text
    assert "as well as their warnings on stderr" in text


def test_options_name_what_they_take_not_a_python_type(env: Path) -> None:
    """typer showed `--only <list[str]>`, `--out <path>`, `--port <int>`, and the demo's
    database as `<str>` where every other command says FILE|URL."""
    for path in _commands(app):
        if path[0] == "agent":
            continue  # the framework's own command line
        output = runner.invoke(app, [*path, "--help"]).output
        options = output.split("Options:", 1)[-1]
        assert not re.search(r"<(list\[\w+\]|str|path|int)>", options), (path, options)
    assert "--database, --database-url FILE|URL" in runner.invoke(app, ["demo", "--help"]).output


def test_help_reads_as_a_person_writes_it(env: Path) -> None:
    """typer wrote `slots [OPTIONS] {DAY}`, `DAY <str>`, `[1<=x<=65535]` and, for a flag,
    `--offline / --no-offline  [default: no-offline]`."""
    for path in _commands(app):
        if path[0] == "agent":
            continue  # the framework's own command line
        output = runner.invoke(app, [*path, "--help"]).output
        assert not re.search(r"[{}]|<\w+>|<=x|x>=|x<=|default: no-|--no-", output), (path, output)
    slots = runner.invoke(app, ["slots", "--help"]).output
    assert "slots [OPTIONS] DAY\n" in slots
    assert re.search(r"\n  DAY +YYYY-MM-DD", slots), slots
    assert "[1 to 65535]" in runner.invoke(app, ["serve", "--help"]).output
    assert re.search(r"\n  --offline +Answer with", runner.invoke(app, ["chat", "--help"]).output)
    # a listing cut short: "Delete old call records (...)...", "A device link, for a browser
    # (or a script's cookie jar) that has..."
    for group in ([], ["sip"], ["db"], ["staff"]):
        listing = runner.invoke(app, [*group, "--help"]).output.split("Commands:")[1]
        assert "..." not in listing, listing
    missing = runner.invoke(app, ["appointments"])
    assert "appointments [OPTIONS] PHONE|CODE|NAME\n" in missing.output


def test_db_upgrade_and_slots(env: Path) -> None:
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0 and "revision 0005_staff_rename" in result.output
    result = runner.invoke(app, ["slots", "2030-01-04"])  # a Friday, far ahead
    assert result.exit_code == EXIT_DOMAIN and "90 days" in result.output


def test_weekend_is_a_clean_domain_error(env: Path) -> None:
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    result = runner.invoke(app, ["slots", "saturday"])
    assert result.exit_code == EXIT_DOMAIN
    # (it said "open mon,tue,wed,thu,fri", the setting's form, not words)
    assert "(Saturday) is a weekend day; the clinic is open Monday to Friday" in result.output
    assert "Traceback" not in result.output


def test_appointments_for_bad_and_unknown_phone(env: Path) -> None:
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    bad = runner.invoke(app, ["appointments", "12"])
    assert bad.exit_code == EXIT_DOMAIN
    # a terminal's message, not the agent's "I heard only 2 digits. Please say ..."
    assert "error: '12' is too short for a phone number (2 digits): give the 10 digits" in (
        bad.output
    )
    assert "I heard" not in bad.output and "Please say" not in bad.output
    unknown = runner.invoke(app, ["appointments", "9876543210"])
    assert unknown.exit_code == EXIT_DOMAIN
    assert f"no caller with that phone number in SQLite file {env / 'cli.db'}" in unknown.output


@pytest.mark.parametrize(
    ("typed", "keypad"), [("415-555-CALL", "415-555-2255"), ("1-800-FLOWERS", "1-800-3569377")]
)
def test_a_number_with_letters_asks_for_digits_and_shows_the_keypad_reading(
    env: Path, typed: str, keypad: str
) -> None:
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    result = runner.invoke(app, ["appointments", typed])
    assert result.exit_code == EXIT_DOMAIN
    assert (
        f"error: '{typed}' has letters in it: give the number as digits "
        f"(on a phone keypad it reads {keypad})" in result.output
    ), result.output
    assert "too short" not in result.output


@pytest.mark.parametrize(
    "argv", [["slots", "--nope"], ["nosuch"], ["agent", "dev", "--nope"], ["agent", "start", "-x"]]
)
def test_usage_errors_print_error_in_the_same_style_as_every_other_failure(
    env: Path, argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from voice_agent.entrypoints import cli, worker

    # (the worker's start hands the root logger to the framework: not in a test process)
    monkeypatch.setattr(worker, "_hand_logging_to_framework", lambda: None)
    monkeypatch.setenv("LIVEKIT_URL", "wss://example.invalid")
    monkeypatch.setenv("LIVEKIT_API_KEY", "key")
    monkeypatch.setenv("LIVEKIT_API_SECRET", "secret-" + "s" * 32)
    monkeypatch.setattr("sys.argv", ["voice-agent", *argv])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "\nerror: " in f"\n{err}" and "Error:" not in err, err
    assert "Usage: voice-agent" in err and "--help' for help." in err, err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["purge", "--older-than", "0"], "'--older-than': 0 is out of range; give 1 to 36500"),
        (["purge", "--older-than", "-5"], "'--older-than': -5 is out of range; give 1 to 36500"),
        (["purge", "--older-than", "3x"], "'--older-than': '3x' is not a whole number; give 1"),
        (["serve", "--port", "http"], "'--port': 'http' is not a whole number; give 1 to 65535"),
    ],
)
def test_a_wrong_number_is_named_with_what_to_give(
    env: Path,
    argv: list[str],
    said: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Typer said "Input should be a valid integer, unable to parse string as an integer"."""
    from voice_agent.entrypoints import cli

    monkeypatch.setattr("sys.argv", ["voice-agent", *argv])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert f"error: Invalid value for {said}" in err, err
    assert "Input should" not in err


@pytest.mark.parametrize(
    ("argv", "read"),
    [
        (
            ["slots", "next", "wednesday"],
            "(2026-12-02): 7 of 7 slots free\n  (read from 'next wednesday')",
        ),
        (["slots", "dec", "4", "--database", "cli.db"], "(2026-12-04), read from 'dec 4': "),
    ],
)
def test_a_day_typed_without_quotes_is_read_whole(
    env: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str], read: str
) -> None:
    """`slots next friday` said "Got unexpected extra argument(s) (friday)"."""
    _at(monkeypatch, NOW)
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0  # cli.db, DATABASE_URL's
    result = runner.invoke(app, argv)
    assert result.exit_code == 0, result.output
    assert read in result.output
    refused = runner.invoke(app, ["slots", "next", "wednesday", "--nope"])
    assert refused.exit_code == 2 and "No such option: --nope" in refused.output


def test_a_phone_number_typed_with_spaces_and_no_quotes_is_one_number(env: Path) -> None:
    _seed(f"sqlite:///{env / 'cli.db'}")
    result = runner.invoke(app, ["appointments", "(987)", "654", "3210"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Sarah Johnson  987-654-3210: 1 appointment\n")


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("13/02", "'13/02' (read month/day; for February 13 type 2/13)"),
        ("25/12/2026", "'25/12/2026' (read month/day; for December 25 type 12/25)"),
        ("31/02", "'31/02' (read month/day)"),
    ],
)
def test_a_day_first_date_says_dates_are_read_month_first(env: Path, typed: str, why: str) -> None:
    result = runner.invoke(app, ["slots", typed])
    assert result.exit_code == EXIT_DOMAIN
    assert result.output.startswith(f"error: there is no such date as {why}: use YYYY-MM-DD")


def test_slots_errors_speak_as_a_cli(env: Path) -> None:
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    typo = runner.invoke(app, ["slots", "fridy"])
    assert typo.exit_code == EXIT_DOMAIN
    assert "error: cannot read 'fridy' as a date: use YYYY-MM-DD" in typo.output
    past = runner.invoke(app, ["slots", "2020-01-01"])
    assert past.exit_code == EXIT_DOMAIN and "2020-01-01 (Wednesday) is in the past" in past.output
    # a day typed on the command line is a date and nothing else ("tomorrow-ish" was tomorrow)
    for typed in ("tomorrow-ish", "2026-02-30", "friday or so"):
        wrong = runner.invoke(app, ["slots", typed])
        assert wrong.exit_code == EXIT_DOMAIN, wrong.output
        assert f"'{typed}'" in wrong.output and "use YYYY-MM-DD" in wrong.output


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("wensday", "wednesday"), ("next wensday", "next wednesday"), ("tmrw", "tomorrow")],
)
def test_slots_of_a_misspelt_day_name_the_day_meant(env: Path, typed: str, meant: str) -> None:
    """`chat` understood "wensday" and "tmrw"; `slots` said only "cannot read 'wensday' as a
    date: use YYYY-MM-DD, ...", leaving the typo to be found. It stays refused (a day typed
    on the command line is read exactly), with the day to type."""
    assert runner.invoke(app, ["db", "upgrade", "--database", "var/demo.db"]).exit_code == 0
    result = runner.invoke(app, ["slots", *typed.split(), "--database", "var/demo.db"])
    assert result.exit_code == EXIT_DOMAIN, result.output
    assert result.output.startswith(f"error: cannot read '{typed}' as a date: use YYYY-MM-DD")
    suggestion = f"(did you mean '{meant}'? `voice-agent slots {meant} --database var/demo.db`)"
    assert suggestion in result.output.replace("\n", " "), result.output
    # nothing like a day: no suggestion
    none = runner.invoke(app, ["slots", "blah", "--database", "var/demo.db"])
    assert none.exit_code == EXIT_DOMAIN and "did you mean" not in none.output


def test_slots_says_the_day_it_read_as_the_receptionist_reads_it(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from functools import partial

    from voice_agent.entrypoints import cli, lifecycle

    tuesday = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
    monkeypatch.setattr(
        cli, "application", partial(lifecycle.application, clock=FixedClock(tuesday))
    )
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    # said on a Tuesday, "next wednesday" is not tomorrow (the command line gave tomorrow)
    result = runner.invoke(app, ["slots", "next wednesday"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(  # on one line it would be 81 columns
        "Wednesday, December 9th (2026-12-09): 7 of 7 slots free\n  (read from 'next wednesday')\n"
    )
    result = runner.invoke(app, ["slots", "next friday"])
    assert "Friday, December 4th (2026-12-04), read from 'next friday': " in result.output
    assert "(the Friday of the week after: voice-agent slots 2026-12-11)" in result.output
    result = runner.invoke(app, ["slots", "2026-12-04"])
    assert result.output.startswith("Friday, December 4th (2026-12-04): 7 of 7 slots free\n")


def test_slots_read_a_day_as_the_receptionist_reads_it(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`slots in two weeks` was refused ("cannot read 'in two weeks' as a date"), though a
    caller saying it in `chat` was understood: the command line reads what the dialogue's
    date reader reads, and a range of days is refused with its days."""
    from functools import partial

    from voice_agent.entrypoints import cli, lifecycle

    tuesday = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
    monkeypatch.setattr(
        cli, "application", partial(lifecycle.application, clock=FixedClock(tuesday))
    )
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    for typed, day in (
        ("in two weeks", "Tuesday, December 15th (2026-12-15)"),
        ("in a week", "Tuesday, December 8th (2026-12-08)"),
        ("two weeks from today", "Tuesday, December 15th (2026-12-15)"),
        ("friday week", "Friday, December 11th (2026-12-11)"),
    ):
        result = runner.invoke(app, ["slots", *typed.split()])
        assert result.exit_code == 0, (typed, result.output)
        assert result.output.startswith(day), (typed, result.output)
        assert f"read from '{typed}'" in result.output
    week = runner.invoke(app, ["slots", "next", "week"])
    assert week.exit_code == EXIT_DOMAIN, week.output
    assert "'next week' is several days, 2026-12-07 (Monday) to" in week.output
    assert "`voice-agent slots 2026-12-07`" in week.output.replace("\n", " ")
    # a rough amount is a range of days (fresh28's rough quantities): refused with its days
    rough = runner.invoke(app, ["slots", "in two weeks or so"])
    assert rough.exit_code == EXIT_DOMAIN, rough.output
    assert "'in two weeks or so' is several days, 2026-12-14 (Monday) to" in rough.output
    # what is not one day and not a range is still refused
    for typed in ("friday or so", "not friday"):
        wrong = runner.invoke(app, ["slots", typed])
        assert wrong.exit_code == EXIT_DOMAIN and "use YYYY-MM-DD" in wrong.output, wrong.output


def test_slots_of_a_weekday_with_a_date_are_that_dates_or_say_whose_weekday_it_is(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`slots wednesday december 9` listed the coming Wednesday, December 2nd."""
    _at(monkeypatch, datetime(2026, 12, 1, 15, 0, tzinfo=UTC))  # Tuesday, 10:00 in New York
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    result = runner.invoke(app, ["slots", "wednesday", "december", "9"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Wednesday, December 9th (2026-12-09)")
    wrong = runner.invoke(app, ["slots", "friday december 9"])
    assert wrong.exit_code == EXIT_DOMAIN
    assert wrong.output == (
        "error: 'friday december 9': 2026-12-09 is a Wednesday; give the date alone\n"
    )


def _at(monkeypatch: pytest.MonkeyPatch, now: datetime) -> None:
    """The command line's clock reads ``now``."""
    from functools import partial

    from voice_agent.entrypoints import cli, lifecycle

    monkeypatch.setattr(cli, "application", partial(lifecycle.application, clock=FixedClock(now)))


def test_slots_on_a_day_with_nothing_left_name_the_next_open_day_and_its_first_times(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After hours, `slots today` said "0 of 7 slots free" and nothing more."""
    _at(monkeypatch, datetime(2026, 11, 27, 22, 0, tzinfo=UTC))  # Friday, 17:00 in New York
    _seed(f"sqlite:///{env / 'cli.db'}")  # Sarah's 14:00 on this Friday: past now
    result = runner.invoke(app, ["slots", "today"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:2] == [
        "Friday, November 27th (2026-11-27), read from 'today': 0 of 7 slots free",
        "  7 already past",
    ]
    # the weekend is closed: Monday, with the first four times the receptionist would offer
    assert lines[2:] == [
        "Next free: Monday, November 30th (2026-11-30), 7 of 7 slots; the first 4:",
        "  09:00-10:00  9 AM",
        "  10:00-11:00  10 AM",
        "  11:00-12:00  11 AM",
        "  12:00-13:00  noon",
        "  (all of them: voice-agent slots 2026-11-30)",
    ]
    assert max(len(line) for line in lines) <= 80
    # a day with free slots lists them, and no other day
    monday = runner.invoke(app, ["slots", "monday"])
    assert monday.exit_code == 0 and "Next day" not in monday.output


def test_slots_keep_their_header_within_80_columns_on_the_longest_dates(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Wednesday, September 30th (2026-09-30), read from 'the day after tomorrow': 7 of 7
    slots free" was 93 columns: the day read goes on a line of its own when it does not fit."""
    _at(monkeypatch, datetime(2026, 9, 28, 14, 0, tzinfo=UTC))  # Monday, 10:00 in New York
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    result = runner.invoke(app, ["slots", "the day after tomorrow"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:2] == [
        "Wednesday, September 30th (2026-09-30): 7 of 7 slots free",
        "  (read from 'the day after tomorrow')",
    ]
    assert max(len(line) for line in lines) <= 80
    short = runner.invoke(app, ["slots", "wed"]).output.splitlines()[0]
    assert short == "Wednesday, September 30th (2026-09-30), read from 'wed': 7 of 7 slots free"


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("yesterday", "2026-11-24 (Tuesday)"),
        ("last friday", "2026-11-20 (Friday)"),
        ("the day before yesterday", "2026-11-23 (Monday)"),
    ],
)
def test_slots_of_a_past_day_say_it_is_past_with_the_date_read(
    env: Path, monkeypatch: pytest.MonkeyPatch, typed: str, read: str
) -> None:
    """`slots yesterday` said "cannot read 'yesterday' as a date"."""
    _at(monkeypatch, NOW)
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    result = runner.invoke(app, ["slots", typed])
    assert result.exit_code == EXIT_DOMAIN
    assert result.output == f"error: '{typed}' is {read}, in the past; give today or a later day\n"


def test_appointments_by_confirmation_code_show_that_appointment(env: Path) -> None:
    """`voice-agent appointments CODE` was refused as a phone number with letters in it."""
    code = _seed(f"sqlite:///{env / 'cli.db'}")
    for typed in (code.upper(), code.lower(), f"{code[:4]}-{code[4:]}"):
        result = runner.invoke(app, ["appointments", typed])
        assert result.exit_code == 0, result.output
        assert result.output.splitlines() == [
            f"Sarah Johnson  987-654-3210: appointment {code.upper()}",
            f"  {code.upper()}  2026-11-27 14:00  booked     Friday, November 27th at 2 PM",
            "  (all of theirs: voice-agent appointments 987-654-3210)",
        ]
    unknown = "ABCD2345" if code.upper() != "ABCD2345" else "ABCD2346"
    missing = runner.invoke(app, ["appointments", unknown.lower()])
    assert missing.exit_code == EXIT_DOMAIN
    assert f"error: no appointment with the code {unknown} in SQLite file" in missing.output


@pytest.mark.parametrize("typed", ["ABCD-23", "sarah 2", "j@n"])
def test_appointments_of_something_neither_a_phone_nor_a_code_say_what_to_give(
    env: Path, typed: str
) -> None:
    result = runner.invoke(app, ["appointments", typed, "--database", "var/demo.db"])
    # the argument first: no database is needed to tell that it cannot be either
    assert result.exit_code == EXIT_DOMAIN, result.output
    assert result.output == (
        f"error: '{typed}' is neither a phone number nor a confirmation code: give the caller's "
        "phone number (10 digits) or an appointment's code (8 letters and digits, e.g. "
        "DEF6789A)\n"
    )


def test_appointments_of_a_name_are_those_of_the_callers_it_fits(env: Path) -> None:
    """`voice-agent appointments "ann lee"` was refused as neither a phone number nor a code,
    where the staff console's Find takes a name."""
    code = _seed(f"sqlite:///{env / 'cli.db'}")
    listed = [
        "Sarah Johnson  987-654-3210: 1 appointment",
        f"  {code.upper()}  2026-11-27 14:00  booked     Friday, November 27th at 2 PM",
    ]
    for typed in (["sarah johnson"], ["Sarah", "Johnson"], ["johnson"], ["SARAH"]):
        result = runner.invoke(app, ["appointments", *typed])
        assert result.exit_code == 0, result.output
        assert result.output.splitlines() == listed

    nobody = runner.invoke(app, ["appointments", "hello world"])
    assert nobody.exit_code == EXIT_DOMAIN
    assert nobody.output.startswith("error: no caller named 'hello world' in SQLite file")


def test_a_name_several_callers_have_lists_them_to_choose_from(env: Path) -> None:
    _seed(f"sqlite:///{env / 'cli.db'}")

    async def another() -> None:
        settings = Settings(database_url=f"sqlite:///{env / 'cli.db'}", _env_file=None)  # type: ignore[call-arg]
        container = await bootstrap(settings, clock=FixedClock(NOW))
        try:
            await container.scheduling.identify("6175550142", "Sarah Lee")
        finally:
            await container.aclose()

    asyncio.run(another())
    result = runner.invoke(app, ["appointments", "sarah"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "2 callers named 'sarah':",
        "  Sarah Johnson  987-654-3210",
        "  Sarah Lee  617-555-0142",
        "  (one caller's appointments: voice-agent appointments 987-654-3210)",
    ]


@pytest.mark.parametrize(("typed", "has"), [("NU9AW5PO", "O"), ("abc1 23il", "1 and I and L")])
def test_a_code_with_a_character_codes_never_hold_says_which(
    env: Path, typed: str, has: str
) -> None:
    """A code copied with an O for a 0 (or read off a screen) was "neither a phone number nor
    a confirmation code: give ... 8 letters and digits", which it was."""
    result = runner.invoke(app, ["appointments", *typed.split(), "--database", "var/demo.db"])
    assert result.exit_code == EXIT_DOMAIN, result.output
    assert result.output.startswith(
        f"error: '{typed}' is not a confirmation code: codes never hold 0, O, 1, I or L, "
        f"and it has {has}; check the code"
    ), result.output


def test_appointments_in_a_named_database(env: Path) -> None:
    # the quick start: after the demo, its database is read with --database
    demo_db = env / "var" / "demo.db"
    code = _seed(f"sqlite:///{demo_db}")
    result = runner.invoke(app, ["appointments", "987-654-3210", "--database", str(demo_db)])
    assert result.exit_code == 0, result.output
    # the number as the receptionist writes it in chat ("987-654-3210"), not 9876543210
    assert "Sarah Johnson  987-654-3210: 1 appointment" in result.output
    # the code as the caller was told it, typed: upper case, not spelled out
    assert f"{code.upper()}  2026-11-27 14:00  booked" in result.output


def test_the_commands_suggested_look_in_the_database_that_was_named(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After `appointments CODE --database var/demo.db` the suggested `voice-agent
    appointments 987-654-3210` had no --database and said "no database at
    var/voice_agent.db"; `slots` suggested other days the same way."""
    _at(monkeypatch, datetime(2026, 11, 27, 22, 0, tzinfo=UTC))  # Friday, 17:00 in New York
    demo_db = Path("var") / "demo.db"
    code = _seed(f"sqlite:///{env / demo_db}")
    found = runner.invoke(app, ["appointments", code, "--database", str(demo_db)])
    assert found.exit_code == 0, found.output
    suggested = "voice-agent appointments 987-654-3210 --database var/demo.db"
    assert f"  (all of theirs: {suggested})" in found.output
    again = runner.invoke(app, suggested.split()[1:])
    assert again.exit_code == 0 and "1 appointment" in again.output
    today = runner.invoke(app, ["slots", "today", "--database", str(demo_db)])
    assert "  (all of them: voice-agent slots 2026-11-30 --database var/demo.db)" in today.output
    # a URL's password is never printed in a suggestion; a path is quoted for the shell
    assert same_database("postgresql://u:pw@h/x") == " --database 'postgresql://u:***@h/x'"
    assert same_database("my clinic.db") == " --database 'my clinic.db'"
    assert same_database(None) == ""


def test_a_caller_lookup_never_creates_an_empty_database(env: Path) -> None:
    # a mistyped --database (or no demo run yet) says so instead of "no caller"
    result = runner.invoke(app, ["appointments", "9876543210", "--database", "var/demo.db"])
    assert result.exit_code == EXIT_STORAGE
    assert "no database at var/demo.db" in result.output and "db upgrade" in result.output
    assert not (env / "var" / "demo.db").exists()


def test_a_database_in_a_folder_that_is_not_there_says_so_not_to_create_it_there(
    env: Path,
) -> None:
    """`slots friday --database nothere/x.db` said "`voice-agent db upgrade` creates an empty
    one", and `db upgrade --database nothere/x.db` refused the folder."""
    for args in (["slots", "friday"], ["appointments", "9876543210"], ["purge"]):
        extra = ["--older-than", "9"] if args == ["purge"] else []
        result = runner.invoke(app, [*args, *extra, "--database", "nothere/x.db"])
        assert result.exit_code == EXIT_STORAGE, (args, result.output)
        text = " ".join(result.output.split())
        assert "no database at nothere/x.db: the folder nothere does not exist" in text, text
        assert "db upgrade" not in text, text


def test_slots_in_a_database_file_that_is_not_there_say_so_instead_of_all_free(
    env: Path,
) -> None:
    """`slots friday --database var/dmeo.db` made an empty database and listed all 7 slots
    free: a typo read as a clinic with no bookings."""
    result = runner.invoke(app, ["slots", "friday", "--database", "var/dmeo.db"])
    assert result.exit_code == EXIT_STORAGE, result.output
    assert result.output.startswith("error: no database at var/dmeo.db")
    assert not (env / "var" / "dmeo.db").exists()
    # the clinic's own database (DATABASE_URL) is still made on first use
    assert runner.invoke(app, ["slots", "friday"]).exit_code == 0


@pytest.mark.parametrize("command", [["slots", "friday"], ["appointments", "9876543210"]])
@pytest.mark.parametrize("empty", ["", "   "])
def test_an_empty_database_option_is_refused_not_read_as_the_default(
    env: Path, command: list[str], empty: str
) -> None:
    """`--database "$DB"` with DB unset listed the default database's slots, and blanks made
    a database file named "   " in the working directory. It is a usage error (exit 2, as
    any option's wrong value; it was 4, a setting's), which says what to give."""
    result = runner.invoke(app, [*command, "--database", empty])
    assert result.exit_code == EXIT_DOMAIN, result.output
    assert f"Try 'root {command[0]} --help' for help." in result.output
    assert "Invalid value for '--database': it is empty: give a SQLite file" in result.output
    assert sorted(p.name for p in env.iterdir()) == []


@pytest.mark.parametrize(
    "command", [["slots", "friday"], ["doctor"], ["demo"], ["db", "upgrade"], ["purge"]]
)
def test_an_empty_database_option_is_a_usage_error_for_every_command_before_the_settings(
    env: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """Said whatever else is wrong: `doctor --database ""` with a bad setting ignored it."""
    monkeypatch.setenv("CLINIC_TIMEZONE", "Mars/Olympus")
    result = runner.invoke(app, [*command, "--database", ""])
    assert result.exit_code == EXIT_DOMAIN, result.output
    assert "Invalid value for '--database'" in result.output
    assert "it is empty: give a SQLite file" in result.output


def test_an_unreachable_database_is_named_without_its_password(env: Path) -> None:
    url = "postgresql://clinic:s3cret-pw@127.0.0.1:1/clinic"  # nothing listens on port 1
    result = runner.invoke(app, ["slots", "friday", "--database", url])
    assert result.exit_code == EXIT_STORAGE, result.output
    error = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert len(error) == 1 and "127.0.0.1:1/clinic" in error[0], result.output
    assert "check DATABASE_URL" in error[0]
    assert "s3cret-pw" not in result.output and "Please" not in result.output
    # said once: the store's warning about it was printed on stderr before the error
    assert result.output.count("127.0.0.1:1/clinic is unavailable") == 1, result.output


def test_a_storage_failure_mid_command_is_phrased_for_the_terminal(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from typer import Exit

    from voice_agent.adapters.storage.database import UNAVAILABLE
    from voice_agent.config import get_settings
    from voice_agent.domain.errors import StorageUnavailable
    from voice_agent.entrypoints.cli import _run

    async def fails() -> None:
        raise StorageUnavailable(UNAVAILABLE)  # as the store raises it when the database goes

    with pytest.raises(Exit) as stopped:
        _run(fails(), get_settings())
    assert stopped.value.exit_code == EXIT_STORAGE
    err = capsys.readouterr().err
    assert err.startswith(f"error: SQLite file {env / 'cli.db'} is unavailable; check")
    assert UNAVAILABLE not in err


def test_a_database_url_without_a_driver_is_a_configuration_error(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It was a traceback (SQLAlchemy's ArgumentError, or no module MySQLdb)."""
    monkeypatch.setenv("DATABASE_URL", "garbage")
    result = runner.invoke(app, ["slots", "friday"])
    assert result.exit_code == EXIT_CONFIG, result.output
    assert "DATABASE_URL: not a database URL" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)

    monkeypatch.delenv("DATABASE_URL")
    given = "mysql://clinic:s3cret-pw@db/clinic"
    result = runner.invoke(app, ["db", "upgrade", "--database", given])
    assert result.exit_code == EXIT_DOMAIN, result.output  # the option's value: a usage error
    assert "'--database': 'mysql' databases are not supported" in result.output
    assert "s3cret-pw" not in result.output


def test_bad_configuration_names_the_variable(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLINIC_TIMEZONE", "Mars/Olympus")
    result = runner.invoke(app, ["slots", "friday"])
    assert result.exit_code == EXIT_CONFIG and "CLINIC_TIMEZONE" in result.output


@pytest.mark.parametrize(
    ("setting", "value", "said"),
    [
        ("SLOT_MINUTES", "0", "SLOT_MINUTES: 0 is too small: give at least 5"),
        ("SERVER_PORT", "99999", "SERVER_PORT: 99999 is too large: give at most 65535"),
        ("BOOKING_HORIZON_DAYS", "9O", "BOOKING_HORIZON_DAYS: '9O' is not a whole number"),
        ("VAD_MIN_SILENCE", "fast", "VAD_MIN_SILENCE: 'fast' is not a number (e.g. 0.5)"),
    ],
)
def test_a_setting_out_of_range_names_the_value_and_what_to_give(
    env: Path, monkeypatch: pytest.MonkeyPatch, setting: str, value: str, said: str
) -> None:
    """It said "SLOT_MINUTES: Input should be greater than or equal to 5"."""
    monkeypatch.setenv(setting, value)
    result = runner.invoke(app, ["slots", "friday"])
    assert result.exit_code == EXIT_CONFIG
    assert result.output == f"error: invalid configuration\n  {said}\n"


@pytest.mark.parametrize("command", ["dev", "start"])
def test_the_worker_names_a_bad_setting_like_every_command(
    env: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """`agent dev` with a setting out of range printed a traceback, not "error: ..."."""
    monkeypatch.setenv("CALL_MAX_SECONDS", "1")
    result = runner.invoke(app, ["agent", command])
    assert result.exit_code == EXIT_CONFIG, result.output
    assert "error: invalid configuration" in result.output
    assert "CALL_MAX_SECONDS" in result.output and "Traceback" not in result.output


def test_opening_hours_the_wrong_way_round_name_both_hours(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`CLINIC_OPEN=17:00` alone said "CLINIC_CLOSE must be after CLINIC_OPEN": the closing
    hour, a default nobody set, was not named."""
    monkeypatch.setenv("CLINIC_OPEN", "5 PM")
    result = runner.invoke(app, ["slots", "friday"])
    assert result.exit_code == EXIT_CONFIG
    assert "CLINIC_CLOSE (16:00) must be after CLINIC_OPEN (17:00)" in result.output


def test_an_unknown_phone_region_is_a_configuration_error(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It made every number 'not a valid phone number', naming the number, not the setting."""
    monkeypatch.setenv("PHONE_REGION", "XX")
    result = runner.invoke(app, ["appointments", "6465550177"])
    assert result.exit_code == EXIT_CONFIG
    assert "PHONE_REGION: unknown region 'XX'" in result.output


def test_a_settings_file_that_is_not_utf8_is_named_without_a_traceback(env: Path) -> None:
    (env / ".env").write_bytes(b"CLINIC_NAME=Caf\xe9 Clinic\n")  # Latin-1, as some editors save
    result = runner.invoke(app, ["slots", "friday"])
    assert result.exit_code == EXIT_CONFIG, result.output
    assert result.output.strip() == (
        f"error: cannot read the settings in {env / '.env'}: byte 15 is not UTF-8 (0xe9); "
        "save the file as UTF-8"
    )


def test_call_refuses_missing_or_empty_recordings(env: Path) -> None:
    missing = runner.invoke(app, ["call", "--audio", str(env / "nope.wav")])
    assert missing.exit_code == EXIT_DOMAIN and "does not exist" in missing.output
    empty = env / "empty.wav"
    import wave

    with wave.open(str(empty), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(16000)
    result = runner.invoke(app, ["call", "--audio", str(empty)])
    assert result.exit_code == EXIT_DOMAIN and "no audio" in result.output
    text = env / "notes.wav"
    text.write_text("not a wav file")
    bad = runner.invoke(app, ["call", "--audio", str(text)])
    assert bad.exit_code == EXIT_DOMAIN and "cannot read" in bad.output


def test_call_and_demo_refuse_an_output_folder_they_cannot_write_before_the_call(
    env: Path,
) -> None:
    """The call runs in real time: a folder that cannot take its recording is refused at
    once, not with a traceback at the end of the call (and the recording lost)."""
    (env / "blocker").write_text("a file where the folder should be")
    recording = env / "caller.wav"
    import wave

    with wave.open(str(recording), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(16000)
        wav.writeframes(b"\x10\x00" * 16000)
    for args, what in (
        (["call", "--audio", str(recording), "--out", "blocker/calls"], "the call's audio"),
        (["demo", "--out", "blocker/demo"], "the calls' audio"),
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == EXIT_DOMAIN, result.output
        assert result.output.splitlines()[-1] == (
            f"error: cannot write {what} in blocker/{args[-1].split('/')[-1]}: Not a directory; "
            "choose another folder with --out"
        )
        assert "Call started" not in result.output and "Traceback" not in result.output
    assert not (env / "var" / "demo.db").exists()  # the demo stopped before anything else
    # --out naming a file (the recording itself, say) said only "File exists"
    result = runner.invoke(app, ["call", "--audio", str(recording), "--out", "blocker"])
    assert result.exit_code == EXIT_DOMAIN, result.output
    assert result.output.splitlines()[-1] == (
        "error: cannot write the call's audio in blocker: it is a file, not a folder; "
        "choose another folder with --out"
    )


CONVERSATION = re.compile(r"^(agent > |you   > |summary: |cost   : |\(\d+ warnings? logged to |$)")


def test_chat_says_it_is_loading_before_the_seconds_of_silence_and_off_the_transcript(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """chat printed nothing for the seconds (13 on a busy machine) before the greeting."""
    from voice_agent.entrypoints import cli

    monkeypatch.setattr(cli, "_interactive", lambda: True)  # a person at the keyboard
    result = runner.invoke(app, ["chat", "--offline"], input="")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("Calling the receptionist (loading the agent) ...\n")
    assert result.stdout.startswith("agent > Hello"), result.stdout
    refused = runner.invoke(app, ["chat", "--phone", "12"], input="")
    assert refused.exit_code == 2 and "Calling" not in refused.output  # the error first


def test_chat_as_a_phone_call_books_by_keypad_and_yes(env: Path) -> None:
    """`chat --phone NUMBER` is a phone call from that number, typed: the caller is asked
    whether that number is their account (by no name: attack13), the keypad's menu is
    offered, and "1#" with yes and no books the call through without another word (there
    was no way to try this without a phone line)."""
    opened = runner.invoke(
        app, ["chat", "--offline"], input="Ann Lee, 646 555 0177, book Friday at 9\nyes\nyes\n"
    )
    assert opened.exit_code == 0, opened.output
    result = runner.invoke(
        app, ["chat", "--offline", "--phone", "646-555-0177"], input="yes\n1#\nno\nyes\nno\n"
    )
    assert result.exit_code == 0, result.output
    agent = [line for line in result.stdout.splitlines() if line.startswith("agent > ")]
    assert agent[0].startswith("agent > Hello, thanks for calling") and "Ann" not in agent[0]
    assert "the number you're calling from" in agent[0]
    assert "press 1 to book the earliest free time" in agent[1]
    assert "Shall I book it?" in agent[2] and "Shall I book it?" in agent[3]
    assert "You're booked" in agent[4]
    listing = runner.invoke(app, ["appointments", "6465550177"])
    assert listing.output.count("booked") == 2, listing.output
    refused = runner.invoke(app, ["chat", "--offline", "--phone", "12"], input="")
    assert refused.exit_code == 2 and "--phone" in refused.output


def test_typed_chat_shows_the_code_as_text_and_keeps_diagnostics_out(env: Path) -> None:
    lines = [
        "I'd like to book an appointment",
        "5551234567",
        "My name is Ada Lovelace",
        "saturday at 10 am",  # refused by the tools: the framework logs a ToolError warning
        "no, next wednesday at 2 pm",
        "yes",
        "no thanks, goodbye",
    ]
    result = runner.invoke(app, ["chat", "--offline"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    # the conversation alone on stdout: every line is the agent's, the caller's or the summary
    stray = [line for line in result.stdout.splitlines() if not CONVERSATION.match(line)]
    assert stray == []
    for line in lines:
        assert f"you   > {line}" in result.stdout  # piped lines are shown as said
    booked = re.search(r"Your confirmation code is (\S+)\.", result.stdout)
    assert booked is not None, result.stdout
    # typed text, not spelled out for speech ("c m 4 x ...")
    assert re.fullmatch(r"[A-Z0-9]{8}", booked.group(1))
    listing = runner.invoke(app, ["appointments", "5551234567"])
    assert f"{booked.group(1)}  " in listing.output and "booked" in listing.output
    # the refusal is an expected answer, not a problem: logged at INFO, no warning notice
    log_file = env / "var" / "log" / "voice-agent.log"
    logged = log_file.read_text()
    assert "INFO livekit.agents: ToolError while executing tool" in logged
    assert "WARNING livekit.agents: ToolError" not in logged
    # stderr says how many warnings there were, if any (other tests' environment can cause
    # one), and none of them is the refusal
    problems = [line for line in logged.splitlines() if " WARNING " in line or " ERROR " in line]
    notice = f"({len(problems)} warning{'s' if len(problems) != 1 else ''} logged to "
    assert result.stderr == "" if not problems else result.stderr.startswith(notice)


def test_purge_deletes_calls_older_than_asked_and_needs_an_age(env: Path) -> None:
    url = f"sqlite:///{env / 'cli.db'}"

    async def seed() -> None:
        settings = Settings(database_url=url, _env_file=None)  # type: ignore[call-arg]
        container = await bootstrap(settings)
        now = datetime.now(UTC)
        try:
            for days in (45, 2):
                conv = Conversation(
                    id=uuid.uuid4(), room_name=f"r{days}", started_at=now - timedelta(days=days)
                )
                conv.ended_at = conv.started_at + timedelta(minutes=3)
                await container.store.conversations.save(conv)
        finally:
            await container.aclose()

    asyncio.run(seed())
    refused = runner.invoke(app, ["purge"])
    assert refused.exit_code == EXIT_DOMAIN and "--older-than" in refused.output
    result = runner.invoke(app, ["purge", "--older-than", "30"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 call that ended more than 30 days ago deleted")
    assert runner.invoke(app, ["purge", "--older-than", "0"]).exit_code == 2


def test_purge_without_an_age_says_what_it_needs_as_a_usage_error(env: Path) -> None:
    """`voice-agent purge` with no --older-than and no CALL_RETENTION_DAYS exited 4 (a
    setting) and, on a fresh clone, said only that there was no database: the missing age is
    the caller's usage error (2, as the README documents), said before the database is
    looked for."""
    result = runner.invoke(app, ["purge"])
    assert result.exit_code == EXIT_DOMAIN, result.output
    assert "--older-than DAYS" in result.output and "CALL_RETENTION_DAYS" in result.output
    assert "no database" not in result.output
    # with an age, the missing database is still said, as before
    missing = runner.invoke(app, ["purge", "--older-than", "30"])
    assert missing.exit_code == EXIT_STORAGE and "no database" in missing.output


@pytest.mark.parametrize("days", ["1000000", "99999999999"])
def test_purge_refuses_an_age_past_the_calendar(env: Path, days: str) -> None:
    """Ages the calendar cannot count back (before year 1, or past a C int) ended in an
    OverflowError traceback; they are refused like 0, with the largest allowed."""
    result = runner.invoke(app, ["purge", "--older-than", days])
    assert result.exit_code == 2, result.output
    assert "36500" in result.output and "Traceback" not in result.output
    assert not isinstance(result.exception, OverflowError)


def _in_a_new_process(argv: list[str]) -> tuple[int, set[str], str]:
    """``voice-agent argv`` in a new Python (nothing imported yet): its exit code, the modules
    it imported and its output."""
    probe = (
        "import json, sys\n"
        "from typer.testing import CliRunner\n"
        "from voice_agent.entrypoints.cli import app\n"
        f"result = CliRunner().invoke(app, {argv!r})\n"
        "print(json.dumps([result.exit_code, sorted(sys.modules), result.output]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    status, loaded, output = json.loads(done.stdout.strip().splitlines()[-1])
    return status, set(loaded), output


def test_a_recording_that_cannot_be_played_is_refused_before_the_speech_stack_loads(
    env: Path,
) -> None:
    """An empty file, an MP3 renamed .wav or a text file waited for LiveKit Agents, the VAD
    and the recogniser to load (10 s on a busy machine) before being refused."""
    empty = env / "empty.wav"
    empty.write_bytes(b"")
    status, loaded, output = _in_a_new_process(["call", "--audio", str(empty)])
    assert (status, "livekit.agents" in loaded) == (EXIT_DOMAIN, False), output
    assert f"error: cannot read {empty}: the file is empty" in output
    assert "Loading the speech stack" not in output


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["slots", "--help"], ["slots"], ["call", "--audio"], ["no-such-command"]],
)
def test_help_and_usage_errors_load_no_database_library(argv: list[str]) -> None:
    """`voice-agent --help` took ~3 s at load 9: every command imported SQLAlchemy and
    Alembic through the composition root before reading its arguments."""
    status, loaded, output = _in_a_new_process(argv)
    assert status in (0, 2), output
    assert not loaded & {"sqlalchemy", "alembic", "livekit"}, sorted(loaded)


def test_serve_says_it_is_starting_and_names_a_wrong_setting_before_loading(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """serve printed nothing for the 5-30 s its imports take, and a wrong setting was named
    only after them."""
    monkeypatch.setenv("CLINIC_TIMEZONE", "PST")
    status, loaded, output = _in_a_new_process(["serve"])
    assert (status, "voice_agent.entrypoints.serve" in loaded) == (EXIT_CONFIG, False), output
    assert "CLINIC_TIMEZONE: unknown time zone 'PST'" in output
    assert "Starting the server" not in output
    from voice_agent.entrypoints import cli

    started: list[str] = []
    monkeypatch.delenv("CLINIC_TIMEZONE")
    monkeypatch.setenv("SERVER_PORT", str(_free_port()))  # 8081 may be another server's
    monkeypatch.setattr(
        "voice_agent.entrypoints.serve.serve", lambda settings: started.append("served")
    )
    result = runner.invoke(cli.app, ["serve"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Starting the server (loading the web server and the speech")
    assert started == ["served"]


def test_demo_refuses_a_scenario_name_it_does_not_have_before_loading_anything(env: Path) -> None:
    """`demo --only nosuch` loaded the speech stack, ran nothing and printed a table of nan."""
    result = runner.invoke(app, ["demo", "--only", "cancel", "--only", "nosuch"])
    assert result.exit_code == EXIT_DOMAIN
    assert result.output.startswith(
        "error: --only: no scenario's name contains 'nosuch'; the scenarios are 1-new-user-booking,"
    ), result.output
    assert not (env / "out").exists() and "Loading" not in result.output


def test_a_second_demo_on_the_same_database_is_refused_and_the_first_keeps_its_file(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two demos at once shared var/demo.db: the second deleted the first's file under it
    (a demo makes its database afresh) and each checked its calls against the other's
    bookings. The second is now refused, naming a database and folder of its own."""
    from voice_agent.entrypoints import demo as demo_module
    from voice_agent.entrypoints.database import held_alone

    ran: list[str] = []

    async def run_demo(settings: Settings, **_: object) -> list[object]:
        ran.append(settings.database_url)
        return []

    monkeypatch.setattr(demo_module, "run_demo", run_demo)
    db = env / "var" / "demo.db"
    db.parent.mkdir(parents=True)
    db.write_bytes(b"the first demo's calls")
    with held_alone(db):  # the first demo, still running
        second = runner.invoke(app, ["demo"])
    assert second.exit_code == EXIT_STORAGE, second.output
    assert "another demo is running on var/demo.db (process " in second.output
    assert "voice-agent demo --database" in second.output and "--out out/demo-2" in second.output
    assert ran == [] and db.read_bytes() == b"the first demo's calls"
    # once the first has ended, a demo runs on the file, made afresh
    after = runner.invoke(app, ["demo"])
    assert after.exit_code == 0, after.output
    assert ran == ["sqlite:///var/demo.db"] and not db.exists()


def test_a_second_demo_is_refused_before_the_speech_stack_is_imported(env: Path) -> None:
    """On a loaded machine the refused demo took 1 min 46 s to say so (load 33): it imported
    LiveKit and the engines first."""
    from voice_agent.entrypoints.database import held_alone

    probe = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from voice_agent.entrypoints.cli import app\n"
        "result = CliRunner().invoke(app, ['demo'])\n"
        "print(result.exit_code, 'livekit.agents' in sys.modules)\n"
    )
    db = env / "var" / "demo.db"
    with held_alone(db):  # the first demo, in this process: the probe is another
        done = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
        )
    assert done.stdout.strip() == f"{EXIT_STORAGE} False", done.stdout


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


USAGE = 2  # click's exit code for a usage error, an option's wrong value among them


@pytest.mark.parametrize(
    ("argv", "env_vars", "code", "said"),
    [
        (
            ["--host", "not a host"],
            {},
            USAGE,
            "Invalid value for '--host': 'not a host' is not an address or a name this "
            "machine can resolve; use 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)",
        ),
        (
            ["--host", "192.0.2.1"],  # TEST-NET-1: never an address of this machine
            {},
            USAGE,
            "Invalid value for '--host': '192.0.2.1' is not an address of this machine; "
            "use 127.0.0.1 or 0.0.0.0",
        ),
        (
            ["--port", "{taken}"],
            {},
            USAGE,
            "Invalid value for '--port': {taken} is in use on 127.0.0.1 (another server",
        ),
        (
            [],
            {"SERVER_HOST": "nope.invalid"},
            EXIT_CONFIG,
            "SERVER_HOST 'nope.invalid' is not an address or a name this machine can "
            "resolve; use 127.0.0.1 (this machine only) or 0.0.0.0 (every interface) (--host "
            "overrides it)",
        ),
        (
            [],
            {"SERVER_PORT": "{taken}"},
            EXIT_CONFIG,
            "SERVER_PORT {taken} is in use on 127.0.0.1 (another server",
        ),
    ],
)
def test_serve_names_an_address_it_cannot_listen_on_before_loading(
    env: Path,
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    env_vars: dict[str, str],
    code: int,
    said: str,
) -> None:
    """The server loaded for half a minute, then said "cannot listen on not a host:8081 ...
    is another server using that port?" for a host name that does not resolve. A value given
    as an option is a usage error (2) naming the option; it was exit 4, a setting's, though no
    setting was wrong. A setting's value stays exit 4, naming the setting."""
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        argv = [a.replace("{taken}", port) for a in argv]
        for name, value in env_vars.items():
            monkeypatch.setenv(name, value.replace("{taken}", port))
        probe = (
            "import sys\n"
            "from typer.testing import CliRunner\n"
            "from voice_agent.entrypoints.cli import app\n"
            f"result = CliRunner().invoke(app, ['serve', *{argv!r}])\n"
            "print(result.exit_code, 'voice_agent.entrypoints.serve' in sys.modules)\n"
            "print(result.output)\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
        )
    status, _, output = done.stdout.partition("\n")
    assert status == f"{code} False", done.stdout
    assert said.replace("{taken}", port) in output, output
    assert "Starting the server" not in output
    if code == USAGE:
        assert "serve --help' for help." in output  # click's usage error, the option named
    else:
        assert "error: " + said.replace("{taken}", port) in output


def test_serve_refuses_an_empty_host_instead_of_ignoring_it(env: Path) -> None:
    """`serve --host "$HOST"` with HOST unset served on SERVER_HOST without a word."""
    result = runner.invoke(app, ["serve", "--host", " "])
    assert result.exit_code == USAGE, result.output
    assert "Invalid value for '--host': it is empty" in result.output
    assert "Starting the server" not in result.output


@pytest.mark.parametrize(
    ("argv", "starts"),
    [
        (
            ["appointments", "9" * 5000],
            "error: '999999999999999999999999999999...' (5000 characters) ",
        ),
        (["slots", "next " * 100], "error: cannot read 'next next next next next next ...' (500 "),
        (
            ["appointments", "a " * 300],
            "error: 'a a a a a a a a a a a a a a a ...' (600 characters) ",
        ),
    ],
)
def test_a_long_argument_is_quoted_back_by_its_start_and_length(
    env: Path, argv: list[str], starts: str
) -> None:
    """5,000 digits pasted by mistake were printed back whole, over the advice."""
    result = runner.invoke(app, argv)
    assert result.exit_code == EXIT_DOMAIN
    assert result.output.startswith(starts), result.output[:200]
    assert len(result.output) < 300


def test_a_database_slow_to_open_is_said_while_it_is_waited_for(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database server that does not answer left the terminal silent for 30 s."""
    from contextlib import asynccontextmanager

    from voice_agent.domain.errors import StorageUnavailable
    from voice_agent.entrypoints import cli

    @asynccontextmanager
    async def slow(settings: Settings, **options: object):  # type: ignore[no-untyped-def]
        await asyncio.sleep(0.5)
        raise StorageUnavailable("unavailable")
        yield

    monkeypatch.setattr(cli, "application", slow)
    monkeypatch.setattr(cli, "SLOW_CONNECT_SECONDS", 0.1)
    result = runner.invoke(app, ["slots", "friday"])
    assert result.exit_code == EXIT_STORAGE
    assert result.stderr.startswith(f"(connecting to SQLite file {env / 'cli.db'} ...)\n")
    monkeypatch.setattr(cli, "SLOW_CONNECT_SECONDS", 5.0)
    quick = runner.invoke(app, ["slots", "friday"])
    assert "connecting" not in quick.stderr


def _caller_wav(path: Path) -> Path:
    import wave

    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(16000)
        wav.writeframes(b"\x10\x00" * 16000)
    return path


def test_chat_and_call_name_a_provider_set_without_its_key_without_a_traceback(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`LLM_PROVIDER=openai` with no OPENAI_API_KEY: `chat` and `call` printed a 60-line
    traceback (ProviderConfigError) after the seconds of loading; `serve` and the worker said
    it in one line, as a setting (exit 4)."""
    for name in ("OPENAI_API_KEY", "DEEPGRAM_API_KEY", "CARTESIA_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LLM_PROVIDER", "openai")
    chat = runner.invoke(app, ["chat"], input="goodbye\n")
    assert chat.exit_code == EXIT_CONFIG, chat.output
    assert chat.output.startswith("error: OPENAI_API_KEY is not set (LLM_PROVIDER=openai)")
    assert "chat --offline" in chat.output and "agent >" not in chat.output
    assert runner.invoke(app, ["chat", "--offline"], input="").exit_code == 0  # as it says
    monkeypatch.setenv("LLM_PROVIDER", "auto")
    monkeypatch.setenv("STT_PROVIDER", "deepgram")
    call = runner.invoke(app, ["call", "--audio", str(_caller_wav(env / "caller.wav"))])
    assert call.exit_code == EXIT_CONFIG, call.output
    assert call.output.splitlines()[-1].startswith(
        "error: DEEPGRAM_API_KEY is not set (STT_PROVIDER=deepgram)"
    )
    assert "Loading the speech stack" not in call.output  # said before the seconds of loading
    assert call.exception is None or isinstance(call.exception, SystemExit)


def test_agent_help_shows_the_help_whatever_the_settings(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`voice-agent agent dev --help` with a bad setting in the environment printed the
    setting's error (exit 4) instead of the help; running the worker still refuses it."""
    monkeypatch.setenv("SLOT_MINUTES", "abc")
    for args in (["agent", "--help"], ["agent", "dev", "--help"], ["agent", "console", "--help"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
        assert result.output.startswith("Usage: voice-agent agent"), result.output
    refused = runner.invoke(app, ["agent", "dev"])
    assert refused.exit_code == EXIT_CONFIG
    assert "SLOT_MINUTES: 'abc' is not a whole number" in refused.output


@pytest.mark.parametrize(
    "argv",
    [
        ["agent", "dev", "--bogus"],
        ["agent", "start", "--bogus"],
        ["agent", "connect", "--bogus"],
        ["agent", "connect", "--room"],
        ["agent", "console", "--bogus"],
    ],
)
def test_an_unknown_agent_flag_is_named_before_any_setting(
    env: Path, argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`agent dev --bogus` with no LiveKit settings said those were missing (exit 4), and the
    typo only once they were set: a command line the framework refuses is named first (exit
    2), whatever the environment (no LiveKit project, a bad setting, input not a terminal)."""
    from voice_agent.entrypoints import cli

    for name in ("LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SLOT_MINUTES", "abc")
    monkeypatch.setattr("sys.argv", ["voice-agent", *argv])
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # no terminal either
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "LIVEKIT" not in err and "SLOT_MINUTES" not in err and "terminal" not in err, err
    named = argv[-1]
    assert named in err and ("No such option" in err or "requires an argument" in err), err


def test_errors_keep_within_80_columns_on_a_terminal_and_to_one_line_in_a_file(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 170-character error ran past an 80-column terminal and broke mid-word there."""
    from voice_agent.entrypoints import cli

    monkeypatch.chdir(env)  # the file named as a user types it: the commands name it so
    text = Path("notes.wav")
    text.write_bytes(b"ID3\x04\x00" + bytes(100))  # an MP3: told how to convert it
    piped = runner.invoke(app, ["call", "--audio", str(text)])
    assert piped.exit_code == EXIT_DOMAIN
    assert len(piped.output.strip().splitlines()) == 1  # to a file: one line, for grep
    monkeypatch.setattr(cli, "_stderr_is_terminal", lambda: True)
    shown = runner.invoke(app, ["call", "--audio", str(text)])
    assert shown.exit_code == EXIT_DOMAIN
    lines = shown.output.rstrip("\n").splitlines()
    assert len(lines) > 1 and all(len(line) <= 80 for line in lines), lines
    assert lines[0].startswith("error: cannot read") and lines[1].startswith("  ")
    assert " ".join(line.strip() for line in lines) == piped.output.strip()
    assert "`ffmpeg -i notes.wav -ar 16000 -ac 1 notes-16k.wav`" in shown.output  # never split


def test_a_call_behind_real_time_says_the_machine_is_too_slow_once(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from voice_agent.entrypoints import cli, logs

    setup = logs.configure(0, console=False)
    cli._say_when_too_slow(setup)
    for _ in range(5):
        logging.getLogger("livekit.plugins.silero").warning("VAD inference is slower than realtime")
    err = capsys.readouterr().err
    assert err.count("note: this machine is too slow for real time") == 1, err


def test_a_closed_day_names_the_next_day_with_free_slots(env: Path) -> None:
    """`slots saturday` said only that Saturday is a weekend day: the receptionist at the
    desk then had to work out and type the Monday."""
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    result = runner.invoke(app, ["slots", "saturday"])
    assert result.exit_code == EXIT_DOMAIN
    found = re.search(
        r"the next day with free slots is Monday, \w+ \d+\w\w: `voice-agent slots "
        r"(\d{4}-\d\d-\d\d)`$",
        result.output.strip(),
    )
    assert found is not None, result.output
    monday = date.fromisoformat(found.group(1))
    assert monday.weekday() == 0
    listing = runner.invoke(app, ["slots", found.group(1)])
    assert listing.exit_code == 0 and "7 of 7 slots free" in listing.output


@pytest.mark.parametrize("command", [["slots", "friday"], ["appointments", "9876543210"]])
def test_output_cut_short_by_its_reader_ends_quietly_with_0(env: Path, command: list[str]) -> None:
    """`voice-agent slots friday | head -1` exited 1 (click's answer to a closed pipe), or
    120 with "Exception ignored ... BrokenPipeError", whenever `head` had gone before the
    last line: a closed pipe ends the command quietly, with 0, as `seq 9 | head -1` does."""
    _seed(f"sqlite:///{env / 'cli.db'}")
    done = subprocess.Popen(
        [sys.executable, "-c", "from voice_agent.entrypoints.cli import main; main()", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert done.stdout is not None and done.stderr is not None
    done.stdout.close()  # the reader has gone before the first line: every write fails
    err = done.stderr.read().decode()
    assert done.wait(timeout=120) == 0, err
    assert err == ""


def test_verbose_names_each_migration_it_runs(env: Path) -> None:
    """`-v db upgrade` printed "Running <RevisionStep>" and "Context impl <str>." (the
    library arguments every record loses, lest they hold a caller's data): a migration's
    step is the project's own revision and title. They are the library's info lines: -vv
    shows them; -v, this program's debug messages, printed alembic's two lines before every
    command's output."""
    result = runner.invoke(app, ["-vv", "db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert "Context impl SQLiteImpl." in result.output
    assert re.search(r"Running upgrade +-> 0001, Initial schema", result.output), result.output
    migrations = "\n".join(line for line in result.output.splitlines() if "alembic" in line)
    assert "<RevisionStep>" not in migrations and "<str>" not in migrations, migrations
    again = runner.invoke(app, ["-v", "slots", "friday"])
    assert again.exit_code == 0, again.output
    assert "alembic" not in again.output and "Context impl" not in again.output, again.output


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["--log-file", "var/lgo/run.log", "slots", "friday"], "--log-file"),
        (["db", "upgrade", "--database", "var/dmeo/clinic.db"], "--database"),
        (["chat", "--offline", "--database", "var/dmeo/clinic.db"], "--database"),
        (["doctor", "--database", "var/dmeo/clinic.db"], "--database"),
    ],
)
def test_a_file_named_in_a_folder_that_is_not_there_is_refused_not_made(
    env: Path, argv: list[str], option: str
) -> None:
    """`--log-file var/lgo/run.log` (a typo) made var/lgo without a word, and so did
    `--database var/dmeo/clinic.db`, with an empty database in it: a file named on the command
    line goes in a folder that is there, as with `tee` or a shell's `>` (a usage error, 2)."""
    folder = argv[argv.index(option) + 1].rsplit("/", 1)[0]
    result = runner.invoke(app, argv, input="")
    assert result.exit_code == USAGE, result.output
    assert (
        f"Invalid value for '{option}': the folder {folder} does not exist; make it first "
        f"(mkdir -p {folder}) or name a file in a folder that exists"
    ) in result.output
    assert not (env / "var").exists()


@pytest.mark.parametrize(
    "argv", [["db", "upgrade"], ["chat", "--offline"], ["slots", "friday"], ["serve"]]
)
def test_database_url_in_a_folder_that_is_not_there_is_refused_as_the_option_is(
    env: Path, argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`DATABASE_URL=sqlite:////srv/clinc/x.db` (a typo) made the folders and a new, empty
    database in them, where every caller was new, while `--database` with the same path was
    refused: the setting is refused too (a setting, exit 4), and nothing is made."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{env}/clinc/data/x.db")
    result = runner.invoke(app, argv, input="")
    assert result.exit_code == EXIT_CONFIG, result.output
    assert (
        f"error: DATABASE_URL: the folder {env}/clinc/data does not exist; make it first "
        f"(mkdir -p {env}/clinc/data)"
    ) in result.output
    assert not (env / "clinc").exists()
    # DATA_DIR's own folder is made on first use, as before
    monkeypatch.setenv("DATA_DIR", str(env / "var"))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{env}/var/clinic.db")
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    assert (env / "var" / "clinic.db").exists()


def test_a_log_file_that_cannot_be_written_is_a_usage_error_not_a_traceback(env: Path) -> None:
    """`--log-file` in a folder that is a file, or one that cannot be written, printed a
    traceback from logging's set-up."""
    (env / "notes").write_text("a file, not a folder")
    in_a_file = runner.invoke(app, ["--log-file", "notes/run.log", "slots", "friday"])
    assert in_a_file.exit_code == USAGE, in_a_file.output
    assert "Invalid value for '--log-file': notes is a file, not a folder" in in_a_file.output
    assert in_a_file.exception is None or isinstance(in_a_file.exception, SystemExit)
    if not Path("/proc/self").is_dir():
        return  # a folder no one can make a file in, root included: Linux's /proc
    proc = runner.invoke(app, ["--log-file", "/proc/voice-agent.log", "slots", "friday"])
    assert proc.exit_code == USAGE, proc.output
    assert "Invalid value for '--log-file': cannot write /proc/voice-agent.log (" in proc.output
    assert "name another file" in proc.output


def test_a_log_file_in_a_folder_that_is_there_is_written(env: Path) -> None:
    (env / "logs").mkdir()
    result = runner.invoke(app, ["-v", "--log-file", "logs/run.log", "slots", "friday"])
    assert result.exit_code == 0, result.output
    assert (env / "logs" / "run.log").stat().st_size > 0


@pytest.mark.parametrize(
    "argv",
    [
        ["db", "upgrade", "--database", "var/clinic.db"],
        ["--log-file", "var/log/run.log", "slots", "friday"],
    ],
)
def test_a_file_in_the_programs_own_folder_is_made_with_it(env: Path, argv: list[str]) -> None:
    """DATA_DIR (var) and its log folder are made on first use: a fresh clone's
    `db upgrade --database var/clinic.db` is no typo."""
    result = runner.invoke(app, argv)
    assert result.exit_code == 0, result.output
    made = next(a for a in argv if a.startswith("var/"))
    assert (env / made).exists()


STAFF_TEST_KEY = "staff-key-for-the-cli-0123456789"


def test_staff_link_makes_a_first_device_link_the_server_takes_once(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A device link could only be made from a logged-in console: with the clinic's one
    address held at its limit by wrong keys (a phone on the waiting room's Wi-Fi) and nobody
    logged in yet, no browser there could get in. Whoever runs the server makes one from the
    command line; the server opens it once, for a device cookie."""
    import httpx

    from voice_agent.adapters.api import ApiServices, create_app
    from voice_agent.adapters.api.security import StaffAuth

    url = f"sqlite:///{env / 'cli.db'}"
    _seed(url)  # the server's database, as `serve` leaves it
    monkeypatch.setenv("STAFF_API_KEY", STAFF_TEST_KEY)
    result = runner.invoke(app, ["staff", "link", "--url", "https://clinic.example/"])
    assert result.exit_code == 0, result.output
    (link,) = re.findall(r"https://clinic\.example/staff/device\?link=\S+", result.output)
    assert "10 minutes" in result.output and "once" in result.output
    path = link.removeprefix("https://clinic.example")

    async def open_twice() -> list[httpx.Response]:
        settings = Settings(  # type: ignore[call-arg]
            database_url=url,
            staff_api_key=STAFF_TEST_KEY,
            allowed_hosts=["testserver"],
            _env_file=None,
        )
        container = await bootstrap(settings)
        services = ApiServices(
            clock=container.clock, scheduling=container.scheduling, store=container.store
        )
        try:
            served = create_app(settings, services)
            served.state.api.services = services
            transport = httpx.ASGITransport(app=served, raise_app_exceptions=False)
            async with httpx.AsyncClient(
                transport=transport, base_url="http://testserver"
            ) as browser:
                first = await browser.post(path)
                assert browser.cookies.get(StaffAuth.DEVICE_COOKIE)
                return [first, await browser.post(path)]
        finally:
            await container.aclose()

    first, second = asyncio.run(open_twice())
    assert first.status_code == 303 and second.status_code == 403


def test_staff_link_says_which_browser_opens_it_and_when(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The link came with "Open it once ... in the browser to let in" and the command's help
    with "lets a new browser in to log in": which browser, let in where?"""
    _seed(f"sqlite:///{env / 'cli.db'}")
    monkeypatch.setenv("STAFF_API_KEY", STAFF_TEST_KEY)
    result = runner.invoke(app, ["staff", "link", "--url", "https://clinic.example"])
    assert result.exit_code == 0, result.output
    told = result.output.splitlines()[1]
    assert re.fullmatch(
        r"Open it once, within 10 minutes \(until \d\d:\d\d clinic time\), in the browser "
        r"that is to get in, press its button, then log in there with the staff key\. For a "
        r"script: POST to it, keep the cookie it sets \(curl -X POST -c jar\) and send "
        r"X-Staff-Key with it\.",
        told,
    ), told
    helped = runner.invoke(app, ["staff", "--help"])
    assert "link  A one-time link for a browser that has never logged in." in helped.output


def test_staff_link_without_a_staff_key_says_the_page_is_off(env: Path) -> None:
    _seed(f"sqlite:///{env / 'cli.db'}")
    result = runner.invoke(app, ["staff", "link"])
    assert result.exit_code == EXIT_CONFIG, result.output
    assert "STAFF_API_KEY" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("clinic.example", "e.g. https://clinic.example"),
        ("notaurl", "with http:// or https://"),
        ("ftp://clinic.example", "with http:// or https://"),
        ("https://", "with http:// or https://"),
        ("https://clinic.example/?next=1", "has a query or a fragment"),
    ],
)
def test_staff_link_refuses_an_address_no_browser_opens(
    env: Path, monkeypatch: pytest.MonkeyPatch, url: str, said: str
) -> None:
    """`staff link --url clinic.example` printed "clinic.example/staff/device?link=...", a
    link no browser opens, and recorded it: a usage error now, before anything is made."""
    _seed(f"sqlite:///{env / 'cli.db'}")
    monkeypatch.setenv("STAFF_API_KEY", STAFF_TEST_KEY)
    result = runner.invoke(app, ["staff", "link", "--url", url])
    assert result.exit_code == 2, result.output
    assert said in result.output and "staff/device" not in result.output


def test_a_recording_named_with_terminal_controls_never_drives_the_terminal(env: Path) -> None:
    """attack11: `call --audio` printed the file's name as it was, in its error and its
    notes: a file named with an escape sequence (here OSC 52, which has many terminals put
    text on the clipboard, and a bell) left in a shared folder ran it in the terminal of
    whoever played it. Control characters are shown as their escapes."""
    name = "caller\x1b]52;c;ZWNobyBvd25lZA==\x07\x1b[2J\r.wav"
    hostile = env / name
    hostile.write_text("not a wav file")
    result = runner.invoke(app, ["call", "--audio", str(hostile)])
    assert result.exit_code == EXIT_DOMAIN, result.output
    assert "cannot read" in result.output
    assert not any(c in result.output for c in "\x1b\x07\r")
    assert "\\x1b]52;c;" in result.output


@pytest.mark.parametrize(
    ("setting", "value", "host", "refused"),
    [
        ("STAFF_API_KEY", "admin", "0.0.0.0", True),
        ("SUMMARY_SECRET", "hunter2", "0.0.0.0", True),
        # `livekit-server --dev`'s secret, signing the summary tokens without SUMMARY_SECRET
        ("LIVEKIT_API_SECRET", "devsecret", "0.0.0.0", True),
        ("STAFF_API_KEY", "admin", "127.0.0.1", False),  # a developer's own machine
        ("STAFF_API_KEY", "kP3v9-Qz7wX2mB8r", "0.0.0.0", False),
    ],
)
def test_serve_refuses_a_guessable_key_on_an_address_others_reach(
    env: Path,
    monkeypatch: pytest.MonkeyPatch,
    setting: str,
    value: str,
    host: str,
    refused: bool,
) -> None:
    """attack11: `STAFF_API_KEY=admin voice-agent serve --host 0.0.0.0` served every patient's
    name, number, appointments and call transcripts to the network behind the key "admin"
    (one of the first words any guesser tries; ENVIRONMENT is development unless set, and only
    production checked the keys), and a guessable SUMMARY_SECRET let anyone sign a summary
    token for any room. A server others reach refuses them as production does."""
    from voice_agent.entrypoints import cli

    started: list[str] = []
    monkeypatch.setenv(setting, value)
    monkeypatch.setenv("SERVER_PORT", str(_free_port()))
    monkeypatch.setattr(
        "voice_agent.entrypoints.serve.serve", lambda settings: started.append("served")
    )
    result = runner.invoke(cli.app, ["serve", "--host", host])
    if refused:
        assert result.exit_code == EXIT_CONFIG, result.output
        assert setting in result.output and "Starting the server" not in result.output
        assert value not in result.output.replace(setting, "")
        assert started == []
    else:
        assert result.exit_code == 0, result.output
        assert started == ["served"]


@pytest.mark.parametrize(
    ("signum", "message"), [(signal.SIGINT, STOPPED_BY_USER), (signal.SIGTERM, None)]
)
async def test_ctrl_c_stops_a_command_as_the_user_and_sigterm_as_the_server(
    signum: int, message: str | None
) -> None:
    """A `call` stopped with Ctrl-C was summarised "closed by the server": the command's
    task is cancelled with STOPPED_BY_USER for Ctrl-C, which the call's record keeps."""
    seen: list[tuple[object, ...]] = []

    async def a_call() -> None:
        asyncio.get_running_loop().call_soon(os.kill, os.getpid(), signum)
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError as stop:
            seen.append(stop.args)
            raise

    with pytest.raises(cli._Stopped) as stopped:
        await cli._until_signalled(a_call())
    assert stopped.value.signum == signum
    assert seen == [(message,) if message else ()]
