"""A first name alone that the recogniser's readers did not vouch for (``(name doubted)``):
asked spelled, whole, not built on with "Thanks, Alice. And your last name?" - the surname
said next would make a name the caller never said ("Alice" of "alice i read" for Alistair Reid,
then "Reid": "Alice Reid"). A vouched first name still gets the surname question."""

from __future__ import annotations

import pytest

from voice_agent.bootstrap import Container

from .talk import talking

DOUBTED = "(name doubted)"


@pytest.mark.parametrize(
    "heard",
    [
        "yes it's gary um lee",
        "yeah that's right, ellen a",
        "yes, marcus i think",
    ],
)
async def test_a_doubted_first_name_is_asked_spelled_not_its_surname(
    container: Container, heard: str
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("hi, can I book an appointment for Thursday at eleven")
        await talk("four one five, five five five, zero one six two")
        t = await talk(f"{heard} {DOUBTED}")
        assert "spell" in t.reply and "last name" not in t.reply, talk.transcript()
        assert t.called("identify_user") == [], talk.transcript()


async def test_the_doubted_first_name_spelled_whole_is_read_back_and_taken_on_a_yes(
    container: Container,
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("hi, can I book an appointment for Thursday at eleven")
        await talk("four one five, five five five, zero one six two")
        await talk(f"yes it's gary um lee {DOUBTED}")
        t = await talk("g a r e t h, space, l e e")
        assert "L-E-E" in t.reply and t.called("identify_user") == [], talk.transcript()
        t = await talk("yes")
        called = t.called("identify_user")
        assert called == [{"phone_number": "4155550162", "name": "Gareth Lee"}], talk.transcript()


async def test_a_vouched_first_name_still_gets_the_surname_question(
    container: Container,
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("hi, can I book an appointment for Thursday at eleven")
        await talk("four one five, five five five, zero one six two")
        t = await talk("yes it's gareth")
        assert "Gareth" in t.reply and "last name" in t.reply, talk.transcript()
