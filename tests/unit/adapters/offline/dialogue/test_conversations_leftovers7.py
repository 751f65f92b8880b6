"""Faults left from the last rounds, each as callers say it, through a real text-mode session,
the real tools and a real database: other times asked for in place of an appointment the
caller can no longer make, and a short list read in the order of the day, so "the first one"
is the first said. Today is Wednesday 25 November 2026, 10:00 in New York unless a test sets
its own clock."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY,
    FRIDAY_NEXT,
    JOHN,
    MONDAY_NEXT,
    THURSDAY,
    THURSDAY_NEXT,
    TUESDAY,
    TUESDAY_NEXT,
    add_caller,
    seat_others,
    talking,
)


# --- "my appointment is at nine and I can't do mornings, anything that afternoon?": a move --
@pytest.mark.parametrize(
    "line",
    [
        "Hi, 123 456 7890. My appointment on Friday is at nine, and I can't do mornings "
        "anymore. Do you have anything that afternoon?",
        "1234567890 - my appointment's friday at 9 but I cant do mornings now, what have you "
        "got in the afternoon?",
        "123 456 7890. I've an appointment Friday at nine, can't do the mornings anymore with "
        "work. Have you anything free that afternoon?",
    ],
)
async def test_other_times_asked_for_in_place_of_the_one_held_move_it(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(9)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "Shall I move your appointment" in t.reply, talk.transcript()
        await talk("Yes, that's fine.")
        booked = await talk.booked(JOHN)
        assert len(booked) == 1 and booked[0][0] == FRIDAY, talk.transcript()
        assert booked[0][1] >= time(12), talk.transcript()


# --- two times near the one asked for: read in the order of the day -------------------------
@pytest.mark.parametrize(
    ("pick", "picked"),
    [
        ("the first one", "10 AM"),
        ("the first one please", "10 AM"),
        ("um the earlier one", "10 AM"),
        ("the second one", "noon"),
        ("the later one i guess", "noon"),
    ],
)
async def test_the_times_offered_are_read_in_time_order_and_picked_as_said(
    container: Container, pick: str, picked: str
) -> None:
    taken = [9, 11, 13, 14, 15]
    await seat_others(container, *((THURSDAY, time(h)) for h in taken))
    async with talking(container) as talk:
        await talk("can i book thursday at 3pm")
        t = await talk("Peter Jones, 212 555 0199")
        if "Is that right" in t.reply or "set one up" in t.reply:
            t = await talk("yes")
        assert "10 AM or noon" in t.reply, talk.transcript()
        t = await talk(pick)
        assert f"November 26th at {picked}?" in t.reply, talk.transcript()


# --- "have you anything Thursday?": a question for Thursday's times, then one booked -------
@pytest.mark.parametrize(
    "line",
    [
        "Have you anything Thursday?",
        "hi, anything thursday?",
        "Morning. Have you anything on Thursday, love?",
        "have you something thursday",
        "um anything for thursday",
    ],
)
async def test_have_you_anything_on_a_day_reads_that_days_times_then_books_one(
    container: Container, line: str
) -> None:
    async with talking(container) as talk:
        t = await talk(line)
        assert "November 26th I have" in t.reply, talk.transcript()
        assert t.called("fetch_available_slots") == [{"date": "2026-11-26"}], talk.transcript()
        await talk("212 555 0199")
        t = await talk("Peter Jones")
        assert "Shall I book Thursday, November 26th at 9 AM?" in t.reply, talk.transcript()
        await talk("yeah, nine's grand")
        assert await talk.booked("2125550199") == [(THURSDAY, time(9))], talk.transcript()


# --- a yes with a condition, to a list: the first time that meets it, asked about ----------
@pytest.mark.parametrize(
    ("answer", "at"),
    [
        ("Yes, but only if it's after lunch.", "1 PM"),
        ("yeah as long as it's in the afternoon", "1 PM"),
        ("ok, if it's the morning one", "10 AM"),
        ("fine, provided it's before 11", "10 AM"),
    ],
)
async def test_a_yes_with_a_condition_to_a_list_asks_about_the_time_that_meets_it(
    container: Container, answer: str, at: str
) -> None:
    await seat_others(container, *((THURSDAY, time(h)) for h in (9, 11, 12, 14, 15)))
    async with talking(container) as talk:
        t = await talk("what have you got thursday")
        assert "10 AM" in t.reply and "1 PM" in t.reply, talk.transcript()
        t = await talk(answer)
        if "phone number" in t.reply:
            await talk("212 555 0199")
            t = await talk("Peter Jones")
        assert f"Thursday, November 26th at {at}?" in t.reply, talk.transcript()
        assert not await talk.booked("2125550199"), talk.transcript()
        await talk("yes")
        booked = await talk.booked("2125550199")
        assert [f"{d.day} {x.hour}" for d, x in booked] == [f"26 {10 if at == '10 AM' else 13}"], (
            talk.transcript()
        )


@pytest.mark.parametrize(
    "answer",
    ["yes but only if it's after four", "ok as long as it's before nine", "yes if it's Friday"],
)
async def test_a_yes_with_a_condition_no_time_offered_meets_books_nothing(
    container: Container, answer: str
) -> None:
    await seat_others(container, *((THURSDAY, time(h)) for h in (9, 11, 12, 14, 15)))
    async with talking(container) as talk:
        await talk("what have you got thursday")
        t = await talk(answer)
        assert "Shall I book Thursday" not in t.reply, talk.transcript()
        assert not await talk.booked("2125550199"), talk.transcript()


# --- a yes with a condition, to one time: checked before anything is booked ------------------
@pytest.mark.parametrize(
    ("ask", "answer", "checked"),
    [
        ("can i book thursday at 10", "ok if it's the morning one", "10 AM is in the morning"),
        ("can i book thursday at 10", "yes as long as it's before lunch", "10 AM is in the"),
        ("thursday at 2pm please", "yeah that's fine so long as it's the afternoon", "2 PM is"),
        ("can i book thursday at 10", "yeah as long as that's tomorrow not next week", "tomorrow"),
    ],
)
async def test_a_yes_whose_condition_the_time_meets_says_so_and_books(
    container: Container, ask: str, answer: str, checked: str
) -> None:
    async with talking(container) as talk:
        await talk(ask)
        await talk("212 555 0199")
        t = await talk("Peter Jones")
        assert "Shall I book Thursday, November 26th" in t.reply, talk.transcript()
        t = await talk(answer)
        assert checked in t.reply.split("You're booked")[0], talk.transcript()
        assert len(await talk.booked("2125550199")) == 1, talk.transcript()


@pytest.mark.parametrize(
    ("ask", "answer", "unmet"),
    [
        ("can i book thursday at 2pm", "ok if it's the morning one", "2 PM is in the afternoon"),
        ("thursday 2pm", "yes as long as it's before lunch", "2 PM is in the afternoon"),
        ("can i book thursday at 10", "yes but only if it's in the afternoon", "10 AM is in the"),
        (
            "can i book next thursday at 10",
            "yeah as long as that's tomorrow not next week",
            "that one is on Thursday, December 3rd",
        ),
        ("can i book thursday at 10", "ok provided it's a friday", "that one is on Thursday"),
    ],
)
async def test_a_yes_whose_condition_the_time_misses_says_so_and_books_nothing(
    container: Container, ask: str, answer: str, unmet: str
) -> None:
    async with talking(container) as talk:
        await talk(ask)
        await talk("212 555 0199")
        await talk("Peter Jones")
        t = await talk(answer)
        assert unmet in t.reply and "booked" not in t.reply, talk.transcript()
        assert not await talk.booked("2125550199"), talk.transcript()


@pytest.mark.parametrize(
    "answer",
    [
        "fine provided it's still with the same doctor",
        "yes as long as I see the same doctor as last time",
        "ok, if it's with Dr. Patel",
    ],
)
async def test_a_yes_on_a_condition_the_slot_cannot_promise_is_asked_again(
    container: Container, answer: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(9)))
    async with talking(container) as talk:
        await talk("123 456 7890, can I move my friday appointment to 10 the same day")
        t = await talk(answer)
        assert "doctor" in t.reply and "Shall I move" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(FRIDAY, time(9))], talk.transcript()
        await talk("ok yes go ahead")
        assert await talk.booked(JOHN) == [(FRIDAY, time(10))], talk.transcript()


# --- a time said, then "something earlier (later)" in its place: not that time ---------------
@pytest.mark.parametrize(
    ("line", "said", "fits"),
    [
        (
            "Hiya, can I book my son in for Friday at 3? ... What? ... Sorry, he's saying he's "
            "got football at 3. Something earlier on the Friday then.",
            "3 PM",
            ("9 AM", "10 AM", "11 AM", "noon", "1 PM", "2 PM"),
        ),
        (
            "friday at 2 please. oh hang on I've the dentist at 2, anything earlier?",
            "2 PM",
            ("9 AM", "10 AM", "11 AM", "noon", "1 PM"),
        ),
        (
            "can I have friday at ten, actually no, work, something later that day",
            "10 AM",
            ("11 AM", "noon", "1 PM", "2 PM", "3 PM"),
        ),
        (
            "Friday 11 would be... no, school run. Anything a bit later?",
            "11 AM",
            ("noon", "1 PM", "2 PM", "3 PM"),
        ),
    ],
)
async def test_a_time_taken_back_for_something_earlier_or_later_is_not_proposed(
    container: Container, line: str, said: str, fits: tuple[str, ...]
) -> None:
    async with talking(container) as talk:
        await talk(line)
        await talk("Peter Jones, 212 555 0199")
        t = await talk("yes")
        asked = t.reply.split("Shall I book Friday, November 27th at ")[-1].rstrip("?")
        assert asked != said and asked in fits, talk.transcript()


# --- "the Friday of the same week as my Tuesday one": that week's Friday ----------------------
@pytest.mark.parametrize(
    ("held", "line", "day", "said"),
    [
        (
            TUESDAY,
            "Hi, John Smith, 123 456 7890. I need a second appointment, on the Friday of the "
            "same week as my Tuesday one - and at the same time too, please.",
            FRIDAY_NEXT,
            "Friday, December 4th at 11 AM",
        ),
        (
            TUESDAY,
            "1234567890 - can I book another for the thursday of the same week as my "
            "appointment, same time",
            THURSDAY_NEXT,
            "Thursday, December 3rd at 11 AM",
        ),
        (
            TUESDAY_NEXT,
            "123 456 7890. could you put me in on the Monday in the same week as my existing "
            "appointment, same time as it",
            MONDAY_NEXT,
            "Monday, December 7th at 11 AM",
        ),
    ],
)
async def test_a_weekday_of_the_same_week_as_the_one_held_is_that_weeks(
    container: Container, held: date, line: str, day: date, said: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (held, time(11)))
    async with talking(container) as talk:
        t = await talk(line)
        assert f"Shall I book {said}?" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == sorted([(held, time(11)), (day, time(11))]), (
            talk.transcript()
        )
