"""Judging a call from its transcript, its tool calls and the database before and after."""

from __future__ import annotations

import json
from datetime import date, datetime, time

from voice_agent.testing.callers.checks import _same_name, judge
from voice_agent.testing.callers.corpus import CorpusCall
from voice_agent.testing.callers.goals import Goal, Question
from voice_agent.testing.callers.reading import Proposal, read_reply
from voice_agent.testing.callers.runner import CallRecord, ToolEvent, Turn
from voice_agent.testing.callers.simulator import CallerLog, Confirmation, ScriptedCaller
from voice_agent.testing.callers.state import AppointmentRow, DbState, UserRow
from voice_agent.testing.callers.world import TIMEZONE, Holding, Person, World

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=TIMEZONE)
TUE = date(2026, 12, 1)
ANN = Person("Ann Lee", "6465550177")
PHONE = "+16465550177"
GOAL = Goal("book", ask=("Tuesday at 2",), accept=frozenset({(TUE, time(14))}))
OFFER = Proposal("book", TUE, time(14), weekday_said=True, date_said=True, time_said=True)
EMPTY = DbState(users=(), appointments=())
BOOKED = DbState(
    users=(UserRow(PHONE, "Ann Lee"),),
    appointments=(AppointmentRow("abcd2345", PHONE, TUE, time(14), "booked"),),
)


def booking(*, code: str = "abcd2345", at: time = time(14)) -> ToolEvent:
    result = {
        "status": "booked",
        "appointment": {"appointment_id": code, "date": TUE.isoformat(), "time": f"{at:%H:%M}"},
    }
    return ToolEvent("book_appointment", {}, json.dumps(result), False)


def record(
    turns: list[Turn],
    log: CallerLog,
    *,
    after: DbState = BOOKED,
    before: DbState = EMPTY,
    goal: Goal = GOAL,
    ended: bool = True,
) -> CallRecord:
    world = World(now=NOW, caller=ANN, returning=False)
    call = CorpusCall("dev/test/00", "test", "dev", world, goal, lines=("x",))
    caller = ScriptedCaller(world, ())
    caller.log = log
    return CallRecord(call, "Hello", turns, before, after, caller, 0.1, ended=ended)


def good_turns() -> list[Turn]:
    return [
        Turn("book me Tuesday at 2", ("Shall I book Tuesday, December 1st at 2 PM?",), (), False),
        Turn("yes", ("Booked! Your code is a b c d 2 3 4 5. Anything else?",), (booking(),), False),
        Turn("no, bye", ("Goodbye!",), (), True),
    ]


def good_log() -> CallerLog:
    log = CallerLog(lines=["book me Tuesday at 2", "yes", "no, bye"], goodbye_turn=2)
    log.proposals.append((1, OFFER))
    log.confirmations.append(Confirmation(1, OFFER))
    return log


def failed(rec: CallRecord) -> dict[str, str]:
    return {c.name: c.detail for c in judge(rec).failed}


def test_a_confirmed_booking_with_its_code_said_passes() -> None:
    verdict = judge(record(good_turns(), good_log()))
    assert verdict.passed, verdict.failed
    assert [c.kind for c in verdict.changes] == ["book"] and verdict.unconfirmed == []


def test_a_booking_nobody_said_yes_to_is_unconfirmed() -> None:
    log = good_log()
    log.confirmations.clear()
    verdict = judge(record(good_turns(), log))
    assert "changes confirmed" in failed(record(good_turns(), log))
    assert len(verdict.unconfirmed) == 1


def test_a_yes_to_another_slot_does_not_confirm_this_one() -> None:
    log = good_log()
    other = Proposal("book", TUE, time(15), weekday_said=True, date_said=True, time_said=True)
    log.confirmations[:] = [Confirmation(1, other)]
    assert "changes confirmed" in failed(record(good_turns(), log))


