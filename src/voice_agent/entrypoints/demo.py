"""`voice-agent demo`: the seed's four scenarios as complete offline voice calls.

Each call runs through real Silero VAD, pocketsphinx STT, the dialogue engine, the tools on a
real SQLite database, and espeak-ng TTS. The outcome of every call is checked in the database,
and the run ends with a table of results and per-turn latencies.
"""

from __future__ import annotations

import asyncio
import time as clock_time
import wave
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

import numpy as np

from voice_agent.adapters.offline.audio import write_wav
from voice_agent.adapters.offline.calls import (
    CallResult,
    TurnRecord,
    median,
    percentile,
    run_call,
)
from voice_agent.adapters.voice.providers import load_vad
from voice_agent.bootstrap import Container
from voice_agent.config import Settings
from voice_agent.domain.clock import ShiftedClock
from voice_agent.domain.costs import cost_line
from voice_agent.domain.models import Appointment, AppointmentStatus
from voice_agent.domain.speech import say_date
from voice_agent.entrypoints.database import describe_database
from voice_agent.entrypoints.lifecycle import application, call_providers
from voice_agent.entrypoints.usage import command_name

JOHN = "1234567890"
SARAH = "9876543210"
JOHN_SPOKEN = "One two three, four five six, seven eight nine zero."
SARAH_SPOKEN = "Nine eight seven, six five four, three two one zero."

Check = Callable[[Container, "DemoDates"], Awaitable[str | None]]


@dataclass(frozen=True)
class DemoDates:
    today: date
    tomorrow: date
    friday: date


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    lines: list[str]
    check: Check
    # What the caller says again when the agent misheard (see run_call's ``repairs``).
    repairs: dict[str, str] = field(default_factory=dict)
    # The caller's line that agrees to the change (None: the call changes nothing).
    confirmed_by: str | None = None


def demo_start(now: datetime, settings: Settings) -> datetime:
    """The last Wednesday, 10:00 clinic time, that has already come (today's, from 10:00 on a
    Wednesday): every scenario then has open weekdays ahead of it ("tomorrow", "Friday"),
    and what the demo writes is dated before ``now``. It was the coming Wednesday, and the
    demo's accounts, calls and bookings were created days in the future."""
    tz = settings.calendar().timezone
    local = now.astimezone(tz)
    day = local.date() - timedelta(days=(local.weekday() - 2) % 7)
    start = datetime.combine(day, time(10), tzinfo=tz)
    return start if start <= now else start - timedelta(days=7)


def why_this_day(start: datetime, now: datetime) -> str | None:
    """Why the demo's clinic day is not today (None when it is): a stranger read "Wednesday,
    December 2nd" on a Thursday and wondered which clock was wrong."""
    if start.date() == now.astimezone(start.tzinfo).date():
        return None
    return (
        "(not today: the demo always runs on the last Wednesday that has come, on a clock of "
        'its own, so that its callers\' "tomorrow" and "Friday" are open days whatever today '
        "is; its calls and bookings are dated that week)"
    )


async def _appointments(c: Container, phone: str) -> list[Appointment] | None:
    """The caller's appointments; None when no caller has that number."""
    user = await c.scheduling.find_user_by_phone(phone)
    return None if user is None else await c.scheduling.appointments(user.id)


def _active(items: list[Appointment] | None) -> list[tuple[date, time]]:
    return [(a.day, a.start) for a in items or [] if a.is_active]


async def _check_sarah(c: Container, d: DemoDates) -> str | None:
    items = await _appointments(c, SARAH)
    if items is None:
        return "Sarah was not registered"
    if _active(items) != [(d.tomorrow, time(14))]:
        return f"expected one booking tomorrow at 14:00, found {_active(items)}"
    return None


async def _check_john_moved(c: Container, d: DemoDates) -> str | None:
    active = _active(await _appointments(c, JOHN))
    if active != [(d.friday, time(11))]:
        return f"expected Friday 11:00, found {active}"
    return None


async def _check_john_cancelled(c: Container, d: DemoDates) -> str | None:
    items = await _appointments(c, JOHN) or []
    if not items or any(a.status is not AppointmentStatus.CANCELLED for a in items):
        return f"expected a cancelled appointment, found {[a.status.value for a in items]}"
    return None


async def _check_availability(c: Container, d: DemoDates) -> str | None:
    rows = await c.store.conversations.recent(1)
    said = " ".join(t.get("text", "") for t in rows[0].transcript if t.get("role") == "assistant")
    if "10 AM" not in said and "ten" not in said.lower():
        return "the agent did not read out Friday's free times"
    return None


