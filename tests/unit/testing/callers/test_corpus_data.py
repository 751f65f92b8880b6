"""The corpus itself: size, categories, splits, fixed scripts, and worlds the clinic can hold."""

from __future__ import annotations

import itertools
import re
import tomllib
from collections import Counter
from datetime import date, time
from pathlib import Path

import pytest

from voice_agent.testing.callers.corpus import (
    GENERATORS,
    SCRIPT_FILES,
    SCRIPTS_PATH,
    SPLITS,
    CorpusCall,
    corpus,
    generated,
    load_scripts,
    validate,
)
from voice_agent.testing.callers.world import CLOCKS, corpus_profile


def test_size_categories_and_splits() -> None:
    calls = corpus()
    assert len(calls) >= 150
    categories = Counter(c.category for c in calls)
    assert len(categories) >= 15
    assert all(n >= 5 for n in categories.values()), categories
    splits = Counter(c.split for c in calls)
    assert splits["dev"] >= 60 and splits["held_out"] >= 60
    assert len({c.id for c in calls}) == len(calls)


def test_most_calls_are_goal_driven_and_30_are_fixed_scripts() -> None:
    # the team's own corpus; the strangers' splits are fixed scripts only, by design
    calls = [c for c in corpus() if c.split in ("dev", "held_out")]
    scripts = [c for c in calls if c.lines is not None]
    assert len(scripts) >= 30
    assert len(calls) - len(scripts) > len(scripts)
    assert all(c.style is not None for c in calls if c.lines is None)


def test_scripts_are_plain_data() -> None:
    data = tomllib.loads(SCRIPTS_PATH.read_text(encoding="utf-8"))
    for item in data["call"]:
        assert all(isinstance(line, str) and line.strip() for line in item["lines"])
    assert len(load_scripts()) == len(data["call"])


def test_the_stranger_scripts_are_their_own_split() -> None:
    data = tomllib.loads(SCRIPT_FILES["stranger"].read_text(encoding="utf-8"))
    for item in data["call"]:
        assert all(isinstance(line, str) and line.strip() for line in item["lines"])
        assert "split" not in item, item["id"]
    calls = [c for c in corpus() if c.split == "stranger"]
    assert "stranger" in SPLITS
    assert len(calls) == len(data["call"]) >= 70
    assert all(c.lines is not None and c.id.startswith("stranger/script/") for c in calls)
    assert len({c.category for c in calls}) >= 15
    assert len({c.world.now for c in calls}) >= 8  # weekdays, weekends, before and after hours
    # the dev and held-out parts are what they were: the stranger's file adds to neither
    assert not [c for c in load_scripts() if c.split == "stranger"]


def test_the_typed_scripts_are_their_own_split() -> None:
    data = tomllib.loads(SCRIPT_FILES["typed"].read_text(encoding="utf-8"))
    for item in data["call"]:
        assert all(isinstance(line, str) and line.strip() for line in item["lines"])
        assert "split" not in item, item["id"]
    calls = [c for c in corpus() if c.split == "typed"]
    assert "typed" in SPLITS
    assert len(calls) == len(data["call"]) >= 80
    assert all(c.lines is not None and c.id.startswith("typed/script/") for c in calls)
    assert len({c.category for c in calls}) >= 15
    assert len({c.world.now for c in calls}) >= 8
    # typed the way people type: mostly lower case, digits glued to words, shorthand
    lines = [line for c in calls for line in c.lines or ()]
    assert sum(line == line.lower() for line in lines) > 0.8 * len(lines)
    text = " ".join(lines)
    for habit in ("tmrw", "appt", "pls", "thx", "2pm", "10am", "3:30pm", "12/3", "+1"):
        assert habit in text, habit
    # the dev scripts gain no typed call
    assert not [c for c in load_scripts() if c.split == "typed"]


def test_the_fresh_scripts_are_their_own_split() -> None:
    data = tomllib.loads(SCRIPT_FILES["fresh"].read_text(encoding="utf-8"))
    for item in data["call"]:
        assert all(isinstance(line, str) and line.strip() for line in item["lines"])
        assert "split" not in item, item["id"]
    calls = [c for c in corpus() if c.split == "fresh"]
    assert "fresh" in SPLITS
    assert len(calls) == len(data["call"]) >= 60
    assert all(c.lines is not None and c.id.startswith("fresh/script/") for c in calls)
    assert len({c.category for c in calls}) >= 15
    assert len({c.world.now for c in calls}) >= 8
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "availability"} <= tasks
    # the dev scripts gain no fresh call
    assert not [c for c in load_scripts() if c.split == "fresh"]


def test_the_second_fresh_scripts_are_their_own_split() -> None:
    data = tomllib.loads(SCRIPT_FILES["fresh2"].read_text(encoding="utf-8"))
    for item in data["call"]:
        assert all(isinstance(line, str) and line.strip() for line in item["lines"])
        assert "split" not in item, item["id"]
    calls = [c for c in corpus() if c.split == "fresh2"]
    assert "fresh2" in SPLITS
    assert len(calls) == len(data["call"]) >= 60
    assert all(c.lines is not None and c.id.startswith("fresh2/script/") for c in calls)
    assert len({c.category for c in calls}) >= 20
    assert len({c.world.now for c in calls}) >= 10
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "availability", "none"} <= tasks

    # no script of another file is in this split; beyond short answers ("Yes please."), no line
    # is copied from the first fresh batch
    assert not [c for c in load_scripts() if c.split == "fresh2"]
    fresh = {line for c in corpus() if c.split == "fresh" for line in c.lines or ()}
    assert not [line for c in calls for line in c.lines or () if len(line) > 30 and line in fresh]


def test_the_third_fresh_scripts_are_their_own_split() -> None:
    data = tomllib.loads(SCRIPT_FILES["fresh3"].read_text(encoding="utf-8"))
    for item in data["call"]:
        assert all(isinstance(line, str) and line.strip() for line in item["lines"])
        assert "split" not in item, item["id"]
    calls = [c for c in corpus() if c.split == "fresh3"]
    assert "fresh3" in SPLITS
    assert len(calls) == len(data["call"]) >= 60
    assert all(c.lines is not None and c.id.startswith("fresh3/script/") for c in calls)
    assert len({c.category for c in calls}) >= 20
    assert len({c.world.now for c in calls}) >= 10
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "availability", "none"} <= tasks
    assert sum(1 for c in calls if c.goal.also_cancel) >= 3  # two things in one call
    assert not [c for c in load_scripts() if c.split == "fresh3"]


def test_the_fourth_fresh_scripts_are_their_own_split() -> None:
    data = tomllib.loads(SCRIPT_FILES["fresh4"].read_text(encoding="utf-8"))
    for item in data["call"]:
        assert all(isinstance(line, str) and line.strip() for line in item["lines"])
        assert "split" not in item, item["id"]
    calls = [c for c in corpus() if c.split == "fresh4"]
    assert "fresh4" in SPLITS
    assert len(calls) == len(data["call"]) >= 60
    assert all(c.lines is not None and c.id.startswith("fresh4/script/") for c in calls)
    assert len({c.category for c in calls}) >= 12
    assert len({c.world.now for c in calls}) >= 20
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "availability", "none"} <= tasks
    assert not [c for c in load_scripts() if c.split == "fresh4"]


def test_a_script_naming_another_split_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scripts.toml"
    path.write_text(
        '[[call]]\nid = "x"\ncategory = "new_caller"\nsplit = "dev"\n'
        'caller = { name = "Ann Lee", phone = "6465550177" }\nlines = ["hi", "bye"]\n',
        encoding="utf-8",
    )
    assert [c.split for c in load_scripts(path)] == ["dev"]
    with pytest.raises(ValueError, match="says split 'dev', not 'stranger'"):
        load_scripts(path, split="stranger")


def test_generation_is_deterministic_and_held_out_differs() -> None:
    for category in GENERATORS:
        assert generated(category, "dev", 1) == generated(category, "dev", 1)
        assert generated(category, "dev", 0).seed != generated(category, "held_out", 0).seed
    dev_names = {c.world.caller.name for c in corpus() if c.split == "dev" and c.lines is None}
    held_names = {
        c.world.caller.name for c in corpus() if c.split == "held_out" and c.lines is None
    }
    assert not dev_names & held_names


def test_every_call_is_possible_and_clocks_vary() -> None:
    for call in corpus():
        validate(call)
    used = {c.world.now for c in corpus()}
    assert len(used & set(CLOCKS)) >= 4


def test_the_clinic_profile_answers_what_callers_ask() -> None:
    profile = corpus_profile()
    assert profile.address and "1200 Harbor" in profile.address
    assert profile.phone and profile.transfer_number
    assert {"insurance", "parking"} <= {k for f in profile.faq for k in f.keywords}


def test_also_cancel_must_name_another_appointment_of_the_caller(tmp_path: Path) -> None:
    path = tmp_path / "scripts.toml"
    head = (
        '[[call]]\nid = "x"\ncategory = "cancel_one_of_several"\nreturning = true\n'
        'now = "2026-11-30T10:00"\n'
        'caller = { name = "Ann Lee", phone = "6465550177", holdings = '
        '["2026-12-01 09:00", "2026-12-02 10:00"] }\ntask = "cancel"\ntarget = 0\n'
        'lines = ["hi", "bye"]\n'
    )
    path.write_text(head + "also_cancel = [1]\n", encoding="utf-8")
    (call,) = load_scripts(path)
    validate(call)
    assert call.goal.also_cancel == (1,)
    for wrong in ("[0]", "[2]"):
        path.write_text(head + f"also_cancel = {wrong}\n", encoding="utf-8")
        (call,) = load_scripts(path)
        with pytest.raises(ValueError, match="also_cancel"):
            validate(call)


def test_also_move_must_name_another_appointment_of_the_caller(tmp_path: Path) -> None:
    path = tmp_path / "scripts.toml"
    head = (
        '[[call]]\nid = "x"\ncategory = "swap_and_shift"\nreturning = true\n'
        'now = "2026-11-30T10:00"\n'
        'caller = { name = "Ann Lee", phone = "6465550177", holdings = '
        '["2026-12-01 09:00", "2026-12-02 10:00"] }\ntask = "reschedule"\ntarget = 0\n'
        'accept = ["2026-12-03 09:00"]\nlines = ["hi", "bye"]\n'
    )
    path.write_text(head + 'also_move = { target = 1, accept = ["2026-12-03 10:00"] }\n', "utf-8")
    (call,) = load_scripts(path)
    validate(call)
    assert call.goal.also_move == (1, frozenset({(date(2026, 12, 3), time(10))}))
    for wrong in ('{ target = 0, accept = ["2026-12-03 10:00"] }', "{ target = 1, accept = [] }"):
        path.write_text(head + f"also_move = {wrong}\n", encoding="utf-8")
        (call,) = load_scripts(path)
        with pytest.raises(ValueError, match="also_move"):
            validate(call)


def test_the_fifth_fresh_scripts_are_their_own_split() -> None:
    data = tomllib.loads(SCRIPT_FILES["fresh5"].read_text(encoding="utf-8"))
    for item in data["call"]:
        assert all(isinstance(line, str) and line.strip() for line in item["lines"])
        assert "split" not in item, item["id"]
    calls = [c for c in corpus() if c.split == "fresh5"]
    assert "fresh5" in SPLITS
    assert len(calls) == len(data["call"]) >= 60
    assert all(c.lines is not None and c.id.startswith("fresh5/script/") for c in calls)
    assert len({c.category for c in calls}) >= 10
    assert len({c.world.now for c in calls}) >= 15
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "availability", "none"} <= tasks
    assert sum(1 for c in calls if c.goal.also_cancel) >= 3  # two things in one call
    assert sum(1 for c in calls if c.category == "asr_transcript") >= len(calls) // 4
    assert not [c for c in load_scripts() if c.split == "fresh5"]


def test_the_sixth_fresh_scripts_are_their_own_split() -> None:
    data = tomllib.loads(SCRIPT_FILES["fresh6"].read_text(encoding="utf-8"))
    for item in data["call"]:
        assert all(isinstance(line, str) and line.strip() for line in item["lines"])
        assert "split" not in item, item["id"]
        assert item["id"].startswith("f6-"), item["id"]
    calls = [c for c in corpus() if c.split == "fresh6"]
    assert "fresh6" in SPLITS
    assert len(calls) == len(data["call"]) >= 60
    assert all(c.lines is not None and c.id.startswith("fresh6/script/") for c in calls)
    assert len({c.world.now for c in calls}) >= 15
    assert any(c.world.now.weekday() >= 5 for c in calls)  # a weekend caller
    assert any(c.world.now.hour >= 17 for c in calls)  # an evening caller
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "availability", "none"} <= tasks
    counts = {k: sum(1 for c in calls if c.category == k) for k in {c.category for c in calls}}
    assert len(counts) == 6 and min(counts.values()) >= len(calls) // 7, counts
    assert sum(1 for c in calls if c.goal.wrong_phone) >= 1
    assert sum(1 for c in calls if len(c.world.caller.holdings) >= 3) >= 1
    assert not [c for c in load_scripts() if c.split == "fresh6"]


def test_the_seventh_fresh_scripts_are_their_own_split() -> None:
    data = tomllib.loads(SCRIPT_FILES["fresh7"].read_text(encoding="utf-8"))
    for item in data["call"]:
        assert all(isinstance(line, str) for line in item["lines"])
        assert item["id"].startswith("f7-") and "split" not in item, item["id"]
    calls = [c for c in corpus() if c.split == "fresh7"]
    assert "fresh7" in SPLITS
    assert len(calls) == len(data["call"]) >= 60
    assert all(c.lines is not None and c.id.startswith("fresh7/script/") for c in calls)
    by_category = Counter(c.category for c in calls)
    kinds = {"asr_fillers", "asr_mistakes", "typed_chat", "browse_choose", "steer_refuse"}
    assert kinds | {"returning_ops"} == set(by_category)
    assert all(n >= len(calls) // 8 for n in by_category.values())  # roughly a sixth each
    assert len({c.world.now for c in calls}) >= 30
    assert sum(1 for c in calls if c.world.returning) >= len(calls) // 3
    # a line that is only noise: the recogniser's empty transcript is said on purpose
    assert sum(1 for c in calls for line in c.lines or () if not line.strip()) == 1
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "availability", "none"} <= tasks
    assert not [c for c in load_scripts() if c.split == "fresh7"]


