"""``python -m bench.dialogue``: run the conversation corpus and print success per category.

python -m bench.dialogue                          # the whole corpus, typed path
python -m bench.dialogue --split dev              # only the dev part
python -m bench.dialogue --split stranger -v      # only the stranger's scripts, failures in full
python -m bench.dialogue --split typed -v         # only the typed (chat window) scripts
python -m bench.dialogue --split fresh -v         # only the fresh (blind phone) scripts
python -m bench.dialogue --split fresh2 -v        # only the second fresh batch
python -m bench.dialogue --split fresh3 -v        # only the third fresh batch
python -m bench.dialogue --split fresh4 -v        # only the fourth fresh batch
python -m bench.dialogue --split fresh5 -v        # only the fifth fresh batch
python -m bench.dialogue --split fresh6 -v        # only the sixth fresh batch
python -m bench.dialogue --split fresh7 -v        # only the seventh fresh batch
python -m bench.dialogue --split fresh8 -v        # only the eighth fresh batch
python -m bench.dialogue --split fresh9 -v        # only the ninth fresh batch
python -m bench.dialogue --split fresh10 -v       # only the tenth fresh batch
python -m bench.dialogue --split fresh11 -v       # only the eleventh fresh batch
python -m bench.dialogue --split fresh12 -v       # only the twelfth fresh batch
python -m bench.dialogue --split fresh13 -v       # only the thirteenth fresh batch
python -m bench.dialogue --split fresh14 -v       # only the fourteenth fresh batch
python -m bench.dialogue --split fresh15 -v       # only the fifteenth fresh batch
python -m bench.dialogue --split fresh16 -v       # only the sixteenth fresh batch
python -m bench.dialogue --split fresh17 -v       # only the seventeenth fresh batch
python -m bench.dialogue --split fresh18 -v       # only the eighteenth fresh batch
python -m bench.dialogue --split fresh19 -v       # only the nineteenth fresh batch
python -m bench.dialogue --split fresh20 -v       # only the twentieth fresh batch
python -m bench.dialogue --split fresh21 -v       # only the twenty-first fresh batch
python -m bench.dialogue --split fresh22 -v       # only the twenty-second fresh batch
python -m bench.dialogue --split fresh23 -v       # only the twenty-third fresh batch
python -m bench.dialogue --split fresh24 -v       # only the twenty-fourth fresh batch
python -m bench.dialogue --split fresh25 -v       # only the twenty-fifth fresh batch
python -m bench.dialogue --split fresh26 -v       # only the twenty-sixth fresh batch
python -m bench.dialogue --category closed_day -v # one category, failures in full
python -m bench.dialogue --call dev/slot_taken/02 # one call's transcript and checks
python -m bench.dialogue --list                   # every call id and what it tests
python -m bench.dialogue --voice --recorded --limit 30 --split stranger  # as a call file plays
python -m bench.dialogue --voice --recorded --voice-set blind --split fresh17  # held-out voices
python -m bench.dialogue --voice --recorded --voice-set flite --split fresh17  # another synthesiser
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import functools
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from voice_agent.testing.callers.corpus import SPLITS, CorpusCall, corpus
from voice_agent.testing.callers.report import (
    Result,
    describe,
    format_recognition_cpu,
    format_table,
    recognition_cpu,
    run_calls,
    summary,
)
from voice_agent.testing.callers.runner import LineFactory


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="dialogue",
        description="Run the conversation corpus against the receptionist (typed path).",
    )
    p.add_argument("--call", action="append", default=[], metavar="ID", help="run this call id")
    p.add_argument("--category", action="append", default=[], help="only this category")
    p.add_argument(
        "--split",
        choices=SPLITS,
        help="only this split (dev, held_out, or the stranger, typed or fresh scripts)",
    )
    p.add_argument("--kind", choices=("simulated", "script"), help="only generated or scripted")
    p.add_argument("-v", "--verbose", action="store_true", help="print failing calls in full")
    p.add_argument("--quick", action="store_true", help="one dev call per category (smoke run)")
    p.add_argument("--list", action="store_true", help="list the calls and exit")
    p.add_argument("--json", metavar="PATH", help="write the summary as JSON")
    p.add_argument(
        "--voice",
        action="store_true",
        help="speak the calls (fixed scripts unless --kind says otherwise) with espeak-ng "
        "caller voices other than the demo's, through the offline voice pipeline",
    )
    p.add_argument(
        "--recorded",
        action="store_true",
        help="with --voice: play each script's lines exactly as written, as a recorded call "
        "file (call --audio) does; by default the caller denies a wrong read-back of its "
        "number and gives it again, as a person would",
    )
    p.add_argument("--voices", type=int, default=8, metavar="N", help="voices to rotate (--voice)")
    p.add_argument(
        "--voice-set",
        choices=("tuned", "blind", "flite"),
        default="tuned",
        help="with --voice: the caller voices tuned on for rounds (default), the held-out "
        "blind set nobody tunes on (other accents and variants, some with 20 dB noise), or "
        "held-out voices of another synthesiser (flite; needs the flite program)",
    )
    p.add_argument("--limit", type=int, metavar="N", help="run at most N calls")
    p.add_argument(
        "--noise", type=float, metavar="DB", help="mix white noise at this SNR (--voice)"
    )
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="calls at a time")
    p.add_argument(
        "--call-deadline",
        type=float,
        metavar="SECONDS",
        help="with --voice: stop a call that takes longer than this and fail it, saying where "
        "it waited (default: sized from the call's lines at its voice's rate, stretched by "
        "the machine's load; 0: none)",
    )
    return p


def select(args: argparse.Namespace) -> list[CorpusCall]:
    calls = list(corpus())
    if args.call:
        known = {c.id: c for c in calls}
        unknown = [i for i in args.call if i not in known]
        if unknown:
            raise SystemExit(f"unknown call id(s): {', '.join(unknown)} (see --list)")
        return [known[i] for i in args.call]
    if args.category:
        names = {c.category for c in calls}
        unknown = [c for c in args.category if c not in names]
        if unknown:
            raise SystemExit(f"unknown categories: {unknown}; known: {sorted(names)}")
        calls = [c for c in calls if c.category in args.category]
    if args.split:
        calls = [c for c in calls if c.split == args.split]
    if args.kind:
        calls = [c for c in calls if c.kind == args.kind]
    if args.voice and not args.kind and not args.call:
        calls = [c for c in calls if c.kind == "script"]
    if args.quick:
        first: dict[str, CorpusCall] = {}
        for c in calls:
            if c.split == "dev" and c.lines is None:
                first.setdefault(c.category, c)
        calls = list(first.values())
    if args.limit is not None:
        calls = _spread_over_categories(calls, args.limit)
    return calls


def _spread_over_categories(calls: list[CorpusCall], limit: int) -> list[CorpusCall]:
    """At most ``limit`` calls, taking categories in turn so every category is represented."""
    by_category: dict[str, list[CorpusCall]] = {}
    for c in calls:
        by_category.setdefault(c.category, []).append(c)
    out: list[CorpusCall] = []
    while len(out) < limit and any(by_category.values()):
        for name in sorted(by_category):
            if by_category[name] and len(out) < limit:
                out.append(by_category[name].pop(0))
    return out


def main(
    argv: Sequence[str] | None = None,
    *,
    open_line: LineFactory | None = None,
    default_json: Path | None = None,
) -> int:
    """Run the selected calls; returns 0 (figures are reported, not judged)."""
    p = parser()
    args = p.parse_args(argv)
    if args.recorded and not args.voice:
        p.error("--recorded plays spoken scripts: use it with --voice")
    if args.voice_set != "tuned" and not args.voice:
        p.error("--voice-set chooses the caller voices: use it with --voice")
    if args.voice_set == "flite" and shutil.which("flite") is None:
        from voice_agent.testing.callers.voice import FLITE_MISSING

        p.error(FLITE_MISSING)
    calls = select(args)
    if args.list:
        for c in calls:
            print(f"{c.id:48s} {c.kind:9s} {c.description}")
        return 0
    quiet: AbstractContextManager[None] = nullcontext()
    voices: dict[str, str] = {}
    per_call = None
    deadline: Callable[[CorpusCall], float | None] | None = None
    if args.voice:
        from voice_agent.adapters.offline.second_opinion import WAITING_ENV
        from voice_agent.testing.callers.harness import quiet_logs
        from voice_agent.testing.callers.voice import (
            RECORDED_MAX_WAITING,
            VOICE_SETS,
            call_deadline,
            open_voice_line,
        )

        quiet = quiet_logs()
        if args.recorded:
            # the calls of this process share its recognition workers, which a LiveKit call
            # never does: no second opinion skipped for the bench's other call (repeatable)
            os.environ.setdefault(WAITING_ENV, str(RECORDED_MAX_WAITING))
        voice_set = VOICE_SETS[args.voice_set]
        pool = voice_set[: max(1, min(args.voices, len(voice_set)))]
        chosen = {
            c.id: dataclasses.replace(
                v, noise_db=args.noise if args.noise is not None else v.noise_db
            )
            for c, v in zip(calls, (pool[i % len(pool)] for i in range(len(calls))), strict=True)
        }
        voices = {k: v.label for k, v in chosen.items()}

        def per_call(call: CorpusCall) -> LineFactory:
            # each reader's words per line in the JSON written (--json), never in a log
            return functools.partial(
                open_voice_line, voice=chosen[call.id], recorded=args.recorded, keep_readings=True
            )

        given = args.call_deadline

        def deadline(call: CorpusCall) -> float | None:
            if given is not None:
                return given if given > 0 else None
            return call_deadline(call.lines, chosen[call.id])

    elif open_line is None:
        from voice_agent.testing.callers.harness import open_typed_line, quiet_logs

        quiet = quiet_logs()
        open_line = open_typed_line
    started = time.perf_counter()

    def progress(i: int, result: Result) -> None:
        if len(calls) > 1 and sys.stderr.isatty():
            print(f"\r{i + 1}/{len(calls)} calls", end="", file=sys.stderr, flush=True)

    with quiet:
        if per_call is not None:
            results = asyncio.run(
                run_calls(
                    calls,
                    per_call,
                    progress=progress,
                    jobs=args.jobs,
                    per_call=True,
                    deadline=deadline,
                )
            )
        else:
            assert open_line is not None
            results = asyncio.run(run_calls(calls, open_line, progress=progress, jobs=args.jobs))
    if len(calls) > 1 and sys.stderr.isatty():
        print(file=sys.stderr)
    wall = time.perf_counter() - started

    for r in results:
        # a change nobody said yes to is always shown in full: it must be traceable
        if args.call or r.verdict.unconfirmed or (args.verbose and not r.passed):
            if voices:
                print(f"voice {voices[r.call.id]}")
            print(describe(r))
            print()
    doc = summary(results)
    print(format_table(results))
    print()
    print(f"passed                 {doc['passed']}/{doc['calls']} ({doc['pass_rate']:.1%})")
    print(
        f"unconfirmed changes    {doc['unconfirmed_changes']} "
        f"(in {doc['calls_with_unconfirmed_changes']} calls)"
    )
    if doc["name_left_for_staff_calls"]:
        print(
            f"right but for the name {len(doc['name_left_for_staff_calls'])} "
            '(opened as "Unknown Caller" for the front desk; counted as failed)'
        )
    if doc["name_left_as_allowed_calls"]:
        print(
            f"name left for staff    {len(doc['name_left_as_allowed_calls'])} "
            '(passed: "Unknown Caller" on the right account, the caller told the front desk '
            "will take the name)"
        )
    if doc["name_wrong_calls"]:
        print(
            f"wrong name registered  {len(doc['name_wrong_calls'])} "
            "(a new account opened under a name not the caller's)"
        )
    print(f"median turns per call  {doc['median_turns']}")
    for cid, error in doc["deadline_calls"].items():
        print(f"stopped at deadline    {cid}: {error}")
    if doc["failed_checks"]:
        failed = ", ".join(f"{k} {v}" for k, v in doc["failed_checks"].items())
        print(f"failed checks          {failed}")
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(
        f"wall time              {wall:.1f} s, median {doc['seconds_per_call_median'] * 1000:.0f} "
        f"ms per call; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    cpu = recognition_cpu(results)
    if cpu is not None:
        doc["recognition_cpu"] = cpu
        print(format_recognition_cpu(cpu))
    if voices:
        by_voice: dict[str, list[bool]] = {}
        for r in results:
            by_voice.setdefault(voices[r.call.id], []).append(r.passed)
        doc["by_voice"] = {k: f"{sum(v)}/{len(v)}" for k, v in sorted(by_voice.items())}
        for k, v in sorted(by_voice.items()):
            print(f"voice {k:28s} {sum(v)}/{len(v)}")
    whole = not (args.call or args.category or args.split or args.kind or args.quick)
    whole = whole and not args.voice and args.limit is None
    target = Path(args.json) if args.json else default_json if whole else None
    if target is not None:
        doc["environment"] = _environment(load)
        doc["command"] = [sys.argv[0], *(argv if argv is not None else sys.argv[1:])]
        doc["path"] = "voice" if args.voice else "typed"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(doc, indent=2, default=str) + "\n", encoding="utf-8")
        print(f"summary written to {target}")
    return 0


def _environment(load: tuple[float, ...]) -> dict[str, Any]:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=False, timeout=5
        ).stdout.strip()
    except OSError:
        head = ""
    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "git_head": head or None,
        "load_average": list(load),
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


if __name__ == "__main__":
    raise SystemExit(main())
