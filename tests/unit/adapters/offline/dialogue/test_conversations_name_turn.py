"""What a caller says at the name question other than a name: a goodbye, putting the call
off, a question. The recogniser hands on their words (Whisper's reading, bench/README.md
"namespell"); the dialogue takes them as what they are, never as a name."""

from __future__ import annotations

import pytest

from voice_agent.bootstrap import Container

from .talk import talking

NUMBER = "2022550188"


async def _at_the_name_question(talk: object) -> None:
    await talk("Hi, I'd like to make an appointment")  # type: ignore[operator]
    t = await talk("two zero two two five five zero one eight eight")  # type: ignore[operator]
    assert "name" in t.reply


@pytest.mark.parametrize(
    "said",
    [
        "oh shoot sorry someone set the door i'll call back later bye",
        "you know what forget it bye",
        "i'll have to call you back sorry",
        "no i'm okay i'll need to check when work first i'll call back bye",
        "actually never mind i'll call back another time",
        "oh i have to go bye bye",
    ],
)
async def test_a_caller_who_puts_the_call_off_at_the_name_question_is_let_go(
    container: Container, said: str
) -> None:
    async with talking(container, style="spoken") as talk:
        await _at_the_name_question(talk)
        t = await talk(said)
        assert talk.ended, talk.transcript()
        assert t.called("identify_user") == [], talk.transcript()
        assert await talk.user_name(NUMBER) is None


@pytest.mark.parametrize(
    "said", ["sorry why do you need my name", "can i ask how much it costs first"]
)
async def test_a_question_at_the_name_question_is_answered_and_the_name_asked_again(
    container: Container, said: str
) -> None:
    async with talking(container, style="spoken") as talk:
        await _at_the_name_question(talk)
        t = await talk(said)
        assert not talk.ended, talk.transcript()
        assert t.called("identify_user") == [], talk.transcript()
        assert "name" in t.reply, talk.transcript()
        t = await talk("yes my name is sarah johnson")
        assert "Sarah Johnson" in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "heard",
    [
        "yes so i real bye good",  # "Yes, Funmilayo Byrd" on an espeak voice (voice29)
        "my name is bye the sun",
        "it's uh bye you more",
    ],
)
async def test_a_name_heard_as_a_bye_mid_turn_is_asked_again_not_a_goodbye(
    container: Container, heard: str
) -> None:
    async with talking(container, style="spoken") as talk:
        await _at_the_name_question(talk)
        t = await talk(heard)
        assert not talk.ended, talk.transcript()
        assert "name" in t.reply, talk.transcript()
        assert t.called("identify_user") == [], talk.transcript()
        t = await talk("yes my name is sarah byrd")
        assert "Sarah Byrd" in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "said",
    [
        "oh gosh the baby's woken up, bye bye, sorry",
        "ah sorry i've got another call coming in bye bye sorry",
        "oh hang on, no, bye, sorry about that",
        "sorry, bye bye, sorry",
    ],
)
async def test_a_goodbye_said_with_an_apology_after_it_at_the_name_question_ends_the_call(
    container: Container, said: str
) -> None:
    # a caller who leaves apologises after the "bye" as often as before it: no name was
    # misheard into it, and asking for the name again keeps them on the line for nothing
    async with talking(container, style="spoken") as talk:
        await _at_the_name_question(talk)
        t = await talk(said)
        assert talk.ended, talk.transcript()
        assert t.called("identify_user") == [], talk.transcript()
        assert await talk.user_name(NUMBER) is None
