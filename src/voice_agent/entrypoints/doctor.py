"""``voice-agent doctor``: what is configured and what works, each finding with its fix.

Every check looks without changing anything: a SQLite file that does not exist is not
created, no migration runs, no cloud key is sent anywhere (a key is reported as set, not as
valid). A finding is ``ok``, ``info`` (fine as it is, with a way to get more), ``warn``
(an optional part does not work) or ``fail`` (something needed is broken: the command exits
non-zero).
"""

from __future__ import annotations

import asyncio
import difflib
import importlib
import importlib.util
import os
import shutil
import tempfile
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlparse

from pydantic import ValidationError

from voice_agent.config import Settings, get_settings
from voice_agent.domain.clinic import ClinicProfileError
from voice_agent.domain.errors import StorageUnavailable
from voice_agent.domain.weekdays import day_abbreviation
from voice_agent.entrypoints.cli_errors import counted, setting_problem, undecodable_env_file
from voice_agent.entrypoints.database import describe_database, own_folder, sqlite_file

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from voice_agent.adapters.engine_choice import Kind

Status = Literal["ok", "info", "warn", "fail"]
MARK: dict[Status, str] = {"ok": "ok", "info": "--", "warn": "warn", "fail": "FAIL"}
DB_TIMEOUT = 5.0


@dataclass(frozen=True)
class Finding:
    topic: str
    status: Status
    what: str
    fix: str | None = None


# --- configuration -------------------------------------------------------------------------
def configuration(settings: Settings | None, env_file: Path) -> Finding:
    where = (
        f".env read from {env_file.resolve()}"
        if env_file.is_file()
        else f"no .env in {Path.cwd()}: the environment and the defaults"
    )
    fix = None if env_file.is_file() else "cp .env.example .env, then fill in what you have"
    if settings is None:
        return Finding("configuration", "ok", where, fix)
    return Finding("configuration", "ok", f"{where}; ENVIRONMENT={settings.environment}", fix)


SETTINGS_FIX = "correct it in .env or the environment (README.md, Configuration)"


def read_settings(
    read: Callable[..., Settings] = get_settings, *, env_file: Path = Path(".env")
) -> tuple[Settings | None, list[Finding]]:
    """The settings to check the rest with, and a failed finding for each setting that cannot
    be read: doctor is where a developer looks when a setting is wrong, and it stopped at the
    first one with "invalid configuration" (exit 4), checking nothing. A setting with a bad
    value is checked on with its default, said so in its finding; None when the settings
    cannot be read at all (the checks that need them are left out)."""
    try:
        return read(), []
    except UnicodeDecodeError as exc:  # the .env file, read as UTF-8
        problem = undecodable_env_file(exc, env_file)
        return None, [Finding("configuration", "fail", problem, "save the file as UTF-8")]
    except ValidationError as exc:
        errors = exc.errors()
    defaults: dict[str, object] = {}
    for error in errors:
        field = _field_named(str(error["loc"][0])) if error["loc"] else None
        if field is not None:
            defaults[field] = Settings.model_fields[field].get_default(call_default_factory=True)
    try:
        settings: Settings | None = read(**defaults)
    except (ValidationError, UnicodeDecodeError):
        settings = None  # a rule over several settings (CLINIC_CLOSE after CLINIC_OPEN)
    findings: list[Finding] = []
    for error in errors:
        field = _field_named(str(error["loc"][0])) if error["loc"] else None
        if settings is not None and field is not None:
            fix = f"{SETTINGS_FIX}; the checks below use its default, {defaults[field]!s}"
        elif settings is None:
            fix = f"{SETTINGS_FIX}; the checks that need the settings are left out until then"
        else:
            fix = SETTINGS_FIX
        findings.append(Finding("setting", "fail", setting_problem(error), fix))
    return settings, findings


def _field_named(name: str) -> str | None:
    """The settings field a validation error's location names (a field, or one of its
    environment names)."""
    if name in Settings.model_fields:
        return name
    for field, info in Settings.model_fields.items():
        if name in getattr(info.validation_alias, "choices", ()):
            return field
    return None


def _setting_names() -> set[str]:
    names = {name.upper() for name in Settings.model_fields}
    for field in Settings.model_fields.values():
        choices = getattr(field.validation_alias, "choices", ())
        names.update(str(choice).upper() for choice in choices)
    return names


