"""What a forty-first blind batch (whole calls in the world's Englishes: Scottish, Irish and
Northern English, South Asian, Australian and New Zealand, US regional, African and Caribbean,
and learners' English) taught the reading of one line, in other words than the corpus lines.
Today is Wednesday 25 November 2026 unless a test says otherwise."""

from __future__ import annotations

from datetime import date, time

import pytest

from .reading import FRIDAY, MONDAY, TUESDAY, WEDNESDAY_NEXT, read, tasks_spelled


@pytest.mark.parametrize(
    "line",
    [
        "cheers, see ya",
        "thanks pal, see yas later",
        "ta very much love, ta-ra",
        "thanks, ta ra now",
        "no worries, hooroo",
        "sweet, ka kite",
        "nah that's me, laters",
    ],
)
def test_the_worlds_goodbyes_end_the_call_and_are_no_yes(line: str) -> None:
    u = read(line, asked="anything_else")
    assert u.end and not u.yes, line


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("I'm called Abena Owusu and my number is 617 555 0142", "Abena Owusu"),
        ("i am called peter mwangi", "Peter Mwangi"),
        ("Good morning, I'm called Grace Achieng", "Grace Achieng"),
    ],
)
def test_a_name_said_with_im_called_leaves_called_out(line: str, name: str) -> None:
    asked = "phone" if any(c.isdigit() for c in line) else "name"
    assert read(line, asked=asked).name == name, line


@pytest.mark.parametrize(
    "line",
    [
        "That'll work just fine, go on and put me down.",
        "yeah go ahead and book me in",
        "that'll work for me",
        "ok, put me down then",
    ],
)
def test_everyday_yeses_to_a_proposed_slot(line: str) -> None:
    u = read(line, asked="confirm")
    assert u.yes and not u.no, line


@pytest.mark.parametrize(
    "line", ["Yes, it is fine, confirm it.", "ok please confirm", "yes, kindly confirm that"]
)
def test_confirm_said_to_a_proposal_is_the_yes_not_a_check(line: str) -> None:
    u = read(line, asked="confirm")
    assert u.yes and u.task is None, line


def test_confirm_asked_unprompted_is_still_a_check() -> None:
    assert read("can you confirm it is still on for Friday").task == "list"


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("might could y'all fit me in Monday morning", MONDAY),
        ("could youse fit me in on Friday", FRIDAY),
        ("I'll be there the morrow if yous have anything", date(2026, 11, 26)),
        ("Wednesday'd be best for me", WEDNESDAY_NEXT),
    ],
)
def test_regional_words_for_you_and_tomorrow_and_would(line: str, day: date) -> None:
    u = read(line)
    assert u.when.day is not None and u.when.day.dates == (day,), line


@pytest.mark.parametrize(
    "line", ["what time do youse close?", "what time do you shut", "when do yous close"]
)
def test_the_hours_asked_with_a_plural_you_or_shut(line: str) -> None:
    assert "hours" in read(line).questions, line


@pytest.mark.parametrize(
    "line",
    [
        "Thursday you have time or not? Three o'clock can?",
        "thursday is possible or not, three o'clock ok?",
    ],
)
def test_or_not_is_a_questions_tag_not_a_refusal_of_the_hour_after(line: str) -> None:
    u = read(line)
    assert u.when.time is not None and u.when.time.at == time(15), line


@pytest.mark.parametrize(
    ("line", "days"),
    [
        ("could we push my Tuesday appointment out a week?", 7),
        ("push it out by two weeks please", 14),
        ("can you push that out a day", 1),
    ],
)
def test_pushed_out_is_later(line: str, days: int) -> None:
    assert read(line).day_shift == days, line


@pytest.mark.parametrize(
    "line",
    [
        "I'm away next week, so shift it by one week, same time",
        "I am out of station next week, kindly shift it by one week",
        "I've got heaps on next week, so could we push it out a week?",
    ],
)
def test_a_week_the_caller_is_busy_is_not_where_the_move_goes(line: str) -> None:
    u = read(line)
    assert u.day_shift == 7, line
    assert u.when.day is None or TUESDAY not in u.when.day.dates, line
    assert TUESDAY in u.when.rejected_days, line


