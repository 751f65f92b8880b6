"""Where recognition CPU goes, per turn kind and component, on a ``bench.stt_eval`` run.

    python -m bench.stt_cpu [--json PATH] -- <bench.stt_eval arguments>

Runs :mod:`bench.stt_eval` in this process with the recogniser's parts timed (process CPU,
each part's own time without the parts it calls): the domain LM's and the grammar's
pocketsphinx passes, each re-decode (the "okay" yes check, one-side answers, a number in a
request, digit warps, repeated groups, the pitch restart), each Whisper read (digits, a
doubtful yes, a garbled answer, a name, an open turn) and the rest of the stream (endpointer,
noise floor, pitch tracking). Prints CPU-s per audio-s by turn kind (the turn's search:
``domain`` for open requests, ``phone10`` a whole number, ``phone3``/``phone4`` a group, ...)
and, per re-decode, how often it changed the reading and whether for the better (the
turn's reference against the reading before and after, digits or yes/no side).

The timing wraps methods of :mod:`voice_agent.adapters.offline.recognizer` for this process
only; the figures include the wrappers' own small cost.
"""

from __future__ import annotations

import argparse
import collections
import functools
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from bench import stt_eval as ev
from voice_agent.adapters.offline import grammars
from voice_agent.adapters.offline import recognizer as rec
from voice_agent.domain.listening import Listening
from voice_agent.domain.spoken_numbers import spoken_digits

REDECODES = {
    "_sure_yes": "yes_check",
    "_number_in_request": "number_in_request",
    "warped": "digit_warps",
    "repeated": "repeated_groups",
    "_second_opinion": "whisper_digits",
    "_answer_opinion": "whisper_answer",
    "_garbled_answer": "whisper_garbled",
    "_name_opinion": "whisper_name",
    "_free_opinion": "whisper_free",
    "_line_opinion": "whisper_line",
}
"""Utterance methods that may change a reading: timed, and their changes counted."""
TIMED = {"_one_side": "one_side"}
"""Utterance methods timed only (called inside the above or from ``_finish``)."""