def _blind_batch(
    split: str,
    prefix: str,
    kinds: set[str],
    *,
    all_spoken: bool = False,
    min_new: int | None = None,
    min_spoken: int | None = None,
    evening: bool = True,
) -> list[CorpusCall]:
    """What every blind batch from the eighth on holds: its own file and split, 60-70 calls
    in ``kinds`` (roughly a sixth each), forty clocks or more with an evening among them, a
    third returning and a third new callers (``min_new`` where the kinds are mostly callers on
    file), a quarter to a half written as a recogniser
    transcribes speech (no capitals, no punctuation, no digits) - every call when
    ``all_spoken``, ``min_spoken`` or more (and some typed) when given. A batch set at one
    hour of the day (``evening=False``, a lunchtime) needs no evening caller. Returns its calls."""
    data = tomllib.loads(SCRIPT_FILES[split].read_text(encoding="utf-8"))
    for item in data["call"]:
        assert all(isinstance(line, str) and line.strip() for line in item["lines"])
        assert item["id"].startswith(prefix) and "split" not in item, item["id"]
    calls = [c for c in corpus() if c.split == split]
    assert split in SPLITS
    assert 60 <= len(calls) == len(data["call"]) <= 70
    assert all(c.lines is not None and c.id.startswith(f"{split}/script/") for c in calls)
    by_category = Counter(c.category for c in calls)
    assert kinds == set(by_category)
    assert all(n >= len(calls) // 8 for n in by_category.values())  # roughly a sixth each
    assert len({c.world.now for c in calls}) >= 40
    if evening:
        assert any(c.world.now.hour >= 17 for c in calls)  # an evening caller
    assert sum(1 for c in calls if c.world.returning) >= len(calls) // 3
    new = min_new if min_new is not None else len(calls) // 3
    assert sum(1 for c in calls if not c.world.returning) >= new
    spoken = [c for c in calls if c.description.startswith("[asr]")]
    if all_spoken:
        assert len(spoken) == len(calls)
    elif min_spoken is not None:
        assert min_spoken <= len(spoken) < len(calls)
    else:
        assert len(calls) // 4 <= len(spoken) <= len(calls) // 2
    for call in spoken:
        text = " ".join(call.lines or ())
        assert text == text.lower() and not any(ch in text for ch in ".,?!-'0123456789"), call.id
    assert not [c for c in load_scripts() if c.split == split]
    return calls


def test_the_eighth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"repeat_mishear", "interrupted", "elderly_rambling", "change_task", "negotiate"}
    calls = _blind_batch("fresh8", "f8-", kinds | {"all_upfront"})
    # one line of a call is only "hello?" after a silence
    assert any(line.strip().lower() == "hello?" for c in calls for line in c.lines or ())
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "availability", "none"} <= tasks


def test_the_ninth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"vague_time", "hesitant_yes_no", "disfluent", "number_forms", "guarded"}
    calls = _blind_batch("fresh9", "f9-", kinds | {"two_people_or_two_things"})
    assert all(c.description.startswith("[asr]") for c in calls if c.category == "disfluent")
    # every guarded call names what must not be told; the slots among it are someone else's
    guarded = [c for c in calls if c.category == "guarded"]
    assert sum(1 for c in guarded if c.goal.must_not_say or c.goal.must_not_tell) >= 8
    assert any(c.goal.must_not_tell for c in guarded)
    # two people or two things: a second booking and a second change among them
    two = [c for c in calls if c.category == "two_people_or_two_things"]
    assert sum(1 for c in two if c.goal.also_book) >= 3
    assert sum(1 for c in two if c.goal.also_cancel) >= 2
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "availability", "none"} <= tasks


def test_a_script_may_not_guard_a_slot_nobody_else_holds(tmp_path: Path) -> None:
    script = tmp_path / "scripts.toml"
    script.write_text(
        """
[[call]]
id = "guard"
category = "guarded"
caller = { name = "Ann Lee", phone = "6465550177" }
others = [{ name = "Bo Kim", phone = "6465550178", holdings = ["2026-12-03 14:00"] }]
task = "none"
must_not_say = ["Bo", "2026-12-03 14:00"]
lines = ["when is Bo's appointment?"]
""",
        encoding="utf-8",
    )
    (call,) = load_scripts(script)
    assert call.goal.must_not_say == ("Bo",)
    validate(call)
    script.write_text(script.read_text().replace('"Bo", "2026-12-03 14:00"', '"2026-12-03 15:00"'))
    with pytest.raises(ValueError, match="nobody else holds"):
        validate(load_scripts(script)[0])


@pytest.mark.parametrize("split", [s for s in SPLITS if s.startswith("fresh")])
def test_a_blind_batch_copies_no_long_line_of_an_earlier_one(split: str) -> None:
    earlier_splits = SPLITS[SPLITS.index("fresh") : SPLITS.index(split)]  # type: ignore[arg-type]
    earlier = {line for c in corpus() if c.split in earlier_splits for line in c.lines or ()}
    lines = [line for c in corpus() if c.split == split for line in c.lines or ()]
    assert lines and not [line for line in lines if len(line) > 30 and line in earlier]


def test_the_tenth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"texted", "buried_request", "relative_moves", "browse_across_days"}
    calls = _blind_batch("fresh10", "f10-", kinds | {"confused_about_own", "polite_indirect"})
    # texted callers type; the recogniser's transcripts are among the rest
    assert not [c for c in calls if c.description.startswith("[asr]") and c.category == "texted"]
    # a caller wrong about their own bookings: some must end with nothing changed
    confused = [c for c in calls if c.category == "confused_about_own"]
    assert sum(1 for c in confused if c.goal.task in ("check", "none")) >= 4
    assert any(c.world.returning and not c.world.caller.holdings for c in confused)
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "availability", "none"} <= tasks


def test_the_eleventh_fresh_scripts_are_their_own_split() -> None:
    kinds = {"manipulation", "constrained_search", "date_formats", "change_chain"}
    calls = _blind_batch("fresh11", "f11-", kinds | {"holds_backchannel", "out_of_scope_asks"})
    # every manipulation call guards someone else, or ends in the caller's own change only
    manipulation = [c for c in calls if c.category == "manipulation"]
    assert sum(1 for c in manipulation if c.goal.must_not_say or c.goal.must_not_tell) >= 8
    assert sum(1 for c in manipulation if c.world.others) >= 8
    # chains: a second booking and a second change among them
    chains = [c for c in calls if c.category == "change_chain"]
    assert any(c.goal.also_book for c in chains)
    assert sum(1 for c in chains if c.goal.also_cancel) >= 2
    # an emergency: the answer must send the caller to emergency services, nothing booked
    assert any(
        c.goal.task == "none" and any(q.topic == "emergency" for q in c.goal.questions)
        for c in calls
    )
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "availability", "none"} <= tasks


def test_the_twelfth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"partial_corrections", "readback_requests", "homophones_asr"}
    kinds |= {"history_and_same_as_before", "caller_id_mismatch", "silence_and_restart"}
    calls = _blind_batch("fresh12", "f12-", kinds)
    # the homophones are all as a recogniser hears them
    assert all(c.description.startswith("[asr]") for c in calls if c.category == "homophones_asr")
    # corrections of a slot say what they took back, and from which line
    corrected = [c for c in calls if c.category == "partial_corrections" and c.goal.taken_back]
    assert len(corrected) >= 3 and all(c.corrected_at is not None for c in corrected)
    # a number that is someone else's: nothing of them may be told
    assert any(c.goal.must_not_tell for c in calls if c.category == "caller_id_mismatch")
    # a caller who gives up mid-flow ends with nothing changed
    restarts = [c for c in calls if c.category == "silence_and_restart"]
    assert sum(1 for c in restarts if c.goal.task == "none") >= 2
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "availability", "none"} <= tasks


def test_the_thirteenth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"distractor_numbers", "on_behalf", "regional_time"}
    kinds |= {"impatient_any", "ordinal_references", "plain_english"}
    calls = _blind_batch("fresh13", "f13-", kinds)
    # on behalf of someone else: some calls guard another patient, some are new accounts
    on_behalf = [c for c in calls if c.category == "on_behalf"]
    assert sum(1 for c in on_behalf if c.goal.must_not_say or c.goal.must_not_tell) >= 3
    assert any(c.goal.must_not_tell for c in on_behalf)
    assert sum(1 for c in on_behalf if not c.world.returning) >= 3
    # picking by position: some pick one of several appointments of the caller's
    ordinal = [c for c in calls if c.category == "ordinal_references"]
    assert sum(1 for c in ordinal if c.goal.target and len(c.world.caller.holdings) > 1) >= 3
    # whatever is first: some first slots are taken, so the first free one is not the first
    impatient = [c for c in calls if c.category == "impatient_any"]
    assert sum(1 for c in impatient if c.world.others) >= 3
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code"} <= tasks


def test_the_fourteenth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"questions_midflow", "conditional", "recurring_multi"}
    kinds |= {"unavailable_asks", "emotional", "check_only"}
    calls = _blind_batch("fresh14", "f14-", kinds)
    # a side question in every mid-flow call, and the change goes on after it
    midflow = [c for c in calls if c.category == "questions_midflow"]
    assert all(c.goal.questions and c.goal.task != "none" for c in midflow)
    # a condition that fails: some end with nothing moved, some with the fallback taken
    conditional = [c for c in calls if c.category == "conditional"]
    assert any(c.goal.declines_all for c in conditional)
    assert sum(1 for c in conditional if c.world.others) >= 5
    # several at once: some end in two bookings, one in none
    several = [c for c in calls if c.category == "recurring_multi"]
    assert sum(1 for c in several if c.goal.also_book) >= 4
    assert any(c.goal.declines_all for c in several)
    # only checking: nothing may change, whatever is said
    assert all(c.goal.task in ("check", "code") for c in calls if c.category == "check_only")
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "none"} <= tasks


def test_the_fifteenth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"all_in_one", "elimination", "running_late"}
    kinds |= {"wrong_place", "which_one", "repeat_please"}
    calls = _blind_batch("fresh15", "f15-", kinds)
    # naming one of several: every such caller holds two or more, and not always the first
    which = [c for c in calls if c.category == "which_one"]
    assert all(len(c.world.caller.holdings) >= 2 for c in which)
    assert sum(1 for c in which if c.goal.target) >= 5
    # the wrong place: nothing to do, whatever was begun
    assert all(c.goal.task == "none" for c in calls if c.category == "wrong_place")
    # running late: some move, some keep it as it is
    late = [c for c in calls if c.category == "running_late"]
    assert any(c.goal.task == "reschedule" and not c.goal.declines_all for c in late)
    assert sum(1 for c in late if c.goal.task == "none" or c.goal.declines_all) >= 2
    # excluding until none fits: one keeps what they have
    assert any(c.goal.declines_all for c in calls if c.category == "elimination")
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "none"} <= tasks


def test_the_sixteenth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"calendar_questions", "deadlines", "reason_for_visit"}
    kinds |= {"thinking_aloud", "human_request", "swap_and_shift"}
    calls = _blind_batch("fresh16", "f16-", kinds)
    # a calendar question in most such calls, answered where it can be checked
    calendar = [c for c in calls if c.category == "calendar_questions"]
    assert sum(1 for c in calendar if any(q.expect for q in c.goal.questions)) >= 7
    # a limit nothing fits: nothing booked
    assert any(c.goal.declines_all for c in calls if c.category == "deadlines")
    # asking for a person: some carry on with a task, some leave with nothing done
    human = [c for c in calls if c.category == "human_request"]
    assert sum(1 for c in human if c.goal.task == "none") >= 2
    assert sum(1 for c in human if c.goal.task != "none") >= 6
    # several changes at once: every caller holds two or more; two moves, a move and a cancel
    several = [c for c in calls if c.category == "swap_and_shift"]
    assert all(len(c.world.caller.holdings) >= 2 for c in several)
    assert sum(1 for c in several if c.goal.also_move) >= 3
    assert sum(1 for c in several if c.goal.also_cancel) >= 3
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "none"} <= tasks


def test_the_seventeenth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"week_ranges", "named_days", "clock_forms"}
    kinds |= {"mismatched_facts", "small_talk", "paging_options"}
    calls = _blind_batch("fresh17", "f17-", kinds)
    # a week or part of a month: more than one day acceptable in most such calls
    weeks = [c for c in calls if c.category == "week_ranges"]
    assert sum(1 for c in weeks if len({d for d, _ in c.goal.accept}) > 1) >= 6
    # named days: one asks for a closed day, and some book across the year's end
    named = [c for c in calls if c.category == "named_days"]
    assert any(c.goal.questions for c in named)
    assert sum(1 for c in named if any(d.year == 2027 for d, _ in c.goal.accept)) >= 2
    # clock forms: an hour after closing that nothing fits, and nothing is booked
    assert any(c.goal.declines_all for c in calls if c.category == "clock_forms")
    # mismatched facts: some about a date asked for, some about the caller's own booking
    mismatched = [c for c in calls if c.category == "mismatched_facts"]
    assert sum(1 for c in mismatched if c.world.returning) >= 4
    assert sum(1 for c in mismatched if not c.world.returning) >= 3
    # paging: other patients hold slots so that what is free is known; one turns all down
    paging = [c for c in calls if c.category == "paging_options"]
    assert sum(1 for c in paging if c.world.others) >= 5
    assert any(c.goal.declines_all for c in paging)
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check"} <= tasks


def test_the_eighteenth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"stacked_questions", "answers_other_question", "quarter_hour_nudges"}
    kinds |= {"last_of_the_day", "number_muddle", "yes_but"}
    calls = _blind_batch("fresh18", "f18-", kinds)
    # stacked questions: most ask two or more things the answers must all contain
    stacked = [c for c in calls if c.category == "stacked_questions"]
    assert sum(1 for c in stacked if len(c.goal.questions) >= 2) >= 4
    # quarter-hour nudges: some callers keep the slot they hold, nothing may change
    nudges = [c for c in calls if c.category == "quarter_hour_nudges"]
    assert sum(1 for c in nudges if c.goal.declines_all) >= 2
    assert sum(1 for c in nudges if c.goal.task == "reschedule" and c.goal.accept) >= 5
    # the last slot of a day: one acceptable hour in most, some with the 3 PM taken
    last = [c for c in calls if c.category == "last_of_the_day"]
    assert sum(1 for c in last if c.world.others) >= 3
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "none"} <= tasks


def test_the_nineteenth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"reads_from_notice", "bad_line", "date_chains"}
    kinds |= {"offset_from_offer", "room_chatter", "sarcastic_curt"}
    calls = _blind_batch("fresh19", "f19-", kinds)
    # a day reached through another: one day acceptable in most
    chains = [c for c in calls if c.category == "date_chains"]
    assert sum(1 for c in chains if len({d for d, _ in c.goal.accept}) == 1) >= 8
    # slots relative to the one offered: other patients hold slots so that what is free is known
    offsets = [c for c in calls if c.category == "offset_from_offer"]
    assert sum(1 for c in offsets if c.world.others) >= 4
    # a bad line that drops before the yes, and a curt caller who keeps what he has
    assert any(c.goal.task == "none" for c in calls if c.category == "bad_line")
    assert any(c.goal.declines_all for c in calls if c.category == "sarcastic_curt")
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "none"} <= tasks


def test_the_twentieth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"earlier_contact", "number_collisions", "what_if_probe"}
    kinds |= {"life_anchored_times", "telegraphic", "foreign_fillers"}
    calls = _blind_batch("fresh20", "f20-", kinds)
    # a date and an hour said with the same or neighbouring numbers: one slot acceptable
    collisions = [c for c in calls if c.category == "number_collisions"]
    assert sum(1 for c in collisions if len(c.goal.accept) == 1) >= 7
    # callers who ask before committing: some change nothing, one only asks what is free
    probes = [c for c in calls if c.category == "what_if_probe"]
    assert sum(1 for c in probes if c.goal.declines_all) >= 2
    assert any(c.goal.task == "availability" for c in probes)
    # telegraphic: some callers never say more than five words a line
    short = [c for c in calls if c.category == "telegraphic"]
    assert sum(1 for c in short if all(len(x.split()) <= 5 for x in c.lines or ())) >= 4
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "availability"} <= tasks


