"""Pronunciations for the names of ``data/names_more.txt`` that pocketsphinx's dictionary
(cmudict-en-us) lacks, so the name grammar can hear them ("declan", "kowalski", "okafor").

pocketsphinx 5 ships no grapheme-to-phoneme model, so the phones come from espeak-ng's
English letter-to-sound rules (``espeak_TextToPhonemes`` of the ``espeakng_loader`` library
the product already synthesises with), mapped phoneme by phoneme to the en-us acoustic
model's 39 CMU phones (:func:`cmu_phones`), and, for names whose spelling English rules read
wrongly (Irish, Scottish Gaelic and Welsh: "niamh" is "neev", not espeak's "nye-am"), the
usual pronunciation from :data:`SAID_AS` as a second entry.

Nothing runs at call start: ``python -m voice_agent.adapters.offline.name_pronunciations``
writes ``data/names_more.dict`` (committed), which :mod:`.grammars` reads; the grammar
decoder's restricted dictionary holding them is cached like any other
(:func:`.language_model.restricted_dictionary`).
"""

from __future__ import annotations

import ctypes
import re
import sys
from collections.abc import Iterable
from pathlib import Path

ESPEAK_TO_CMU: dict[str, str] = {
    # vowels and diphthongs (espeak-ng's English phoneme mnemonics, en-us voice)
    "a": "AE",
    "a#": "AH",
    "aa": "AA",
    "A:": "AA",
    "A@": "AA R",
    "A": "AA",
    "a@": "AA R",
    "@": "AH",
    "@2": "AH",
    "@5": "AH",
    "@L": "AH L",
    "@-": "AH",
    "@r": "ER",
    "3": "ER",
    "3:": "ER",
    "E": "EH",
    "E2": "EH",
    "E#": "EH",
    "e@": "EH R",
    "I": "IH",
    "I2": "IH",
    "I#": "IH",
    "i": "IY",
    "i:": "IY",
    "i@": "IH R",
    "i@3": "IH R",
    "V": "AH",
    "0": "AA",
    "0#": "AA",
    "O": "AO",
    "O:": "AO",
    "O2": "AO",
    "O@": "AO R",
    "o@": "AO R",
    "U": "UH",
    "u:": "UW",
    "u": "UW",
    "U@": "UH R",
    "aI": "AY",
    "aI@": "AY ER",
    "aI3": "AY ER",
    "aU": "AW",
    "aU@": "AW ER",
    "eI": "EY",
    "OI": "OY",
    "oU": "OW",
    "oU#": "OW",
    "o": "OW",
    # consonants
    "p": "P",
    "b": "B",
    "t": "T",
    "t#": "T",
    "d": "D",
    "d#": "D",
    "k": "K",
    "g": "G",
    "f": "F",
    "v": "V",
    "T": "TH",
    "D": "DH",
    "s": "S",
    "z": "Z",
    "S": "SH",
    "Z": "ZH",
    "h": "HH",
    "tS": "CH",
    "dZ": "JH",
    "m": "M",
    "n": "N",
    "n-": "N",
    "N": "NG",
    "l": "L",
    "l/": "L",
    "r": "R",
    "r-": "R",
    "w": "W",
    "hw": "W",
    "j": "Y",
    "x": "K",
    "C": "HH",
    "?": "",
}
"""espeak-ng phoneme -> CMU phones ("" for a glottal stop, which CMU does not write)."""

SAID_AS: dict[str, str] = {
    "niamh": "N IY V",
    "aoife": "IY F AH",
    "saoirse": "S ER SH AH",
    "roisin": "R OW SH IY N",
    "grainne": "G R AO N Y AH",
    "sinead": "SH IH N EY D",
    "siobhan": "SH IH V AO N",
    "eoin": "OW IH N",
    "cian": "K IY AH N",
    "oisin": "AH SH IY N",
    "padraig": "P AO R IH G",
    "ciaran": "K IH R AH N",
    "ciara": "K IH R AH",
    "tadhg": "T AY G",
    "caoimhe": "K IY V AH",
    "clodagh": "K L OW D AH",
    "fionn": "F IH N",
    "eilidh": "EY L IY",
    "mhairi": "V AA R IY",
    "dafydd": "D AE V IH DH",
    "huw": "HH Y UW",
    "ffion": "F IY AH N",
    "gethin": "G EH TH IH N",
    "ieuan": "Y AY AH N",
    "owain": "OW AY N",
    "rhys": "R IY S",
    "siân": "SH AA N",
    "sian": "SH AA N",
    "niall": "N AY AH L",
    "seamus": "SH EY M AH S",
    "eamonn": "EY M AH N",
    "oonagh": "UW N AH",
    "fiachra": "F IY AH K R AH",
    "cholmondeley": "CH AH M L IY",
    "featherstonehaugh": "F AE N SH AO",
}
"""The usual pronunciation of names English letter-to-sound rules read wrongly; an entry
beside espeak's (a caller who says "Niamh" as written is heard either way)."""

