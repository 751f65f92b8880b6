"""Settings from the environment (and an optional .env file). Nothing is built at import."""

from __future__ import annotations

import ipaddress
import re
from datetime import date, time
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from voice_agent.domain.calendar import ClinicCalendar
from voice_agent.domain.clinic import ClinicProfile, load_profile
from voice_agent.domain.costs import Pricing
from voice_agent.domain.weekdays import WORKWEEK, day_abbreviation, weekday_number

DEFAULT_SQLITE_URL = "sqlite:///var/voice_agent.db"
# the database URL schemes the storage has drivers for (aiosqlite and asyncpg)
DATABASE_SCHEMES = ("sqlite", "sqlite+aiosqlite", "postgres", "postgresql", "postgresql+asyncpg")
DATABASE_URL_HINT = "use sqlite:///path/to/file.db or postgresql://user:password@host:5432/name"
_PLACEHOLDER_MARKERS = ("your_", "your-", "changeme", "replace-me")


MAX_RETENTION_DAYS = 36500
"""A hundred years: the longest retention ``CALL_RETENTION_DAYS`` and ``purge`` take (a
longer one counts back past what the calendar holds: an OverflowError)."""


_ZONE_NAMES = {
    **dict.fromkeys(("edt", "et", "eastern", "us eastern"), "America/New_York"),
    **dict.fromkeys(("cst", "cdt", "ct", "central", "us central"), "America/Chicago"),
    **dict.fromkeys(("mdt", "mt", "mountain", "us mountain"), "America/Denver"),
    **dict.fromkeys(("pst", "pdt", "pt", "pacific", "us pacific"), "America/Los_Angeles"),
    **dict.fromkeys(("akst", "akdt", "alaska"), "America/Anchorage"),
    **dict.fromkeys(("hawaii",), "Pacific/Honolulu"),
    **dict.fromkeys(("bst", "uk", "british", "london"), "Europe/London"),
    **dict.fromkeys(("aest", "aedt", "sydney"), "Australia/Sydney"),
    **dict.fromkeys(("nzst", "nzdt"), "Pacific/Auckland"),
}
"""Time zones as owners write them (abbreviations, "Pacific Time"), which are no IANA names,
with the zone they most likely mean."""