def test_a_yes_after_the_change_does_not_confirm_it() -> None:
    log = good_log()
    log.confirmations[:] = [Confirmation(2, OFFER)]
    assert "changes confirmed" in failed(record(good_turns(), log))


def test_a_confirmation_must_name_weekday_and_date() -> None:
    log = good_log()
    vague = Proposal("book", TUE, time(14), weekday_said=False, date_said=False, time_said=True)
    log.confirmations[:] = [Confirmation(1, vague)]
    assert (
        "weekday/date"
        in failed(record(good_turns(), log))["confirmation names weekday, date and time"]
    )


def test_the_code_must_be_said_after_a_booking() -> None:
    turns = good_turns()
    turns[1] = Turn("yes", ("Booked! Anything else?",), (booking(),), False)
    assert "abcd2345" in failed(record(turns, good_log()))["key phrases"]


def test_a_booking_outside_what_the_caller_accepts_fails_the_end_state() -> None:
    after = DbState(
        users=BOOKED.users,
        appointments=(AppointmentRow("abcd2345", PHONE, TUE, time(15), "booked"),),
    )
    assert "not one of" in failed(record(good_turns(), good_log(), after=after))["end state"]


def test_an_account_on_another_number_fails() -> None:
    after = DbState(users=(*BOOKED.users, UserRow("+15735550123", "Ann Lee")), appointments=())
    problems = failed(record(good_turns(), good_log(), after=after))
    assert "not the caller's" in problems["accounts"]


def test_a_registered_name_must_be_the_callers() -> None:
    after = DbState(users=(UserRow(PHONE, "Ann"),), appointments=BOOKED.appointments)
    assert (
        "registered as 'Ann'" in failed(record(good_turns(), good_log(), after=after))["end state"]
    )


def test_a_name_with_an_apostrophe_is_the_same_name_as_a_recogniser_writes_it() -> None:
    # a recogniser never writes the apostrophe: "o donnell", "d arcy" are the caller's name
    assert _same_name("Kiera O Donnell", "Kiera O'Donnell")
    assert _same_name("Luc D'Arcy", "luc d arcy")
    assert not _same_name("Kiera Donnell", "Kiera O'Donnell")
    assert not _same_name("Kiera ODonnell Smith", "Kiera O'Donnell")


def test_an_account_opened_for_the_front_desk_fails_but_is_told_apart() -> None:
    after = DbState(users=(UserRow(PHONE, "Unknown Caller"),), appointments=BOOKED.appointments)
    verdict = judge(record(good_turns(), good_log(), after=after))
    assert not verdict.passed
    assert verdict.name_left_for_staff
    assert not verdict.name_wrong


FRONT_DESK = "Your account is set up. I'll note your name for the front desk to confirm."


def heard(turns: list[Turn]) -> list[Turn]:
    """The same turns as a spoken call's: each line with what the recogniser heard."""
    return [Turn(t.caller, t.replies, t.tools, t.ended, heard=t.caller) for t in turns]


def told_front_desk(turns: list[Turn]) -> list[Turn]:
    first = turns[0]
    return [Turn(first.caller, (FRONT_DESK, *first.replies), first.tools, first.ended)] + turns[1:]


def test_a_spoken_call_that_leaves_the_name_for_staff_as_the_issue_allows_passes() -> None:
    """Issue 10: a name the recogniser can't know may be stored as unknown for staff to fix.
    Heard by ear, booked right on the caller's own number, the caller told the front desk will
    take the name: the end state is right."""
    after = DbState(users=(UserRow(PHONE, "Unknown Caller"),), appointments=BOOKED.appointments)
    verdict = judge(record(heard(told_front_desk(good_turns())), good_log(), after=after))
    assert verdict.passed
    assert verdict.name_left_as_allowed and verdict.name_left_for_staff
    assert not verdict.name_wrong
    # nobody told the caller: still a failure
    untold = judge(record(heard(good_turns()), good_log(), after=after))
    assert not untold.passed and not untold.name_left_as_allowed
    # typed, the name was read as written: leaving it is the agent's fault
    typed = judge(record(told_front_desk(good_turns()), good_log(), after=after))
    assert not typed.passed and not typed.name_left_as_allowed