def unknown_variables(env_file: Path, environ: Mapping[str, str]) -> Finding | None:
    """Names that look meant for this program but are none of its settings: every name in
    ``.env`` (nothing else reads it), and those in the environment within a typo of a
    setting. Settings ignore names they do not know, so ``CLINC_NAME=...`` left the greeting
    unchanged without a word."""
    from dotenv import dotenv_values

    known = _setting_names()
    in_file = dotenv_values(env_file) if env_file.is_file() else {}
    notes: list[str] = []
    for name in sorted(in_file):
        if name.upper() in known:
            continue
        close = difflib.get_close_matches(name.upper(), known, n=1, cutoff=0.6)
        notes.append(f"{name} in .env" + (f" (did you mean {close[0]}?)" if close else ""))
    for name in sorted(environ):
        if name.upper() in known or name in in_file:
            continue
        close = difflib.get_close_matches(name.upper(), known, n=1, cutoff=0.85)
        if close:
            notes.append(f"{name} in the environment (did you mean {close[0]}?)")
    if not notes:
        return None
    return Finding(
        "variables",
        "warn",
        "not settings of this program, so ignored: " + "; ".join(notes),
        "rename them (the names are in README.md, Configuration), or remove them",
    )


# --- database ------------------------------------------------------------------------------
def _cannot_connect(name: str, exc: Exception) -> Finding:
    from voice_agent.adapters.storage.faults import is_refused_connection

    # the server's own words ('database "clinic" does not exist') hold no password; other
    # drivers' messages may quote the URL, so only their type is shown
    why = type(exc).__name__
    if isinstance(exc, StorageUnavailable) and exc.detail.get("reason"):
        why = exc.detail["reason"]
    elif is_refused_connection(exc):
        orig = getattr(exc, "orig", exc)
        why = str(orig).strip().splitlines()[0][:200] if str(orig).strip() else why
    return Finding(
        "database",
        "fail",
        f"{name}: cannot connect ({why})",
        "check DATABASE_URL (host, port, user, password, database name) and that the "
        "server is running",
    )


async def database(settings: Settings) -> Finding:
    url = settings.database_url
    name = describe_database(url)
    path = sqlite_file(url)
    if path is not None:
        if not path.exists():
            parent = _existing_parent(path)
            if not _can_create_in(parent):
                return Finding(
                    "database",
                    "fail",
                    f"{name} does not exist and {parent} is not writable",
                    f"make {parent} writable, or point DATABASE_URL (or --database) elsewhere",
                )
            if not (path.parent.is_dir() or own_folder(path.parent, settings.data_dir)):
                return Finding(
                    "database",
                    "fail",
                    f"{name}: the folder {path.parent} does not exist, and no command makes "
                    "it (a typo there would be a new, empty database)",
                    f"mkdir -p {path.parent}, or point DATABASE_URL (or --database) elsewhere",
                )
            return Finding(
                "database",
                "ok",
                f"{name}: not created yet; the first chat, call or serve creates it",
                "voice-agent db upgrade creates it now",
            )
        if not os.access(path, os.R_OK | os.W_OK):
            return Finding(
                "database",
                "fail",
                f"{name} is read-only for this user: calls could not be recorded",
                f"chmod u+rw {path} (and its directory), or run as its owner",
            )
    # the libraries loaded and the migrations read before the clock starts: on a busy
    # machine that took over 5 s, and a local SQLite file was "no answer within 5 s"
    head = _migrations_head()
    try:
        facts = await asyncio.wait_for(_database_facts(url, head), DB_TIMEOUT)
    except TimeoutError:
        return Finding(
            "database",
            "fail",
            f"{name}: no answer within {DB_TIMEOUT:.0f} s",
            "check the host and port in DATABASE_URL and that the server is running",
        )
    except StorageUnavailable as exc:
        reason, advice = exc.detail.get("reason"), exc.detail.get("advice")
        if path is None or not reason or not advice:
            return _cannot_connect(name, exc)
        return Finding("database", "fail", f"{name}: {reason}", advice)
    except Exception as exc:  # any driver's failure to connect is the finding itself
        return _cannot_connect(name, exc)
    revision, head, counts = facts
    if revision is None:
        return Finding(
            "database", "warn", f"{name}: reachable, but no schema yet", "voice-agent db upgrade"
        )
    if revision != head:
        return Finding(
            "database",
            "warn",
            f"{name}: reachable, schema at {revision}, the latest is {head}",
            "voice-agent db upgrade (the agent and the server also upgrade at start)",
        )
    readable = _readable_by_others(path) if path is not None else []
    if readable:
        files = ", ".join(readable)
        return Finding(
            "database",
            "warn",
            f"{name}: reachable, schema at {revision} (latest); {counts}; but other accounts on "
            f"this machine can read it ({files}): callers' names, numbers and transcripts",
            f"chmod 600 {path}*  (new databases are made owner-only)",
        )
    return Finding("database", "ok", f"{name}: reachable, schema at {revision} (latest); {counts}")


