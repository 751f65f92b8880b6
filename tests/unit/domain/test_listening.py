from __future__ import annotations

import threading

from voice_agent.domain.listening import (
    NAME_DOUBTED,
    NAME_UNHEARD,
    NUMBER_ONE_READER,
    NUMBER_UNCONTESTED,
    NUMBER_UNSURE,
    OPEN,
    Expectation,
    Listening,
    ListeningHint,
    NumberCheck,
    as_heard,
    name_doubted,
    name_unheard,
    number_check,
    weak_group_of,
    weak_mark,
)


def test_hint_starts_open_and_counts_changes() -> None:
    hint = ListeningHint()
    assert hint.current == OPEN
    assert hint.version == 0
    hint.expect(Expectation.YES_NO)
    assert hint.current == Listening(Expectation.YES_NO)
    hint.expect(Listening(Expectation.PHONE, digits=4))
    assert hint.current.digits == 4
    assert hint.version == 2
    hint.reset()
    assert hint.current.kind is Expectation.REQUEST


def test_hint_is_safe_to_read_from_threads() -> None:
    hint = ListeningHint()
    seen: list[Expectation] = []

    def read() -> None:
        for _ in range(1000):
            seen.append(hint.current.kind)

    reader = threading.Thread(target=read)
    reader.start()
    for _ in range(1000):
        hint.expect(Expectation.PHONE)
        hint.expect(Expectation.REQUEST)
    reader.join()
    assert set(seen) <= {Expectation.PHONE, Expectation.REQUEST}
    assert hint.version == 2000


def test_line_quality_is_unknown_until_the_recogniser_reports_it() -> None:
    from voice_agent.domain.listening import LineObserver

    hint = ListeningHint()
    assert hint.narrowband is None
    assert isinstance(hint, LineObserver)
    hint.note_line(True)
    assert hint.narrowband is True
    hint.expect(Expectation.PHONE)  # a new question does not forget the line
    assert hint.narrowband is True
    hint.note_line(False)
    assert hint.narrowband is False


def test_line_reports_from_another_thread_are_seen() -> None:
    hint = ListeningHint()
    writer = threading.Thread(target=hint.note_line, args=(True,))
    writer.start()
    writer.join()
    assert hint.narrowband is True


def test_rejected_readings_are_kept_only_for_phone_answers_of_that_length() -> None:
    group = Listening(Expectation.PHONE, digits=3, rejected=("772", "7720", "77a", "772", "552"))
    assert group.rejected == ("772", "552")  # in order, once each, three digits only
    whole = Listening(Expectation.PHONE, rejected=("6175550142", "617"))
    assert whole.rejected == ("6175550142",)
    assert Listening(Expectation.YES_NO, rejected=("772",)).rejected == ()


def test_a_weak_number_mark_names_its_group_and_is_read_off_the_end() -> None:
    heard = "two zero seven five five nine zero one zero nine"
    assert weak_mark(1) == "(number weak: middle three)"
    for group in range(3):
        assert number_check(f"{heard} {weak_mark(group)}") == (heard, NumberCheck.WEAK)
        assert weak_group_of(f"{heard} {weak_mark(group)}") == group
    assert weak_group_of(heard) is None
    line = "is that the middle three"
    assert number_check(line) == (line, NumberCheck.AGREED)


def test_an_unsure_or_one_reader_mark_is_read_where_a_later_final_followed_it() -> None:
    # the recogniser marks the end of its transcript; a short second utterance in the same
    # turn ("if") was joined after it, and the doubt was lost (held out, 20 dB SNR)
    heard = "four eight three nine four four two oh eight three"
    assert number_check(f"{heard} {NUMBER_UNSURE} if") == (f"{heard} if", NumberCheck.UNSURE)
    assert number_check(f"{heard} {NUMBER_ONE_READER} um yeah") == (
        f"{heard} um yeah",
        NumberCheck.ONE_READER,
    )
    assert number_check(f"{heard} {NUMBER_UNSURE}") == (heard, NumberCheck.UNSURE)
    assert number_check(f"{NUMBER_UNSURE} if") == ("if", NumberCheck.UNSURE)
    assert number_check(heard) == (heard, NumberCheck.AGREED)


def test_the_unheard_name_mark_is_stripped_anywhere_in_the_turn() -> None:
    said = "six one seven five five five zero one two three"
    assert name_unheard(f"{said} {NAME_UNHEARD}") == (said, True)
    assert name_unheard(f"{said} {NAME_UNHEARD} and monday") == (f"{said} and monday", True)
    assert name_unheard(said) == (said, False)
    # with a doubt mark before it, as the recogniser writes them: both read
    heard, unheard = name_unheard(f"{said} {NUMBER_ONE_READER} {NAME_UNHEARD}")
    assert unheard and number_check(heard) == (said, NumberCheck.ONE_READER)


def test_an_uncontested_mark_is_its_own_kind_and_said_in_words() -> None:
    # one reader's number no other reader heard otherwise: read back, not asked again
    heard = "seven eight one five five five zero one nine three"
    assert number_check(f"{heard} {NUMBER_UNCONTESTED}") == (heard, NumberCheck.UNCONTESTED)
    assert number_check(f"{heard} {NUMBER_UNCONTESTED} um") == (
        f"{heard} um",
        NumberCheck.UNCONTESTED,
    )
    shown = as_heard(f"{heard} {NUMBER_UNCONTESTED}")
    assert NUMBER_UNCONTESTED not in shown and "read back" in shown


def test_the_doubted_name_mark_is_stripped_anywhere_in_the_turn() -> None:
    said = "yes that's right michael ashley"
    assert name_doubted(f"{said} {NAME_DOUBTED}") == (said, True)
    assert name_doubted(f"{said} {NAME_DOUBTED} monday at two") == (f"{said} monday at two", True)
    assert name_doubted(said) == (said, False)
