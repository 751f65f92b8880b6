"""(db) The database killed and restarted in the middle of a text-mode call on PostgreSQL."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from bench import common
from bench.faults import support
from voice_agent.bootstrap import bootstrap


async def run(args: Any, workdir: Path) -> dict[str, Any]:
    checks: dict[str, bool] = {}
    turns: list[dict[str, Any]] = []
    with common.postgres_server() as pg:
        url = pg.create_database("fault_db")
        container = await bootstrap(support.settings_for(workdir / "db", url))
        session, handle = await support.start_text_call(container, "fault-db")
        conversation = None
        try:
            await support.text_turn(session, "Hi there.", turns, "up")
            r = await support.text_turn(session, "What times are available on Friday?", turns, "up")
            checks["slots_before_outage"] = " AM" in r or " PM" in r
            await asyncio.sleep(0.5)  # let the debounced save land
            t_kill = time.perf_counter()
            killed = await asyncio.to_thread(support.kill_postgres, pg)
            checks["server_down"] = killed["down"]
            r = await support.text_turn(
                session, "What times are available on Friday?", turns, "down"
            )
            checks["apology_while_down"] = support.APOLOGY in r
            checks["tool_failed_fast"] = turns[-1]["seconds"] < 10.0
            r = await support.text_turn(session, "Okay, I can hold on a moment.", turns, "down")
            checks["call_continues_while_down"] = bool(r) and turns[-1]["error"] is None
            await asyncio.sleep(1.0)  # a debounced save attempt while down
            await asyncio.to_thread(pg.restart)
            outage = time.perf_counter() - t_kill
            r = await support.text_turn(
                session, "Is anything free on Friday now?", turns, "restarted"
            )
            checks["slots_after_restart"] = " AM" in r or " PM" in r
            await support.text_turn(session, "Great, that's all. Bye.", turns, "restarted")
            try:
                conversation = await asyncio.wait_for(handle.wait_finished(), timeout=30)
            except TimeoutError:
                conversation = await handle.aclose()
        finally:
            if conversation is None:
                conversation = await handle.aclose()
            await container.aclose()
        row = await support.read_row(url, handle.conversation_id)
    info = support.row_info(row)
    expected = [t["caller"] for t in turns]
    checks["row_exists"] = row is not None
    checks["row_has_every_caller_turn"] = row is not None and info["user_texts"] == expected
    checks["row_has_every_reply"] = row is not None and info["assistant_turns"] >= len(turns)
    checks["row_has_end_reason"] = row is not None and bool(info["end_reason"])
    measured = {"outage_seconds": round(outage, 2)}
    return support.outcome(checks, turns, killed, info, conversation, measured)
