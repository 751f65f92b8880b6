"""Ways of saying things that a tenth batch of blind calls (texted requests, requests buried in
a story, moves said by how far, browsing across days, callers wrong about their bookings, very
polite or clipped callers) showed the reader missed, each said here in other words than the
corpus lines. Today is Wednesday 25 November 2026; the clinic opens 9-16."""

from __future__ import annotations

from datetime import date

import pytest

from voice_agent.adapters.offline.dialogue.understanding.spelling import expand

from .reading import read_with_faq as read


# --- a move said by how far, of the appointment the caller has ----------------------------------
@pytest.mark.parametrize(
    ("text", "minutes", "days"),
    [
        ("could you make my Friday one two hours later", 120, None),
        ("is it possible to have my appointment a couple of hours earlier", -120, None),
        ("we need to do it the day after, if that's ok", None, 1),
    ],
)
def test_a_move_said_by_how_far_is_a_move(text: str, minutes: int | None, days: int | None) -> None:
    u = read(text)
    assert u.task == "reschedule"
    assert (u.when.time.shift_minutes if u.when.time else None) == minutes
    assert u.day_shift == days


@pytest.mark.parametrize(
    "text",
    [
        "can I get the next available slot after my current one",
        "my appointment's on friday at ten, could I have the next one after that instead",
    ],
)
def test_the_next_one_after_mine_is_a_move_to_the_first_opening_after_it(text: str) -> None:
    u = read(text)
    assert u.task == "reschedule" and u.after_held


@pytest.mark.parametrize(
    "text",
    [
        "any way you could bump my appointment up?",
        "I don't suppose you have something sooner than the one I've got",
    ],
)
def test_moving_it_up_asks_for_the_soonest(text: str) -> None:
    u = read(text)
    assert u.task == "reschedule"
    assert u.when.day is not None and u.when.day.earliest


# --- requests said indirectly --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("Is there any chance of something on Monday, no rush", "book"),
        ("honestly I can't remember whether I booked it for Tuesday or Thursday", "list"),
        ("my mum said to ring and see what you have on thursday", "availability"),
        ("can we keep the same day but make it a bit earlier", "reschedule"),
    ],
)
def test_indirect_requests_are_read(text: str, task: str) -> None:
    assert read(text).task == task


def test_calling_back_another_time_asks_for_no_other_time() -> None:
    u = read("ok none of them suit, I'll call back another time", asked="choose_time")
    assert u.task is None and u.end


@pytest.mark.parametrize("text", ["That would be wonderful, thanks", "oh it'd be ideal"])
def test_a_warm_yes(text: str) -> None:
    assert read(text, asked="confirm").yes


def test_a_texted_thank_you() -> None:
    assert read("ok tysm", asked="anything_else").thanks


def test_running_low_is_no_name() -> None:
    u = read("I need a refill too, I'm nearly out, and a checkup next week")
    assert u.name is None


def test_a_clinic_keyword_inside_a_long_spoken_story_asks_nothing() -> None:
    story = (
        "so my husband dropped me off in the car this morning and i slipped on the step and "
        "hurt my ankle and i was wondering what you have tomorrow"
    )
    assert not any(q.startswith("faq") for q in read(story).questions)
    assert "faq:1" in read("is there somewhere to park the car").questions


def test_a_texted_two_for_to() -> None:
    assert "to something later" in expand("can i push my 10am 2 something later")
    assert "2" in expand("can i come at 2 tmrw")


def test_later_in_the_week_is_a_move_to_the_days_after_it() -> None:
    u = read("the main thing is I need my appointment on the 2nd moved to later in the week")
    assert u.task == "reschedule" and u.later_that_week


def test_the_one_kept_is_not_the_one_cancelled() -> None:
    u = read("I only want to keep the one on Monday, the other one can go")
    assert u.task == "cancel"
    assert u.when.rejected_days == (date(2026, 11, 30),)


def test_calling_earlier_is_no_sooner_slot() -> None:
    u = read("I rang earlier about moving my appointment")
    assert u.task == "reschedule" and u.when.day is None
