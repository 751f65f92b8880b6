"""Repairing a misheard phone number: a rejected number is checked group by group, a group
the caller says "no" to is asked for again with the readings they rejected passed to the
recogniser, and nothing is looked up or registered on a number the caller did not confirm.
Callers speak the digits as words (what a recogniser writes), in messy real phrasings."""

from __future__ import annotations

from voice_agent.adapters.offline.dialogue.policy import ONE_AT_A_TIME_AFTER
from voice_agent.bootstrap import Container
from voice_agent.domain.listening import Expectation, Listening

from .talk import Talk, talking


def _looked_up(talk: Talk) -> list[str]:
    return [args["phone_number"] for _, turn in talk.turns for args in turn.called("identify_user")]


async def _into_groups(talk: Talk) -> None:
    await talk("I'd like to book an appointment")
    await talk("uh let me find it")
    t = await talk("hmm hold on")
    assert "first three digits" in t.reply
    assert talk.listening.current == Listening(Expectation.PHONE, 3, part=0)


async def test_a_rejected_number_is_checked_in_parts_and_only_the_wrong_part_asked_again(
    container: Container,
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("I'd like to book an appointment")
        t = await talk("six one seven five five two zero one four two")
        assert "6 1 7, 5 5 2, 0 1 4 2" in t.reply
        t = await talk("that's not right")
        assert "first three digits: 6 1 7. Is that right?" in t.reply
        assert talk.listening.current.kind is Expectation.YES_NO
        t = await talk("yeah")
        assert "next three: 5 5 2?" in t.reply
        t = await talk("nope")
        assert "next three digits" in t.reply
        current = talk.listening.current
        assert (current.kind, current.digits, current.rejected) == (Expectation.PHONE, 3, ("552",))
        t = await talk("five five five")
        assert "last four: 0 1 4 2?" in t.reply
        t = await talk("yes that's right")
        assert "6 1 7, 5 5 5, 0 1 4 2. Is that right?" in t.reply
        assert _looked_up(talk) == ["6175520142"]  # only the first reading, before the "no"
        t = await talk("yes")
        assert _looked_up(talk) == ["6175520142", "6175550142"]
        t = await talk("Ann Lee")
        assert "I have your name as Ann Lee. Is that right?" in t.reply
        t = await talk("yes")
        assert await talk.user_name("6175550142") == "Ann Lee"
        assert await talk.user_name("6175520142") is None


async def test_first_six_right_means_the_last_four_were_wrong(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("I need to book a check up")
        await talk("six one seven five five five zero one four seven")
        await talk("no that's wrong")
        await talk("yes")
        t = await talk("yep")
        assert "last four I got wrong" in t.reply
        assert talk.listening.current.rejected == ("0147",)
        t = await talk("oh one four two")
        assert "6 1 7, 5 5 5, 0 1 4 2. Is that right?" in t.reply


async def test_no_with_the_right_digits_to_a_part_read_back_takes_them(
    container: Container,
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("book me in please")
        await talk("nine one seven two two two three four five six")
        await talk("nope that's the wrong number")
        t = await talk("no, it's eight one seven")
        assert "I have 8 1 7." in t.reply and "next three: 2 2 2?" in t.reply
        assert _looked_up(talk) == ["9172223456"]


async def test_messy_noes_while_collecting_groups(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await _into_groups(talk)
        t = await talk("seven seven one")
        assert "I have 7 7 1. And the next three digits?" in t.reply
        # a "no" with the right digits replaces the group just read back
        t = await talk("nope, seven seven two")
        assert "I have 7 7 2. And the next three digits?" in t.reply
        t = await talk("five five two")
        assert "I have 7 7 2, 5 5 2" in t.reply and "last four" in t.reply
        # a correction naming an earlier group
        t = await talk("no, the middle bit is 555")
        assert "I have 7 7 2, 5 5 5" in t.reply and "last four" in t.reply
        t = await talk("zero one four two")
        assert "7 7 2, 5 5 5, 0 1 4 2. Is that right?" in t.reply
        assert _looked_up(talk) == []
        t = await talk("yes it is")
        assert _looked_up(talk) == ["7725550142"]


async def test_a_bare_no_to_a_group_takes_it_back_and_tells_the_recogniser(
    container: Container,
) -> None:
    async with talking(container, style="spoken") as talk:
        await _into_groups(talk)
        await talk("two one three")
        t = await talk("that's not right")
        assert "first three digits" in t.reply and "I have" not in t.reply
        current = talk.listening.current
        assert (current.kind, current.digits, current.rejected) == (Expectation.PHONE, 3, ("213",))
        await talk("eight one three")
        t = await talk("no")
        assert talk.listening.current.rejected == ("213", "813")
        await talk("nine one three")
        await talk("five five five")
        t = await talk("zero one four two")
        assert "9 1 3, 5 5 5, 0 1 4 2. Is that right?" in t.reply


async def test_each_group_asked_for_names_its_part_to_the_recogniser(
    container: Container,
) -> None:
    """The recogniser weighs what earlier turns heard of the group asked for (numbers33):
    it is told which group that is, asked afresh or asked again after a "no"; a group read
    back for a yes or no is no group turn."""
    async with talking(container, style="spoken") as talk:
        await _into_groups(talk)
        await talk("six one seven")
        assert talk.listening.current == Listening(Expectation.PHONE, 3, part=1)
        await talk("uh, five five five")
        assert talk.listening.current == Listening(Expectation.PHONE, 4, part=2)
        t = await talk("nope, that's wrong")
        assert "next three digits" in t.reply
        assert talk.listening.current == Listening(Expectation.PHONE, 3, ("555",), part=1)
        await talk("five five eight")
        t = await talk("zero one four two")
        assert "Is that right?" in t.reply and talk.listening.current.part is None
        t = await talk("no, that's not it")
        assert "first three digits: 6 1 7. Is that right?" in t.reply
        assert talk.listening.current.part is None  # a yes or a no
        t = await talk("no")
        assert talk.listening.current == Listening(Expectation.PHONE, 3, ("617",), part=0)


async def test_no_to_the_whole_number_never_looks_it_up(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await _into_groups(talk)
        await talk("six one seven")
        await talk("five five five")
        t = await talk("zero one four two")
        assert "Is that right?" in t.reply
        t = await talk("no, that's not it")
        assert _looked_up(talk) == []
        assert "first three digits: 6 1 7. Is that right?" in t.reply
        # a "no" to a part is never agreement: the part is not kept
        t = await talk("no")
        assert "I have" not in t.reply and "first three digits" in t.reply
        assert talk.listening.current.rejected == ("617",)
        assert _looked_up(talk) == []


async def test_a_group_rejected_again_and_again_is_asked_for_one_digit_at_a_time(
    container: Container,
) -> None:
    async with talking(container, style="spoken") as talk:
        await _into_groups(talk)
        heard = ["two one three", "eight one three", "two one eight", "nine one eight"]
        for count, group in enumerate(heard[:ONE_AT_A_TIME_AFTER], 1):
            assert "one at a time" not in (await talk(group)).reply
            t = await talk("no")
            slowly = count >= ONE_AT_A_TIME_AFTER
            assert ("one at a time" in t.reply) is slowly, t.reply
            assert "first three digits" in t.reply
            current = talk.listening.current
            assert (current.kind, current.digits) == (Expectation.PHONE, 3)
            assert len(current.rejected) == count
        # said slowly and heard right, it is taken like any other group
        t = await talk("nine, one, three")
        assert "I have 9 1 3. And the next three digits?" in t.reply


async def test_a_no_to_the_digits_heard_so_far_starts_the_number_in_parts(
    container: Container,
) -> None:
    # the recogniser caught only part of the number, and that part wrong: "I have ... so
    # far. And the rest of the number?" answered "no" used to bring the same question back
    async with talking(container, style="spoken") as talk:
        await talk("hi um I'd like to book a cleaning please")
        t = await talk("four two seven five one")
        assert "I have 4 2 7, 5 1 so far. And the rest of the number?" in t.reply
        t = await talk("no no that's not it")
        assert "so far" not in t.reply and "first three digits" in t.reply
        current = talk.listening.current
        assert (current.kind, current.digits) == (Expectation.PHONE, 3)
        await talk("six two six")
        await talk("six nine four")
        t = await talk("two seven five one")
        assert "6 2 6, 6 9 4, 2 7 5 1. Is that right?" in t.reply
        assert _looked_up(talk) == []


async def test_a_no_with_other_digits_to_the_digits_heard_so_far_replaces_them(
    container: Container,
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("can I make an appointment for Friday")
        t = await talk("four two seven")
        assert "I have 4 2 7 so far." in t.reply
        t = await talk("no sorry it's six two six")
        assert "I have 6 2 6 so far." in t.reply
        t = await talk("six nine four two seven five one")
        assert "6 2 6, 6 9 4, 2 7 5 1" in t.reply


async def test_the_rest_of_the_number_after_a_right_start_is_joined_to_it(
    container: Container,
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("I want to book something next week")
        t = await talk("six two six")
        assert "I have 6 2 6 so far." in t.reply
        t = await talk("yeah six nine four, two seven five one")
        assert "6 2 6, 6 9 4, 2 7 5 1" in t.reply


async def test_the_digits_heard_so_far_are_read_back_in_a_numbers_groups(
    container: Container,
) -> None:
    """A typed "617555014" (a digit short) was read back "I have 617555014 so far": a run
    of nine digits to check by eye (or, spoken, by ear) against the number the caller has."""
    async with talking(container, style="written") as talk:
        await talk("hi, I need to book a checkup")
        t = await talk("617555014")
        assert "I have 617-555-014 so far. And the rest of the number?" in t.reply
        t = await talk("2")  # the one digit missing: it was "Sorry, I didn't catch that", for ever
        assert "I don't have an account under 617-555-0142." in t.reply
    async with talking(container, style="spoken") as talk:
        await talk("can I get an appointment friday")
        t = await talk("six one seven five five five oh one four")
        assert "I have 6 1 7, 5 5 5, 0 1 4 so far." in t.reply


async def test_one_digit_alone_is_the_rest_of_a_number_one_short(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("I'd like to come in on Monday")
        t = await talk("six one seven, five five five, oh one four")
        assert "so far. And the rest of the number?" in t.reply
        t = await talk("oh")  # an interjection as often as a zero: not taken alone
        assert "so far" in t.reply and _looked_up(talk) == []
        t = await talk("two")
        assert "6 1 7, 5 5 5, 0 1 4 2" in t.reply
    async with talking(container, style="written") as talk:
        await talk("I want to book")
        t = await talk("2")  # no number begun: a lone digit is no part of one
        assert "so far" not in t.reply and _looked_up(talk) == []


async def test_the_rest_of_a_number_not_heard_is_asked_for_plainly_with_a_way_to_start_over(
    container: Container,
) -> None:
    """ "Sorry, I didn't catch that. I have 617-555 so far. And the rest of the number?", then
    "Sorry, I still didn't get that. ..." for as long as the caller did not follow: never how
    many digits were missing, nor that the whole number could be said again."""
    async with talking(container, style="written") as talk:
        await talk("hi I'd like to book an appointment")
        t = await talk("my number is 617 555")
        assert "I have 617-555 so far. And the rest of the number?" in t.reply
        first = (await talk("erm")).reply
        assert "the last 4 digits" in first and "617-555" in first, first
        assert "start over" in first, first
        second = (await talk("I'm not sure what you mean")).reply
        assert "the last 4 digits" in second and "start over" in second, second
        assert second != first
        t = await talk("oh sorry, it's 212 555 0199")  # starting over: the whole number
        assert "212-555-0199" in t.reply and "617" not in t.reply, t.reply
    async with talking(container, style="spoken") as talk:
        await talk("can I book Friday")
        t = await talk("one six one seven five five five")  # the country code, then six digits
        assert "so far. And the rest of the number?" in t.reply
        t = await talk("uh")
        assert "the last 4 digits" in t.reply, t.reply
    async with talking(container, style="written") as talk:
        await talk("I want to book")
        await talk("617 555 014")
        t = await talk("what now")
        assert "the last digit of your number" in t.reply, t.reply


async def test_a_goodbye_where_the_number_was_to_be_asked_in_parts_is_a_plain_goodbye(
    container: Container,
) -> None:
    """The caller said goodbye instead of the number asked for again: the agent's last line
    began "Sorry, let's take it in parts." before its goodbye, a preface to a question it
    never asked."""
    async with talking(container, style="spoken") as talk:
        await talk("hi I can't remember when my next appointment is")
        t = await talk("it's five oh five five five five zero one seven seven (number unsure)")
        assert "once more" in t.reply
        t = await talk("oh right, thank you. bye")
        assert talk.ended, talk.transcript()
        assert "in parts" not in t.reply and "Have a great day" in t.reply, talk.transcript()