SCENARIOS = [
    Scenario(
        "1-new-user-booking",
        "New user registration and booking",
        [
            "Hi, I'd like to book an appointment.",
            f"My number is {SARAH_SPOKEN}",
            "Yes, my name is Sarah Johnson.",
            "Tomorrow at two p m please.",
            "Yes.",
            "No, that's all. Goodbye.",
        ],
        _check_sarah,
        {
            "ten-digit": f"It's {SARAH_SPOKEN}",
            "so far": f"The whole number is {SARAH_SPOKEN}",
            # a name heard by ear is read back before the account is opened
            "have your name as Sarah Johnson": "Yes, that's right.",
            # a name the recogniser's readers heard apart is asked for spelled: a person
            # spells it (CI's demo at stop 54 answered with the next line and lost Sarah)
            "spell it": "S, A, R, A, H. J, O, H, N, S, O, N.",
            "have your name as S-A-R-A-H": "Yes, that's right.",
        },
        confirmed_by="Yes.",
    ),
    Scenario(
        "2-returning-user-modify",
        "Returning user: view and modify",
        [
            "Hello, I need to check my appointments.",
            JOHN_SPOKEN,
            "Yes, can I change it to eleven a m?",
            "Yes, please.",  # the agent confirms every change before making it
            "No, that's all. Goodbye.",
        ],
        _check_john_moved,
        {
            "ten-digit": JOHN_SPOKEN,
            "so far": f"The whole number is {JOHN_SPOKEN}",
            "have an account under": f"No, that's wrong. {JOHN_SPOKEN}",
        },
        confirmed_by="Yes, please.",
    ),
    Scenario(
        "3-cancel",
        "Cancel an appointment",
        [
            "I need to cancel my appointment.",
            JOHN_SPOKEN,
            "Yes please.",
            "No, goodbye.",
        ],
        _check_john_cancelled,
        {
            "ten-digit": JOHN_SPOKEN,
            "so far": f"The whole number is {JOHN_SPOKEN}",
            "have an account under": f"No, that's wrong. {JOHN_SPOKEN}",
        },
        confirmed_by="Yes please.",
    ),
    Scenario(
        "4-availability",
        "Check slot availability",
        ["What times are available on Friday?", "No thanks. Goodbye."],
        _check_availability,
    ),
]


def pacing_problem(scenario: Scenario, turns: Sequence[TurnRecord]) -> str | None:
    """What makes a call that reached the right database state no pass all the same: a change
    made on a turn other than the caller's yes (the audio of "No, goodbye" confirming a
    cancel because the yes was transcribed a turn late), a change the agent made while
    hearing more than that one line, or a line the agent did not hear or answer."""
    for n, turn in enumerate(turns, 1):
        if not turn.changes:
            continue
        done = ", ".join(turn.changes)
        if scenario.confirmed_by is None:
            return f"turn {n} changed an appointment ({done}) in a call that should change none"
        if turn.caller != scenario.confirmed_by:
            return (
                f"turn {n} ({turn.caller!r}) made the change ({done}), "
                f"not the caller's yes ({scenario.confirmed_by!r})"
            )
        if len(turn.transcripts) != 1:
            return (
                f"turn {n} made the change ({done}) while the agent heard "
                f"{len(turn.transcripts)} caller turns in it, not just the yes: out of step"
            )
    for n, turn in enumerate(turns, 1):
        if turn.problem:
            return f"turn {n} ({turn.caller!r}): {turn.problem}"
    return None


@dataclass
class ScenarioOutcome:
    scenario: Scenario
    result: CallResult
    problem: str | None


