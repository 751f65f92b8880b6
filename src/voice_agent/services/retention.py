"""How long call records are kept: ``CALL_RETENTION_DAYS`` (unset: for ever).

A call's record holds what the caller said (the transcript), their number and name through
its account, and a summary: personal data with no use once the appointment it was about is
long past. Ended calls older than the retention period are deleted whole, by the token
server's housekeeping and by ``voice-agent purge``. Calls still open are left to the
abandoned-call sweep; accounts, appointments and the record of staff actions are kept.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from voice_agent.domain.clock import Clock
from voice_agent.domain.ports import ConversationRepository

logger = logging.getLogger(__name__)


def retention_cutoff(now: datetime, days: int) -> datetime:
    """Calls that ended before this moment are past a retention of ``days`` days."""
    if days < 1:
        raise ValueError("a retention period is at least one day")
    return now - timedelta(days=days)


async def purge_old_calls(conversations: ConversationRepository, clock: Clock, *, days: int) -> int:
    """Delete the calls that ended more than ``days`` days ago; returns how many."""
    deleted = await conversations.delete_ended_before(retention_cutoff(clock.now(), days))
    if deleted:
        logger.info("old calls deleted", extra={"calls": deleted, "retention_days": days})
    return deleted
