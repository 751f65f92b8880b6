"""Dialogue success on the conversation corpus (voice_agent.testing.callers), typed path.

    python -m bench.dialogue                           # every call: success per category
    python -m bench.dialogue --split held_out          # only the held-out part
    python -m bench.dialogue --split stranger -v       # the stranger's scripts, failures in full
    python -m bench.dialogue --split typed -v          # the typed (chat window) scripts
    python -m bench.dialogue --split fresh -v          # the fresh (blind phone) scripts
    python -m bench.dialogue --split fresh2 -v         # the second blind batch of phone calls
    python -m bench.dialogue --split fresh3 -v         # the third blind batch
    python -m bench.dialogue --split fresh4 -v         # the fourth blind batch
    python -m bench.dialogue --split fresh5 -v         # the fifth blind batch
    python -m bench.dialogue --split fresh6 -v         # the sixth blind batch
    python -m bench.dialogue --split fresh7 -v         # the seventh blind batch
    python -m bench.dialogue --split fresh8 -v         # the eighth blind batch
    python -m bench.dialogue --split fresh9 -v         # the ninth blind batch
    python -m bench.dialogue --split fresh10 -v        # the tenth blind batch
    python -m bench.dialogue --split fresh11 -v        # the eleventh blind batch
    python -m bench.dialogue --split fresh12 -v        # the twelfth blind batch
    python -m bench.dialogue --split fresh13 -v        # the thirteenth blind batch
    python -m bench.dialogue --split fresh14 -v        # the fourteenth blind batch
    python -m bench.dialogue --split fresh15 -v        # the fifteenth blind batch
    python -m bench.dialogue --split fresh16 -v        # the sixteenth blind batch
    python -m bench.dialogue --split fresh17 -v        # the seventeenth blind batch
    python -m bench.dialogue --split fresh18 -v        # the eighteenth blind batch
    python -m bench.dialogue --split fresh19 -v        # the nineteenth blind batch
    python -m bench.dialogue --split fresh20 -v        # the twentieth blind batch
    python -m bench.dialogue --split fresh21 -v        # the twenty-first blind batch
    python -m bench.dialogue --split fresh22 -v        # the twenty-second blind batch
    python -m bench.dialogue --split fresh23 -v        # the twenty-third blind batch
    python -m bench.dialogue --split fresh24 -v        # the twenty-fourth blind batch
    python -m bench.dialogue --split fresh25 -v        # the twenty-fifth blind batch
    python -m bench.dialogue --split fresh26 -v        # the twenty-sixth blind batch
    python -m bench.dialogue --split fresh27 -v        # the twenty-seventh blind batch
    python -m bench.dialogue --split fresh28 -v        # the twenty-eighth blind batch
    python -m bench.dialogue --split fresh29 -v        # the twenty-ninth blind batch
    python -m bench.dialogue --split fresh30 -v        # the thirtieth blind batch
    python -m bench.dialogue --split fresh31 -v        # the thirty-first blind batch
    python -m bench.dialogue --split fresh32 -v        # the thirty-second blind batch
    python -m bench.dialogue --split fresh33 -v        # the thirty-third blind batch
    python -m bench.dialogue --split fresh35 -v        # the thirty-fifth blind batch
    python -m bench.dialogue --split fresh34 -v        # the thirty-fourth blind batch
    python -m bench.dialogue --split fresh37 -v        # the thirty-seventh blind batch
    python -m bench.dialogue --split fresh38 -v        # the thirty-eighth blind batch
    python -m bench.dialogue --split fresh39 -v        # the thirty-ninth blind batch
    python -m bench.dialogue --split fresh40 -v        # the fortieth blind batch
    python -m bench.dialogue --split fresh36 -v        # the thirty-sixth blind batch
    python -m bench.dialogue --split fresh41 -v        # the forty-first blind batch
    python -m bench.dialogue --split fresh42 -v        # the forty-second blind batch
    python -m bench.dialogue --split fresh43 -v        # the forty-third blind batch
    python -m bench.dialogue --split fresh44 -v        # the forty-fourth blind batch
    python -m bench.dialogue --split fresh45 -v        # the forty-fifth blind batch
    python -m bench.dialogue --split fresh46 -v        # the forty-sixth blind batch
    python -m bench.dialogue --split fresh47 -v        # the forty-seventh blind batch
    python -m bench.dialogue --split fresh48 -v        # the forty-eighth blind batch
    python -m bench.dialogue --split fresh49 -v        # the forty-ninth blind batch
    python -m bench.dialogue --split fresh50 -v        # the fiftieth blind batch
    python -m bench.dialogue --split fresh51 -v        # the fifty-first blind batch
    python -m bench.dialogue --split fresh52 -v        # the fifty-second blind batch

    python -m bench.dialogue --split fresh53 -v        # the fifty-third blind batch
    python -m bench.dialogue --split fresh54 -v        # the fifty-fourth blind batch
    python -m bench.dialogue --split fresh55 -v        # the fifty-fifth blind batch
    python -m bench.dialogue --split fresh56 -v        # the fifty-sixth blind batch
    python -m bench.dialogue --split fresh57 -v        # the fifty-seventh blind batch
    python -m bench.dialogue --split fresh58 -v        # the fifty-eighth blind batch
    python -m bench.dialogue --split fresh59 -v        # the fifty-ninth blind batch
    python -m bench.dialogue --split fresh60 -v        # the sixtieth blind batch
    python -m bench.dialogue --split fresh61 -v        # the sixty-first blind batch
    python -m bench.dialogue --split fresh62 -v        # the sixty-second blind batch
    python -m bench.dialogue --split fresh63 -v        # the sixty-third blind batch
    python -m bench.dialogue --split fresh64 -v        # the sixty-fourth blind batch
    python -m bench.dialogue --split fresh65 -v        # the sixty-fifth blind batch
    python -m bench.dialogue --split fresh66 -v        # the sixty-sixth blind batch
    python -m bench.dialogue --split fresh67 -v        # the sixty-seventh blind batch
    python -m bench.dialogue --split fresh68 -v        # the sixty-eighth blind batch
    python -m bench.dialogue --split fresh69 -v        # the sixty-ninth blind batch
    python -m bench.dialogue --split fresh70 -v        # the seventieth blind batch
    python -m bench.dialogue --split fresh71 -v        # the seventy-first blind batch
    python -m bench.dialogue --split fresh72 -v        # the seventy-second blind batch
    python -m bench.dialogue --split fresh73 -v        # the seventy-third blind batch
    python -m bench.dialogue --split fresh74 -v        # the seventy-fourth blind batch
    python -m bench.dialogue --split fresh75 -v        # the seventy-fifth blind batch
    python -m bench.dialogue --split fresh76 -v        # the seventy-sixth blind batch
    python -m bench.dialogue --voice --recorded --voice-set blind --split fresh17 --limit 30
                                                       # spoken by held-out voices: never tune on
    python -m bench.dialogue --call dev/slot_taken/02  # one call's transcript and checks
    python -m bench.dialogue --category closed_day -v  # one category, failures in full
    python -m bench.dialogue --list                    # every call id and what it tests

Prints passed/total per category for the dev, held-out, stranger, typed and fresh* splits,
the number of changes made without the caller's confirmation, the median turns per call and the
load average; with --voice also the recognition CPU per call (over the call's audio and over its
speech, the median over calls) and per turn kind; writes the summary to
bench/results/dialogue.json (or --json PATH).
"""

from __future__ import annotations

from pathlib import Path

from voice_agent.testing.callers import main as run

RESULT = Path(__file__).resolve().parent / "results" / "dialogue.json"


def main(argv: list[str] | None = None) -> int:
    return run(argv, default_json=RESULT)


if __name__ == "__main__":
    raise SystemExit(main())