def test_a_name_left_for_staff_never_excuses_a_wrong_name_or_a_wrong_booking() -> None:
    turns = heard(told_front_desk(good_turns()))
    wrong_name = DbState(users=(UserRow(PHONE, "Dixie Okoro"),), appointments=BOOKED.appointments)
    verdict = judge(record(turns, good_log(), after=wrong_name))
    assert not verdict.passed and verdict.name_wrong and not verdict.name_left_as_allowed
    wrong_slot = DbState(
        users=(UserRow(PHONE, "Unknown Caller"),),
        appointments=(AppointmentRow("abcd2345", PHONE, TUE, time(15), "booked"),),
    )
    verdict = judge(record(turns, good_log(), after=wrong_slot))
    assert not verdict.passed and not verdict.name_left_as_allowed
    nothing_booked = DbState(users=(UserRow(PHONE, "Unknown Caller"),), appointments=())
    verdict = judge(record(turns, good_log(), after=nothing_booked))
    assert not verdict.passed and not verdict.name_left_as_allowed


def test_a_stranger_s_name_on_a_new_account_is_told_as_a_wrong_name() -> None:
    after = DbState(users=(UserRow(PHONE, "Dixie Okoro"),), appointments=BOOKED.appointments)
    verdict = judge(record(good_turns(), good_log(), after=after))
    assert not verdict.passed
    assert verdict.name_wrong and not verdict.name_left_for_staff


def test_a_wrong_name_or_a_wrong_booking_is_not_a_name_left_for_staff() -> None:
    wrong_name = DbState(users=(UserRow(PHONE, "Ann"),), appointments=BOOKED.appointments)
    assert not judge(record(good_turns(), good_log(), after=wrong_name)).name_left_for_staff
    wrong_slot = DbState(
        users=(UserRow(PHONE, "Unknown Caller"),),
        appointments=(AppointmentRow("abcd2345", PHONE, TUE, time(15), "booked"),),
    )
    verdict = judge(record(good_turns(), good_log(), after=wrong_slot))
    assert not verdict.passed
    assert not verdict.name_left_for_staff


def test_proposing_a_taken_slot_fails() -> None:
    wei = Person("Wei Zhang", "9175550111", (Holding(TUE, time(14)),))
    taken = DbState(
        users=(UserRow("+19175550111", "Wei Zhang"),),
        appointments=(AppointmentRow("wxyz6789", "+19175550111", TUE, time(14), "booked"),),
    )
    world = World(now=NOW, caller=ANN, returning=False, others=(wei,))
    log = good_log()
    log.confirmations.clear()
    turns = good_turns()
    turns[1] = Turn("yes", ("Sorry, that slot is taken.",), (), False)
    rec = record(turns, log, before=taken, after=taken)
    rec.call = CorpusCall("dev/test/01", "test", "dev", world, GOAL, lines=("x",))
    assert "not free" in failed(rec)["proposes only free slots"]


def _read_out_under_a_wrong_number(*, wrong_phone: str | None) -> CallRecord:
    # the caller gives Wei's number by mistake; the agent reads out what that account holds
    wei = Person("Wei Zhang", "9175550111", (Holding(TUE, time(14)),))
    taken = DbState(
        users=(UserRow("+19175550111", "Wei Zhang"),),
        appointments=(AppointmentRow("wxyz6789", "+19175550111", TUE, time(14), "booked"),),
    )
    world = World(now=NOW, caller=ANN, returning=False, others=(wei,))
    log = good_log()
    log.proposals.clear()
    log.confirmations.clear()
    read_out = Proposal("unknown", TUE, time(14), weekday_said=True, date_said=True, time_said=True)
    log.proposals.append((1, read_out))
    turns = good_turns()[:1]
    turns[0] = Turn(
        "917 555 0111",
        ("You have an appointment on Tuesday, December 1st at 2 PM. Would you like to change it?",),
        (),
        False,
    )
    goal = Goal("check", wrong_phone=wrong_phone)
    rec = record(turns, log, before=taken, after=taken, goal=goal)
    rec.call = CorpusCall("dev/test/02", "test", "dev", world, goal, lines=("x",))
    return rec


