"""The receptionist's policy, call by call, through a real text-mode session with the real
tools and a real database. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

import re
from datetime import time

import pytest

from voice_agent.adapters.offline.dialogue.history import CallInfo
from voice_agent.bootstrap import Container
from voice_agent.domain.errors import InvalidPhoneNumber
from voice_agent.domain.listening import UNCLEAR_NAME, Expectation

from .talk import FRIDAY, JOHN, MONDAY, THURSDAY, WEDNESDAY_NEXT, add_caller, talking


async def test_new_caller_number_is_read_back_before_the_account_is_opened(
    container: Container,
) -> None:
    async with talking(container) as talk:
        await talk("Hi, I'd like to book an appointment")
        t = await talk("my number is 973 555 0142")
        assert "973-555-0142" in t.reply
        assert t.called("identify_user") == [{"phone_number": "9735550142"}]
        # the caller corrects it instead of giving a name: no account on the wrong number
        t = await talk("no, that's wrong, it's 973 555 0124")
        assert "973-555-0124" in t.reply
        t = await talk("Ann Lee")
        assert t.called("identify_user") == [{"phone_number": "9735550124", "name": "Ann Lee"}]
        assert await talk.user_name("9735550142") is None
        assert await talk.user_name("9735550124") == "Ann Lee"


async def test_nothing_is_booked_without_a_yes_naming_the_day_and_time(
    container: Container,
) -> None:
    async with talking(container) as talk:
        t = await talk("Tomorrow at 2 PM please")
        assert "phone number" in t.reply
        await talk("5551234567")
        t = await talk("Mia Chen")
        assert re.search(r"Thursday, November 26th at 2 PM\?", t.reply)
        assert not t.called("book_appointment")
        t = await talk("no, actually make it 3")
        assert "3 PM" in t.reply and not t.called("book_appointment")
        t = await talk("yes")
        assert t.called("book_appointment") == [{"date": "2026-11-26", "time": "15:00"}]
        assert await talk.booked("5551234567") == [(THURSDAY, time(15))]


async def test_goodbye_before_confirming_changes_nothing(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(9)))
    async with talking(container) as talk:
        await talk("I need to cancel my appointment")
        t = await talk(JOHN)
        assert "Shall I cancel your appointment on Friday, November 27th at 9 AM?" in t.reply
        await talk("actually, never mind, goodbye")
        assert talk.ended
        assert await talk.booked(JOHN) == [(FRIDAY, time(9))]


async def test_taken_slot_gets_the_nearest_free_ones(container: Container) -> None:
    await add_caller(container, "5550001111", "Other Person", (THURSDAY, time(14)))
    async with talking(container) as talk:
        await talk("Can I come in tomorrow at 2?")
        await talk("5551234567")
        t = await talk("Mia Chen")
        assert "taken" in t.reply
        assert "1 PM" in t.reply and "3 PM" in t.reply
        t = await talk("3 then")
        assert "Shall I book Thursday, November 26th at 3 PM?" in t.reply


async def test_weekend_gets_the_next_open_days(container: Container) -> None:
    async with talking(container) as talk:
        await talk("This Saturday at ten")
        await talk("5551234567")
        t = await talk("Mia Chen")
        assert "weekend" in t.reply
        assert "Monday, November 30th at 10 AM" in t.reply
        assert "Shall I book Saturday" not in t.reply


async def test_asking_for_the_slot_one_holds_is_recognised(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(9)))
    async with talking(container) as talk:
        await talk("Hi, this is John Smith, 123 456 7890")
        t = await talk("I'd like to book Friday at 9")
        assert "already have an appointment" in t.reply
        assert not t.called("book_appointment")


async def test_afternoon_only_offers_afternoon_times(container: Container) -> None:
    async with talking(container) as talk:
        t = await talk("Do you have anything Thursday afternoon?")
        times = re.findall(r"\b(\d{1,2}) (AM|PM)\b|\bnoon\b", t.reply)
        assert times and all(unit != "AM" for _, unit in times)


async def test_earliest_is_proposed_directly(container: Container) -> None:
    async with talking(container) as talk:
        t = await talk("What's the earliest appointment you have?")
        assert "earliest" in t.reply.lower() and "11 AM" in t.reply
        t = await talk("yes please")
        assert "phone number" in t.reply
        await talk("5551234567")
        t = await talk("Mia Chen")
        # the yes to "the earliest is Wednesday at 11 AM, would you like it?" books it
        assert t.called("book_appointment") == [{"date": "2026-11-25", "time": "11:00"}]


async def test_reschedule_by_description_and_same_time(container: Container) -> None:
    codes = await add_caller(
        container, JOHN, "John Smith", (FRIDAY, time(9)), (WEDNESDAY_NEXT, time(10))
    )
    async with talking(container) as talk:
        await talk("I need to move my Friday appointment to Monday, same time")
        t = await talk(JOHN)
        assert "from Friday, November 27th at 9 AM to Monday, November 30th at 9 AM" in t.reply
        t = await talk("yes")
        assert t.called("modify_appointment") == [
            {"appointment_id": codes[0], "new_date": "2026-11-30", "new_time": "09:00"}
        ]
        assert await talk.booked(JOHN) == [(MONDAY, time(9)), (WEDNESDAY_NEXT, time(10))]


async def test_push_back_an_hour_moves_only_after_yes(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(9)))
    async with talking(container) as talk:
        await talk("Could I push my appointment back an hour?")
        t = await talk(JOHN)
        assert "to Friday, November 27th at 10 AM?" in t.reply
        assert await talk.booked(JOHN) == [(FRIDAY, time(9))]
        await talk("yep")
        assert await talk.booked(JOHN) == [(FRIDAY, time(10))]


async def test_cancel_one_of_two_by_its_time(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(9)), (WEDNESDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk("I can't make my 10 o'clock, could you cancel it?")
        t = await talk(JOHN)
        assert "Shall I cancel your appointment on Wednesday, December 2nd at 10 AM?" in t.reply
        await talk("yes please")
        assert await talk.booked(JOHN) == [(FRIDAY, time(9))]


async def test_whats_my_code(container: Container) -> None:
    codes = await add_caller(container, JOHN, "John Smith", (FRIDAY, time(9)))
    async with talking(container) as talk:
        await talk("I lost my confirmation code")
        t = await talk(JOHN)
        assert codes[0].upper() in t.reply


async def test_number_in_two_pieces(container: Container) -> None:
    await add_caller(container, "6465550177", "Dan Brown")
    async with talking(container) as talk:
        await talk("I want to check my appointments")
        t = await talk("646 555")
        assert "rest" in t.reply
        assert talk.listening.current.kind is Expectation.PHONE
        t = await talk("0177")
        assert "found your account" in t.reply and "Dan" not in t.reply


async def test_two_failed_attempts_get_plain_instructions(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("I want to book an appointment")
        await talk("uh let me find it")
        t = await talk("hmm hold on")
        assert "one digit at a time" in t.reply or "in parts" in t.reply


async def test_wrong_digit_count_says_what_was_heard(container: Container) -> None:
    async with talking(container) as talk:
        await talk("I'd like to book")
        t = await talk("my number is 646 555 01777 2")
        assert "I heard 12 digits" in t.reply


async def test_clinic_questions_then_back_to_the_task(container: Container) -> None:
    async with talking(container) as talk:
        t = await talk("What are your opening hours?")
        assert "Monday to Friday" in t.reply and "anything else" in t.reply
        t = await talk("Can I speak to a person?")
        assert "staff" in t.reply


async def test_listening_hint_follows_the_question(container: Container) -> None:
    async with talking(container) as talk:
        await talk("I'd like to book")
        assert talk.listening.current.kind is Expectation.PHONE
        assert talk.listening.current.digits == 10
        await talk("646 555 0177")
        assert talk.listening.current.kind is Expectation.NAME
        await talk("Dan Brown")
        assert talk.listening.current.kind is Expectation.DATE_TIME
        await talk("Monday at 10")
        assert talk.listening.current.kind is Expectation.YES_NO


async def test_spoken_style_reads_codes_and_numbers_one_by_one(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("book me in Monday at 10")
        t = await talk("six four six five five five zero one seven seven")
        assert "6 4 6, 5 5 5, 0 1 7 7" in t.reply
        # a heard number is confirmed before an account is opened: read back with the name
        # heard in the question that books the time asked for
        t = await talk("Dan Brown")
        assert "I have your name as Dan Brown, on the number 6 4 6, 5 5 5, 0 1 7 7." in t.reply
        assert "Shall I book Monday" in t.reply and t.called("identify_user") == []
        await talk("yes")
        code = await talk.booked("6465550177")
        assert code == [(MONDAY, time(10))]
        assert re.search(r"code is( [A-Z2-9]){8}\.", talk.turns[-1][1].reply)


async def test_phone_caller_known_by_caller_id(container: Container) -> None:
    """A caller ID on file was greeted "Am I speaking with John?" (a caller ID is what the
    line reports, spoofable); "the number I'm calling from" finds the account, and its
    appointments are read, without its name."""
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(9)))
    call = CallInfo(phone_line=True, caller_id="+11234567890")
    async with talking(container, call=call) as talk:
        t = await talk("hi, I want to check my appointment")
        assert not t.called("identify_user")  # not looked up unasked
        t = await talk("it's the number I'm calling from")
        assert t.called("identify_user") == [{"phone_number": "1234567890"}]
        assert "Friday, November 27th at 9 AM" in t.reply
        assert all("John" not in turn.reply for _, turn in talk.turns)


async def test_a_no_to_the_earliest_time_on_the_keypad_menu_moves_on_to_the_next(
    container: Container,
) -> None:
    """After a "no" in the keypad flow the agent said "The earliest I have is ..." again,
    word for word but for the time: as if the caller's no had not been heard."""
    await add_caller(container, JOHN, "John Smith")
    call = CallInfo(phone_line=True, caller_id="+11234567890")
    async with talking(container, call=call) as talk:
        await talk("the number I'm calling from")
        first = await talk("1#")
        assert first.reply.startswith("The earliest I have is"), first.reply
        second = await talk("no")
        assert "earliest" not in second.reply, second.reply
        assert "The next one I have is" in second.reply and "Shall I book it?" in second.reply
        third = await talk("no")
        assert "earliest" not in third.reply and "After that, I have" in third.reply
        times = [re.search(r" at (\S+ [AP]M|noon)\.", t.reply) for t in (first, second, third)]
        assert len({m.group(1) for m in times if m}) == 3  # three different times, in turn
        await talk("yes")
        assert len(await talk.booked(JOHN)) == 1