def _readable_by_others(path: Path) -> list[str]:
    """The SQLite file and its -wal/-shm that accounts other than the owner may read, with
    their modes (made before new databases were created owner-only)."""
    found: list[str] = []
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            mode = candidate.stat().st_mode & 0o777
        except OSError:
            continue
        if mode & 0o044:
            found.append(f"{candidate.name} {mode:04o}")
    return found


def _can_create_in(folder: Path) -> bool:
    """Whether a folder can be made in ``folder`` (and is removed again). Permission bits do
    not tell: root passes every check, on /proc and on a share that maps root to nobody."""
    try:
        with tempfile.TemporaryDirectory(dir=folder, prefix=".voice-agent-doctor-"):
            return True
    except OSError:
        return False


def _existing_parent(path: Path) -> Path:
    parent = path.absolute().parent
    while not parent.exists():
        parent = parent.parent
    return parent


def _migrations_head() -> str:
    """The latest schema revision; loads the database libraries :func:`_database_facts` uses."""
    from alembic.script import ScriptDirectory

    from voice_agent.adapters.storage import open_store  # noqa: F401 - loaded, not timed
    from voice_agent.adapters.storage.migrate import MIGRATIONS

    return ScriptDirectory(str(MIGRATIONS)).get_current_head() or "?"


async def _database_facts(url: str, head: str) -> tuple[str | None, str, str]:
    import sqlalchemy as sa
    from sqlalchemy.ext.asyncio import AsyncEngine

    from voice_agent.adapters.storage import open_store
    from voice_agent.adapters.storage.migrate import current

    store = await open_store(url, migrate=False, pool_size=1)
    try:
        await store.ping()
        engine: AsyncEngine = store.engine
        revision = await current(engine)
        counts = ""
        if revision is not None:
            async with engine.connect() as conn:
                numbers = [
                    (await conn.execute(sa.text(f"SELECT count(*) FROM {table}"))).scalar_one()
                    for table in ("users", "appointments", "conversations")
                ]
            callers, booked, calls = numbers
            counts = (
                f"{counted(callers, 'caller')}, {counted(booked, 'appointment')}, "
                f"{counted(calls, 'call')} recorded"
            )
        return revision, head, counts
    finally:
        await store.close()


# --- providers -----------------------------------------------------------------------------
_KINDS: dict[Kind, tuple[str, str, str]] = {
    "stt": ("speech-to-text", "pocketsphinx", "Deepgram {deepgram_model}"),
    "tts": ("text-to-speech", "espeak-ng", "Cartesia {cartesia_model}"),
    "llm": ("language model", "the dialogue engine", "OpenAI {openai_model}"),
}


def _key_state(settings: Settings, field: str) -> str:
    raw = getattr(settings, field)
    value = raw.get_secret_value() if hasattr(raw, "get_secret_value") else raw
    if not value or not str(value).strip():
        return "is not set"
    return "is set" if settings.secret(field) else "holds a placeholder"


def providers(settings: Settings) -> list[Finding]:
    from voice_agent.adapters.engine_choice import CLOUD_PROVIDERS, ProviderConfigError, choose

    findings: list[Finding] = []
    for kind, (topic, offline, cloud_template) in _KINDS.items():
        configured = getattr(settings, f"{kind}_provider")
        _, key_field, env = CLOUD_PROVIDERS[kind]
        cloud = cloud_template.format(**settings.model_dump())
        if kind == "llm" and settings.openai_base_url:
            cloud = f"the OpenAI-compatible server at {settings.openai_base_url}"
        setting = f"{kind.upper()}_PROVIDER={configured}"
        try:
            mode = choose(settings, kind)
        except ProviderConfigError as exc:
            findings.append(
                Finding(topic, "fail", str(exc), f"set {env}, or {kind.upper()}_PROVIDER=auto")
            )
            continue
        if mode == "cloud":
            findings.append(
                Finding(
                    topic,
                    "ok",
                    f"cloud: {cloud} ({env} {_key_state(settings, key_field)}; not verified, "
                    f"no call is made), with {offline} behind it if it fails",
                )
            )
        elif configured == "offline":
            findings.append(Finding(topic, "ok", f"offline: {offline} ({setting})"))
        else:
            findings.append(
                Finding(
                    topic,
                    "ok",
                    f"offline: {offline}, because {env} {_key_state(settings, key_field)}",
                    f"for {cloud}: set {env} in .env",
                )
            )
    return findings


