"""What every engine fake shares: a time-stamped record of what it did, and failure choice."""

from __future__ import annotations

import time
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any

from livekit.agents import APIConnectionError


class _Every(Collection[int]):
    """Contains every request number: ``fail_on=EVERY`` fails them all."""

    def __contains__(self, item: object) -> bool:
        return True

    def __iter__(self) -> Iterator[int]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return "EVERY"


EVERY: Collection[int] = _Every()


@dataclass
class Stamp:
    what: str
    at: float  # time.monotonic()
    info: Any = None


class EngineFake:
    """Mixed into the fakes: ``events`` (what happened, when) and ``fail_on`` (1-based
    request numbers that raise ``APIConnectionError``, retryable or not)."""

    def _init_fake(self, *, provider: str, fail_on: Collection[int], retryable: bool) -> None:
        self.events: list[Stamp] = []
        self._provider = provider
        self.fail_on: Collection[int] = fail_on if fail_on is EVERY else set(fail_on)
        self.retryable = retryable

    @property
    def provider(self) -> str:
        return self._provider

    @property
    def model(self) -> str:
        return "fake"

    def stamp(self, what: str, info: Any = None) -> float:
        now = time.monotonic()
        self.events.append(Stamp(what, now, info))
        return now

    def times(self, what: str) -> list[float]:
        return [e.at for e in self.events if e.what == what]

    def check_failure(self, kind: str, n: int) -> None:
        """Raise like an unreachable provider if request ``n`` is to fail."""
        if n in self.fail_on:
            self.stamp(f"{kind}_fail", n)
            raise APIConnectionError(f"{self.provider}: connection lost", retryable=self.retryable)