async def run_demo(
    settings: Settings,
    *,
    out_dir: Path,
    only: list[str] | None = None,
    printer: Callable[[str], None] = print,
) -> list[ScenarioOutcome]:
    now = datetime.now().astimezone()
    start = demo_start(now, settings)
    clock = ShiftedClock(start)
    dates = DemoDates(
        today=start.date(),
        tomorrow=start.date() + timedelta(days=1),
        friday=start.date() + timedelta(days=2),
    )
    printer(
        f"Clinic day for the demo: {say_date(dates.today)} 10:00 {settings.clinic_timezone} "
        f"({describe_database(settings.database_url)})"  # a server's password: never shown
    )
    if why := why_this_day(start, now):
        printer(why)
    t0 = clock_time.monotonic()
    printer("Loading Silero VAD, pocketsphinx and espeak-ng ...")
    vad = await asyncio.to_thread(load_vad, settings)
    outcomes: list[ScenarioOutcome] = []
    async with application(settings, clock=clock) as container:
        john = await container.scheduling.identify(JOHN, "John Smith")
        assert john.user is not None
        if not john.appointments:
            await container.scheduling.book(john.user.id, dates.friday, time(9))
        services = container.call_services()
        for scenario in SCENARIOS:
            if only and not any(o in scenario.name for o in only):
                continue
            # each call gets its own engines: the dialogue and the recogniser of one call
            # share that call's listening hint
            async with call_providers(container, vad=vad) as providers:
                if not outcomes:
                    printer(
                        "Engines: "
                        + ", ".join(f"{k}={v}" for k, v in sorted(providers.modes.items()))
                        + f" (ready in {clock_time.monotonic() - t0:.1f} s)"
                    )
                printer("")
                printer(f"=== {scenario.name}: {scenario.title} ===")
                result = await run_call(
                    services,
                    providers,
                    name=scenario.name,
                    lines=scenario.lines,
                    out_dir=out_dir,
                    printer=printer,
                    repairs=scenario.repairs,
                    # a misheard number, a name to spell and its read-back in one call
                    max_repairs=3,
                )
            # both, where both: a wrong end state beside a line the agent did not hear in time
            # says the machine's load, not the dialogue, may be why (CI's demo lost Sarah
            # once, at stop 51, and only "Sarah was not registered" was printed)
            wrong = await scenario.check(container, dates)
            pacing = pacing_problem(scenario, result.turns)
            problem = "; ".join(p for p in (wrong, pacing) if p) or None
            conv = result.conversation
            if conv is not None:
                printer(f"  summary : {conv.summary}")
                if conv.appointments_discussed:
                    actions = ", ".join(
                        f"{a.action.value} {a.day.isoformat()} {a.start:%H:%M}"
                        for a in conv.appointments_discussed
                    )
                    printer(f"  actions : {actions}")
                printer(f"  cost    : {cost_line(conv.cost_breakdown)}")
            if result.wav_path is not None:
                caller = await asyncio.to_thread(write_caller_side, result.wav_path)
                printer(f"  audio   : {result.wav_path} (left caller, right agent)")
                printer(f"  caller  : {caller} (replay it: {command_name()} call --audio {caller})")
            printer(f"  result  : {'OK' if problem is None else 'FAILED - ' + problem}")
            outcomes.append(ScenarioOutcome(scenario, result, problem))
    _table(outcomes, printer)
    return outcomes


def caller_side_path(wav_path: Path) -> Path:
    return wav_path.with_name(f"{wav_path.stem}-caller.wav")


def write_caller_side(wav_path: Path) -> Path:
    """The caller's channel of a call's stereo WAV as a mono WAV of its own: a recording
    that ``voice-agent call --audio`` can play to the agent again."""
    with wave.open(str(wav_path), "rb") as wav:
        rate = wav.getframerate()
        frames = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")
    path = caller_side_path(wav_path)
    write_wav(path, frames.reshape(-1, 2)[:, 0], rate)
    return path


def _table(outcomes: list[ScenarioOutcome], printer: Callable[[str], None]) -> None:
    printer("")
    header = (
        f"{'scenario':<26} {'result':<7} {'turns':>5} {'p50 ms':>7} {'p95 ms':>7} {'wall s':>7}"
    )
    printer(header)
    printer("-" * len(header))
    all_lat: list[float] = []
    for o in outcomes:
        lat = o.result.latencies
        all_lat += lat
        printer(
            f"{o.scenario.name:<26} {'OK' if o.problem is None else 'FAILED':<7} "
            f"{len(o.result.turns):>5} {median(lat) * 1000:>7.0f} "
            f"{percentile(lat, 0.95) * 1000:>7.0f} {o.result.wall_seconds:>7.1f}"
        )
    printer("-" * len(header))
    printer(
        f"{'all turns':<26} {'':<7} {len(all_lat):>5} {median(all_lat) * 1000:>7.0f} "
        f"{percentile(all_lat, 0.95) * 1000:>7.0f}"
    )
    printer(
        "latency = end of caller speech to the first agent audio frame "
        "(includes the VAD's 0.5 s end-of-speech silence)"
    )
