"""A number only one reader heard (``listening.NUMBER_ONE_READER``: Whisper's ten digits where
the grammar heard others), with no account under it, is read back with the name question like
any number (``tracking.ONE_READER_READ_BACK``): the caller's yes takes it, a no or a number
said corrects it, a name without a yes is followed by "is your number ...?". Before, it was
asked for again, which a recorded caller - whose next line answers the read-back - cannot
answer (voice27: 12 of 60 failed whole recorded calls). Nothing is opened without a yes."""

from __future__ import annotations

import pytest

from voice_agent.adapters.offline.dialogue import tracking
from voice_agent.bootstrap import Container
from voice_agent.domain.listening import NUMBER_ONE_READER

from .talk import Talk, talking

ONE = "six one five five five five zero one seven one"
"""What Whisper alone made of "six one five, five five five, zero one seven one"."""


@pytest.fixture(autouse=True)
def read_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """The switch on (it is off by default: a yes to any read-back would open a wrong account
    one time in five to twenty - test_number_doubt.py holds the default)."""
    monkeypatch.setattr(tracking, "ONE_READER_READ_BACK", True)


def _looked_up(talk: Talk) -> list[str]:
    return [c["phone_number"] for c in talk.calls("identify_user") if "name" not in c]


async def test_a_yes_and_a_name_to_the_read_back_open_the_account(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("Hi, um, I'd like to book something Wednesday after lunch if you can")
        t = await talk(f"sure it's {ONE} {NUMBER_ONE_READER}")
        assert "6 1 5, 5 5 5, 0 1 7 1" in t.reply and "full name" in t.reply
        assert "once more" not in t.reply
        t = await talk("Yes. Tobias Wright")
        await talk("yes")
        assert await talk.user_name("6155550171") == "Tobias Wright", talk.transcript()


async def test_a_name_without_a_yes_is_followed_by_the_number_asked(
    container: Container,
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("I need to book an appointment please, Monday at eleven")
        await talk(f"it's {ONE} {NUMBER_ONE_READER}")
        t = await talk("Tobias Wright")
        assert "6 1 5, 5 5 5, 0 1 7 1" in t.reply, talk.transcript()
        assert await talk.container.scheduling.find_user_by_phone("6155550171") is None


async def test_a_no_to_the_read_back_opens_nothing_on_it(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("I need to book an appointment please, Monday at eleven")
        await talk(f"my number is {ONE} {NUMBER_ONE_READER}")
        t = await talk("no, that's not right")
        assert "first three digits" in t.reply, talk.transcript()
        await talk("yes please")
        await talk("yes")
        assert await talk.container.scheduling.find_user_by_phone("6155550171") is None


async def test_a_number_said_to_the_read_back_corrects_it(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("I need to book an appointment please, Monday at eleven")
        await talk(f"my number is {ONE} {NUMBER_ONE_READER}")
        t = await talk("no sorry, it's six one five, five five five, zero one seven four")
        assert "6 1 5, 5 5 5, 0 1 7 4" in t.reply, talk.transcript()
        await talk("Yes, Tobias Wright")
        await talk("yes")
        assert await talk.user_name("6155550174") == "Tobias Wright", talk.transcript()
        assert await talk.container.scheduling.find_user_by_phone("6155550171") is None