def test_the_twenty_first_fresh_scripts_are_their_own_split() -> None:
    kinds = {"numeric_shorthand", "relative_to_now", "stammer_restart"}
    kinds |= {"odd_yes_no", "asks_first", "time_zones"}
    calls = _blind_batch("fresh21", "f21-", kinds)
    # dates and hours written as numbers, and times counted from now: one slot acceptable
    exact = [c for c in calls if c.category in ("numeric_shorthand", "relative_to_now")]
    assert sum(1 for c in exact if len(c.goal.accept) == 1) >= 14
    # a practical question first: most calls carry the question whose answer is checked
    first = [c for c in calls if c.category == "asks_first"]
    assert sum(1 for c in first if c.goal.questions) >= 8
    # unusual yeses and noes: one caller keeps what she has
    assert any(c.goal.declines_all for c in calls if c.category == "odd_yes_no")
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code"} <= tasks


def test_the_twenty_second_fresh_scripts_are_their_own_split() -> None:
    kinds = {"split_facts", "digit_fixes", "you_choose"}
    kinds |= {"specific_visit", "horizon_edge", "polite_bailout"}
    calls = _blind_batch("fresh22", "f22-", kinds)
    # digits corrected on the fly: the corrected slot is the only one acceptable
    fixes = [c for c in calls if c.category == "digit_fixes" and c.goal.task == "book"]
    assert fixes and all(len(c.goal.accept) == 1 for c in fixes)
    # callers who leave the choice: several slots acceptable in every booking or move
    chosen = [c for c in calls if c.category == "you_choose" and c.goal.accept]
    assert len(chosen) >= 8 and all(len(c.goal.accept) >= 3 for c in chosen)
    # far ahead: some calls end past the first month, one asks how far ahead the clinic books
    far = [c for c in calls if c.category == "horizon_edge"]
    assert sum(1 for c in far for d, _ in c.goal.accept if d.month == 3) >= 4
    assert any(q.topic == "how far ahead" for c in far for q in c.goal.questions)
    # backing out: most change nothing at all
    bail = [c for c in calls if c.category == "polite_bailout"]
    assert sum(1 for c in bail if c.goal.task == "none" or c.goal.declines_all) >= 8
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "none"} <= tasks


def test_the_twenty_third_fresh_scripts_are_their_own_split() -> None:
    kinds = {"negative_polarity", "idiom_verbs", "spelled_names"}
    kinds |= {"chunked_numbers", "this_vs_next", "collective_refs"}
    calls = _blind_batch("fresh23", "f23-", kinds)
    # spelled names: every one a new caller, registered under the name as spelt
    spelled = [c for c in calls if c.category == "spelled_names"]
    assert all(not c.world.returning and c.goal.task == "book" for c in spelled)
    # numbers in tens and pairs: a number said like a clock time among them
    chunked = [c for c in calls if c.category == "chunked_numbers"]
    assert any(c.world.caller.phone.endswith(("0900", "1234")) for c in chunked)
    # several bookings at once: most cancel or move two or more
    several = [c for c in calls if c.category == "collective_refs"]
    assert sum(1 for c in several if c.goal.also_cancel or c.goal.also_move) >= 6
    # this and next: one slot acceptable in every booking or move
    dated = [c for c in calls if c.category == "this_vs_next" and c.goal.accept]
    assert dated and all(len(c.goal.accept) == 1 for c in dated)
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check"} <= tasks


def test_the_twenty_fourth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"own_booking_anchors", "calendar_word_names", "odd_hours"}
    kinds |= {"working_days", "number_extras", "echo_confirms"}
    calls = _blind_batch("fresh24", "f24-", kinds)
    # a day named through another booking: every caller holds one to name it by
    anchored = [c for c in calls if c.category == "own_booking_anchors"]
    assert all(c.world.returning and c.world.caller.holdings for c in anchored)
    # names that are calendar words: a weekday or a month is the name's first word
    words = {"monday", "tuesday", "friday", "sunday", "april", "may", "jan", "dawn", "eve"}
    named = [c for c in calls if c.category == "calendar_word_names"]
    assert sum(1 for c in named if c.world.caller.name.split()[0].lower() in words) >= 8
    # odd hours: calls after 11 PM, before 7 AM and at the weekend among them
    odd = [c.world.now for c in calls if c.category == "odd_hours"]
    assert any(t.hour >= 23 for t in odd) and any(t.hour < 7 for t in odd)
    assert any(t.weekday() >= 5 for t in odd)
    # working days: one slot acceptable in most bookings or moves
    counted = [c for c in calls if c.category == "working_days" and c.goal.accept]
    assert sum(1 for c in counted if len(c.goal.accept) == 1) >= 6
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check"} <= tasks


def test_the_twenty_fifth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"misspelled_words", "distractor_days", "name_forms"}
    kinds |= {"ranked_options", "spans", "not_that_task"}
    calls = _blind_batch("fresh25", "f25-", kinds)
    # names with a title, surname first or a nickname: every one a new caller booking
    named = [c for c in calls if c.category == "name_forms"]
    assert all(not c.world.returning and c.goal.task == "book" for c in named)
    # ranked choices: most have a higher choice taken by someone else
    ranked = [c for c in calls if c.category == "ranked_options"]
    assert sum(1 for c in ranked if c.world.others) >= 7
    # what is not wanted: every task named in the negative among them
    tasks = {c.goal.task for c in calls if c.category == "not_that_task"}
    assert {"book", "reschedule", "cancel", "check"} <= tasks


def test_the_twenty_sixth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"day_part_words", "figurative_words", "own_availability"}
    kinds |= {"late_constraint", "after_done", "clarify_question"}
    calls = _blind_batch("fresh26", "f26-", kinds)
    # a constraint said at the proposal: the caller still wants the change, somewhere it fits
    late = [c for c in calls if c.category == "late_constraint"]
    assert all(c.goal.task in ("book", "reschedule") and c.goal.accept for c in late)
    # after the change: every caller has a change made, then goes on talking about it
    done = [c for c in calls if c.category == "after_done"]
    assert all(c.goal.task in ("book", "reschedule", "cancel") for c in done)
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "availability"} <= tasks


def test_the_twenty_seventh_fresh_scripts_are_their_own_split() -> None:
    kinds = {"recurring_pattern", "double_change", "either_number"}
    kinds |= {"serial_questions", "hedged_requests", "readback_fix"}
    calls = _blind_batch("fresh27", "f27-", kinds)
    # a repeating visit: only one change is ever wanted (the first booking, or one cancel)
    recurring = [c for c in calls if c.category == "recurring_pattern"]
    assert all(not c.goal.also_book and not c.goal.also_cancel for c in recurring)
    # questions on separate turns: two or more asked before the change in every such call
    serial = [c for c in calls if c.category == "serial_questions"]
    assert all(len(c.goal.questions) >= 2 for c in serial)
    # a slip put right at the read-back: a booking or move takes the read-back slot back
    fixed = [c for c in calls if c.category == "readback_fix" and c.goal.task != "cancel"]
    assert all(c.goal.taken_back and c.corrected_at is not None for c in fixed)
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code"} <= tasks


def test_the_twenty_eighth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"form_style", "new_or_returning", "rough_quantities"}
    kinds |= {"any_weekday", "undo_revert", "schedule_positions"}
    calls = _blind_batch("fresh28", "f28-", kinds)
    # a form or an email: every first line is laid out in fields or lines, not a sentence
    forms = [c for c in calls if c.category == "form_style"]
    assert all(
        c.lines and ("\n" in c.lines[0] or "|" in c.lines[0] or "=" in c.lines[0]) for c in forms
    )
    # wrong about being on file: both ways round, the number decides
    mixed = [c for c in calls if c.category == "new_or_returning"]
    assert {c.world.returning for c in mixed} == {True, False}
    # a change taken back: most end where they began (nothing changed), some in a third place
    undone = [c for c in calls if c.category == "undo_revert"]
    assert sum(1 for c in undone if c.goal.task == "none") >= 5
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "none"} <= tasks


def test_the_twenty_ninth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"unknown_anchor_days", "back_to_earlier_offer", "half_retracted_pairs"}
    kinds |= {"reported_speech", "voicemail_style", "arithmetic_times"}
    calls = _blind_batch("fresh29", "f29-", kinds)
    # a message left as if to a machine: every first line signs off, and the call goes on
    messages = [c for c in calls if c.category == "voicemail_style"]
    assert all(c.lines and len(c.lines) >= 3 for c in messages)
    assert all(
        ("bye" in c.lines[0].lower() or "thank you" in c.lines[0].lower())
        for c in messages
        if c.lines
    )
    # a half taken back: no call both cancels and moves, and a second move or booking is there
    pairs = [c for c in calls if c.category == "half_retracted_pairs"]
    assert any(c.goal.also_move for c in pairs) and any(c.goal.also_book for c in pairs)
    assert all(not c.goal.also_cancel for c in pairs)
    # an event only the caller knows: one caller who cannot say when, and nothing changes
    anchors = [c for c in calls if c.category == "unknown_anchor_days"]
    assert any(c.goal.task == "none" for c in anchors)
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "none"} <= tasks


def test_the_thirtieth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"rushed_parent", "elderly_story_first", "learner_whole_call"}
    kinds |= {"at_work_fragments", "two_tasks_dropped", "unsure_own_details"}
    calls = _blind_batch("fresh30", "f30-", kinds)
    # whole calls: every call runs over at least two caller turns
    assert all(c.lines and len(c.lines) >= 2 for c in calls)
    # two tasks, one dropped: never a second change expected beside the one kept
    dropped = [c for c in calls if c.category == "two_tasks_dropped"]
    assert all(not c.goal.also_book and not c.goal.also_cancel for c in dropped)
    assert all(c.goal.also_move is None for c in dropped)
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "availability", "none"} <= tasks


def test_the_thirty_first_fresh_scripts_are_their_own_split() -> None:
    kinds = {"vague_own_reference", "keep_the_rest", "piecemeal_constraints"}
    kinds |= {"check_then_change", "disputes_record", "household_then_self"}
    calls = _blind_batch("fresh31", "f31-", kinds)
    # one or two of several cancelled: every such caller holds more than they lose
    kept = [c for c in calls if c.category == "keep_the_rest"]
    assert all(
        len(c.world.caller.holdings) > 1 + len(c.goal.also_cancel) for c in kept if c.goal.target
    )
    assert any(c.goal.also_cancel for c in kept)
    # limits given piecemeal: each caller adds one on a later turn, so no call is one line long
    pieces = [c for c in calls if c.category == "piecemeal_constraints"]
    assert all(c.lines and len(c.lines) >= 5 for c in pieces)
    # a household member first, then the caller: always two bookings on the caller's number
    household = [c for c in calls if c.category == "household_then_self"]
    assert all(c.goal.task == "book" and c.goal.also_book for c in household)
    # an argument with the record: some change after it, some leave with nothing changed
    disputes = [c for c in calls if c.category == "disputes_record"]
    assert any(c.goal.task == "none" for c in disputes)
    assert any(c.goal.task in ("book", "reschedule", "cancel") for c in disputes)
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "none"} <= tasks


def test_the_thirty_second_fresh_scripts_are_their_own_split() -> None:
    kinds = {"say_again_midcall", "caller_on_hold", "side_conversation"}
    kinds |= {"barge_in_readback", "about_the_call", "oh_one_more_thing"}
    calls = _blind_batch("fresh32", "f32-", kinds)
    # a detail changed at the read-back: a booking or move takes the read-back slot back
    cut_in = [c for c in calls if c.category == "barge_in_readback" and c.goal.taken_back]
    assert len(cut_in) >= 4 and all(c.corrected_at is not None for c in cut_in)
    # the machine question: answered with what the agent is
    about = [c for c in calls if c.category == "about_the_call"]
    assert any(q.topic == "person" for c in about for q in c.goal.questions)
    # one more thing after a closing: the goodbye comes again on the last line
    late = [c for c in calls if c.category == "oh_one_more_thing"]
    assert all(c.lines and "bye" in c.lines[-1].lower() for c in late)
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "availability", "none"} <= tasks


def test_the_thirty_third_fresh_scripts_are_their_own_split() -> None:
    kinds = {"relative_day_forms", "times_as_said", "number_as_given"}
    kinds |= {"name_details", "code_letters", "staggered_details"}
    calls = _blind_batch("fresh33", "f33-", kinds)
    # names in their forms: every one is a new caller but one, registered without a title
    named = [c for c in calls if c.category == "name_details"]
    assert sum(1 for c in named if not c.world.returning) >= 8
    titles = ("mrs ", "mr ", "ms ", "dr ", "dr. ", "father ")
    assert all(not c.world.caller.name.lower().startswith(titles) for c in calls)
    assert any("-" in c.world.caller.name for c in named)
    assert any("'" in c.world.caller.name for c in calls)
    # a number corrected in the middle: the one taken back is another patient's in one call
    numbers = [c for c in calls if c.category == "number_as_given"]
    assert any(c.goal.must_not_say for c in numbers)
    # a code's letters: the code is asked for or given after a booking in every such call
    codes = [c for c in calls if c.category == "code_letters"]
    assert sum(1 for c in codes if c.goal.task == "code") >= 5
    # a third detail two turns later: no staggered call is shorter than four lines
    staggered = [c for c in calls if c.category == "staggered_details"]
    assert all(c.lines and len(c.lines) >= 4 for c in staggered)
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code"} <= tasks


def test_the_thirty_fifth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"household_and_me", "two_moves_at_once", "condition_chains"}
    kinds |= {"keep_the_other", "look_then_change", "pair_changed_midway"}
    calls = _blind_batch("fresh35", "f35-", kinds)
    # two things at once: a second booking, cancel or move beside the task in a third or more
    two = [c for c in calls if c.goal.also_book or c.goal.also_cancel or c.goal.also_move]
    assert len(two) >= 20
    assert all(c.world.returning for c in two if c.goal.also_cancel or c.goal.also_move)
    # both of two moved: every such call moves its target and a second holding
    moves = [c for c in calls if c.category == "two_moves_at_once"]
    assert sum(1 for c in moves if c.goal.also_move is not None) >= 8
    # the one kept: every keep_the_other caller who only cancels keeps one of theirs
    kept = [c for c in calls if c.category == "keep_the_other" and c.goal.task == "cancel"]
    assert len(kept) >= 7
    assert all(len(c.world.caller.holdings) > 1 + len(c.goal.also_cancel) for c in kept)
    # a chain none of whose links the clinic can meet changes nothing
    chains = [c for c in calls if c.category == "condition_chains"]
    assert any(c.goal.task == "none" for c in chains)
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "none"} <= tasks


def test_the_thirty_fourth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"in_a_hurry", "where_was_i", "repeats_impatiently"}
    kinds |= {"answers_ahead", "back_to_first_thing", "apologises_later"}
    calls = _blind_batch("fresh34", "f34-", kinds)
    # coming back to the first thing: a question answered or a second task done on the way
    back = [c for c in calls if c.category == "back_to_first_thing"]
    assert sum(1 for c in back if c.goal.questions or c.goal.also_cancel) >= 7
    # a mistake put right two turns later: what it took back is named in several of them
    sorry = [c for c in calls if c.category == "apologises_later"]
    assert sum(1 for c in sorry if c.goal.taken_back and c.corrected_at is not None) >= 3
    # in a hurry: every caller says so in the first line
    hurried = [c for c in calls if c.category == "in_a_hurry"]
    words = ("quick", "hurry", "break", "minute", "rush", "lunch")
    assert all(c.lines and any(w in c.lines[0].lower() for w in words) for c in hurried)
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "availability"} <= tasks