def avatar(settings: Settings) -> Finding:
    key, avatar_id = settings.secret("bey_api_key"), settings.bey_avatar_id
    if key and avatar_id:
        return Finding("avatar", "ok", "Beyond Presence avatar on (LiveKit calls only)")
    if key or avatar_id:
        missing = "BEY_AVATAR_ID" if key else "BEY_API_KEY"
        return Finding(
            "avatar", "warn", f"{missing} is missing: the avatar stays off", f"set {missing}"
        )
    return Finding("avatar", "info", "off", "BEY_API_KEY and BEY_AVATAR_ID for an avatar")


# --- LiveKit -------------------------------------------------------------------------------
def livekit(settings: Settings) -> Finding:
    values = {
        "LIVEKIT_URL": settings.secret("livekit_url"),
        "LIVEKIT_API_KEY": settings.secret("livekit_api_key"),
        "LIVEKIT_API_SECRET": settings.secret("livekit_api_secret"),
    }
    missing = [name for name, value in values.items() if not value]
    if len(missing) == len(values):
        return Finding(
            "LiveKit",
            "info",
            "not configured: the worker (agent dev/start) and POST /token need it; "
            "demo, chat and call do not",
            "set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET from your LiveKit project",
        )
    if missing:
        return Finding(
            "LiveKit",
            "fail",
            f"{', '.join(missing)} not set (or a placeholder): the worker will not start",
            f"set {' and '.join(missing)} from your LiveKit project",
        )
    url = values["LIVEKIT_URL"] or ""
    parsed = urlparse(url)
    if parsed.scheme not in ("wss", "ws", "https", "http") or not parsed.hostname:
        return Finding(
            "LiveKit",
            "fail",
            f"LIVEKIT_URL {url!r} is not a LiveKit server URL",
            "use the project's URL, e.g. wss://your-project.livekit.cloud (ws://localhost:7880 "
            "for a local server)",
        )
    if parsed.scheme in ("ws", "http") and parsed.hostname not in ("localhost", "127.0.0.1"):
        return Finding(
            "LiveKit",
            "warn",
            f"{url}: unencrypted connection to a remote server",
            f"use wss://{parsed.netloc}",
        )
    return Finding("LiveKit", "ok", f"{url} with its API key and secret (not verified)")


# --- engines and tools on this machine -----------------------------------------------------
def offline_engines() -> list[Finding]:
    findings: list[Finding] = []
    try:
        from voice_agent.adapters.offline import espeak  # the library alone: no LiveKit

        samples = espeak.synth("ok")
        assert samples.size > 0
        findings.append(Finding("espeak-ng", "ok", "speaks (offline text-to-speech)"))
    except Exception as exc:
        findings.append(
            Finding(
                "espeak-ng",
                "fail",
                f"does not speak ({type(exc).__name__}: {exc})",
                "scripts/setup-env.sh reinstalls the espeakng-loader wheel",
            )
        )
    try:
        pocketsphinx = importlib.import_module("pocketsphinx")
        model = Path(pocketsphinx.get_model_path()) / "en-us"
        if not model.is_dir():
            raise FileNotFoundError(str(model))
        findings.append(Finding("pocketsphinx", "ok", f"US English model at {model}"))
    except Exception as exc:
        findings.append(
            Finding(
                "pocketsphinx",
                "fail",
                f"not usable ({type(exc).__name__})",
                "scripts/setup-env.sh reinstalls it",
            )
        )
    try:
        # found, not imported: importing the plugin loads LiveKit (seconds) to read one path
        spec = importlib.util.find_spec("livekit.plugins.silero")
        if spec is None or not spec.submodule_search_locations:
            raise ModuleNotFoundError("livekit.plugins.silero")
        onnx = Path(next(iter(spec.submodule_search_locations))) / "resources" / "silero_vad.onnx"
        if not onnx.is_file():
            raise FileNotFoundError(str(onnx))
        findings.append(Finding("Silero VAD", "ok", "model ships in the plugin's wheel"))
    except Exception as exc:
        findings.append(
            Finding(
                "Silero VAD",
                "fail",
                f"model missing ({type(exc).__name__})",
                "scripts/setup-env.sh reinstalls livekit-plugins-silero",
            )
        )
    return findings


