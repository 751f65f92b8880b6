"""Smoke test of bench.stt_eval: the quick configuration runs end to end and writes every
figure it reports (shape and sanity only; no accuracy or timing thresholds)."""

from __future__ import annotations

import json
import math
from datetime import date, time
from pathlib import Path

import numpy as np
import pytest

from bench import stt_eval, stt_name_cost, stt_names, stt_warps


def test_stt_eval_quick(tmp_path: Path) -> None:
    bench = stt_eval
    out = tmp_path / "stt_eval.json"
    assert bench.main(["--quick", "--conditions", "clean", "--out", str(out)]) == 0
    doc = json.loads(out.read_text())
    assert doc["split"] == "heldout" and doc["context"] is True
    assert set(doc["conditions"]) == {"clean/wide", "clean/narrow"}
    for name, row in doc["conditions"].items():
        for key in ("phone_exact_one_turn_pct", "yes_no_pct", "day_time_pct"):
            assert 0.0 <= row[key] <= 100.0, (name, key)
        assert row["request_wer_pct"] >= 0.0 and row["oog_wer_pct"] >= 0.0
        assert 0.0 <= row["yes_more_pct"] <= 100.0 and row["yes_more_wer_pct"] >= 0.0
        assert row["phone_exact_with_repair_pct"] >= row["phone_exact_one_turn_pct"]
        assert row["rtf"] > 0.0 and math.isfinite(row["rtf_worker_streamed"])
        assert row["latency_n"] >= 1 and row["latency_median_ms"] is not None
    assert doc["conditions"]["clean/narrow"]["narrowband_reported_pct"] == 100.0
    assert doc["conditions"]["clean/wide"]["narrowband_reported_pct"] == 0.0
    cpu = doc["cpu_per_call"]
    assert cpu["calls"] == 2 and cpu["turns"] == 12
    # both sides measured; which is cheaper is the bench's figure to print, not a timing to
    # assert here (1.3-1.4x apart on a quiet machine, closer under load)
    assert cpu["before_cpu_per_audio_second"] > 0.0 and cpu["after_cpu_per_audio_second"] > 0.0
    assert cpu["ratio_before_over_after"] > 0.0
    assert doc["machine"]["loadavg_at_end"]


def test_stt_eval_renders_a_clip_the_same_whatever_was_rendered_before() -> None:
    # libespeak-ng carries state from one render to the next and seeds en-us+f2's breath noise
    # from the clock: until the numbers32 round two runs of identical code heard 4 of the 20
    # held-out numbers at 10 dB differently, and a branch saying other repair turns heard
    # every later clip differently from main
    said = "sure five eight one double six six two two six three"
    first = stt_eval.render(said, "en-us+f2", 160, 50)
    stt_eval.render("three oh zero one eight oh nine nine nine zero", "en", 150, 50)
    stt_eval.render(said, "en-us+f2", 160, 50)
    assert np.array_equal(stt_eval.render(said, "en-us+f2", 160, 50), first)


def test_stt_eval_held_out_and_tuning_sets_are_disjoint() -> None:
    bench = stt_eval
    held, tuning = bench.SPLITS["heldout"], bench.SPLITS["tuning"]
    assert len(held.voices) >= 8
    assert not {v for v, _ in held.voices} & {v for v, _ in tuning.voices}
    assert not set(held.requests) & set(tuning.requests)
    assert held.more and tuning.more
    assert not {said for _, said in held.more} & {said for _, said in tuning.more}
    assert held.real and not {said for _, said in held.real} & {said for _, said in tuning.real}
    assert held.lines and not {said for _, said in held.lines} & {s for _, s in tuning.lines}
    assert held.seed != tuning.seed
    items = bench.make_items(held, 1)
    assert {i.kind for i in items} == set(bench.KINDS)
    phones = [i for i in items if i.kind == "phone"]
    assert all(len(i.ref) == 10 and "".join(i.groups) == i.ref for i in phones)