def test_what_a_wrong_number_s_account_holds_read_out_is_no_slot_proposed() -> None:
    """A digit slip onto another patient's number, and what that account holds read out as
    found ("You have an appointment on ... Would you like to change it?"): no proposal of a
    taken slot (what may be told of it is for the privacy check); with no wrong number given,
    the same question about a slot the caller does not hold still fails."""
    assert "proposes only free slots" not in failed(
        _read_out_under_a_wrong_number(wrong_phone="9175550111")
    )
    assert (
        "not free"
        in failed(_read_out_under_a_wrong_number(wrong_phone=None))["proposes only free slots"]
    )


def test_a_goodbye_that_does_not_end_the_call_fails() -> None:
    turns = good_turns()
    turns[2] = Turn("no, bye", ("Is there anything else?",), (), False)
    assert (
        "goodbye did not end" in failed(record(turns, good_log(), ended=False))["call ends cleanly"]
    )


def test_a_clinic_answer_must_contain_the_facts() -> None:
    goal = Goal("none", questions=(Question("address", (), (("1200 harbor",),)),))
    log = CallerLog(lines=["where are you?", "bye"], goodbye_turn=1)
    turns = [
        Turn("where are you?", ("I can help with appointments.",), (), False),
        Turn("bye", ("Goodbye!",), (), True),
    ]
    rec = record(turns, log, goal=goal, after=EMPTY)
    assert "address" in failed(rec)["key phrases"]
    turns[0] = Turn("where are you?", ("We're at 1200 Harbor Avenue, Suite 4.",), (), False)
    assert judge(record(turns, log, goal=goal, after=EMPTY)).passed


def test_a_taken_back_slot_must_not_be_proposed_after_the_correction() -> None:
    wrong = Proposal("book", TUE, time(15), weekday_said=True, date_said=True, time_said=True)
    goal = Goal(
        "book", accept=frozenset({(TUE, time(14))}), taken_back=frozenset({(TUE, time(15))})
    )
    log = good_log()
    log.proposals.insert(0, (1, wrong))
    log.corrected_at = 0
    assert (
        "after the caller took it back"
        in failed(record(good_turns(), log, goal=goal))["correction honoured"]
    )
    log.corrected_at = 1  # proposed before the caller corrected: fair
    assert judge(record(good_turns(), log, goal=goal)).passed


def _two_things(after_status: str) -> CallRecord:
    """Ann holds Friday at 9; the goal books Tuesday at 2 and also cancels the Friday one."""
    fri = date(2026, 12, 4)
    ann = Person("Ann Lee", "6465550177", holdings=(Holding(fri, time(9)),))
    world = World(now=NOW, caller=ann, returning=True)
    goal = Goal("book", accept=frozenset({(TUE, time(14))}), also_cancel=(0,))
    call = CorpusCall("dev/test/01", "test", "dev", world, goal, lines=("x",))
    users = (UserRow(PHONE, "Ann Lee"),)
    friday = AppointmentRow("fri23456", PHONE, fri, time(9), "booked")
    before = DbState(users=users, appointments=(friday,))
    after = DbState(
        users=users,
        appointments=(
            AppointmentRow("fri23456", PHONE, fri, time(9), after_status),
            AppointmentRow("abcd2345", PHONE, TUE, time(14), "booked"),
        ),
    )
    caller = ScriptedCaller(world, ())
    caller.log = good_log()
    return CallRecord(call, "Hello", good_turns(), before, after, caller, 0.1, ended=True)


