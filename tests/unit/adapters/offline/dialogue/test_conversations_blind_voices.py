"""Lines as the recogniser handed them over on voice calls by voices nobody tuned on (the blind
voice set, `bench.dialogue --voice-set blind`): a request half heard, with a day, a date or a
run of digits in it, is one not caught (asked again), not one refused as off topic; a "no,
that's all" to "anything else?" whose tail came out as a stray task word ends the call. The
lines are made up in the recogniser's manner, not copied from a run."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, add_caller, talking

OFF_TOPIC = "only help with appointments"


@pytest.mark.parametrize(
    "heard",
    [
        "hi eighth of i'd love to free the fifth eleventh",  # "could I book Tuesday the 10th at 11"
        "oh it thursday the monday to that one the eleventh the tenth",
        "lee six are all three one third i'd like if i you zero one the are you",  # name, number
    ],
)
async def test_a_half_heard_request_with_a_day_or_digits_is_asked_again_not_refused(
    container: Container, heard: str
) -> None:
    async with talking(container, style="spoken") as talk:
        t = await talk(heard)
        assert OFF_TOPIC not in t.reply, talk.transcript()
        assert "catch" in t.reply, talk.transcript()
        assert not t.called("book_appointment")
        t = await talk(heard)  # the same again: still not refused
        assert OFF_TOPIC not in t.reply, talk.transcript()


async def test_a_line_about_something_else_is_still_off_topic_by_ear(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        t = await talk("can you recommend a good pizza place near here")
        assert OFF_TOPIC in t.reply, talk.transcript()


async def test_a_typed_line_is_read_as_written(container: Container) -> None:
    # typed text is what the caller meant: no recogniser to blame
    async with talking(container, style="written") as talk:
        t = await talk("oh it thursday the monday to that one the eleventh the tenth")
        assert "catch" not in t.reply or OFF_TOPIC in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "heard",
    [
        # "No, that's all. You've been ever so helpful. You take care in this cold now."
        "no that's all you the other so hello cancel you take gary the code hour",
        "no that's it thanks you move for all the",
    ],
)
async def test_no_thats_all_with_a_stray_task_word_after_it_ends_the_call(
    container: Container, heard: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container, style="spoken") as talk:
        await talk.book_monday_at_11(JOHN)
        t = await talk(heard)
        assert talk.ended, talk.transcript()
        assert not t.called("cancel_appointment") and not t.called("list_appointments")
        assert await talk.booked(JOHN) == [(MONDAY, time(11))]


@pytest.mark.parametrize(
    "line",
    [
        "no that's all actually can you cancel it",
        "no that's it but can i move it to tuesday",
        "no that's all cancel the monday one",
    ],
)
async def test_no_thats_all_then_a_real_request_goes_on(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container, style="spoken") as talk:
        await talk.book_monday_at_11(JOHN)
        await talk(line)
        assert not talk.ended, talk.transcript()
