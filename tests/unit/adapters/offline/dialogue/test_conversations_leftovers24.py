"""Faults left in the typed corpus (leftovers24), each as callers say it, through a real
text-mode session, the real tools and a real database: one held appointment moved to a place
said by another one held ("the same day as the Tuesday one, right after it", "the day after
the other one, same time"). Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from voice_agent.bootstrap import Container, bootstrap
from voice_agent.config import Settings
from voice_agent.domain.clock import FixedClock

from .talk import (
    JOHN,
    MONDAY,
    THURSDAY_NEXT,
    TUESDAY,
    WEDNESDAY_NEXT,
    add_caller,
    seat_others,
    talking,
)

TUESDAY_22ND = date(2026, 12, 22)
WEDNESDAY_23RD = date(2026, 12, 23)
TUESDAY_29TH = date(2026, 12, 29)
WEDNESDAY_30TH = date(2026, 12, 30)


# --- the one moved and the one it goes beside, each named by its weekday -----------------------
@pytest.mark.parametrize(
    "line",
    [
        "could my Thursday appointment go on the same day as my Tuesday one, just after it?",
        "can you put the thursday one on the same day as the tuesday one, straight after it please",
        "I'd like to move the Thursday one so it's the same day as the Tuesday one, right after",
    ],
)
async def test_a_move_to_the_same_day_as_another_held_right_after_it(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(10)), (THURSDAY_NEXT, time(14)))
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        t = await talk(line)
        assert "from Thursday, December 3rd at 2 PM to Tuesday, December 1st at 11 AM" in t.reply, (
            talk.transcript()
        )
        await talk("yes that's great")
        assert await talk.booked(JOHN) == [(TUESDAY, time(10)), (TUESDAY, time(11))], (
            talk.transcript()
        )


# --- the one moved named by its place, the other by its place too -------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "I need the later of my two appointments moved to the same day as the earlier one, right "
        "after it",
        "can the later one go on the same day as the first one, straight after it?",
        "move the second of the two onto the same day as the earlier one please, just after it",
    ],
)
async def test_the_later_one_to_the_day_of_the_earlier_one_not_the_other_way(
    container: Container, line: str
) -> None:
    # the hour right after the earlier one is taken: the first free one after it
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)), (WEDNESDAY_NEXT, time(9)))
    await seat_others(container, (MONDAY, time(11)))
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        t = await talk(line)
        assert "from Wednesday, December 2nd at 9 AM to Monday, November 30th at noon" in t.reply, (
            talk.transcript()
        )
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(10)), (MONDAY, time(12))], (
            talk.transcript()
        )


# --- "just before his": the hour before the other one ------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "can you move mine, the tuesday one, to the same day as my husband's, just before his",
        "my one on Tuesday, could it go the same day as his, the Thursday, just before it",
        "I want the tuesday one moved to just before my husband's one please",
    ],
)
async def test_a_move_to_just_before_the_other_one_on_the_number(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(10)), (THURSDAY_NEXT, time(14)))
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890, my husband's on this number too")
        t = await talk(line)
        assert "from Tuesday, December 1st at 10 AM to Thursday, December 3rd at 1 PM" in t.reply, (
            talk.transcript()
        )
        await talk("yes please")
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(13)), (THURSDAY_NEXT, time(14))], (
            talk.transcript()
        )


# --- "the day after the other one, at the same time" --------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "whichever's sooner, could you move it to the day after the other one, same time as now",
        "the earlier one please - the day after the other one, at the same time it's at now",
        "can the first one go the day after the other one? same time",
    ],
)
async def test_a_move_to_the_day_after_the_other_one_at_its_own_time(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)), (TUESDAY, time(15)))
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        t = await talk(line)
        assert (
            "from Monday, November 30th at 10 AM to Wednesday, December 2nd at 10 AM" in t.reply
        ), talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(TUESDAY, time(15)), (WEDNESDAY_NEXT, time(10))], (
            talk.transcript()
        )


# --- "straight after the other one", said with "move it to" --------------------------------------
@pytest.mark.parametrize(
    ("line", "answer"),
    [
        (
            "the earlier one on Thursday, I can't do it - can you move it to straight after the "
            "other one?",
            "yes, two o'clock, same day, great",
        ),
        (
            "the early one's no good for me, could you move it to right after the other one",
            "yep, 2pm the same day, lovely",
        ),
    ],
)
async def test_a_move_to_straight_after_the_other_one_and_a_yes_that_says_same_day(
    container: Container, line: str, answer: str
) -> None:
    await add_caller(
        container, JOHN, "John Smith", (THURSDAY_NEXT, time(9)), (THURSDAY_NEXT, time(13))
    )
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        t = await talk(line)
        assert "from Thursday, December 3rd at 9 AM to Thursday, December 3rd at 2 PM" in t.reply, (
            talk.transcript()
        )
        await talk(answer)
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(13)), (THURSDAY_NEXT, time(14))], (
            talk.transcript()
        )


# --- two moved together, with the clinic's answer about the holiday before the question --------
@pytest.mark.parametrize(
    "line",
    [
        "my two just before Christmas, can you shift both of them to the week after Christmas? "
        "same days and times",
        "Could both my appointments go to the week after Christmas instead? Same days, same times",
        "the two I've got before christmas, could you push both to the week after christmas, "
        "same days and same times?",
    ],
)
async def test_two_moves_said_together_are_asked_together_after_a_holiday_answer(
    settings: Settings, clock: FixedClock, tmp_path: Path, line: str
) -> None:
    # "christmas" asks the clinic's holiday answer ("We are closed on Christmas Day."), said
    # first: its "closed" is not about the second move, so the question still names both
    profile = tmp_path / "clinic.toml"
    profile.write_text(
        '[[faq]]\nquestion = "Are you closed on holidays?"\n'
        'answer = "We are closed on Christmas Day."\nkeywords = ["holiday", "christmas"]\n'
    )
    container = await bootstrap(
        settings.model_copy(update={"clinic_profile": profile}), clock=clock
    )
    try:
        await add_caller(
            container, JOHN, "John Smith", (TUESDAY_22ND, time(9)), (WEDNESDAY_23RD, time(14))
        )
        async with talking(container) as talk:
            t = await talk(f"Hello, John Smith, 123 456 7890. {line}")
            assert "closed on Christmas Day" in t.reply, talk.transcript()
            assert "Shall I move both your appointments" in t.reply, talk.transcript()
            await talk("yes, both of those please")
            assert await talk.booked(JOHN) == [
                (TUESDAY_29TH, time(9)),
                (WEDNESDAY_30TH, time(14)),
            ], talk.transcript()
    finally:
        await container.aclose()


# --- "could it go to <a day>?" said of the appointment held, with no word of moving ------------
@pytest.mark.parametrize(
    "line",
    [
        "My brother's wedding is on the same day as my appointment now. Could it go to the "
        "Thursday after? The 3rd. Afternoon if you can.",
        "I've just realised my appointment clashes with a hospital scan, could it go on the "
        "Thursday after instead, the 3rd, sometime in the afternoon",
        "The trouble is I've got my appointment on Tuesday and I'm away then. Would it go to "
        "Thursday the 3rd? An afternoon.",
    ],
)
async def test_could_it_go_to_another_day_is_a_move_of_the_one_held(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(10)))
    async with talking(container) as talk:
        t = await talk(f"Hi, John Smith, 123 456 7890. {line}")
        assert (
            "Shall I move your appointment from Tuesday, December 1st at 10 AM to Thursday, "
            in (t.reply)
        ), talk.transcript()
        assert "December 3rd at noon" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(12))], talk.transcript()


# --- due somewhere at a time of the caller's own: an upper bound, not the hour wanted -----------
@pytest.mark.parametrize(
    "line",
    [
        "I need one next Thursday, not before ten because of the school run, and I've got to be "
        "at the school gates again for three",
        "next thursday please, after ten, I have to be back at the nursery by three",
        "Something next Thursday from ten on, and I need to be at the bus stop again for 3.",
    ],
)
async def test_due_at_a_place_for_three_bounds_the_day_it_does_not_ask_for_three(
    container: Container, line: str
) -> None:
    # ten and eleven are taken: the first free one from ten that is over before three
    await add_caller(container, JOHN, "John Smith")
    await seat_others(container, (THURSDAY_NEXT, time(10)), (THURSDAY_NEXT, time(11)))
    async with talking(container) as talk:
        t = await talk(f"Hello, John Smith, 123 456 7890. {line}")
        assert "Shall I book Thursday, December 3rd at noon?" in t.reply, talk.transcript()


# --- "in the first place" is no day of the month ---------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Yes, Thursday the 3rd at nine. Move it. That's what I asked for in the first place.",
        "yes - thursday the 3rd, nine o'clock, like I wanted in the first place",
        "Yes. Thursday the 3rd at 9, which is what I booked in the first place, honestly.",
    ],
)
async def test_in_the_first_place_names_no_day(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(9)))
    async with talking(container) as talk:
        t = await talk(
            "I rang last week and booked for Thursday, now I've got a text saying Tuesday. "
            "John Smith, 123 456 7890."
        )
        assert "Would you like to change it?" in t.reply, talk.transcript()
        t = await talk(line)
        assert (
            "Shall I move your appointment from Tuesday, December 1st at 9 AM to Thursday, "
            "December 3rd at 9 AM?" in t.reply
        ), talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(9))], talk.transcript()
