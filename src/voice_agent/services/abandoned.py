"""Closing calls whose process died (SIGKILL, out of memory, power loss).

A live call saves its row at least once a heartbeat (``recorder.HEARTBEAT_SECONDS``). A row
still open whose heartbeat is older than the grace period belongs to a process that is gone:
any process that starts (``bootstrap``), and the token server every minute, closes it with
``end_reason = "abandoned"`` and a summary built from the transcript saved so far. The close
is conditional on the heartbeat still being stale, so a call whose process saved it meanwhile
is never closed, however many workers share the database.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import timedelta

from voice_agent.domain.clock import Clock
from voice_agent.domain.ports import ConversationRepository
from voice_agent.services.summaries import CallRecord, Summarizer, TemplateSummarizer

logger = logging.getLogger(__name__)

ABANDONED = "abandoned"
DEFAULT_GRACE = timedelta(minutes=5)


async def finalise_abandoned(
    conversations: ConversationRepository,
    clock: Clock,
    *,
    grace: timedelta = DEFAULT_GRACE,
    summarizer: Summarizer | None = None,
    batch: int = 100,
) -> int:
    """Close every abandoned call; returns how many this process closed."""
    summarizer = summarizer or TemplateSummarizer()
    cutoff = clock.now() - grace
    closed = 0
    while True:
        stale = await conversations.stale_open(cutoff, limit=batch)
        progressed = False
        for conversation in stale:
            # the call ended, as far as anyone can tell, when it was last seen alive
            ended_at = conversation.heartbeat_at or conversation.started_at
            ending = dataclasses.replace(
                conversation,
                ended_at=ended_at,
                end_reason=ABANDONED,
                duration_seconds=conversation.duration_until(ended_at),
            )
            ending.summary = await summarizer.summarize(CallRecord(ending))
            if await conversations.close_abandoned(ending, cutoff=cutoff):
                closed += 1
                progressed = True
                logger.info(
                    "abandoned call closed",
                    extra={
                        "conversation_id": str(conversation.id),
                        "turns": len(conversation.transcript),
                    },
                )
        if len(stale) < batch or not progressed:
            break
    return closed
