"""A whole number the recogniser's two readers did not agree on (the transcript ends in
``listening.NUMBER_UNSURE``) is asked for again before it is looked up or an account is
opened on it: a caller's (or a recording's) "yes" to a read-back cannot vouch for a misheard
digit. A number the readers agreed on is taken as before, with no question added."""

from __future__ import annotations

import pytest

from voice_agent.adapters.offline.dialogue import tracking
from voice_agent.bootstrap import Container
from voice_agent.domain.listening import (
    NAME_UNHEARD,
    NUMBER_ONE_READER,
    NUMBER_UNSURE,
    Expectation,
    NumberCheck,
    number_check,
)
from voice_agent.domain.names import needs_name

from .talk import Talk, add_caller, talking

HEARD = "six one seven five five five zero one two four"
"""What the recogniser made of "six one seven, five five five, zero one two three"."""


@pytest.fixture
def asked_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """A number one reader heard, with no account under it, asked for again (as before
    ``tracking.ONE_READER_READ_BACK``; test_one_reader_read_back.py has it read back)."""
    monkeypatch.setattr(tracking, "ONE_READER_READ_BACK", False)


def _looked_up(talk: Talk) -> list[str]:
    return [args["phone_number"] for _, turn in talk.turns for args in turn.called("identify_user")]


def _asked_in_parts(talk: Talk, reply: str) -> None:
    """Nothing looked up, and the first three digits asked for alone."""
    assert "first three digits" in reply
    assert _looked_up(talk) == []
    current = talk.listening.current
    assert (current.kind, current.digits) == (Expectation.PHONE, 3)


def test_the_marker_is_stripped_only_at_the_end() -> None:
    assert number_check(f"{HEARD} {NUMBER_UNSURE}") == (HEARD, NumberCheck.UNSURE)
    assert number_check(f"{HEARD} {NUMBER_ONE_READER}") == (HEARD, NumberCheck.ONE_READER)
    assert number_check(HEARD) == (HEARD, NumberCheck.AGREED)
    line = "i'm not sure of the number"
    assert number_check(line) == (line, NumberCheck.AGREED)


