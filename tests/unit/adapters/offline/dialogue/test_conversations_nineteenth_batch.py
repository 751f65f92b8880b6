"""What a nineteenth blind batch (callers reading from a letter or a text, bad lines, days
reached through other days, slots said relative to the one offered, someone else in the room,
sarcastic and curt callers) taught the receptionist, in other words than the corpus lines,
through a real text-mode session, the real tools and a real database. Today is Wednesday 25
November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY, FRIDAY_NEXT, JOHN, MONDAY, add_caller, seat_others, talking


@pytest.mark.parametrize(
    ("line", "day", "said"),
    [
        ("hmm, same thing but a week later? that week's busy", FRIDAY_NEXT, "December 4th"),
        ("could you do the same but two weeks later?", date(2026, 12, 11), "December 11th"),
    ],
)
async def test_a_shift_said_to_the_slot_offered_moves_its_day(
    container: Container, line: str, day: date, said: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("it's 123 456 7890, could I book Friday at 11?")
        assert "November 27th at 11 AM" in t.reply, talk.transcript()
        t = await talk(line)
        assert said in t.reply and "11 AM" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(day, time(11))], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "Three? That's no use. Forget it, I'll keep what I've got.",
        "nah, that's too late, I'll stick with the one I have",
        "no, keep my original appointment then",
    ],
)
async def test_keeping_the_appointment_held_at_a_move_offered(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    await seat_others(container, (MONDAY, time(12)), (MONDAY, time(13)), (MONDAY, time(14)))
    async with talking(container) as talk:
        t = await talk("hi, 123 456 7890, can you move my Monday one to the afternoon?")
        assert "3 PM" in t.reply, talk.transcript()
        t = await talk(line)
        assert "as it is" in t.reply and "anything else" in t.reply, talk.transcript()
        await talk("no, bye")
        assert await talk.booked(JOHN) == [(MONDAY, time(10))], talk.transcript()


async def test_the_first_pick_corrected_to_the_one_after(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    await seat_others(container, (FRIDAY, time(9)), (FRIDAY, time(11)), (FRIDAY, time(13)))
    await seat_others(container, (FRIDAY, time(14)), (FRIDAY, time(15)))
    async with talking(container) as talk:
        t = await talk("123 456 7890 - what times have you got on Friday?")
        assert "10 AM" in t.reply and "noon" in t.reply, talk.transcript()
        t = await talk("the first one. no, sorry, the one after that")
        assert "noon" in t.reply and "10 AM" not in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(FRIDAY, time(12))], talk.transcript()