def portaudio(loader: Callable[[], object] | None = None) -> Finding:
    try:
        (loader or (lambda: importlib.import_module("sounddevice")))()
    except (OSError, ImportError):
        return Finding(
            "PortAudio",
            "warn",
            # the console itself runs (in text mode): "cannot run" sent people to install a
            # library to type to the agent
            "missing: `voice-agent agent console` runs in text mode only (no microphone "
            "or speakers)",
            "apt-get install libportaudio2 (Debian/Ubuntu) or brew install portaudio (macOS)",
        )
    return Finding("PortAudio", "ok", "present: `voice-agent agent console` can use audio")


def chromium(binary: str | None = None) -> Finding:
    path = binary or os.environ.get("CHROMIUM_BIN") or "/usr/bin/chromium"
    if Path(path).is_file() and os.access(path, os.X_OK) or shutil.which(path):
        return Finding("Chromium", "ok", f"{path}: the staff-page browser test can run")
    return Finding(
        "Chromium",
        "warn",
        f"{path} not found: the staff-page browser test is skipped (fails under CI)",
        "scripts/ensure-chromium.sh (as root: apt-get install chromium)",
    )


# --- clinic --------------------------------------------------------------------------------
def clinic(settings: Settings) -> list[Finding]:
    cal = settings.calendar()
    days = ",".join(day_abbreviation(d) for d in sorted(cal.open_weekdays))
    closed = f", {len(cal.closed_dates)} closed dates" if cal.closed_dates else ""
    hours = (
        f"{settings.clinic_name!r}, {settings.clinic_timezone}, {days} "
        f"{cal.open_time:%H:%M}-{cal.close_time:%H:%M}, {cal.slot_minutes}-minute slots, "
        f"booking up to {cal.booking_horizon_days} days ahead{closed}"
    )
    findings = [
        Finding(
            "clinic",
            "ok",
            hours,
            "CLINIC_NAME names the clinic in the greeting"
            if settings.clinic_name == "the clinic"
            else None,
        )
    ]
    findings.extend(_zone_without_summer_time(settings.clinic_timezone))
    if settings.clinic_profile is None:
        findings.append(
            Finding(
                "clinic profile",
                "info",
                "none: the agent answers scheduling questions only",
                "CLINIC_PROFILE=path/to/clinic.toml for the address, phone and FAQ "
                "(example: src/voice_agent/testing/callers/clinic.toml)",
            )
        )
    else:
        try:
            profile = settings.profile()
        except ClinicProfileError as exc:
            findings.append(
                Finding("clinic profile", "fail", str(exc), "fix the file or unset CLINIC_PROFILE")
            )
        else:
            findings.append(
                Finding(
                    "clinic profile",
                    "ok",
                    f"{settings.clinic_profile}: {len(profile.faq)} questions answered"
                    + (f", address {profile.address!r}" if profile.address else ""),
                )
            )
    return findings


FIXED_OFFSET_ZONES = {
    "EST": ("UTC-5", "America/New_York"),
    "MST": ("UTC-7", "America/Denver"),
}
"""IANA names that read like a region's time but are one offset all year: "EST" is not New
York's time from March to November. (HST is, Hawaii keeps no summer time.)"""


def _zone_without_summer_time(zone: str) -> list[Finding]:
    if zone not in FIXED_OFFSET_ZONES:
        return []
    offset, instead = FIXED_OFFSET_ZONES[zone]
    return [
        Finding(
            "time zone",
            "warn",
            f'{zone} is {offset} all year, without summer time: where clocks change, "now", '
            '"today" and the past slots are an hour out for half the year',
            f"CLINIC_TIMEZONE={instead}, unless the clinic keeps {offset} all year",
        )
    ]