class Profile:
    """Exclusive CPU per (turn kind, component), and the re-decodes' changes."""

    def __init__(self) -> None:
        self.cpu: dict[tuple[str, str], float] = collections.defaultdict(float)
        self.calls: collections.Counter[tuple[str, str]] = collections.Counter()
        self.audio: dict[str, float] = collections.defaultdict(float)
        self.changes: list[dict[str, str]] = []
        self.kind = "?"
        self.ref = ""
        self._stack: list[float] = []

    def timed(self, comp: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def wrap(*args: Any, **kwargs: Any) -> Any:
            t0 = time.process_time()
            self._stack.append(0.0)
            try:
                return fn(*args, **kwargs)
            finally:
                spent = time.process_time() - t0
                inner = self._stack.pop()
                self.cpu[(self.kind, comp)] += spent - inner
                self.calls[(self.kind, comp)] += 1
                if self._stack:
                    self._stack[-1] += spent

        return wrap

    def charge(self, comp: str, seconds: float) -> None:
        self.cpu[(self.kind, comp)] += seconds
        if self._stack:
            self._stack[-1] += seconds

    def changed(self, comp: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def wrap(utt: Any, before: Any, *args: Any, **kwargs: Any) -> Any:
            after = fn(utt, before, *args, **kwargs)
            self.changes.append(
                {
                    "kind": self.kind,
                    "comp": comp,
                    "before": before.text,
                    "after": after.text,
                    "ref": self.ref,
                }
            )
            return after

        return wrap

    def install(self) -> None:
        """Wrap the recogniser's parts (for this process)."""
        profile = self

        def process(utt: rec.Utterance, data: bytes) -> None:
            for start in range(0, len(data), rec.SLICE_BYTES):
                piece = data[start : start + rec.SLICE_BYTES]
                t0 = time.process_time()
                utt.decoders.domain.process_raw(piece, False, False)
                t1 = time.process_time()
                profile.charge("ps_domain", t1 - t0)
                if utt.grammar is not None:
                    utt.grammar.process_raw(piece, False, False)
                    profile.charge("ps_grammar", time.process_time() - t1)
                if utt.parallel_general is not None:
                    utt.parallel_general.process_raw(piece, False, False)
            if utt.audio is not None:
                utt.audio.append(data)
            if utt.warp_audio is not None:
                utt.warp_audio.append(data)

        rec.Utterance.process = process  # type: ignore[method-assign,assignment]
        finish = rec.Utterance._finish

        def _finish(utt: rec.Utterance, margin: float) -> rec.Result:
            profile.kind = grammars.base_search(utt.search)
            return finish(utt, margin)

        rec.Utterance._finish = self.timed("end_of_turn", _finish)  # type: ignore[method-assign]
        for name, comp in REDECODES.items():
            method = getattr(rec.Utterance, name)
            setattr(rec.Utterance, name, self.timed(comp, self.changed(comp, method)))
        for name, comp in TIMED.items():
            setattr(rec.Utterance, name, self.timed(comp, getattr(rec.Utterance, name)))
        restart = rec.StreamRecognizer._restart_warped
        rec.StreamRecognizer._restart_warped = self.timed("pitch_restart", restart)  # type: ignore[method-assign]
        feed = rec.StreamRecognizer.feed

        def fed(stream: rec.StreamRecognizer, data: bytes, **kwargs: Any) -> list[rec.Event]:
            if stream._utt is not None:
                profile.kind = grammars.base_search(stream._utt.search)
            elif stream.cfg.context:
                listening = rec.listening_of(kwargs.get("expect", ("request", None)))
                profile.kind = grammars.base_search(grammars.search_for(listening))
            else:
                profile.kind = grammars.DOMAIN_SEARCH
            return feed(stream, data, **kwargs)

        rec.StreamRecognizer.feed = self.timed("stream", fed)  # type: ignore[method-assign]
        hear = ev.Runner.hear

        def heard(
            runner: ev.Runner, call: Any, tally: ev.Tally, text: str, *args: Any, **kwargs: Any
        ) -> str:
            profile.ref = text
            expect = args[1] if runner.context else Listening()
            kind = grammars.base_search(grammars.search_for(expect))
            before = tally.audio_seconds
            out = hear(runner, call, tally, text, *args, **kwargs)
            profile.audio[kind] += tally.audio_seconds - before
            return out

        ev.Runner.hear = heard  # type: ignore[method-assign,assignment]

    def table(self) -> dict[str, dict[str, Any]]:
        rows: dict[str, dict[str, Any]] = {}
        for kind in sorted({k for k, _ in self.cpu}):
            seconds = self.audio.get(kind, 0.0)
            if not seconds:
                continue
            parts = {c: cpu / seconds for (k, c), cpu in self.cpu.items() if k == kind}
            rows[kind] = {
                "audio_seconds": round(seconds, 1),
                "cpu_per_audio_second": {c: round(v, 4) for c, v in sorted(parts.items())},
                "total": round(sum(parts.values()), 4),
                "calls": {c: n for (k, c), n in self.calls.items() if k == kind},
            }
        return rows

    def verdicts(self) -> dict[str, dict[str, int]]:
        """Per (component, kind): readings unchanged, changed for the better, for the worse,
        or from one wrong reading to another."""
        out: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
        for ch in self.changes:
            key = f"{ch['comp']} @ {ch['kind']}"
            if ch["before"] == ch["after"]:
                out[key]["unchanged"] += 1
                continue
            if ch["kind"].startswith(grammars.PHONE_SEARCH):
                ref = spoken_digits(ch["ref"])
                was, now = spoken_digits(ch["before"]) == ref, spoken_digits(ch["after"]) == ref
            elif ch["kind"] == grammars.YES_NO_SEARCH:
                side = ev.polarity(ch["ref"])
                was, now = ev.polarity(ch["before"]) == side, ev.polarity(ch["after"]) == side
            else:
                out[key]["changed"] += 1
                continue
            out[key]["better" if now and not was else "worse" if was and not now else "other"] += 1
        return {k: dict(v) for k, v in sorted(out.items())}


def print_table(rows: dict[str, dict[str, Any]]) -> None:
    comps = sorted({c for row in rows.values() for c in row["cpu_per_audio_second"]})
    print("\nCPU-s per audio-s by turn kind (exclusive per component)")
    print(f"{'kind':<12}{'audio s':>8}" + "".join(f"{c[:16]:>17}" for c in comps) + f"{'total':>8}")
    for kind, row in rows.items():
        cells = "".join(
            f"{row['cpu_per_audio_second'].get(c, 0.0):>17.4f}"
            if c in row["cpu_per_audio_second"]
            else f"{'':>17}"
            for c in comps
        )
        print(f"{kind:<12}{row['audio_seconds']:>8.1f}{cells}{row['total']:>8.4f}")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    rest: list[str] = []
    if "--" in argv:
        at = argv.index("--")
        argv, rest = argv[:at], argv[at + 1 :]
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", default="bench/results/stt_cpu.json")
    args = parser.parse_args(argv)
    load_start = os.getloadavg()
    profile = Profile()
    profile.install()
    rc = ev.main(rest)
    rows = profile.table()
    verdicts = profile.verdicts()
    print_table(rows)
    print("\nre-decodes and second readings: how often each changed the reading")
    for key, counts in verdicts.items():
        print(f"  {key}: {counts}")
    load_end = os.getloadavg()
    print(f"load average: {load_start[0]:.2f} at the start, {load_end[0]:.2f} at the end")
    with open(args.json, "w", encoding="utf-8") as fh:
        json.dump(
            {
                "stt_eval_args": rest,
                "per_kind": rows,
                "changes": verdicts,
                "load": {"start": load_start, "end": load_end},
            },
            fh,
            indent=1,
        )
    return rc


if __name__ == "__main__":
    raise SystemExit(main())
