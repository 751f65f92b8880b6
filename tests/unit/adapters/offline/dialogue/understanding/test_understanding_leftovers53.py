"""What the blind batches' leftovers (leftovers53) taught the reading of one line, in other
words than the corpus lines: a yes to a new number's read-back, said with the caller's surprise
at not being on file and a "never mind" that lets that go."""

from __future__ import annotations

from datetime import date

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Context, understand

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    "line",
    [
        "Yes. Oh, I'm not in there? I've been coming for years. Never mind.",
        "yes that's right. I'm not on your system? Odd. Never mind.",
        "Yeah. Really, I'm not on file? Oh well, never mind then.",
        "Yes it is. How come I'm not registered? Doesn't matter.",
    ],
)
def test_a_yes_then_surprise_at_the_record_let_go_is_a_yes_to_the_number(line: str) -> None:
    u = understand(line, Context(today=TODAY, asked="phone_confirm"))
    assert u.yes and not u.no and not u.wrong_number


@pytest.mark.parametrize(
    ("line", "wrong"),
    [
        ("Yes... actually no, never mind.", False),
        ("Yes please. Never mind.", False),
        ("Yes - is there parking? Never mind, I'll find out.", False),
        ("No, I'm not her, that's my sister's number.", True),
        ("I'm not Mrs Doyle, you've got the wrong account.", True),
    ],
)
def test_a_never_mind_that_takes_back_or_someone_elses_number_is_no_yes(
    line: str, wrong: bool
) -> None:
    u = understand(line, Context(today=TODAY, asked="phone_confirm"))
    assert not u.yes
    assert u.wrong_number is wrong