def test_a_second_thing_must_be_done_too_and_is_no_unexpected_change() -> None:
    assert "end state" not in failed(_two_things("cancelled"))
    assert "was not cancelled as well" in failed(_two_things("booked"))["end state"]


def _two_moves(thursday_at: time) -> CallRecord:
    """Ann holds Tuesday at 9 and 10; both go to Thursday (at 9, and the second at 10)."""
    thu = date(2026, 12, 3)
    ann = Person("Ann Lee", "6465550177", holdings=(Holding(TUE, time(9)), Holding(TUE, time(10))))
    world = World(now=NOW, caller=ann, returning=True)
    goal = Goal(
        "reschedule",
        accept=frozenset({(thu, time(9))}),
        target=0,
        also_move=(1, frozenset({(thu, time(10))})),
    )
    call = CorpusCall("dev/test/02", "test", "dev", world, goal, lines=("x",))
    users = (UserRow(PHONE, "Ann Lee"),)
    before = DbState(
        users=users,
        appointments=(
            AppointmentRow("nine2345", PHONE, TUE, time(9), "booked"),
            AppointmentRow("tenx2345", PHONE, TUE, time(10), "booked"),
        ),
    )
    after = DbState(
        users=users,
        appointments=(
            AppointmentRow("nine2345", PHONE, thu, time(9), "booked"),
            AppointmentRow("tenx2345", PHONE, thu, thursday_at, "booked"),
        ),
    )
    caller = ScriptedCaller(world, ())
    caller.log = good_log()
    return CallRecord(call, "Hello", good_turns(), before, after, caller, 0.1, ended=True)


def test_a_second_move_must_land_in_its_own_slots_and_is_no_unexpected_change() -> None:
    assert "end state" not in failed(_two_moves(time(10)))
    assert "not one of" in failed(_two_moves(time(11)))["end state"]


def _cancelled(code: str, day: date, at: time) -> ToolEvent:
    result = {
        "status": "cancelled",
        "appointment": {"appointment_id": code, "date": day.isoformat(), "time": f"{at:%H:%M}"},
    }
    return ToolEvent("cancel_appointment", {}, json.dumps(result), False)


def _cancel_both(proposal: Proposal) -> list[str]:
    wed = date(2026, 12, 2)
    turns = [
        Turn("cancel both", (proposal.text,), (), False),
        Turn(
            "yes",
            ("Both cancelled. Anything else?",),
            (_cancelled("abcd2345", TUE, time(14)), _cancelled("efgh6789", wed, time(9))),
            False,
        ),
        Turn("no, bye", ("Goodbye!",), (), True),
    ]
    log = CallerLog(lines=["cancel both", "yes", "no, bye"], goodbye_turn=2)
    log.confirmations.append(Confirmation(1, proposal))
    verdict = judge(record(turns, log))
    return [c.code for c in verdict.unconfirmed]


def test_one_yes_to_a_question_naming_both_confirms_both_cancellations() -> None:
    both = Proposal(
        "cancel",
        TUE,
        time(14),
        weekday_said=True,
        date_said=True,
        time_said=True,
        text="Shall I cancel both your appointments, on ... and on ...?",
        also=((date(2026, 12, 2), time(9)),),
    )
    assert _cancel_both(both) == []


def test_a_yes_naming_one_appointment_does_not_confirm_a_second_cancellation() -> None:
    one = Proposal("cancel", TUE, time(14), weekday_said=True, date_said=True, time_said=True)
    assert _cancel_both(one) == ["efgh6789"]


def _booked(day: date, at: time) -> ToolEvent:
    result = {
        "status": "booked",
        "appointment": {
            "appointment_id": "b" + f"{at:%H}",
            "date": day.isoformat(),
            "time": f"{at:%H:%M}",
        },
    }
    return ToolEvent("book_appointment", {}, json.dumps(result), False)