async def test_keypad_entry_is_offered_on_a_phone_line(container: Container) -> None:
    await add_caller(container, "6465550177", "Dan Brown")
    async with talking(container, call=CallInfo(phone_line=True)) as talk:
        await talk("I want to check my appointments")
        await talk("it's uh hmm")
        t = await talk("um")
        assert "keypad" in t.reply
        t = await talk("6465550177#")
        assert "found your account" in t.reply and "Dan" not in t.reply


async def test_keypad_is_offered_with_the_first_ask_on_a_phone_line(container: Container) -> None:
    # offline, a phone line's spoken digits are rarely heard (bench/README.md, "Phone line")
    async with talking(container, call=CallInfo(phone_line=True)) as talk:
        t = await talk("I want to check my appointments")
        assert "phone number" in t.reply and "keypad" in t.reply
        t = await talk("it's uh hmm")
        assert "keypad" in t.reply
    async with talking(container) as talk:  # a browser has no keypad
        await talk("I want to check my appointments")
        t = await talk("it's uh hmm")
        assert "phone number" in t.reply and "keypad" not in t.reply


async def test_this_number_means_the_caller_id(container: Container) -> None:
    await add_caller(container, "6465550177", "Dan Brown")
    call = CallInfo(phone_line=True, caller_id="+16465550177")
    async with talking(container, call=call) as talk:
        await talk("I want to check my appointments")
        t = await talk("the number I'm calling from")
        assert "found your account" in t.reply and "Dan" not in t.reply