def test_the_thirty_seventh_fresh_scripts_are_their_own_split() -> None:
    kinds = {"weekday_date_clash", "phantom_booking", "misremembered_ids"}
    kinds |= {"misread_time_words", "stale_requests", "mixed_up_people"}
    calls = _blind_batch("fresh37", "f37-", kinds)
    # told what is really held: a quarter or more end with nothing changed (every appointment
    # said back where the task is a check)
    unchanged = [c for c in calls if c.goal.task in ("check", "none")]
    assert len(unchanged) >= 15
    # a number given first that is a family member's or another patient's, never named
    mixed = [c for c in calls if c.category in ("misremembered_ids", "mixed_up_people")]
    assert sum(1 for c in mixed if c.world.others and c.goal.must_not_say) >= 4
    # a name said otherwise than on file: the first name on the account is not the one said
    ids = [c for c in calls if c.category == "misremembered_ids" and c.world.returning]
    assert any(
        c.lines and c.world.caller.name.split()[0].lower() not in c.lines[0].lower() for c in ids
    )
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "none"} <= tasks


def test_the_thirty_sixth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"clock_idioms", "week_idioms", "loose_day_parts"}
    kinds |= {"slash_dates", "learner_time_words", "day_date_clash"}
    calls = _blind_batch("fresh36", "f36-", kinds)
    # a weekday said with the wrong date: where the caller's answer settles it, the slot the
    # wrong half named is never proposed after that answer
    clashes = [c for c in calls if c.category == "day_date_clash"]
    assert sum(1 for c in clashes if c.goal.taken_back and c.corrected_at is not None) >= 4
    # a date written as numbers: one caller holds both readings and one means a day too far
    dates = [c for c in calls if c.category == "slash_dates"]
    assert any(c.goal.task == "cancel" and len(c.world.caller.holdings) >= 2 for c in dates)
    assert any(c.goal.task == "none" for c in dates)
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "availability", "none"} <= tasks


def test_the_thirty_eighth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"offset_from_held", "beside_household", "this_call_anchors"}
    kinds |= {"usual_not_on_file", "shift_together", "picked_by_relation"}
    calls = _blind_batch("fresh38", "f38-", kinds)
    # placed against what is held: every call of the held-anchored kinds holds something
    held = [c for c in calls if c.category in ("shift_together", "picked_by_relation")]
    assert all(len(c.world.caller.holdings) >= 2 for c in held)
    # two moved by one relation in one breath
    assert sum(1 for c in calls if c.goal.also_move is not None) >= 6
    # "same as last time" with nothing on file: the caller holds nothing there
    usual = [c for c in calls if c.category == "usual_not_on_file"]
    assert sum(1 for c in usual if not c.world.caller.holdings) >= 6
    # another patient's appointment beside the caller's, never named unasked
    assert any(c.world.others and c.goal.must_not_tell for c in calls)
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "code", "none"} <= tasks


def test_the_thirty_ninth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"digit_homophones", "spoken_number_chunks", "clipped_restarts"}
    kinds |= {"names_as_heard", "clock_as_heard", "query_the_mishearing"}
    calls = _blind_batch("fresh39", "f39-", kinds, all_spoken=True)
    # numbers heard through their homophones: every such call says one of them
    homophones = {"for", "to", "too", "won", "ate", "oh", "o", "double", "triple"}
    digits = [c for c in calls if c.category == "digit_homophones"]
    assert all(homophones & set(" ".join(c.lines or ()).split()) for c in digits)
    # a number split across two turns: a line of only digit words after one that ends in them
    words = {"zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
    split = [
        c
        for c in calls
        if any(set(line.split()) - {"sorry", "uh", "um"} <= words for line in (c.lines or ())[1:])
    ]
    assert len(split) >= 2
    # names spelled letter by letter, and a returning caller heard otherwise than on file
    names = [c for c in calls if c.category == "names_as_heard"]
    assert sum(1 for c in names if re.search(r"\b(\w) (\w) (\w)\b", " ".join(c.lines or ()))) >= 5
    assert any(
        c.world.returning and c.world.caller.name.split()[0].lower() not in (c.lines or ("",))[0]
        for c in names
    )
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check"} <= tasks


def test_the_forty_first_fresh_scripts_are_their_own_split() -> None:
    kinds = {"scots_irish_north", "south_asian", "aus_nz"}
    kinds |= {"us_regional", "african_caribbean", "learner_l1"}
    calls = _blind_batch("fresh41", "f41-", kinds)
    # the task varies inside every kind: new and returning callers, four tasks or more
    for kind in kinds:
        of_kind = [c for c in calls if c.category == kind]
        assert {c.world.returning for c in of_kind} == {True, False}, kind
        assert len({c.goal.task for c in of_kind}) >= 4, kind
    # two things in one call: a second booking or a second change beside the first
    assert sum(1 for c in calls if c.goal.also_book or c.goal.also_cancel) >= 4
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "availability"} <= tasks


def test_the_fortieth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"first_booking", "another_booking", "one_move"}
    kinds |= {"one_cancel", "whats_booked", "two_errands"}
    # the everyday calls: four kinds of six are callers on file, so a sixth or more are new
    calls = _blind_batch("fresh40", "f40-", kinds, min_new=10)
    # first bookings are new callers, another booking is by a caller on file
    assert all(not c.world.returning for c in calls if c.category == "first_booking")
    assert all(c.world.returning for c in calls if c.category == "another_booking")
    # one move or cancel among two or three held, several times each
    for kind in ("one_move", "one_cancel"):
        held = [c for c in calls if c.category == kind]
        assert sum(1 for c in held if len(c.world.caller.holdings) >= 2) >= 3
    # two errands in one call: a second change beside the first, or a look before a change
    twos = [c for c in calls if c.category == "two_errands"]
    assert sum(1 for c in twos if c.goal.also_cancel or c.goal.also_move or c.goal.also_book) >= 4
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code"} <= tasks


def test_the_forty_second_fresh_scripts_are_their_own_split() -> None:
    kinds = {"holidays", "year_turn", "life_calendar"}
    kinds |= {"ordinal_weekdays", "season_words", "date_then_fix"}
    calls = _blind_batch("fresh42", "f42-", kinds)
    # calendar landmarks: a closed day (Thanksgiving, Christmas Day or a weekend) asked for and
    # something near taken, and the year's turn crossed, several times each
    closed = [c for c in calls if c.goal.accept and len(c.lines or ()) >= 6]
    assert len(closed) >= 8
    assert sum(1 for c in calls if any(d.year == 2027 for d, _ in c.goal.accept)) >= 8
    # the task varies inside every kind: new and returning callers, three tasks or more
    for kind in kinds:
        of_kind = [c for c in calls if c.category == kind]
        assert {c.world.returning for c in of_kind} == {True, False}, kind
        assert len({c.goal.task for c in of_kind}) >= 3, kind
    assert sum(1 for c in calls if c.goal.also_book or c.goal.also_cancel) >= 4
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code"} <= tasks


def test_the_forty_third_fresh_scripts_are_their_own_split() -> None:
    kinds = {"anxious", "annoyed", "over_polite"}
    kinds |= {"bad_news", "cheerful_chatty", "brusque"}
    calls = _blind_batch("fresh43", "f43-", kinds)
    # the mood is the theme, the task varies inside every kind: new callers and callers on
    # file, three tasks or more
    for kind in kinds:
        of_kind = [c for c in calls if c.category == kind]
        assert {c.world.returning for c in of_kind} == {True, False}, kind
        assert len({c.goal.task for c in of_kind}) >= 3, kind
    # brusque callers say little: no line of theirs runs past a dozen words
    brusque = [c for c in calls if c.category == "brusque"]
    assert all(len(line.split()) <= 16 for c in brusque for line in c.lines or ())
    # bad news comes before the request: the first line is long
    sad = [c for c in calls if c.category == "bad_news"]
    assert all(c.lines and len(c.lines[0].split()) >= 30 for c in sad)
    # two things in one call: a second booking or a second change beside the first
    assert sum(1 for c in calls if c.goal.also_book or c.goal.also_cancel) >= 3
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "none"} <= tasks


def test_the_forty_fifth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"shift_work", "lunch_and_breaks", "days_off"}
    kinds |= {"commute_and_travel", "other_commitments", "someone_elses_day"}
    calls = _blind_batch("fresh45", "f45-", kinds)
    # the routine is the theme, the task varies inside every kind: new callers and callers on
    # file, three tasks or more
    for kind in kinds:
        of_kind = [c for c in calls if c.category == kind]
        assert {c.world.returning for c in of_kind} == {True, False}, kind
        assert len({c.goal.task for c in of_kind}) >= 3, kind
    # the caller's day comes with the request: the first line is more than a bare ask
    assert all(c.lines and len(c.lines[0].split()) >= 15 for c in calls)
    # the first choice is taken in some calls, so the slot that fits has to be found
    assert sum(1 for c in calls if c.world.others) >= 8
    # two things in one call: a second booking or a second change beside the first
    assert sum(1 for c in calls if c.goal.also_book or c.goal.also_cancel) >= 4
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "availability"} <= tasks


def test_the_forty_fourth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"you_pick", "questions_first", "compare_options"}
    kinds |= {"conditional_on_answer", "undecided", "more_than_one_slot"}
    calls = _blind_batch("fresh44", "f44-", kinds)
    # new callers and callers on file in every kind, two tasks or more in each
    for kind in kinds:
        of_kind = [c for c in calls if c.category == kind]
        assert {c.world.returning for c in of_kind} == {True, False}, kind
        assert len({c.goal.task for c in of_kind}) >= 2, kind
    # questions first: every call of the kind asks about the clinic before its task
    asked = [c for c in calls if c.category == "questions_first"]
    assert all(c.goal.questions for c in asked)
    # more than one slot: two bookings, or a booking beside a cancel, or two moves
    several = [c for c in calls if c.category == "more_than_one_slot"]
    assert all(c.goal.also_book or c.goal.also_move for c in several)
    # a condition that leaves things as they are, and a caller who leaves to ring back
    assert sum(1 for c in calls if c.goal.task == "none") >= 2
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "none"} <= tasks


def test_the_forty_sixth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"youth_slang", "british_colloquial", "formal_stiff"}
    kinds |= {"corporate_jargon", "frustrated_swearing", "understated_indirect"}
    calls = _blind_batch("fresh46", "f46-", kinds)
    # the register is the theme, the task varies inside every kind: new callers and callers on
    # file, three tasks or more
    for kind in kinds:
        of_kind = [c for c in calls if c.category == kind]
        assert {c.world.returning for c in of_kind} == {True, False}, kind
        assert len({c.goal.task for c in of_kind}) >= 3, kind
    # two things in one call: a second booking or a second change beside the first
    assert sum(1 for c in calls if c.goal.also_book or c.goal.also_cancel or c.goal.also_move) >= 4
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "availability"} <= tasks


def test_the_forty_seventh_fresh_scripts_are_their_own_split() -> None:
    kinds = {"keyword_speak", "menu_commands", "testing_the_bot"}
    kinds |= {"over_explicit", "stop_and_wait_words", "assistant_habits"}
    calls = _blind_batch("fresh47", "f47-", kinds)
    # talking to a machine is the theme, the task varies inside every kind: new callers and
    # callers on file, three tasks or more
    for kind in kinds:
        of_kind = [c for c in calls if c.category == kind]
        assert {c.world.returning for c in of_kind} == {True, False}, kind
        assert len({c.goal.task for c in of_kind}) >= 3, kind
    # keyword speak: some calls open with three words or fewer
    keywords = [c for c in calls if c.category == "keyword_speak"]
    assert sum(1 for c in keywords if c.lines and len(c.lines[0].split()) <= 3) >= 5
    # "cancel that" meant as undoing the last step: something held or taken back stays
    undone = [c for c in calls if any("cancel that" in x.lower() for x in c.lines or ())]
    assert undone and all(c.goal.task in ("book", "reschedule") for c in undone)
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "availability", "none"} <= tasks


def test_the_forty_eighth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"month_day_names", "time_word_surnames", "request_word_names"}
    kinds |= {"yes_no_names", "number_names", "name_trimmings"}
    calls = _blind_batch("fresh48", "f48-", kinds)
    # names are the theme, the task varies inside every kind: new callers and callers on file,
    # three tasks or more
    for kind in kinds:
        of_kind = [c for c in calls if c.category == kind]
        assert {c.world.returning for c in of_kind} == {True, False}, kind
        assert len({c.goal.task for c in of_kind}) >= 3, kind
    # the caller's own name is said in the first or second line of every call
    for call in calls:
        said = " ".join((call.lines or ())[:2]).lower()
        assert call.world.caller.name.split()[0].split("-")[0].lower() in said, call.id
    # a title is said but not stored; a suffix is stored
    names = [c.world.caller.name for c in calls]
    assert not any(n.split()[0].rstrip(".") in ("Dr", "Mrs", "Mr", "Father") for n in names)
    assert any(n.endswith(("Jr.", "III")) for n in names)
    # two things in one call: a second booking or a second change beside the first
    assert sum(1 for c in calls if c.goal.also_book or c.goal.also_cancel or c.goal.also_move) >= 4
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code"} <= tasks


_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|first|second|third|tenth"
)


def test_the_forty_ninth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"same_number_twice", "ordinal_hour_options", "counts_durations"}
    kinds |= {"numbers_around", "phone_echoes_time", "swapped_numbers"}
    calls = _blind_batch("fresh49", "f49-", kinds)
    # numbers doing double duty is the theme: every typed call says two numbers or more (its
    # phone number aside) (a date and an hour, a count, an age, a house or bus number)
    typed = [c for c in calls if not c.description.startswith("[asr]")]
    for call in typed:
        text = " ".join(call.lines or ()).lower()
        text = re.sub(r"\d{3}[ .-]?\d{3}[ .-]?\d{4}", " ", text)  # the phone number
        said = re.findall(rf"\d+|\b(?:{_NUMBER_WORDS})\b", text)
        # the phone number is one of the two where it echoes the date or the hour
        assert len(said) >= (1 if call.category == "phone_echoes_time" else 2), call.id
    # two things in one call: a second booking, a second change beside the first
    assert sum(1 for c in calls if c.goal.also_book or c.goal.also_cancel or c.goal.also_move) >= 4
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code"} <= tasks


def test_the_fiftieth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"first_visit_nervous", "regular_moves_own", "cancel_with_a_story"}
    kinds |= {"whats_on_my_calendar", "for_my_mum_or_kid", "two_jobs_one_call"}
    calls = _blind_batch("fresh50", "f50-", kinds)
    by_kind = {k: [c for c in calls if c.category == k] for k in kinds}
    # the everyday calls: first visits are new callers' bookings, the moves and cancels are of
    # the caller's own appointments, the calendar questions change nothing
    assert all(
        c.goal.task == "book" and not c.world.returning for c in by_kind["first_visit_nervous"]
    )
    assert all(c.goal.task == "reschedule" for c in by_kind["regular_moves_own"])
    assert all(c.goal.task == "cancel" for c in by_kind["cancel_with_a_story"])
    assert all(c.goal.task in ("check", "code") for c in by_kind["whats_on_my_calendar"])
    # for a child or a parent: booked on the caller's own account, said as people do
    family = ("son", "daughter", "mum", "mother", "dad", "grandson")
    for call in by_kind["for_my_mum_or_kid"]:
        words = re.findall(r"[a-z]+", " ".join(call.lines or ()).lower())
        assert any(w in family for w in words), call.id
    # two things in one call: a second booking or a second change beside the first
    assert sum(1 for c in calls if c.goal.also_book or c.goal.also_cancel or c.goal.also_move) >= 4
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code"} <= tasks


