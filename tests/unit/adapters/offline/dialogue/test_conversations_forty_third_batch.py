"""What a forty-third blind batch (whole calls whose words carry the caller's mood: anxious,
annoyed, over-polite, bad news, chatty, brusque) taught the receptionist, in other words than the
corpus lines, through a real text-mode session, the real tools and a real database. Today is
Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from voice_agent.adapters.offline.dialogue.history import UserTurn
from voice_agent.adapters.offline.dialogue.llm import DialogueLLM
from voice_agent.bootstrap import Container
from voice_agent.config import get_settings

from .talk import (
    FRIDAY,
    FRIDAY_NEXT,
    JOHN,
    MONDAY,
    MONDAY_NEXT,
    THURSDAY_NEXT,
    TUESDAY,
    WEDNESDAY_NEXT,
    add_caller,
    talking,
)


@pytest.mark.parametrize(
    "line",
    [
        "What've I got booked? 123 456 7890.",
        "123 456 7890. What've I got coming up?",
        "it's 123 456 7890, whatve i got on at the moment",
    ],
)
async def test_what_ive_got_booked_said_short_reads_them_out(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(9)), (TUESDAY, time(14)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "Friday, November 27th at 9 AM" in t.reply, talk.transcript()
        assert "Tuesday, December 1st at 2 PM" in t.reply, talk.transcript()


@pytest.mark.parametrize(
    ("line", "hour"),
    [
        ("123 456 7890. Monday. Late as you've got.", "3 PM"),
        ("John Smith, 123 456 7890 - Monday please, early as you've got", "9 AM"),
        ("123 456 7890, need Monday, as late as there is", "3 PM"),
    ],
)
async def test_as_late_or_early_as_youve_got_is_the_end_of_the_day(
    container: Container, line: str, hour: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(line)
        assert f"Monday, November 30th at {hour}" in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "123 456 7890. My interview's on the 2nd, so could I book the day after, the 3rd? At ten.",
        "123 456 7890 - I'm back on the 2nd, so the day after, the 3rd, ten o'clock?",
    ],
)
async def test_the_day_after_then_its_date_after_a_pause_is_that_date(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(line)
        assert "Thursday, December 3rd at 10 AM" in t.reply, talk.transcript()


async def test_the_monday_after_then_its_date_is_that_monday(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk("123 456 7890, I've got the Monday the 7th")
        t = await talk("could I book another for the Monday after, the 14th? ten again")
        assert "Monday, December 14th at 10 AM" in t.reply, talk.transcript()
        assert "21st" not in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "123 456 7890. I was hoping to have my Monday appointment a little later in the day? "
        "After lunch ideally.",
        "123 456 7890 - could I have my Monday appointment later in the day, after lunch if "
        "you can?",
    ],
)
async def test_later_in_the_day_after_lunch_stays_on_that_day(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "to Monday, November 30th at 1 PM" in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "123 456 7890. I've got Friday the 4th at three, could I have Tuesday morning instead?",
        "123 456 7890 - my appointment's Friday the 4th at 3, could I change it to "
        "Tuesday morning?",
    ],
)
async def test_the_hour_held_is_not_the_hour_of_the_morning_asked_for(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(15)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "to Tuesday, December 1st at 9 AM" in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "123 456 7890. I've got an appointment on Friday and I honestly can't say when I'll be "
        "free. Should I move it or... no. No, just cancel it.",
        "123 456 7890, I've an appointment this Friday, and I don't know when I'm back from my "
        "mum's. Move it, or - no, actually, just cancel it.",
    ],
)
async def test_a_move_weighed_then_dropped_for_a_cancel_is_a_cancel(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(9)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "cancel your appointment on Friday, November 27th" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "can you bring my Monday appointment forward an hour?",
        "hiya any chance you could bring it forward a bit my monday one",
        "I'd like to bring Monday's forward to ten, is that possible?",
    ],
)
def test_bringing_an_appointment_forward_is_no_question_about_what_to_bring(
    tmp_path: Path, line: str
) -> None:
    profile = tmp_path / "clinic.toml"
    profile.write_text(
        'address = "12 Maple Street"\n[[faq]]\nquestion = "What should I bring?"\n'
        'answer = "Please bring a photo ID."\nkeywords = ["bring", "documents"]\n'
    )
    engine = DialogueLLM(settings=get_settings(clinic_profile=profile)).engine
    assert "photo ID" in (engine.decide([UserTurn("what do I need to bring?")]).reply or "")
    reply = engine.decide([UserTurn(line)]).reply or ""
    assert "photo ID" not in reply, reply


@pytest.mark.parametrize(
    "answer", ["yeah lovely, cheers", "yes please, ta very much", "great, cheers"]
)
async def test_a_yes_with_a_british_thanks_does_not_end_the_call(
    container: Container, answer: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(11)))
    async with talking(container) as talk:
        await talk("123 456 7890, can I move Monday's to Tuesday, same time?")
        t = await talk(answer)
        assert await talk.booked(JOHN) == [(TUESDAY, time(11))], talk.transcript()
        assert "anything else" in t.reply and not talk.ended, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "123 456 7890. There's no way I can make Tuesday now. Is there anything Thursday the 3rd?",
        "123 456 7890 - I can't make Tuesday at 11 after all. Have you got anything on the 3rd?",
    ],
)
async def test_cant_make_the_one_held_then_anything_else_is_a_move(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(11)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "move your appointment from Tuesday, December 1st" in t.reply, talk.transcript()
        assert "Thursday, December 3rd" in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "check",
    [
        "And the Monday one's definitely gone now? I don't want to be down twice.",
        "so now I've got both, the Wednesday and the Thursday?",
    ],
)
async def test_asked_again_after_a_change_is_answered_not_changed(
    container: Container, check: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)), (THURSDAY_NEXT, time(9)))
    async with talking(container) as talk:
        await talk("123 456 7890. Could you move my Monday one to Wednesday the 2nd, same time?")
        await talk("yes please")
        t = await talk(check)
        assert not t.called("book_appointment"), talk.transcript()
        assert "Shall I" not in t.reply, talk.transcript()
        booked = await talk.booked(JOHN)
        assert booked == [(WEDNESDAY_NEXT, time(10)), (THURSDAY_NEXT, time(9))], talk.transcript()


@pytest.mark.parametrize(
    "more",
    [
        "Yes please. And could I book a follow-up a fortnight later as well? Same time.",
        "yes. oh and I need another one two weeks after that too, same time",
    ],
)
async def test_a_follow_up_a_fortnight_later_counts_from_the_one_just_agreed(
    container: Container, more: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("123 456 7890, Monday the 7th at 10 please")
        t = await talk(more)
        assert "Monday, December 21st at 10 AM" in t.reply, talk.transcript()
