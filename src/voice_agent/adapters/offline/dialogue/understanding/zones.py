"""A time said in the caller's own time zone ("11 my time, I'm in Denver", "noon Central",
"10am PST"): the clinic's time it is, and how to say so back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Final
from zoneinfo import ZoneInfo

from voice_agent.adapters.offline.dialogue.understanding.tokens import Token
from voice_agent.adapters.offline.dialogue.understanding.when import TimeMention
from voice_agent.domain.speech import say_time

_EASTERN: Final = "America/New_York"
_CENTRAL: Final = "America/Chicago"
_MOUNTAIN: Final = "America/Denver"
_PACIFIC: Final = "America/Los_Angeles"
_ZONE_WORDS: Final = {
    "eastern": _EASTERN, "est": _EASTERN, "edt": _EASTERN,
    "central": _CENTRAL, "cst": _CENTRAL, "cdt": _CENTRAL,
    "mountain": _MOUNTAIN, "mst": _MOUNTAIN, "mdt": _MOUNTAIN,
    "pacific": _PACIFIC, "pst": _PACIFIC, "pdt": _PACIFIC,
}  # fmt: skip
"""Zone names said after a time ("10 am Eastern", "noon Central", "10am EST")."""
_PLACES: Final = {
    "denver": _MOUNTAIN, "colorado": _MOUNTAIN, "utah": _MOUNTAIN, "arizona": "America/Phoenix",
    "phoenix": "America/Phoenix", "chicago": _CENTRAL, "texas": _CENTRAL, "dallas": _CENTRAL,
    "houston": _CENTRAL, "minnesota": _CENTRAL, "california": _PACIFIC, "seattle": _PACIFIC,
    "vegas": _PACIFIC, "nevada": _PACIFIC, "oregon": _PACIFIC, "la": _PACIFIC,
    "angeles": _PACIFIC, "francisco": _PACIFIC, "diego": _PACIFIC,
}  # fmt: skip
"""Places a caller says they are in ("I'm in Denver", "calling from California")."""
_NAMES: Final = {
    _EASTERN: "Eastern", _CENTRAL: "Central", _MOUNTAIN: "Mountain", _PACIFIC: "Pacific",
    "America/Phoenix": "Arizona",
}  # fmt: skip
_MY_TIME: Final = (["my", "time"], ["local", "time"], ["mine"], ["my", "end"])


def _callers_zone(w: list[str]) -> str | None:
    """The zone the caller says they are in: "on central time", "I'm in Denver"."""
    for i, word in enumerate(w):
        if word in _ZONE_WORDS and w[i + 1 : i + 2] == ["time"] and w[i - 1 : i] != ["your"]:
            return _ZONE_WORDS[word]
        if word in _PLACES and any(x in ("in", "from", "at") for x in w[max(0, i - 3) : i]):
            return _PLACES[word]
    return None


_WHERE_I_AM: Final = frozenset({"im", "i", "am", "were", "calling", "live", "staying", "based"})
"""Words of a caller saying where they are ("I'm in Chicago", "calling from Phoenix"), not
someone else ("my sister in Denver")."""
_CLINIC_TIME: Final = frozenset({"your", "yours", "eastern", "clinic", "clinics", "here"})
_THERE_BY_THEN: Final = frozenset(
    {"back", "until", "till", "til", "flying", "fly", "visiting", "home", "arrive", "arriving"}
)
"""Words saying the caller will be at the clinic by the time asked for."""


def _where_caller_is(w: list[str]) -> str | None:
    """The zone of a place the caller says they are in ("I'm in Chicago", "I'm out in
    Phoenix", "calling from Seattle"), with no word for the clinic's time beside it; None for
    a place this does not know (no zone is guessed) or a caller who will be here by then."""
    if any(x in _CLINIC_TIME or x in _THERE_BY_THEN for x in w):
        return None
    for i, word in enumerate(w):
        if word in _PLACES and w[i - 1 : i] in (["in"], ["from"]):
            lead = w[max(0, i - 4) : i - 1]
            if any(x in _WHERE_I_AM for x in lead) and "my" not in lead:
                return _PLACES[word]
    return None


def in_clinic_time(
    tokens: list[Token], times: list[TimeMention], *, day: date, clinic: ZoneInfo
) -> tuple[list[TimeMention], str]:
    """The times said in the caller's zone turned into the clinic's, and the words that say
    so ("11 AM Mountain time is 1 PM here, Eastern time."); "your time" is the clinic's."""
    w = [t.text for t in tokens]
    out: list[TimeMention] = []
    notes: list[str] = []
    clocks = [t for t in times if t.at is not None]
    for t in times:
        after = w[t.end : t.end + 2]
        zone: str | None = None
        if t.at is not None and after[:1] and after[0] in _ZONE_WORDS:
            zone = _ZONE_WORDS[after[0]]
        elif t.at is not None and any(after[: len(m)] == m for m in _MY_TIME):
            zone = _callers_zone(w)
        elif t.at is not None and len(clocks) == 1 and "my" not in w[max(0, t.start - 3) : t.start]:
            # "I'm in Chicago, Monday at 10am": a time said where the caller is, theirs (said
            # back in the clinic's before anything is booked); not "my 2pm", a time held
            zone = _where_caller_is(w)
        if zone is None or t.at is None or zone == clinic.key:
            out.append(t)
            continue
        said = datetime.combine(day, t.at, tzinfo=ZoneInfo(zone))
        ours = said.astimezone(clinic).time().replace(tzinfo=None)
        out.append(replace(t, at=ours, bare=False))
        name = _NAMES.get(clinic.key, clinic.key)
        note = f"{say_time(t.at)} {_NAMES[zone]} time is {say_time(ours)} here, {name} time."
        notes.append(note[0].upper() + note[1:])
    return out, " ".join(dict.fromkeys(notes))