@pytest.mark.parametrize(
    "line",
    [
        "nah ten is no good, I start work at half ten, what about friday first thing",
        "can't do ten, I work at ten, how about friday first thing",
    ],
)
def test_a_new_ask_after_the_reason_is_not_part_of_the_reason(line: str) -> None:
    u = read(line, asked="confirm")
    assert u.when.day is not None and u.when.day.dates == (FRIDAY,), line


def test_a_day_asked_after_because_i_have_work_is_wanted() -> None:
    u = read(
        "i need to move my appointment on thursday cause i got work can i come friday instead",
        today=date(2026, 11, 30),
    )
    assert u.when.day is not None and u.when.day.dates == (date(2026, 12, 4),)


def test_work_at_an_hour_is_when_the_caller_cannot() -> None:
    u = read("Wednesday, first thing, I work at ten")
    assert u.when.time is None or u.when.time.at != time(10)


@pytest.mark.parametrize(
    "line",
    [
        "cancel the thursday one, no worries about the tuesday, keep that",
        "the thursday one has to go, the tuesday leave it",
    ],
)
def test_a_day_said_to_be_kept_is_not_the_one_meant(line: str) -> None:
    u = read(line, today=date(2026, 11, 27))
    assert u.when.day is not None and u.when.day.dates == (date(2026, 12, 3),), line


@pytest.mark.parametrize(
    "line",
    [
        "Wednesday, latish in the day",
        "wednesday late in the day if you can",
        "wednesday, late on in the day",
    ],
)
def test_latish_and_late_in_the_day_are_the_late_afternoon(line: str) -> None:
    u = read(line)
    assert u.when.time is not None and u.when.time.window is not None, line
    assert u.when.time.window[0] >= time(14), line


def test_as_late_in_the_day_as_possible_is_still_the_last_slot() -> None:
    u = read("friday as late in the day as possible")
    assert u.when.time is not None and u.when.time.latest


@pytest.mark.parametrize(
    "line", ["tuesday in the afternoon, after of the lunch", "tuesday after of lunch"]
)
def test_after_of_the_lunch_is_after_lunch(line: str) -> None:
    u = read(line)
    assert u.when.time is not None and u.when.time.window == (time(13), time(16)), line


@pytest.mark.parametrize(
    "line",
    [
        "I want to change him to Wednesday, the same hour",
        "please move her to friday",
        "any chance of shifting it to the Thursday that week, same time?",
    ],
)
def test_a_move_said_with_a_learners_pronoun_or_shifting(line: str) -> None:
    assert read(line).task == "reschedule", line


@pytest.mark.parametrize(
    "line", ["I want it same timing only", "what is the timing of my appointment"]
)
def test_timing_is_the_time(line: str) -> None:
    u = read(line)
    assert u.when.time is not None or u.task == "list", line


@pytest.mark.parametrize(
    "line",
    [
        "just fixing to see what y'all got open on Friday, I ain't ready to book yet",
        "what do you have Friday? I'm not quite ready to book just yet",
    ],
)
def test_not_ready_to_book_asks_only_what_is_free(line: str) -> None:
    assert read(line).task == "availability", line


@pytest.mark.parametrize(
    "line",
    [
        "i got a text with a wee code but i deleted it, could you give us it again",
        "the code you sent me, I lost it",
    ],
)
def test_a_code_lost_or_deleted_is_asked_for(line: str) -> None:
    assert tasks_spelled(line)[:1] == ["code"], line


@pytest.mark.parametrize(
    "line",
    [
        "I want to book appointment for me and for my wife also, Friday morning",
        "please book for myself and my small boy on Friday",
        "for me and my little girl, Monday if you can",
    ],
)
def test_the_caller_and_someone_of_theirs_are_two_bookings(line: str) -> None:
    u = read(line)
    assert u.task == "book" and u.another, line


@pytest.mark.parametrize(
    "line",
    ["I'd like to cancel the two o'clock one, please", "cancel the two oclock", "yes the two pm"],
)
def test_the_two_oclock_stays_an_hour(line: str) -> None:
    u = read(line)
    assert u.when.time is not None and u.when.time.at == time(14), line


def test_keep_this_weeks_after_a_day_keeps_another() -> None:
    u = read("no, not this Friday's. The 18th. Keep this week's.", today=date(2026, 12, 7))
    assert u.when.day is not None and u.when.day.dates == (date(2026, 12, 18),)
