"""What a seventeenth blind batch (weeks and parts of a month, holidays, clock forms, paging
through the times offered) taught the receptionist, in other words than the corpus lines,
through a real text-mode session, the real tools and a real database. Today is Wednesday 25
November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

from voice_agent.bootstrap import Container

from .talk import FRIDAY_NEXT, JOHN, MONDAY, TUESDAY_NEXT, add_caller, talking

OTHER = "9995550100"


async def test_going_back_to_the_first_time_offered(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    taken = [(FRIDAY_NEXT, time(h)) for h in (9, 11, 12, 13, 14)]
    await add_caller(container, OTHER, "Ann Other", *taken)
    async with talking(container) as talk:
        t = await talk("hi, 123 456 7890, can you move my Monday appointment to Friday the 4th")
        assert "10 AM" in t.reply, talk.transcript()
        t = await talk("is there anything later than that one?")
        assert "3 PM" in t.reply, talk.transcript()
        t = await talk("hmm no, go back to the first one you offered")
        assert "at 10 AM?" in t.reply and "3 PM?" not in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(10))], talk.transcript()


async def test_no_daytime_to_an_offer_is_no_question_about_the_held_one(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY_NEXT, time(13)))
    async with talking(container) as talk:
        t = await talk("it's 123 456 7890, could I come in Friday at eight at night")
        assert "outside our hours" in t.reply, talk.transcript()
        t = await talk("oh. I can't do the daytime, I'm working")
        assert "move it" not in t.reply and "cancel it" not in t.reply, talk.transcript()
        await talk("never mind, I'll work something out and ring back, thank you")
        assert talk.ended, talk.transcript()
        assert await talk.booked(JOHN) == [(TUESDAY_NEXT, time(13))], talk.transcript()


async def test_not_before_an_hour_keeps_what_is_offered_after_it(container: Container) -> None:
    await add_caller(container, OTHER, "Ann Other", (TUESDAY_NEXT, time(14)))
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    async with talking(container) as talk:
        t = await talk("123 456 7890 here, I'd like Tuesday the 8th, around 2 but not before 2")
        assert "1 PM" not in t.reply and "3 PM" in t.reply, talk.transcript()


async def test_early_next_month_is_not_today(container: Container) -> None:
    async with talking(container) as talk:
        t = await talk("123 456 7890, John Smith. Something early next month, an afternoon")
        for _ in range(2):
            if "December" in t.reply:
                break
            t = await talk("yes")
        assert "December 1st" in t.reply or "December 2nd" in t.reply, talk.transcript()
        assert "November" not in t.reply, talk.transcript()


async def test_a_monday_after_new_year(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (date(2026, 12, 29), time(10)))
    async with talking(container) as talk:
        t = await talk("123 456 7890, please move the 29th to the Wednesday after New Year")
        assert "January 6th" in t.reply, talk.transcript()


async def test_a_weekday_and_date_that_disagree_are_pointed_out(container: Container) -> None:
    async with talking(container) as talk:
        t = await talk("Hi, John Smith, 123 456 7890. Can I get Wednesday the 10th at 10?")
        assert "December 10th is a Thursday, not a Wednesday" in t.reply, talk.transcript()
        assert "Shall I book" not in t.reply, talk.transcript()
        for _ in range(2):
            t = await talk("oh, the Thursday then, the 10th")
            if "Shall I book" in t.reply:
                break
        assert "Thursday, December 10th at 10 AM" in t.reply, talk.transcript()


async def test_a_move_to_a_weekday_and_date_that_disagree_says_so(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    async with talking(container) as talk:
        t = await talk("123 456 7890, move my Monday one to Friday the 10th please, same time")
        assert "December 10th is a Thursday, not a Friday" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(MONDAY, time(9))], talk.transcript()
