"""What a fiftieth blind batch (the everyday calls again, by a stranger: a nervous first visit,
a regular moving their own, a cancel with its story, "what have I got?", a child's or a
parent's on the caller's account, two of these in one call) taught the receptionist, in other
words than the corpus lines, through a real text-mode session, the real tools and a real
database. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.adapters.offline.dialogue.understanding.spelling import expand
from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY,
    JOHN,
    THURSDAY_NEXT,
    TUESDAY_NEXT,
    add_caller,
    talking,
)


@pytest.mark.parametrize(
    "line",
    [
        "Hi, 123 456 7890 here. I booked on your website earlier today but never got an email - "
        "can you check it went through?",
        "john smith 123 456 7890 i rang earlier and booked something but im not sure it worked",
        "123 456 7890. I made an appointment online this morning, did my booking go through?",
        "Hello, I booked one earlier this week online, could you make sure it's there? "
        "123 456 7890",
    ],
)
async def test_a_booking_made_earlier_asked_after_is_looked_up_not_moved(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(13)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "December 3rd at 1 PM" in t.reply, talk.transcript()
        assert not t.called("modify_appointment"), talk.transcript()
        assert not t.called("book_appointment"), talk.transcript()
        await talk("Thursday at 1, that's the one. Thanks, bye.")
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(13))], talk.transcript()


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("I booked an appointment online earlier today and never got the email", False),
        ("i rang earlier to book and im not sure it worked", False),
        ("I spoke to someone earlier this week about my Tuesday", False),
        ("I booked Thursday at 1 but could I come in earlier that day?", True),
        ("I was booked for 2, is there anything earlier?", True),
        ("I got one at eleven, have you got one earlier", True),
        ("we booked it for friday, any chance of earlier?", True),
    ],
)
def test_earlier_said_of_when_something_was_done_asks_for_nothing_earlier(
    line: str, kept: bool
) -> None:
    assert ("earlier" in expand(line)) == kept, expand(line)


@pytest.mark.parametrize(
    "line",
    [
        "123 456 7890, we've got two on the 8th I think but I've forgotten what times, can you "
        "tell me?",
        "hi its john smith 123 456 7890 i dont remember what times we have on the eighth",
        "John Smith, 123 456 7890 - I've forgotten the times of ours on the 8th.",
    ],
)
async def test_the_times_of_ones_own_forgotten_are_read_out(
    container: Container, line: str
) -> None:
    await add_caller(
        container, JOHN, "John Smith", (TUESDAY_NEXT, time(9)), (TUESDAY_NEXT, time(10))
    )
    async with talking(container) as talk:
        t = await talk(line)
        assert "9 AM" in t.reply and "10 AM" in t.reply, talk.transcript()
        assert "11 AM" not in t.reply, talk.transcript()  # not the free times of that day
        assert not t.called("book_appointment"), talk.transcript()


@pytest.mark.parametrize(
    "details",
    [
        "The appointment can go under my name. John Smith, 123 456 7890.",
        "It can go down under me. John Smith, 123 456 7890",
        "That can go in my name, John Smith. 123 456 7890.",
    ],
)
async def test_a_childs_booking_that_can_go_under_the_callers_name_is_booked(
    container: Container, details: str
) -> None:
    async with talking(container) as talk:
        await talk("Hello, I'd like to book my son in, he's six. Thursday the 3rd at 3 please.")
        t = await talk(details)
        assert not t.called("cancel_appointment"), talk.transcript()
        assert "appointments under" not in t.reply, talk.transcript()
        for _ in range(3):
            if await talk.booked(JOHN):
                break
            await talk("yes")
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(15))], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "Hi, I need to bring my grandson in, he's got a rash. Do you have Friday at 11?",
        "hello i want to bring my granddaughter to see the doctor have you got friday at eleven",
        "Could I bring my niece in to be seen? She's staying with us. Friday at 11 if you can.",
    ],
)
async def test_bringing_a_grandchild_or_a_niece_is_a_visit_not_a_question(
    container: Container, line: str
) -> None:
    async with talking(container) as talk:
        t = await talk(line)
        assert "photo ID" not in t.reply, talk.transcript()
        await talk("John Smith, 123 456 7890")
        for _ in range(3):
            if await talk.booked(JOHN):
                break
            await talk("yes")
        assert await talk.booked(JOHN) == [(FRIDAY, time(11))], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "My son needs a check-up. Could I get him in on Thursday the 3rd, about nine?",
        "hi can i get her in thursday the third at nine shes my daughter",
        "I'd like to get them seen on Thursday the 3rd at 9, both kids, well one slot for now",
    ],
)
async def test_getting_a_child_in_on_a_day_keeps_the_day(container: Container, line: str) -> None:
    async with talking(container) as talk:
        await talk(line)
        t = await talk("John Smith, 123 456 7890")
        for _ in range(2):
            if "December 3rd at 9 AM" in t.reply:
                break
            t = await talk("yes")
        assert "December 3rd at 9 AM" in t.reply, talk.transcript()