def _likely_zone(written: str) -> str | None:
    name = " ".join(written.lower().replace("_", " ").replace("/", " ").split())
    for suffix in (" standard time", " daylight time", " time"):
        name = name.removesuffix(suffix)
    return _ZONE_NAMES.get(name)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    environment: Literal["development", "production", "test"] = "development"
    log_level: str = "INFO"

    # --- storage -----------------------------------------------------------------------
    database_url: str = DEFAULT_SQLITE_URL

    # --- clinic --------------------------------------------------------------------------
    clinic_name: str = "the clinic"
    clinic_timezone: str = "America/New_York"
    clinic_open: time = time(9, 0)
    clinic_close: time = time(16, 0)
    slot_minutes: int = Field(60, ge=5, le=480)
    clinic_days: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: [day_abbreviation(d) for d in sorted(WORKWEEK)]
    )
    closed_dates: Annotated[list[date], NoDecode] = Field(default_factory=list)
    booking_horizon_days: int = Field(90, ge=0, le=730)
    # at most the longest horizon: a huge lead overflowed every date sum (slots: a traceback)
    min_lead_minutes: int = Field(0, ge=0, le=730 * 24 * 60)
    phone_region: str = "US"
    # optional TOML file: address, phone, transfer number, questions callers ask (domain/clinic.py)
    clinic_profile: Path | None = None

    # --- LiveKit ---------------------------------------------------------------------------
    livekit_url: str | None = None
    livekit_api_key: str | None = None
    livekit_api_secret: SecretStr | None = None
    agent_name: str = "voice-receptionist"

    # --- providers -------------------------------------------------------------------------
    deepgram_api_key: SecretStr | None = None
    deepgram_model: str = "nova-2"
    deepgram_language: str = "en-US"
    cartesia_api_key: SecretStr | None = None
    cartesia_model: str = "sonic-2"
    cartesia_voice: str = "829ccd10-f8b3-43cd-b8a0-4aeaa81f3b30"
    # sent only to sonic-3 models (0.6 to 2.0, 1.0 is normal); the worker refuses it otherwise
    cartesia_speed: float | None = None
    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = None
    openai_model: str = "gpt-4o-mini"
    llm_temperature: float = Field(0.7, ge=0.0, le=2.0)  # OpenAI's range; NaN refused
    bey_api_key: SecretStr | None = None
    bey_avatar_id: str | None = None
    # "auto" uses a cloud provider when its key is set and the offline engine otherwise.
    stt_provider: Literal["auto", "deepgram", "offline"] = "auto"
    tts_provider: Literal["auto", "cartesia", "offline"] = "auto"
    llm_provider: Literal["auto", "openai", "offline"] = "auto"
    # finite and bounded: NaN or inf never ends a caller's turn, a negative one ends it at once
    vad_min_silence: float = Field(0.5, gt=0.0, le=10.0)
    vad_min_speech: float = Field(0.1, ge=0.0, le=10.0)
    # Silero's exit threshold (speech probability below it counts as silence); None = the
    # plugin's activation - 0.15 = 0.35. 0.5 declares end of speech about 20 ms sooner
    # (bench/vad_lag.py, audio time: lag p50 84 -> 64 ms, mean 81 -> 64) with the same
    # voice-corpus results (bench.dialogue --voice --limit 8 --split stranger: 1/8, 4 turns).
    vad_deactivation_threshold: float | None = Field(default=0.5, gt=0.0, lt=1.0)

    # --- pricing (USD) -------------------------------------------------------------------
    # never negative (a call that earned money), nor 1e999999 (a cost beyond any sum)
    price_stt_per_minute: Decimal = Field(Decimal("0.0058"), ge=0, le=1000)
    price_tts_per_character: Decimal = Field(Decimal("0.0000099"), ge=0, le=1000)
    price_llm_input_per_million: Decimal = Field(Decimal("0.15"), ge=0, le=1000)
    price_llm_output_per_million: Decimal = Field(Decimal("0.60"), ge=0, le=1000)

    # --- token server ----------------------------------------------------------------------
    server_host: str = "127.0.0.1"
    server_port: int = Field(8081, ge=1, le=65535)
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["http://localhost:3000", "http://localhost:5173"]
    )
    # Only the join checks it (LiveKit refreshes a connected caller's token itself): a token
    # that leaks opens its room for this long.
    token_ttl_seconds: int = Field(300, ge=60, le=24 * 3600)
    token_rate_limit_per_minute: int = Field(30, ge=1)
    # Each token dispatches an agent: the per-minute limit alone let one client keep 30 new
    # calls a minute coming, hundreds at once, each a worker job and a cloud recogniser.
    token_rate_limit_per_hour: int = Field(60, ge=1)
    # LiveKit calls the tokens may have going at once, from one client and in all (a token
    # counts from its issue until it has expired and LiveKit no longer lists its room; rooms
    # LiveKit lists that this process did not issue, phone calls, count towards the total).
    token_max_calls_per_client: int = Field(2, ge=1, le=1_000_000)
    token_max_calls: int = Field(20, ge=1, le=1_000_000)
    staff_api_key: SecretStr | None = None
    summary_secret: SecretStr | None = None
    # How long the summary token returned by POST /token lets a caller read GET /summary.
    summary_token_ttl_seconds: int = Field(24 * 3600, ge=60, le=7 * 24 * 3600)

    # Addresses (or networks) of reverse proxies whose X-Forwarded-For / X-Forwarded-Proto
    # are believed; empty: the peer address is the client, whatever the headers say.
    trusted_proxies: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # Host names (Host header, any port) the server answers to; "*" any. Empty: the loopback
    # names for a loopback server with no trusted proxy (a DNS-rebinding page is refused),
    # else any (see allowed_host_names).
    allowed_hosts: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # Connections one client (not a trusted proxy) may hold open at once.
    max_connections_per_client: int = Field(50, ge=1)
    # Where rate limits, failed-credential counts and /token's calls at once live: "memory"
    # (each server process counts alone) or "database" (every process on the same
    # DATABASE_URL counts together, and the LiveKit worker sees which client holds a room).
    limits_store: Literal["memory", "database"] = "memory"
    # Failed credential checks (staff key, session cookie, summary token) per client and per
    # credential within one minute before further attempts get 429.
    credential_failures_per_client: int = Field(10, ge=1)
    credential_failures_per_credential: int = Field(100, ge=1)
    staff_session_hours: float = Field(12.0, gt=0, le=24 * 30)
    # The calendar feed's address is derived from the staff key and this number: raise it to
    # stop a leaked address (a shared calendar, a forwarded link) without changing the key.
    calendar_feed_version: int = Field(1, ge=1, le=1_000_000)

    # --- calls -----------------------------------------------------------------------------
    # An open call whose process has not saved it for this long is closed as "abandoned".
    abandoned_call_grace_seconds: int = Field(300, ge=90, le=30 * 24 * 3600)
    # Ended calls (transcript, summary, cost) older than this many days are deleted by the
    # token server's housekeeping and by `voice-agent purge`; unset: kept for ever.
    call_retention_days: int | None = Field(None, ge=1, le=MAX_RETENTION_DAYS)

    # --- browser calls (/call) -------------------------------------------------------------
    # calls at once (0 turns /call off) and from one client, how long one may last, offers
    # per client per minute
    call_max_concurrent: int = Field(3, ge=0, le=100)
    call_max_per_client: int = Field(1, ge=1, le=100)
    call_max_seconds: int = Field(900, ge=30, le=4 * 3600)

    # --- a caller who goes silent (every call: browser, phone, offline or cloud engines) ---
    # seconds the agent waits for a caller who says nothing before asking "Are you still
    # there?" (counted only while the agent listens: not while it speaks or a tool runs);
    # 0 turns the question, and the hang-up after it, off
    caller_silence_seconds: float = Field(20.0, ge=0, le=600)
    # seconds of silence after that question before the agent says goodbye and ends the call
    # (end reason "caller_silent"); 0 asks but never hangs up
    caller_silence_end_seconds: float = Field(15.0, ge=0, le=600)
    call_rate_limit_per_minute: int = Field(10, ge=1)
    # addresses to offer the browser (empty: loopback for a loopback server, else every
    # interface) and STUN/TURN servers (none by default: nothing is contacted)
    webrtc_addresses: Annotated[list[str], NoDecode] = Field(default_factory=list)
    webrtc_ice_servers: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # networks a browser's ICE candidates may be in (empty: loopback for a loopback server,
    # else any address but loopback, link-local, multicast and reserved ones)
    webrtc_peer_networks: Annotated[list[str], NoDecode] = Field(default_factory=list)

    # --- local files ---------------------------------------------------------------------
    data_dir: Path = Path("var")
    # where the offline recogniser caches its language model (None: ~/.cache/voice-agent)
    cache_dir: Path | None = Field(
        None, validation_alias=AliasChoices("cache_dir", "voice_agent_cache_dir")
    )
    # a second recogniser on the offline path (bench/README.md): "whisper" (the default:
    # Whisper tiny.en reads whole phone numbers, the groups of a repair, doubtful yeses and
    # the call's opening request again), "whisper-all" (also every later open request and
    # numbers said in passing: fewer words
    # wrong on open requests, but about 0.4 s more before every answer, and a sure-sounding
    # wrong sentence now and then replaces a right one) or "none" (pocketsphinx alone)
    offline_second_opinion: Literal["whisper-all", "whisper", "none"] = "whisper"
    # keep each utterance's words by reader (domain LM, grammar, Whisper) in the offline
    # recogniser's memory for a bench's output file (the recorded-calls bench sets it); never
    # logged (transcripts are PII), off in a call
    offline_keep_readings: bool = Field(
        False, validation_alias=AliasChoices("offline_keep_readings", "voice_agent_keep_readings")
    )

    @field_validator(
        "clinic_days",
        "cors_origins",
        "trusted_proxies",
        "allowed_hosts",
        "webrtc_addresses",
        "webrtc_ice_servers",
        "webrtc_peer_networks",
        mode="before",
    )
    @classmethod
    def _split_list(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("call_retention_days", "cartesia_speed", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        # "CALL_RETENTION_DAYS=" in a .env file: unset, as the table says, not an error
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("closed_dates", mode="before")
    @classmethod
    def _split_dates(cls, value: object) -> object:
        if isinstance(value, str):
            days = []
            for part in (p.strip() for p in value.split(",")):
                if not part:
                    continue
                # date's own words ("day is out of range for month") did not say which entry
                if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", part):
                    raise ValueError(f"'{part}' is not a date: use YYYY-MM-DD, comma-separated")
                try:
                    days.append(date.fromisoformat(part))
                except ValueError:
                    raise ValueError(f"there is no such date as '{part}'") from None
            return days
        return value

    @field_validator("clinic_open", "clinic_close", mode="before")
    @classmethod
    def _clock_time(cls, value: object) -> object:
        # "9:00", "5:30pm" and "5 PM" are how an owner writes opening hours; pydantic took
        # only "09:00" and called "9:00" "too short"
        if not isinstance(value, str):
            return value
        text = value.strip().lower().replace(".", "")
        m = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?(?::00)?\s*(am|pm)?", text)
        if m is None or (m.group(2) is None and m.group(3) is None):
            raise ValueError(f"'{value}' is not a time of day: use HH:MM, e.g. 09:00 or 17:30")
        hour, minute, half = int(m.group(1)), int(m.group(2) or 0), m.group(3)
        if half is not None and not 1 <= hour <= 12:
            raise ValueError(f"'{value}' is not a time of day: use HH:MM, e.g. 09:00 or 17:30")
        if half is not None:
            hour = hour % 12 + (12 if half == "pm" else 0)
        if hour > 23 or minute > 59:
            raise ValueError(f"'{value}' is not a time of day: use HH:MM, e.g. 09:00 or 17:30")
        return time(hour, minute)

    @field_validator("phone_region")
    @classmethod
    def _check_region(cls, value: str) -> str:
        region = value.strip().upper()
        if region not in phonenumbers.SUPPORTED_REGIONS:
            raise ValueError(
                f"unknown region {value!r}; use a two-letter country code such as US, CA or GB"
            )
        return region

    @field_validator("clinic_days")
    @classmethod
    def _check_days(cls, value: list[str]) -> list[str]:
        days: list[str] = []
        unknown: list[str] = []
        for name in value:
            try:
                days.append(day_abbreviation(weekday_number(name)))
            except ValueError:
                unknown.append(name)
        if unknown:
            every = ",".join(day_abbreviation(d) for d in range(7))
            raise ValueError(f"unknown day names {unknown}; use {every}")
        return days

    @field_validator("webrtc_addresses")
    @classmethod
    def _check_addresses(cls, value: list[str]) -> list[str]:
        for address in value:
            try:
                ipaddress.ip_address(address)
            except ValueError:
                raise ValueError(f"{address!r} is not an IP address") from None
        return value

    @field_validator("webrtc_peer_networks")
    @classmethod
    def _check_peer_networks(cls, value: list[str]) -> list[str]:
        for entry in value:
            try:
                ipaddress.ip_network(entry, strict=False)
            except ValueError:
                raise ValueError(
                    f"{entry!r} is not an IP network (e.g. 10.0.0.0/8, 2001:db8::/32)"
                ) from None
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _check_proxies(cls, value: list[str]) -> list[str]:
        for entry in value:
            if entry == "*":
                continue
            try:
                ipaddress.ip_network(entry, strict=False)
            except ValueError:
                raise ValueError(
                    f"{entry!r} is not an IP address or network (e.g. 10.0.0.5, 10.0.0.0/24)"
                ) from None
        return value

    @field_validator("allowed_hosts")
    @classmethod
    def _check_hosts(cls, value: list[str]) -> list[str]:
        hosts = []
        for entry in value:
            host = entry.strip().lower().rstrip(".")
            if host.startswith("[") and host.endswith("]"):
                host = host[1:-1]
            name = host.removeprefix("*.")
            if host != "*" and not _HOST_NAME.fullmatch(name):
                raise ValueError(
                    f"{entry!r} is not a host name (e.g. clinic.example.com, *.example.com, "
                    "10.0.0.5, ::1; no scheme, path or port)"
                )
            hosts.append(host)
        return hosts

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: str) -> str:
        problem = database_url_problem(value)
        if problem is not None:
            raise ValueError(problem)
        return value

    @field_validator("clinic_timezone")
    @classmethod
    def _check_tz(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            example = _likely_zone(value) or "America/New_York"
            raise ValueError(
                f"unknown time zone {value!r}; use an IANA name such as {example}"
            ) from None
        return value

    @model_validator(mode="after")
    def _check(self) -> Settings:
        if self.clinic_close <= self.clinic_open:
            raise ValueError(  # named with both values: only one of them may have been set
                f"CLINIC_CLOSE ({self.clinic_close:%H:%M}) must be after CLINIC_OPEN "
                f"({self.clinic_open:%H:%M})"
            )
        if self.environment == "production":
            for name in ("livekit_api_secret", "staff_api_key", "summary_secret"):
                secret = getattr(self, name)
                if secret is not None and _is_placeholder(secret.get_secret_value()):
                    raise ValueError(
                        f"{name.upper()} still holds the .env.example placeholder; " + GENERATE_HINT
                    )
            # Keys that guard the staff page and sign summary tokens must resist guessing.
            for name in ("staff_api_key", "summary_secret"):
                secret = getattr(self, name)
                problem = weak_secret_problem(secret.get_secret_value()) if secret else None
                if problem is not None:
                    raise ValueError(
                        f"{name.upper()} is too weak for production: {problem}; " + GENERATE_HINT
                    )
        return self

    # --- derived -------------------------------------------------------------------------
    def calendar(self) -> ClinicCalendar:
        return ClinicCalendar(
            timezone=ZoneInfo(self.clinic_timezone),
            open_time=self.clinic_open,
            close_time=self.clinic_close,
            slot_minutes=self.slot_minutes,
            open_weekdays=frozenset(weekday_number(d) for d in self.clinic_days),
            closed_dates=frozenset(self.closed_dates),
            booking_horizon_days=self.booking_horizon_days,
            min_lead_minutes=self.min_lead_minutes,
        )

    def profile(self) -> ClinicProfile:
        """The clinic profile (ClinicProfileError when CLINIC_PROFILE names a bad file)."""
        if self.clinic_profile is None:
            return ClinicProfile(name=self.clinic_name)
        return load_profile(self.clinic_profile, default_name=self.clinic_name)

    def pricing(self) -> Pricing:
        return Pricing(
            stt_per_minute=self.price_stt_per_minute,
            tts_per_character=self.price_tts_per_character,
            llm_input_per_million=self.price_llm_input_per_million,
            llm_output_per_million=self.price_llm_output_per_million,
        )

    def holds_placeholder(self, name: str) -> bool:
        """Whether a setting still holds an ``.env.example`` placeholder (``your_api_key``)."""
        value = getattr(self, name)
        if value is None:
            return False
        raw = value.get_secret_value() if isinstance(value, SecretStr) else str(value)
        return _is_placeholder(raw)

    @property
    def allowed_host_names(self) -> tuple[str, ...] | None:
        """The host names requests may name in their Host header (None: any). Unset, a
        server on loopback with no trusted proxy answers only to loopback names: a page
        whose name resolves to 127.0.0.1 (DNS rebinding) cannot use it from the browser."""
        if self.allowed_hosts:
            return None if "*" in self.allowed_hosts else tuple(self.allowed_hosts)
        if _is_loopback(self.server_host) and not self.trusted_proxies:
            return LOOPBACK_HOST_NAMES
        return None

    def exposed_weak_secrets(self) -> list[str]:
        """What is wrong with the keys guarding callers' data when others can reach the server
        (it listens beyond loopback, or behind a proxy), whatever ENVIRONMENT says: production
        refuses weak keys at start, and `STAFF_API_KEY=admin serve --host 0.0.0.0` in the
        default development served every patient's record behind "admin" (attack11)."""
        if _is_loopback(self.server_host) and not self.trusted_proxies:
            return []
        problems = []
        # without SUMMARY_SECRET the LiveKit secret signs the summary tokens (README)
        signer = "summary_secret" if self.secret("summary_secret") else "livekit_api_secret"
        for name in ("staff_api_key", signer):
            secret = self.secret(name)
            problem = weak_secret_problem(secret) if secret else None
            if problem is not None:
                role = " (it signs the summary tokens)" if name == "livekit_api_secret" else ""
                problems.append(
                    f"{name.upper()}{role} is too weak for a server others can reach "
                    f"(SERVER_HOST {self.server_host}): {problem}; " + GENERATE_HINT
                )
        return problems

    def secret(self, name: str) -> str | None:
        """The value of a secret setting, or None when unset or a placeholder."""
        value = getattr(self, name)
        if value is None:
            return None
        raw = value.get_secret_value() if isinstance(value, SecretStr) else str(value)
        return None if not raw.strip() or _is_placeholder(raw) else raw


LOOPBACK_HOST_NAMES = ("localhost", "127.0.0.1", "::1")
# a DNS name or an IPv4/IPv6 address, as written in a Host header without its port
_HOST_NAME = re.compile(r"[a-z0-9_-]+(\.[a-z0-9_-]+)*|[0-9a-f:.]+")


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


MIN_SECRET_LENGTH = 16
MIN_DISTINCT_CHARACTERS = 6
GENERATE_HINT = "generate one with: python -c 'import secrets; print(secrets.token_urlsafe(32))'"


def weak_secret_problem(value: str) -> str | None:
    """Why ``value`` is too weak to be a key (None when it is strong enough): fewer than 16
    characters, too few different ones to be random, or a placeholder."""
    if _is_placeholder(value):
        return "it is a placeholder"
    if len(value) < MIN_SECRET_LENGTH:
        return f"it has {len(value)} characters; at least {MIN_SECRET_LENGTH} random ones needed"
    if len(set(value)) < MIN_DISTINCT_CHARACTERS:
        return f"it repeats a few characters ({len(set(value))} different); it must be random"
    return None


def database_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be a database this program opens (None when it can): not a URL, or
    a database without a driver here. The message never repeats the URL (it may hold a
    password), only its scheme."""
    if not url.strip():
        return f"it is empty (unset, it is {DEFAULT_SQLITE_URL}); {DATABASE_URL_HINT}"
    scheme, separator, _rest = url.strip().partition("://")
    if not separator or not scheme:
        return f"not a database URL; {DATABASE_URL_HINT}"
    if scheme.lower() not in DATABASE_SCHEMES:
        return f"'{scheme}' databases are not supported; {DATABASE_URL_HINT}"
    if "\x00" in url or "%00" in url:
        return f"it holds a NUL character; {DATABASE_URL_HINT}"
    if scheme.lower().startswith("sqlite"):
        return None
    return _server_address_problem(_rest)


def _server_address_problem(rest: str) -> str | None:
    """Why the part after ``scheme://`` of a database server's URL cannot be read as
    ``user:password@host:port`` the way SQLAlchemy reads it (None when it can). attack11: an
    empty or wordy port and an unclosed IPv6 bracket ended every command in a traceback, and a
    password holding a bare '@' left its end in the host, shown in "the database ... is
    unavailable" on stderr and in the log. Never repeats any of it."""
    authority = re.split(r"[/?]", rest, maxsplit=1)[0]
    if authority.count("@") > 1:
        return (
            "the user name or password holds an '@': write it as %40 (percent-encoded); "
            + DATABASE_URL_HINT
        )
    host = authority.rpartition("@")[2]
    if host.startswith("["):
        closed, bracket, after = host[1:].partition("]")
        if not bracket or not closed:
            return f"an IPv6 address in it has no closing ']'; {DATABASE_URL_HINT}"
        port = after.removeprefix(":") if after.startswith(":") else None
        if after and port is None:
            return f"something follows the IPv6 address's ']' that is no port; {DATABASE_URL_HINT}"
    else:
        _name, colon, port_text = host.partition(":")
        port = port_text if colon else None
    if port is not None and not (port.isascii() and port.isdigit() and 0 < int(port) < 65536):
        return f"its port is not a number from 1 to 65535; {DATABASE_URL_HINT}"
    return None


def _is_placeholder(value: str) -> bool:
    low = value.lower()
    return any(marker in low for marker in _PLACEHOLDER_MARKERS)


def get_settings(**overrides: object) -> Settings:
    """Read settings now (never at import time); keyword overrides win over the environment."""
    return Settings(**overrides)  # type: ignore[arg-type]
