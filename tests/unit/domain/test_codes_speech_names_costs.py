from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from voice_agent.domain.codes import (
    ALPHABET,
    CODE_LENGTH,
    display_code,
    new_code,
    normalize_code,
)
from voice_agent.domain.costs import Pricing, Usage, cost_line, dollars, price
from voice_agent.domain.errors import InvalidConfirmationCode, InvalidName
from voice_agent.domain.names import (
    UNKNOWN_NAME,
    clean_name,
    corrected_name,
    is_correction_of,
    said_name_matches,
)
from voice_agent.domain.speech import ordinal, say_code, say_date, say_days, say_digits, say_time
from voice_agent.domain.weekdays import day_abbreviation, weekday_number


def test_codes_use_unambiguous_alphabet() -> None:
    for _ in range(200):
        code = new_code()
        assert len(code) == CODE_LENGTH
        assert set(code) <= set(ALPHABET)
    assert not set("01ilo") & set(ALPHABET)


@given(st.text(alphabet=ALPHABET, min_size=8, max_size=8))
def test_code_round_trips_through_speech(code: str) -> None:
    assert normalize_code(say_code(code)) == code
    assert normalize_code(code.upper()) == code
    assert normalize_code(f"{code[:4]}-{code[4:]}") == code


def test_a_code_is_said_and_written_in_the_capitals_it_is_shown_in() -> None:
    """The demo's transcript read "Your confirmation code is k 6 4 5 s e g q", beside the
    K645SEGQ of its summary and of `voice-agent appointments`."""
    assert say_code("k645segq") == "K 6 4 5 S E G Q"


def test_spelled_code_with_words() -> None:
    assert normalize_code("d e f six seven eight nine a") == "def6789a"
    assert normalize_code("delta echo foxtrot 6 7 8 9 alpha") == "def6789a"
    assert normalize_code("double f 2 3 4 5 6 7") == "ff234567"


@pytest.mark.parametrize("text", ["random", "abc", "0000iiii", "this is not a code at all"])
def test_bad_codes_are_not_found(text: str) -> None:
    with pytest.raises(InvalidConfirmationCode, match="not found"):
        normalize_code(text)


def test_missing_code_asks_for_it() -> None:
    with pytest.raises(InvalidConfirmationCode, match="confirmation code"):
        normalize_code("  ")


def test_speech_formatting() -> None:
    assert say_date(date(2026, 1, 24)) == "Saturday, January 24th"
    assert say_time(time(9)) == "9 AM"
    assert say_time(time(14, 30)) == "2:30 PM"
    assert say_time(time(12)) == "noon"
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "23rd",
    ]


def test_names() -> None:
    assert clean_name("Yes, my name is sarah johnson") == "Sarah Johnson"
    assert clean_name("I'm John O'Neil-Smith.") == "John O'Neil-Smith"
    # the introduction alone is no name ("My Name Is" was registered, and could be renamed to)
    for bad in ("", "12345", "x" * 101, "!!!", "my name is", "It's."):
        with pytest.raises(InvalidName):
            clean_name(bad)


def test_a_name_of_blank_letters_is_no_name() -> None:
    """The Hangul fillers are letters to Unicode and blank on screen: "\u3164" registered a
    caller whose name showed as nothing in the staff console and the calendar feed."""
    for blank in ("\u3164", "\u115f\u1160", "Ann\u3164", "\uffa0 Lee"):
        with pytest.raises(InvalidName):
            clean_name(blank)


@pytest.mark.parametrize(
    "said",
    [
        "Jo\u034fhn Smith",  # a combining grapheme joiner
        "John\ufe0f Smith",  # a variation selector
        "John Smith\U000e0100",
        "Sa\u17b4rah",
        "Jo\u180bhn",
    ],
)
def test_a_name_with_a_mark_drawn_as_nothing_is_no_name(said: str) -> None:
    """Marks Unicode calls ignorable show as nothing: "Jo\u034fhn Smith" registered an
    account shown as "John Smith" in the staff console and the calendar, beside the real one,
    that a search for "John" did not find."""
    with pytest.raises(InvalidName):
        clean_name(said)


