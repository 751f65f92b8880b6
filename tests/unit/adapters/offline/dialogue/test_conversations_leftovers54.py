"""Faults left in the typed corpus (leftovers54), each as callers say it, through a real
text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, add_caller, talking

FRIDAY_27TH = date(2026, 11, 27)
TUESDAY_1ST = date(2026, 12, 1)


# --- "you've got my son booked in at three": someone else's hour, the one asked is beside it ---
@pytest.mark.parametrize(
    ("line", "day", "hour"),
    [
        (
            "You've got my son booked in on Tuesday at 3. Can my daughter have the one just "
            "before his?",
            TUESDAY_1ST,
            14,
        ),
        (
            "you have my husband down for Friday at eleven, could I get the one straight after "
            "his please",
            FRIDAY_27TH,
            12,
        ),
        (
            "You've got my mum booked for Tuesday at ten - can I have the slot right after hers?",
            TUESDAY_1ST,
            11,
        ),
    ],
)
async def test_their_hour_said_to_the_clinic_is_not_the_one_asked_for(
    container: Container, line: str, day: date, hour: int
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(f"John Smith, 123 456 7890. {line}")
        assert "Shall I book" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(day, time(hour))], talk.transcript()


# --- a new visit counted in hours from the one held, that day: never a move of it ---------------
THURSDAY_3RD = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("line", "hours"),
    [
        ("Can I have one the same day as my appointment, an hour or two after it?", (10, 11)),
        (
            "could I get another one on the same day as my appointment, a couple of hours after",
            (11,),
        ),
        ("I need a blood test, same day as my existing one, two hours after it please", (11,)),
    ],
)
async def test_an_hour_or_two_after_the_one_held_is_a_new_visit_that_day(
    container: Container, line: str, hours: tuple[int, ...]
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_3RD, time(9)))
    async with talking(container) as talk:
        t = await talk(f"John Smith, 123 456 7890. {line}")
        assert "Shall I book" in t.reply, talk.transcript()
        await talk("yes please")
        booked = await talk.booked(JOHN)
        new = [b for b in booked if b != (THURSDAY_3RD, time(9))]
        assert (THURSDAY_3RD, time(9)) in booked, talk.transcript()
        assert len(new) == 1 and new[0][0] == THURSDAY_3RD, talk.transcript()
        assert new[0][1].hour in hours, talk.transcript()


# --- none on file under the number, and a visit asked for instead: booked, not dropped ----------
MONDAY_30TH = date(2026, 11, 30)


@pytest.mark.parametrize(
    "line",
    [
        "Oh, never mind then, just find me something on Monday afternoon",
        "forget it, doesn't matter - could I have one Monday afternoon instead?",
        "no worries, can you book me an appointment Monday afternoon then",
    ],
)
async def test_a_visit_asked_when_none_is_on_file_is_booked(
    container: Container, line: str
) -> None:
    async with talking(container) as talk:
        t = await talk("Hi, it's John Smith, 123 456 7890. When's my next appointment?")
        assert "another number" in t.reply, talk.transcript()
        t = await talk(line)
        assert "Shall I set one up" in t.reply, talk.transcript()
        t = await talk("yes please")
        assert "Shall I book Monday, November 30th at" in t.reply, talk.transcript()
        await talk("yes")
        booked = await talk.booked(JOHN)
        assert len(booked) == 1 and booked[0][0] == MONDAY_30TH, talk.transcript()
        assert booked[0][1].hour >= 12, talk.transcript()


async def test_the_day_of_the_one_they_think_they_hold_is_no_booking(
    container: Container,
) -> None:
    async with talking(container) as talk:
        t = await talk("Hi, it's John Smith, 123 456 7890. When's my next appointment?")
        assert "another number" in t.reply, talk.transcript()
        t = await talk("No, it's this number. I thought it was on Monday afternoon.")
        assert "Shall I" not in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [], talk.transcript()


# --- "I've got my usual on Thursday - the week after as well": counted from the one held --------
@pytest.mark.parametrize(
    ("line", "new"),
    [
        (
            "I've got my usual on Thursday the 3rd. Could you book me my usual for the week "
            "after too?",
            date(2026, 12, 10),
        ),
        (
            "I've got my usual on the 3rd - can you put me in for my usual the week after that "
            "one too",
            date(2026, 12, 10),
        ),
    ],
)
async def test_a_visit_counted_from_the_day_held_said_as_busy(
    container: Container, line: str, new: date
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_3RD, time(14)))
    async with talking(container) as talk:
        t = await talk(f"John Smith, 123 456 7890. {line}")
        assert "Shall I book" in t.reply, talk.transcript()
        await talk("yes please")
        booked = await talk.booked(JOHN)
        assert booked == [(THURSDAY_3RD, time(14)), (new, time(14))], talk.transcript()


# --- one for the caller asked while one for another is proposed: not the one proposed, said back --
@pytest.mark.parametrize(
    "line",
    [
        "Right, and while I'm on - one for me. Any morning, I'm not fussy.",
        "Lovely. And me - whatever you've got in the morning.",
        "ok, and one for myself please, some time in the morning",
    ],
)
async def test_one_for_me_in_the_same_part_of_the_day_is_a_second_booking(
    container: Container, line: str
) -> None:
    async with talking(container) as talk:
        t = await talk("Hi, John Smith, 123 456 7890. I'd like to book my wife in, Friday at 10.")
        if "Shall I set one up" in t.reply:
            t = await talk("yes")
        assert "Shall I book Friday, November 27th at 10 AM" in t.reply, talk.transcript()
        t = await talk(line)
        assert "Shall I book both" in t.reply, talk.transcript()
        await talk("yes")
        booked = await talk.booked(JOHN)
        assert len(booked) == 2 and (FRIDAY_27TH, time(10)) in booked, talk.transcript()
        other = next(b for b in booked if b != (FRIDAY_27TH, time(10)))
        assert other[0] == FRIDAY_27TH and other[1].hour < 12, talk.transcript()


# --- the one held nearest a day said, none held on it: that one ---------------------------------
THURSDAY_10TH = date(2026, 12, 10)
JANUARY_12TH = date(2027, 1, 12)


@pytest.mark.parametrize(
    ("line", "reply", "after"),
    [
        (
            "My son's wedding is on the 9th, so could you move the appointment closest to that to "
            "the Monday after? Same time.",
            "Shall I move your appointment from Thursday, December 10th at 1 PM to Monday, "
            "December 14th at 1 PM?",
            [(TUESDAY_1ST, time(9)), (date(2026, 12, 14), time(13)), (JANUARY_12TH, time(10))],
        ),
        (
            "It's my anniversary on the 11th, so the appointment nearest to that - could you move "
            "it to the Tuesday of that week? Same time.",
            "Shall I move your appointment from Thursday, December 10th at 1 PM to Tuesday, "
            "December 8th at 1 PM?",
            [(TUESDAY_1ST, time(9)), (date(2026, 12, 8), time(13)), (JANUARY_12TH, time(10))],
        ),
    ],
)
async def test_the_one_nearest_a_day_said_is_the_one_changed(
    container: Container, line: str, reply: str, after: list[tuple[date, time]]
) -> None:
    held = [(TUESDAY_1ST, time(9)), (THURSDAY_10TH, time(13)), (JANUARY_12TH, time(10))]
    await add_caller(container, JOHN, "John Smith", *held)
    async with talking(container) as talk:
        t = await talk(f"John Smith, 123 456 7890. {line}")
        assert reply in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == after, talk.transcript()
