"""The recognition core, in process: grammar turns, out-of-grammar fallback, the noise
table and the phone-line detector."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import math
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from voice_agent.adapters.offline import audio
from voice_agent.adapters.offline import recognizer as rec
from voice_agent.adapters.offline.stt import PocketSphinxSTT
from voice_agent.adapters.offline.tts import synthesize
from voice_agent.domain.datetimes import find_time
from voice_agent.domain.spoken_numbers import spoken_digits
from voice_agent.testing.speech import feed_turn, finals


@pytest.fixture(scope="module")
def decoders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[rec.DecoderSet]:
    cache: Path = tmp_path_factory.mktemp("lm")
    yield rec.DecoderSet(PocketSphinxSTT(cache_dir=cache).recognizer_config())


def _speech(text: str, voice: str = "en-us") -> np.ndarray:
    samples, rate = synthesize(text, voice=voice, rate=150)
    return audio.resample(samples, rate, 16000)


def test_a_phone_grammar_hears_digits(decoders: rec.DecoderSet) -> None:
    result = rec.decode_buffer(
        decoders, _speech("six one seven five five five zero one four two"), expect=("phone", 10)
    )
    assert result.source == "phone10"
    assert result.text == "six one seven five five five zero one four two"


def test_a_phone_grammar_hears_a_triple(decoders: rec.DecoderSet) -> None:
    # "triple five" is three digits (it was forced into one digit, and the number shifted)
    said = "seven one eight, triple five, oh one double four"
    result = rec.decode_buffer(decoders, _speech(said), expect=("phone", 10))
    assert result.source == "phone10"
    assert spoken_digits(result.text) == "7185550144"


def test_a_digit_group_grammar_hears_three_digits(decoders: rec.DecoderSet) -> None:
    # one short utterance is at the mercy of the machine's float rounding (CI once heard
    # "six one two"; the decoder's running cepstral mean also carries over from the tests
    # before): the grammar must always give three digits, and the right ones for most
    # groups and voices (10 of 12 here)
    groups = ("six one seven", "two zero one", "nine four eight")
    right = 0
    for text in groups:
        for voice in ("en-us", "en-us+m3", "en-us+f3", "en-us+klatt"):
            result = rec.decode_buffer(decoders, _speech(text, voice), expect=("phone", 3))
            assert result.source == "phone3"
            heard = result.text.split()[-3:]
            assert len(heard) == 3 and all(w in rec.grammars.DIGITS for w in heard), heard
            right += heard == text.split()
    assert right >= 8, f"{right} of 12 digit groups heard exactly"


def test_out_of_grammar_speech_falls_back_to_the_domain_model(decoders: rec.DecoderSet) -> None:
    samples = _speech("actually i want to cancel my appointment")
    grammar, domain = rec.score_both(decoders, samples, "phone10")
    assert grammar.text  # the grammar forced the request into digits ...
    result = rec.decode_buffer(decoders, samples, expect=("phone", 10))
    assert result.source == rec.grammars.DOMAIN_SEARCH  # ... so the domain result is used
    assert "cancel" in result.text.split()


def test_a_name_turn_hears_names_from_the_census_lists(decoders: rec.DecoderSet) -> None:
    # synthetic voices blur first names (karen/kara): held to surnames, and to most of
    # several utterances (espeak-ng renders a little differently each time)
    said = (
        ("it's robert johnson", "johnson"),
        ("my name is maria garcia", "garcia"),
        ("yes that's right, linda walker", "walker"),
    )
    as_names = surnames = 0
    for text, surname in said:
        for voice in ("en-us", "en-us+klatt", "en-us+m3"):
            result = rec.decode_buffer(decoders, _speech(text, voice), expect=("name", None))
            as_names += result.source == rec.grammars.NAME_SEARCH
            surnames += result.text.split()[-1:] == [surname]
    # the domain LM knows a hundred-odd common names and may win on them: the grammar must
    # take part, and the surname come back right from whichever search wins
    assert as_names >= 3, f"only {as_names} of 9 heard by the name grammar"
    # 5 or 6 of 9 in this module's order, 4 once in a whole CI run (espeak's klatt voice adds
    # noise from a generator the whole process shares, and the decoder's cepstral mean carries
    # over): broken name recognition gives 0-2
    assert surnames >= 4, f"{surnames} of 9 surnames heard exactly"


def test_a_name_turn_hears_first_names_no_census_list_holds(decoders: rec.DecoderSet) -> None:
    # names_more.txt's names, said through espeak-ng pronunciations mapped to CMU phones
    # (name_pronunciations, voice29): before, the grammar could only force a census name
    said = (
        ("my name is sukhwinder barrett", "sukhwinder"),
        ("it's tadhg murphy", "tadhg"),
        ("my name is siddharth diaz", "siddharth"),
    )
    heard = 0
    for text, first in said:
        for voice in ("en-us", "en-us+m3", "en-us+f3"):
            result = rec.decode_buffer(decoders, _speech(text, voice), expect=("name", None))
            heard += first in result.text.split()
    # 7 of 9 when written (the f3 voice misses two); the old grammar: 0
    assert heard >= 5, f"{heard} of 9 first names heard"


def test_spelling_comes_back_as_single_letters(decoders: rec.DecoderSet) -> None:
    result = rec.decode_buffer(decoders, _speech("k i m"), expect=("spelling", None))
    # letters of a name they resolve to, or, where they resolve to none (the grammar alone,
    # no Whisper here, and a letter misheard), the unclear-name marker: never words
    if result.source == rec.UNCLEAR:
        assert result.text == rec.UNCLEAR_NAME
    else:
        assert result.text and all(len(w) == 1 for w in result.text.split())


def test_open_requests_use_the_domain_model(decoders: rec.DecoderSet) -> None:
    result = rec.decode_buffer(decoders, _speech("i need to cancel my appointment"))
    assert result.source == rec.grammars.DOMAIN_SEARCH
    assert "cancel" in result.text.split()


def test_the_noise_floor_cycles_a_precomputed_table() -> None:
    floor = rec.NoiseFloor(20.0)
    silent = np.zeros(int(rec.NOISE_TABLE_SECONDS * rec.SAMPLE_RATE), dtype=np.int16)
    first, second = floor.mix(silent), floor.mix(silent)
    np.testing.assert_array_equal(first, second)  # one table, no new random numbers
    assert 15 < float(np.std(first)) < 25
    loud = np.full(100, 32767, dtype=np.int16)
    assert floor.mix(loud).max() <= 32767  # clipped, not wrapped
    assert rec.NoiseFloor(0).mix(loud) is loud


def test_line_detector_on_8khz_input() -> None:
    detector = rec.LineDetector()
    assert detector.observe(np.zeros(1600, dtype=np.int16), 8000) is True
    assert detector.observe(np.zeros(1600, dtype=np.int16), 8000) is None  # no change


def test_line_detector_tells_phone_band_from_wideband_speech() -> None:
    wide = _speech("my number is six one seven five five five zero one four two")
    narrow = audio.resample(
        audio.resample(audio.telephone_band(wide, 16000), 16000, 8000), 8000, 16000
    )
    for samples, expected in ((wide, False), (narrow, True)):
        detector = rec.LineDetector()
        verdicts = [
            detector.observe(samples[i : i + 1600], 16000) for i in range(0, samples.size, 1600)
        ]
        assert [v for v in verdicts if v is not None] == [expected]


def test_stream_recognizer_reports_events_in_order(decoders: rec.DecoderSet) -> None:
    stream = rec.StreamRecognizer(decoders)
    samples = np.concatenate(
        [audio.silence(0.5, 16000), _speech("yes please"), audio.silence(0.3, 16000)]
    )
    events: list[rec.Event] = []
    for i in range(0, samples.size, 1600):
        events += stream.feed(samples[i : i + 1600].tobytes(), expect=("yes_no", None))
    events += stream.feed(b"", flush=True, expect=("yes_no", None))
    kinds = [e.kind for e in events]
    assert kinds.index("start") < kinds.index("final") < kinds.index("end")
    final = next(e for e in events if e.kind == "final")
    assert final.source == "yes_no" and final.text.split()[0] == "yes"
    assert sum(e.value for e in events if e.kind == "usage") == pytest.approx(
        samples.size / 16000, abs=0.01
    )
    assert next((e.kind, e.value) for e in events if e.kind == "line") == ("line", 0.0)


def _events_of(decoders: rec.DecoderSet, text: str, expect: rec.Expect) -> list[rec.Event]:
    stream = rec.StreamRecognizer(decoders)
    samples = np.concatenate([audio.silence(0.5, 16000), _speech(text), audio.silence(0.3, 16000)])
    events: list[rec.Event] = []
    for i in range(0, samples.size, 1600):
        events += stream.feed(samples[i : i + 1600].tobytes(), expect=expect)
    return events + stream.feed(b"", flush=True, expect=expect)


def test_each_readers_words_come_before_the_final_only_when_kept(
    decoders: rec.DecoderSet,
) -> None:
    # a bench's output file shows which reader heard what (the recorded calls' name and day
    # turns could not be traced without it); a call's engine sends none
    assert not decoders.cfg.keep_readings
    plain = _events_of(decoders, "yes please", ("yes_no", None))
    assert "readings" not in [e.kind for e in plain]
    kept = rec.DecoderSet(dataclasses.replace(decoders.cfg, keep_readings=True))
    events = _events_of(kept, "yes please", ("yes_no", None))
    kinds = [e.kind for e in events]
    assert kinds.count("readings") == 1 and kinds.index("readings") < kinds.index("final")
    readings = json.loads(next(e.text for e in events if e.kind == "readings"))
    final = next(e for e in events if e.kind == "final")
    assert readings["taken"] == f"{final.source}: {final.text}"
    assert readings["grammar"].startswith("yes_no: ") and "domain" in readings


def test_the_engine_keeps_readings_only_where_it_is_asked_to(tmp_path: Path) -> None:
    assert not PocketSphinxSTT(cache_dir=tmp_path).recognizer_config().keep_readings
    assert PocketSphinxSTT(cache_dir=tmp_path, keep_readings=True).recognizer_config().keep_readings


def test_the_general_model_runs_only_when_asked(tmp_path: Path) -> None:
    default = PocketSphinxSTT(cache_dir=tmp_path).recognizer_config()
    assert default.general_lm is None  # no general-LM pass by default
    always = rec.DecoderSet(
        PocketSphinxSTT(cache_dir=tmp_path, fallback="always").recognizer_config()
    )
    result = rec.decode_buffer(always, _speech("the weather is really nice today"))
    assert result.source == "general"
    # espeak-ng's output differs slightly from one synthesis to the next (its state carries
    # over), so hold the general model to some of the content words, not to one of them
    heard = set(result.text.split())
    assert len(heard & {"weather", "whether", "really", "nice", "today"}) >= 2, result.text
    on_empty = PocketSphinxSTT(cache_dir=tmp_path, fallback=True).recognizer_config()
    assert on_empty.general_lm and not on_empty.general_always


def test_margins_are_per_search_with_a_phone_default() -> None:
    cfg = PocketSphinxSTT(margins={"phone3": 0.5}).recognizer_config()
    assert cfg.margin("phone3") == 0.5
    assert cfg.margin("phone4") == rec.DEFAULT_MARGINS["phone"]
    assert cfg.margin("phone10") == rec.DEFAULT_MARGINS["phone10"]
    assert cfg.margin("yes_no") == rec.DEFAULT_MARGINS["yes_no"]


def test_a_short_hypothesis_counts_as_an_answer_only_for_yes_no() -> None:
    assert rec.answered("yes_no", "no", "hill")
    assert rec.answered("yes_no", "yes that's right", "yes i want to book it now")
    assert not rec.answered("yes_no", "yes", "i want to cancel my appointment")
    assert not rec.answered("date_time", "friday", "hill")


def test_noise_the_domain_model_heard_nothing_in_is_not_an_answer() -> None:
    # at 20 dB SNR the endpointer starts a second utterance in the noise after "yes that
    # works"; the yes/no grammar forced it into "nope" (log score -0.22) while the domain LM
    # heard nothing (-0.16), and "yes that works nope" read as a no
    assert not rec.answered("yes_no", "nope", "")
    nope = rec.Result("nope", 0.5, -0.22, "yes_no")
    nothing = rec.Result("", 0.0, -0.16, rec.grammars.DOMAIN_SEARCH)
    assert not rec.keep_grammar("yes_no", nope, nothing, 0.3)
    # a grammar answer far above the domain LM's empty hypothesis still stands
    assert rec.keep_grammar("yes_no", rec.Result("no", 0.5, 0.2, "yes_no"), nothing, 0.3)


def test_a_request_said_to_a_yes_no_question_is_never_a_yes(decoders: rec.DecoderSet) -> None:
    # the yes/no grammar scored "that works thank you" for this far above the domain LM
    text = "Actually, wait, rather than cancel it, could I move it to the Friday, same time?"
    for voice in ("en-us", "en-us+m3", "en-us+f2"):
        result = rec.decode_buffer(decoders, _speech(text, voice), expect=("yes_no", None))
        assert result.source == rec.grammars.DOMAIN_SEARCH, (voice, result.text)
        assert "cancel" in result.text.split()


def test_said_something_else_keeps_short_and_matching_answers() -> None:
    long_request = "at two lee wait rivera cancel it to eight that friday do you i you"
    assert rec.said_something_else("yes_no", "that works thank you", long_request)
    # a yes heard by both, or a short domain hypothesis, is an answer
    assert not rec.said_something_else("yes_no", "yes please", "yes please book it for friday")
    assert not rec.said_something_else("yes_no", "no thank you", "no cancel it")
    # only yes/no turns: a date turn is expected to name days
    assert not rec.said_something_else("date_time", "friday at two", long_request)


def test_an_answer_with_more_said_after_it_is_not_forced_into_the_grammar() -> None:
    # a voice call: "Yes, three o'clock's fine. My number's 207 555 0168" to "Shall I book
    # it?" scored "please do please bye" in the yes/no grammar, 1.6 above the domain LM's 18
    # garbled words, and the call was ended with nothing booked
    said = (
        "yes three o'clock it's i you my number is two liam soon one on fine time the want to see"
    )
    grammar = rec.Result("please do please bye", 0.5, -2.8, "yes_no")
    domain = rec.Result(said, 0.5, -4.4, rec.grammars.DOMAIN_SEARCH)
    assert rec.said_more_than_an_answer("yes_no", grammar.text, domain.text)
    assert not rec.keep_grammar("yes_no", grammar, domain, 0.3)
    # the grammar's longest answers, heard alike by both, are answers
    longest = "yes that's correct thank you that's all thanks bye"
    assert not rec.said_more_than_an_answer("yes_no", longest, longest)
    assert not rec.said_more_than_an_answer(
        "yes_no", "no thank you", "no thank you that's all thanks bye"
    )
    # only yes/no turns: a whole number is ten words or more in a phone turn
    assert not rec.said_more_than_an_answer("phone10", "two", said)


def test_a_yes_with_a_number_after_it_keeps_the_number(decoders: rec.DecoderSet) -> None:
    text = "Yes, three o'clock's fine. My number's two oh seven, five five five, oh one six eight"
    result = rec.decode_buffer(decoders, _speech(text), expect=("yes_no", None))
    assert result.source != "yes_no", result.text
    assert "bye" not in result.text.split()
    assert "yes" in result.text.split()
    # the number's digits reach the dialogue; all ten did in 7 of 8 runs (one full-suite run
    # failed here, its text not kept), so only a group of them is held
    assert "555" in spoken_digits(result.text), result.text


def _result(text: str, log_score: float, source: str) -> rec.Result:
    return rec.Result(text, 0.5, log_score, source)


def test_a_number_the_domain_model_heard_as_digit_like_words_is_kept() -> None:
    # the demo's flake: "one two three ..." lost to the domain LM's "want to three ..."
    grammar = _result("one two three four five six seven eight nine zero", -100.0, "phone10")
    domain = _result("want to three four five six seven eight nine zero", -99.0, "domain")
    assert rec.keep_grammar("phone10", grammar, domain, 0.6)
    assert rec.digit_like("phone10", "my number is want to three for five six")
    # CI's: "nine eight seven six five four three two one zero" on a fresh decoder
    assert rec.digit_like("phone10", "like the sixth i'd four three to want zero")
    # a request said instead of a number is still heard as a request
    for request in (
        "can you check my appointment",
        "i'd like to talk to someone",
        "actually i want to cancel my appointment",
        "sorry could you repeat that",
        "hold on a second let me check",
    ):
        assert not rec.digit_like("phone10", request), request
        assert not rec.keep_grammar("phone10", grammar, _result(request, -99.0, "domain"), 0.6)
    # too few words to tell, and only in phone turns
    assert not rec.digit_like("phone10", "one two")
    assert not rec.digit_like("yes_no", "one two three four")


def test_a_date_both_searches_agree_on_is_kept() -> None:
    grammar = _result("tomorrow at nine thirty", -100.0, "date_time")
    garbled = _result("i tomorrow at nine thirty you", -99.0, "domain")
    assert rec.same_date_or_time("date_time", grammar.text, garbled.text)
    assert rec.keep_grammar("date_time", grammar, garbled, 0.2)
    # the same time alone is agreement too; a different day and time is not
    assert rec.same_date_or_time("date_time", "friday at two p m", "lee can two p m")
    assert not rec.same_date_or_time("date_time", "friday at two p m", "monday at ten")
    # a request that names a day is a request, not an answer
    request = _result("i need to cancel my appointment on friday", -99.0, "domain")
    assert not rec.same_date_or_time("date_time", "on friday", request.text)
    assert not rec.keep_grammar(
        "date_time", _result("on friday", -100.0, "date_time"), request, 0.2
    )
    # date turns only
    assert not rec.same_date_or_time("yes_no", "tomorrow", "tomorrow")


def test_quarter_past_times_are_not_heard_as_ten_to(decoders: rec.DecoderSet) -> None:
    # an unweighted grammar with "fifty" heard "four fifteen" as "four fifty" (4 of 32
    # tuning dates); espeak varies between calls, so hold most of several utterances
    from datetime import time as dt_time

    from voice_agent.domain.datetimes import find_time
    from voice_agent.domain.errors import DomainError

    said = {
        "friday at four fifteen p m": dt_time(16, 15),
        "tomorrow at nine fifteen": dt_time(9, 15),
    }
    right = total = 0
    for text, want in said.items():
        for voice in ("en-us", "en-us+m3", "en-us+f3"):
            result = rec.decode_buffer(decoders, _speech(text, voice), expect=("date_time", None))
            total += 1
            with contextlib.suppress(DomainError):  # an unparsable time is a miss
                right += find_time(result.text) == want
    assert right >= total - 2, f"{right} of {total} times heard"


def test_a_bare_yes_at_a_name_turn_is_not_made_a_name() -> None:
    name = rec.Result("yes kim eric", 0.5, -10.0, rec.grammars.NAME_SEARCH)
    for said in ("yes correct", "yes that's right", "that's right"):
        domain = rec.Result(said, 0.5, -12.0, rec.grammars.DOMAIN_SEARCH)
        assert not rec.keep_grammar(rec.grammars.NAME_SEARCH, name, domain, 0.1)
    # a name the domain LM garbled still goes to the name grammar when it scores better
    garbled = rec.Result("yes that's right me like else t", 0.5, -12.0, rec.grammars.DOMAIN_SEARCH)
    assert rec.keep_grammar(rec.grammars.NAME_SEARCH, name, garbled, 0.1)


def test_a_rejected_reading_is_not_heard_again(decoders: rec.DecoderSet) -> None:

    samples = _speech("nine one seven", "en-us+m3")
    first = spoken_digits(rec.decode_buffer(decoders, samples, expect=("phone", 3)).text)
    assert len(first) == 3
    rejected: tuple[str, ...] = (first,)
    for _ in range(3):  # each "no" leaves one more reading out of the same audio
        result = rec.decode_buffer(decoders, samples, expect=("phone", 3, rejected))
        assert result.source.startswith("phone3_x")
        heard = spoken_digits(result.text)
        assert len(heard) == 3 and heard not in rejected, (heard, rejected)
        rejected += (heard,)
    assert rec.RecognizerConfig.margin(decoders.cfg, result.source) == decoders.cfg.margin("phone3")


def test_searches_built_on_demand_are_bounded(decoders: rec.DecoderSet) -> None:
    names = [
        decoders.ensure(rec.grammars.search_for(rec.listening_of(("phone", 4, (f"{n:04d}",)))))
        for n in range(rec.EXTRA_SEARCHES + 3)
    ]
    assert all(name.startswith("phone4_x") for name in names)
    assert len(decoders._added) == rec.EXTRA_SEARCHES
    assert list(decoders._added) == names[-rec.EXTRA_SEARCHES :]


@pytest.mark.parametrize(
    "said",
    [
        "no thanks code five",  # "No thanks. Goodbye." in the e2e caller's voice
        "no i'm good saturdays",
        "that's it saturdays five",
        "no that's everything five",
        "nope i'm good thanks",
        "um no thank you",
    ],
)
def test_a_decline_at_a_day_and_time_turn_is_not_made_a_day_and_time(said: str) -> None:
    # the grammar must pick a day or a time; the domain LM heard a caller close, with no
    # "bye" in it to tell
    day = rec.Result("twelve saturday", 0.5, -0.77, rec.grammars.DATE_TIME_SEARCH)
    domain = rec.Result(said, 0.5, -1.01, rec.grammars.DOMAIN_SEARCH)
    assert not rec.keep_grammar(rec.grammars.DATE_TIME_SEARCH, day, domain, 0.2)


@pytest.mark.parametrize("said", ["no friday at two", "no five thirty", "nope", "no that's wrong"])
def test_a_bare_no_at_a_day_and_time_turn_keeps_the_grammar(said: str) -> None:
    # "no, Friday at two" corrects the day and time: not a decline
    day = rec.Result("friday at two", 0.5, -0.77, rec.grammars.DATE_TIME_SEARCH)
    domain = rec.Result(said, 0.5, -1.01, rec.grammars.DOMAIN_SEARCH)
    assert rec.keep_grammar(rec.grammars.DATE_TIME_SEARCH, day, domain, 0.2)


def test_a_goodbye_at_a_name_or_spelling_turn_is_not_made_a_name() -> None:
    for search, forced in (
        (rec.grammars.NAME_SEARCH, "ruth zuniga"),
        (rec.grammars.SPELLING_SEARCH, "e s r e e z x l n e o x i a"),
    ):
        grammar = rec.Result(forced, 0.5, -10.0, search)
        for said in ("great thanks that's all bye", "okay goodbye", "yes please that's all bye"):
            domain = rec.Result(said, 0.5, -14.0, rec.grammars.DOMAIN_SEARCH)
            assert not rec.keep_grammar(search, grammar, domain, 0.1)
        # a name with no goodbye in the domain LM's hypothesis still stands
        garbled = rec.Result("ruth the zoo need a", 0.5, -14.0, rec.grammars.DOMAIN_SEARCH)
        assert rec.keep_grammar(search, grammar, garbled, 0.1)
    # a goodbye to "which time would you prefer?" is not made a day and time
    day = rec.Result("twelve saturday", 0.5, -0.77, rec.grammars.DATE_TIME_SEARCH)
    bye = rec.Result("no saturdays code bye", 0.5, -1.01, rec.grammars.DOMAIN_SEARCH)
    assert not rec.keep_grammar(rec.grammars.DATE_TIME_SEARCH, day, bye, 0.2)
    # ... but "bye" where the grammar heard "five" is the domain LM mishearing the time
    five = rec.Result("friday at five", 0.5, -0.77, rec.grammars.DATE_TIME_SEARCH)
    misheard = rec.Result("friday at bye", 0.5, -1.01, rec.grammars.DOMAIN_SEARCH)
    assert rec.keep_grammar(rec.grammars.DATE_TIME_SEARCH, five, misheard, 0.2)
    # in a phone turn the domain LM writes "bye" for a half-heard "five": the digits stand
    digits = rec.Result("six one five five five five", 0.5, -10.0, "phone10")
    heard = rec.Result("six one bye five five five", 0.5, -14.0, rec.grammars.DOMAIN_SEARCH)
    assert rec.keep_grammar("phone10", digits, heard, 0.3)


def test_a_correction_at_a_name_turn_is_not_made_a_name() -> None:
    name = rec.Result("leo farley", 0.5, -1.87, rec.grammars.NAME_SEARCH)
    for said in (
        "oh no sorry that's wrong you is oh one four nine",  # what the domain LM heard
        "that's not right",
        "nope it's six one seven five five five",
        "the end is four one nine eight",
    ):
        domain = rec.Result(said, 0.5, -2.25, rec.grammars.DOMAIN_SEARCH)
        assert not rec.keep_grammar(rec.grammars.NAME_SEARCH, name, domain, 0.1), said
    # a name the domain LM garbled with a digit or two in it still goes to the grammar
    garbled = rec.Result("leo far one e", 0.5, -2.25, rec.grammars.DOMAIN_SEARCH)
    assert rec.keep_grammar(rec.grammars.NAME_SEARCH, name, garbled, 0.1)
    # spelled letters are not denials: "n o" at a spelling turn stays letters
    letters = rec.Result("n o a h", 0.5, -1.0, rec.grammars.SPELLING_SEARCH)
    heard = rec.Result("no a h", 0.5, -2.0, rec.grammars.DOMAIN_SEARCH)
    assert rec.keep_grammar(rec.grammars.SPELLING_SEARCH, letters, heard, 0.1)


@pytest.mark.parametrize(
    "said",
    [
        # what the domain LM heard where the name grammar made a name (tuning voices)
        "i'd like another appointment wednesday next week",
        "hi i'd like to book when's the to please",
        "hello grab hoping to get an appointment to monday about you to",
        "hi uh can i switch my appointment to a different day",
        "good morning i wanted to book it are tomorrow do you to saturdays",
        # a day and time said at the name turn (a recording out of step)
        "monday morning ten o'clock",
    ],
)
def test_a_request_at_a_name_turn_is_not_made_a_name(said: str) -> None:
    # the grammar scored its forced name well above the domain LM's reading
    name = rec.Result("right ida underwood", 0.5, -1.0, rec.grammars.NAME_SEARCH)
    domain = rec.Result(said, 0.5, -2.0, rec.grammars.DOMAIN_SEARCH)
    assert not rec.keep_grammar(rec.grammars.NAME_SEARCH, name, domain, 0.1)


@pytest.mark.parametrize(
    "said",
    [
        # the domain LM's garble of a name said at a name turn, with one request word in it
        "monday was just an wilson",
        "it's laura book an hour",
        "monday we z with the later one on",
        "yes the april third",
    ],
)
def test_a_name_garbled_with_one_request_word_still_goes_to_the_grammar(said: str) -> None:
    name = rec.Result("justin wills", 0.5, -1.0, rec.grammars.NAME_SEARCH)
    domain = rec.Result(said, 0.5, -2.0, rec.grammars.DOMAIN_SEARCH)
    assert rec.keep_grammar(rec.grammars.NAME_SEARCH, name, domain, 0.1)


def test_digit_warps_keep_the_best_scoring_reading_and_leave_the_decoder_as_it_was(
    tmp_path: Path,
) -> None:
    import dataclasses

    cfg = PocketSphinxSTT(
        cache_dir=tmp_path, digit_warps=(0.9, 1.06), digit_warps_on="all"
    ).recognizer_config()
    warped = rec.DecoderSet(cfg)
    plain = rec.DecoderSet(dataclasses.replace(cfg, digit_warps=()))
    samples = _speech("nine one seven", "en-us+m3")
    # the same audio decoded by decoders built with each warp, from the same cepstral mean
    readings = []
    for warp in (None, 0.9, 1.06):
        decoders = plain
        if warp is not None:
            decoders = rec.DecoderSet(
                dataclasses.replace(
                    cfg,
                    digit_warps=(),
                    decoder_config=(("warp_type", "inverse_linear"), ("warp_params", str(warp))),
                )
            )
        decoders.reset_cmn()
        grammar, _ = rec.score_both(decoders, samples, "phone3")
        readings.append(grammar)
    best = max(readings, key=lambda r: r.log_score)
    warped.reset_cmn()
    result = rec.decode_buffer(warped, samples, expect=("phone", 3))
    assert result.source == "phone3"
    assert result.text == best.text
    # the unwarped pass's score is the one compared with the domain LM's
    assert result.log_score == pytest.approx(readings[0].log_score)
    # the grammar decoder is unwarped again, with the cepstral mean the unwarped pass left
    assert warped.context.get_cmn() == plain.context.get_cmn()
    warped.reset_cmn()
    plain.reset_cmn()
    again = rec.score_both(warped, samples, "phone3")[0]
    assert (again.text, again.log_score) == (readings[0].text, readings[0].log_score)


def test_digit_warps_apply_only_to_digit_turns_of_the_configured_kind(tmp_path: Path) -> None:
    import dataclasses

    cfg = PocketSphinxSTT(cache_dir=tmp_path, digit_warps=(0.9,)).recognizer_config()
    assert cfg.digit_warps_on == "repair"
    decoders = rec.DecoderSet(cfg)
    cases = (
        (decoders, "phone10", (), False),  # a first reading: repair turns only
        (decoders, "phone3", ("617",), True),  # a group asked again
        (decoders, "yes_no", ("617",), False),
    )
    every = rec.DecoderSet(dataclasses.replace(cfg, digit_warps_on="all"))
    cases += ((every, "phone10", (), True), (every, "date_time", (), False))
    for decoder_set, search, rejected, warps in cases:
        utt = rec.Utterance(decoder_set, search, rejected)
        try:
            assert (utt.warp_audio is not None) is warps, (search, rejected)
        finally:
            utt.finish(math.inf)


def test_a_number_garbled_inside_a_sentence_is_found_as_one_stretch() -> None:
    # what the language model writes for "hey, it's nine four one, two two eight, three
    # oh six oh, I'd like to come in on Monday": digits mixed with words it writes for them
    words = "hey it's nine for one to too eight i three oh six oh i'd like to come in on monday"
    span = rec.number_run(words.split())
    assert span is not None
    assert words.split()[span[0] : span[1] + 1][0] == "nine"
    assert words.split()[span[1]] == "oh"
    # a gap of a few misheard words inside the number is bridged
    bridged = "four one i you five five oh seven oh seven"
    assert rec.number_run(bridged.split()) == (0, 9)


def test_times_dates_codes_and_partial_numbers_are_not_taken_for_a_phone_number() -> None:
    for words in (
        "can i come at two thirty on the fourth or at four",
        "i want to book for two people at ten to four",
        "my confirmation code is k seven two m nine four three x",
        "the first part is three one two four four seven",  # one piece of a number
        "i want to four two cancel for one two three four",  # a request word ends a stretch
        "",
    ):
        assert rec.number_run(words.split()) is None, words


def test_the_grammar_number_replaces_only_the_stretch() -> None:
    said = "hi its for want to eight i r double one three seven please book me"
    words = said.split()
    span = rec.number_run(words)
    assert span == (2, 11)
    text = rec.with_number(words, span, "my number is four one two eight um one one three seven")
    assert text == "hi its four one two eight one one three seven please book me"


def test_a_number_said_inside_an_open_request_is_heard_by_the_number_grammar(
    decoders: rec.DecoderSet,
) -> None:
    # how often it gets the number right is measured on many voices and lines (see the
    # README); here: it takes part, gives ten digits, and keeps the words around them.
    # The filler after the request is at the mercy of the machine's float rounding (a CI
    # machine heard "i'd like to come we bye"), so only the request's own word is required
    # after the number; each voice starts from the initial cepstral mean, as a caller does.
    said = "morning, it's three one two, four four seven, eight eight one six, i'd like to come in"
    by_grammar = 0
    for voice in ("en-us", "en-us+m3", "en-gb-x-rp", "en-us+f2", "en-us+f3", "en"):
        decoders.reset_cmn()
        result = rec.decode_buffer(decoders, _speech(said, voice))
        if result.source != rec.grammars.NUMBER_IN_REQUEST_SEARCH:
            continue
        by_grammar += 1
        words = result.text.split()
        assert rec.ten_digits_heard(words), result.text
        span = rec.number_run(words)
        assert span is not None, result.text
        assert "like" in words[span[1] :], result.text
    assert by_grammar >= 1, "the number grammar never took part"
    without = rec.DecoderSet(dataclasses.replace(decoders.cfg, number_in_request=False))
    for voice in ("en-us", "en-us+m3", "en-gb-x-rp"):
        result = rec.decode_buffer(without, _speech(said, voice))
        assert result.source == rec.grammars.DOMAIN_SEARCH


def test_an_open_request_without_a_number_is_left_to_the_language_model(
    decoders: rec.DecoderSet,
) -> None:
    for said in (
        "hi there, i would like to move my appointment from tuesday to thursday afternoon",
        "could you tell me what time you open on saturday",
    ):
        for voice in ("en-us", "en-us+f3"):
            result = rec.decode_buffer(decoders, _speech(said, voice))
            assert result.source == rec.grammars.DOMAIN_SEARCH, result.text


def test_ten_digit_words_in_a_row_are_a_whole_number_heard() -> None:
    for heard, whole in (
        ("it's four oh eight double five five two six one three i", True),
        ("four oh eight five five i two six one three", False),
        ("four oh eight five five five two six one three one", False),
    ):
        assert rec.ten_digits_heard(heard.split()) is whole, heard


def test_a_goodbye_at_a_number_turn_is_not_forced_into_digits() -> None:
    # what the language model heard of "right, my bus is here, I'll ring you back, bye"
    digits = rec.Result("oh two six oh one five double five two two", 0.5, -10.0, "phone10")
    heard = rec.Result("right my bus is here i'll ring you back bye", 0.5, -11.0, "domain")
    assert not rec.keep_grammar("phone10", digits, heard, 0.6)
    assert not rec.keep_grammar("phone3", digits, heard, 0.05)
    # a number whose "five" the language model wrote as "bye" keeps the grammar's digits
    five = rec.Result("six one seven bye bye bye oh one four two", 0.5, -11.0, "domain")
    assert rec.keep_grammar("phone10", digits, five, 0.6)


def test_digit_variants_are_in_the_grammar_decoder_only(decoders: rec.DecoderSet) -> None:
    cfg = decoders.cfg
    assert cfg.grammar_dict_path is not None and cfg.grammar_dict_path != cfg.dict_path
    grammar_dict = Path(cfg.grammar_dict_path).read_text().splitlines()
    domain_dict = Path(cfg.dict_path).read_text().splitlines()
    variants = [line.rstrip("\n") for line in rec.grammars.variant_dictionary_lines()]
    assert variants and set(variants) <= set(grammar_dict)
    # so are the name grammar's names the pronunciation dictionary lacks ("okafor", "niamh")
    names = [line.rstrip("\n") for line in rec.grammars.name_dictionary_lines()]
    assert names and set(names) <= set(grammar_dict) and not set(names) & set(domain_dict)
    # everything else is the same dictionary
    assert sorted(set(grammar_dict) - set(variants) - set(names)) == sorted(domain_dict)
    # a variant heard is written as its digit
    assert rec.clean("<sil> six_1 seven_1 _th two") == "six seven two"


def test_digit_variants_hear_voices_the_cmudict_pronunciations_miss(
    decoders: rec.DecoderSet, tmp_path: Path
) -> None:
    # digit groups two tuning voices of bench/stt_eval.py say in ways the en-us model hears
    # as other digits with cmudict's pronunciations alone ("three seven zero" as "two one
    # zero"; 0 of 3 renderings each in a probe, 2-3 of 3 with the variants)
    said = (
        ("en-029+m2", "three seven zero"),
        ("en-029+m2", "seven seven two"),
        ("en-gb-scotland", "six seven six"),
        ("en-gb-scotland", "three seven zero"),
    )
    plain = rec.DecoderSet(
        PocketSphinxSTT(cache_dir=tmp_path, digit_variants=False).recognizer_config()
    )
    right = {"variants": 0, "plain": 0}
    for voice, text in said:
        samples = _speech(text, voice)
        for name, decoder_set in (("variants", decoders), ("plain", plain)):
            decoder_set.reset_cmn()
            grammar, _ = rec.score_both(decoder_set, samples, "phone3")
            right[name] += grammar.text.split()[-3:] == text.split()
    assert right["variants"] >= 3, right
    assert right["plain"] <= 1, right


def test_the_domain_models_first_firm_word_decides_a_contradicted_answer() -> None:
    yes_no = rec.grammars.YES_NO_SEARCH
    # misheard answers from the tuning split: the domain LM heard the side the grammar lost
    assert rec.contradicts(yes_no, "not really", "correct") is True
    assert rec.contradicts(yes_no, "go ahead", "no sorry this") is False
    assert rec.contradicts(yes_no, "go ahead", "to wrong") is False
    # its first firm word agrees with the grammar, or it has none: the grammar stands
    assert rec.contradicts(yes_no, "yes that works", "yes not works") is None
    assert rec.contradicts(yes_no, "no it isn't", "okay visit") is None
    assert rec.contradicts(yes_no, "no thanks", "no thanks") is None
    assert rec.contradicts("date_time", "friday", "no") is None


def test_yeah_no_is_a_no_to_the_domain_models_side() -> None:
    yes_no = rec.grammars.YES_NO_SEARCH
    # "Yeah, no, I'd rather not.": the grammar forced it into "yes go on", the domain LM's
    # first word is a "yeah"; the dialogue reads "yeah no" as a no, and so does this
    assert rec.domain_side("yeah no i'd rather not") is False
    assert rec.contradicts(yes_no, "yes go on", "yeah no i'd rather not") is False
    assert rec.domain_side("yeah no problem") is True
    assert rec.domain_side("yes please") is True
    assert rec.domain_side("the three a week") is None


def test_a_yes_word_before_what_it_agrees_to_is_heard_whole(decoders: rec.DecoderSet) -> None:
    # with no path for "go on" after "sure", the yes/no grammar forced "Sure, go on." into
    # "sure goodbye": a goodbye the caller did not say
    result = rec.decode_buffer(decoders, _speech("Sure, go on."), expect=("yes_no", None))
    assert result.source == rec.grammars.YES_NO_SEARCH
    assert result.text == "sure go on"
    assert not rec.closing_heard(result.text)


def test_answer_polarity_reads_the_yes_no_grammars_answers() -> None:
    polarity = rec.grammars.answer_polarity
    assert polarity("yes please") is True
    assert polarity("go ahead thanks") is True
    assert polarity("no thank you") is False
    assert polarity("that's not right please") is False
    assert polarity("friday") is None


def test_a_contradicted_answer_is_decoded_again_on_the_domain_models_side(
    decoders: rec.DecoderSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    samples = _speech("no thanks")
    assert rec.decode_buffer(decoders, samples, expect=("yes_no", None)).text == "no thanks"
    # told the domain LM heard a yes, the answer comes from the yes side of the grammar
    monkeypatch.setattr(rec, "contradicts", lambda *_: True)
    result = rec.decode_buffer(decoders, samples, expect=("yes_no", None))
    assert result.source == rec.grammars.YES_NO_SEARCH
    assert rec.grammars.answer_polarity(result.text) is True


def test_a_goodbye_after_a_yes_no_answer_is_heard(decoders: rec.DecoderSet) -> None:
    result = rec.decode_buffer(
        decoders, _speech("yes please, that's all, thanks, bye"), expect=("yes_no", None)
    )
    assert result.source == rec.grammars.YES_NO_SEARCH
    assert result.text.split()[0] == "yes" and result.text.split()[-1] == "bye"
    assert rec.grammars.answer_polarity(result.text) is True


def test_only_a_yes_that_sounds_like_a_no_is_checked_against_the_no_side() -> None:
    yes_no = rec.grammars.YES_NO_SEARCH
    assert rec.grammars.answer_of("okay thanks bye") == "okay"
    assert rec.firm_yes_needed(yes_no, "okay")
    assert rec.firm_yes_needed(yes_no, "okay thank you")
    assert not rec.firm_yes_needed(yes_no, "yes please")
    assert not rec.firm_yes_needed(yes_no, "nope")
    assert not rec.firm_yes_needed("date_time", "okay")
    assert not rec.firm_yes_needed(yes_no, "okay", {})


def test_an_okay_close_to_the_no_side_is_heard_as_the_no(
    decoders: rec.DecoderSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    samples = _speech("okay")
    # a clear "okay" stands at the shipped margin
    result = rec.decode_buffer(decoders, samples, expect=("yes_no", None))
    assert result.text == "okay"
    # at a margin no "okay" reaches, the same audio is taken as the no side's best answer
    # (a wrong yes books; a wrong no asks again)
    strict = dataclasses.replace(decoders.cfg, yes_over_no=(("okay", 1e9),))
    monkeypatch.setattr(decoders, "cfg", strict)
    result = rec.decode_buffer(decoders, samples, expect=("yes_no", None))
    assert result.source == rec.grammars.YES_NO_SEARCH
    assert rec.grammars.answer_polarity(result.text) is False
    # without the check, as before
    monkeypatch.setattr(decoders, "cfg", dataclasses.replace(strict, yes_over_no=()))
    assert rec.decode_buffer(decoders, samples, expect=("yes_no", None)).text == "okay"


def test_only_rejected_tries_at_the_same_group_are_decoded_again() -> None:
    tries = [
        ("phone3", "617", b"first group"),
        ("phone3", "552", b"second group, first try"),
        ("phone4", "552", b"a last four"),
        ("phone3", "555", b"second group, second try"),
        ("phone3", "", b"nothing heard"),
    ]
    # the second group asked for a third time: both its tries were rejected
    assert rec.earlier_tries(tries, "phone3", ("552", "555")) == (
        b"second group, first try",
        b"second group, second try",
    )
    # at most EARLIER_TRIES, the latest
    assert (
        rec.earlier_tries(tries, "phone3", ("617", "552", "555"))
        == (
            b"second group, first try",
            b"second group, second try",
        )[-rec.EARLIER_TRIES :]
    )
    assert rec.earlier_tries(tries, "phone3", ()) == ()  # a new group
    assert rec.earlier_tries(tries, "phone10", ("552",)) == ()  # not a group search
    assert rec.earlier_tries(tries, "phone4", ("617",)) == ()  # another group's reading


def test_a_group_said_again_is_decoded_with_its_earlier_try(
    decoders: rec.DecoderSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    joint: list[int] = []  # how many earlier tries each joint decoding had
    original = rec.Utterance.repeated

    def repeated(self: rec.Utterance, base: rec.Result) -> rec.Result:
        joint.append(len(self.earlier))
        return original(self, base)

    monkeypatch.setattr(rec.Utterance, "repeated", repeated)
    joined = rec.DecoderSet(dataclasses.replace(decoders.cfg, repeated_groups=True))
    stream = rec.StreamRecognizer(joined)
    said = np.concatenate(
        [
            audio.silence(0.3, 16000),
            _speech("nine four eight", "en-us+m3"),
            audio.silence(0.3, 16000),
        ]
    )

    def hear(expect: rec.Expect) -> str:
        events: list[rec.Event] = []
        for i in range(0, said.size, 1600):
            events += stream.feed(said[i : i + 1600].tobytes(), expect=expect)
        events += stream.feed(b"", flush=True, expect=expect)
        return spoken_digits(" ".join(e.text for e in events if e.kind == "final"))

    first = hear(("phone", 3))
    assert len(first) == 3
    [(search, heard, kept)] = list(stream._tries)
    assert (search, heard) == ("phone3", first) and len(kept) > said.size  # with its padding
    # the caller said "no" to the first reading (and to another one, "111")
    second = hear(("phone", 3, (first, "111")))
    assert len(second) == 3 and second not in (first, "111")
    assert joint == [1] and len(stream._tries) == 2
    # off by default: a try is decoded on its own
    utt = rec.Utterance(decoders, "phone3", ("617",), (b"an earlier try",))
    try:
        assert not decoders.cfg.repeated_groups and utt.earlier == ()
    finally:
        utt.finish(math.inf)


def _voiced(pitch: float, seconds: float = 1.5, rate: int = 16000) -> np.ndarray:
    """A vowel-like tone: a pitch and its harmonics, falling off, at speech level."""
    t = np.arange(int(seconds * rate)) / rate
    wave = sum(np.sin(2 * np.pi * pitch * h * t) / h for h in range(1, 12))
    return np.round(3000 * wave / np.max(np.abs(wave))).astype(np.int16)


@pytest.mark.parametrize("pitch", [95.0, 120.0, 210.0, 245.0])
def test_the_pitch_tracker_finds_a_voices_pitch_not_an_octave_below(pitch: float) -> None:
    tracker = rec.PitchTracker()
    samples = _voiced(pitch)
    found = None
    for i in range(0, samples.size, 1600):  # the 100 ms chunks a stream gets
        found = tracker.observe(samples[i : i + 1600]) or found
    assert found == pytest.approx(pitch, rel=0.03)
    # said once; later audio is not looked at
    assert tracker.done and tracker.observe(samples) is None


def test_the_pitch_tracker_needs_voiced_audio() -> None:
    tracker = rec.PitchTracker()
    rng = np.random.default_rng(1)
    noise = np.round(rng.normal(0, 3000, 32000)).astype(np.int16)
    assert tracker.observe(noise) is None
    assert tracker.observe(np.zeros(32000, dtype=np.int16)) is None
    assert tracker.observe(_voiced(200.0, seconds=0.4)) is None  # not enough yet
    assert tracker.observe(_voiced(200.0, seconds=0.6)) == pytest.approx(200.0, rel=0.03)


def test_only_a_high_voice_is_warped() -> None:
    assert rec.caller_warp(120.0, 160.0, 1.15) == 1.0
    assert rec.caller_warp(159.0, 160.0, 1.15) == 1.0
    assert rec.caller_warp(160.0, 160.0, 1.15) == 1.15
    assert rec.caller_warp(230.0, 160.0, 1.15) == 1.15


def test_a_low_voice_is_warped_the_other_way() -> None:
    assert rec.caller_warp(85.0, 160.0, 1.24, 97.0, 0.88) == 0.88
    assert rec.caller_warp(96.9, 160.0, 1.24, 97.0, 0.88) == 0.88
    assert rec.caller_warp(97.0, 160.0, 1.24, 97.0, 0.88) == 1.0
    assert rec.caller_warp(130.0, 160.0, 1.24, 97.0, 0.88) == 1.0
    assert rec.caller_warp(200.0, 160.0, 1.24, 97.0, 0.88) == 1.24
    # by default too: a warp below 1 for the low voices
    assert rec.caller_warp(85.0) == rec.LOW_VOICE_WARP < 1.0
    assert rec.caller_warp(110.0) == 1.0


def _feed_call(
    stream: rec.StreamRecognizer, samples: np.ndarray, expect: rec.Expect
) -> list[tuple[str, float]]:
    """The final transcripts of one turn, with their confidence."""
    return [(e.text, e.confidence) for e in finals(feed_turn(stream, samples, expect))]


def test_a_high_voiced_caller_is_heard_warped_from_the_first_utterance(tmp_path: Path) -> None:
    engine = PocketSphinxSTT(cache_dir=tmp_path, high_voice_warp=1.15)
    cfg = engine.recognizer_config()
    warped = rec.DecoderSet(cfg)
    # the same decoders built warped from the start: what the first utterance must match
    reference = rec.DecoderSet(
        dataclasses.replace(
            cfg, high_voice_warp=1.0, low_voice_warp=1.0, decoder_config=(("warp_params", "1.15"),)
        )
    )
    samples = _speech("my number is two one seven four four nine zero three one six", "en-us+f4")
    stream = rec.StreamRecognizer(warped)
    assert warped.warp == 1.0
    heard = _feed_call(stream, samples, ("phone", 10))
    assert warped.warp == 1.15
    expected = _feed_call(rec.StreamRecognizer(reference), samples, ("phone", 10))
    assert heard == expected
    # the running cepstral mean a decode leaves tells a warped decode from an unwarped one
    assert warped.cmns() == reference.cmns()
    unwarped = rec.DecoderSet(dataclasses.replace(cfg, high_voice_warp=1.0, low_voice_warp=1.0))
    _feed_call(rec.StreamRecognizer(unwarped), samples, ("phone", 10))
    assert unwarped.cmns() != reference.cmns()
    # a later utterance is decoded warped with no second pass
    assert stream._kept is None
    # the next caller on the same decoders starts unwarped; a low voice stays so
    low = rec.StreamRecognizer(warped)
    assert warped.warp == 1.0
    _feed_call(low, _speech("friday at two p m please", "en-us"), ("date_time", None))
    assert low.pitch is not None and low.pitch.done
    assert warped.warp == 1.0


def test_a_low_voiced_caller_is_heard_warped_below_one(tmp_path: Path) -> None:
    cfg = PocketSphinxSTT(cache_dir=tmp_path).recognizer_config()
    decoders = rec.DecoderSet(cfg)
    stream = rec.StreamRecognizer(decoders)
    samples, rate = synthesize("friday at two p m please", voice="en-us+m8", rate=150, pitch=35)
    _feed_call(stream, audio.resample(samples, rate, 16000), ("date_time", None))
    assert stream.pitch is not None and stream.pitch.done
    assert decoders.warp == rec.LOW_VOICE_WARP < 1.0
    # with the low-voice warp off, only the high voices are warped, and pitch still tracked
    off = rec.DecoderSet(dataclasses.replace(cfg, low_voice_warp=1.0))
    stream = rec.StreamRecognizer(off)
    _feed_call(stream, audio.resample(samples, rate, 16000), ("date_time", None))
    assert stream.pitch is not None and stream.pitch.done
    assert off.warp == 1.0


def test_wider_beams_reach_the_grammar_decoder_alone(tmp_path: Path) -> None:
    cfg = PocketSphinxSTT(cache_dir=tmp_path, grammar_beams=True).recognizer_config()
    decoders = rec.DecoderSet(cfg)
    assert decoders.context.config["beam"] == pytest.approx(rec.GRAMMAR_BEAMS["beam"])
    assert decoders.context.config["wbeam"] == pytest.approx(rec.GRAMMAR_BEAMS["wbeam"])
    assert decoders.context.config["pbeam"] == pytest.approx(rec.GRAMMAR_BEAMS["pbeam"])
    # the domain LM keeps pocketsphinx's own, as every decoder does by default
    plain = rec.DecoderSet(dataclasses.replace(cfg, grammar_beams=False))
    assert decoders.domain.config["beam"] == plain.domain.config["beam"]
    assert plain.context.config["beam"] == plain.domain.config["beam"] > rec.GRAMMAR_BEAMS["beam"]


def test_no_pitch_is_tracked_when_no_caller_is_warped(tmp_path: Path) -> None:
    cfg = PocketSphinxSTT(
        cache_dir=tmp_path, high_voice_warp=1.0, low_voice_warp=1.0
    ).recognizer_config()
    decoders = rec.DecoderSet(cfg)
    stream = rec.StreamRecognizer(decoders)
    assert stream.pitch is None
    _feed_call(stream, _speech("friday at two p m please", "en-us+f4"), ("date_time", None))
    assert decoders.warp == 1.0


def test_setting_a_warp_keeps_the_running_cepstral_mean(decoders: rec.DecoderSet) -> None:
    rec.decode_buffer(decoders, _speech("next tuesday at ten", "en-us+f4"))
    before = decoders.cmns()
    decoders.set_warp(1.2)
    try:
        assert decoders.cmns() == before
        assert all(dec.config["warp_params"] == "1.2" for dec in decoders.decoders())
    finally:
        decoders.set_warp(1.0)
    assert all(dec.config["warp_params"] == "1" for dec in decoders.decoders())


def test_a_decoder_set_handed_to_the_next_caller_is_unwarped(decoders: rec.DecoderSet) -> None:
    # the recognition worker resets a pooled decoder set before a stream or a one-off decode
    decoders.reset_cmn()
    initial = decoders.cmns()
    stream = rec.StreamRecognizer(decoders)
    _feed_call(stream, _speech("friday at two p m please", "en-us+f4"), ("date_time", None))
    assert decoders.warp == rec.HIGH_VOICE_WARP != 1.0
    assert decoders.cmns() != initial
    decoders.reset()
    assert decoders.warp == 1.0
    assert all(dec.config["warp_params"] == "1" for dec in decoders.decoders())
    assert decoders.cmns() == initial


@pytest.mark.parametrize(
    "domain_heard", ["no saturday so much", "no saturday so much bye", "no thanks code five"]
)
def test_a_closing_both_searches_hear_at_a_day_and_time_turn_is_kept(domain_heard: str) -> None:
    # the demo voice's "No thanks. Goodbye.": the domain LM hears "saturday" for "thanks",
    # and without a "bye" the agent offered the next week's times
    closing = rec.Result("no thanks goodbye", 0.5, -1.2, rec.grammars.DATE_TIME_SEARCH)
    domain = rec.Result(domain_heard, 0.5, -1.0, rec.grammars.DOMAIN_SEARCH)
    assert rec.keep_grammar(rec.grammars.DATE_TIME_SEARCH, closing, domain, 0.2)


@pytest.mark.parametrize(
    "domain_heard",
    ["can we move it to four p m", "i'd like friday at two", "what about the afternoon", ""],
)
def test_the_grammars_closing_alone_does_not_end_a_call(domain_heard: str) -> None:
    # whatever its score, a goodbye only the grammar heard is not taken: a caller saying
    # something the grammar cannot would otherwise be hung up on
    closing = rec.Result("okay bye", 0.5, -0.2, rec.grammars.DATE_TIME_SEARCH)
    domain = rec.Result(domain_heard, 0.5, -9.0, rec.grammars.DOMAIN_SEARCH)
    assert not rec.keep_grammar(rec.grammars.DATE_TIME_SEARCH, closing, domain, 0.2)


def test_a_time_the_domain_model_heard_beside_the_answer_is_read_again() -> None:
    yes_no = rec.grammars.YES_NO_SEARCH
    assert rec.time_said_too(yes_no, "yes that works please", "yes ten o'clock please")
    assert rec.time_said_too(yes_no, "no please bye", "no sorry i meant nine in the morning")
    assert rec.time_said_too(yes_no, "no i'm good", "no the friday")
    # a plain answer, and a turn that is not a yes/no turn
    assert not rec.time_said_too(yes_no, "yes please", "yes please")
    assert not rec.time_said_too(yes_no, "no thanks bye", "no thanks bye")
    assert not rec.time_said_too("date_time", "ten o'clock", "yes ten o'clock please")


def test_a_day_or_time_counts_only_where_two_readers_heard_it() -> None:
    assert rec.agreed_time("ten o'clock", "yes ten o'clock please") == "ten a m"
    assert rec.agreed_time("nine in the morning", "no sorry i meant nine in the morning") == (
        "nine a m"
    )
    # a bare hour is read as the dialogue reads "at three"
    assert rec.agreed_time("three", "yes book it to three instead") == "three p m"
    assert rec.agreed_time("friday at half past two", "no friday half past two") == (
        "friday two thirty p m"
    )
    # the day both heard, not the hour only one did
    assert rec.agreed_time("friday at four", "no the friday") == "friday"
    # one reader alone: nothing
    assert rec.agreed_time("the fourth twelve", "yes can we do four o'clock oh") == ""
    assert rec.agreed_time("four o'clock", "yes can we do for a clock mode") == ""
    # "one" is "the earlier one", "that one" as often as an hour
    assert rec.agreed_time("the earlier one", "no early one") == ""


@pytest.mark.parametrize(
    ("said", "side", "meant"),
    [
        ("Yes, ten o'clock please.", True, "10:00"),
        ("No sorry, I meant nine in the morning.", False, "09:00"),
    ],
)
def test_a_time_said_with_a_yes_or_no_reaches_the_dialogue(
    decoders: rec.DecoderSet, said: str, side: bool, meant: str
) -> None:
    result = rec.decode_buffer(decoders, _speech(said), expect=("yes_no", None))
    words = result.text.split()
    assert words[0] == ("yes" if side else "no"), result.text
    assert not {"bye", "goodbye", "all"} & set(words), result.text
    # as the dialogue reads it
    at = find_time(result.text)
    assert at is not None and at.strftime("%H:%M") == meant, result.text


def test_a_plain_answer_is_not_given_a_time(decoders: rec.DecoderSet) -> None:
    for said in ("Yes please.", "No thanks.", "Yes, that works."):
        result = rec.decode_buffer(decoders, _speech(said), expect=("yes_no", None))
        assert result.source == rec.grammars.YES_NO_SEARCH, (said, result.text)
        assert find_time(result.text) is None, (said, result.text)


@pytest.mark.parametrize(
    ("grammar_heard", "domain_heard"),
    [
        # a longer line the yes/no grammar has no path for, forced into an answer and a goodbye
        ("yes that works please that's all bye", "yes at eleven if that's okay"),
        ("sure please that's all", "sure eleven is better for me"),
        ("no i'm good thank you that's all bye", "no sorry i meant nine in the morning"),
    ],
)
def test_a_goodbye_only_the_yes_no_grammar_heard_is_dropped(
    grammar_heard: str, domain_heard: str
) -> None:
    yes_no = rec.grammars.YES_NO_SEARCH
    assert rec.goodbye_unheard(yes_no, grammar_heard, domain_heard)
    # the answer itself is kept, its side unchanged
    answer = rec.grammars.without_closing(grammar_heard)
    assert not {"bye", "all"} & set(answer.split()), answer
    assert rec.grammars.answer_polarity(answer) == rec.grammars.answer_polarity(grammar_heard)


@pytest.mark.parametrize(
    ("grammar_heard", "domain_heard"),
    [
        # the domain LM heard the goodbye too, in whatever words
        ("yes please that's all thanks bye", "yes please that's all thanks bye"),
        ("no thanks bye", "no sorry this bye"),
        ("yes please that's all", "yes that's all thank you"),
        ("no thanks", "no thanks"),
        ("nope that's all", "nope that's it"),
        ("no that's all bye", "new that's love lee thanks bye"),
        ("no bye", "no thank you"),
        # nothing said but the answer as far as the domain LM heard: a short "bye" it missed
        ("yep thanks that's all bye", "yes thanks i'm not my to i"),
        ("yes please bye", "yes please"),
        # no goodbye in the grammar's reading: nothing to drop
        ("yes please", "yes at eleven if that's okay"),
        # the domain LM heard nothing (noise): nothing to go on
        ("yes bye", ""),
    ],
)
def test_a_goodbye_the_domain_model_heard_too_is_kept(
    grammar_heard: str, domain_heard: str
) -> None:
    assert not rec.goodbye_unheard(rec.grammars.YES_NO_SEARCH, grammar_heard, domain_heard)


def test_a_goodbye_is_checked_at_yes_no_turns_only() -> None:
    assert not rec.goodbye_unheard(rec.grammars.DATE_TIME_SEARCH, "okay bye", "friday at two")
    assert not rec.goodbye_unheard(rec.grammars.NAME_SEARCH, "that's all bye", "jane smith")


@pytest.mark.parametrize(
    "domain_heard",
    ["alright on q y e", "alright i q y e", "hi this is q u eight two six zero three"],
)
def test_a_later_open_turn_garbled_into_letters_is_read_again(domain_heard: str) -> None:
    assert rec.spelled_garble(domain_heard)


@pytest.mark.parametrize(
    "domain_heard",
    [
        "no that's everything to yours bye",
        "can we move it to two p m",
        "i'd like ten a m please",
        "i have a question",
        "",
    ],
)
def test_an_open_turn_without_spelled_letters_is_not(domain_heard: str) -> None:
    assert not rec.spelled_garble(domain_heard)


@pytest.mark.parametrize("voice", ["en-us+m5", "en-029"])
def test_a_first_digit_said_before_a_pause_is_heard_on_a_noisy_line(
    tmp_path: Path, voice: str
) -> None:
    # "six, two one seven ..." at 20 dB SNR: the endpointer starts speech where nine tenths
    # of its window are speech, after "six" and its pause, and the number was heard from
    # "two" on ("two one seven ...", its ten digits made up at the end)
    pad = audio.silence(0.5, 16000)
    said = _speech("six, two one seven four four nine zero three one", voice)
    samples = audio.add_white_noise(np.concatenate([pad, said, pad]), 20.0, seed=3)
    cfg = PocketSphinxSTT(cache_dir=tmp_path).recognizer_config()
    stream = rec.StreamRecognizer(rec.DecoderSet(cfg))
    events: list[rec.Event] = []
    for i in range(0, samples.size, 1600):  # a call's line: the noise before and after too
        events += stream.feed(samples[i : i + 1600].tobytes(), expect=("phone", 10))
    events += stream.feed(b"", flush=True, expect=("phone", 10))
    digits = spoken_digits(" ".join(e.text for e in finals(events)))
    assert digits[0] == "6" and len(digits) == 10, digits


def _last_sound(samples: np.ndarray) -> int:
    """The sample just after the last 10 ms with sound in clean ``samples``."""
    loud = [
        i for i in range(0, samples.size - 160, 160) if np.abs(samples[i : i + 160]).max() > 300
    ]
    return loud[-1] + 160


def _answer_then_flush(
    stream: rec.StreamRecognizer,
    said: np.ndarray,
    pause: float,
    *,
    snr: float | None = None,
    seed: int = 0,
) -> list[rec.Event]:
    """A yes/no turn as the session feeds it: the line before and after the answer, and the
    flush ``pause`` s after its last sound (the session's VAD: 0.5 s into the pause)."""
    end = int(0.3 * 16000) + _last_sound(said) + int(pause * 16000)
    samples = np.concatenate([audio.silence(0.3, 16000), said, audio.silence(pause + 1, 16000)])
    if snr is not None:
        samples = audio.add_white_noise(samples, snr, seed=seed)
    events: list[rec.Event] = []
    for i in range(0, end, 1600):
        events += stream.feed(samples[i : min(end, i + 1600)].tobytes(), expect=("yes_no", None))
    return events + stream.feed(b"", flush=True, expect=("yes_no", None))


@pytest.mark.parametrize("text", ["Nope.", "right"])
def test_a_short_answer_is_heard_however_long_the_pause_before_the_flush(
    decoders: rec.DecoderSet, text: str
) -> None:
    # a word shorter than the endpointer's window never starts it: the flush decodes it.
    # It looked for energy in its last 0.9 s alone, so a session whose VAD waits longer
    # than that (Settings.vad_min_silence, 0.5 s by default) heard nothing
    for pause in (0.5, 1.0):
        stream = rec.StreamRecognizer(decoders)
        heard = " ".join(e.text for e in finals(_answer_then_flush(stream, _speech(text), pause)))
        assert heard.split()[:1] == [text.lower().strip(".")], (pause, heard)


def test_the_lines_noise_after_an_answer_is_not_decoded_at_the_flush(
    decoders: rec.DecoderSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    # at 20 dB SNR the noise between an answer the endpointer ended and the session's flush
    # passed the flush's energy check and was decoded, once as "nope" after "yes that
    # works" (a yes made a no); the voice activity detector hears no speech in it
    begun: list[int] = []
    original = rec.StreamRecognizer._begin

    def begin(self: rec.StreamRecognizer, lead: bytes = b"") -> None:
        begun.append(len(lead))
        original(self, lead)

    monkeypatch.setattr(rec.StreamRecognizer, "_begin", begin)
    stream = rec.StreamRecognizer(decoders)
    events = _answer_then_flush(stream, _speech("yes that works"), 1.0, snr=20.0, seed=5)
    assert [e.text for e in finals(events)] == ["yes that works"]
    assert len(begun) == 1  # the answer, and nothing begun at the flush


@pytest.mark.parametrize(
    ("heard", "read"),
    [
        # the twenty-fifth round's recorded calls: "five five five" heard as the LM's "fine"
        (
            "hi i need to cancel one of my appointment number two one two fine fine fine zero"
            " one zero four",
            "2125550104",
        ),
        (
            "yes three o'clock fine my number two zero seven fine fine fine zero one six eight",
            "2075550168",
        ),
        # last in the run, where it makes the tenth digit
        ("it's two zero seven five five five zero one four fine i can't make it", "2075550145"),
    ],
)
def test_a_digit_heard_as_fine_inside_a_number_is_read_as_five(heard: str, read: str) -> None:
    text = rec.alikes_as_digits(heard)
    assert rec.number_in(text) == read
    # the number as heard before: "fine" broke the run
    assert rec.number_in(heard) != read


@pytest.mark.parametrize(
    "heard",
    [
        "yes that's fine",
        "three o'clock's fine thanks",
        "tuesday at two fine",
        # before the number: no digit before it in the run
        "that's fine two zero seven five five five zero one six eight",
        # a run of too few digits to be sure it is a number ("four year old four fine fine
        # five" was four oh four, five five five: not guessed at)
        "four fine fine five year old",
        # after the last digit, where it would make eleven digits
        "two zero seven five five five zero one six eight fine",
    ],
)
def test_fine_beside_words_or_few_digits_is_left_as_said(heard: str) -> None:
    assert rec.alikes_as_digits(heard) == heard


@pytest.mark.parametrize(
    ("heard", "read"),
    [
        # "Hi, Arthur Pendleton, 207 555 0154" as Whisper's sentence reader wrote it
        ("hi our dependent to zero seven five five five zero one five four", "2075550154"),
        ("it's too one two five five five zero one zero four thanks", "2125550104"),
        # with a five heard as "fine" inside the run as well
        ("yeah to zero seven fine fine fine zero one six eight", "2075550168"),
    ],
)
def test_a_first_two_heard_as_to_before_nine_digits_is_read_as_two(heard: str, read: str) -> None:
    text = rec.alikes_as_digits(heard)
    assert rec.number_in(text) == read
    assert rec.number_in(heard) != read


@pytest.mark.parametrize(
    "heard",
    [
        "i'd like to book for tuesday",
        "can you move it to nine thirty",
        # a whole number after it already: "to" is the word
        "send it to six one seven five five five zero one four two",
        # too few digits after it to be a number it completes
        "change it to five five five zero one",
        # "to" after the run, not before it
        "two zero seven five five five zero one five to",
    ],
)
def test_to_beside_words_or_a_whole_number_is_left_as_said(heard: str) -> None:
    assert rec.alikes_as_digits(heard) == heard


@pytest.mark.parametrize(
    ("written", "read"),
    [
        # Whisper's digit reader on "Fiona Gallagher, 415 555 0136" (voice47, fresh70)
        ("don't forget to go for one five five five five zero one three six", "4155550136"),
        # a name, then "404 555 0121", the first four written "for"
        ("download for zero four five five five zero one two one", "4045550121"),
        # numerals, and a "double" inside the run
        ("it's Anna Price for 1 2 double 5 5 0 1 9 8", "4125550198"),
        # the first two written "to", after a name
        ("Arthur Benson to zero seven five five five zero one five four", "2075550154"),
    ],
)
def test_a_first_digit_written_as_a_word_before_nine_digits_completes_the_number(
    written: str, read: str
) -> None:
    assert rec.leading_alike_number(written) == read


@pytest.mark.parametrize(
    "written",
    [
        # ten digits already: "for" is the word
        "it's for two zero seven five five five zero one nine three",
        # nine digits with no alike before them: the digit lost is not guessed here
        "yes more than lin and my number two zero seven five five zero one nine three",
        # an alike before a run of too few digits
        "can I book for two on tuesday",
        # two runs: the nine are not one number said whole
        "for one five five five five zero one and three six",
        # no digits at all
        "that's fine book it for me",
    ],
)
def test_an_alike_beside_no_nine_digit_run_adds_no_digit(written: str) -> None:
    assert rec.leading_alike_number(written) == ""


def test_for_before_nine_digits_in_a_sentence_reading_is_read_as_four() -> None:
    heard = "hi it's gareth lloyd for zero four five five five zero one two one"
    assert rec.number_in(rec.alikes_as_digits(heard)) == "4045550121"
    said = "can i book for tuesday at nine"
    assert rec.alikes_as_digits(said) == said


def test_the_domain_reading_is_handed_on_with_the_alike_read(
    decoders: rec.DecoderSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard = "hi it's two one two fine fine fine zero one zero four thanks"

    def result(decoder: object, source: str) -> rec.Result:
        return rec.Result(heard, 0.5, -1.0, source)

    monkeypatch.setattr(rec, "_result", result)
    # without the rule, "fine fine fine" is a gap the number's stretch bridges: seven digits
    for on, number in ((True, "2125550104"), (False, "2120104")):
        cfg = dataclasses.replace(decoders.cfg, alike_digits=on, number_in_request=False)
        utt = rec.Utterance(rec.DecoderSet(cfg), rec.grammars.DOMAIN_SEARCH)
        utt.finish(math.inf)
        assert utt.domain_heard == number


# "Oh no sorry, that's wrong, the end is oh one four nine" (the recorded stranger call
# read-back-wrong-ending): both free readers lost the "oh", the number grammar heard it.
HEARD_ENDING = "oh no sorry that's wrong the an the so one four nine"
WRITTEN_ENDING = "no sorry that's wrong the end before one four nine"


@pytest.mark.parametrize(
    ("domain", "written", "grammar", "said"),
    [
        (
            HEARD_ENDING,
            WRITTEN_ENDING,
            "0903080149",
            "oh no sorry that's wrong the an the so oh one four nine",
        ),
        # another caller, another ending, words after it
        (
            "no it ends in so two oh six thanks",
            "No, it ends in two zero six, thanks.",
            "6465550206",
            "no it ends in so oh two oh six thanks",
        ),
    ],
)
def test_an_ending_corrected_with_its_oh_lost_gets_the_grammars_oh(
    domain: str, written: str, grammar: str, said: str
) -> None:
    assert rec.ending_oh_lost(domain, written, grammar) == said
    assert spoken_digits(said).endswith("0" + spoken_digits(domain)[-3:])


@pytest.mark.parametrize(
    ("domain", "written", "grammar"),
    [
        # the grammar put another digit before the three: nobody heard an "oh"
        (HEARD_ENDING, WRITTEN_ENDING, "0903080249"),
        # the grammar's ending is not the three both heard
        (HEARD_ENDING, WRITTEN_ENDING, "0903080194"),
        # Whisper heard other digits, or more of them
        (HEARD_ENDING, "no sorry that's wrong the end before one nine nine", "0903080149"),
        (HEARD_ENDING, "no sorry the end is zero one four nine", "0903080149"),
        # three digits named: three are all there is
        (
            "no the last three are one four nine",
            "No, the last three are one four nine.",
            "0903080149",
        ),
        # no ending named by any reader: a group said alone
        ("it's six one seven", "It's six one seven.", "8459120617"),
        # four digits heard already
        ("no the end is oh one four nine", "No, the end is 0149.", "0903080149"),
    ],
)
def test_an_ending_is_left_as_heard_where_no_oh_was_lost(
    domain: str, written: str, grammar: str
) -> None:
    assert rec.ending_oh_lost(domain, written, grammar) == ""