async def test_a_confirmation_code_typed_on_the_keypad(container: Container) -> None:
    codes = await add_caller(
        container, JOHN, "John Smith", (FRIDAY, time(9)), (WEDNESDAY_NEXT, time(10))
    )
    keys = {c: k for k, letters in
            {"2": "abc", "3": "def", "4": "ghi", "5": "jkl", "6": "mno", "7": "pqrs",
             "8": "tuv", "9": "wxyz"}.items() for c in letters}  # fmt: skip
    typed = "".join(keys.get(ch, ch) for ch in codes[1]) + "#"
    async with talking(container, call=CallInfo(phone_line=True)) as talk:
        await talk("I need to cancel an appointment")
        t = await talk(JOHN)
        assert "Which appointment" in t.reply and "code on your keypad" in t.reply
        t = await talk(typed)
        assert "Shall I cancel your appointment on Wednesday, December 2nd at 10 AM?" in t.reply


async def test_a_list_of_times_asks_about_the_first_so_a_plain_yes_books_it(
    container: Container,
) -> None:
    async with talking(container) as talk:
        await talk("could I come in thursday afternoon, whenever suits")
        await talk("5551234567")
        t = await talk("Mia Chen")
        assert re.search(
            r"I have noon, 1 PM, 2 PM or 3 PM\. Shall I book Thursday, November 26th at noon\?",
            t.reply,
        )
        assert talk.listening.current.kind is Expectation.YES_NO
        t = await talk("ok sure")
        assert t.called("book_appointment") == [{"date": "2026-11-26", "time": "12:00"}]


