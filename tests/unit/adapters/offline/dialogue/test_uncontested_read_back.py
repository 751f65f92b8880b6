"""A number only one reader heard, that no other reader heard otherwise
(``listening.NUMBER_UNCONTESTED``: Whisper's ten digits, the grammar forced to ten digits
reading others, the domain LM holding none of the grammar's), with no account under it, is
read back with the name question: the caller's yes takes it (a name said after the yes is
the name), a no or a number said goes to the parts check or corrects it. One contested by
two readers (``NUMBER_ONE_READER``) is still asked again (test_number_doubt.py). Before, the
uncontested number was asked again, and a caller who had given it answered the read-back
they expected: "Yes, that's right. Owen Bradley" (numbers37's census: three right numbers
lost so)."""

from __future__ import annotations

from voice_agent.bootstrap import Container
from voice_agent.domain.listening import NUMBER_ONE_READER, NUMBER_UNCONTESTED

from .talk import talking

HEARD = "seven eight one five five five zero one nine three"
"""What Whisper alone made of "781 555 0193" (the grammar: "one eight nine ...")."""


async def test_a_yes_and_a_name_to_the_read_back_open_the_account(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("Hi, I need to book in for Friday at ten")
        t = await talk(f"{HEARD} {NUMBER_UNCONTESTED}")
        assert "7 8 1, 5 5 5, 0 1 9 3" in t.reply and "full name" in t.reply
        assert "once more" not in t.reply
        await talk("Yes, that's right. Owen Bradley")
        await talk("yes")
        assert await talk.user_name("7815550193") == "Owen Bradley", talk.transcript()


async def test_a_contested_number_is_still_asked_again(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("Hi, I need to book in for Friday at ten")
        t = await talk(f"{HEARD} {NUMBER_ONE_READER}")
        assert "once more" in t.reply, talk.transcript()
        await talk("Yes, that's right. Owen Bradley")
        assert await talk.container.scheduling.find_user_by_phone("7815550193") is None


async def test_a_no_to_the_read_back_opens_nothing_on_it(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("I'd like to book an appointment for Monday at eleven")
        await talk(f"my number is {HEARD} {NUMBER_UNCONTESTED}")
        t = await talk("no, that's not it")
        assert "first three digits" in t.reply, talk.transcript()
        await talk("yes please")
        await talk("yes")
        assert await talk.container.scheduling.find_user_by_phone("7815550193") is None


async def test_a_yes_taken_back_opens_nothing_on_it(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("I'd like to book an appointment for Monday at eleven")
        await talk(f"it's {HEARD} {NUMBER_UNCONTESTED}")
        t = await talk("yes - oh wait, no, the end is oh one three nine")
        assert "0 1 3 9" in t.reply, talk.transcript()
        await talk("Yes, Owen Bradley")
        await talk("yes")
        assert await talk.container.scheduling.find_user_by_phone("7815550193") is None
        assert await talk.user_name("7815550139") == "Owen Bradley", talk.transcript()


async def test_a_number_said_to_the_read_back_corrects_it(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("I'd like to book an appointment for Monday at eleven")
        await talk(f"{HEARD} {NUMBER_UNCONTESTED}")
        t = await talk("no sorry, seven eight one, five five five, zero one nine four")
        assert "7 8 1, 5 5 5, 0 1 9 4" in t.reply, talk.transcript()
        await talk("Yes, Owen Bradley")
        await talk("yes")
        assert await talk.user_name("7815550194") == "Owen Bradley", talk.transcript()
        assert await talk.container.scheduling.find_user_by_phone("7815550193") is None
