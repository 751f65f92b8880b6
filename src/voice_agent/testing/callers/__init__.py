"""Simulated callers and the conversation corpus that measures the receptionist's dialogue.

* ``world`` / ``goals``: who calls, what they want and accept, how they talk;
* ``phrases``: phrase banks (with entries reserved for the held-out split);
* ``reading``: how a caller reads the agent's reply (what is it asking? what does it propose?);
* ``simulator``: the goal-driven caller and the fixed-script caller;
* ``corpus`` (+ ``scripts.toml``, ``clinic.toml``): the calls, split into dev and held-out;
* ``runner`` / ``harness``: one call over a line (``harness`` is the typed path and the only
  module that uses the application's start-up APIs);
* ``checks`` / ``report`` / ``cli``: judging calls and summarising a run.

``main`` (the ``bench/dialogue.py`` entry) is imported lazily: the pure parts load without
LiveKit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from voice_agent.testing.callers.cli import main

__all__ = ["main"]


def __getattr__(name: str) -> Any:
    if name == "main":
        from voice_agent.testing.callers.cli import main

        return main
    raise AttributeError(name)