async def test_another_offered_time_is_confirmed_before_booking(container: Container) -> None:
    async with talking(container) as talk:
        await talk("thursday afternoon please")
        await talk("5551234567")
        await talk("Mia Chen")
        t = await talk("hmm, the last one would be better")
        assert "Shall I book Thursday, November 26th at 3 PM?" in t.reply
        assert not t.called("book_appointment")
        t = await talk("thursday at one then")  # an offered time named: still a choice
        assert "Shall I book Thursday, November 26th at 1 PM?" in t.reply
        assert not t.called("book_appointment")
        t = await talk("yep")
        assert t.called("book_appointment") == [{"date": "2026-11-26", "time": "13:00"}]


async def test_yeah_no_turns_down_the_whole_list(container: Container) -> None:
    async with talking(container) as talk:
        await talk("thursday afternoon please")
        await talk("5551234567")
        await talk("Mia Chen")
        t = await talk("yeah, no, none of those really")
        assert not t.called("book_appointment")
        assert not re.search(r"Thursday, November 26th at (?:noon|[123] PM)\?", t.reply)


async def test_an_unheard_name_after_yes_is_not_asked_for_forever(container: Container) -> None:
    # what a recogniser makes of "Yes, that's right. Vera Kowalski" when it can't hear the name
    async with talking(container) as talk:
        await talk("Hi, I'd like to book an appointment")
        t = await talk("two zero seven five five five zero one three two")
        assert "full name" in t.reply
        t = await talk("yes that's right me like else t")
        assert "didn't catch your name" in t.reply
        t = await talk("yes that's right i'd last works")
        assert "spell" in t.reply.lower()


async def test_a_spoken_number_no_us_line_has_is_asked_again_not_registered(
    container: Container,
) -> None:
    # "860 555 0149" as a recogniser heard it: an area code starting with 0 is a mishearing
    async with talking(container) as talk:
        await talk("I need to book a check up")
        t = await talk("oh two eight three three eight six six zero five")
        assert "doesn't sound like a US number" in t.reply
        t = await talk("yes that's right")  # a caller answering the read-back by habit
        assert t.called("identify_user") == []
        t = await talk("eight six zero five five five zero one four nine")
        assert t.called("identify_user") == [{"phone_number": "8605550149"}]
        with pytest.raises(InvalidPhoneNumber):  # no account can be opened under it
            await talk.user_name("0283386605")
    # typed digits are taken as typed (test numbers such as 555-123-4567 are common)
    async with talking(container) as talk:
        await talk("I need to book a check up")
        t = await talk("5551234567")
        assert "full name" in t.reply


async def test_zeros_keyed_in_are_read_back_and_asked_again_not_an_account(
    container: Container,
) -> None:
    """A caller who keys in ten zeros (or holds a key down) had an account opened under
    +10000000000, which every caller doing the same then reached, with its appointments."""
    async with talking(container) as talk:
        await talk("hi I want to make an appointment")
        t = await talk("0000000000#")
        assert "000-000-0000, which doesn't sound like a US number" in t.reply
        assert "full name" not in t.reply
        t = await talk("Sam Ortiz")
        assert t.called("identify_user") == []
        t = await talk("3105552689")
        assert "account under 310-555-2689" in t.reply and "Sam Ortiz" in t.reply


