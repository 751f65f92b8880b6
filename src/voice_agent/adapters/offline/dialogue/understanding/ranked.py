"""Choices said in order of preference: "Thursday at 1 is best, 2 second best", "ideally
Tuesday morning, if not Tuesday afternoon, as a last resort Wednesday", "Monday at 2, or if
that's gone Monday at 3, or else Tuesday at 2", "the 9th at 10 or the 10th at 11".

The last day and time said usually win (a caller corrects themselves); here the first is
wanted most and the rest are kept, in order, for when it is not free.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Final

from voice_agent.adapters.offline.dialogue.understanding.tokens import Token
from voice_agent.adapters.offline.dialogue.understanding.when import (
    DayMention,
    Ranked,
    TimeMention,
    When,
    resolve,
)

_RANKING: Final = re.compile(
    r"\b(?:best|ideally|preferably|first choice|second choice|third choice|next best"
    r"|failing that|at a push|last resort|or else|if not|otherwise|if need be|fallback"
    r"|back ?up"
    r"|if (?:thats|that is|that s|its|it is|it s) (?:gone|taken|full|booked|not free|no good"
    r"|not available|not possible|unavailable))\b"
)
"""Words that rank what is said ("is best", "failing that", "at a push", "if that's gone")."""
_NOT_RANKED: Final = re.compile(
    r"\b(?:keep|stick|stay|leave it|dont bother|do not bother|forget it|no wait|i mean|sorry"
    r"|actually|scratch that|rather than|instead of|no(?! good)|(?:go|settle) (?:with|for) the)\b"
)
"""A second choice that keeps what the caller has ("if not, I'll stick with Monday", "if not
I'll just go with the Monday": read elsewhere, where a choice found full is said so), or a
correction (the last one said is meant)."""


def ranked_choices(
    tokens: Sequence[Token], days: list[DayMention], times: list[TimeMention]
) -> When | None:
    """The first choice, its ``ranked`` the rest in order; None unless two or more choices
    are said with words that rank them."""
    line = " ".join(t.text for t in tokens)
    rank_words = [line[: m.start()].count(" ") for m in _RANKING.finditer(line)]
    # "the 7th first thing, or the 8th at 2, either's grand": a plain "or" between choices that
    # each pair a day with its own hour orders them as said (checked once they are split)
    paired = not rank_words
    if paired:
        rank_words = [i for i, t in enumerate(tokens) if t.text == "or"]
    if not rank_words or _NOT_RANKED.search(line) is not None:
        return None
    said_at = [d.start for d in days] + [t.start for t in times]
    if not said_at or min(rank_words) > max(said_at):
        # a rank word after every choice ranks the last one's kind, not the choices: "Friday
        # or perhaps Monday? mornings are best" asks for mornings on either day
        return None
    if any(d.negated or d.earliest or d.same or d.shift_days is not None for d in days):
        return None
    if any(t.negated or t.same or t.shift_minutes is not None for t in times):
        return None
    # "Tuesdays best, Wednesdays fine": plural weekdays ranked are choices, not habits
    days = [replace(d, habit=False) for d in days]
    named = [d for d in days if d.exact is not None]
    # a span said with the choices ("next week ... Tuesday's best") holds every one of them
    spans = [d for d in days if d.exact is None and named]
    said: list[DayMention | TimeMention] = [*(d for d in days if d not in spans), *times]
    mentions = sorted(said, key=lambda m: (m.start, m.end))
    choices: list[tuple[list[DayMention], list[TimeMention]]] = []
    day_in: DayMention | None = None
    time_in: TimeMention | None = None
    for m in mentions:
        if isinstance(m, DayMention):
            if day_in is not None or not choices:
                choices.append(([], []))
                time_in = None
            day_in = m
            choices[-1][0].append(m)
        else:
            narrows = (
                time_in is not None
                and time_in.at is None
                and time_in.window is not None
                and m.at is not None
                and time_in.window[0] <= m.at < time_in.window[1]
                and m.start - time_in.end <= 1
            )
            if narrows:
                # "Friday afternoons at 1 suit me best": the hour of that part of the day, one
                # choice (not a second one at 1)
                time_in = m
                choices[-1][1].append(m)
                continue
            if time_in is not None or not choices:
                choices.append(([], []))
                day_in = None
            time_in = m
            choices[-1][1].append(m)
    last_times: list[TimeMention] = []
    while len(choices) > 1 and not choices[0][0] and any(c[0] for c in choices[1:]):
        # "next week in the morning, Tuesday's best ...": a time said before the days holds
        # for each of them (unless one has its own)
        last_times = choices.pop(0)[1]
    if len(choices) < 2:
        return None
    if paired and not all(len(d) == 1 and len(t) == 1 for d, t in choices):
        return None
    whens: list[When] = []
    last_days: list[DayMention] = []
    weekdays: dict[int, DayMention] = {}
    for said_days, said_times in choices:
        for k, d in enumerate(said_days):
            if d.from_weekday and d.exact is not None:
                # "Monday at 2, or if that's gone, Monday at 3": the same Monday both times
                first_said = weekdays.setdefault(d.exact.weekday(), d)
                said_days[k] = replace(d, dates=first_said.dates)
        last_days = said_days or last_days
        last_times = said_times or last_times
        whens.append(resolve([*spans, *last_days], last_times))
    first, rest = whens[0], whens[1:]
    if first.day is None or first.day.exact is None:
        return None
    later: list[Ranked] = []
    for w in rest:
        day = w.day.exact if w.day is not None else first.day.exact
        if day is None:
            return None
        at = w.time.at if w.time is not None else None
        window = w.time.window if w.time is not None else None
        choice = (day, at, window)
        if choice not in later:
            later.append(choice)
    return replace(first, ranked=tuple(later))