def test_a_name_with_a_combining_accent_is_that_accented_name() -> None:
    assert clean_name("Zoe\u0301 Martin") == "Zo\u00e9 Martin"


@pytest.mark.parametrize(
    "said",
    [
        "Unknown Caller",
        "unknown caller",
        "UNKNOWN CALLER",
        "Ｕｎｋｎｏｗｎ Ｃａｌｌｅｒ",
        "the receptionist",
        "Receptionist",
        "admin",
        "Administrator",
        "my name is Admin",
        "the clinic",
        "Staff",
        "System",
        "front desk",
    ],
)
def test_a_placeholder_or_a_role_is_no_name_to_correct_to(said: str) -> None:
    """A caller told the model their name was "Unknown Caller" (or "the receptionist",
    "admin"): ``update_name`` stored it, the staff console listed the account with the unnamed
    ones (or showed a patient named as the clinic's staff), and the next call asked its
    owner for a name again. A correction names a person."""
    with pytest.raises(InvalidName):
        corrected_name(said)


@pytest.mark.parametrize("said", ["the receptionist", "Admin", "staff", "front desk"])
def test_a_role_is_no_name_to_register_under(said: str) -> None:
    with pytest.raises(InvalidName):
        clean_name(said)


def test_an_account_is_still_opened_under_the_placeholder_and_real_names_near_roles_pass() -> None:
    """The offline engine opens an account it could not get a name for under the placeholder;
    a person whose surname is a word of a role is a person."""
    assert clean_name(UNKNOWN_NAME) == UNKNOWN_NAME
    for name in ("John Staff", "Ada Admin-Lee", "Nurse Ratched", "Sam Clinic"):
        assert corrected_name(name) == name


@pytest.mark.parametrize(
    "said",
    [
        "Unknown C\u0430ller",  # a Cyrillic a in "Caller"
        "J\u043ehn Smith",  # a Cyrillic o: "John Smith" on screen, another account's name
        "S\u0430r\u0430h",
        "\u0391nna",  # a Greek capital alpha
    ],
)
def test_a_word_mixing_latin_with_look_alike_letters_is_no_name(said: str) -> None:
    """ "Jоhn Smith" with a Cyrillic o reads as "John Smith" in the staff console and the
    calendar, next to the real one, and "Unknown Cаller" as the placeholder; no person's name
    mixes alphabets inside one word."""
    with pytest.raises(InvalidName):
        clean_name(said)


def test_names_in_one_script_each_or_japanese_mixing_kana_and_kanji_pass() -> None:
    for name in ("Иван Петров", "Αλέξανδρος", "田中さくら", "José Núñez", "Jean-Luc Picard"):
        assert clean_name(name) == name
    assert clean_name("Ivan Петров") == "Ivan Петров"  # one script a word


def test_seed_price_table_example_call() -> None:
    # A 2-3 minute call: the seed quotes ~$0.016 STT, ~$0.010 TTS, ~$0.003 LLM, ~$0.03 total.
    usage = Usage(
        stt_audio_seconds=Decimal(165),
        tts_characters=1060,
        llm_input_tokens=12_000,
        llm_output_tokens=1_800,
    )
    cost = price(usage, Pricing())
    assert cost.stt_cost == Decimal("0.01595")  # 2.75 min * 0.0058
    assert cost.tts_cost == Decimal("0.0104940")  # 1060 * 0.0000099
    assert cost.llm_cost == Decimal("0.00288")  # 12k*0.15/1M + 1.8k*0.60/1M
    assert cost.total_cost == Decimal("0.0293240")
    data = cost.to_json()
    assert data["total_cost"] == pytest.approx(0.029324)
    assert set(data) >= {"stt_cost", "tts_cost", "llm_cost", "total_cost"}


def test_usage_adds_up() -> None:
    a = Usage(Decimal(1), 2, 3, 4)
    assert a + a == Usage(Decimal(2), 4, 6, 8)


