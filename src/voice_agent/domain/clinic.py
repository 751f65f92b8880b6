"""The clinic as the receptionist describes it: name, address, how to reach a person, and the
questions callers often ask. Optional: without a profile file the agent knows the clinic's
name and hours (from settings) and says it can help with appointments for anything else.

The file is TOML (``CLINIC_PROFILE=clinic.toml``)::

    name = "Maple Street Dental"
    address = "12 Maple Street, Springfield"
    phone = "555 010 0200"
    transfer_number = "+15550100200"   # optional: where a phone caller asking for a person goes

    [[faq]]
    question = "Do you take insurance?"
    answer = "We accept most major insurance plans; bring your card to the visit."
    keywords = ["insurance", "insured", "coverage"]   # optional; words that point to it
"""

from __future__ import annotations

import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class ClinicProfileError(ValueError):
    """The profile file cannot be read; the message names the file and the problem."""


@dataclass(frozen=True, slots=True)
class FaqEntry:
    question: str
    answer: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ClinicProfile:
    name: str = "the clinic"
    address: str | None = None
    phone: str | None = None
    transfer_number: str | None = None
    faq: tuple[FaqEntry, ...] = field(default=())


MAX_PROFILE_BYTES = 1 << 20
"""The largest profile read: a name, an address and a few hundred questions fit in a tenth."""


def load_profile(path: Path, *, default_name: str = "the clinic") -> ClinicProfile:
    """Read a profile file (see the module docstring). Only a regular file of at most
    MAX_PROFILE_BYTES is read: CLINIC_PROFILE=/dev/zero was read until memory ran out, and a
    named pipe without a writer waited for ever (attack11)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ClinicProfileError(
                f"cannot read the clinic profile {path}: not a file (a folder, device or pipe)"
            )
        if info.st_size > MAX_PROFILE_BYTES:
            raise ClinicProfileError(
                f"the clinic profile {path} is over {MAX_PROFILE_BYTES >> 20} MB: not a profile"
            )
        with path.open("rb") as file:
            raw = file.read(MAX_PROFILE_BYTES + 1)
        if len(raw) > MAX_PROFILE_BYTES:  # it grew after the stat
            raise ClinicProfileError(
                f"the clinic profile {path} is over {MAX_PROFILE_BYTES >> 20} MB: not a profile"
            )
        data = tomllib.loads(raw.decode("utf-8"))
    except OSError as exc:
        raise ClinicProfileError(f"cannot read the clinic profile {path}: {exc.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ClinicProfileError(f"the clinic profile {path} is not valid TOML: {exc}") from None
    return profile_from_dict(data, default_name=default_name, source=str(path))


def profile_from_dict(
    data: dict[str, Any], *, default_name: str = "the clinic", source: str = "profile"
) -> ClinicProfile:
    def text(key: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str | int):
            raise ClinicProfileError(f"{source}: '{key}' must be text")
        return str(value).strip() or None

    entries: list[FaqEntry] = []
    raw_faq = data.get("faq", [])
    if not isinstance(raw_faq, list):
        raise ClinicProfileError(f"{source}: 'faq' must be a list of [[faq]] tables")
    for i, item in enumerate(raw_faq, start=1):
        if not isinstance(item, dict):
            raise ClinicProfileError(f"{source}: faq entry {i} must be a table")
        question, answer = item.get("question"), item.get("answer")
        if not isinstance(question, str) or not isinstance(answer, str) or not answer.strip():
            raise ClinicProfileError(f"{source}: faq entry {i} needs a question and an answer")
        keywords = item.get("keywords", [])
        if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
            raise ClinicProfileError(f"{source}: faq entry {i}: keywords must be a list of text")
        entries.append(
            FaqEntry(
                question=question.strip(),
                answer=answer.strip(),
                keywords=tuple(k.strip().lower() for k in keywords if k.strip()),
            )
        )
    return ClinicProfile(
        name=text("name") or default_name,
        address=text("address"),
        phone=text("phone"),
        transfer_number=text("transfer_number"),
        faq=tuple(entries),
    )
