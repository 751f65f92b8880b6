"""A clock in seconds that moves only when a test moves it."""

from __future__ import annotations


class ManualSeconds:
    """Stands in for ``time.monotonic`` or ``time.time`` where code takes one as a callable
    (rate limits, the call cap, the worker's gate, the recognition CPU meter): it returns
    ``t``, which the test sets or advances."""

    def __init__(self, t: float = 1_000_000.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t
