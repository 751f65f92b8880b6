"""(db) The database killed and restarted in the middle of a text-mode call on PostgreSQL."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from bench import common
from bench.faults.support import (
    APOLOGY,
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
        url = pg.create_database("fault_db")
        container = await bootstrap(settings_for(workdir / "db", url))
        model = ScriptedLLM(reply=agent_reply())
        session = build_session(llm=model)
        handle = await start_call(
            container.call_services(), session, room_name="fault-db", save_delay=0.1
        )
        conversation = None
        try:
            await text_turn(session, "Hi there.", turns, "up")
            r = await text_turn(session, "What times are available on Friday?", turns, "up")
            checks["slots_before_outage"] = " AM" in r or " PM" in r
            await asyncio.sleep(0.5)  # let the debounced save land
            t_kill = time.perf_counter()
            killed = await asyncio.to_thread(kill_postgres, pg)
            checks["server_down"] = killed["down"]
            r = await text_turn(session, "What times are available on Friday?", turns, "down")
            checks["apology_while_down"] = APOLOGY in r
            checks["tool_failed_fast"] = turns[-1]["seconds"] < 10.0
            r = await text_turn(session, "Okay, I can hold on a moment.", turns, "down")
            checks["call_continues_while_down"] = bool(r) and turns[-1]["error"] is None
            await asyncio.sleep(1.0)  # a debounced save attempt while down
            await asyncio.to_thread(pg.restart)
            outage = time.perf_counter() - t_kill
            r = await text_turn(session, "Is anything free on Friday now?", turns, "restarted")
            checks["slots_after_restart"] = " AM" in r or " PM" in r
            await text_turn(session, "Great, that's all. Bye.", turns, "restarted")
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
    info = row_info(row)
    expected = [t["caller"] for t in turns]
    checks["row_exists"] = row is not None
    checks["row_has_every_caller_turn"] = row is not None and info["user_texts"] == expected
    checks["row_has_every_reply"] = row is not None and info["assistant_turns"] >= len(turns)
    checks["row_has_end_reason"] = row is not None and bool(info["end_reason"])
    return {
        "passed": all(checks.values()),
        "checks": checks,
        "turns": turns,
        "outage_seconds": round(outage, 2),
        "kill": killed,
        "row": info,
        "in_memory_end_reason": conversation.end_reason if conversation else None,
    }
