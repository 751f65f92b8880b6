"""Tool latency at scale: every scheduling operation's p50/p99 on SQLite and PostgreSQL.

Loads the same synthetic clinic history (default 1,000,000 appointments for 100,000 users)
into a SQLite file and into a PostgreSQL 15 server this script starts itself, then drives the
real SchedulingService over SqlStore (the code path behind the agent's tools) and times each
operation, interleaving the two backends so both see the same machine noise.

Data shape (clinic calendar defaults: Mon-Fri, hourly slots 09:00-15:00, 90-day horizon):
past appointments over the last --years years, 80 % 'completed' / 20 % 'cancelled'
(the partial unique index only constrains 'booked' rows, so the past may hold many rows per
slot); in the future, about half of the slots 'booked' (at most one per slot, as the index
demands) plus some 'cancelled' rows; users drawn uniformly, so ~10 appointments each.

The package: ``dataset`` (the synthetic clinic history), ``bulk_load`` (rows into each
database, fast), ``measure`` (the operations, timed), ``run`` (arguments, report, ``main``).

Usage:
    python -m bench.tool_latency                 # full run (1M appointments, 2000 ops/kind)
    python -m bench.tool_latency --quick         # 20k appointments, 2k users, 50 ops/kind
    python -m bench.tool_latency --backends postgresql --ops 500 --json /tmp/t.json
"""

from bench.tool_latency.run import main

__all__ = ["main"]
