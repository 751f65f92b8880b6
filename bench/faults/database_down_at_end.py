"""(db_end) The database is down when the call ends: the record goes to the spool and is
written by ``bootstrap`` after the restart."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from bench import common
from bench.faults.support import (
    agent_reply,
    kill_postgres,
    row_info,
    settings_for,
    text_turn,
)
from voice_agent.adapters.storage import open_store
from voice_agent.adapters.voice.session import build_session, start_call
from voice_agent.bootstrap import bootstrap
from voice_agent.testing.fakes import ScriptedLLM


async def run(args: Any, workdir: Path) -> dict[str, Any]:
    checks: dict[str, bool] = {}
    turns: list[dict[str, Any]] = []
    with common.postgres_server() as pg:
        url = pg.create_database("fault_db_end")
        settings = settings_for(workdir / "db_end", url)
        container = await bootstrap(settings)
        model = ScriptedLLM(reply=agent_reply())
        session = build_session(llm=model)
        handle = await start_call(
            container.call_services(), session, room_name="fault-db-end", save_delay=0.1
        )
        try:
            await text_turn(session, "What times are available on Friday?", turns, "up")
            await asyncio.sleep(0.5)
            killed = await asyncio.to_thread(kill_postgres, pg)
            checks["server_down"] = killed["down"]
            await text_turn(session, "Thanks, I will call back.", turns, "down")
            t = time.perf_counter()
            await text_turn(session, "Bye.", turns, "down")
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
    info = row_info(row)
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