def test_the_fifty_first_fresh_scripts_are_their_own_split() -> None:
    kinds = {"counter_offer", "neighbour_slot", "partial_accept"}
    kinds |= {"decline_and_widen", "compare_then_pick", "slow_yes"}
    calls = _blind_batch("fresh51", "f51-", kinds)
    # offers not taken as given: the caller answers an offer on a later line than the first,
    # so every call has three lines or more, and most end in a change
    assert all(c.lines and len(c.lines) >= 3 for c in calls)
    changed = [c for c in calls if c.goal.task in ("book", "reschedule", "cancel")]
    assert len(changed) >= 50
    # what is free is fixed by other patients' slots in most calls, so the offer is known
    assert sum(1 for c in calls if c.world.others) >= 40
    # one caller turns everything down and leaves with nothing changed
    assert any(c.category == "decline_and_widen" and c.goal.task == "none" for c in calls)
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "availability", "none"} <= tasks


def test_the_fifty_second_fresh_scripts_are_their_own_split() -> None:
    kinds = {"day_word_slips", "hour_word_slips", "number_groups_heard"}
    kinds |= {"run_on_sorry_i_mean", "check_and_code_heard", "asks_then_books_heard"}
    calls = _blind_batch("fresh52", "f52-", kinds, all_spoken=True)
    by_kind = {k: [c for c in calls if c.category == k] for k in kinds}
    # the everyday calls, every one heard through a recogniser: each of the six tasks is there
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code"} <= tasks
    # the checks and codes change nothing; the questions come before a booking or a move
    assert all(c.goal.task in ("check", "code") for c in by_kind["check_and_code_heard"])
    for call in by_kind["asks_then_books_heard"]:
        assert call.goal.questions and call.goal.task in ("book", "reschedule"), call.id
    # a correction said inside the turn ("sorry", "no wait", "scratch that", "i mean") in all
    # but one, whose restart is a day begun and begun again
    corrected = r"\b(sorry|no wait|scratch that|i mean)\b"
    said = [" ".join(c.lines or ()) for c in by_kind["run_on_sorry_i_mean"]]
    assert sum(1 for text in said if re.search(corrected, text)) >= len(said) - 1
    # the number said in groups: "double", "triple", or a two-digit or hundred group
    groups = r"\b(double|triple|fifty|twenty|thirty|forty|fourteen|nineteen|hundred)\b"
    for call in by_kind["number_groups_heard"]:
        assert re.search(groups, " ".join(call.lines or ())), call.id


def test_the_fifty_third_fresh_scripts_are_their_own_split() -> None:
    kinds = {"said_before_asked", "question_for_question", "puts_it_right"}
    kinds |= {"tacked_on_errand", "stepped_away", "fact_not_yes"}
    calls = _blind_batch("fresh53", "f53-", kinds)
    by_kind = {k: [c for c in calls if c.category == k] for k in kinds}
    # a turn off the script needs a turn after it: every call has three lines or more
    assert all(c.lines and len(c.lines) >= 3 for c in calls)
    # a question answered with one: some of them are the clinic's own questions, judged
    asked = [c for c in by_kind["question_for_question"] if c.goal.questions]
    assert len(asked) >= 3
    # a second wish once the first is done: a second change or booking, or a question after
    late = by_kind["tacked_on_errand"]
    assert sum(1 for c in late if c.goal.also_book or c.goal.also_cancel or c.goal.also_move) >= 5
    assert all(
        c.goal.also_book or c.goal.also_cancel or c.goal.also_move or c.goal.questions for c in late
    )
    # what is free is fixed by other patients' slots in many calls, so the offer is known
    assert sum(1 for c in calls if c.world.others) >= 25
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code"} <= tasks


def test_the_fifty_fourth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"story_around_it", "breathless_bundle", "numbers_in_the_story"}
    kinds |= {"circling_back", "reasons_as_limits", "yes_with_a_story"}
    calls = _blind_batch("fresh54", "f54-", kinds)
    by_kind = {k: [c for c in calls if c.category == k] for k in kinds}
    # the over-telling caller says more than asked: most calls open with a long first line
    assert sum(1 for c in calls if c.lines and len(c.lines[0].split()) >= 20) >= 40

    # several facts in one breath: the first line holds the caller's number in all but two
    def says_number(call: CorpusCall) -> bool:
        first = (call.lines or ("",))[0].lower()
        digits = re.sub(r"\D", "", first)
        return call.world.caller.phone in digits or "five five five" in first

    assert sum(1 for c in by_kind["breathless_bundle"] if says_number(c)) >= 8
    # numbers that are not the appointment: each call of the kind says a number besides the
    # caller's phone and the slot wanted
    for call in by_kind["numbers_in_the_story"]:
        text = " ".join(call.lines or ()).lower()
        assert re.search(r"\d|seventy|sixty|eighty|twentieth|nine thirty", text), call.id
    # two tasks in one call among them, a second booking and a second change
    assert any(c.goal.also_book for c in calls)
    assert any(c.goal.also_cancel for c in calls)
    # what is free is fixed by other patients' slots in many calls, so the offer is known
    assert sum(1 for c in calls if c.world.others) >= 25


def test_the_fifty_fifth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"full_day_bargain", "shut_that_day", "after_hours_wish"}
    kinds |= {"misplaced_booking", "offers_turned_down", "settle_or_leave_it"}
    calls = _blind_batch("fresh55", "f55-", kinds)
    by_kind = {k: [c for c in calls if c.category == k] for k in kinds}
    # a refusal needs a bargain after it: every call has three lines or more
    assert all(c.lines and len(c.lines) >= 3 for c in calls)
    # each refusal is real: the calls that book or move are refused by other patients' slots or
    # by the calendar, so someone else holds slots in most calls
    assert sum(1 for c in calls if c.world.others) >= 50
    # a closed day asked: a weekend, Thanksgiving or Christmas Day is named in each
    closed = r"(?i)thanksgiving|christmas|saturday|sunday|boxing|weekday|holiday|the 25th|the 26th"
    for call in by_kind["shut_that_day"]:
        assert re.search(closed, " ".join(call.lines or ())), call.id
    # the caller who settles or leaves it: half of them end with nothing changed
    settled = by_kind["settle_or_leave_it"]
    assert sum(1 for c in settled if c.goal.declines_all) >= 5
    # the appointment thought to be elsewhere: mostly one the caller holds on another day or
    # hour, and at least once one that is not there at all, booked when asked
    misplaced = by_kind["misplaced_booking"]
    assert sum(1 for c in misplaced if c.goal.target is not None) >= 7
    assert any(c.goal.task == "book" for c in misplaced)
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code"} <= tasks


def test_the_fifty_sixth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"new_patient_intro", "shifting_my_slot", "calling_it_off"}
    kinds |= {"just_asking_whats_on", "code_for_it", "while_im_on"}
    calls = _blind_batch("fresh56", "f56-", kinds)
    by_kind = {k: [c for c in calls if c.category == k] for k in kinds}
    # one everyday task shape per kind
    tasks = {
        "new_patient_intro": {"book"},
        "shifting_my_slot": {"reschedule"},
        "calling_it_off": {"cancel"},
        "just_asking_whats_on": {"check", "availability"},
        "code_for_it": {"code"},
    }
    for kind, allowed in tasks.items():
        assert all(c.goal.task in allowed for c in by_kind[kind]), kind
    # a new patient is new, the regulars are on file
    assert not any(c.world.returning for c in by_kind["new_patient_intro"])
    for kind in ("shifting_my_slot", "calling_it_off", "code_for_it"):
        assert all(c.world.returning and c.world.caller.holdings for c in by_kind[kind]), kind
    # two things in one call: a second booking, a second cancel, a second move, a question
    both = by_kind["while_im_on"]
    assert sum(1 for c in both if c.goal.also_book) >= 3
    assert any(c.goal.also_cancel for c in both)
    assert any(c.goal.also_move for c in both)
    assert any(c.goal.questions for c in both)
    # small corrections said inside a line, as people do ("Tuesday - no, sorry, Wednesday")
    fixes = r"(?i)\b(no,? sorry|sorry,? no|wait no|no sorry)\b"
    assert sum(1 for c in calls if re.search(fixes, " ".join(c.lines or ()))) >= 4


def test_the_fifty_seventh_fresh_scripts_are_their_own_split() -> None:
    kinds = {"rota_weeks", "school_run_hours", "lift_dependent"}
    kinds |= {"limit_after_offer", "routine_changed", "limit_changes_midcall"}
    calls = _blind_batch("fresh57", "f57-", kinds)
    by_kind = {k: [c for c in calls if c.category == k] for k in kinds}
    # a limit needs a line to say it and a line to agree to what fits: three lines or more
    assert all(c.lines and len(c.lines) >= 3 for c in calls)
    # what fits the limit is fixed by other patients' slots in most calls that book or move
    changing = [c for c in calls if c.goal.task in ("book", "reschedule")]
    assert sum(1 for c in changing if c.world.others) >= len(changing) - 3
    # the limit is a reason, not a time: a life named in every call's lines
    life = (
        r"(?i)shift|rota|lates|earlies|nights|work|school|nursery|kids|bus|lift|driv|car\b|"
        r"carer|care home|dialysis|transport|grand|mum|class|tablets|physio|lunch|course|"
        r"childminder|swimming|restaurant|kip|sister|arthritis|bakery|job|days off|day off|"
        r"neighbour|mother|hospital|volunteer"
    )
    for call in calls:
        assert re.search(life, " ".join(call.lines or ())), call.id
    # a routine that changed falls on appointments already held: moves and cancels
    changed = by_kind["routine_changed"]
    assert sum(1 for c in changed if c.goal.task in ("reschedule", "cancel")) >= 7
    # limits on a second booking or a second change among the mid-call ones
    mid = by_kind["limit_changes_midcall"]
    assert any(c.goal.also_book for c in mid) and any(c.goal.also_cancel for c in mid)
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code"} <= tasks


def test_the_fifty_ninth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"says_it_twice", "first_time_teen", "from_the_site"}
    kinds |= {"learner_word_order", "child_in_earshot", "worried_or_cross"}
    calls = _blind_batch("fresh59", "f59-", kinds)
    by_kind = {k: [c for c in calls if c.category == k] for k in kinds}
    # the usual business in every kind: a booking, and a move or a cancel, and a look
    for kind, group in by_kind.items():
        tasks = {c.goal.task for c in group}
        assert "book" in tasks, kind
        assert tasks & {"reschedule", "cancel"}, kind
        assert tasks & {"check", "availability"}, kind
    # what is free is fixed by other patients' slots in most calls that book or move
    changing = [c for c in calls if c.goal.task in ("book", "reschedule")]
    assert sum(1 for c in changing if c.world.others) >= len(changing) - 8
    # the person is in the lines: a child told off mid-sentence in every child_in_earshot call,
    # a late reminder or a worry in every worried_or_cross call
    for call in by_kind["child_in_earshot"]:
        text = " ".join(call.lines or ())
        assert re.search(r"(?i)sorry|mummy|baby|kids|little one", text), call.id
    feeling = r"(?i)reminder|nervous|anxious|worried|put this off"
    assert all(re.search(feeling, " ".join(c.lines or ())) for c in by_kind["worried_or_cross"])
    # the elderly say the business twice: some phrase of three words or more repeated in a line
    twice = re.compile(r"(?i)\b(\w+ \w+(?: \w+)?)\b.*\b\1\b")
    repeats = [c for c in by_kind["says_it_twice"] if any(twice.search(x) for x in c.lines or ())]
    assert len(repeats) >= 7
    # nothing changes without a yes: every call that books, moves or cancels has a yes line
    yes = re.compile(r"(?i)^(yes|yeah|yep|ok|okay)\b|\b(yes|yeah|yep)\b")
    for call in calls:
        if call.goal.task in ("book", "reschedule", "cancel"):
            assert any(yes.search(line) for line in call.lines or ()), call.id


def test_the_fifty_eighth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"booking_as_heard", "moving_as_heard", "cancelling_as_heard"}
    kinds |= {"checking_as_heard", "asking_as_heard", "slips_fixed_heard"}
    calls = _blind_batch("fresh58", "f58-", kinds)
    by_kind = {k: [c for c in calls if c.category == k] for k in kinds}
    # the everyday calls: each kind is its own business
    assert all(c.goal.task == "book" for c in by_kind["booking_as_heard"])
    assert all(c.goal.task == "reschedule" for c in by_kind["moving_as_heard"])
    assert all(c.goal.task == "cancel" for c in by_kind["cancelling_as_heard"])
    assert {c.goal.task for c in by_kind["checking_as_heard"]} == {"check", "code"}
    for kind in ("moving_as_heard", "cancelling_as_heard", "checking_as_heard"):
        assert all(c.world.returning and c.world.caller.holdings for c in by_kind[kind]), kind
    asking = by_kind["asking_as_heard"]
    assert sum(1 for c in asking if c.goal.questions) >= 5
    assert any(c.goal.task == "availability" for c in asking)
    # half spoken, every spoken call heard as a recogniser hears a stranger: numbers as words
    # and their sound-alikes, fillers kept
    spoken = [c for c in calls if c.description.startswith("[asr]")]
    assert len(spoken) == len(calls) // 2
    heard = r"\b(won|too|for|ate|chewsday|wensday|um|uh|er)\b"
    for call in spoken:
        assert re.search(heard, " ".join(call.lines or ())), call.id
    # slips the caller puts right, inside a line or on the next one
    slips = by_kind["slips_fixed_heard"]
    fixes = r"(?i)\b(no sorry|no wait|er no|sorry typo|oops|too soon)\b"
    assert sum(1 for c in slips if re.search(fixes, " ".join(c.lines or ()))) >= 5
    assert any(c.goal.wrong_phone for c in slips) and any(c.goal.also_book for c in slips)


def test_the_sixtieth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"said_then_mended", "second_thoughts", "asks_before_yes"}
    kinds |= {"volunteers_early", "turned_down_why", "two_in_one_breath"}
    calls = _blind_batch("fresh60", "f60-", kinds)
    by_kind = {k: [c for c in calls if c.category == k] for k in kinds}
    # one goal each: the usual business across the batch
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "availability"} <= tasks
    # what is free is fixed by other patients' slots in most calls that book or move
    changing = [c for c in calls if c.goal.task in ("book", "reschedule")]
    assert sum(1 for c in changing if c.world.others) >= len(changing) - 8
    # a detail mended, a mind changed, an offer turned down: most say what they take back
    for kind in ("said_then_mended", "second_thoughts", "turned_down_why"):
        group = by_kind[kind]
        taken = [c for c in group if c.goal.taken_back and c.corrected_at is not None]
        assert len(taken) >= 6, kind
    # a question before the yes in every asks_before_yes call
    asks = re.compile(r"(?i)\?|\b(how long|is there|will i|which|what do|are they)\b")
    for call in by_kind["asks_before_yes"]:
        assert any(asks.search(line) for line in call.lines or ()), call.id
    # numbers with a country code or in groups among the two-in-one-breath callers
    coded = r"(?i)\+1|\b001\b|plus (1|one)\b|\b1-\d{3}"
    assert sum(1 for c in calls if re.search(coded, " ".join(c.lines or ()))) >= 4
    # nothing changes without a yes: every call that books, moves or cancels has a yes line
    yes = re.compile(r"(?i)\b(yes|yeah|yep|correct)\b")
    for call in calls:
        if call.goal.task in ("book", "reschedule", "cancel"):
            assert any(yes.search(line) for line in call.lines or ()), call.id


