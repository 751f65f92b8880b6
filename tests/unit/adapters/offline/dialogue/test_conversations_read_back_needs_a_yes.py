"""A name read back by ear ("I have your name as ... Is that right?") and answered with
anything but a yes - a day and an hour, a request - agrees to nothing: the request is kept,
the name is read back again (in the booking question where it can be), and no account is
opened under it until a yes. Passed over twice, the account is opened for the front desk to
name. The same for a corrected name read back to a caller with an account: nothing changed
without a yes."""

from __future__ import annotations

from voice_agent.bootstrap import Container

from .talk import JOHN, add_caller, talking


async def test_a_day_and_hour_said_to_the_name_read_back_is_no_yes_to_the_name(
    container: Container,
) -> None:
    # the recorded call: the grammar forced "Bernadette Walsh" into another name, read back,
    # and the caller went on with the day they wanted
    async with talking(container, style="spoken") as talk:
        await talk("hi there, um, yeah, I was hoping to make an appointment")
        await talk("six one seven, five five five, zero one two three")
        t = await talk("yes that's right, and it's dixie okoro")
        assert "I have your name as Dixie Okoro. Is that right?" in t.reply
        t = await talk("um, monday if you've got it, around two?")
        assert t.called("identify_user") == [], talk.transcript()
        assert "I have your name as Dixie Okoro." in t.reply, t.reply
        assert "Monday" in t.reply and "2 PM" in t.reply, t.reply
        t = await talk("no, my name's not that, it's bernadette walsh")
        assert t.called("identify_user") == [] and t.called("book_appointment") == []


async def test_a_question_or_request_twice_to_the_name_read_back_leaves_it_for_staff(
    container: Container,
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("hi, I need to make an appointment")
        await talk("six one seven, five five five, zero one two four")
        await talk("yes. dixie okoro")
        t = await talk("can I come in on tuesday at ten")
        assert t.called("identify_user") == [], talk.transcript()
        t = await talk("tuesday at ten is what I'm after")
        called = t.called("identify_user")
        assert all(c.get("name") != "Dixie Okoro" for c in called), talk.transcript()


async def test_a_yes_to_the_name_read_back_still_takes_it(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("hi, I'd like to book an appointment")
        await talk("six one seven, five five five, zero one two five")
        await talk("yes. dixie okoro")
        t = await talk("yes that's right")
        assert t.called("identify_user") == [{"phone_number": "6175550125", "name": "Dixie Okoro"}]


async def test_a_request_said_to_a_corrected_name_read_back_changes_no_name(
    container: Container,
) -> None:
    # by ear: the spelling a recogniser heard may be forced (a typed name is the caller's own
    # spelling, and going on agrees to it - test_conversations_leftovers16)
    await add_caller(container, JOHN, "Dana Rooz")
    async with talking(container, style="spoken") as talk:
        await talk("hi I need to book something")
        await talk(JOHN)
        t = await talk("oh my name is wrong, it's Dana Ruiz")
        assert "Ruiz" in t.reply and t.reply.endswith("?"), talk.transcript()
        t = await talk("friday at ten please")
        assert t.called("update_name") == [], talk.transcript()
        assert "Ruiz" in t.reply, t.reply
        t = await talk("friday at ten, like I said")
        assert t.called("update_name") == [], talk.transcript()
        assert await talk.user_name(JOHN) == "Dana Rooz", talk.transcript()


async def test_a_new_day_said_to_the_name_read_back_after_a_closed_day_carries_the_name(
    container: Container,
) -> None:
    # the first read-back came on its own (the day asked for is closed, so another was to be
    # offered); the caller passes over it with another day: the booking question for that day
    # reads the name back, and one yes takes both - not a second read-back on its own that
    # takes the yes meant for the booking
    async with talking(container, style="spoken") as talk:
        await talk("hiya, could I get seen this saturday, in the morning")
        await talk("seven one four, five five five, zero one three one")
        t = await talk("yes. dixie okoro")
        assert "Dixie Okoro" in t.reply and t.called("identify_user") == [], talk.transcript()
        t = await talk("ah, you're shut weekends? next tuesday morning then")
        assert t.called("identify_user") == [], talk.transcript()
        assert "I have your name as Dixie Okoro." in t.reply, t.reply
        assert "Tuesday" in t.reply and "Shall I book" in t.reply, t.reply
        t = await talk("yeah go on")
        assert t.called("identify_user") == [{"phone_number": "7145550131", "name": "Dixie Okoro"}]
        assert len(t.called("book_appointment")) == 1, talk.transcript()
