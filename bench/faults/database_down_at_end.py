"""(db_end) The database is down when the call ends: the record goes to the spool and is
written by ``bootstrap`` after the restart."""

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
        url = pg.create_database("fault_db_end")
        settings = support.settings_for(workdir / "db_end", url)
        container = await bootstrap(settings)
        session, handle = await support.start_text_call(container, "fault-db-end")
        try:
            await support.text_turn(session, "What times are available on Friday?", turns, "up")
            await asyncio.sleep(0.5)
            killed = await asyncio.to_thread(support.kill_postgres, pg)
            checks["server_down"] = killed["down"]
            await support.text_turn(session, "Thanks, I will call back.", turns, "down")
            t = time.perf_counter()
            await support.text_turn(session, "Bye.", turns, "down")
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
        row = await support.read_row(url, handle.conversation_id)
        left = sorted(p.name for p in (settings.data_dir / "spool").rglob("*.json"))
    info = support.row_info(row)
    checks["row_exists_after_restart"] = row is not None
    checks["row_has_every_caller_turn"] = row is not None and info["user_texts"] == [
        t["caller"] for t in turns
    ]
    checks["row_has_end_reason"] = row is not None and bool(info["end_reason"])
    checks["spool_emptied"] = not left
    measured = {"finish_seconds": round(finish_s, 2)}
    return support.outcome(checks, turns, killed, info, conversation, measured)