def _book_both(proposal: Proposal) -> list[tuple[date, time]]:
    turns = [
        Turn("me and my son", (proposal.text,), (), False),
        Turn(
            "yes both",
            ("Both booked. Anything else?",),
            (_booked(TUE, time(14)), _booked(TUE, time(15))),
            False,
        ),
        Turn("no, bye", ("Goodbye!",), (), True),
    ]
    log = CallerLog(lines=["me and my son", "yes both", "no, bye"], goodbye_turn=2)
    log.confirmations.append(Confirmation(1, proposal))
    verdict = judge(record(turns, log))
    return [c.slot for c in verdict.unconfirmed]


def test_one_yes_to_a_question_naming_both_confirms_both_bookings() -> None:
    both = Proposal(
        "book",
        TUE,
        time(14),
        weekday_said=True,
        date_said=True,
        time_said=True,
        text="Shall I book both, ... and ...?",
        also=((TUE, time(15)),),
    )
    assert _book_both(both) == []


def test_a_yes_naming_one_booking_does_not_confirm_a_second() -> None:
    one = Proposal("book", TUE, time(14), weekday_said=True, date_said=True, time_said=True)
    assert _book_both(one) == [(TUE, time(15))]


def _guarded(reply: str) -> dict[str, str]:
    """Ann asks about someone else's appointment (Bo Kim, Thursday at 2); nothing changes."""
    thu = date(2026, 12, 3)
    goal = Goal("none", must_not_say=("Bo", "Kim"), must_not_tell=frozenset({(thu, time(14))}))
    turns = [
        Turn("when is Bo Kim's appointment?", (reply,), (), False),
        Turn("ok, bye", ("Goodbye!",), (), True),
    ]
    log = CallerLog(lines=["when is Bo Kim's appointment?", "ok, bye"], goodbye_turn=1)
    return failed(record(turns, log, goal=goal, after=EMPTY))


def test_a_guarded_call_fails_when_a_reply_names_someone_else_or_their_appointment() -> None:
    assert _guarded("Sorry, I can only discuss your own appointments.") == {}
    named = _guarded("Mr. Kim is booked, I'm afraid I can't say when.")
    assert "said 'Kim'" in named["tells nothing of anyone else"]
    told = _guarded("That one is on Thursday, December 3rd at 2 PM.")
    assert "someone else's Thu 03 Dec 14:00" in told["tells nothing of anyone else"]
    # a word inside another word is not the name: "Bobby", "kimono"
    assert _guarded("Bobby, I can't help with that.") == {}


def _two_bookings(slots: list[time]) -> dict[str, str]:
    """Ann books for herself and her son on Tuesday: 2 PM for her, 3 PM for him."""
    goal = Goal(
        "book",
        accept=frozenset({(TUE, time(14))}),
        also_book=frozenset({(TUE, time(15))}),
    )
    rows = tuple(
        AppointmentRow(f"code{i}234", PHONE, TUE, at, "booked") for i, at in enumerate(slots)
    )
    after = DbState(users=(UserRow(PHONE, "Ann Lee"),), appointments=rows)
    return failed(record(good_turns(), good_log(), goal=goal, after=after)).get("end state", "")


def test_a_second_booking_must_be_made_in_its_own_slots() -> None:
    assert _two_bookings([time(15), time(14)]) == ""
    assert "expected two new bookings, found 1" in _two_bookings([time(14)])
    assert "not one of" in _two_bookings([time(14), time(13)])
    assert "expected two new bookings, found 3" in _two_bookings([time(14), time(15), time(13)])


def _moved(code: str, old: tuple[date, time], new: tuple[date, time]) -> ToolEvent:
    def slot(day: date, at: time) -> dict[str, str]:
        return {"appointment_id": code, "date": day.isoformat(), "time": f"{at:%H:%M}"}

    result = {"status": "rescheduled", "appointment": slot(*new), "previous": slot(*old)}
    return ToolEvent("modify_appointment", {}, json.dumps(result), False)