def test_phone_numbers_are_read_back_in_groups() -> None:
    assert say_digits("9876543210") == "9 8 7, 6 5 4, 3 2 1 0"
    assert say_digits("12345") == "1 2 3 4 5"


def test_open_days_are_said_as_a_range_or_a_list() -> None:
    assert say_days(range(5)) == "Monday to Friday"
    assert say_days({2, 0}) == "Monday and Wednesday"
    assert say_days([5, 6]) == "Saturday and Sunday"
    assert say_days([]) == ""


@pytest.mark.parametrize(
    ("text", "number"), [("mon", 0), ("Friday", 4), ("THURS", 3), (" sun ", 6)]
)
def test_weekday_names_and_abbreviations(text: str, number: int) -> None:
    assert weekday_number(text) == number
    assert weekday_number(day_abbreviation(number)) == number


@pytest.mark.parametrize("text", ["", "mo", "funday", "mondays"])
def test_not_weekdays(text: str) -> None:
    with pytest.raises(ValueError):
        weekday_number(text)


def test_keypad_form_puts_each_letter_on_its_phone_key() -> None:
    from voice_agent.domain.codes import is_keypad_entry, keypad_form

    assert keypad_form("def6789a") == "33367892"
    assert keypad_form("PQRS") == "7777"
    typed = keypad_form(ALPHABET)
    assert len(typed) == len(ALPHABET) and set(typed) <= set("23456789")
    assert is_keypad_entry("33367892") and not is_keypad_entry("def6789a")
    assert not is_keypad_entry("3336789")  # seven keys are not a code


@given(st.builds(lambda _: new_code(), st.integers()))
def test_a_code_is_written_in_capitals_and_read_back_from_them(code: str) -> None:
    shown = display_code(code)
    assert shown == code.upper() and len(shown) == CODE_LENGTH
    assert normalize_code(shown) == code  # what the caller types back finds it


def test_a_code_of_pages_of_text_is_refused_before_it_is_read() -> None:
    with pytest.raises(InvalidConfirmationCode, match="eight characters"):
        normalize_code("a1 " * 30_000)
    assert normalize_code("d e f six seven eight nine a") == "def6789a"


@pytest.mark.parametrize(
    "typed",
    [
        "ＤＥＦ６７８９Ａ",  # full width, as a Japanese or Chinese keyboard types it
        "ｄｅｆ６７８９ａ",
        "DEF٦٧٨٩A",  # Arabic-Indic digits
        "DEF۶۷۸۹A",  # Persian digits
        "DEF६७८९A",  # Devanagari digits
        "𝐃𝐄𝐅𝟔𝟕𝟖𝟗𝐀",  # mathematical bold, as pasted from a styled message
        "ＤＥＦ６－７８９Ａ",  # a full-width hyphen between its halves
    ],
)
def test_a_code_in_other_forms_of_its_letters_and_digits_is_that_code(typed: str) -> None:
    """A code typed on a full-width keyboard, or with another script's digits, was refused
    ("not found"), where a phone number in the same forms was read: the code is the same
    eight characters, and its owner is told it does not exist."""
    assert normalize_code(typed) == "def6789a"


def test_a_code_of_compatibility_characters_that_grow_is_refused_before_it_is_read() -> None:
    """NFKC can make one character eighteen: the length is checked before and after."""
    with pytest.raises(InvalidConfirmationCode):
        normalize_code("\ufdfa" * 150)


def test_names_written_with_vowel_signs_are_names() -> None:
    """Devanagari, Bengali, Tamil or Thai write vowels as marks on a letter; a name with one
    ("राम शर्मा", as the token server's own name rule allows) was refused, on the phone and
    at the staff desk alike. A letter carries at most a few marks: a pile of them (Zalgo
    text, which covers the lines around it on screen) is still no name."""
    for name in ("राम शर्मा", "সৌমিত্র", "தமிழ் செல்வி", "สมชาย", "山田 健一"):
        assert clean_name(name) == name
    for piled in ("Ann Le" + "e\u0300\u0301\u0302\u0303\u0304", "a\u0338\u0327\u031b\u0316 Lee"):
        with pytest.raises(InvalidName):
            clean_name(piled)


