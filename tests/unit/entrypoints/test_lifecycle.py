"""settle_heap: what start-up made is frozen, what calls make later is still collected."""

from __future__ import annotations

import gc
import weakref

from voice_agent.entrypoints.lifecycle import settle_heap


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector frees it


def test_settle_heap_freezes_start_up_objects_and_collects_later_ones() -> None:
    gc.unfreeze()
    try:
        settle_heap()
        frozen = gc.get_freeze_count()
        assert frozen > 0
        later = _Node()
        gone = weakref.ref(later)
        del later
        gc.collect()
        assert gone() is None  # garbage made after start-up is still collected
        # nothing made later joined the frozen set (a frozen object whose last reference
        # goes, e.g. in another test's thread, still leaves it: the count may only fall)
        assert gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()
