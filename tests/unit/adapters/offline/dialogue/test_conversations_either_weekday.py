"""The appointment to change named as one day or another ("the one on Tuesday or Thursday",
or two readers of the line that heard one weekday each) where the caller holds one on each:
asked which, never picked and read back for a yes that may be meant for the other."""

from __future__ import annotations

from datetime import date, time

from voice_agent.bootstrap import Container

from .talk import add_caller, talking

TUESDAY, THURSDAY = date(2026, 12, 1), date(2026, 12, 3)


async def test_one_day_or_another_to_which_appointment_is_asked_which(
    container: Container,
) -> None:
    await add_caller(
        container, "2125550104", "Stella Marino", (TUESDAY, time(10)), (THURSDAY, time(14))
    )
    async with talking(container, style="spoken") as talk:
        await talk("hi, I need to cancel one of my appointments, number's 212 555 0104")
        t = await talk("the one on tuesday or thursday")
        assert "Shall I cancel" not in t.reply, talk.transcript()
        assert "Tuesday" in t.reply and "Thursday" in t.reply and t.reply.endswith("?")
        t = await talk("yes, cancel it")
        assert t.called("cancel_appointment") == [], talk.transcript()
        t = await talk("the thursday one")
        assert "Shall I cancel your appointment on Thursday" in t.reply, talk.transcript()
    async with talking(container, style="spoken") as talk:
        await talk("hi, I need to change one of my appointments, number's 212 555 0104")
        t = await talk("um, the tuesday or the thursday one")
        assert "Shall I move" not in t.reply, talk.transcript()
        assert "Tuesday one or the Thursday one" in t.reply


async def test_one_day_held_or_a_day_to_go_to_is_no_either(container: Container) -> None:
    await add_caller(
        container, "2125550105", "Stella Marino", (TUESDAY, time(10)), (THURSDAY, time(14))
    )
    async with talking(container, style="spoken") as talk:
        await talk("hi, I need to cancel one of my appointments, number's 212 555 0105")
        t = await talk("the one on thursday")
        assert "Shall I cancel your appointment on Thursday" in t.reply, talk.transcript()
    async with talking(container, style="spoken") as talk:
        await talk("hi, I need to change one of my appointments, number's 212 555 0105")
        t = await talk("the tuesday one, to thursday or friday")
        assert "Tuesday one or the Thursday one" not in t.reply, talk.transcript()
