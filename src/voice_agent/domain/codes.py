"""Confirmation codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L)."""

from __future__ import annotations

import secrets
import unicodedata

from voice_agent.domain.errors import InvalidConfirmationCode
from voice_agent.domain.spoken_numbers import TEENS, TENS, UNITS, tokens

ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
CODE_LENGTH = 8

# Words callers and speech recognisers use for single letters.
_LETTER_WORDS: dict[str, str] = {
    "ay": "a",
    "bee": "b",
    "be": "b",
    "see": "c",
    "sea": "c",
    "cee": "c",
    "dee": "d",
    "ee": "e",
    "eff": "f",
    "ef": "f",
    "gee": "g",
    "aitch": "h",
    "jay": "j",
    "kay": "k",
    "em": "m",
    "en": "n",
    "pee": "p",
    "cue": "q",
    "queue": "q",
    "are": "r",
    "ar": "r",
    "es": "s",
    "ess": "s",
    "tee": "t",
    "tea": "t",
    "you": "u",
    "vee": "v",
    "double-u": "w",
    "ex": "x",
    "why": "y",
    "zed": "z",
    "zee": "z",
    # NATO alphabet
    "alpha": "a",
    "alfa": "a",
    "bravo": "b",
    "charlie": "c",
    "delta": "d",
    "echo": "e",
    "foxtrot": "f",
    "golf": "g",
    "hotel": "h",
    "juliet": "j",
    "juliett": "j",
    "kilo": "k",
    "mike": "m",
    "november": "n",
    "papa": "p",
    "quebec": "q",
    "romeo": "r",
    "sierra": "s",
    "tango": "t",
    "uniform": "u",
    "victor": "v",
    "whiskey": "w",
    "xray": "x",
    "yankee": "y",
    "zulu": "z",
}
_CONFUSABLE = str.maketrans({"0": "o", "1": "l", "i": "l"})
# the letters printed on a phone's keys
_KEYPAD = str.maketrans(
    {
        letter: digit
        for digit, letters in (
            ("2", "abc"),
            ("3", "def"),
            ("4", "ghi"),
            ("5", "jkl"),
            ("6", "mno"),
            ("7", "pqrs"),
            ("8", "tuv"),
            ("9", "wxyz"),
        )
        for letter in letters
    }
)


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def display_code(code: str) -> str:
    """A code as people read and type it, wherever it is written (the summary, the call page,
    the staff console, the calendar, ``voice-agent appointments``): upper case, "DEF6789A".

    Codes are stored and compared in lower case and every case is accepted back
    (:func:`normalize_code`); spoken, a code is its characters one by one, where case does
    not exist."""
    return code.upper()


MAX_SPOKEN_CODE = 200


def normalize_code(text: str) -> str:
    """Parse a code typed ("DEF6-7890") or spelled out ("d e f six seven ...")."""
    if text is None or not str(text).strip():
        raise InvalidConfirmationCode("Please tell me the eight-character confirmation code.")
    raw = str(text).strip()
    # spelled out, a code is under a hundred characters; its reader grows faster than its
    # text ("a1 " 3,000 times: 8 ms; 30,000 times: 129 ms). Checked again after NFKC, which
    # can make one character eighteen.
    if len(raw) > MAX_SPOKEN_CODE or len(raw := _plain_forms(raw).lower()) > MAX_SPOKEN_CODE:
        raise InvalidConfirmationCode(
            "I couldn't understand that code. Please read me its eight characters again."
        )
    compact = "".join(ch for ch in raw if ch.isalnum())
    if len(compact) == CODE_LENGTH and all(ch in ALPHABET for ch in compact):
        return compact
    chars: list[str] = []
    toks = tokens(raw.replace("double u", "double-u").replace("x ray", "xray"))
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok in ("double", "triple", "treble") and i + 1 < len(toks):
            rep = 2 if tok == "double" else 3
            inner = _spell_token(toks[i + 1])
            if inner:
                chars.append(inner * rep)
                i += 2
                continue
        piece = _spell_token(tok)
        if piece is not None:
            chars.append(piece)
        i += 1
    code = "".join(chars)
    if len(code) != CODE_LENGTH or any(ch not in ALPHABET for ch in code):
        raise InvalidConfirmationCode(
            "I couldn't find that appointment: the code was not found. Codes have eight "
            "letters and digits, for example D E F 6 7 8 9 A."
        )
    return code


def _plain_forms(text: str) -> str:
    """``text`` with full-width, styled and other compatibility letters and digits in their
    plain forms (NFKC: "ＤＥＦ６" -> "DEF6", "𝐀" -> "A") and any script's decimal digits as
    ASCII ones ("٦٧" -> "67"), as a phone number's digits are read."""
    return "".join(
        str(unicodedata.decimal(ch)) if ch.isdecimal() else ch
        for ch in unicodedata.normalize("NFKC", text)
    )


def keypad_form(code: str) -> str:
    """A code as typed on a phone keypad, each letter on its key: "def6789a" -> "33367892"."""
    return code.lower().translate(_KEYPAD)


def is_keypad_entry(code: str) -> bool:
    """Whether a normalised code is all digits, as a code typed on a keypad is."""
    return len(code) == CODE_LENGTH and code.isdigit()


def _spell_token(tok: str) -> str | None:
    if tok in _LETTER_WORDS:
        return _LETTER_WORDS[tok]
    if tok in UNITS and tok not in ("oh", "o", "nought", "zero"):
        return str(UNITS[tok])
    if tok in TEENS or tok in TENS:
        return None
    if tok.isalnum() and len(tok) <= CODE_LENGTH:
        return tok.translate(_CONFUSABLE) if tok.isalnum() else None
    return None