_STRESS = str.maketrans("", "", "',%=_|;")
"""Stress marks and espeak's syllable and word marks, which carry no phone."""


def cmu_phones(espeak: str) -> str | None:
    """CMU phones for espeak-ng phonemes separated by spaces ("d 'E k l a# n" ->
    "D EH K L AH N"); None when a phoneme has no mapping (the name is then left out)."""
    phones: list[str] = []
    for token in espeak.split():
        name = token.translate(_STRESS)
        if not name:
            continue
        cmu = ESPEAK_TO_CMU.get(name)
        if cmu is None:
            cmu = ESPEAK_TO_CMU.get(name.rstrip("#0123456789"))
        if cmu is None:
            return None
        for phone in cmu.split():
            if not phones or phones[-1] != phone:  # "e@ r": one R
                phones.append(phone)
    return " ".join(phones) or None


def espeak_phonemes(word: str, voice: str = "en-us") -> str:
    """espeak-ng's phoneme mnemonics for ``word``, separated by spaces."""
    from voice_agent.adapters.offline import espeak

    engine = espeak._ENGINE
    with engine.lock:
        lib = engine.ensure_loaded()
        engine._current = None  # the synthesiser sets its voice again on its next call
        if lib.espeak_SetVoiceByName(voice.encode()) != 0:
            raise espeak.EspeakError(f"unknown espeak voice {voice!r}")
        lib.espeak_TextToPhonemes.argtypes = [
            ctypes.POINTER(ctypes.c_void_p),
            ctypes.c_int,
            ctypes.c_int,
        ]
        lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
        text = ctypes.create_string_buffer(word.encode("utf-8") + b"\0")
        pointer = ctypes.c_void_p(ctypes.addressof(text))
        parts: list[str] = []
        while pointer.value:
            # textmode 1: UTF-8; phonememode: ASCII mnemonics, a space between phonemes
            out = lib.espeak_TextToPhonemes(ctypes.byref(pointer), 1, ord(" ") << 8)
            if out:
                parts.append(out.decode("utf-8", "replace"))
        return " ".join(parts)


def dictionary_lines(names: Iterable[str], known: frozenset[str]) -> list[str]:
    """Dictionary lines (``name PHONES``, ``name(2) PHONES``) for each of ``names`` not in
    ``known`` (the pronunciation dictionary's words): espeak's reading and any SAID_AS."""
    lines: list[str] = []
    for name in sorted(set(names)):
        if name in known or not re.fullmatch(r"[a-z][a-z'-]*", name):
            continue
        readings: list[str] = []
        for phones in (cmu_phones(espeak_phonemes(name)), SAID_AS.get(name)):
            if phones and phones not in readings:
                readings.append(phones)
        for i, phones in enumerate(readings, 1):
            lines.append(f"{name if i == 1 else f'{name}({i})'} {phones}\n")
    return lines


def main(argv: list[str] | None = None) -> int:
    from voice_agent.adapters.offline import grammars
    from voice_agent.adapters.offline.language_model import dictionary_words

    firsts, lasts = grammars.more_names()
    names = [n for n, _ in (*firsts, *lasts)]
    lines = dictionary_lines(names, dictionary_words())
    header = (
        "# Pronunciations of data/names_more.txt's names that cmudict-en-us lacks: espeak-ng's\n"
        "# English rules mapped to CMU phones, and the usual one where those read a name wrongly.\n"
        "# Written by `python -m voice_agent.adapters.offline.name_pronunciations`.\n"
    )
    out = Path(argv[0]) if argv else grammars.MORE_NAMES_DICT_PATH
    out.write_text(header + "".join(lines), encoding="utf-8")
    print(f"{len(lines)} lines -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
