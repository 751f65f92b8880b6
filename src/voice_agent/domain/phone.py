"""Phone number normalisation: every accepted spelling becomes one E.164 value."""

from __future__ import annotations

import re
import unicodedata

import phonenumbers

from voice_agent.domain.errors import InvalidPhoneNumber
from voice_agent.domain.spoken_numbers import spoken_digits

DEFAULT_REGION = "US"

_KEYPAD: dict[str, str] = {
    letter: digit
    for digit, letters in {
        "2": "abc", "3": "def", "4": "ghi", "5": "jkl", "6": "mno", "7": "pqrs", "8": "tuv",
        "9": "wxyz",
    }.items()
    for letter in letters
}  # fmt: skip
# letters written into a number, as on a business card: "415-555-CALL", "1-800-FLOWERS"
_LETTERED = re.compile(r"\d[-.]?[A-Za-z]{3,}\b|\d\s+[A-Z]{3,}\b")


def ascii_digits(text: str) -> str:
    """The decimal digits in ``text``, in any script, as ASCII digits, and nothing else:
    "(٦١٧) 555" -> "617555", "６１７" -> "617". Superscripts and circled digits are no
    decimal digits (as for :func:`normalize_phone`)."""
    return "".join(str(unicodedata.decimal(ch)) for ch in text if ch.isdecimal())


def keypad_reading(text: str) -> str:
    """``text`` with every letter replaced by its phone keypad digit ("415-555-CALL" ->
    "415-555-2255"), everything else kept."""
    return "".join(_KEYPAD.get(ch.lower(), ch) for ch in text)


def normalize_phone(text: str, *, region: str = DEFAULT_REGION) -> str:
    """Return the E.164 form of a phone number written or spoken by a caller.

    Accepts "9876543210", "(987) 654-3210", "+1 987 654 3210", "1-987-654-3210" and spoken
    forms such as "nine eight seven six five four three two one zero".
    Raises InvalidPhoneNumber with a message a caller can act on.
    """
    if text is None or not str(text).strip():
        raise InvalidPhoneNumber(
            "I didn't catch a phone number. Please say all ten digits.", reason="empty", digits=0
        )
    raw = str(text).strip()
    lettered = _LETTERED.search(raw)
    if lettered is not None and not spoken_digits(lettered.group(0)[1:]):
        # a keypad letter or a typo ("O" for 0): not guessed; the keypad reading is offered
        raise InvalidPhoneNumber(
            "Please give the phone number as digits.",
            reason="letters",
            digits=len(spoken_digits(raw)),
            keypad=keypad_reading(raw),
        )
    digits = spoken_digits(raw)
    if not digits:
        raise InvalidPhoneNumber(
            "That doesn't sound like a phone number. Please say all ten digits.",
            reason="no_digits",
            digits=0,
        )
    international = raw.lstrip().startswith("+") or raw.lower().lstrip().startswith("plus")
    candidate = "+" + digits if international else digits
    if not international and len(digits) < 10:
        raise InvalidPhoneNumber(
            f"Invalid phone number format: I heard only {len(digits)} digits. "
            "Please say the full ten-digit number.",
            reason="too_few",
            digits=len(digits),
        )
    if not international and len(digits) > 11:
        raise InvalidPhoneNumber(
            f"Invalid phone number format: I heard {len(digits)} digits. "
            "Please say the ten-digit number once more.",
            reason="too_many",
            digits=len(digits),
        )
    try:
        parsed = phonenumbers.parse(candidate, None if international else region)
    except phonenumbers.NumberParseException:
        raise InvalidPhoneNumber(
            "Invalid phone number format. Please say the full ten-digit number.",
            reason="impossible",
            digits=len(digits),
        ) from None
    if not phonenumbers.is_possible_number(parsed) or _never_a_line(parsed):
        raise InvalidPhoneNumber(
            "Invalid phone number format. Please say the full ten-digit number.",
            reason="impossible",
            digits=len(digits),
        )
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _never_a_line(parsed: phonenumbers.PhoneNumber) -> bool:
    """A number no caller has: one digit over and over ("000-000-0000", "555 555 5555"),
    or a North American area code starting with 0 (a 0 first dials the operator). These
    were opened as accounts, and any caller who keyed in zeros reached that account.

    Only what is clearly impossible: an area code starting with 1, or an exchange starting
    with 0 or 1, is no North American line either, but the seed's own caller is 123-456-7890
    and people give such numbers for testing; a misheard spoken number of that shape is
    caught by the dialogue before it opens an account.
    """
    national = phonenumbers.national_significant_number(parsed)
    if len(set(national)) == 1:
        return True
    return parsed.country_code == 1 and national.startswith("0")


def national_digits(e164: str) -> str:
    """The seed's form of a number: its 10 digits for a North American number
    ("+19876543210" -> "9876543210"); any other number stays in E.164 ("+442079460958"),
    since its digits without the country code would read as a different, North American,
    number."""
    parsed = phonenumbers.parse(e164, None)
    if parsed.country_code != 1:
        return e164
    return str(parsed.national_number)


def display_phone(number: str) -> str:
    """A phone number as people read it, the one written form every screen and reply uses:
    "617-555-0142" for a North American number, whether given in E.164 ("+16175550142") or
    as its 10 or 11 digits; any other number in E.164 ("+442079460958"). A value that is not
    one of these is shown as it is."""
    international = number.startswith("+")
    digits = number[1:] if international else number
    if not digits.isdigit() or (international and not digits.startswith("1")):
        return number
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10:
        return number
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"


def mask_phone(e164: str) -> str:
    """A log-safe form that keeps only the last two digits."""
    if len(e164) <= 2:
        return "**"
    return "*" * (len(e164) - 2) + e164[-2:]