def test_the_sixty_first_fresh_scripts_are_their_own_split() -> None:
    kinds = {"is_this_the_clinic", "before_i_commit", "say_that_back"}
    kinds |= {"that_is_all_no", "while_i_have_you", "let_me_check_diary"}
    calls = _blind_batch("fresh61", "f61-", kinds)
    by_kind = {k: [c for c in calls if c.category == k] for k in kinds}
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "availability"} <= tasks
    # the aside is in the lines: a question before the task in every before_i_commit call, a
    # second errand in most while_i_have_you calls
    assert all(c.goal.questions for c in by_kind["before_i_commit"])
    errand = by_kind["while_i_have_you"]
    assert sum(1 for c in errand if c.goal.also_cancel or c.goal.also_book) >= 3
    pause = r"(?i)hang on|hold on|wait|just a minute|let me (check|find|get|grab|look)"
    assert all(re.search(pause, " ".join(c.lines or ())) for c in by_kind["let_me_check_diary"])
    # every that_is_all_no call ends on a no that must undo nothing
    for call in by_kind["that_is_all_no"]:
        assert re.search(r"(?i)\b(no|nope|nah)\b", (call.lines or ())[-1]), call.id
    # nothing changes without a yes: every call that books, moves or cancels has a yes line
    yes = re.compile(r"(?i)^(yes|yeah|yep|ok|okay)\b|\b(yes|yeah|yep)\b")
    for call in calls:
        if call.goal.task in ("book", "reschedule", "cancel"):
            assert any(yes.search(line) for line in call.lines or ()), call.id


def test_the_sixty_third_fresh_scripts_are_their_own_split() -> None:
    kinds = {"false_starts", "yeah_no_no_yeah", "answer_in_two_goes"}
    kinds |= {"doubled_words_tags", "talks_to_self", "filler_and_trail_off"}
    calls = _blind_batch("fresh63", "f63-", kinds)
    by_kind = {k: [c for c in calls if c.category == k] for k in kinds}
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "availability"} <= tasks
    text = {k: [" ".join(c.lines or ()) for c in v] for k, v in by_kind.items()}
    # the mess is in the lines: a word begun and dropped, a yeah-no or no-yeah, a line left
    # open ("...") or half a number, a word said twice or a tag question, a filler
    assert all(re.search(r"\b\w+- |\b(\w+) \1\b", t) for t in text["false_starts"])
    pair = r"(?i)\byeah,? no\b|\bno,? yeah\b"
    assert all(re.search(pair, t) for t in text["yeah_no_no_yeah"])
    tags = r"(?i)\b(isn'?t it|aren'?t you|don'?t (you|i)|won'?t i)\b|\b(\w+) \3\b"
    assert all(re.search(tags, t) for t in text["doubled_words_tags"])
    fillers = r"(?i)\b(like|sort of|kind of|or whatever|and that)\b|\.\.\."
    assert all(re.search(fillers, t) for t in text["filler_and_trail_off"])
    # an answer in two goes: the line before is left open or the next one finishes it
    for call in by_kind["answer_in_two_goes"]:
        lines = call.lines or ()
        split = any(
            a.endswith(("...", "seven", "five")) or b.startswith("...")
            for a, b in zip(lines, lines[1:], strict=False)
        )
        assert split or any(len(line.split()) <= 3 for line in lines[:-1]), call.id
    # nothing changes without a yes: every call that books, moves or cancels has a yes line
    yes = re.compile(r"(?i)^(yes|yeah|yep)\b|\b(yes|yeah|yep)\b")
    for call in calls:
        if call.goal.task in ("book", "reschedule", "cancel"):
            assert any(yes.search(line) for line in call.lines or ()), call.id


def test_the_sixty_second_fresh_scripts_are_their_own_split() -> None:
    kinds = {"shut_day_nearest", "squeeze_me_in", "past_or_beyond"}
    kinds |= {"not_on_file", "not_where_i_think", "leave_it_then"}
    calls = _blind_batch("fresh62", "f62-", kinds)
    by_kind = {k: [c for c in calls if c.category == k] for k in kinds}
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "availability"} <= tasks
    # the no is the clinic's: what is free after it is fixed by other patients' slots in most
    # calls that book or move
    changing = [c for c in calls if c.goal.task in ("book", "reschedule") and c.goal.accept]
    assert sum(1 for c in changing if c.world.others) >= len(changing) - 12
    # a caller who leaves it ends with nothing changed: most leave_it_then calls decline all
    assert sum(1 for c in by_kind["leave_it_then"] if c.goal.declines_all) >= 5
    # a number not on file is said before the one that is, in most not_on_file calls
    digits = [
        re.sub(r"\D", "", " ".join(c.lines or ()))
        for c in by_kind["not_on_file"]
        if not c.description.startswith("[asr]")
    ]
    on_file = [c.world.caller.phone for c in by_kind["not_on_file"] if c.world.returning]
    assert sum(1 for d in digits for p in on_file if p in d) >= 4
    # nothing changes without a yes: every call that books, moves or cancels has a yes line
    yes = re.compile(r"(?i)\b(yes|yeah|yep|yup)\b")
    for call in calls:
        if call.goal.task in ("book", "reschedule", "cancel") and not call.goal.declines_all:
            assert any(yes.search(line) for line in call.lines or ()), call.id


def test_the_sixty_fourth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"dob_and_doctor_first", "yeah_to_everything", "any_cancellations"}
    kinds |= {"queue_weary", "lost_the_card", "today_if_poss"}
    calls = _blind_batch("fresh64", "f64-", kinds)
    by_kind = {k: [c for c in calls if c.category == k] for k in kinds}
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "availability"} <= tasks
    first = {k: [(c.lines or ("",))[0] for c in v] for k, v in by_kind.items()}
    # the date of birth (or "born") and the doctor come in the first line, before the errand
    born = r"(?i)\b(date of birth|born)\b"
    assert all(
        re.search(born, t) and re.search(r"(?i)\bdoctor\b", t)
        for t in first["dob_and_doctor_first"]
    )
    # "yeah" on every line, and a "what day / what time was that?" once the answer is given
    for call in by_kind["yeah_to_everything"]:
        lines = call.lines or ()
        assert all(re.match(r"(?i)yeah\b", line) for line in lines), call.id
        assert any(re.search(r"(?i)\bwhat (day|time|times)\b", line) for line in lines[1:]), call.id
    # a cancellation asked after as a search (or, once, a cancel made)
    assert all(
        re.search(r"(?i)\bcancell?ation|cancelled|come (up|free)\b", t)
        for t in first["any_cancellations"]
    )
    # the wait on the line comes first: on hold, ringing, the queue, engaged, cut off, at last
    wait = r"(?i)\b(on hold|hold|ringing|queue|engaged|cut off|at last|finally|on this line)\b"
    assert all(re.search(wait, t) for t in first["queue_weary"])
    # the card, letter, text or paper is gone
    lost = r"(?i)\b(lost|misplaced|deleted|thrown it out|ate it|washed it off|gone)\b"
    assert all(re.search(lost, t) for t in first["lost_the_card"])
    # today asked for
    assert all(re.search(r"(?i)\btoday\b", t) for t in first["today_if_poss"])
    # more than a quarter as a recogniser transcribes: lower case, no punctuation, no digits
    asr = [c for c in calls if "[asr]" in c.description]
    assert len(asr) * 4 > len(calls)
    for call in asr:
        assert all(
            line == line.lower() and not re.search(r"[\d.,?!']", line) for line in call.lines or ()
        ), call.id
    assert sum(c.world.returning for c in calls) == 40
    # nothing changes without a yes: every call that books, moves or cancels has a yes line
    yes = re.compile(r"(?i)^(yes|yeah|yep)\b|\b(yes|yeah|yep)\b")
    for call in calls:
        if call.goal.task in ("book", "reschedule", "cancel"):
            assert any(yes.search(line) for line in call.lines or ()), call.id


def test_the_sixty_fifth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"already_changed_elsewhere", "scratch_that_in_booking", "change_rules_questions"}
    kinds |= {"others_cancel_not_mine", "may_change_later", "negated_change_words"}
    calls = _blind_batch("fresh65", "f65-", kinds, min_new=8)
    by_kind = {k: [c for c in calls if c.category == k] for k in kinds}
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "availability"} <= tasks
    # every call says a change word (cancel, move, change, shift, scratch...) or a plan that
    # may not hold ("if I can't make it", "not sure yet"), and in half of them nothing may
    # change: a check, what is free, or a booking beside what is held
    change_word = re.compile(
        r"(?i)\b(cancel\w*|mov\w*|chang\w*|shift\w*|push|scratch|forget|delete|"
        r"swapped|rearrang\w*|cant make it|not sure yet)\b"
    )
    assert all(change_word.search(" ".join(c.lines or ())) for c in calls)
    changes = [c for c in calls if c.goal.task in ("reschedule", "cancel")]
    assert len(changes) == len(calls) // 2
    text = {k: [" ".join(c.lines or ()) for c in v] for k, v in by_kind.items()}
    past = r"(?i)\b(already|last week|a while back|when i rang|(cancell?ed|moved|changed)\b)"
    assert all(re.search(past, t) for t in text["already_changed_elsewhere"])
    scratch = r"(?i)\b(scratch|cancel|forget|delete) that\b"
    assert all(re.search(scratch, t) for t in text["scratch_that_in_booking"])
    rules = r"(?i)\b(how (late|does)|can i|do you|do i|does the|if (i|someone))\b"
    assert all(re.search(rules, t) for t in text["change_rules_questions"])
    others = r"(?i)\bmy (husband|wife|boss|sister|son|mum|partner|friend)'?s?\b|\bthe school\b"
    assert all(re.search(others, t) for t in text["others_cancel_not_mine"])
    later = r"(?i)\b(might|may|probably|i'?ll (let you know|ring|call)|was going to)\b"
    assert all(re.search(later, t) for t in text["may_change_later"])
    negated = r"(?i)\b(don'?t|not|im not|i'?m not|hate|leave it)\b"
    assert all(re.search(negated, t) for t in text["negated_change_words"])
    # a call where nothing may change says so: it keeps what it holds or leaves it
    keeps = re.compile(r"(?i)\b(leave|keep|stays|won'?t book|ring back|call back|not yet)\b")
    for call in calls:
        if call.goal.task in ("check", "availability"):
            assert keeps.search(" ".join(call.lines or ())), call.id
    # nothing changes without a yes: every call that books, moves or cancels has a yes line
    yes = re.compile(r"(?i)\b(yes|yeah|yep)\b")
    for call in calls:
        if call.goal.task in ("book", "reschedule", "cancel"):
            assert any(yes.search(line) for line in call.lines or ()), call.id


def test_the_sixty_sixth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"follow_up_from_visit_had", "follow_up_from_held", "earliest_or_latest_bound"}
    kinds |= {"move_held_to_fit", "when_would_that_be", "waiting_on_results"}
    calls = _blind_batch("fresh66", "f66-", kinds, min_new=12)
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "availability"} <= tasks
    # every call is what someone at the clinic (or the hospital, or the lab) told the caller
    told = r"(?i)\b(doctor|nurse|physio|surgeon|lab|hospital|told|they want|results)\b"
    assert all(re.search(told, " ".join(c.lines or ())) for c in calls)
    text = {k: [" ".join(c.lines or ()) for c in calls if c.category == k] for k in kinds}
    had = r"(?i)\b(i was in|i saw|i had|had my|was at|just come out|this morning|yesterday|today)\b"
    assert all(re.search(had, t) for t in text["follow_up_from_visit_had"])
    held = r"(?i)\b((weeks?|days?|month|fortnight) (after (that|it|my|the)|on)|(day|week) after)\b"
    assert all(re.search(held, t) for t in text["follow_up_from_held"])
    bound = r"(?i)\b(no sooner|no later|not before|not after|at least|within|between)\b"
    assert all(re.search(bound, t) for t in text["earliest_or_latest_bound"])
    asked = r"(?i)\b(when (would|is)|what (day|date)|which dates|would that be|whats that)\b"
    asked += r"|(?i:\b(is|isn.?t) it\b)"
    assert all(re.search(asked, t) for t in text["when_would_that_be"])
    waits = r"(?i)\b(results?|report|tablets|lab|letter|test)\b"
    assert all(re.search(waits, t) for t in text["waiting_on_results"])
    # the one held is moved (or dropped) to fit what was told
    fit = [c for c in calls if c.category == "move_held_to_fit"]
    assert all(c.goal.task in ("reschedule", "cancel") and c.world.caller.holdings for c in fit)
    # a follow-up counted from one held leaves that one where it is
    assert all(c.goal.task == "book" for c in calls if c.category == "follow_up_from_held")
    # nothing changes without a yes: every call that books, moves or cancels has a yes line
    yes = re.compile(r"(?i)\b(yes|yeah|yep)\b")
    for call in calls:
        if call.goal.task in ("book", "reschedule", "cancel"):
            assert any(yes.search(line) for line in call.lines or ()), call.id


def test_the_sixty_seventh_fresh_scripts_are_their_own_split() -> None:
    kinds = {"position_in_list", "comparative_pick", "said_slot_shifted"}
    kinds |= {"recall_and_go_back", "like_i_said", "same_as_that_one"}
    calls = _blind_batch("fresh67", "f67-", kinds)
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "availability"} <= tasks
    text = {k: [" ".join(c.lines or ()) for c in calls if c.category == k] for k in kinds}
    # every call points back: at a place in the list, a comparison, a time said shifted, an
    # earlier offer, the caller's own words, or a slot someone holds
    place = r"(?i)\bthe (first|second|third|last|middle) one\b"
    assert all(re.search(place, t) for t in text["position_in_list"])
    compared = r"(?i)\b(earlier|later|sooner|earliest|closer|nearest|afternoon one|the other one)\b"
    assert all(re.search(compared, t) for t in text["comparative_pick"])
    shifted = r"(?i)\b(same time|the one after that|later than that|day after that|the week after"
    shifted += r"|before that|after that one)\b"
    assert all(re.search(shifted, t) for t in text["said_slot_shifted"])
    back = r"(?i)\b(again|go back|back to|the one before|(first|second) one you said)\b"
    assert all(re.search(back, t) for t in text["recall_and_go_back"])
    own = r"(?i)\b(like i said|as i said|i said|i meant|i mentioned)\b"
    assert all(re.search(own, t) for t in text["like_i_said"])
    anchor = r"(?i)\b(same time|same day|after (hers|his)|before (it|his|hers)|after hers"
    anchor += r"|this time next week|the day before|the slot after|monday after)\b"
    assert all(re.search(anchor, t) for t in text["same_as_that_one"])
    # where a caller picks from a list read out, the day asked holds few free slots, so the
    # pick is fixed: every call that books or moves has exactly one slot it may end in
    for call in calls:
        if call.goal.task in ("book", "reschedule"):
            assert len(call.goal.accept) == 1, call.id


