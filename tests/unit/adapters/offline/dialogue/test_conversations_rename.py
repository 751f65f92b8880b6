"""Callers whose name was misheard or mistyped, and who say so once the account exists (new or
returning): the corrected name is read back and changed only after a yes, through a real
text-mode session, the real tools and a real database.
Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time

from voice_agent.bootstrap import Container
from voice_agent.domain.listening import Expectation
from voice_agent.domain.names import UNKNOWN_NAME

from .talk import FRIDAY, JOHN, add_caller, talking

NEW = "6465550139"


async def test_a_new_caller_spells_the_surname_after_registering(container: Container) -> None:
    async with talking(container) as talk:
        await talk("hi, I'd like to book an appointment please")
        await talk("646 555 0139")
        await talk("yes")
        await talk("Dana Rooz")
        assert await talk.user_name(NEW) == "Dana Rooz", talk.transcript()
        t = await talk("oh, actually it's Ruiz, R U I Z")
        assert "Dana Ruiz" in t.reply and "R-U-I-Z" in t.reply, talk.transcript()
        assert await talk.user_name(NEW) == "Dana Rooz", talk.transcript()
        t = await talk("yes please")
        assert await talk.user_name(NEW) == "Dana Ruiz", talk.transcript()
        assert "Ruiz" in t.reply, talk.transcript()


async def test_a_returning_caller_corrects_the_surname_by_word(container: Container) -> None:
    await add_caller(container, JOHN, "Anna Novak", (FRIDAY, time(10)))
    async with talking(container) as talk:
        await talk("hello, I want to check my appointment")
        await talk(JOHN)
        t = await talk("oh and um, my surname's Nowak by the way, with a W, not Novak")
        # a number alone is not told the first name on file (attack14)
        assert "Nowak" in t.reply and "Anna" not in t.reply, talk.transcript()
        await talk("yep that's it")
        assert await talk.user_name(JOHN) == "Anna Nowak", talk.transcript()
        assert await talk.booked(JOHN) == [(FRIDAY, time(10))], talk.transcript()


async def test_a_name_said_wrong_is_asked_for_then_read_back(container: Container) -> None:
    await add_caller(container, JOHN, "Jon Smith")
    async with talking(container) as talk:
        await talk("hi there, can you tell me when my appointment is")
        await talk(JOHN)
        t = await talk("hang on, you've got my name wrong")
        assert "name" in t.reply.lower(), talk.transcript()
        t = await talk("it's John, J O H N, Smith")
        assert "John Smith" in t.reply, talk.transcript()
        await talk("correct")
        assert await talk.user_name(JOHN) == "John Smith", talk.transcript()


async def test_a_no_to_the_read_back_changes_nothing(container: Container) -> None:
    await add_caller(container, JOHN, "Dana Rooz")
    async with talking(container) as talk:
        await talk("I'd like to check my appointments")
        await talk(JOHN)
        t = await talk("my name's not Rooz, it's Ruiz")
        assert "Ruiz" in t.reply and "Dana" not in t.reply, talk.transcript()
        await talk("no, no, leave it as it is")
        assert await talk.user_name(JOHN) == "Dana Rooz", talk.transcript()


async def test_another_name_is_left_to_the_front_desk(container: Container) -> None:
    """A caller who gave the number alone asks for the account to be under another name: the
    tools refuse anything but a correction of the name on file, and the caller hears that
    the front desk changes it, once, not asked to spell it again and again."""
    await add_caller(container, JOHN, "Dana Rooz")
    async with talking(container) as talk:
        await talk("I'd like to check my appointments")
        await talk(JOHN)
        await talk("my name is wrong, it's Mallory Evans")
        t = await talk("yes")
        assert "front desk" in t.reply and "letter by letter" not in t.reply, talk.transcript()
        assert await talk.user_name(JOHN) == "Dana Rooz", talk.transcript()
        t = await talk("ok what appointments do I have")
        assert "name" not in t.reply.lower(), talk.transcript()


async def test_a_number_alone_hears_back_only_its_own_words(container: Container) -> None:
    """attack14: the read-back of a correction was the whole corrected name, so "my surname
    is Quackenbusch" to a number alone was answered "So that's Zebediah Quackenbusch", and
    "it's Quackenbush" (the name on file) "I have your name as Zebediah Quackenbush
    already": the first name on file, and that the guess was right, told to whoever had the
    number. The caller hears their own words back, and the same name is read back as
    another is."""
    await add_caller(container, JOHN, "Zebediah Quackenbush")
    async with talking(container) as talk:
        await talk("I'd like to check my appointments")
        await talk(JOHN)
        t = await talk("actually my surname is Quackenbusch with a c h")
        assert "Quackenbusch" in t.reply and "Zebediah" not in t.reply, talk.transcript()
        t = await talk("yes")
        assert "Zebediah" not in t.reply and "corrected" in t.reply, talk.transcript()
        assert await talk.user_name(JOHN) == "Zebediah Quackenbusch", talk.transcript()
        t = await talk("my name's not Quackenbusch, it's Quackenbusch")
        assert "Zebediah" not in t.reply and "already" not in t.reply, talk.transcript()
    said = " ".join(line for line in talk.transcript().splitlines() if "agent" in line)
    assert "Zebediah" not in said


async def test_a_correction_before_the_account_is_made_still_registers_it(
    container: Container,
) -> None:
    async with talking(container) as talk:
        await talk("can I book something for friday")
        await talk("646 555 0139")
        await talk("yes")
        await talk("It's Dana Rooz. Sorry, Roos, with an S")
        assert await talk.user_name(NEW) == "Dana Roos", talk.transcript()


async def test_asked_before_the_number_the_name_is_fixed_once_found(container: Container) -> None:
    await add_caller(container, JOHN, "Dana Rooz", (FRIDAY, time(15)))
    async with talking(container) as talk:
        await talk("hi, um, can you fix my name on my account please")
        t = await talk(JOHN)
        assert "name" in t.reply.lower(), talk.transcript()
        t = await talk("it's R U I Z")
        assert "Ruiz" in t.reply and "Dana" not in t.reply, talk.transcript()
        await talk("yeah")
        assert await talk.user_name(JOHN) == "Dana Ruiz", talk.transcript()
        assert await talk.booked(JOHN) == [(FRIDAY, time(15))], talk.transcript()


async def test_a_yes_with_a_goodbye_still_changes_the_name(container: Container) -> None:
    await add_caller(container, JOHN, "Dana Rooz")
    async with talking(container) as talk:
        await talk("hi I need to book something")
        await talk(JOHN)
        await talk("oh my name is wrong, it's Dana Ruiz")
        t = await talk("yes that's right, thanks, bye")
        assert talk.ended, talk.transcript()
        assert await talk.user_name(JOHN) == "Dana Ruiz", talk.transcript()
        assert "Ruiz" in t.reply, talk.transcript()


async def test_actually_a_day_is_no_name(container: Container) -> None:
    await add_caller(container, JOHN, "Dana Rooz")
    async with talking(container) as talk:
        await talk("hi I need to book")
        await talk(JOHN)
        t = await talk("actually it's tuesday I want")
        assert "Tuesday" in t.reply and "name" not in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.user_name(JOHN) == "Dana Rooz", talk.transcript()
        assert len(await talk.booked(JOHN)) == 1, talk.transcript()


async def test_a_spelling_refused_then_left_as_it_is(container: Container) -> None:
    await add_caller(container, JOHN, "Dana Rooz")
    async with talking(container) as talk:
        await talk("hi I need to book")
        await talk(JOHN)
        await talk("before that, you have my last name spelled wrong")
        t = await talk("R U I Z")
        assert "R-U-I-Z" in t.reply, talk.transcript()
        await talk("no")
        t = await talk("ah forget it, leave it")
        assert "day" in t.reply.lower(), talk.transcript()
        assert await talk.user_name(JOHN) == "Dana Rooz", talk.transcript()


async def test_on_a_voice_call_the_surname_is_spelled_after_registering(
    container: Container,
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("i need to book an appointment")
        await talk("six four six five five five zero one three nine")
        await talk("yes")
        await talk("dana rooz")
        await talk("yes")
        assert await talk.user_name(NEW) == "Dana Rooz", talk.transcript()
        t = await talk("actually it's ruiz r u i z")
        assert "R-U-I-Z" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.user_name(NEW) == "Dana Ruiz", talk.transcript()


async def test_after_a_no_the_name_is_spelled_letter_by_letter(container: Container) -> None:
    await add_caller(container, JOHN, "Anna Novak")
    async with talking(container, style="spoken") as talk:
        await talk("i want to book")
        await talk("one two three four five six seven eight nine zero")
        await talk("my surname is nowak not novak")
        t = await talk("no")
        assert "spell" in t.reply.lower(), talk.transcript()
        assert talk.listening.current.kind is Expectation.SPELLING, talk.transcript()
        t = await talk("n o w a c k")
        assert "N-O-W-A-C-K" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.user_name(JOHN) == "Anna Nowack", talk.transcript()


# --- an account opened without a name ("Unknown Caller") on an earlier call ---------------------
async def test_a_caller_whose_name_was_not_caught_is_asked_for_it_once_and_it_is_saved(
    container: Container,
) -> None:
    await add_caller(container, JOHN, UNKNOWN_NAME, (FRIDAY, time(10)))
    async with talking(container, style="spoken") as talk:
        await talk("hi um I want to check when my appointment is")
        t = await talk("one two three four five six seven eight nine zero")
        assert "Unknown" not in t.reply, talk.transcript()
        assert "May I have your full name" in t.reply, talk.transcript()
        t = await talk("yeah it's Priya Raman")
        assert "So that's Priya Raman" in t.reply and "put that name" in t.reply
        assert await talk.user_name(JOHN) == UNKNOWN_NAME  # nothing without a yes
        t = await talk("yes that's right")
        assert await talk.user_name(JOHN) == "Priya Raman", talk.transcript()
        # then what they called about
        assert "Friday, November 27th at 10 AM" in t.reply, talk.transcript()
        assert t.reply.count("name") <= 1, talk.transcript()


async def test_a_caller_who_goes_on_with_their_request_is_not_asked_again(
    container: Container,
) -> None:
    await add_caller(container, JOHN, UNKNOWN_NAME, (FRIDAY, time(10)))
    async with talking(container) as talk:
        await talk("I need to cancel my appointment")
        t = await talk(JOHN)
        assert "May I have your full name" in t.reply, talk.transcript()
        t = await talk("can we just cancel the friday one please")
        assert "Shall I cancel your appointment on Friday, November 27th at 10 AM?" in t.reply, (
            talk.transcript()
        )
        t = await talk("yes")
        assert await talk.booked(JOHN) == [], talk.transcript()
        assert "name" not in t.reply.lower(), talk.transcript()
        assert await talk.user_name(JOHN) == UNKNOWN_NAME  # left for the front desk
    async with talking(container) as talk:  # asked again on the next call: still unknown
        await talk("hi, can I book for Monday")
        t = await talk(JOHN)
        assert "May I have your full name" in t.reply, talk.transcript()
        t = await talk("no thanks")
        assert "front desk can add it later" in t.reply, talk.transcript()
        assert "name" not in (await talk("9 am")).reply.lower(), talk.transcript()


async def test_a_caller_with_a_name_on_file_is_not_asked_for_it(container: Container) -> None:
    await add_caller(container, JOHN, "Anna Novak", (FRIDAY, time(10)))
    async with talking(container) as talk:
        await talk("when's my appointment")
        t = await talk(JOHN)
        assert "name" not in t.reply.lower() and "Friday" in t.reply, talk.transcript()
