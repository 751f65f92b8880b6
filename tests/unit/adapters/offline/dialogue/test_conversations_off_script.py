"""Callers who don't follow the script: vague availability, a move said in one breath, "both of
them", a name said around a stop word, a bare "k" to "anything else?", a closed day never
offered, availability asked before any number. Written as messy conversations, typed and as a
recogniser hears them (style="spoken"), through a real text-mode session, the real tools and a
real database. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, time

import pytest

from voice_agent.bootstrap import Container, bootstrap
from voice_agent.config import Settings
from voice_agent.domain.clock import FixedClock

from .talk import FRIDAY, JOHN, MONDAY, THURSDAY, THURSDAY_NEXT, TUESDAY, add_caller, talking


@pytest.mark.parametrize(
    ("style", "closing"),
    [
        ("written", "k"),
        ("written", "kk"),
        ("written", "ok cool"),
        ("written", "Okay, perfect."),
        ("spoken", "alright great"),
        ("spoken", "nope thats it"),
        ("written", "nah, I'm good"),
        ("spoken", "no thats all"),
    ],
)
async def test_a_bare_acknowledgement_to_anything_else_ends_the_call(
    container: Container, style: str, closing: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(11)))
    number = JOHN if style == "written" else "one two three four five six seven eight nine zero"
    async with talking(container, style=style) as talk:
        await talk("hi when's my appointment again")
        await talk(number)
        t = await talk("no thats fine")
        assert "anything else" in t.reply.lower(), talk.transcript()
        await talk(closing)
        assert talk.ended, talk.transcript()


@pytest.mark.parametrize("line", ["yes", "yeah actually", "ok and can i book friday at ten"])
async def test_a_yes_or_a_request_to_anything_else_does_not_end_the_call(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(11)))
    async with talking(container) as talk:
        await talk("when is my appointment")
        await talk(JOHN)
        await talk("no")
        await talk(line)
        assert not talk.ended, talk.transcript()


async def test_nope_thats_it_to_would_you_like_to_change_it_ends_the_call(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(11)))
    async with talking(container) as talk:
        await talk("um can u tell me when im booked in")
        t = await talk(JOHN)
        assert "change" in t.reply.lower(), talk.transcript()
        await talk("nope that's it")
        assert talk.ended, talk.transcript()


NEW = "4155550123"
NEW_SPOKEN = "four one five five five five oh one two three"


@pytest.mark.parametrize(
    ("style", "number", "said", "name"),
    [
        ("written", NEW, "Will Donovan", "Will Donovan"),
        ("spoken", NEW_SPOKEN, "uh will donovan", "Will Donovan"),
        ("written", NEW, "my name is Test Person", "Test Person"),
        ("spoken", NEW_SPOKEN, "yeah my name is test person", "Test Person"),
        ("written", NEW, "it's May Chen", "May Chen"),
    ],
)
async def test_a_name_made_of_everyday_words_is_still_a_name(
    container: Container, style: str, number: str, said: str, name: str
) -> None:
    async with talking(container, style=style) as talk:
        await talk("i'd like to book monday at ten")
        await talk(number)
        t = await talk(said)
        assert "last name" not in t.reply.lower(), talk.transcript()
        for _ in range(2):  # by ear, the number and the name are read back first
            if "Is that right?" in t.reply or "is your number" in t.reply:
                t = await talk("yes")
        assert "Monday, November 30th at 10 AM" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.user_name(NEW) == name, talk.transcript()
        assert await talk.booked(NEW) == [(MONDAY, time(10))]


@pytest.mark.parametrize("line", ["yes, that's hers", "yeah its her number", "thats his yes"])
async def test_whose_number_it_is_is_not_taken_as_a_name(container: Container, line: str) -> None:
    async with talking(container) as talk:
        await talk("hi I'm booking for my daughter, monday at 10 if possible")
        await talk(f"her number's {NEW}")
        t = await talk(line)
        assert "name" in t.reply.lower(), talk.transcript()
        assert await talk.user_name(NEW) is None, talk.transcript()
        t = await talk("Mary Jones")
        assert "Monday, November 30th at 10 AM" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.user_name(NEW) == "Mary Jones"


@pytest.mark.parametrize("style", ["written", "spoken"])
async def test_a_question_asked_again_is_asked_in_other_words(
    container: Container, style: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container, style=style) as talk:
        await talk("hi")
        for line in ("hmm", "erm well", "uh", "mm", "so yeah"):
            await talk(line)
        asked = [t.reply for _, t in talk.turns]
        for before, after in zip(asked, asked[1:], strict=False):
            assert before != after, talk.transcript()


WEDNESDAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("style", "line"),
    [
        ("written", "whenever's good"),
        ("written", "Any time really."),
        ("spoken", "um i dont mind whatever you have"),
        ("spoken", "im flexible"),
        ("written", "honestly doesn't matter"),
    ],
)
async def test_any_time_to_when_gets_the_first_opening(
    container: Container, style: str, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    number = JOHN if style == "written" else "one two three four five six seven eight nine zero"
    async with talking(container, style=style) as talk:
        await talk("hi i need to come in")
        t = await talk(number)
        assert "what day and time" in t.reply.lower(), talk.transcript()
        t = await talk(line)
        assert "The earliest I have is Wednesday, November 25th at 11 AM" in t.reply, (
            talk.transcript()
        )
        assert await talk.booked(JOHN) == []
        await talk("yes")
        assert await talk.booked(JOHN) == [(WEDNESDAY, time(11))], talk.transcript()


@pytest.mark.parametrize(
    ("style", "line", "days"),
    [
        ("written", "tomorrow or the day after, around lunchtime", ("Thursday", "Friday")),
        ("spoken", "maybe monday or tuesday in the afternoon", ("Monday", "Tuesday")),
        ("written", "Friday or perhaps Monday? mornings are best", ("Friday", "Monday")),
    ],
)
async def test_two_days_said_as_alternatives_get_times_on_both(
    container: Container, style: str, line: str, days: tuple[str, str]
) -> None:
    await add_caller(container, JOHN, "John Smith")
    number = JOHN if style == "written" else "one two three four five six seven eight nine zero"
    async with talking(container, style=style) as talk:
        await talk("can i book something")
        await talk(number)
        t = await talk(line)
        first, second = (t.reply.find(day) for day in days)
        assert 0 <= first < second, talk.transcript()
        assert "Shall I book" in t.reply
        assert await talk.booked(JOHN) == []


async def test_a_time_on_the_second_of_two_days_offered_is_booked(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("can i book something")
        await talk(JOHN)
        await talk("friday or monday, around lunchtime")
        t = await talk("ok the monday at 1 then")
        assert "Monday, November 30th at 1 PM" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(13))], talk.transcript()


@pytest.mark.parametrize(
    ("style", "line", "number"),
    [
        ("written", "hi, could I come in tomorrow instead?", JOHN),
        (
            "spoken",
            "um yeah can i come in tomorrow instead",
            "one two three four five six seven eight nine zero",
        ),
        ("written", "Is there any chance of tomorrow instead? same time if poss", JOHN),
    ],
)
async def test_tomorrow_instead_from_a_caller_with_one_appointment_is_a_move(
    container: Container, style: str, line: str, number: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(11)))
    async with talking(container, style=style) as talk:
        await talk(line)
        t = await talk(number)
        assert "move your appointment from Monday, November 30th at 11 AM" in t.reply, (
            talk.transcript()
        )
        assert "Thursday, November 26th" in t.reply
        await talk("yes")
        [(day, _at)] = await talk.booked(JOHN)
        assert day == THURSDAY, talk.transcript()


async def test_instead_from_a_caller_with_no_appointment_is_a_booking(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("could I come in tomorrow at 10 instead")
        t = await talk(JOHN)
        assert "Shall I book Thursday, November 26th at 10 AM" in t.reply, talk.transcript()


@pytest.mark.parametrize(
    ("style", "line"),
    [
        ("written", "move my Tuesday to the Thursday"),
        ("spoken", "hi can you move my tuesday one to thursday"),
        ("written", "can i switch my tuesday appointment to thursday, same time"),
    ],
)
async def test_a_move_from_one_weekday_to_another_is_in_that_week(
    container: Container, style: str, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(11)))
    number = JOHN if style == "written" else "one two three four five six seven eight nine zero"
    async with talking(container, style=style) as talk:
        await talk(line)
        t = await talk(number)
        assert "from Tuesday, December 1st at 11 AM to Thursday, December 3rd" in t.reply, (
            talk.transcript()
        )
        assert "November 26th" not in t.reply
        await talk("yes")
        [(day, _at)] = await talk.booked(JOHN)
        assert day == THURSDAY_NEXT, talk.transcript()


@pytest.fixture
async def thanksgiving(settings: Settings, clock: FixedClock) -> AsyncIterator[Container]:
    """The clinic closed on Thanksgiving, Thursday 26 November (tomorrow)."""
    closed = settings.model_copy(update={"closed_dates": [THURSDAY]})
    c = await bootstrap(closed, clock=clock)
    try:
        yield c
    finally:
        await c.aclose()


@pytest.mark.parametrize(
    "lines",
    [
        ("could I come in tomorrow instead?",),
        ("i need to move my appointment", "the day before please"),
        ("can you bring my appointment forward a day",),
        ("uh move it to thanksgiving",),
        ("can i move my friday one", "tomorrow or the day after"),
    ],
)
async def test_a_move_is_never_offered_onto_a_closed_day(
    thanksgiving: Container, lines: tuple[str, ...]
) -> None:
    await add_caller(thanksgiving, JOHN, "John Smith", (FRIDAY, time(14)))
    async with talking(thanksgiving) as talk:
        await talk(lines[0])
        t = await talk(JOHN)
        for line in lines[1:]:
            t = await talk(line)
        assert "Shall I move" in t.reply, talk.transcript()
        offered = t.reply.split("Shall I move", 1)[1]
        assert "November 26th" not in offered, talk.transcript()
        await talk("yes")
        [(day, _at)] = await talk.booked(JOHN)
        assert day != THURSDAY, talk.transcript()


@pytest.mark.parametrize(
    ("style", "first", "then"),
    [
        ("written", "i need to cancel my appointment", "both of them, yes"),
        ("spoken", "i gotta cancel uh my appointments", "yep both of them"),
        ("written", "hi, cancel both please", None),
        ("written", "Can you cancel all of them? I'm moving away", None),
    ],
)
async def test_both_of_them_gets_one_question_naming_both_and_one_yes_cancels_both(
    container: Container, style: str, first: str, then: str | None
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(11)), (TUESDAY, time(14)))
    number = JOHN if style == "written" else "one two three four five six seven eight nine zero"
    async with talking(container, style=style) as talk:
        await talk(first)
        t = await talk(number)
        if then is not None:
            t = await talk(then)
        assert "Monday, November 30th at 11 AM" in t.reply, talk.transcript()
        assert "Tuesday, December 1st at 2 PM" in t.reply, talk.transcript()
        assert t.reply.rstrip().endswith("?")
        assert len(await talk.booked(JOHN)) == 2, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [], talk.transcript()


async def test_no_to_cancelling_both_cancels_neither(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(11)), (TUESDAY, time(14)))
    async with talking(container) as talk:
        await talk("cancel both please")
        await talk(JOHN)
        await talk("no wait")
        assert len(await talk.booked(JOHN)) == 2, talk.transcript()


@pytest.mark.parametrize(
    ("style", "line", "wanted"),
    [
        ("written", "i'd like tuesday at 3, no sorry, 2", time(14)),
        ("spoken", "tuesday at ten no wait eleven", time(11)),
        ("written", "Tuesday at 10 oops 11", time(11)),
        ("spoken", "can i get um monday no wait tuesday at two", time(14)),
    ],
)
async def test_a_correction_in_the_same_breath_wins(
    container: Container, style: str, line: str, wanted: time
) -> None:
    await add_caller(container, JOHN, "John Smith")
    number = JOHN if style == "written" else "one two three four five six seven eight nine zero"
    async with talking(container, style=style) as talk:
        await talk(line)
        await talk(number)
        await talk("yes")
        assert await talk.booked(JOHN) == [(TUESDAY, wanted)], talk.transcript()


async def test_same_time_next_week_after_a_booking_is_a_week_after_it(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("book me monday at 11")
        await talk(JOHN)
        await talk("yes")
        t = await talk("and same time next week too please")
        assert "Monday, December 7th at 11 AM" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(11)), (date(2026, 12, 7), time(11))]


@pytest.mark.parametrize("style", ["written", "spoken"])
async def test_another_one_same_time_next_week_counts_from_the_one_held(
    container: Container, style: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(11)))
    number = JOHN if style == "written" else "one two three four five six seven eight nine zero"
    async with talking(container, style=style) as talk:
        await talk("i want to book another one same time next week")
        t = await talk(number)
        assert "Monday, December 7th at 11 AM" in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "question",
    [
        "do you have anything Friday?",
        "what days do you have next week",
        "um is there anything friday afternoon",
    ],
)
async def test_availability_asked_before_the_number_is_answered_first(
    container: Container, question: str
) -> None:
    async with talking(container) as talk:
        await talk("hi i want to book an appointment")
        t = await talk(question)
        assert " I have " in t.reply, talk.transcript()
        assert "phone number" not in t.reply.lower(), talk.transcript()


@pytest.mark.parametrize(
    ("style", "line", "wanted"),
    [
        ("written", "can i get an appointment a week from thursday, 10ish", (THURSDAY_NEXT, 10)),
        ("spoken", "uh the monday after next at two please", (date(2026, 12, 7), 14)),
        ("written", "hmm next tuesday... no wait, wednesday at 9", (date(2026, 12, 2), 9)),
    ],
)
async def test_relative_days_and_changes_of_mind(
    container: Container, style: str, line: str, wanted: tuple[date, int]
) -> None:
    await add_caller(container, JOHN, "John Smith")
    number = JOHN if style == "written" else "one two three four five six seven eight nine zero"
    async with talking(container, style=style) as talk:
        await talk(line)
        t = await talk(number)
        assert "Shall I book" in t.reply, talk.transcript()
        await talk("yes")
        day, hour = wanted
        assert await talk.booked(JOHN) == [(day, time(hour))], talk.transcript()
