"""What a seventy-fourth blind batch (a wet Tuesday morning at the front desk, by a fourth new
hand) taught the receptionist, in other words than the corpus lines. Today is Wednesday 25
November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Context, Understanding, understand
from voice_agent.bootstrap import Container

from .talk import FRIDAY, JOHN, add_caller, seat_others, talking

TODAY = date(2026, 11, 25)
DECEMBER_14 = date(2026, 12, 14)
JANUARY_12 = date(2027, 1, 12)


def _heard(line: str) -> Understanding:
    return understand(line, Context(today=TODAY))


# --- "cancel that one. Not the February one.": the month ruled out is the one kept -------------


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("please cancel the march appointment, not the april one", 4),
        ("i want to cancel my december one but not my january appointment", 1),
        ("Cancel the one on the 14th. Not the January one, that stays.", 1),
        ("the december one i shall keep, its the other one to cancel", 12),
    ],
)
def test_a_month_said_not_to_be_the_one_is_kept(line: str, kept: int) -> None:
    u = _heard(line)
    assert kept in u.kept_months and kept not in u.months, (line, u.months, u.kept_months)


def test_a_month_asked_about_is_not_kept() -> None:
    u = _heard("is it not the january one i have")
    assert not u.kept_months


async def test_cancel_with_another_month_ruled_out_reads_back_the_right_one(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (DECEMBER_14, time(10)), (JANUARY_12, time(15)))
    async with talking(container) as talk:
        t = await talk(
            "John Smith, 123 456 7890. I need to cancel my appointment. Not the January one."
        )
        assert "December 14th" in t.reply and "January" not in t.reply, talk.transcript()


# --- "I've got a letter - Tuesday the 26th": a notice read from, not a thing on that day --------


@pytest.mark.parametrize(
    "line",
    [
        "I have a text here - Monday the 30th at 2pm",
        "I've a message from you - Tuesday the 1st at 9",
    ],
)
def test_a_day_read_off_a_notice_is_not_ruled_out(line: str) -> None:
    day = _heard(line).when.day
    assert day is not None and not day.negated and day.exact is not None, line


def test_a_day_with_a_commitment_is_still_ruled_out() -> None:
    assert _heard("I've got a meeting Monday the 30th").when.rejected_days


# --- "yes, cancel it, I'll keep the February one": another's month kept is no keep of this -----


async def test_a_yes_then_another_month_kept_cancels_the_one_read_back(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (DECEMBER_14, time(10)), (JANUARY_12, time(15)))
    async with talking(container) as talk:
        await talk("John Smith, 123 456 7890. I need to cancel my December appointment please")
        await talk("yes go ahead and cancel it, i'm keeping my january appointment")
        assert await talk.booked(JOHN) == [(JANUARY_12, time(15))], talk.transcript()


async def test_a_yes_then_the_other_one_kept_cancels_the_one_read_back(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (DECEMBER_14, time(10)), (JANUARY_12, time(15)))
    async with talking(container) as talk:
        await talk("John Smith, 123 456 7890. I need to cancel my December appointment please")
        await talk("yes please cancel that, I'll keep the other one")
        assert await talk.booked(JOHN) == [(JANUARY_12, time(15))], talk.transcript()


# --- "I don't think I need Friday anymore": a weekday held, needed no more --------------------


@pytest.mark.parametrize(
    "line",
    [
        "the rash has gone so i dont need monday anymore",
        "we won't be needing Thursday now, thanks",
    ],
)
def test_a_weekday_needed_no_more_is_a_cancel(line: str) -> None:
    assert _heard(line).task == "cancel", line


def test_a_weekday_not_needed_beside_another_is_no_cancel() -> None:
    assert _heard("I don't need Friday, Monday's fine").task != "cancel"


# --- "there's no way I'm making it": an appointment held that cannot be made ------------------


@pytest.mark.parametrize(
    "line",
    [
        "there's no way I'm making it in for ten, the trains are off",
        "no chance we're getting there by nine",
        "no way I'll make it Friday",
    ],
)
def test_no_way_im_making_it_cant_make(line: str) -> None:
    assert _heard(line).cant_make, line


async def test_held_one_not_made_and_later_today_asked_is_a_move(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(9)))
    async with talking(container) as talk:
        await talk(
            "Hi, I'm booked in Friday at nine and there's no chance I'm getting there, the"
            " road's closed. Anything later that day? Two-ish?"
        )
        t = await talk("John Smith, 123 456 7890")
        assert "move" in t.reply and "2 PM" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(FRIDAY, time(14))], talk.transcript()


# --- "Friday instead? The same time.": the time of the one held, another day: a move ----------


@pytest.mark.parametrize(
    "line",
    [
        "my sons sports day is on tuesday now so could i do monday instead, same time",
        "any chance of the same time but on the wednesday instead",
    ],
)
def test_another_day_instead_at_the_same_time_is_a_move(line: str) -> None:
    assert _heard(line).task == "reschedule", line


# --- "push me to the next one you've got this morning": the next opening after the one held ---


def test_push_me_is_a_move() -> None:
    assert _heard("could you push me back a week").task == "reschedule"
    assert _heard("push us to thursday if you can").task == "reschedule"


async def test_the_next_one_you_have_that_day_follows_the_one_held(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(10)))
    await seat_others(container, (FRIDAY, time(11)))
    async with talking(container) as talk:
        await talk(
            "John Smith here, I'm in at ten on Friday but my lift's let me down. Can you push"
            " me to the next slot you have free that day?"
        )
        t = await talk("123 456 7890")
        assert "Friday, November 27th at noon" in t.reply, talk.transcript()
        assert "already booked" not in t.reply, talk.transcript()


# --- "gave me a reference number ... gone out with the recycling": the code asked for ---------


@pytest.mark.parametrize(
    "line",
    [
        "you gave me a reference when I booked and the dog ate the paper, so it's lost",
        "the lady sent me a confirmation number but I can't find the text now",
    ],
)
def test_a_code_given_and_lost_since_is_asked_for(line: str) -> None:
    assert _heard(line).task == "code", line


# --- "can you tell me when we're all in?": every appointment held --------------------------------


@pytest.mark.parametrize(
    "line", ["could you tell me when we're both in", "no idea when we are all in now"]
)
def test_when_we_are_in_is_a_check(line: str) -> None:
    assert _heard(line).task == "list", line


def test_when_im_in_town_is_no_check() -> None:
    assert _heard("I'll ring you when I'm in town").task != "list"