def test_stt_warps_smoke(capsys: pytest.CaptureFixture[str]) -> None:
    # a low voice: the call takes the low-voice warp, and the line says so
    assert stt_warps.main(["--voices", "en-us+m8:35", "--n", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("en-us+m8") and "warp 0.88" in lines[0]
    assert lines[-1].startswith("total clean: exact ") and "/1," in lines[-1]


def test_stt_names_smoke(tmp_path: Path, capsys: object) -> None:
    out = tmp_path / "names.json"
    assert stt_names.main(["--voices", "2", "--per-voice", "1", "--out", str(out)]) == 0
    rows = json.loads(out.read_text())
    assert len(rows) == 2 * (1 + 3)  # a name and three other lines per voice
    assert sum(1 for r in rows if r["name"]) == 2
    assert all(r["heard_grammar"] or r["heard_domain"] for r in rows)


def test_stt_name_cost_smoke(tmp_path: Path, capsys: object) -> None:
    out = tmp_path / "cost.json"
    argv = ["--voices", "1", "--per-voice", "1", "--requests", "0", "--profile", "0"]
    assert stt_name_cost.main([*argv, "--out", str(out)]) == 0
    rows = json.loads(out.read_text())
    assert len(rows) == 1 and rows[0]["name"]
    assert rows[0]["both_cpu"] > 0 and rows[0]["w_main"]["cpu"] > 0


def test_stt_eval_scores_every_answer_of_the_yes_no_grammar_by_its_polarity() -> None:
    # "yep" heard "yup" or "nope" heard "nah" is the right answer, not a miss
    from voice_agent.adapters.offline import grammars

    for answer in grammars._YES:
        assert stt_eval.polarity(answer) == "yes", answer
    for answer in grammars._NO:
        # "i can't make it" at "Shall I book ...?" is a no since voice17
        assert stt_eval.polarity(answer) == "no", answer
    assert stt_eval.polarity("yup") == "yes"
    assert stt_eval.polarity("nah i'm good thanks") == "no"


@pytest.mark.parametrize(
    ("heard", "ends"),
    [
        # a decline heard right is a no, not a goodbye: "no thank you" (a held-out plain
        # answer) and "no thanks" (a tuning one) were counted as goodbyes unsaid until yesno33
        ("no thank you", False),
        ("no thanks", False),
        ("nah i'm good", False),
        ("no i'm good please", False),
        ("nope", False),
        ("yes please", False),
        ("nope goodbye", True),
        ("yes please that's all", True),
        ("no that's all", True),
        ("yeah thanks bye", True),
    ],
)
def test_stt_eval_counts_a_goodbye_unsaid_where_the_call_would_end(heard: str, ends: bool) -> None:
    assert stt_eval.ends_call(heard) is ends


@pytest.mark.parametrize(
    ("heard", "day", "at"),
    [
        # daytime35: the dialogue's reading at its day/time question - a bare hour after a
        # day is the hour, "one p m" after a day is 1 PM, "the second one" is a pick (no day)
        ("thursday three", date(2026, 1, 22), time(15)),
        ("maybe friday one p m", date(2026, 1, 23), time(13)),
        ("what about the twenty second one p m", date(2026, 1, 22), time(13)),
        ("the second one", None, None),
        ("let's do february third nine thirty", date(2026, 2, 3), time(9, 30)),
    ],
)
def test_stt_eval_reads_day_and_time_as_the_dialogue_does(
    heard: str, day: date | None, at: time | None
) -> None:
    assert stt_eval.read_day_time(heard) == (day, at)


def test_every_day_and_time_said_reads_as_its_reference() -> None:
    # what each split's day/time items say is read by the dialogue as what they mean, so
    # "d+t read" misses only what the recogniser got wrong
    for split in ("heldout", "tuning"):
        for item in stt_eval.make_items(stt_eval.SPLITS[split], 3):
            if item.kind == "date_time":
                assert stt_eval.read_day_time(item.text) == item.ref, item.text


@pytest.mark.parametrize(
    ("heard", "wrong"),
    [
        ("let's do february third at ten a m", False),  # as said
        ("let's do february eighth ten a m", True),  # a day not said
        ("let's do february third five thirty", True),  # an hour not said
        ("at ten a m", False),  # the day left to be asked for: a doubt, not a wrong one
        ("the my wife move if", False),  # nothing read
    ],
)
def test_stt_eval_counts_a_day_or_hour_read_that_was_not_said(heard: str, wrong: bool) -> None:
    said = (date(2026, 2, 3), time(10))
    assert stt_eval.wrong_day_time(stt_eval.read_day_time(heard), said) is wrong


class _RecordingStream:
    """Stands in for the recogniser stream: keeps the audio it is fed, its rate, and how
    much had been fed at each flush."""

    def __init__(self) -> None:
        self.fed = bytearray()
        self.rates: set[int] = set()
        self.flushed_at: list[int] = []

    def feed(self, data: bytes, **kwargs: object) -> list[object]:
        self.fed.extend(data)
        self.rates.add(int(kwargs["src_rate"]))  # type: ignore[call-overload]
        if kwargs.get("flush"):
            self.flushed_at.append(len(self.fed) // 2)
        return []


@pytest.mark.parametrize(("band", "rate"), [("wide", 16000), ("narrow", 8000)])
def test_a_turn_reaches_the_stream_once_at_its_own_rate(band: str, rate: int) -> None:
    # the phone line's audio was resampled to 16 kHz and still said to be 8 kHz: the stream
    # resampled it again and heard it at half speed
    runner = stt_eval.Runner(engine=None, hint=None, context=True, flush="tail")  # type: ignore[arg-type]
    item = stt_eval.make_items(stt_eval.SPLITS["tuning"], 1)[1]
    tally = stt_eval.Tally()
    stream = _RecordingStream()
    runner.hear(stream, tally, item.text, item, item.expect, "clean", band, 1)  # type: ignore[arg-type]
    assert stream.rates == {rate}
    fed_seconds = len(stream.fed) / 2 / rate
    assert fed_seconds == pytest.approx(tally.audio_seconds)
    clean = runner.clean_audio(item.text, item.voice, item.rate, item.pitch)
    assert fed_seconds == pytest.approx(clean.size / 16000 + 0.6, abs=0.01)  # 0.3 s pads
    assert stream.flushed_at == [len(stream.fed) // 2]


def _last_sound(samples: np.ndarray, rate: int) -> float:
    """Seconds to the end of the last 10 ms with sound in ``samples`` (clean audio)."""
    step = rate // 100
    loud = [
        i for i in range(0, samples.size - step, step) if np.abs(samples[i : i + step]).max() > 300
    ]
    return (loud[-1] + step) / rate


@pytest.mark.parametrize("cond", ["clean", "snr20"])
def test_a_turn_is_flushed_where_the_sessions_vad_ends_its_speech(cond: str) -> None:
    # the session flushes 0.5 s into the pause after the last word (Settings.vad_min_silence);
    # the bench flushed 0.3 s after the clip, whose own silence hid the short answers the
    # flush dropped and the noise after an answer it decoded as a word
    runner = stt_eval.Runner(engine=None, hint=None, context=True)  # type: ignore[arg-type]
    item = next(
        i for i in stt_eval.make_items(stt_eval.SPLITS["tuning"], 1) if i.kind == "yes_real"
    )
    tally = stt_eval.Tally()
    stream = _RecordingStream()
    runner.hear(stream, tally, item.text, item, item.expect, cond, "wide", 1)  # type: ignore[arg-type]
    clean = runner.clean_audio(item.text, item.voice, item.rate, item.pitch)
    said_end = 0.3 + _last_sound(clean, 16000)
    # one flush for the turn, then the one that empties the stream before the next turn
    first, *rest = stream.flushed_at
    assert 0.5 <= first / 16000 - said_end <= 0.75
    assert len(rest) == 1 and rest[0] == len(stream.fed) // 2
    fed = len(stream.fed) / 2 / 16000
    assert fed == pytest.approx(clean.size / 16000 + 0.3 + stt_eval.SESSION_TAIL, abs=0.01)
    assert tally.vad_unflushed == 0


def test_stt_eval_counts_numbers_agreed_but_wrong() -> None:
    # the number a recording's "yes" opens an account on: both readers agreed, and wrong
    tally = stt_eval.Tally()
    tally.phone_one += [True, False, False, False]
    tally.number_checks += [("agreed", True), ("agreed", False), ("weak", False)]
    tally.number_checks += [("one_reader", False)]
    summary = tally.summary()
    assert summary["phone_agreed_wrong_pct"] == 25.0
    checks = summary["phone_number_checks"]
    assert (checks["agreed_right"], checks["agreed_wrong"]) == (1, 1)
    assert (checks["weak_wrong"], checks["disagreed_wrong"], checks["weak_right"]) == (1, 1, 0)


def test_stt_eval_says_held_out_voice_sets_with_the_splits_phrasings() -> None:
    split = stt_eval.voice_set(stt_eval.SPLITS["heldout"], "flite")
    assert split.phone_carriers == stt_eval.SPLITS["heldout"].phone_carriers
    assert {voice for voice, _ in split.voices} == {
        "flite:slt",
        "flite:rms",
        "flite:awb",
        "flite:kal16",
    }
    blind = stt_eval.voice_set(stt_eval.SPLITS["heldout"], "blind")
    assert not {v for v, _ in blind.voices} & {v for v, _ in stt_eval.SPLITS["tuning"].voices}


def test_stt_eval_reads_a_grunted_yes_and_a_no_that_points_elsewhere() -> None:
    assert stt_eval.polarity("mm hmm") == "yes"
    assert stt_eval.polarity("uh huh go ahead") == "yes"
    assert stt_eval.polarity("nope the other one") == "no"
    assert stt_eval.polarity("emily kim") is None


def test_stt_eval_reads_the_side_as_the_dialogue_does() -> None:
    # a grammar's "go ahead" books: it is no answer heard as neither
    assert stt_eval.polarity("go ahead") == "yes"
    assert stt_eval.polarity("yeah yeah that's fine") == "yes"
    # a time said with the answer, and a no that closes, keep their side
    assert stt_eval.polarity("yes ten a m") == "yes"
    assert stt_eval.polarity("no thanks bye") == "no"
