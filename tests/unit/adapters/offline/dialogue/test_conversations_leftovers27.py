"""Faults left in the typed corpus (leftovers27), each as callers say it, through a real
text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY, MONDAY, TUESDAY, add_caller, seat_others, talking

ANNA = "6175550148"


# --- an hour corrected by "make that one": one o'clock, not "that one" -------------------------
@pytest.mark.parametrize(
    "opening",
    [
        "Hello, could I book Friday at 3 - oh no, sorry, make that 1, I've got a meeting at 3",
        "hi can i get friday at 11, actually no make that 1",
        "I'd like an appointment on Friday at two. No, wait, make it one, I forgot the kids.",
        "Friday at 10 please - no, sorry, make that one.",
    ],
)
async def test_an_hour_corrected_to_one_is_one_oclock(container: Container, opening: str) -> None:
    async with talking(container) as talk:
        await talk(opening)
        t = await talk.introduce("Anna Kowalski, 617 555 0148")
        assert "Friday, November 27th at 1 PM" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(ANNA) == [(FRIDAY, time(13))], talk.transcript()


async def test_make_that_one_instead_still_picks_the_time_offered(container: Container) -> None:
    """ "that one" after a verb, with more said of it, stays the one offered."""
    async with talking(container) as talk:
        await talk("Can I book Friday at 10?")
        t = await talk.introduce("Anna Kowalski, 617 555 0148")
        assert "Friday, November 27th at 10 AM" in t.reply, talk.transcript()
        await talk("yes, book that one please")
        assert await talk.booked(ANNA) == [(FRIDAY, time(10))], talk.transcript()


# --- the hour the caller's work ends, said as "half one": a reason, not the hour wanted --------
@pytest.mark.parametrize(
    "opening",
    [
        "Anything Monday? Late afternoon's best, I finish my shift at half one.",
        "have u got monday, late afternoon? i finish school at half one",
        "Monday late afternoon if possible. She finishes work at half one on Mondays.",
    ],
)
async def test_a_working_day_ending_at_half_one_is_no_hour_asked_for(
    container: Container, opening: str
) -> None:
    async with talking(container) as talk:
        await talk(opening)
        t = await talk.introduce("Anna Kowalski, 617 555 0148")
        assert "1 PM" not in t.reply and "3 PM" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(ANNA) == [(MONDAY, time(15))], talk.transcript()


@pytest.mark.parametrize(
    "name_line",
    [
        "Kowalski, all one word. Anna Kowalski, 617 555 0148.",
        "it's Anna Kowalski - Kowalski is all one word - 617 555 0148",
    ],
)
async def test_a_name_said_to_be_one_word_is_no_hour(container: Container, name_line: str) -> None:
    async with talking(container) as talk:
        t = await talk("Could I book Monday at 3 please?")
        t = await talk.introduce(name_line)
        assert "Monday, November 30th at 3 PM" in t.reply and "1 PM" not in t.reply, (
            talk.transcript()
        )


# --- "I'm no good in the mornings" rules the morning out, not what was said before ------------
@pytest.mark.parametrize(
    "opening",
    [
        "617 555 0148. I need one next week - Monday or Tuesday - and afternoons, I'm not good "
        "for much of a morning.",
        "Hi, it's 617 555 0148, can I book Monday next week, afternoon please, I'm useless in "
        "the mornings",
        "6175550148 - Monday the 30th, afternoons, honestly I'm no good in the morning",
    ],
)
async def test_a_caller_no_good_in_the_mornings_gets_an_afternoon(
    container: Container, opening: str
) -> None:
    await add_caller(container, ANNA, "Anna Kowalski")
    async with talking(container) as talk:
        t = await talk(opening)
        assert "Monday, November 30th at noon" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(ANNA) == [(MONDAY, time(12))], talk.transcript()


# --- a day turned down, then settled on with a part of the day ---------------------------------
@pytest.mark.parametrize(
    "answer",
    [
        "hmm maybe monday no wait ive got work monday tuesday then tuesday afternoon yeah",
        "Monday? No, I've got the physio Monday, Tuesday... Tuesday then, Tuesday afternoon.",
        "not monday, I'm busy monday and tuesday, actually tuesday afternoon works",
    ],
)
async def test_a_day_turned_down_then_asked_with_its_afternoon_is_the_day(
    container: Container, answer: str
) -> None:
    await add_caller(container, ANNA, "Anna Kowalski", (FRIDAY, time(9)))
    async with talking(container) as talk:
        await talk("Hi, 617 555 0148, I need to move my Friday appointment")
        t = await talk(answer)
        assert "Tuesday, December 1st at noon" in t.reply, talk.transcript()
        await talk("yes thats fine")
        assert await talk.booked(ANNA) == [(TUESDAY, time(12))], talk.transcript()


# --- "this Friday, the last one you have": that day's latest, not the last one offered --------
@pytest.mark.parametrize(
    "ask",
    [
        "ok then can you move my tuesday one to this friday the last one you have",
        "Right. Could you move my Tuesday appointment to this Friday, the last slot you've got?",
        "move tuesdays to this friday, last one u have",
    ],
)
async def test_a_day_and_the_last_one_it_has_is_its_latest_time(
    container: Container, ask: str
) -> None:
    await add_caller(container, ANNA, "Anna Kowalski", (TUESDAY, time(10)))
    async with talking(container) as talk:
        t = await talk("hello 617 555 0148, what's the latest appointment you do on a Friday?")
        assert "Shall I book it?" in t.reply or "like me to book it?" in t.reply, talk.transcript()
        t = await talk(ask)
        assert "to Friday, November 27th at 3 PM" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(ANNA) == [(FRIDAY, time(15))], talk.transcript()


async def test_the_last_one_offered_is_still_a_pick(container: Container) -> None:
    await add_caller(container, ANNA, "Anna Kowalski")
    async with talking(container) as talk:
        t = await talk("hi it's 617 555 0148, anything Monday morning?")
        assert "11 AM" in t.reply, talk.transcript()
        t = await talk("the last one please")
        assert "Monday, November 30th at 11 AM" in t.reply, talk.transcript()


# --- how the caller gets in, as a reason: no second request ----------------------------------
@pytest.mark.parametrize(
    "opening",
    [
        "Hi, 617 555 0148. Could you move my Friday appointment to next Tuesday? Any time from "
        "eleven - the train doesn't get me in before then.",
        "617 555 0148 - can I move Friday's to Tuesday please, anytime from 11, the bus won't get "
        "me in earlier",
        "hello its 6175550148 could you shift my friday one to tuesday any time from eleven my "
        "lift cant get me in any sooner",
    ],
)
async def test_a_lift_that_cannot_get_the_caller_in_sooner_is_a_reason(
    container: Container, opening: str
) -> None:
    await add_caller(container, ANNA, "Anna Kowalski", (date(2026, 12, 4), time(10)))
    async with talking(container) as talk:
        t = await talk(opening)
        assert "to Tuesday, December 1st at 11 AM" in t.reply, talk.transcript()
        t = await talk("yes thanks")
        assert await talk.booked(ANNA) == [(TUESDAY, time(11))], talk.transcript()
        assert "Shall I book" not in t.reply, talk.transcript()


# --- "this Friday if you've got it, if not the one after": the next Friday second -------------
@pytest.mark.parametrize(
    "opening",
    [
        "Hi, I'd like one o'clock on a Friday - this Friday if you've got it, if not the one "
        "after.",
        "could i get 1pm this friday? if there's room, otherwise the one after",
        "One o'clock, Friday. This Friday if you have one, or failing that the one after that.",
    ],
)
async def test_this_friday_or_failing_that_the_one_after(
    container: Container, opening: str
) -> None:
    await seat_others(container, (FRIDAY, time(13)))
    async with talking(container) as talk:
        await talk(opening)
        t = await talk.introduce("Anna Kowalski, 617 555 0148")
        assert "Friday, December 4th at 1 PM" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(ANNA) == [(date(2026, 12, 4), time(13))], talk.transcript()


# --- one more "that week", said to the appointment read out: its week --------------------------
@pytest.mark.parametrize(
    "ask",
    [
        "Right. I need another one that week as well, the Friday, in the afternoon",
        "ok and can i book one more that same week, friday afternoon?",
        "Thanks. Could you also fit me in that week on the Friday, afternoon ideally?",
    ],
)
async def test_one_more_that_week_is_the_week_of_the_appointment_read_out(
    container: Container, ask: str
) -> None:
    await add_caller(container, ANNA, "Anna Kowalski", (date(2026, 12, 2), time(14)))
    async with talking(container) as talk:
        t = await talk("Hello, 617 555 0148 - when's my next appointment?")
        assert "Wednesday, December 2nd at 2 PM" in t.reply, talk.transcript()
        t = await talk(ask)
        assert "Friday, December 4th at noon" in t.reply, talk.transcript()
        await talk("yes that's fine")
        assert await talk.booked(ANNA) == [
            (date(2026, 12, 2), time(14)),
            (date(2026, 12, 4), time(12)),
        ], talk.transcript()
