"""A reply to "may I have your full name?" in which no name is read but a weekday is heard
(a recogniser forcing "Rosa Delgado" into "you got it real sunday not book"): the name is
unheard, not a new day - the day asked stands. A caller who puts the day right at the name
question says so, and is heard."""

from __future__ import annotations

from voice_agent.bootstrap import Container

from .talk import FRIDAY, MONDAY, talking


def _days_looked_up(talk) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        a["date"]
        for _, t in talk.turns
        for name in ("fetch_available_slots", "book_appointment")
        for a in t.called(name)
    ]


async def _to_the_name_question(talk) -> None:  # type: ignore[no-untyped-def]
    await talk("hi, could I get something on friday, around one o'clock")
    await talk("six four six, five five five, zero one two four")
    t = await talk("yes")
    assert "name" in t.reply, talk.transcript()


async def test_a_weekday_heard_in_an_unread_name_keeps_the_day_asked(
    container: Container,
) -> None:
    async with talking(container, style="spoken") as talk:
        await _to_the_name_question(talk)
        await talk("you got it real sunday not book")
        await talk("the all tuesday not cool")
        await talk("r o s a space d e l g a d o")
        await talk("yes")
        asked = _days_looked_up(talk)
        assert str(FRIDAY) in asked, talk.transcript()
        assert not any(d in asked for d in ("2026-11-29", "2026-12-01")), talk.transcript()


async def test_a_day_put_right_at_the_name_question_is_taken(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await _to_the_name_question(talk)
        await talk("sorry, before that, could we make it monday instead")
        await talk("rosa delgado")
        asked = _days_looked_up(talk)
        assert str(MONDAY) in asked, talk.transcript()


async def test_a_soonest_heard_in_an_unread_spelling_keeps_the_time_asked(
    container: Container,
) -> None:
    # "R O S A, D E L G A D O." heard "are earliest i be oh the i'd the oh": the earliest
    # on Friday (9 AM) was offered in place of the one o'clock asked, and booked on a yes
    async with talking(container, style="spoken") as talk:
        await _to_the_name_question(talk)
        await talk("yes that's right rocio delgado (name doubted)")
        t = await talk("are earliest i be oh the i'd the oh (name doubted)")
        assert "9 AM" not in t.reply, talk.transcript()
