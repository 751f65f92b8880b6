"""Faults: does a call survive its database, a provider, or its process going away?

(db)       Database killed and restarted mid-call. A text-mode call on PostgreSQL
           (``voice_agent.testing.postgres.PostgresServer``; a fake LLM that calls the real
           tools and relays a failed tool's message, as the prompt asks a real model to). The
           server is killed between turns; the caller asks for free slots (the tool must fail
           fast with the "briefly unavailable" ToolError and the agent apologise), says one
           more thing, the server is restarted, the caller asks again and says goodbye
           (``end_conversation``). PASS: apology while down, slots again after the restart,
           and the conversations row holds every turn (including those during the outage)
           with an end_reason.
(db_end)   The database is down when the call ends: the final save cannot reach it. PASS:
           the record is spooled to disk and, after the restart, written by ``bootstrap``
           (spool replay) with the full transcript and end_reason.
(llm, stt, tts)  A cloud-style fake raises ``APIConnectionError`` (retryable, like a dropped
           connection) on its N-th request, behind ``build_providers``' FallbackAdapter with a
           second fake as the "offline" engine. Voice calls through the real Silero VAD.
           PASS: the turn is still answered (first agent audio within 15 s) and so are the
           others; reported: the latency of that turn, the median of the others, the extra
           time (recovery), and whether the backup engine served.
(sigterm)  ``voice-agent call --audio <wav>`` (offline engines, a SQLite file) in a child
           process; SIGTERM once the agent has answered the first caller turn. PASS: the
           process exits and the conversations row has the transcript so far and an
           end_reason.

    python bench/faults.py                  # all faults
    python bench/faults.py --quick          # the same, shorter calls
    python bench/faults.py --only db,sigterm
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import wave
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_fakes as fakes  # noqa: E402
import common  # noqa: E402

NAME = "faults"
ALL = ("db", "db_end", "llm", "stt", "tts", "sigterm")
APOLOGY = "briefly unavailable"
ANSWER_TIMEOUT = 15.0


def parse_args(argv: Sequence[str] | None) -> Any:
    p = common.base_parser(__doc__.splitlines()[0])
    p.add_argument("--only", default=",".join(ALL), help=f"comma list of {', '.join(ALL)}")
    p.add_argument("--fail-on", type=int, default=2, help="provider request that fails (N)")
    p.add_argument(
        "--non-retryable", action="store_true", help="provider errors with retryable=False"
    )
    args = p.parse_args(argv)
    args.only = [x.strip() for x in args.only.split(",") if x.strip()]
    unknown = set(args.only) - set(ALL)
    if unknown:
        p.error(f"unknown faults {sorted(unknown)}")
    return args


def _settings(workdir: Path, url: str, **extra: Any) -> Any:
    from voice_agent.config import Settings

    values = {
        "database_url": url,
        "data_dir": workdir / "var",
        "stt_provider": "offline",
        "tts_provider": "offline",
        "llm_provider": "offline",
        **extra,
    }
    return Settings(**values, _env_file=None)  # type: ignore[call-arg]


def _user_text(chat_ctx: Any) -> str:
    from livekit.agents import llm

    for item in reversed(chat_ctx.items):
        if isinstance(item, llm.ChatMessage) and item.role == "user":
            return (item.text_content or "").lower()
    return ""


def _agent_reply(chat_ctx: Any, n: int) -> fakes.Reply:
    """Slots when asked, end_conversation on goodbye, small talk otherwise; after a tool,
    speak its result (or relay its error)."""
    from livekit.agents import llm

    last = chat_ctx.items[-1] if chat_ctx.items else None
    if isinstance(last, llm.FunctionCallOutput):
        return fakes.receptionist_reply()(chat_ctx, n)
    user = _user_text(chat_ctx)
    if "available" in user or "free" in user:
        return fakes.Reply(tool=("fetch_available_slots", {"date": "Friday"}))
    if "bye" in user:
        return fakes.Reply(tool=("end_conversation", {"reason": "caller finished"}))
    return fakes.Reply(text="Of course, take your time.")


def _replies(result: Any) -> list[str]:
    from livekit.agents import llm

    out = []
    for ev in result.events:
        item = getattr(ev, "item", None)
        if isinstance(item, llm.ChatMessage) and item.role == "assistant":
            out.append(item.text_content or "")
    return out


# --- (db) database killed and restarted mid-call ------------------------------------------------
def _pg_up(pg: Any) -> bool:
    ready = subprocess.run(
        [str(pg.bin_dir / "pg_isready"), "-h", "127.0.0.1", "-p", str(pg.port), "-U", "postgres"],
        capture_output=True,
        check=False,
    )
    return ready.returncode == 0


def kill_postgres(pg: Any) -> dict[str, Any]:
    """Kill the server abruptly and make sure it is down.

    ``PostgresServer.kill()`` SIGKILLs the postmaster. Its result is checked: should the
    server still answer (``kill_left_server_running`` in the JSON, a regression of the bug
    where only the ``runuser`` wrapper was killed), it is stopped in ``immediate`` mode."""
    pg.kill()
    survived = _pg_up(pg)
    if survived:
        # immediate mode: the postmaster SIGQUITs its backends and exits without a checkpoint
        # (crash recovery on restart) - to clients the same as a crash, and it leaves no
        # orphan holding postmaster.pid for the restart
        subprocess.run(
            pg._cmd(
                str(pg.bin_dir / "pg_ctl"), "-D", str(pg.data_dir), "-m", "immediate", "-w", "stop"
            ),
            capture_output=True,
            check=False,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and _pg_up(pg):
            time.sleep(0.1)
    return {"kill_left_server_running": survived, "down": not _pg_up(pg)}


async def _text_turn(session: Any, line: str, log: list[dict[str, Any]], phase: str) -> str:
    t = time.perf_counter()
    error = None
    try:
        result = await asyncio.wait_for(session.run(user_input=line), timeout=40)
        reply = " ".join(_replies(result))
    except Exception as exc:  # noqa: BLE001 - recorded
        reply, error = "", f"{type(exc).__name__}: {exc}"
    log.append(
        {
            "phase": phase,
            "caller": line,
            "reply": reply,
            "seconds": round(time.perf_counter() - t, 3),
            "error": error,
        }
    )
    return reply


async def fault_db(args: Any, workdir: Path) -> dict[str, Any]:
    from voice_agent.adapters.storage import open_store
    from voice_agent.adapters.voice.session import build_session, start_call
    from voice_agent.bootstrap import bootstrap

    checks: dict[str, bool] = {}
    turns: list[dict[str, Any]] = []
    with common.postgres_server() as pg:
        url = pg.create_database("fault_db")
        container = await bootstrap(_settings(workdir / "db", url))
        model = fakes.DelayedLLM(first_token_delay=0.0, reply=_agent_reply)
        session = build_session(llm=model)
        handle = await start_call(
            container.call_services(), session, room_name="fault-db", save_delay=0.1
        )
        conversation = None
        try:
            await _text_turn(session, "Hi there.", turns, "up")
            r = await _text_turn(session, "What times are available on Friday?", turns, "up")
            checks["slots_before_outage"] = " AM" in r or " PM" in r
            await asyncio.sleep(0.5)  # let the debounced save land
            t_kill = time.perf_counter()
            killed = await asyncio.to_thread(kill_postgres, pg)
            checks["server_down"] = killed["down"]
            r = await _text_turn(session, "What times are available on Friday?", turns, "down")
            checks["apology_while_down"] = APOLOGY in r
            checks["tool_failed_fast"] = turns[-1]["seconds"] < 10.0
            r = await _text_turn(session, "Okay, I can hold on a moment.", turns, "down")
            checks["call_continues_while_down"] = bool(r) and turns[-1]["error"] is None
            await asyncio.sleep(1.0)  # a debounced save attempt while down
            await asyncio.to_thread(pg.restart)
            outage = time.perf_counter() - t_kill
            r = await _text_turn(session, "Is anything free on Friday now?", turns, "restarted")
            checks["slots_after_restart"] = " AM" in r or " PM" in r
            await _text_turn(session, "Great, that's all. Bye.", turns, "restarted")
            try:
                conversation = await asyncio.wait_for(handle.wait_finished(), timeout=30)
            except TimeoutError:
                conversation = await handle.aclose()
        finally:
            if conversation is None:
                conversation = await handle.aclose()
            await container.aclose()
        store = await open_store(url, migrate=False)
        try:
            row = await store.conversations.get(handle.conversation_id)
        finally:
            await store.close()
    row_info = _row_info(row)
    expected = [t["caller"] for t in turns]
    checks["row_exists"] = row is not None
    checks["row_has_every_caller_turn"] = row is not None and row_info["user_texts"] == expected
    checks["row_has_every_reply"] = row is not None and row_info["assistant_turns"] >= len(turns)
    checks["row_has_end_reason"] = row is not None and bool(row_info["end_reason"])
    return {
        "passed": all(checks.values()),
        "checks": checks,
        "turns": turns,
        "outage_seconds": round(outage, 2),
        "kill": killed,
        "row": row_info,
        "in_memory_end_reason": conversation.end_reason if conversation else None,
    }


def _row_info(row: Any) -> dict[str, Any]:
    if row is None:
        return {"exists": False}
    return {
        "exists": True,
        "end_reason": row.end_reason,
        "transcript_items": len(row.transcript),
        "user_texts": [t.get("text") for t in row.transcript if t.get("role") == "user"],
        "assistant_turns": sum(1 for t in row.transcript if t.get("role") == "assistant"),
        "summary": row.summary,
    }


# --- (db_end) database down when the call ends --------------------------------------------------
async def fault_db_end(args: Any, workdir: Path) -> dict[str, Any]:
    from voice_agent.adapters.storage import open_store
    from voice_agent.adapters.voice.session import build_session, start_call
    from voice_agent.bootstrap import bootstrap

    checks: dict[str, bool] = {}
    turns: list[dict[str, Any]] = []
    with common.postgres_server() as pg:
        url = pg.create_database("fault_db_end")
        settings = _settings(workdir / "db_end", url)
        container = await bootstrap(settings)
        model = fakes.DelayedLLM(first_token_delay=0.0, reply=_agent_reply)
        session = build_session(llm=model)
        handle = await start_call(
            container.call_services(), session, room_name="fault-db-end", save_delay=0.1
        )
        try:
            await _text_turn(session, "What times are available on Friday?", turns, "up")
            await asyncio.sleep(0.5)
            killed = await asyncio.to_thread(kill_postgres, pg)
            checks["server_down"] = killed["down"]
            await _text_turn(session, "Thanks, I will call back.", turns, "down")
            t = time.perf_counter()
            await _text_turn(session, "Bye.", turns, "down")
            try:
                conversation = await asyncio.wait_for(handle.wait_finished(), timeout=60)
            except TimeoutError:
                conversation = await handle.aclose()
            finish_s = time.perf_counter() - t
        finally:
            await container.aclose()
        spooled = sorted(p.name for p in (settings.data_dir / "spool").rglob("*.json"))
        checks["spooled_while_down"] = f"{handle.conversation_id}.json" in spooled
        await asyncio.to_thread(pg.restart)
        container = await bootstrap(settings)  # replays the spool
        await container.aclose()
        store = await open_store(url, migrate=False)
        try:
            row = await store.conversations.get(handle.conversation_id)
        finally:
            await store.close()
        left = sorted(p.name for p in (settings.data_dir / "spool").rglob("*.json"))
    info = _row_info(row)
    checks["row_exists_after_restart"] = row is not None
    checks["row_has_every_caller_turn"] = row is not None and info["user_texts"] == [
        t["caller"] for t in turns
    ]
    checks["row_has_end_reason"] = row is not None and bool(info["end_reason"])
    checks["spool_emptied"] = not left
    return {
        "passed": all(checks.values()),
        "checks": checks,
        "turns": turns,
        "finish_seconds": round(finish_s, 2),
        "kill": killed,
        "row": info,
        "in_memory_end_reason": conversation.end_reason if conversation else None,
    }


# --- (llm, stt, tts) a provider failing mid-call ------------------------------------------------
PROVIDER_LINES = [
    "What times are available on Friday?",
    "Do you have anything on Monday morning?",
    "Is Thursday afternoon free?",
]
_KEYS = {"llm": "openai_api_key", "stt": "deepgram_api_key", "tts": "cartesia_api_key"}


async def fault_provider(kind: str, args: Any, workdir: Path, vad_cache: dict) -> dict[str, Any]:
    from voice_agent.adapters.voice.providers import Engines, build_providers, load_vad
    from voice_agent.bootstrap import bootstrap

    settings = _settings(
        workdir / kind,
        f"sqlite:///{workdir / f'{kind}.db'}",
        **{f"{kind}_provider": "auto", _KEYS[kind]: "bench-fake-key"},
    )
    if "vad" not in vad_cache:
        vad_cache["vad"] = await asyncio.to_thread(load_vad, settings)
    retryable = not args.non_retryable
    fail = {kind: [args.fail_on]}
    text = "Sure. We are open Monday to Friday from nine to four."
    cloud_stt = fakes.DelayedSTT(
        delay=0.25, provider="cloud-stt", fail_on=fail.get("stt", ()), retryable=retryable
    )
    cloud_llm = fakes.DelayedLLM(
        first_token_delay=0.35,
        provider="cloud-llm",
        reply=fakes.receptionist_reply(text=text),
        fail_on=fail.get("llm", ()),
        retryable=retryable,
    )
    cloud_tts = fakes.DelayedTTS(
        first_audio_delay=0.09,
        provider="cloud-tts",
        fail_on=fail.get("tts", ()),
        retryable=retryable,
    )
    backup_stt = fakes.DelayedSTT(delay=0.25, provider="backup-stt")
    backup_llm = fakes.DelayedLLM(
        first_token_delay=0.35, provider="backup-llm", reply=fakes.receptionist_reply(text=text)
    )
    backup_tts = fakes.DelayedTTS(first_audio_delay=0.09, provider="backup-tts")
    engines = Engines(
        cloud_stt=lambda s: cloud_stt,
        cloud_llm=lambda s: cloud_llm,
        cloud_tts=lambda s: cloud_tts,
        offline_stt=lambda s: backup_stt,
        offline_llm=lambda s: backup_llm,
        offline_tts=lambda s: backup_tts,
    )
    providers = build_providers(settings, vad=vad_cache["vad"], engines=engines)
    container = await bootstrap(settings)
    n_turns = max(3, args.fail_on + 1)
    lines = [PROVIDER_LINES[i % len(PROVIDER_LINES)] for i in range(n_turns)]
    utterances = []
    for line in lines:
        samples, rate = await asyncio.to_thread(fakes.caller_speech, line)
        utterances.append((line, samples, rate))

    def before_turn(_i: int, line: str) -> None:
        heard = line.lower().rstrip("?.")
        cloud_stt.text = heard
        backup_stt.text = heard

    errors: list[str] = []
    try:
        result = await fakes.voice_call(
            container,
            providers,
            utterances,
            before_turn=before_turn,
            reply_timeout=ANSWER_TIMEOUT,
        )
    finally:
        await providers.aclose()
        await container.aclose()
    backups = {"stt": backup_stt, "llm": backup_llm, "tts": backup_tts}
    cloud = {"stt": cloud_stt, "llm": cloud_llm, "tts": cloud_tts}[kind]
    # which turn carried the failing request
    fail_stamp = next((e.at for e in cloud.events if e.what.endswith("_fail")), None)
    fault_turn = None
    for i, t in enumerate(result.turns):
        if fail_stamp is not None and t.end_of_speech is not None and t.end_of_speech <= fail_stamp:
            fault_turn = i
    per_turn = [
        {
            "caller": t.caller,
            "latency_ms": round(t.latency * 1000, 1) if t.latency is not None else None,
            "reply": t.reply,
        }
        for t in result.turns
    ]
    others = [
        t.latency for i, t in enumerate(result.turns) if i != fault_turn and t.latency is not None
    ]
    base = statistics.median(others) if others else None
    ft = result.turns[fault_turn] if fault_turn is not None else None
    answered = ft is not None and ft.latency is not None
    checks = {
        "fault_injected": fail_stamp is not None,
        "fault_turn_answered": answered,
        "other_turns_answered": all(
            t.latency is not None for i, t in enumerate(result.turns) if i != fault_turn
        ),
    }
    return {
        "passed": all(checks.values()),
        "checks": checks,
        "kind": kind,
        "modes": dict(providers.modes),
        "fail_on_request": args.fail_on,
        "retryable_error": retryable,
        "fault_turn": fault_turn,
        "fault_turn_latency_ms": round(ft.latency * 1000, 1) if answered else None,
        "other_turns_median_ms": round(base * 1000, 1) if base is not None else None,
        "recovery_ms": round((ft.latency - base) * 1000, 1) if answered and base else None,
        "per_turn": per_turn,
        "cloud_requests": len([e for e in cloud.events if e.what.endswith(("_call", "_flush"))]),
        "backup_used": bool(backups[kind].events),
        "backup_requests": len(
            [e for e in backups[kind].events if e.what.endswith(("_call", "_flush"))]
        ),
        "errors": errors,
    }


# --- (sigterm) the call process terminated mid-call ---------------------------------------------
SIGTERM_LINES = [
    "What times are available on Friday?",
    "What about Thursday?",
    "And Monday?",
    "No thanks. Goodbye.",
]


def _write_call_wav(path: Path, gap: float) -> float:
    from voice_agent.adapters.offline.audio import resample

    parts = [np.zeros(16000, dtype=np.int16)]
    for line in SIGTERM_LINES:
        samples, rate = fakes.caller_speech(line)
        parts.append(resample(samples, rate, 16000))
        parts.append(np.zeros(int(16000 * gap), dtype=np.int16))
    audio = np.concatenate(parts)
    with wave.open(str(path), "wb") as wf:
        wf.setnchannels(1)
        wf.setsampwidth(2)
        wf.setframerate(16000)
        wf.writeframes(audio.astype("<i2").tobytes())
    return audio.size / 16000


def _read_rows(db: Path) -> list[dict[str, Any]]:
    if not db.exists():
        return []
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            cur = con.execute("SELECT id, transcript, end_reason, ended_at FROM conversations")
            rows = []
            for cid, transcript, end_reason, ended_at in cur.fetchall():
                items = json.loads(transcript) if isinstance(transcript, str) else transcript
                rows.append(
                    {
                        "id": cid,
                        "transcript": items or [],
                        "end_reason": end_reason,
                        "ended_at": ended_at,
                    }
                )
            return rows
        finally:
            con.close()
    except sqlite3.Error:
        return []


def fault_sigterm(args: Any, workdir: Path) -> dict[str, Any]:
    work = workdir / "sigterm"
    work.mkdir(parents=True, exist_ok=True)
    wav = work / "caller.wav"
    audio_s = _write_call_wav(wav, gap=7.0)
    db = work / "call.db"
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.endswith("_API_KEY") and k not in ("DATABASE_URL", "OPENAI_BASE_URL")
    }
    env.update(
        DATABASE_URL=f"sqlite:///{db}",
        DATA_DIR=str(work / "var"),
        STT_PROVIDER="offline",
        TTS_PROVIDER="offline",
        LLM_PROVIDER="offline",
        PYTHONUNBUFFERED="1",
    )
    exe = Path(sys.executable).parent / "voice-agent"
    cmd = [str(exe), "call", "--audio", str(wav), "--out", str(work / "out")]
    log_path = work / "child.log"
    t0 = time.monotonic()
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
        sent_at = None
        seen: list[dict[str, Any]] = []
        try:
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline and proc.poll() is None:
                seen = _read_rows(db)
                if seen:
                    roles = [t.get("role") for t in seen[0]["transcript"]]
                    if "user" in roles and "assistant" in roles[roles.index("user") :]:
                        break
                time.sleep(0.2)
            if proc.poll() is None:
                time.sleep(0.3)
                seen = _read_rows(db)
                proc.send_signal(signal.SIGTERM)
                sent_at = time.monotonic()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        finally:
            if proc.poll() is None:
                proc.kill()
    exit_s = round(time.monotonic() - sent_at, 2) if sent_at else None
    rows = _read_rows(db)
    row = rows[0] if rows else None
    before = seen[0]["transcript"] if seen else []
    checks = {
        "sigterm_sent_mid_call": sent_at is not None,
        "process_exited": proc.returncode is not None,
        "row_exists": row is not None,
        "row_has_transcript_so_far": row is not None and len(row["transcript"]) >= len(before) > 0,
        "row_has_end_reason": row is not None and bool(row["end_reason"]),
        "row_has_ended_at": row is not None and bool(row["ended_at"]),
    }
    tail = log_path.read_text(errors="replace")[-1500:]
    return {
        "passed": all(checks.values()),
        "checks": checks,
        "command": " ".join(cmd),
        "caller_audio_seconds": round(audio_s, 1),
        "sigterm_after_seconds": round(sent_at - t0, 1) if sent_at else None,
        "exit_code": proc.returncode,
        "exit_seconds_after_sigterm": exit_s,
        "transcript_at_sigterm": len(before),
        "row": None
        if row is None
        else {
            "transcript_items": len(row["transcript"]),
            "roles": [t.get("role") for t in row["transcript"]],
            "end_reason": row["end_reason"],
            "ended_at": row["ended_at"],
        },
        "child_log_tail": tail,
    }


# --- main --------------------------------------------------------------------------------------
async def _run_async(args: Any, workdir: Path, out: dict[str, Any]) -> None:
    vad_cache: dict[str, Any] = {}
    for name in args.only:
        if name == "sigterm":
            continue
        with common.Progress(f"fault {name}", quiet=args.quiet):
            try:
                if name == "db":
                    out[name] = await fault_db(args, workdir)
                elif name == "db_end":
                    out[name] = await fault_db_end(args, workdir)
                else:
                    out[name] = await fault_provider(name, args, workdir, vad_cache)
            except Exception as exc:  # noqa: BLE001 - a crash is a FAIL, reported
                logging.getLogger(NAME).exception("fault %s crashed", name)
                out[name] = {"passed": False, "checks": {}, "crash": f"{type(exc).__name__}: {exc}"}


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    args = parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    env = common.environment()
    started = time.perf_counter()
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="bench-faults-") as tmp:
        asyncio.run(_run_async(args, Path(tmp), results))
        if "sigterm" in args.only:
            with common.Progress("fault sigterm", quiet=args.quiet):
                results["sigterm"] = fault_sigterm(args, Path(tmp))
    env["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    doc = {
        "benchmark": NAME,
        "config": {
            "only": args.only,
            "fail_on": args.fail_on,
            "quick": args.quick,
            "retryable_errors": not args.non_retryable,
        },
        "environment": env,
        "wall_seconds": round(time.perf_counter() - started, 1),
        "results": results,
        "passed": {k: v["passed"] for k, v in results.items()},
    }
    report(doc)
    path = common.write_json(NAME, doc, args.json)
    print(f"JSON: {path}")
    return doc


def _detail(name: str, r: dict[str, Any]) -> str:
    if "crash" in r:
        return r["crash"]
    failed = [k for k, ok in r["checks"].items() if not ok]
    parts = []
    if name in ("llm", "stt", "tts"):
        parts.append(
            f"fault turn {r['fault_turn_latency_ms']} ms vs {r['other_turns_median_ms']} ms"
            f" (recovery {r['recovery_ms']} ms)"
        )
    elif name == "db":
        down = [t["seconds"] for t in r["turns"] if t["phase"] == "down"]
        parts.append(f"outage {r['outage_seconds']} s, down-turns {down} s")
    elif name == "db_end":
        parts.append(f"finish took {r['finish_seconds']} s")
    elif name == "sigterm":
        parts.append(f"exit {r['exit_code']} after {r['exit_seconds_after_sigterm']} s")
        if r["row"]:
            parts.append(f"row end_reason={r['row']['end_reason']}")
    if failed:
        parts.append("failed: " + ", ".join(failed))
    return "; ".join(parts)


def report(doc: dict[str, Any]) -> None:
    rows = [
        (name, "PASS" if r["passed"] else "FAIL", _detail(name, r))
        for name, r in doc["results"].items()
    ]
    common.print_table(["fault", "result", "details"], rows, title="Faults")


if __name__ == "__main__":
    main()
