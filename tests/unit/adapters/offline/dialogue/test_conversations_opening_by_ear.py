"""The opening request by ear, half heard, and lines that answer another question than the one
asked (a recorded call plays its lines whatever the agent says; a caller on a bad line answers
the question they expected). A caller asking for something whose words the recogniser lost is
asked a short closed question, not refused as off topic; what a line gives is taken whichever
question it answers. Lines are made up in the recogniser's manner, not copied from a run."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, TUESDAY, add_caller, talking

OFF_TOPIC = "only help with appointments"


@pytest.mark.parametrize(
    "heard",
    [
        "hello i'd like to that an please",  # "Hi, I'd like Tuesday at ten please"
        "i want to a to if you can see week on got to the meant",  # "... the soonest ..."
        "hi there um i was hoping to the get an the",
        "good morning could i the on for the for",
    ],
)
async def test_a_half_heard_request_is_asked_which_task_not_refused(
    container: Container, heard: str
) -> None:
    async with talking(container, style="spoken") as talk:
        t = await talk(heard)
        assert OFF_TOPIC not in t.reply, talk.transcript()
        assert "book" in t.reply and "cancel" in t.reply, talk.transcript()
        assert t.reply.rstrip().endswith("?"), talk.transcript()


async def test_the_closed_question_answered_in_a_word_goes_on(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container, style="spoken") as talk:
        await talk("hello i'd like to that an please")
        t = await talk("to cancel")
        assert "number" in t.reply, talk.transcript()
        t = await talk("one two three four five six seven eight nine zero")
        assert "cancel" in t.reply.lower() and "Monday" in t.reply, talk.transcript()
        assert not t.called("cancel_appointment")  # nothing without a yes to the read-back


async def test_the_closed_question_answered_with_a_number_takes_it(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container, style="spoken") as talk:
        await talk("hello i'd like to that an please")
        t = await talk("one two three four five six seven eight nine zero")
        assert t.called("identify_user"), talk.transcript()
        assert OFF_TOPIC not in t.reply, talk.transcript()


async def test_a_line_about_something_else_is_still_off_topic(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        t = await talk("can you recommend a good pizza place near here")
        assert OFF_TOPIC in t.reply, talk.transcript()


async def test_typed_text_is_read_as_written(container: Container) -> None:
    async with talking(container, style="written") as talk:
        t = await talk("I'd like a pizza please")
        assert "Is that to book" not in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "heard",
    [
        "hi i need to my appointment on monday",  # "... to move my appointment on Monday"
        "hi i need to the is my appointment on monday please",
    ],
)
async def test_my_appointment_on_a_day_is_the_one_held_not_a_second_booking(
    container: Container, heard: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container, style="spoken") as talk:
        await talk(heard)
        t = await talk("one two three four five six seven eight nine zero")
        assert "book" not in t.reply.lower(), talk.transcript()
        assert "10 AM" in t.reply, talk.transcript()  # the one they hold, said back
        assert not t.called("book_appointment")


async def test_a_day_said_when_asked_the_number_is_kept(container: Container) -> None:
    # a recorded caller's next line, "The one on Tuesday", played at "may I have your number?"
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)), (TUESDAY, time(10)))
    async with talking(container, style="spoken") as talk:
        t = await talk("hi i need to cancel one of my appointments")
        assert "number" in t.reply, talk.transcript()
        await talk("the one on tuesday")
        t = await talk("the one on tuesday")  # said again: now the number was not given
        assert "number" in t.reply, talk.transcript()
        t = await talk("one two three four five six seven eight nine zero")
        assert "cancel" in t.reply and "Tuesday" in t.reply, talk.transcript()
        assert "Monday" not in t.reply, talk.transcript()
        assert not t.called("cancel_appointment")


async def test_a_time_said_when_asked_the_number_is_not_a_number_misheard(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container, style="spoken") as talk:
        await talk("i'd like to book an appointment")
        t = await talk("tuesday at eleven")
        assert "didn't" not in t.reply and "parts" not in t.reply, talk.transcript()
        assert "number" in t.reply, talk.transcript()
        t = await talk("one two three four five six seven eight nine zero")
        assert "Tuesday" in t.reply and "11 AM" in t.reply, talk.transcript()
        assert not t.called("book_appointment")
