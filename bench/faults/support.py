"""What the fault benchmarks share: settings, text turns, a fake model calling the real
tools, reading the call's row, and killing PostgreSQL for real."""

from __future__ import annotations

import asyncio
import subprocess
import time
from pathlib import Path
from typing import Any
from uuid import UUID

from livekit.agents import AgentSession, llm
from livekit.agents.voice.run_result import RunResult

from bench.voice import scheduling_reply
from voice_agent.adapters.storage import open_store
from voice_agent.adapters.voice.session import CallHandle, build_session, start_call
from voice_agent.bootstrap import Container
from voice_agent.config import Settings
from voice_agent.domain.models import Conversation
from voice_agent.testing.fakes import ReplyFn, ScriptedLLM
from voice_agent.testing.postgres import PostgresServer

APOLOGY = "briefly unavailable"


def agent_reply() -> ReplyFn:
    """Slots when asked, end_conversation on goodbye, small talk otherwise; after a tool,
    speak its result (or relay its error)."""
    return scheduling_reply("Of course, take your time.")


async def start_text_call(
    container: Container, room_name: str
) -> tuple[AgentSession[Any], CallHandle]:
    """A text-mode call over a fake model that calls the real tools (saved every 0.1 s)."""
    session = build_session(llm=ScriptedLLM(reply=agent_reply()))
    services = container.call_services()
    handle = await start_call(services, session, room_name=room_name, save_delay=0.1)
    return session, handle


async def read_row(url: str, conversation_id: UUID) -> Conversation | None:
    """The call's row as a new process would read it (a fresh connection)."""
    store = await open_store(url, migrate=False)
    try:
        return await store.conversations.get(conversation_id)
    finally:
        await store.close()


def settings_for(workdir: Path, url: str, **extra: Any) -> Settings:
    """Offline engines and the given database; ``extra`` wins."""
    values = {
        "database_url": url,
        "data_dir": workdir / "var",
        "stt_provider": "offline",
        "tts_provider": "offline",
        "llm_provider": "offline",
        **extra,
    }
    return Settings(**values, _env_file=None)  # type: ignore[call-arg]


def replies(result: RunResult[Any]) -> list[str]:
    out = []
    for ev in result.events:
        item = getattr(ev, "item", None)
        if isinstance(item, llm.ChatMessage) and item.role == "assistant":
            out.append(item.text_content or "")
    return out


def _pg_up(pg: PostgresServer) -> bool:
    ready = subprocess.run(
        [str(pg.bin_dir / "pg_isready"), "-h", "127.0.0.1", "-p", str(pg.port), "-U", "postgres"],
        capture_output=True,
        check=False,
    )
    return ready.returncode == 0


def kill_postgres(pg: PostgresServer) -> dict[str, Any]:
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


async def text_turn(
    session: AgentSession[Any], line: str, log: list[dict[str, Any]], phase: str
) -> str:
    t = time.perf_counter()
    error = None
    try:
        result = await asyncio.wait_for(session.run(user_input=line), timeout=40)
        reply = " ".join(replies(result))
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


def outcome(
    checks: dict[str, bool],
    turns: list[dict[str, Any]],
    kill: dict[str, Any],
    row: dict[str, Any],
    conversation: Conversation | None,
    measured: dict[str, Any],
) -> dict[str, Any]:
    """A database fault's result: PASS when every check holds."""
    return {
        "passed": all(checks.values()),
        "checks": checks,
        "turns": turns,
        **measured,
        "kill": kill,
        "row": row,
        "in_memory_end_reason": conversation.end_reason if conversation else None,
    }


def row_info(row: Conversation | None) -> dict[str, Any]:
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