async def test_a_spoken_number_opens_an_account_only_after_a_yes_to_it(
    container: Container,
) -> None:
    # a goodbye the name grammar forced into a name must not confirm a misheard number
    async with talking(container, style="spoken") as talk:
        await talk("um I wanted to book something for next week")
        t = await talk("two zero two two five five zero one five three")
        assert "full name" in t.reply
        t = await talk("ruth zuniga")
        assert t.called("identify_user") == []
        # read back again with the name, in the question that books: one yes for all three
        assert "name as Ruth Zuniga" in t.reply and "2022550153" in re.sub(r"\D", "", t.reply)
        assert "Shall I book" in t.reply
        t = await talk("yep that's the one")
        assert t.called("identify_user") == [{"phone_number": "2022550153", "name": "Ruth Zuniga"}]
    # "no" to that read-back: the number is checked in parts, nobody is registered on it
    async with talking(container, style="spoken") as talk:
        await talk("I need to see the doctor on Friday")
        await talk("six one nine five five nine zero one seven one")
        await talk("Tobias Wright")
        # (read back with the name in the booking question: a no there is asked about alone)
        t = await talk("no no that's wrong")
        assert t.called("identify_user") == [] and "6 1 9, 5 5 9, 0 1 7 1" in t.reply
        t = await talk("no no that's wrong")
        assert t.called("identify_user") == [] and "first three digits: 6 1 9" in t.reply
        assert await talk.user_name("6195590171") is None
    # a request alone is not a yes to a spoken number either
    async with talking(container, style="spoken") as talk:
        await talk("hello can I get an appointment")
        await talk("six one nine five five nine zero one seven one")
        t = await talk("wednesday afternoon if you can")
        assert t.called("identify_user") == []
        assert await talk.user_name("6195590171") is None
    # typed text is taken as typed, digits or words: the name alone opens the account
    for said, number in (
        ("619-559-0171", "6195590171"),
        ("six one nine five five nine oh one seven two", "6195590172"),
    ):
        async with talking(container) as talk:
            await talk("hello can I get an appointment")
            await talk(said)
            t = await talk("Tobias Wright")
            assert t.called("identify_user") == [{"phone_number": number, "name": "Tobias Wright"}]


async def test_a_name_the_recogniser_cannot_vouch_for_opens_an_unknown_caller_account(
    container: Container,
) -> None:
    # the recogniser heard a name it cannot vouch for: no name is read back, none is asked
    # for again, the account is opened for the front desk to name, and the call goes on
    async with talking(container, style="spoken") as talk:
        await talk("I'd like to book an appointment")
        await talk("two zero two two five five zero one seven one")
        await talk("yes that's right")
        t = await talk(UNCLEAR_NAME)
        assert t.called("identify_user") == [
            {"phone_number": "2022550171", "name": "Unknown Caller"}
        ]
        assert "front desk" in t.reply and "name" not in t.reply.split("front desk")[1]
        assert talk.listening.current.kind is not Expectation.NAME
    # the number not confirmed yet: it alone is asked about, then the account is opened
    async with talking(container, style="spoken") as talk:
        await talk("I'd like to book an appointment")
        await talk("two zero two two five five zero one seven two")
        t = await talk(UNCLEAR_NAME)
        assert t.called("identify_user") == [] and "Unknown" not in t.reply
        assert "is your number" in t.reply
        t = await talk("yes")
        assert t.called("identify_user") == [
            {"phone_number": "2022550172", "name": "Unknown Caller"}
        ]
    # a name heard clearly later is read back and taken as before
    async with talking(container, style="spoken") as talk:
        await talk("I'd like to book an appointment")
        await talk("two zero two two five five zero one seven three")
        await talk(UNCLEAR_NAME)
        t = await talk("yes it is, and my name is sarah johnson")
        assert "I have your name as Sarah Johnson. Is that right?" in t.reply
        t = await talk("yes")
        assert t.called("identify_user") == [
            {"phone_number": "2022550173", "name": "Sarah Johnson"}
        ]