# --- local files and the token server ------------------------------------------------------
def data_dir(settings: Settings) -> Finding:
    path = settings.data_dir
    target = path if path.exists() else _existing_parent(path / "x")
    if not target.is_dir():
        # a file where the directory (or one above it) should be: nothing can be made there
        return Finding(
            "data directory",
            "fail",
            f"{path}: {target} is a file, not a directory: call records could not be "
            "spooled, nor logs written",
            f"set DATA_DIR to a directory, or move {target} away",
        )
    if not _can_create_in(target):
        return Finding(
            "data directory",
            "fail",
            f"{path} is not writable: call records could not be spooled, nor logs written",
            f"make {path} writable, or set DATA_DIR",
        )
    spool = path / "spool" / "conversations"
    waiting = len(list(spool.glob("*.json"))) if spool.is_dir() else 0
    if waiting:
        return Finding(
            "data directory",
            "warn",
            f"{path}: {waiting} call record(s) wait in {spool} (the database was down)",
            "they are written at the next start of chat, call, serve or the worker, "
            "once the database is reachable",
        )
    return Finding("data directory", "ok", f"{path}: writable (spool, logs)")


def token_server(settings: Settings) -> Finding:
    where = f"http://{settings.server_host}:{settings.server_port}"
    if settings.secret("staff_api_key"):
        return Finding("token server", "ok", f"{where}, staff page on (STAFF_API_KEY set)")
    return Finding(
        "token server",
        "info",
        f"{where}, staff page off",
        "set STAFF_API_KEY to open /staff",
    )


# --- all -----------------------------------------------------------------------------------
async def checks(
    settings: Settings | None,
    *,
    env_file: Path = Path(".env"),
    problems: Sequence[Finding] = (),
) -> AsyncIterator[list[Finding]]:
    """The findings, check by check, as each is done (the slow ones, the database and the
    engines, then show up after the quick ones before them). ``problems``: the settings that
    could not be read (`read_settings`); with ``settings`` None, only the checks that need
    no settings run."""
    yield [configuration(settings, env_file), *problems]
    unknown = unknown_variables(env_file, os.environ)
    if unknown is not None:
        yield [unknown]
    if settings is not None:
        yield [await database(settings)]
        yield [data_dir(settings)]
        yield clinic(settings)
        yield providers(settings)
        yield [avatar(settings), livekit(settings), token_server(settings)]
    yield offline_engines()
    yield [portaudio()]
    yield [chromium()]


async def run_checks(settings: Settings, *, env_file: Path = Path(".env")) -> list[Finding]:
    return [f async for found in checks(settings, env_file=env_file) for f in found]


TOPIC_WIDTH = 14
"""Topics are padded to this width, the longest's ("speech-to-text"): findings are printed as
they come, before all the topics are known."""


def render_finding(
    f: Finding, *, width: int = TOPIC_WIDTH, columns: int | None = None
) -> list[str]:
    """One finding: its mark, topic and what was found, then its fix on a line of its own.
    ``columns``: the terminal's width, to which the text is wrapped under its own column (a
    line wrapped by an 80-column terminal went on under the marks); None: not wrapped."""
    head = f"{MARK[f.status]:<4}  {f.topic:<{width}}  "
    indent = " " * len(head)
    if columns is None or columns - len(head) < 30:
        lines = [head + f.what]
        if f.fix:
            lines.append(f"{indent}-> {f.fix}")
        return lines
    wrap = partial(textwrap.wrap, width=columns - 1, break_long_words=False, break_on_hyphens=False)
    lines = wrap(f.what, initial_indent=head, subsequent_indent=indent) or [head.rstrip()]
    if f.fix:
        lines += wrap(f.fix, initial_indent=f"{indent}-> ", subsequent_indent=f"{indent}   ")
    return lines


def render_verdict(findings: list[Finding]) -> list[str]:
    """What the findings add up to: broken (fix these first), or everything needed works."""
    lines: list[str] = []
    broken = [f.topic for f in findings if f.status == "fail"]
    optional = [f.topic for f in findings if f.status == "warn"]
    if broken:
        lines.append(f"Broken: {', '.join(broken)}. Fix these first (see -> above).")
    else:
        lines.append("Everything needed works.")
    if optional:
        lines.append(f"Warnings: {', '.join(optional)} (see -> above).")
    return lines


def render(findings: list[Finding]) -> list[str]:
    """Every finding, then the verdict after a blank line."""
    width = max(len(f.topic) for f in findings)
    lines = [line for f in findings for line in render_finding(f, width=width)]
    return [*lines, "", *render_verdict(findings)]
