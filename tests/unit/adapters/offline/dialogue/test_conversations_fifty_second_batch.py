"""What a fifty-second blind batch (the everyday calls as a speech recogniser hears them: a
weekday split in two, an ordinal or an hour written as its homophone, "a" for "at", "an our
later", "book" for booked, "coat" for code) taught the receptionist, in other words than the
corpus lines, through a real text-mode session, the real tools and a real database. Today is
Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from voice_agent.adapters.offline.dialogue.engine import UserTurn
from voice_agent.adapters.offline.dialogue.llm import DialogueLLM
from voice_agent.bootstrap import Container
from voice_agent.config import get_settings

from .talk import FRIDAY_NEXT, JOHN, MONDAY, add_caller, talking


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("could i get in twos day at eleven", "Tuesday, December 1st at 11 AM"),
        ("can i book mon day at eleven", "Monday, November 30th at 11 AM"),
        ("fried day the fourth at eleven please", "Friday, December 4th at 11 AM"),
        ("um thurs day next week at eleven if you can", "Thursday, December 3rd at 11 AM"),
    ],
)
async def test_a_weekday_the_recogniser_split_in_two_is_that_day(
    container: Container, line: str, said: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(f"john smith one two three four five six seven eight nine oh {line}")
        assert said in t.reply, talk.transcript()


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("can i come in the thirty won of december at ten", "December 31st at 10 AM"),
        ("december the twenty ate at ten please", "December 28th at 10 AM"),
        ("the tent of december at two", "December 10th at 2 PM"),
        ("um the twenty too of december at two", "December 22nd at 2 PM"),
    ],
)
async def test_an_ordinal_heard_as_its_homophone_is_that_date(
    container: Container, line: str, said: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(f"john smith one two three four five six seven eight nine oh {line}")
        assert said in t.reply, talk.transcript()


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("friday the fourth tin am", "December 4th at 10 AM"),
        ("friday the fourth at elven", "December 4th at 11 AM"),
        ("tuesday a two if thats ok", "December 1st at 2 PM"),
        ("can i do monday a eleven", "November 30th at 11 AM"),
    ],
)
async def test_an_hour_heard_as_its_homophone_or_after_a_for_at_is_that_hour(
    container: Container, line: str, said: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(f"john smith one two three four five six seven eight nine oh {line}")
        assert said in t.reply, talk.transcript()


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("could you push it a nour later", "November 30th at noon"),
        ("can it be an our earlier", "November 30th at 10 AM"),
    ],
)
async def test_an_hour_heard_as_an_our_moves_it_by_an_hour(
    container: Container, line: str, said: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(11)))
    async with talking(container) as talk:
        t = await talk(f"john smith one two three four five six seven eight nine oh {line}")
        assert f"to Monday, {said}" in t.reply, talk.transcript()


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("whats the earliest won you got on friday the fourth", "December 4th at 9 AM"),
        ("can i have the last won on friday the fourth", "December 4th at 3 PM"),
    ],
)
async def test_won_for_one_after_first_or_last_is_that_slot(
    container: Container, line: str, said: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(f"john smith one two three four five six seven eight nine oh {line}")
        assert said in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "can you tell me what i have book for",
        "am i book in for anything",
        "just want to know when were in next",
        "when am i coming back next",
    ],
)
async def test_a_check_heard_with_its_ending_dropped_reads_what_is_held(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(11)), (FRIDAY_NEXT, time(14)))
    async with talking(container) as talk:
        t = await talk(f"john smith one two three four five six seven eight nine oh {line}")
        assert "November 30th at 11 AM" in t.reply, talk.transcript()
        assert "December 4th at 2 PM" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(MONDAY, time(11)), (FRIDAY_NEXT, time(14))]


@pytest.mark.parametrize(
    "line", ["whats the booking cold for the one on friday", "i need my reference coat please"]
)
async def test_a_code_heard_as_coat_or_cold_is_the_code(container: Container, line: str) -> None:
    codes = await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(14)))
    async with talking(container) as talk:
        t = await talk(f"john smith one two three four five six seven eight nine oh {line}")
        spaced = " ".join(codes[0].upper())
        assert codes[0].upper() in t.reply or spaced in t.reply, talk.transcript()


def test_an_insurer_split_by_the_recogniser_is_answered(tmp_path: Path) -> None:
    profile = tmp_path / "clinic.toml"
    profile.write_text(
        '[[faq]]\nquestion = "Do you take insurance?"\n'
        'answer = "We accept most insurance plans."\n'
        'keywords = ["insurance", "medicaid", "medicare", "aetna"]\n'
    )
    engine = DialogueLLM(settings=get_settings(clinic_profile=profile)).engine
    for line in ("hi do you guys take medi care", "is medic aid ok there"):
        reply = engine.decide([UserTurn(line)]).reply or ""
        assert "most insurance plans" in reply, line


@pytest.mark.parametrize(
    "line",
    [
        "ive got monday at eleven but thats a bit late for me now",
        "I have the eleven o'clock on Monday and it's far too late for me",
        "i booked monday at eleven and its a bit awkward actually",
    ],
)
async def test_what_is_held_then_what_is_wrong_with_it_asks_move_or_cancel(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(11)))
    async with talking(container) as talk:
        t = await talk(f"John Smith, 123 456 7890. {line}")
        assert "move it" in t.reply and "cancel it" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(MONDAY, time(11))]


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("could I have the first one of the day instead, same day", "Monday, November 30th at 9"),
        ("the latest you've got that day instead please", "Monday, November 30th at 3 PM"),
        ("can i get the earliest one of the day instead same day", "Monday, November 30th at 9"),
        ("um the very last one of the day instead same day", "Monday, November 30th at 3 PM"),
    ],
)
async def test_a_time_said_before_instead_is_where_it_goes(
    container: Container, line: str, said: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(11)))
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. Monday's looking a bit tricky now")
        assert "move it" in t.reply, talk.transcript()
        t = await talk(line)
        assert f"to {said}" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(MONDAY, time(11))]


@pytest.mark.parametrize(
    "line",
    [
        "hello my name Jorge Silva, number 212 555 0144, I want appointment Friday the 4th at 10",
        "my name jorge silva my number two one two five five five oh one four four i want "
        "monday at eleven",
    ],
)
async def test_a_learners_my_name_without_is_gives_the_name(
    container: Container, line: str
) -> None:
    async with talking(container) as talk:
        await talk.introduce(line)
        assert await talk.user_name("2125550144") == "Jorge Silva", talk.transcript()


def test_no_day_or_hour_is_read_into_everyday_words() -> None:
    from voice_agent.adapters.offline.dialogue.understanding.heard import as_meant

    for line in (
        "can i choose a day later",
        "friday a week would suit",
        "the one i won at bingo",
        "ill be there to day and night",
        "we had a fun day",
        "my medical care is private",
        "sorry its a weak signal in here",
        "that won't work for me, the rash won\u2019t shift",
    ):
        assert as_meant(line) == line
    assert as_meant("friday a ten") == "friday at ten"
    assert as_meant("the last won of the day") == "the last one of the day"
