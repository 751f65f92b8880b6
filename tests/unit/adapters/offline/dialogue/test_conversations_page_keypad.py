"""A browser call whose page has a keypad (``CallInfo.keypad``): the receptionist says once,
when it first asks for the number, that it can be typed there; what is typed comes as a
phone's keypad entry does ("2125550143#") and goes through the same read-back and yes.
Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time

from voice_agent.adapters.offline.dialogue.engine import PAGE_KEYPAD
from voice_agent.adapters.offline.dialogue.history import CallInfo
from voice_agent.bootstrap import Container

from .talk import THURSDAY, talking

MARY = "2125550143"


async def test_the_keypad_is_offered_once_and_a_typed_number_still_needs_a_yes(
    container: Container,
) -> None:
    async with talking(container, style="spoken", call=CallInfo(keypad=True)) as talk:
        t = await talk("hi um I'd like to book something for tomorrow, in the afternoon")
        assert t.reply.count(PAGE_KEYPAD) == 1, t.reply
        t = await talk("oh hang on, it's, uh")
        assert "keypad" not in t.reply, talk.transcript()
        t = await talk(MARY + "#")  # typed on the page: as a phone's keypad entry
        assert t.called("identify_user") == [{"phone_number": MARY}]
        assert "2 1 2, 5 5 5, 0 1 4 3" in t.reply and "If that number is right" in t.reply
        t = await talk("yes it is, Mary Jones")
        # the times that afternoon, the name read back in the question that books one
        assert "Mary Jones. Is that right?" not in t.reply
        assert "I have your name as Mary Jones." in t.reply and "Shall I book" in t.reply
        t = await talk("two o'clock")
        assert "Mary Jones. Shall I book Thursday, November 26th at 2 PM?" in t.reply
        assert await talk.booked(MARY) == [], talk.transcript()  # nothing without a yes
        t = await talk("yes please")
        assert await talk.booked(MARY) == [(THURSDAY, time(14))], talk.transcript()
        assert "keypad" not in " ".join(turn.reply for _, turn in talk.turns[1:])


async def test_without_a_keypad_nothing_is_said_of_one(container: Container) -> None:
    async with talking(container, style="spoken", call=CallInfo()) as talk:
        t = await talk("I'd like to book an appointment")
        assert "keypad" not in t.reply


async def test_a_phone_line_hears_its_own_keypad_words_not_the_pages(
    container: Container,
) -> None:
    async with talking(container, style="spoken", call=CallInfo(phone_line=True)) as talk:
        t = await talk("I'd like to book an appointment")
        assert PAGE_KEYPAD not in t.reply


def test_the_call_context_says_the_page_has_a_keypad() -> None:
    line = CallInfo(keypad=True).render()
    assert line == "Call context: phone_line=no; keypad=yes"
    assert CallInfo.parse(line) == CallInfo(keypad=True)
    assert CallInfo.parse("Call context: phone_line=yes") == CallInfo(phone_line=True)