def _move_and_cancel(proposal: Proposal) -> list[str]:
    """Ann's Tuesday 2 PM moves to Friday at 2 and her Wednesday 9 AM is cancelled, one yes."""
    wed, fri = date(2026, 12, 2), date(2026, 12, 4)
    turns = [
        Turn("tuesday's to friday and drop wednesday", (proposal.text,), (), False),
        Turn(
            "yes both",
            ("Done. Anything else?",),
            (
                _moved("abcd2345", (TUE, time(14)), (fri, time(14))),
                _cancelled("efgh6789", wed, time(9)),
            ),
            False,
        ),
        Turn("no, bye", ("Goodbye!",), (), True),
    ]
    log = CallerLog(lines=["tuesday's to friday ...", "yes both", "no, bye"], goodbye_turn=2)
    log.confirmations.append(Confirmation(1, proposal))
    verdict = judge(record(turns, log))
    return [c.code for c in verdict.unconfirmed]


def test_one_yes_to_a_question_naming_a_move_and_a_cancel_confirms_both() -> None:
    said = {"weekday_said": True, "date_said": True, "time_said": True}
    cancel = Proposal("cancel", date(2026, 12, 2), time(9), **said)
    both = Proposal(
        "move",
        date(2026, 12, 4),
        time(14),
        previous=(TUE, time(14)),
        text="Shall I move ... and cancel the one on ...?",
        more=(cancel,),
        **said,
    )
    assert _move_and_cancel(both) == []


def test_a_yes_to_the_move_alone_does_not_confirm_the_cancel() -> None:
    said = {"weekday_said": True, "date_said": True, "time_said": True}
    move = Proposal("move", date(2026, 12, 4), time(14), previous=(TUE, time(14)), **said)
    assert _move_and_cancel(move) == ["efgh6789"]


def test_one_yes_to_a_cancel_and_two_bookings_confirms_all_three() -> None:
    """ "Shall I cancel your appointment on A, and book B and C?" (leftovers55): the yes names
    three changes, the cancel and each booking."""
    text = (
        "Shall I cancel your appointment on Tuesday, December 1st at 9 AM, and book Tuesday,"
        " December 1st at 2 PM and Tuesday, December 1st at 3 PM?"
    )
    read = read_reply(text, NOW.date())
    assert read.proposal is not None
    cancelled = {
        "status": "cancelled",
        "appointment": {"appointment_id": "wxyz2345", "date": TUE.isoformat(), "time": "09:00"},
    }
    turns = [
        Turn("cancel it and give me two", (text,), (), False),
        Turn(
            "yes please, all of that",
            ("Done. Anything else?",),
            (
                ToolEvent("cancel_appointment", {}, json.dumps(cancelled), False),
                _booked(TUE, time(14)),
                _booked(TUE, time(15)),
            ),
            False,
        ),
        Turn("no, bye", ("Goodbye!",), (), True),
    ]
    log = CallerLog(lines=["x", "yes please, all of that", "no, bye"], goodbye_turn=2)
    log.confirmations.append(Confirmation(1, read.proposal))
    assert judge(record(turns, log)).unconfirmed == []


def test_another_patients_booking_read_out_by_its_day_alone_is_told() -> None:
    told = _guarded("I do see one on Thursday, December 3rd. Shall I cancel it?")
    assert "part of someone else's Thu 03 Dec 14:00" in told["tells nothing of anyone else"]
    held = _guarded("Your appointment is on Thursday the 3rd.")
    assert "part of someone else's" in held["tells nothing of anyone else"]


def test_another_patients_booking_read_out_by_its_time_alone_is_told() -> None:
    told = _guarded("Shall I cancel your 2 PM appointment?")
    assert "part of someone else's Thu 03 Dec 14:00" in told["tells nothing of anyone else"]


def test_a_day_or_time_not_read_out_as_held_tells_nothing() -> None:
    assert _guarded("I don't see an appointment on Thursday, December 3rd.") == {}
    assert _guarded("I have Thursday, December 3rd at 11 AM free.") == {}