def test_the_sixty_eighth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"teen_or_ty", "is_that_a_weekday", "pen_then_go_on"}
    kinds |= {"missed_it_all", "code_asked_again", "so_thats_at_goodbye"}
    calls = _blind_batch("fresh68", "f68-", kinds)
    tasks = {c.goal.task for c in calls}
    assert {"book", "reschedule", "cancel", "check", "code", "availability"} <= tasks
    text = {k: [" ".join(c.lines or ()) for c in calls if c.category == k] for k in kinds}
    # two numbers that sound alike, asked back: "two or three", "the 16th or the 6th"
    number = r"(\d+(st|nd|rd|th)?|one|two|three|five|nine|ten|twelve|fifteen|fifty"
    number += r"|thirteenth|thirtieth)"
    alike = rf"(?i)\b{number} or (the )?{number}\b"
    assert all(re.search(alike, t) for t in text["teen_or_ty"])
    weekday = r"(?i)\b(is that|isn.t it|is it|what (day|date)|which day)\b"
    assert all(re.search(weekday, t) for t in text["is_that_a_weekday"])
    pen = r"(?i)\b(pen|write|writing|diary|slowly)\b"
    assert all(re.search(pen, t) for t in text["pen_then_go_on"])
    lost = r"(?i)\b(missed|broke up|breaking up|cut out|lost you|signal|tunnel)\b"
    assert all(re.search(lost, t) for t in text["missed_it_all"])
    code = r"(?i)\bcode\b.*\b(again|repeat|spell|slowly|was that)\b"
    code += r"|(?i:\b(again|repeat|spell|slowly|was that)\b.*\bcode\b)"
    assert all(re.search(code, t) for t in text["code_asked_again"])
    # the summing-up comes after the yes to the change (or before it, as a question)
    summed = r"(?i)(\bso\b.*\b(that.?s|the|i.?ve|thursday)\b|just (so|to check)|that.?s the)"
    for call in calls:
        if call.category == "so_thats_at_goodbye":
            assert any(re.search(summed, line) for line in (call.lines or ())[1:]), call.id
    # nothing changes without a yes: every call that books, moves or cancels has a yes line
    yes = re.compile(r"(?i)\b(yes|yeah|yep)\b")
    for call in calls:
        if call.goal.task in ("book", "reschedule", "cancel"):
            assert any(yes.search(line) for line in call.lines or ()), call.id


def test_the_sixty_ninth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"new_to_the_clinic", "fitting_it_in", "can_we_shift_it"}
    kinds |= {"wont_need_it_now", "remind_me_when", "asks_first_or_two_jobs"}
    calls = _blind_batch("fresh69", "f69-", kinds)
    # a day at the front desk: most book, then move, then cancel, then check, then the rest
    tasks = Counter(c.goal.task for c in calls)
    assert tasks["book"] > tasks["reschedule"] >= tasks["cancel"] > tasks["check"] > 0
    assert tasks["code"] and tasks["availability"]
    by_kind = {k: [c for c in calls if c.category == k] for k in kinds}
    text = {k: [" ".join(c.lines or ()) for c in v] for k, v in by_kind.items()}
    # new patients book a first visit; every other booking in (b) is fitted round a day
    new = by_kind["new_to_the_clinic"]
    assert all(not c.world.returning and c.goal.task == "book" for c in new)
    assert all(c.goal.task == "book" for c in by_kind["fitting_it_in"])
    day = r"(?i)\b(monday|tuesday|wednesday|thursday|friday|tomorrow|\d+(st|nd|rd|th)|eighth"
    day += r"|eleventh|eighteenth|fortnight)\b"
    assert all(re.search(day, t) for t in text["fitting_it_in"])
    assert all(c.goal.task == "reschedule" for c in by_kind["can_we_shift_it"])
    move = r"(?i)\b(move|push|instead|change|shift|swap|earlier|later|after)\b"
    assert all(re.search(move, t) for t in text["can_we_shift_it"])
    assert all(c.goal.task == "cancel" for c in by_kind["wont_need_it_now"])
    assert all(re.search(r"(?i)\bcancel\b", t) for t in text["wont_need_it_now"])
    remind = {"check", "code", "availability"}
    assert all(c.goal.task in remind for c in by_kind["remind_me_when"])
    ask = r"(?i)\b(when|what|which|reference|code|free|am i in)\b"
    assert all(re.search(ask, t) for t in text["remind_me_when"])
    # a question before the errand, or two errands in one call
    for call in by_kind["asks_first_or_two_jobs"]:
        goal, first = call.goal, (call.lines or ("",))[0]
        two = goal.also_cancel or goal.also_book
        asked = goal.questions or re.search(r"(?i)\b(when am i|do you|are you|is there)\b", first)
        assert two or asked, call.id
    # nothing changes without a yes: every call that books, moves or cancels has a yes line
    yes = re.compile(r"(?i)\b(yes|yeah|yep)\b")
    for call in calls:
        if call.goal.task in ("book", "reschedule", "cancel"):
            assert any(yes.search(line) for line in call.lines or ()), call.id


def test_the_seventieth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"ill_over_the_weekend", "forgot_last_week", "round_the_school_day"}
    kinds |= {"lunch_break_rush", "retired_and_unhurried", "the_week_changed"}
    calls = _blind_batch("fresh70", "f70-", kinds)
    # a Monday morning: most book, then move, then cancel, then check; mostly Monday clocks
    tasks = Counter(c.goal.task for c in calls)
    assert tasks["book"] > tasks["reschedule"] > tasks["cancel"] > tasks["check"] > 0
    assert tasks["code"] and tasks["availability"]
    assert sum(1 for c in calls if c.world.now.weekday() == 0) >= len(calls) * 3 // 4
    by_kind = {k: [c for c in calls if c.category == k] for k in kinds}
    text = {k: [" ".join(c.lines or ()) for c in v] for k, v in by_kind.items()}
    # ill since the weekend, and soon: today, tomorrow, the soonest, or sooner than held
    ill = r"(?i)\b(weekend|saturday|friday|since)\b"
    soon = r"(?i)\b(today|tomorrow|soonest|sooner|earliest|this week|this afternoon)\b"
    assert all(re.search(ill, t) for t in text["ill_over_the_weekend"])
    assert sum(1 for t in text["ill_over_the_weekend"] if re.search(soon, t)) >= 8
    # forgot last week's: every caller is on file and says it was missed
    assert all(c.world.returning for c in by_kind["forgot_last_week"])
    missed = r"(?i)\b(missed|forgot|forgotten|out of my head|didnt turn up|didn't turn up)\b"
    assert all(re.search(missed, t) for t in text["forgot_last_week"])
    school = r"(?i)\b(school|kids|nativity|drop-?off|pick-?up|broken up|dropped off)\b"
    assert all(re.search(school, t) for t in text["round_the_school_day"])
    rush = r"(?i)\b(lunch|quick|minute|meetings?|not fussy|get away)\b"
    assert all(re.search(rush, t) for t in text["lunch_break_rush"])
    # retired callers tell you why, at length: their first lines are long
    for call in by_kind["retired_and_unhurried"]:
        assert len(" ".join(call.lines or ()).split()) >= 40, call.id
    assert sum(1 for c in by_kind["retired_and_unhurried"] if c.goal.questions) >= 3
    week = r"(?i)\b(this week|next one|changed|week's gone|weeks gone|meeting|results|rota)\b"
    assert all(re.search(week, t) for t in text["the_week_changed"])
    changed = {c.goal.task for c in by_kind["the_week_changed"]}
    assert {"check", "reschedule", "cancel", "book"} <= changed
    # nothing changes without a yes: every call that books, moves or cancels has a yes line
    yes = re.compile(r"(?i)\b(yes|yeah|yep)\b")
    for call in calls:
        if call.goal.task in ("book", "reschedule", "cancel"):
            assert any(yes.search(line) for line in call.lines or ()), call.id


def test_the_seventy_first_fresh_scripts_are_their_own_split() -> None:
    kinds = {"new_voice_books", "time_said_aloud", "rings_to_move"}
    kinds |= {"rings_to_cancel", "rings_to_check", "asks_or_adds_on"}
    # heard, not typed: two thirds and more are the recogniser's text, the rest typed
    calls = _blind_batch("fresh71", "f71-", kinds, min_spoken=40)
    assert all(
        sum(1 for c in calls if c.category == k and c.description.startswith("[asr]")) >= 6
        for k in kinds
    )
    # a front desk's proportions: most book, then move, then cancel, then check, then the rest
    tasks = Counter(c.goal.task for c in calls)
    assert tasks["book"] > tasks["reschedule"] > tasks["cancel"] > tasks["check"] > 0
    assert tasks["code"] and tasks["availability"]
    by_kind = {k: [c for c in calls if c.category == k] for k in kinds}
    text = {k: [" ".join(c.lines or ()) for c in v] for k, v in by_kind.items()}
    spoken = " ".join(" ".join(c.lines or ()) for c in calls if c.description.startswith("[asr]"))
    # the recogniser's marks: fillers, a word said twice, a word heard as a like one
    assert len(re.findall(r"\b(um|uh|like)\b", spoken)) >= 20
    assert re.search(r"\b(i|on|its|my) \1\b", spoken)
    assert re.search(r"\bto to oclock\b|\bthe forth\b|\bright it down\b|\bat to\b", spoken)
    # new patients book a first visit
    new = by_kind["new_voice_books"]
    assert all(not c.world.returning and c.goal.task == "book" for c in new)
    # (b) books with the time said as people say it
    assert all(c.goal.task == "book" for c in by_kind["time_said_aloud"])
    said = r"(?i)\b(half|quarter|midday|first thing|last thing|late morning|ish|week after|"
    said += r"week tomorrow|after lunch|elevenish)"
    assert all(re.search(said, t) for t in text["time_said_aloud"])
    assert all(c.goal.task == "reschedule" for c in by_kind["rings_to_move"])
    move = r"(?i)\b(move|push|change|make it|instead|forward|later)\b"
    assert all(re.search(move, t) for t in text["rings_to_move"])
    assert all(c.goal.task == "cancel" for c in by_kind["rings_to_cancel"])
    assert all(re.search(r"(?i)\b(cancel|take me off)\b", t) for t in text["rings_to_cancel"])
    assert {c.goal.task for c in by_kind["rings_to_check"]} == {"check", "code", "availability"}
    ask = r"(?i)\b(when|what|which|reference|code|free|today or tomorrow)\b"
    assert all(re.search(ask, t) for t in text["rings_to_check"])
    # a question before the errand, or two errands in one call
    for call in by_kind["asks_or_adds_on"]:
        goal, first = call.goal, (call.lines or ("",))[0]
        two = goal.also_cancel or goal.also_book or re.search(r"(?i)\band can i book\b", first)
        asked = goal.questions or re.search(r"(?i)\b(are you|do you|is there)\b", first)
        assert two or asked, call.id
    # nothing changes without a yes: every call that books, moves or cancels has a yes line
    yes = re.compile(r"(?i)\b(yes|yeah|yep)\b")
    for call in calls:
        if call.goal.task in ("book", "reschedule", "cancel"):
            assert any(yes.search(line) for line in call.lines or ()), call.id


def test_the_seventy_second_fresh_scripts_are_their_own_split() -> None:
    kinds = {"before_the_weekend", "for_someone_at_home", "going_away"}
    kinds |= {"rang_back", "half_remembered", "english_is_second"}
    calls = _blind_batch("fresh72", "f72-", kinds)
    # a Friday afternoon: every call rings on a Friday, from noon on
    assert all(c.world.now.weekday() == 4 and c.world.now.hour >= 12 for c in calls)
    assert all(
        sum(1 for c in calls if c.category == k and c.description.startswith("[asr]")) == 3
        for k in kinds
    )
    tasks = Counter(c.goal.task for c in calls)
    assert tasks["book"] > tasks["reschedule"] > tasks["cancel"] > tasks["check"] > 0
    assert tasks["code"] and tasks["availability"] and tasks["none"]
    by_kind = {k: [c for c in calls if c.category == k] for k in kinds}
    text = {k: [" ".join(c.lines or ()) for c in v] for k, v in by_kind.items()}
    # (a) next week sorted: every one books next week (the seven days after the weekend)
    for call in by_kind["before_the_weekend"]:
        today = call.world.today
        assert call.goal.task == "book"
        assert all(3 <= (day - today).days <= 12 for day, _ in call.goal.accept), call.id
    assert sum(1 for c in by_kind["before_the_weekend"] if c.goal.questions) == 2
    # (b) rung for someone else, who it is for said in the call
    family = r"(?i)\b(my|our) (dad|son|lad|wife|mother|mum|grandson|daughter|husband)('?s)?\b"
    assert all(re.search(family, t) for t in text["for_someone_at_home"])
    assert {c.goal.task for c in by_kind["for_someone_at_home"]} >= {"book", "cancel", "check"}
    # (c) going away: a trip said, and a move or a cancel (one new caller booking before it)
    away = r"(?i)\b(off to|away|flying|driving up|going to|holiday|in spain)\b"
    assert all(re.search(away, t) for t in text["going_away"])
    tasks_c = Counter(c.goal.task for c in by_kind["going_away"])
    assert tasks_c["reschedule"] and tasks_c["cancel"] and tasks_c["book"] == 1
    # (d) rings back: an earlier call said
    back = r"(?i)\b(again|rang|called|booked) (about|earlier|before|this morning|just|for)\b"
    back += r"|\bme again\b|\brang earlier\b"
    assert all(re.search(back, t) for t in text["rang_back"])
    # (e) unsure of their own day, or the same as before
    unsure = r"(?i)\b(or|not sure|can't remember|i think|was sure|muddled|usual|same as|"
    unsure += r"last time|same time)\b"
    assert all(re.search(unsure, t) for t in text["half_remembered"])
    # (f) English a second language: the learner's grammar, a mind changed half way
    learner = r"(?i)\b(if is possible|is correct|(need|make|for make) (the )?appointment|i forget|"
    learner += r"is possible|my english|the (seventeen|fourteen|eleven december|christmas eve)|"
    learner += r"my name [a-z]+ [a-z]+\.|what time you have)"
    assert all(re.search(learner, t) for t in text["english_is_second"])
    changed = r"(?i)\b(no, wait|or\.\.\. no|ah, sorry)\b"
    assert sum(1 for t in text["english_is_second"] if re.search(changed, t)) >= 3
    # nothing changes without a yes: every call that books, moves or cancels has a yes line
    yes = re.compile(r"(?i)\b(yes|yeah|yep)\b")
    for call in calls:
        if call.goal.task in ("book", "reschedule", "cancel"):
            assert any(yes.search(line) for line in call.lines or ()), call.id