async def test_a_name_heard_by_ear_is_read_back_and_spelled_on_a_no(
    container: Container,
) -> None:
    # the name grammar forces a name it does not know into one it does ("Niamh Kowalski"
    # came back "Neil Kowal"): no account is opened under a name the caller has not heard
    async with talking(container, style="spoken") as talk:
        await talk("I'd like to book an appointment")
        await talk("two zero two two five five zero one five three")
        await talk("yes that's right")
        t = await talk("neil kowal")
        assert "I have your name as Neil Kowal. Is that right?" in t.reply
        assert talk.listening.current.kind is Expectation.YES_NO
        t = await talk("no")
        assert t.called("identify_user") == [] and "spell" in t.reply
        assert t.reply.count("Sorry") == 1, t.reply
        assert talk.listening.current.kind is Expectation.SPELLING
        t = await talk("k o w a l s k i")
        # spelled back in groups, as a receptionist reads letters
        assert "I have your name as K-O-W, A-L-S, K-I. Is that right?" in t.reply
        t = await talk("yes")
        assert t.called("identify_user") == [{"phone_number": "2022550153", "name": "Kowalski"}]
    # a break heard between the spelled words keeps them apart in the account's name
    async with talking(container, style="spoken") as talk:
        await talk("I'd like to book an appointment")
        await talk("two zero two two five five zero one five one")
        await talk("yes that's right")
        await talk("neil kowal")
        await talk("no")
        t = await talk("n i a m h space k o w a l s k i")
        assert "I have your name as N-I-A-M-H, K-O-W, A-L-S, K-I. Is that right?" in t.reply
        t = await talk("yes")
        assert t.called("identify_user") == [
            {"phone_number": "2022550151", "name": "Niamh Kowalski"}
        ]
    # a spelling read back wrong: the account is opened for the front desk to name
    async with talking(container, style="spoken") as talk:
        await talk("I'd like to book an appointment")
        await talk("two zero two two five five zero one five two")
        await talk("yes that's right")
        await talk("neil kowal")
        await talk("no")
        await talk("q u o w l s")
        t = await talk("no that's wrong")
        assert t.called("identify_user") == [
            {"phone_number": "2022550152", "name": "Unknown Caller"}
        ]
        assert "front desk" in t.reply
    # a spelling the recogniser could not resolve to a name: the account is opened for the
    # front desk to name, and nothing is read back or asked again
    async with talking(container, style="spoken") as talk:
        await talk("I'd like to book an appointment")
        await talk("two zero two two five five zero one eight seven")
        await talk("yes that's right")
        await talk("neil kowal")
        await talk("no")
        t = await talk(UNCLEAR_NAME)
        assert t.called("identify_user") == [
            {"phone_number": "2022550187", "name": "Unknown Caller"}
        ]
        assert "front desk" in t.reply and "spell" not in t.reply
    # a letter said "as in" a word, and a doubled one, as people spell
    async with talking(container, style="spoken") as talk:
        await talk("I'd like to book an appointment")
        await talk("two zero two two five five zero one eight eight")
        await talk("yes that's right")
        await talk("neil kowal")
        await talk("no")
        t = await talk("it's s as in sam, t, e, double l, a, that's it")
        assert "I have your name as S-T-E, L-L-A. Is that right?" in t.reply
    async with talking(container, style="spoken") as talk:
        await talk("I'd like to book an appointment")
        await talk("two zero two two five five zero one eight nine")
        await talk("yes that's right")
        await talk("neil kowal")
        await talk("no")
        t = await talk("b for boy, e, l, l")
        assert "I have your name as B-E-L-L. Is that right?" in t.reply
    # a name read back with the number ("Shall I set one up for ...?") is not asked again
    async with talking(container, style="spoken") as talk:
        await talk("hi this is Ann Lee I'd like to book")
        t = await talk("two zero two two five five zero one five four")
        assert "Ann Lee" in t.reply and t.reply.endswith("?")
        t = await talk("yes")
        assert t.called("identify_user") == [{"phone_number": "2022550154", "name": "Ann Lee"}]
    # going on with the request instead of answering the read-back agrees to nothing: the
    # request is kept and the name read back again in the booking question, where a yes takes
    # both; a "no" with the request is a no
    async with talking(container, style="spoken") as talk:
        await talk("hi I'd like to book an appointment")
        await talk("two zero two two five five zero one five six")
        await talk("yes")
        t = await talk("my name is sarah johnson")
        assert "I have your name as Sarah Johnson. Is that right?" in t.reply
        t = await talk("tomorrow at two p m please")
        assert t.called("identify_user") == [], talk.transcript()
        assert "I have your name as Sarah Johnson." in t.reply
        assert "Shall I book" in t.reply and "2 PM" in t.reply
        t = await talk("yes please")
        assert t.called("identify_user") == [
            {"phone_number": "2022550156", "name": "Sarah Johnson"}
        ]
    async with talking(container, style="spoken") as talk:
        await talk("hi I'd like to book an appointment")
        await talk("two zero two two five five zero one five seven")
        await talk("yes")
        await talk("my name is sarah johnson")
        t = await talk("no, tomorrow at two")
        assert t.called("identify_user") == [] and "spell" in t.reply
    # typed: the name is taken as typed
    async with talking(container) as talk:
        await talk("I'd like to book an appointment")
        await talk("202 255 0155")
        t = await talk("Neil Kowal")
        assert t.called("identify_user") == [{"phone_number": "2022550155", "name": "Neil Kowal"}]


