"""How often :func:`.recognizer.split_by_sphinx` (numbers42's digit rule) changes a number said
inside a line, and whether the change is right: :mod:`bench.stt_eval`'s ``phone_line`` items
(numbers said inside other lines, their true digits known) with every call of the rule and of
:meth:`.recognizer.Utterance.line_number` logged beside the item's number.

    python -m bench.stt_split_digit OUT.json --split tuning --kinds phone_line --per-voice 6 \\
        --no-baseline --latency-n 0

The arguments after ``OUT.json`` are :mod:`bench.stt_eval`'s; the summary is printed and every
logged call written to ``OUT.json`` (numbers are synthetic, no caller's).
"""

from __future__ import annotations

import json
import sys
from typing import Any

import bench.stt_eval as ev
from voice_agent.adapters.offline import recognizer as rec

LOG: list[dict[str, Any]] = []
CURRENT: dict[str, Any] = {}


def _install() -> None:
    hear = ev.Runner.hear
    split = rec.split_by_sphinx
    line_number = rec.Utterance.line_number

    def traced_hear(
        self: Any, call: Any, tally: Any, text: str, item: Any, *a: Any, **k: Any
    ) -> Any:
        CURRENT.update(ref=item.ref, voice=item.voice)
        return hear(self, call, tally, text, item, *a, **k)

    def traced_split(number: str, stretch: str, sphinx: Any, sure: Any, threshold: float) -> bool:
        fired = split(number, stretch, sphinx, sure, threshold)
        LOG.append(
            {
                "ref": CURRENT.get("ref"),
                "voice": CURRENT.get("voice"),
                "number": number,
                "stretch": stretch,
                "sphinx": list(sphinx),
                "sure": [round(s, 3) for s in sure],
                "fired": fired,
            }
        )
        return fired

    def traced_line(self: rec.Utterance, best: rec.Result) -> rec.Result:
        out = line_number(self, best)
        agreed = not (out.unsure or out.one_reader or out.weak_group is not None)
        LOG.append(
            {
                "line_number": True,
                "ref": CURRENT.get("ref"),
                "out": rec.number_in(out.text),
                "agreed": agreed,
            }
        )
        return out

    ev.Runner.hear = traced_hear  # type: ignore[method-assign]
    rec.split_by_sphinx = traced_split
    rec.Utterance.line_number = traced_line  # type: ignore[method-assign]


def summary(log: list[dict[str, Any]]) -> dict[str, int]:
    lines = [x for x in log if x.get("line_number")]
    rule = [x for x in log if "fired" in x]
    fired = [x for x in rule if x["fired"]]
    return {
        "line_number_calls": len(lines),
        "line_number_agreed_right": sum(x["agreed"] and x["out"] == x["ref"] for x in lines),
        "line_number_agreed_wrong": sum(x["agreed"] and x["out"] != x["ref"] for x in lines),
        "rule_consulted": len(rule),
        "rule_fired": len(fired),
        "rule_fired_right": sum(x["number"] == x["ref"] for x in fired),
        "rule_fired_wrong": sum(x["number"] != x["ref"] for x in fired),
        "rule_fired_stretch_was_right": sum(x["stretch"] == x["ref"] for x in fired),
    }


def main(argv: list[str]) -> int:
    out, rest = argv[0], argv[1:]
    _install()
    try:
        ev.main(rest)
    finally:
        with open(out, "w") as f:
            json.dump(LOG, f, indent=1)
        print(json.dumps(summary(LOG), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