async def test_an_unsure_number_is_asked_again_and_taken_when_heard_the_same(
    container: Container,
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("Hi there, um, I was hoping to make an appointment")
        t = await talk(f"sure it's {HEARD} {NUMBER_UNSURE}")
        assert "say it once more" in t.reply
        assert _looked_up(talk) == []
        current = talk.listening.current
        assert (current.kind, current.digits) == (Expectation.PHONE, 10)
        # heard alike again, Whisper reading it this time (the grammar not): one reader's,
        # and the first hearing's reading - two readers over two takes
        t = await talk(f"{HEARD} {NUMBER_ONE_READER}")
        assert _looked_up(talk) == ["6175550124"]
        assert "6 1 7, 5 5 5, 0 1 2 4" in t.reply  # a new number: read back as always


async def test_an_unsure_number_heard_alike_and_unsure_again_is_taken_in_parts(
    container: Container,
) -> None:
    """Unsure twice alike is the grammar's reading twice with Whisper never reading it (the
    recogniser unmarks a number heard again where Whisper read it either time): one acoustic
    model hears a voice's "nine nine" as "five nine" every time it is asked (the tuning
    split's 7199378946, heard 7159378946 twice). Read back, a yes would open an account on it."""
    async with talking(container, style="spoken") as talk:
        await talk("Hi, I'd like to book a cleaning for next week please")
        await talk(f"yes it's {HEARD} {NUMBER_UNSURE}")
        t = await talk(f"{HEARD} {NUMBER_UNSURE}")
        _asked_in_parts(talk, t.reply)
        await talk("Yes. Bernadette Walsh")
        await talk("yes")
        assert _looked_up(talk) == []
        assert await talk.user_name("6175550124") is None


async def test_a_yes_instead_of_the_number_again_opens_no_account(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("Hi there, um, yeah, I was hoping to make an appointment?")
        await talk(f"sure it's {HEARD} {NUMBER_UNSURE}")
        t = await talk("Yes that's right. And it's Bernadette Walsh")
        assert "first three digits" in t.reply
        assert _looked_up(talk) == []
        await talk("Um, Monday if you've got it, around two?")
        await talk("Yes please")
        assert _looked_up(talk) == []
        assert await talk.user_name("6175550124") is None


async def test_said_again_and_heard_surely_the_second_reading_is_taken(
    container: Container,
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("I need to book a check up")
        await talk(f"{HEARD} {NUMBER_UNSURE}")
        t = await talk("six one seven, five five five, zero one two three")
        assert _looked_up(talk) == ["6175550123"]
        assert "6 1 7, 5 5 5, 0 1 2 3" in t.reply


async def test_two_unsure_readings_that_differ_are_taken_in_parts(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("I need to book a check up")
        await talk(f"{HEARD} {NUMBER_UNSURE}")
        t = await talk(f"six one seven five five five zero one two three {NUMBER_UNSURE}")
        _asked_in_parts(talk, t.reply)


async def test_an_unsure_number_in_the_opening_line_is_asked_again(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        t = await talk(f"hi my number is {HEARD} and i'd like to book on monday {NUMBER_UNSURE}")
        assert "say it once more" in t.reply
        assert _looked_up(talk) == []


async def test_a_number_the_readers_agreed_on_is_not_asked_again(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("I'd like to book an appointment")
        t = await talk("one two three four five six seven eight nine zero")
        assert "once more" not in t.reply
        assert _looked_up(talk) == ["1234567890"]


# A number only one reader heard that way ("listening.NUMBER_ONE_READER": Whisper's ten digits
# where the grammar heard others) is looked up; an account found on it vouches for it, but with
# none it is read back and heard again before one is opened on it.
ONE = "six one seven five five five four one nine four"
"""What Whisper alone made of "six one seven, five five five, oh one nine four"."""


@pytest.mark.usefixtures("asked_again")
async def test_a_number_one_reader_heard_with_no_account_is_heard_again_first(
    container: Container,
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("Hi, yeah, I'd like to book something for Monday at eleven if you can")
        t = await talk(f"yeah it's {ONE} {NUMBER_ONE_READER}")
        assert _looked_up(talk) == ["6175554194"]
        assert "6 1 7, 5 5 5, 4 1 9 4" in t.reply and "once more" in t.reply
        assert "name" not in t.reply
        current = talk.listening.current
        assert (current.kind, current.digits) == (Expectation.PHONE, 10)
        # a caller who hears the read-back wrong says so; one reading it right says it again
        t = await talk("six one seven, five five five, four one nine four")
        assert "name" in t.reply
        await talk("Maya Lindgren")
        await talk("yes that's right")
        assert await talk.user_name("6175554194") == "Maya Lindgren"


@pytest.mark.usefixtures("asked_again")
async def test_one_readers_number_heard_otherwise_the_second_time_is_taken_in_parts(
    container: Container,
) -> None:
    """Whisper alone read the whole number; asked again, both readers agreed on another one.
    Two hearings of one number that differ are no proof of either, however agreed the second
    (the tuning split's 9182771041 read right by Whisper alone, then 9182771001 by both)."""
    async with talking(container, style="spoken") as talk:
        await talk("Hi, yeah, I'd like to book something for Monday at eleven if you can")
        t = await talk(f"yeah it's {ONE} {NUMBER_ONE_READER}")
        assert "once more" in t.reply
        t = await talk("six one seven, five five five, four one zero four")
        assert "first three digits" in t.reply
        assert _looked_up(talk) == ["6175554194"]
        await talk("Yes. Maya Lindgren")
        await talk("yes")
        assert await talk.user_name("6175554104") is None
        assert await talk.user_name("6175554194") is None


@pytest.mark.usefixtures("asked_again")
async def test_a_yes_and_a_name_to_it_open_no_account(container: Container) -> None:
    """A recording's next line (or a caller not listening) says yes to anything: the number is
    never opened on that alone."""
    async with talking(container, style="spoken") as talk:
        await talk("I need to book an appointment please, Monday at eleven")
        await talk(f"my number is {ONE} {NUMBER_ONE_READER}")
        await talk("Yes, that's right. Hannah Weiss")
        await talk("yes please")
        await talk("yes")
        assert await talk.user_name("6175554194") is None
        assert _looked_up(talk) == ["6175554194"]


async def test_a_number_one_reader_heard_with_an_account_is_taken(container: Container) -> None:
    await add_caller(container, "6175554194", "Ruth Okafor")
    async with talking(container, style="spoken") as talk:
        await talk("hi I need to make an appointment")
        t = await talk(f"{ONE} {NUMBER_ONE_READER}")
        assert "found your account" in t.reply and "once more" not in t.reply
        assert _looked_up(talk) == ["6175554194"]


async def test_a_number_one_reader_heard_to_cancel_asks_for_another_number(
    container: Container,
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("I have to cancel my appointment on Thursday")
        t = await talk(f"it's {ONE} {NUMBER_ONE_READER}")
        assert "don't see any appointments under 6 1 7, 5 5 5, 4 1 9 4" in t.reply
        assert "set one up" not in t.reply


# "No, the end is oh one four nine" with a digit of the ending lost: splicing the three heard
# onto a reading already wrong made a third number (...4149 for ...0149 read ...4194).
AGREED = "six one seven five five five four one nine four"


async def _read_back(talk: Talk) -> None:
    await talk("hello, I'd like to book for Monday at eleven")
    t = await talk(AGREED)
    assert "6 1 7, 5 5 5, 4 1 9 4" in t.reply


@pytest.mark.parametrize(
    "line",
    [
        "oh no sorry, that's wrong, the end is one four nine",
        "no no, it ends in one four nine",
        "that's not right, the ending's four nine",
        "no, the last bit is four nine",
    ],
)
async def test_an_ending_heard_short_asks_for_the_last_four(
    container: Container, line: str
) -> None:
    async with talking(container, style="spoken") as talk:
        await _read_back(talk)
        t = await talk(line)
        assert "last four" in t.reply
        assert "4 1 4 9" not in t.reply and "4 1 9 4 9" not in t.reply
        current = talk.listening.current
        assert (current.kind, current.digits) == (Expectation.PHONE, 4)
        t = await talk("oh one four nine")
        assert "6 1 7 5 5 5 0 1 4 9" in t.reply.replace(",", "")
        assert _looked_up(talk) == ["6175554194"]


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("no sorry, the end is oh one four nine", "6175550149"),
        ("nope, it ends in zero one four nine", "6175550149"),
        ("no the last three digits are one four nine", "6175554149"),
        ("no the last two are four nine", "6175554149"),
    ],
)
async def test_an_ending_heard_whole_is_spliced_and_read_back(
    container: Container, line: str, number: str
) -> None:
    async with talking(container, style="spoken") as talk:
        await _read_back(talk)
        t = await talk(line)
        said = f"{number[:3]}{number[3:6]}{number[6:]}"
        assert said in "".join(ch for ch in t.reply if ch.isdigit())


# A number both readers heard alike, but one digit of it faintly (``listening.weak_mark``):
# "207 555 0109" heard "207 559 0109" by the grammar and by Whisper was read back, and a
# recording's "Yes. Sam Whitaker" opened an account on it. Looked up as a number one reader
# heard: an account found vouches for it; with none, it is heard again before one is opened.
FAINT = "two zero seven five five nine zero one zero nine"
MIDDLE, LAST = "(number weak: middle three)", "(number weak: last four)"
"""``listening.weak_mark(1)`` and ``(2)``, as a transcript ends in them."""


async def test_a_yes_to_a_weak_number_opens_no_account(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("I need the soonest appointment you have, please")
        t = await talk(f"{FAINT} {MIDDLE}")
        assert _looked_up(talk) == ["2075590109"]
        assert "once more" in t.reply and "name" not in t.reply
        assert "2 0 7, 5 5 9, 0 1 0 9" in t.reply and "wasn't sure of the middle three" in t.reply
        await talk("Yes. Sam Whitaker")
        await talk("yes")
        await talk("yes please")
        assert await talk.user_name("2075590109") is None


async def test_a_weak_number_said_again_the_same_is_taken(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("I need the soonest appointment you have, please")
        await talk(f"it's {FAINT} {MIDDLE}")
        t = await talk("two zero seven, five five nine, zero one zero nine")
        assert "name" in t.reply
        await talk("Sam Whitaker")
        await talk("yes that's right")
        assert await talk.user_name("2075590109") == "Sam Whitaker"


async def test_a_weak_number_with_an_account_is_taken(container: Container) -> None:
    await add_caller(container, "2075590109", "Ruth Okafor")
    async with talking(container, style="spoken") as talk:
        await talk("hi I need to make an appointment")
        t = await talk(f"{FAINT} {LAST}")
        assert "found your account" in t.reply and "once more" not in t.reply


# A name said with the number that the recogniser could not read ("listening.NAME_UNHEARD":
# "Lena Fischer, 617 555 2511" heard as the number alone). The caller has given it: asked for
# it as if unsaid, they answer the number's read-back ("yes, that's right"), and the name
# grammar made a name of that ("Max Reed"), or the question went round again.
SAID_RIGHT = "six one seven five five five zero one two three"


async def test_a_name_said_with_the_number_and_unheard_is_not_asked_for_again(
    container: Container,
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("Hi, yeah, I'd like to book something for Monday at eleven if you can")
        t = await talk(f"{SAID_RIGHT} {NAME_UNHEARD}")
        assert "6 1 7, 5 5 5, 0 1 2 3" in t.reply and "didn't quite catch your name" in t.reply
        assert "may i have your" not in t.reply.lower()
        assert talk.listening.current.kind is Expectation.YES_NO
        assert await talk.user_name("6175550123") is None  # nothing opened before the yes
        t = await talk("yes that's right")
        assert "may i have" not in t.reply.lower() and "Shall I book" in t.reply
        assert needs_name(await talk.user_name("6175550123"))
        assert await talk.container.scheduling.find_user_by_phone("6175550123") is not None
        t = await talk("yes please book it")
        assert "booked" in t.reply


async def test_a_name_given_at_the_read_back_is_taken(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("I need to book a check up on Monday at eleven")
        await talk(f"yes it's {SAID_RIGHT} {NAME_UNHEARD}")
        t = await talk("Yes, that's right. It's Maya Lindgren")
        assert "Maya Lindgren" in t.reply
        await talk("yes")
        assert await talk.user_name("6175550123") == "Maya Lindgren"


@pytest.mark.usefixtures("asked_again")
async def test_an_unheard_name_does_not_vouch_for_a_number_one_reader_heard(
    container: Container,
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("Hi, yeah, I'd like to book something for Monday at eleven if you can")
        t = await talk(f"{ONE} {NUMBER_ONE_READER} {NAME_UNHEARD}")
        assert "once more" in t.reply
        await talk("Yes.")
        await talk("yes please")
        assert await talk.container.scheduling.find_user_by_phone("6175554194") is None


async def test_an_unheard_name_is_nothing_to_a_caller_found_by_the_number(
    container: Container,
) -> None:
    await add_caller(container, "6175550123", "Ruth Okafor")
    async with talking(container, style="spoken") as talk:
        await talk("hi I need to make an appointment")
        t = await talk(f"{SAID_RIGHT} {NAME_UNHEARD}")
        assert "found your account" in t.reply
        assert "catch your name" not in t.reply
        assert await talk.user_name("6175550123") == "Ruth Okafor"


# The number asked for again is read back with it ("I don't have an account under 6 1 7, 5 5 5,
# 4 1 9 4. Before I set one up, could you say your number once more ...?"): a caller who hears
# a wrong ending says so, as at the name question, and is not taken to start a new number
# ("I have 0 1 4, 9 so far": the recorded stranger call read-back-wrong-ending, every round).
@pytest.mark.usefixtures("asked_again")
async def test_an_ending_corrected_at_the_read_back_asked_again_is_spliced(
    container: Container,
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("Hi, I'd like to book an appointment for Monday at eleven")
        t = await talk(f"my number is {ONE} {NUMBER_ONE_READER}")
        assert "once more" in t.reply
        t = await talk("Oh no sorry, that's wrong, the end is oh one four nine")
        assert "so far" not in t.reply
        assert "6 1 7, 5 5 5, 0 1 4 9" in t.reply and "name" in t.reply
        await talk("Yes, that's right. Hannah Weiss")
        await talk("yes please")
        assert await talk.user_name("6175550149") == "Hannah Weiss"
        assert await talk.user_name("6175554194") is None


@pytest.mark.usefixtures("asked_again")
async def test_an_ending_heard_short_at_the_read_back_asked_again_asks_the_last_four(
    container: Container,
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("Hi, I'd like to book an appointment for Monday at eleven")
        await talk(f"my number is {ONE} {NUMBER_ONE_READER}")
        # "the end is oh" lost: three digits of the four
        t = await talk("oh no sorry that's wrong the in the so one four nine")
        assert "so far" not in t.reply
        assert "6 1 7, 5 5 5" in t.reply and "last four" in t.reply
        t = await talk("oh one four nine")
        assert "6 1 7, 5 5 5, 0 1 4 9" in t.reply
        await talk("yes")
        assert await talk.user_name("6175554194") is None


@pytest.mark.usefixtures("asked_again")
async def test_a_part_said_again_without_a_no_is_still_a_number_begun(
    container: Container,
) -> None:
    """Only a correction of the read-back splices: the first digits said again, slowly, start
    the number over as before."""
    async with talking(container, style="spoken") as talk:
        await talk("Hi, I'd like to book an appointment for Monday at eleven")
        await talk(f"my number is {ONE} {NUMBER_ONE_READER}")
        t = await talk("six one seven")
        assert "6 1 7" in t.reply and "so far" in t.reply