def test_the_seventy_third_fresh_scripts_are_their_own_split() -> None:
    kinds = {"new_here_by_phone", "day_and_hour_heard", "put_back_or_forward"}
    kinds |= {"cant_make_it_heard", "when_am_i_in", "asks_or_two_errands"}
    # heard over the phone: two thirds and more are the recogniser's text, the rest typed
    calls = _blind_batch("fresh73", "f73-", kinds, min_spoken=40)
    assert all(
        sum(1 for c in calls if c.category == k and c.description.startswith("[asr]")) >= 7
        for k in kinds
    )
    # a front desk's proportions: most book, then move, then cancel, then check, then the rest
    tasks = Counter(c.goal.task for c in calls)
    assert tasks["book"] > tasks["reschedule"] > tasks["cancel"] > tasks["check"] > 0
    assert tasks["code"] and tasks["availability"]
    by_kind = {k: [c for c in calls if c.category == k] for k in kinds}
    text = {k: [" ".join(c.lines or ()) for c in v] for k, v in by_kind.items()}
    spoken_calls = [c for c in calls if c.description.startswith("[asr]")]
    spoken = " ".join(" ".join(c.lines or ()) for c in spoken_calls)
    # the recogniser's marks: fillers, a word said twice, words heard as like ones
    assert len(re.findall(r"\b(um|uh|like)\b", spoken)) >= 20
    assert len(re.findall(r"\b(i|its|for a) \1\b", spoken)) >= 4
    # a digit heard as a like word inside a number ("five five five won four", "ate two ate")
    digit = r"(?:oh|zero|one|two|three|four|five|six|seven|eight|nine|double)"
    slips = re.findall(rf"\b{digit} (?:{digit} )*(?:for|to|ate|won)(?: {digit})+\b", spoken)
    assert len(slips) >= 10
    assert re.search(r"\btoo appointments\b", spoken) and re.search(r"\bthe won on\b", spoken)
    assert re.search(r"\bafter to\b", spoken) and re.search(r"\bwant appointment\b", spoken)
    # a surname heard as a common word, then spelled; the end of a number said again
    assert re.search(r"\bboil b o y l e\b", spoken)
    assert re.search(r"\bwon four oh two thats one four oh two\b", spoken)
    # a number said in two pieces across two turns: a line of only digits after a short one
    pieces = [
        c.id
        for c in spoken_calls
        for a, b in itertools.pairwise(c.lines or ())
        if re.fullmatch(rf"(?:{digit} ){{6}}{digit}", b) and re.search(rf"{digit}$", a)
    ]
    assert len(pieces) >= 2
    # new patients ring to join and book a first visit
    new = by_kind["new_here_by_phone"]
    assert all(not c.world.returning and c.goal.task == "book" for c in new)
    # (b) books with the day and hour said as people say them
    assert all(c.goal.task == "book" for c in by_kind["day_and_hour_heard"])
    said = r"(?i)\b(half|quarter|midday|first thing|late in the day|ish|week after|week "
    said += r"tomorrow|after lunch|last appointment|mid-morning)"
    assert all(re.search(said, t) for t in text["day_and_hour_heard"])
    assert all(c.goal.task == "reschedule" for c in by_kind["put_back_or_forward"])
    move = r"(?i)\b(move|push|change|make it|instead|forward|later|moved)\b"
    assert all(re.search(move, t) for t in text["put_back_or_forward"])
    assert all(c.goal.task == "cancel" for c in by_kind["cant_make_it_heard"])
    assert all(re.search(r"(?i)\bcancel\b", t) for t in text["cant_make_it_heard"])
    assert {c.goal.task for c in by_kind["when_am_i_in"]} == {"check", "code", "availability"}
    ask = r"(?i)\b(when|what|which|reference|code|free|is my appointment|check)\b"
    assert all(re.search(ask, t) for t in text["when_am_i_in"])
    # a question before the errand, or two errands in one call
    for call in by_kind["asks_or_two_errands"]:
        goal, first = call.goal, (call.lines or ("",))[0]
        two = goal.also_cancel or goal.also_book or goal.also_move
        two = two or re.search(r"(?i)\band i need another\b", first)
        asked = goal.questions or re.search(r"(?i)\b(are you|do you|is there|what do i)\b", first)
        assert two or asked, call.id
    # nothing changes without a yes: every call that books, moves or cancels has a yes line
    yes = re.compile(r"(?i)\b(yes|yeah|yep)\b")
    for call in calls:
        if call.goal.task in ("book", "reschedule", "cancel"):
            assert any(yes.search(line) for line in call.lines or ()), call.id


def test_the_seventy_fourth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"rain_and_running_late", "round_to_the_point", "every_detail_slowly"}
    kinds |= {"off_the_reminder", "two_at_once", "no_rush_or_asks_back"}
    calls = _blind_batch("fresh74", "f74-", kinds)
    # a wet Tuesday morning: every call rings on a Tuesday, all but one before noon
    assert all(c.world.now.weekday() == 1 for c in calls)
    assert sum(1 for c in calls if c.world.now.hour < 12) == len(calls) - 1
    assert all(
        sum(1 for c in calls if c.category == k and c.description.startswith("[asr]")) >= 3
        for k in kinds
    )
    # a front desk's proportions: most book, then move, then cancel, then check, then the rest
    tasks = Counter(c.goal.task for c in calls)
    assert tasks["book"] > tasks["reschedule"] > tasks["cancel"] > tasks["check"] > 0
    assert tasks["code"] and tasks["availability"]
    by_kind = {k: [c for c in calls if c.category == k] for k in kinds}
    text = {k: [" ".join(c.lines or ()) for c in v] for k, v in by_kind.items()}
    # (a) the weather or the bus changed the plan, and most change today's or a held one
    weather = r"(?i)\b(rain|pouring|chucking it down|flood\w*|bus|weather|wet|freeze|lift)\b"
    assert all(re.search(weather, t) for t in text["rain_and_running_late"])
    late = by_kind["rain_and_running_late"]
    assert sum(1 for c in late if c.goal.task in ("reschedule", "cancel")) >= 6
    # (b) the story first: the first line is long and the errand comes at its end
    for call in by_kind["round_to_the_point"]:
        first = (call.lines or ("",))[0]
        assert len(first.split()) >= 25, call.id
    # (c) every detail slowly: a name spelled, a number in pieces or a line of twenty words
    # and more in every call; an older caller's "goodbye" or "bye bye", never a "bye" alone
    slow = r"\b[A-Za-z](?:-| )(?:double )?[A-Za-z](?:-| )[A-Za-z]\b|\.\.\. ?\d|\b(?:five|oh)\b"
    for call in by_kind["every_detail_slowly"]:
        lines = call.lines or ()
        said = " ".join(lines)
        assert re.search(slow, said) or max(len(line.split()) for line in lines) >= 20, call.id
        assert re.search(r"(?i)\b(goodbye|bye bye)\b", lines[-1]), call.id
    # (d) read off a reminder: a text, a letter, a card or a leaflet
    reminder = r"(?i)\b(text|letter|card|leaflet|reminder)\b"
    assert all(re.search(reminder, t) for t in text["off_the_reminder"])
    # (e) two people or the whole family: a second booking, a second cancel or move, or every
    # holding asked after
    for call in by_kind["two_at_once"]:
        goal = call.goal
        two = goal.also_book or goal.also_cancel or goal.also_move
        family = goal.task == "check" and len(call.world.caller.holdings) >= 2
        straight_after = goal.task == "book" and call.world.caller.holdings
        assert two or family or straight_after, call.id
    assert sum(1 for c in by_kind["two_at_once"] if c.goal.also_book) >= 4
    # (f) "no rush" then the earliest, a question for an answer, a wrong number put right, a
    # question before booking
    f_text = " ".join(text["no_rush_or_asks_back"])
    assert len(re.findall(r"(?i)\bno rush\b", f_text)) >= 4
    assert re.search(r"(?i)\b(earliest|soonest)\b", f_text)
    assert any(c.goal.wrong_phone for c in by_kind["no_rush_or_asks_back"])
    assert sum(1 for c in by_kind["no_rush_or_asks_back"] if c.goal.questions) >= 2
    # nothing changes without a yes: every call that books, moves or cancels has a yes line
    yes = re.compile(r"(?i)\b(yes|yeah|yep)\b")
    for call in calls:
        if call.goal.task in ("book", "reschedule", "cancel"):
            assert any(yes.search(line) for line in call.lines or ()), call.id


def test_the_seventy_fifth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"on_the_way_home", "diary_open_fortnight", "shift_mine_after_work"}
    kinds |= {"reasons_then_cancel", "am_i_on_your_books", "before_the_errand"}
    calls = _blind_batch("fresh75", "f75-", kinds)
    # the end of a Thursday: every call rings on a Thursday between four and six
    assert all(c.world.now.weekday() == 3 and 16 <= c.world.now.hour < 18 for c in calls)
    # a front desk's proportions: most book, then move, then cancel, then check, then the rest
    tasks = Counter(c.goal.task for c in calls)
    assert tasks["book"] > tasks["reschedule"] > tasks["cancel"] > tasks["check"] > 0
    assert tasks["code"] and tasks["availability"]
    by_kind = {k: [c for c in calls if c.category == k] for k in kinds}
    text = {k: [" ".join(c.lines or ()) for c in v] for k, v in by_kind.items()}
    assert all(sum(1 for c in by_kind[k] if c.description.startswith("[asr]")) >= 3 for k in kinds)
    # (a) booked in a hurry: the bus, the car, the door said, or every line clipped
    hurry = r"(?i)\b(bus|driving|car|car park|leaving work|shift|train|quick|brief|back)\b"
    for call in by_kind["on_the_way_home"]:
        lines = call.lines or ()
        clipped = all(len(line.split()) <= 15 for line in lines)
        assert call.goal.task == "book"
        assert clipped or re.search(hurry, " ".join(lines)), call.id
    # (b) the diary open: the next fortnight, books or asks what is free
    diary = r"(?i)\b(diary|calendar|next (two|couple of) weeks|fortnight|next week|week of)\b"
    assert all(re.search(diary, t) for t in text["diary_open_fortnight"])
    for call in by_kind["diary_open_fortnight"]:
        assert call.goal.task in ("book", "availability"), call.id
        assert all(0 < (d - call.world.today).days <= 15 for d, _ in call.goal.accept), call.id
    assert sum(1 for c in by_kind["diary_open_fortnight"] if c.goal.task == "availability") == 2
    # (c) moves of what is held, said as people say them
    move = r"(?i)\b(instead|push|forward|move|later|put it off|change)\b"
    assert all(c.goal.task == "reschedule" for c in by_kind["shift_mine_after_work"])
    assert all(re.search(move, t) for t in text["shift_mine_after_work"])
    # a time the clinic doesn't do, taken to the nearest
    odd = r"(?i)\b(half (four|nine)|eight o'?clock|quarter past three)\b"
    assert sum(1 for c in calls if re.search(odd, " ".join(c.lines or ()))) >= 4
    # (d) the reason told at length before the cancel
    for call in by_kind["reasons_then_cancel"]:
        first = (call.lines or ("",))[0]
        assert call.goal.task == "cancel" and len(first.split()) >= 25, call.id
        assert re.search(r"(?i)\bcancel\b", " ".join(call.lines or ())), call.id
    assert any(c.goal.also_cancel for c in by_kind["reasons_then_cancel"])
    # (e) when am I in, the code, and callers unsure whether they are on file
    books = by_kind["am_i_on_your_books"]
    assert {c.goal.task for c in books} == {"check", "code", "book"}
    unsure = r"(?i)\b(not sure if|i think i'?m already|on your (books|system))\b"
    booking = [c for c in books if c.goal.task == "book"]
    assert all(re.search(unsure, " ".join(c.lines or ())) for c in booking)
    assert {c.world.returning for c in booking} == {True, False}
    # (f) a person asked for first, or a question before the errand
    person = r"(?i)\b(person|human|receptionists?|sharon|doctor|put me through)\b"
    errand = by_kind["before_the_errand"]
    asked = [c for c in errand if re.search(person, (c.lines or ("",))[0])]
    assert len(asked) == 6 and all(not c.goal.questions for c in asked)
    assert all(c.goal.questions for c in errand if c not in asked)
    # nothing changes without a yes: every call that books, moves or cancels has a yes line
    yes = re.compile(r"(?i)\b(yes|yeah|yep)\b")
    for call in calls:
        if call.goal.task in ("book", "reschedule", "cancel"):
            assert any(yes.search(line) for line in call.lines or ()), call.id


def test_the_seventy_sixth_fresh_scripts_are_their_own_split() -> None:
    kinds = {"lunch_break_sandwich", "parent_at_my_elbow", "sorry_i_didnt_come"}
    kinds |= {"first_thing_next_week", "shuffle_mine_along", "what_have_i_got_first"}
    calls = _blind_batch("fresh76", "f76-", kinds, min_new=16, evening=False)
    # a Wednesday lunchtime: every call rings on a Wednesday between twelve and two
    assert all(c.world.now.weekday() == 2 and 12 <= c.world.now.hour < 14 for c in calls)
    # a front desk's proportions: most book, then move, then cancel, then check, then the code
    tasks = Counter(c.goal.task for c in calls)
    assert tasks["book"] > tasks["reschedule"] > tasks["cancel"] > tasks["check"] > 0
    assert tasks["code"]
    by_kind = {k: [c for c in calls if c.category == k] for k in kinds}
    text = {k: [" ".join(c.lines or ()) for c in v] for k, v in by_kind.items()}
    assert all(sum(1 for c in by_kind[k] if c.description.startswith("[asr]")) >= 3 for k in kinds)
    # (a) a lunch break: a booking, most with a second thing remembered (a question)
    lunch = r"(?i)\b(lunch|break|eating|mouth full|quick|ten minutes)\b"
    assert all(c.goal.task == "book" for c in by_kind["lunch_break_sandwich"])
    assert all(re.search(lunch, t) for t in text["lunch_break_sandwich"])
    assert sum(1 for c in by_kind["lunch_break_sandwich"] if c.goal.questions) >= 6
    # (b) a parent with the caller, chipping in
    parent = r"(?i)\b(mum|mother|dad|father|father-in-law)\b"
    chips = r"(?i)\b(he says|she says|he's saying|she's saying|hes saying|shes saying|"
    chips += r"he's telling me|what's your number)\b"
    assert all(re.search(parent, t) for t in text["parent_at_my_elbow"])
    assert sum(1 for t in text["parent_at_my_elbow"] if re.search(chips, t)) >= 5
    assert {c.goal.task for c in by_kind["parent_at_my_elbow"]} >= {"book", "reschedule"}
    # (c) a missed appointment owned up to, then booked again, checked or cancelled
    missed = r"(?i)\b(missed|forgot|didn'?t (turn up|come|make it))\b"
    assert all(re.search(missed, (c.lines or ("",))[0]) for c in by_kind["sorry_i_didnt_come"])
    assert {c.goal.task for c in by_kind["sorry_i_didnt_come"]} == {"book", "check", "cancel"}
    assert all(c.world.returning for c in by_kind["sorry_i_didnt_come"])
    # (d) next week, the week after next, or two days weighed aloud: bookings
    week = r"(?i)\b(next week|week after next|the one after|or (friday|thursday|tuesday))\b"
    week = rf"{week}|(?i:\bwon't work\b)"
    assert all(c.goal.task == "book" for c in by_kind["first_thing_next_week"])
    assert all(re.search(week, t) for t in text["first_thing_next_week"])
    # (e) moves, the number said in pairs, with "double" or with the area code last
    assert all(c.goal.task == "reschedule" for c in by_kind["shuffle_mine_along"])
    said = r"(?i)\b(double|twenty one forty three|a 207 number)\b"
    assert sum(1 for t in text["shuffle_mine_along"] if re.search(said, t)) >= 4
    # (f) what is held asked first, then a cancel, a keep, or the code
    first = r"(?i)\b(what have i got|what i've got|what ive got|when am i in|when it is|"
    first += r"what appointments|when my next|reference|what time)\b"
    got = by_kind["what_have_i_got_first"]
    assert all(re.search(first, (c.lines or ("",))[0]) for c in got)
    assert {c.goal.task for c in got} == {"cancel", "check", "code"}
    assert any(c.goal.also_cancel for c in got)
    # nothing changes without a yes: every call that books, moves or cancels has a yes line
    yes = re.compile(r"(?i)\b(yes|yeah|yep)\b")
    for call in calls:
        if call.goal.task in ("book", "reschedule", "cancel"):
            assert any(yes.search(line) for line in call.lines or ()), call.id
