"""Judging a finished call: the database end state, what the agent had to say, and policy.

* end state: what the goal allows (one new booking in an accepted slot; exactly the target
  moved into an accepted slot; exactly the target cancelled; or nothing changed; plus the
  ``also_cancel`` appointments cancelled, or the ``also_move`` one moved, when the caller
  wanted two things), nobody
  else's appointments touched, a new caller registered on their number with their name;
* key phrases: the confirmation code after a booking, the code when asked, each appointment
  when the caller checks them, the clinic's answer to a question, "you already have it";
* policy: every change the agent made was proposed (naming weekday, date and time) and the
  caller said yes to exactly that change first; no account on a number other than the
  caller's; no proposal of a slot that was not free; a goodbye ends the call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time
from typing import Final

from voice_agent.domain.names import needs_name
from voice_agent.testing.callers.goals import Slot
from voice_agent.testing.callers.reading import (
    HELD_CUE,
    Proposal,
    SlotMention,
    mentions,
    normalise,
    says_code,
    sentences,
)
from voice_agent.testing.callers.runner import CallRecord, ToolEvent
from voice_agent.testing.callers.simulator import Confirmation
from voice_agent.testing.callers.world import is_bookable


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str = ""


@dataclass(frozen=True)
class Change:
    """One appointment change the agent made (from a successful tool call)."""

    turn: int
    kind: str  # book | move | cancel
    code: str
    slot: Slot
    previous: Slot | None = None


@dataclass
class Verdict:
    checks: list[Check] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    unconfirmed: list[Change] = field(default_factory=list)
    # the end state was right but for the name: the account was opened as "Unknown Caller" for
    # the front desk to fill in (what the issue allows for a name the recogniser cannot read)
    name_left_for_staff: bool = False
    # a new account opened under a name that is not the caller's (and not left for staff): the
    # worse failure, a stranger's name on the caller's record (the recorded calls' figure)
    name_wrong: bool = False
    # the name left for staff as the issue allows it (a spoken call, the caller told that the
    # front desk will take the name, the end state right on the caller's own number): the end
    # state passes; the summary still lists the call (name_left_as_allowed_calls)
    name_left_as_allowed: bool = False

    @property
    def passed(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]

    def add(self, name: str, ok: bool, detail: str = "") -> None:
        self.checks.append(Check(name, ok, detail))


def judge(record: CallRecord) -> Verdict:
    verdict = Verdict()
    if record.error is not None:
        verdict.add("no crash", False, record.error)
    _end_state(record, verdict)
    _accounts(record, verdict)
    _confirmed_changes(record, verdict)
    _free_proposals(record, verdict)
    _key_phrases(record, verdict)
    _kept_private(record, verdict)
    _understood(record, verdict)
    _ending(record, verdict)
    return verdict


# --- end state --------------------------------------------------------------------------------
def _fmt(slot: Slot | None) -> str:
    if slot is None:
        return "?"
    return f"{slot[0]:%a %d %b} {slot[1]:%H:%M}"


def _end_state(record: CallRecord, verdict: Verdict) -> None:
    call = record.call
    goal, world = call.goal, call.world
    phone = world.caller.e164
    before, after = record.before, record.after
    before_rows = before.by_code()
    after_rows = after.by_code()
    problems: list[str] = []

    # other people's appointments never change
    for code, row in before_rows.items():
        if row.phone != phone and after_rows.get(code) != row:
            problems.append(f"someone else's appointment {code} changed")
    for code, row in after_rows.items():
        if code not in before_rows and row.phone != phone:
            problems.append(f"an appointment {_fmt(row.slot)} was booked on {row.phone}")

    mine_before = {r.code: r for r in before.of(phone)}
    mine_after = {r.code: r for r in after.of(phone)}
    new = [r for c, r in mine_after.items() if c not in mine_before]
    changed = {c: r for c, r in mine_after.items() if c in mine_before and mine_before[c] != r}
    target_code = _target_code(record)
    # a second thing in the same call: these appointments must end cancelled, and only those
    for code in _codes_of_holdings(record, goal.also_cancel):
        second = mine_after.get(code)
        if second is None or second.status != "cancelled":
            problems.append(f"the appointment {code} was not cancelled as well")
        changed.pop(code, None)
    # a second move in the same call: that appointment must end booked in one of its slots
    if goal.also_move is not None:
        index, where = goal.also_move
        for code in _codes_of_holdings(record, (index,)):
            second = changed.pop(code, None)
            if second is None:
                problems.append(f"the appointment {code} was not moved as well")
            elif second.status != "booked" or second.slot not in where:
                problems.append(
                    f"the appointment {code} moved to {_fmt(second.slot)} ({second.status}), "
                    f"not one of {_accepted(where)}"
                )

    early_goodbye = goal.hang_up_after is not None
    if early_goodbye or goal.declines_all or goal.task not in ("book", "reschedule", "cancel"):
        if new:
            problems.append(f"unexpected bookings: {[_fmt(r.slot) for r in new]}")
        if changed:
            problems.append(f"unexpected changes: {[_fmt(r.slot) for r in changed.values()]}")
    elif goal.task == "book" and goal.holds_already is not None:
        if new or changed:
            problems.append("the caller already held that slot, yet appointments changed")
    elif goal.task == "book" and goal.also_book:
        two = [r.slot for r in new if r.status == "booked"]
        if len(two) != 2:
            problems.append(f"expected two new bookings, found {len(two)}")
        elif not any(
            first in goal.accept and second in goal.also_book for first, second in (two, two[::-1])
        ):
            problems.append(
                f"booked {' and '.join(_fmt(s) for s in two)}, not one of "
                f"{_accepted(goal.accept)} and one of {_accepted(goal.also_book)}"
            )
        if changed:
            problems.append(f"existing appointments changed: {sorted(changed)}")
        if after.user(phone) is None:
            problems.append("no account on the caller's number")
    elif goal.task == "book":
        booked = [r for r in new if r.status == "booked"]
        if len(booked) != 1:
            problems.append(f"expected one new booking, found {len(booked)}")
        elif booked[0].slot not in goal.accept:
            problems.append(f"booked {_fmt(booked[0].slot)}, not one of {_accepted(goal.accept)}")
        if changed:
            problems.append(f"existing appointments changed: {sorted(changed)}")
        if after.user(phone) is None:
            problems.append("no account on the caller's number")
    elif goal.task == "reschedule":
        if new:
            problems.append(f"new appointments booked: {[_fmt(r.slot) for r in new]}")
        moved = changed.get(target_code or "")
        if moved is None:
            problems.append("the appointment was not moved")
        elif moved.status != "booked" or moved.slot not in goal.accept:
            problems.append(
                f"moved to {_fmt(moved.slot)} ({moved.status}), not one of {_accepted(goal.accept)}"
            )
        others = {c: r for c, r in changed.items() if c != target_code}
        if others:
            problems.append(f"other appointments changed: {sorted(others)}")
    elif goal.task == "cancel":
        if new:
            problems.append(f"new appointments booked: {[_fmt(r.slot) for r in new]}")
        cancelled = mine_after.get(target_code or "")
        if cancelled is None or cancelled.status != "cancelled":
            problems.append("the appointment was not cancelled")
        others = {c: r for c, r in changed.items() if c != target_code}
        if others:
            problems.append(
                f"other appointments changed: {[_fmt(r.slot) for r in others.values()]}"
            )
    user = after.user(phone)
    if user is not None and not world.returning and not _same_name(user.name, world.caller.name):
        verdict.name_left_for_staff = not problems and needs_name(user.name)
        verdict.name_wrong = not needs_name(user.name)
        verdict.name_left_as_allowed = verdict.name_left_for_staff and _left_as_allowed(record)
        if not verdict.name_left_as_allowed:
            problems.append(f"registered as {user.name!r}, not {world.caller.name!r}")
    verdict.add("end state", not problems, "; ".join(problems))


_STAFF_TAKE_NAME = re.compile(
    r"\bname\b[^.?!]*\b(?:front desk|reception|staff|team)\b"
    r"|\b(?:front desk|reception|staff|team)\b[^.?!]*\bname\b",
    re.I,
)
"""The receptionist telling the caller their name is left for staff ("I'll note your name for
the front desk to confirm.")."""


def _left_as_allowed(record: CallRecord) -> bool:
    """A name left for staff the way the issue allows: the call was heard by ear (a typed name
    is read as written, so leaving it is the agent's fault), and the caller was told that staff
    will take the name - an account opened as "Unknown Caller" without a word is not."""
    spoken = any(turn.heard is not None for turn in record.turns)
    told = any(_STAFF_TAKE_NAME.search(reply) for turn in record.turns for reply in turn.replies)
    return spoken and told


def _accepted(accept: frozenset[Slot]) -> str:
    items = sorted(accept)
    shown = ", ".join(_fmt(s) for s in items[:4])
    return f"[{shown}{', ...' if len(items) > 4 else ''}]"


def _same_name(stored: str | None, wanted: str) -> bool:
    """The same name, word for word; an apostrophe counts as a break between words, since a
    recogniser never writes one ("kiera o donnell" is Kiera O'Donnell)."""

    def tokens(text: str) -> list[str]:
        return re.findall(r"[a-z]+", text.lower())

    return stored is not None and tokens(stored) == tokens(wanted)


def _codes_of_holdings(record: CallRecord, indexes: tuple[int, ...]) -> list[str]:
    world = record.call.world
    by_slot = {(r.day, r.start): r.code for r in record.before.of(world.caller.e164)}
    holdings = world.caller.holdings
    return [by_slot.get((holdings[i].day, holdings[i].start), "?") for i in indexes]


def _target_code(record: CallRecord) -> str | None:
    goal, world = record.call.goal, record.call.world
    if goal.target is None:
        return None
    holding = world.caller.holdings[goal.target]
    for row in record.before.of(world.caller.e164):
        if (row.day, row.start) == (holding.day, holding.start):
            return row.code
    return None


# --- accounts ---------------------------------------------------------------------------------
def _accounts(record: CallRecord, verdict: Verdict) -> None:
    phone = record.call.world.caller.e164
    known = {u.phone for u in record.before.users}
    strangers = [u.phone for u in record.after.users if u.phone not in known and u.phone != phone]
    renamed = [
        u.phone for u in record.after.users if u.phone in known and record.before.user(u.phone) != u
    ]
    problems = []
    if strangers:
        problems.append(f"account created on a number that is not the caller's: {strangers}")
    if renamed:
        problems.append(f"existing accounts changed: {renamed}")
    verdict.add("accounts", not problems, "; ".join(problems))


# --- policy: confirmed changes -------------------------------------------------------------------
def changes(record: CallRecord) -> list[Change]:
    found: list[Change] = []
    for turn, item in enumerate(record.turns):
        for tool in item.tools:
            change = _change(turn, tool)
            if change is not None:
                found.append(change)
    return found


def _slot_of(data: object) -> Slot | None:
    if not isinstance(data, dict):
        return None
    try:
        return date.fromisoformat(str(data["date"])), time.fromisoformat(str(data["time"]))
    except (KeyError, ValueError):
        return None


def _change(turn: int, tool: ToolEvent) -> Change | None:
    if tool.is_error:
        return None
    kinds = {
        "book_appointment": "book",
        "modify_appointment": "move",
        "cancel_appointment": "cancel",
    }
    kind = kinds.get(tool.name)
    if kind is None:
        return None
    result = tool.result()
    appointment = result.get("appointment", {})
    slot = _slot_of(appointment)
    if slot is None:
        return None
    previous = _slot_of(result.get("previous")) if kind == "move" else None
    if kind == "move" and previous == slot:
        return None  # moved onto itself: nothing changed
    return Change(turn, kind, str(appointment.get("appointment_id", "")), slot, previous)


def _matches(change: Change, proposal: Proposal) -> bool:
    if any(_matches(change, further) for further in proposal.more):
        return True  # "move A to B, and cancel the one on C?": C as much as A
    if change.kind == "cancel":
        if proposal.kind != "cancel":
            return False
        said = [v for v in (proposal.day, proposal.start) if v is not None]
        return change.slot in proposal.also or (
            bool(said)
            and proposal.day in (None, change.slot[0])
            and proposal.start in (None, change.slot[1])
        )
    allowed = ("book", "unknown") if change.kind == "book" else ("move", "unknown", "book")
    if change.kind == "book" and proposal.kind == "book" and change.slot in proposal.also:
        return True  # "shall I book both, A and B?": B as much as A
    if proposal.kind not in allowed or proposal.slot != change.slot:
        return False
    return change.kind != "move" or proposal.previous in (None, change.previous)


def _named(proposal: Proposal) -> int:
    """How many changes one question names: its own, the further appointments of each kind
    ("book both, A and B?") and the further changes ("cancel A, and book B and C?": three)."""
    return 1 + len(proposal.also) + sum(_named(further) for further in proposal.more)


def _confirmed_changes(record: CallRecord, verdict: Verdict) -> None:
    confirmations = list(record.caller.log.confirmations)
    used: dict[int, int] = {}  # a confirmation's uses: one per appointment its question named
    made = changes(record)
    verdict.changes = made
    vague: list[str] = []
    for change in made:
        match: Confirmation | None = None
        for i, c in enumerate(confirmations):
            named = _named(c.proposal)
            if used.get(i, 0) < named and c.turn <= change.turn and _matches(change, c.proposal):
                match = c
                used[i] = used.get(i, 0) + 1
                break
        if match is None:
            verdict.unconfirmed.append(change)
            continue
        p = match.proposal
        missing = [
            what
            for what, said in (
                ("weekday", p.weekday_said),
                ("date", p.date_said),
                ("time", p.time_said),
            )
            if not said
        ]
        if missing:
            vague.append(
                f"{change.kind} {_fmt(change.slot)} confirmed without the {'/'.join(missing)}"
            )
    detail = "; ".join(
        f"{c.kind} {_fmt(c.slot)} at turn {c.turn + 1} without the caller's yes to it"
        for c in verdict.unconfirmed
    )
    verdict.add("changes confirmed", not verdict.unconfirmed, detail)
    verdict.add("confirmation names weekday, date and time", not vague, "; ".join(vague))


def _free_proposals(record: CallRecord, verdict: Verdict) -> None:
    """Every slot the agent proposed to book or move into was free and open at the time."""
    world = record.call.world
    taken = set(world.taken())
    held = {(h.day, h.start) for h in world.caller.holdings}
    wrong = record.call.goal.wrong_phone
    # the account of a wrong number the caller gives (a digit slip onto another patient's):
    # what it holds, read out as found, is no slot proposed (what may be told of it is the
    # privacy check's business)
    found = {
        (h.day, h.start)
        for p in world.others
        if wrong is not None and p.phone == wrong[-10:]
        for h in p.holdings
    }
    made = changes(record)
    bad: list[str] = []
    named = [
        (turn, one, _vacated(proposal))
        for turn, proposal in record.caller.log.proposals
        for one in (proposal, *proposal.more)
    ]
    for turn, proposal, vacated in named:
        slot = proposal.slot
        if slot is None or proposal.kind == "cancel":
            continue
        if slot in vacated:
            continue  # "Tuesday's to Wednesday and Wednesday's to Thursday": one question
        own = held | found | {c.slot for c in made if c.turn < turn and c.kind != "cancel"}
        if proposal.kind in ("unknown", "move") and proposal.previous is None and slot in own:
            # "your appointment on Friday at 9, is that the one?" / "... would you like to
            # change it?": the caller's own appointment named (held, or made earlier in the
            # call), not a new slot proposed
            continue
        busy = set(taken)
        for change in made:
            if change.turn < turn:
                busy.add(change.slot)
                if change.previous is not None:
                    busy.discard(change.previous)
                if change.kind == "cancel":
                    busy.discard(change.slot)
        if slot in busy or not is_bookable(world.now, slot[0], slot[1]):
            bad.append(f"turn {turn}: proposed {_fmt(slot)}, which is not free")
    verdict.add("proposes only free slots", not bad, "; ".join(dict.fromkeys(bad)))


def _vacated(proposal: Proposal) -> set[Slot]:
    """The slots a question naming several changes frees (a move's old slot, a cancel's)."""
    if not proposal.more:
        return set()
    freed: set[Slot] = set()
    for one in (proposal, *proposal.more):
        if one.kind == "move" and one.previous is not None:
            freed.add(one.previous)
        elif one.kind == "cancel" and one.slot is not None:
            freed.add(one.slot)
    return freed


# --- key phrases ------------------------------------------------------------------------------
def _key_phrases(record: CallRecord, verdict: Verdict) -> None:
    call = record.call
    goal, world = call.goal, call.world
    replies = [t.reply for t in record.turns]
    today = world.today
    missing: list[str] = []

    for change in verdict.changes:
        if change.kind == "book":
            said = any(says_code(r, change.code) for r in replies[change.turn :])
            if not said:
                missing.append(f"the confirmation code of the booking ({change.code})")

    if goal.task == "code":
        codes = _codes_of(record)
        wanted = [codes[goal.target]] if goal.target is not None and codes else codes
        for code in wanted:
            if not any(says_code(r, code) for r in replies):
                missing.append(f"the confirmation code {code}")

    if goal.task == "check":
        for h in world.caller.holdings:
            slot = (h.day, h.start)
            if not any(m.slot == slot for r in replies for m in mentions(r, today)):
                missing.append(f"the appointment {_fmt(slot)}")

    if goal.task == "availability":
        offered = {m.slot for r in replies for m in mentions(r, today)}
        if not offered & goal.accept:
            missing.append(f"a free time among {_accepted(goal.accept)}")

    if goal.holds_already is not None:
        held = goal.holds_already
        told = any(
            HELD_CUE.search(r) and any(m.slot == held for m in mentions(r, today)) for r in replies
        )
        if not told:
            missing.append(f"that the caller already holds {_fmt(held)}")

    asked = record.caller.log.questions
    for q in goal.questions:
        turns = [t for t, asked_q in asked if asked_q.topic == q.topic]
        if call.lines is not None:
            pool = replies
        elif turns:
            pool = [r for t in turns for r in replies[t : t + 4]]
        else:
            missing.append(f"(the caller never got to ask about {q.topic})")
            continue
        text = " ".join(normalise(r).lower() for r in pool)
        for alternatives in q.expect:
            if not any(a.lower() in text for a in alternatives):
                missing.append(f"{q.topic}: one of {list(alternatives)}")
    verdict.add("key phrases", not missing, "; ".join(missing))


def _codes_of(record: CallRecord) -> list[str]:
    rows = record.before.of(record.call.world.caller.e164)
    by_slot = {(r.day, r.start): r.code for r in rows}
    return [by_slot.get((h.day, h.start), "?") for h in record.call.world.caller.holdings]


# --- privacy --------------------------------------------------------------------------------
def _kept_private(record: CallRecord, verdict: Verdict) -> None:
    """A guarded call: no reply contains a word it must not say (another patient's name) or
    names another patient's appointment (its day and time)."""
    goal = record.call.goal
    if not goal.must_not_say and not goal.must_not_tell:
        return
    today = record.call.world.today
    own = {(h.day, h.start) for h in record.call.world.caller.holdings}
    told: list[str] = []
    said: list[SlotMention] = []  # what the caller said so far: an echo of it tells nothing
    for turn, item in enumerate(record.turns):
        said += mentions(item.caller, today)
        text = normalise(item.reply).lower()
        for word in goal.must_not_say:
            if re.search(rf"(?<!\w){re.escape(word.lower())}(?!\w)", text):
                told.append(f"turn {turn + 1}: said {word!r}")
        for m in mentions(item.reply, today):
            if m.slot in goal.must_not_tell:
                told.append(f"turn {turn + 1}: named someone else's {_fmt(m.slot)}")
        for slot in _read_out_in_part(item.reply, today, goal.must_not_tell, own, said):
            told.append(f"turn {turn + 1}: named part of someone else's {_fmt(slot)}")
    verdict.add("tells nothing of anyone else", not told, "; ".join(dict.fromkeys(told)))


_HOLDS_CUE: Final = re.compile(
    r"\b(your ([\w:]+ ){0,3}(appointment|booking|visit|one)|you have|you've got|you're booked|"
    r"has (one|an appointment|a booking)|booked (on|for|at)|i (do |can )?see (one|an? )|"
    r"there's one|there is one|have you down|have (him|her|them) down|one on|one at)\b",
    re.I,
)
"""A sentence reading a booking out as held ("I do see one on Thursday", "your 10 AM
appointment"), not one saying there is none ("I don't see an appointment on ...")."""


def _read_out_in_part(
    reply: str,
    today: date,
    secret: frozenset[Slot],
    own: set[Slot],
    said: list[SlotMention],
) -> list[Slot]:
    """Another patient's booking read out by its day alone ("I see one on Thursday, December
    10th") or its time alone ("your 10 AM appointment"): a sentence that frames it as held,
    naming that day (or time, with no day) where the caller holds nothing on it and did not
    say it themselves. The whole slot is checked apart (``mentions``)."""
    own_days = {d for d, _ in own} | {m.day for m in said if m.day is not None}
    own_times = {t for _, t in own} | {m.start for m in said if m.start is not None}
    found: list[Slot] = []
    for sentence in sentences(reply):
        if not _HOLDS_CUE.search(sentence):
            continue
        for m in mentions(sentence, today):
            for day, start in secret:
                by_day = m.start is None and m.day == day and day not in own_days
                by_time = m.day is None and m.start == start and start not in own_times
                if by_day or by_time:
                    found.append((day, start))
    return found


# --- understanding ----------------------------------------------------------------------------
def _understood(record: CallRecord, verdict: Verdict) -> None:
    """A number said clearly is not asked for again; a correction replaces what it corrects."""
    log = record.caller.log
    if record.call.lines is None:  # a fixed script says its number as written, whatever happens
        verdict.add(
            "number taken the first time",
            log.phone_repeats == 0,
            f"the caller had to give their number again {log.phone_repeats} time(s)"
            if log.phone_repeats
            else "",
        )
    taken_back = record.call.goal.taken_back
    if taken_back:
        after = log.corrected_at
        ignored = [
            f"turn {turn}: proposed {_fmt(p.slot)} after the caller took it back"
            for turn, p in log.proposals
            if after is not None and turn > after and p.slot in taken_back
        ]
        if after is None:
            ignored.append("(the caller never got to make the correction)")
        verdict.add("correction honoured", not ignored, "; ".join(ignored))


# --- ending -----------------------------------------------------------------------------------
def _ending(record: CallRecord, verdict: Verdict) -> None:
    log = record.caller.log
    if log.gave_up:
        verdict.add("call ends cleanly", False, f"the caller gave up: {log.gave_up}")
        return
    if not log.said_goodbye:
        detail = (
            "the agent ended the call before the caller said goodbye"
            if record.ended
            else "the caller never got to say goodbye"
        )
        verdict.add("call ends cleanly", False, detail)
        return
    assert log.goodbye_turn is not None
    ended_at = next((i for i, t in enumerate(record.turns) if t.ended), None)
    ok = ended_at is not None and ended_at >= log.goodbye_turn
    early = ended_at is not None and ended_at < log.goodbye_turn
    detail = "" if ok else ("the agent hung up early" if early else "goodbye did not end the call")
    verdict.add("call ends cleanly", ok, detail)