def test_a_name_in_compatibility_letters_is_stored_in_plain_ones() -> None:
    """Full-width or circled letters look like a name but are other characters: "Ａｎｎ Ｌｅｅ"
    was kept as typed, and staff searching for "Ann Lee" never found that caller. A roman
    numeral letter is a number."""
    assert clean_name("Ａｎｎ Ｌｅｅ") == "Ann Lee"
    assert clean_name("ﬁona Ⓛee") == "Fiona Lee"
    with pytest.raises(InvalidName):
        clean_name("Ⅻ Lee")


def test_a_calls_cost_is_printed_as_money() -> None:
    """The demo printed "cost : $0.0"."""
    assert dollars(0.0) == "$0.00"
    assert dollars("1.5") == "$1.50"
    assert dollars(0.01234) == "$0.0123"
    assert dollars(None) == "None"


def test_a_calls_cost_line_names_each_engines_share_and_what_it_paid_for() -> None:
    """`call` printed no cost, and the demo said "(offline engines cost nothing)" of any
    cost, a cloud call's too."""
    usage = Usage(
        stt_audio_seconds=Decimal("165"),
        tts_characters=1500,
        llm_input_tokens=8000,
        llm_output_tokens=600,
    )
    line = cost_line(price(usage, Pricing()).to_json())
    assert line == (
        "$0.0324 (speech-to-text $0.0160 for 165 s of audio, text-to-speech $0.0148 for "
        "1,500 characters, language model $0.0016 for 8,000 tokens in, 600 out)"
    )
    offline = cost_line(price(Usage(), Pricing()).to_json())
    assert offline == "$0.00 (offline engines cost nothing)"
    assert cost_line(None) == offline  # a call recorded before costs were kept


@pytest.mark.parametrize(
    ("said", "on_file", "matches"),
    [
        ("John Smith", "John Smith", True),
        ("john", "John Smith", True),  # a first name alone
        ("JÖHN smith", "John Smith", True),  # case and accents aside
        ("José", "Jose Ortiz", True),
        ("Mary-Ann Lee", "Mary-Ann Lee", True),
        ("John Smyth", "John Smith", False),  # both have a last name: it counts
        ("Smith", "John Smith", False),  # a last name alone is not the first name
        ("Jon", "John Smith", False),
        ("", "John Smith", False),
        (None, "John Smith", False),
        ("Unknown Caller", UNKNOWN_NAME, False),  # the placeholder is nobody's name
    ],
)
def test_a_callers_name_matches_the_accounts_by_first_name_and_last_when_both_give_one(
    said: str | None, on_file: str, matches: bool
) -> None:
    assert said_name_matches(said, on_file) is matches


@pytest.mark.parametrize(
    ("new", "on_file", "correction"),
    [
        ("Dana Ruiz", "Dana Rooz", True),  # heard by ear
        ("Anna Nowack", "Anna Novak", True),
        ("John Smith", "Jon Smith", True),  # typed
        ("Cathy Lee", "Kathy Lee", True),
        ("john smith", "John Smith", True),  # case alone
        ("Anna Nowak", "Anna", True),  # a last name added to a first name alone
        ("Priya Raman", UNKNOWN_NAME, True),  # no name on file: any name is its first
        ("John Evil", "John Smith", False),  # another last name
        ("Mallory Smith", "John Smith", False),  # another first name
        ("Mallory Evil", "John Smith", False),
        ("Jon Smyth", "John Smith", False),  # two words changed
        ("Dana Ruiz Smith", "Dana Rooz", False),  # a word added to a whole name
        ("Dana", "Dana Rooz", False),  # a word dropped
    ],
)
def test_a_correction_keeps_the_name_but_one_word_alike_the_one_it_replaces(
    new: str, on_file: str, correction: bool
) -> None:
    assert is_correction_of(new, on_file) is correction