async def test_a_name_heard_by_ear_is_read_back_in_the_booking_question_for_the_time_asked(
    container: Container,
) -> None:
    # the day and time were asked for at the start: the name is read back in "Shall I book
    # ...?" itself, and one yes opens the account and books (a question of its own took the
    # caller's "yes please" meant for the booking, and the booking then got the goodbye)
    async with talking(container, style="spoken") as talk:
        await talk("hi I'd like to book an appointment for friday around ten")
        await talk("two zero seven five five five zero one seven eight")
        t = await talk("yes. maggie thornton")
        assert "I have your name as Maggie Thornton. Shall I book Friday" in t.reply
        assert "10 AM" in t.reply and t.called("identify_user") == []
        t = await talk("yes please")
        assert t.called("identify_user") == [
            {"phone_number": "2075550178", "name": "Maggie Thornton"}
        ]
        assert t.called("book_appointment") and "booked" in t.reply
    # "yes please, bye": opened and booked before the call ends
    async with talking(container, style="spoken") as talk:
        await talk("I'd like to book an appointment on friday at eleven")
        await talk("two zero seven five five five zero one seven nine")
        await talk("yes, it's maggie thornton")
        t = await talk("yes please, that's all, bye")
        assert t.called("identify_user") == [
            {"phone_number": "2075550179", "name": "Maggie Thornton"}
        ]
        assert t.called("book_appointment")
    # a no (to the name, or to the time: it cannot say which): the name alone next, and
    # nothing opened or booked
    async with talking(container, style="spoken") as talk:
        await talk("I'd like to book an appointment on friday at two p m")
        await talk("two zero seven five five five zero one eight zero")
        await talk("yes my name is maggie thornton")
        t = await talk("no")
        assert "I have your name as Maggie Thornton. Is that right?" in t.reply
        assert t.called("identify_user") == [] and t.called("book_appointment") == []
    # typed: the name is taken as typed, and the booking question is the plain one
    async with talking(container) as talk:
        await talk("I'd like to book an appointment on friday at three p m")
        await talk("207 555 0181")
        t = await talk("Maggie Thornton")
        assert t.called("identify_user") and "your name" not in t.reply


async def test_a_caller_id_not_on_file_answered_yes_is_looked_up_like_a_number_said(
    container: Container,
) -> None:
    """Every caller ID hears the same question, on file or not (the greeting tells nothing);
    a yes looks the number up, and one not on file is answered as a number said is."""
    from voice_agent.adapters.voice.prompts import greeting

    call = CallInfo(phone_line=True, caller_id="+12125550100")
    said = greeting(clinic_name="the clinic", caller_id=True)  # as the worker greets
    async with talking(container, call=call, greeting=said) as talk:
        t = await talk("yes")
        assert t.called("identify_user") == [{"phone_number": "2125550100"}]
        assert "name" in t.reply.lower(), t.reply
