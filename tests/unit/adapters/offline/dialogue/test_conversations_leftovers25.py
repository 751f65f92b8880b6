"""Faults left in the typed corpus (leftovers25), each as callers say it, through a real
text-mode session, the real tools and a real database: two bookings asked for together on the
caller's number - for two children, for someone and the caller, each with an hour of its own
or one straight after the other - and one put beside the appointment the caller holds. Today is
Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY_NEXT,
    JOHN,
    MONDAY,
    THURSDAY,
    THURSDAY_NEXT,
    TUESDAY,
    add_caller,
    seat_others,
    talking,
)

ANNA = "6175550148"


# --- two children named together: two bookings, the second straight after ----------------------
@pytest.mark.parametrize(
    "opening",
    [
        "hi there, I need to bring my two boys in for their check-ups",
        "hello, can I book both my kids in please",
        "Morning! I'm hoping to book in both of my daughters",
    ],
)
async def test_two_children_named_together_are_two_bookings(
    container: Container, opening: str
) -> None:
    async with talking(container) as talk:
        await talk(opening)
        await talk.introduce("Anna Kowalski, 617 555 0148")
        t = await talk("Monday at nine, one after the other")
        assert "Monday, November 30th at 9 AM and Monday, November 30th at 10 AM" in t.reply, (
            talk.transcript()
        )
        await talk("yes, book both")
        assert await talk.booked(ANNA) == [(MONDAY, time(9)), (MONDAY, time(10))], talk.transcript()


# --- someone else and the caller, each with an hour of their own -------------------------------
@pytest.mark.parametrize(
    "opening",
    [
        "Hi, I want to book my son in, and myself too. Tuesday, him at three after school and me "
        "at two",
        "two appointments on Tuesday please, one for me and one for my husband - his at three, "
        "mine at two",
        "could I book my daughter in and me as well? Tuesday - she can do 3 o'clock, and 2 "
        "o'clock for me",
    ],
)
async def test_two_bookings_on_one_day_each_at_its_own_hour(
    container: Container, opening: str
) -> None:
    async with talking(container) as talk:
        await talk(opening)
        t = await talk.introduce("it's Anna Kowalski, 617 555 0148")
        assert "Shall I book both" in t.reply, talk.transcript()
        assert "2 PM" in t.reply and "3 PM" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(ANNA) == [(TUESDAY, time(14)), (TUESDAY, time(15))], (
            talk.transcript()
        )


# --- the second one asked for while the account is opened ---------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "yes - oh, and while you're at it, can you book my husband straight after me?",
        "that's right. And could you fit my son in straight after me?",
        "Yes. And my daughter right after me, please",
    ],
)
async def test_someone_straight_after_the_caller_asked_at_the_account_question(
    container: Container, line: str
) -> None:
    async with talking(container) as talk:
        await talk("Hello, I'd like to book Monday the 30th at ten, please")
        t = await talk("Anna Kowalski, 617 555 0148")
        assert "Shall I set one up" in t.reply, talk.transcript()
        t = await talk(line)
        assert "Monday, November 30th at 10 AM and Monday, November 30th at 11 AM" in t.reply, (
            talk.transcript()
        )
        await talk("yes")
        assert await talk.booked(ANNA) == [(MONDAY, time(10)), (MONDAY, time(11))], (
            talk.transcript()
        )


# --- "her first and then me straight after" -------------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Monday morning, at ten if you can - mum first and then me straight after",
        "monday at 10 for my dad and me right after please",
        "Monday, ten o'clock. Him first, then me straight after",
    ],
)
async def test_the_caller_straight_after_the_other_one(container: Container, line: str) -> None:
    async with talking(container) as talk:
        await talk("Hi, I need two appointments, one for a family member and one for me")
        await talk.introduce("Anna Kowalski, 617 555 0148")
        t = await talk(line)
        assert "Monday, November 30th at 10 AM and Monday, November 30th at 11 AM" in t.reply, (
            talk.transcript()
        )
        await talk("yes, that's fine for both of us")
        assert await talk.booked(ANNA) == [(MONDAY, time(10)), (MONDAY, time(11))], (
            talk.transcript()
        )


# --- someone put in beside the appointment the caller holds -------------------------------------
@pytest.mark.parametrize(
    ("line", "hour"),
    [
        ("Could you put my daughter in the same day, just before mine?", 10),
        ("can you fit my son in on the same day, right after mine", 12),
        ("would you squeeze my husband in that day? Straight after mine would be ideal", 12),
    ],
)
async def test_someone_booked_beside_the_one_the_caller_holds(
    container: Container, line: str, hour: int
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(11)))
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890. I've got something next week, haven't I?")
        t = await talk(line)
        assert f"Friday, December 4th at {hour} " in t.reply.replace("noon", "12 "), (
            talk.transcript()
        )
        await talk("yes please")
        assert await talk.booked(JOHN) == sorted(
            [(FRIDAY_NEXT, time(11)), (FRIDAY_NEXT, time(hour))]
        ), talk.transcript()


# --- "right after the one you've just booked for me" ---------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Oh, and my son Alfie needs one too - could he have the one right after the one you've "
        "just booked for me?",
        "my daughter needs one as well, straight after the one you just made for me if you can",
        "and my husband wants one too, just after the appointment you've just booked",
    ],
)
async def test_someone_right_after_the_booking_just_made(container: Container, line: str) -> None:
    async with talking(container) as talk:
        await talk("Hello, I'd like an appointment on Monday at 10 please")
        await talk.introduce("Anna Kowalski, 617 555 0148")
        await talk("yes please")
        assert await talk.booked(ANNA) == [(MONDAY, time(10))], talk.transcript()
        t = await talk(line)
        assert "Monday, November 30th at 11 AM" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(ANNA) == [(MONDAY, time(10)), (MONDAY, time(11))], (
            talk.transcript()
        )


# --- the hour beside someone else's, said by the caller -------------------------------------------
@pytest.mark.parametrize(
    ("line", "hour"),
    [
        (
            "hiya, I want to book in for the same day as my wife - she's got one on Monday at "
            "eleven so the one right after hers if I can",
            12,
        ),
        (
            "I'd like to book in. My husband's got one on Monday at two, so could I have the one "
            "just before his?",
            13,
        ),
        ("can I book the slot straight after my son's? He has one Monday at 10", 11),
    ],
)
async def test_the_hour_beside_someone_elses_appointment(
    container: Container, line: str, hour: int
) -> None:
    async with talking(container) as talk:
        await talk(line)
        t = await talk.introduce("Anna Kowalski, 617 555 0148")
        said = {11: "11 AM", 12: "noon", 13: "1 PM"}[hour]
        assert f"Monday, November 30th at {said}" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(ANNA) == [(MONDAY, time(hour))], talk.transcript()


# --- two days at one hour, then one of the days kept: the hour stays ----------------------------
@pytest.mark.parametrize(
    "line",
    [
        "I'd like to book Monday and Tuesday at eleven - no, sorry, just Tuesday",
        "can I get Monday and Tuesday at 11am, no, only the Tuesday",
        "book me in Monday and Tuesday at eleven o'clock - no sorry, just the Tuesday",
    ],
)
async def test_the_hour_stays_when_one_of_two_days_is_kept(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        t = await talk(line)
        assert "Tuesday, December 1st at 11 AM" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(TUESDAY, time(11))], talk.transcript()


# --- "... for me and ... for my wife too": two, one slot each ------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "I'd like Monday at 9 for me and Monday at 9 for my wife too, both on my number",
        "could I have Monday at nine for myself, and for my son as well",
        "Monday 9am for me please, and 9am for my husband also",
    ],
)
async def test_one_for_me_and_one_for_them_too_are_both_proposed(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        t = await talk(line)
        assert "Monday, November 30th at 9 AM and Monday, November 30th at 10 AM" in t.reply, (
            talk.transcript()
        )
        await talk("yes, both")
        assert await talk.booked(JOHN) == [(MONDAY, time(9)), (MONDAY, time(10))], talk.transcript()


# --- the shift the proposal already counted, said again with its date ----------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Good. Yes, the week after then, same time, the 10th.",
        "lovely - so the week after, the 10th, yes",
        "yes please, a week later, the 10th",
    ],
)
async def test_a_yes_saying_the_shift_again_with_the_date_proposed(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(11)))
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        t = await talk("I want another one the week after my Thursday one, same time")
        assert "Shall I book Thursday, December 10th at 11 AM?" in t.reply, talk.transcript()
        await talk(line)
        assert await talk.booked(JOHN) == [
            (THURSDAY_NEXT, time(11)),
            (date(2026, 12, 10), time(11)),
        ], talk.transcript()


# --- a weekday picked from the week asked about -------------------------------------------------
@pytest.mark.parametrize(
    "pick",
    [
        "Thursday at 9 then, lovely. It's John Smith, 123 456 7890",
        "go on then, Thursday, 9 o'clock - John Smith, 123 456 7890",
        "I'll take the Thursday at nine. John Smith, 123 456 7890.",
    ],
)
async def test_a_weekday_picked_is_in_the_week_asked_about(container: Container, pick: str) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk(
            "Hi, I'm after an appointment next week, first thing ideally. Which is better for "
            "that, Tuesday or Thursday?"
        )
        t = await talk(pick)
        assert "Thursday, December 3rd at 9 AM" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(9))], talk.transcript()


# --- "whatever's next after that": the next opening after the one held --------------------------
@pytest.mark.parametrize(
    "line",
    [
        "I'm booked in tomorrow at 9 and I'm not going to make 9 o'clock - just put me in "
        "whatever's next after that",
        "I can't make my 9 tomorrow, whatever is next after it is fine by me",
        "no way I can make tomorrow at nine. Stick me in whatever's next after that one",
    ],
)
async def test_whatever_is_next_after_the_one_held(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY, time(9)))
    await seat_others(container, (THURSDAY, time(10)), (THURSDAY, time(11)))
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890")
        t = await talk(line)
        assert "to Thursday, November 26th at noon" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(THURSDAY, time(12))], talk.transcript()


# --- "till half ten, so after that": the first hour after the half hour said --------------------
@pytest.mark.parametrize(
    ("line", "said"),
    [
        (
            "Monday please - she has her carer in every morning till half ten, so it needs to be "
            "after that",
            "11 AM",
        ),
        ("I've got a class till half one on Monday, so any time after that", "2 PM"),
        ("I'm in the gym until half eleven on Monday, so after that please", "noon"),
    ],
)
async def test_after_a_half_hour_of_the_callers_day(
    container: Container, line: str, said: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890, I'd like to book")
        t = await talk(line)
        assert f"Shall I book Monday, November 30th at {said}?" in t.reply, talk.transcript()


async def test_a_week_later_with_the_day_proposed_as_the_reason(container: Container) -> None:
    # (guards the rule above: "tomorrow" said as the reason is no date said again)
    async with talking(container) as talk:
        await talk("Hi, could I book tomorrow at 3?")
        t = await talk.introduce("Anna Kowalski, 617 555 0148")
        assert "Thursday, November 26th at 3 PM" in t.reply, talk.transcript()
        t = await talk("Actually, hang on - same thing but a week later? Tomorrow's getting busy.")
        assert "Thursday, December 3rd at 3 PM" in t.reply, talk.transcript()
