"""A phone line's yes/no answers heard by Whisper's side first.

The bundled en-us acoustic model is 16 kHz only (its ``feat.params`` fixes a 130-6,800 Hz
filter bank: on a phone line the filters above 3.4 kHz see nothing); Whisper tiny.en was
trained on much telephone-like audio. On a line the recogniser has found narrowband
(:class:`.recognizer.LineDetector`), with
:attr:`.recognizer.RecognizerConfig.narrowband_opinion` (opt-in), a yes/no answer takes the
side Whisper heard, either way; otherwise, as on a wideband line, Whisper may only turn a
yes into a no.

Chosen on the tuning split (``python -m bench.stt_eval --split tuning --kinds yes_no
date_time request --conditions clean snr20 --bands narrow --latency-n 0 --no-baseline``,
8 voices, 16 items of each kind per condition, one run each way, load 12-17 on 2 vCPUs),
with Whisper's reading of every turn kind tried (the first version of this module), clean /
20 dB SNR:

=====================  ===============  ===============  ===============
turn                   pocketsphinx     Whisper first    kept
=====================  ===============  ===============  ===============
yes/no                 75.0 / 68.8 %    87.5 / 93.8 %    Whisper's side
day and time           18.8 / 6.2 %     18.8 / 0.0 %     the date grammar
request WER            73.9 / 53.4 %    46.6 / 69.3 %    the domain LM
=====================  ===============  ===============  ===============

On the held-out voices (same command without ``--split tuning``, 20 items of each kind per
condition, one run each way, load 11-17) yes/no went 90 -> 100 % clean but 85 -> 75 % at
20 dB, with two no answers heard as a yes there ("no that's wrong" -> "okay"), against none
before: a wrong yes books or confirms, so it stays opt-in until a larger held-out run says
otherwise. Numbers and codes on a phone call are typed on the keypad (the dialogue offers
it).
"""

from __future__ import annotations

SOURCE = "whisper-line"
"""A result's ``source`` when Whisper's side of an answer stood on a phone line."""


def answer_side(whisper: bool | None, heard: bool | None) -> bool | None:
    """The side a yes/no answer takes on a phone line: Whisper's where it heard a side other
    than pocketsphinx's reading (``heard``), else None (the reading stands)."""
    if whisper is None or whisper == heard:
        return None
    return whisper
