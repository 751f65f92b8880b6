"""Faults left from the last rounds, each as callers say it, through a real text-mode session,
the real tools and a real database: a half-heard question about a day's times, an address and
parking asked together, a month-word for a first name, a nudge of the appointment held, "the
day before" a date, one of two appointments under one number, "the one after", a yes with a
condition, and days counted from other days. Today is Wednesday 25 November 2026, 10:00 in New
York unless a test sets its own clock."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from voice_agent.adapters.offline.dialogue.history import UserTurn
from voice_agent.adapters.offline.dialogue.llm import DialogueLLM
from voice_agent.bootstrap import Container
from voice_agent.config import get_settings

from .talk import FRIDAY, JOHN, add_caller, talking


# --- a day with a word for its times, the rest half heard: that day's times ----------------
@pytest.mark.parametrize(
    "line",
    [
        "well at the time i'll have eight little on friday",  # "what times are available..."
        "hello yes what spaces you got left for friday",
        "the time on friday what's there",
        "er the openings for friday, what have ya",
    ],
)
async def test_a_half_heard_question_about_a_days_times_lists_them(
    container: Container, line: str
) -> None:
    async with talking(container, style="spoken") as talk:
        t = await talk(line)
        assert "November 27th" in t.reply and "9 AM" in t.reply, talk.transcript()
        assert t.called("fetch_available_slots") == [{"date": "2026-11-27"}], talk.transcript()


@pytest.mark.parametrize(
    "line", ["friday was a bad time for me", "i had a free afternoon on friday and got bored"]
)
async def test_a_day_and_a_time_word_about_something_else_looks_nothing_up(
    container: Container, line: str
) -> None:
    async with talking(container, style="spoken") as talk:
        t = await talk(line)
        assert not t.called("fetch_available_slots"), talk.transcript()


# --- where the clinic is and parking, asked in one breath: both answered ---------------------
@pytest.mark.parametrize(
    "line",
    [
        "I need to move my Tuesday one. Also remind me where you are? And can I park there?",
        "where is it you guys are exactly, and is there parking",
        "how do I find you, and can I park on site?",
        "could you tell me where you're based and whether there's parking nearby",
    ],
)
def test_the_address_and_parking_asked_together_are_both_answered(
    tmp_path: Path, line: str
) -> None:
    profile = tmp_path / "clinic.toml"
    profile.write_text(
        'address = "12 Maple Street"\n[[faq]]\nquestion = "Is there parking?"\n'
        'answer = "There is free parking behind the building."\nkeywords = ["park", "parking"]\n'
    )
    engine = DialogueLLM(settings=get_settings(clinic_profile=profile)).engine
    reply = engine.decide([UserTurn(line)]).reply or ""
    assert "12 Maple Street" in reply and "free parking" in reply, reply


# --- minutes earlier or later than the appointment held: a move of it ------------------------
@pytest.mark.parametrize(
    ("line", "said", "to"),
    [
        (
            "hi its john smith 123 456 7890 can i come fifteen minutes earlier on friday "
            "i have the eleven oclock",
            "10:45 AM",
            time(10),
        ),
        (
            "123 456 7890. I've got the eleven o'clock on Friday, could I come twenty minutes "
            "later? the bus is always late",
            "11:20 AM",
            time(12),
        ),
        (
            "hello, 1234567890, I'm booked at 11 on friday, any chance of half an hour earlier",
            "10:30 AM",
            time(10),
        ),
    ],
)
async def test_minutes_earlier_than_the_appointment_held_moves_it(
    container: Container, line: str, said: str, to: time
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(11)))
    async with talking(container) as talk:
        t = await talk(line)
        assert said in t.reply and "Shall I move your appointment" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(FRIDAY, to)], talk.transcript()


# --- "the day before" a day said: that day, not the one said ----------------------------------
@pytest.mark.parametrize(
    ("line", "day"),
    [
        (
            "Hello. I'm flying out on the morning of the 4th, so I need something the day "
            "before, as late as you can do. 123 456 7890",
            "Thursday, December 3rd",
        ),
        ("123 456 7890, can i get the day before the 4th, afternoon", "Thursday, December 3rd"),
        (
            "1234567890 - my daughter's wedding is Saturday the 5th, can I come in the day "
            "before, in the morning?",
            "Friday, December 4th",
        ),
    ],
)
async def test_the_day_before_a_day_said_is_the_day_wanted(
    container: Container, line: str, day: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(line)
        assert day in t.reply, talk.transcript()


# --- a month that is also a first name, said as a name: the name -----------------------------
@pytest.mark.parametrize(
    ("line", "name"),
    [
        (
            "its june abara a b a r a and its two zero one five five five zero three six four",
            "June Abara",
        ),
        ("this is april o'neill, 201 555 0364", "April O'Neill"),
        ("hi it's august reyes and my number is 2015550364", "August Reyes"),
    ],
)
async def test_a_month_said_as_a_first_name_is_the_name(
    container: Container, line: str, name: str
) -> None:
    async with talking(container) as talk:
        await talk("hi can i come in friday at ten")
        t = await talk(line)
        assert f"for {name} with that number" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.user_name("2015550364") == name, talk.transcript()


# --- two appointments under one number, one named by its hour: that one ------------------------
@pytest.mark.parametrize(
    ("line", "answer"),
    [
        (
            "Hi, 123 456 7890. My son's appointment and mine are both under my number, on "
            "Friday. He can't make his, the 10 o'clock - can you cancel that one?",
            "Yes - just his, the ten. Keep mine at eleven.",
        ),
        (
            "1234567890, we've both got friday, me and my wife, she can't come, please cancel "
            "the 10 o'clock",
            "yes that's hers. leave mine at 11",
        ),
    ],
)
async def test_one_of_both_named_by_its_hour_is_the_one_cancelled(
    container: Container, line: str, answer: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(10)), (FRIDAY, time(11)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "cancel your appointment on Friday, November 27th at 10 AM?" in t.reply, (
            talk.transcript()
        )
        await talk(answer)
        assert await talk.booked(JOHN) == [(FRIDAY, time(11))], talk.transcript()
