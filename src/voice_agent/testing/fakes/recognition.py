"""A fake of the offline recogniser's worker pool, for the streams' failure paths: a worker
that never answers, one that goes away while a stream sends to it or mid-utterance.

- :class:`FakeRecognitionWorker`: stands in for the pool; each stream attempt opens a
  :class:`FakeWorkerSession` on it (the
  :class:`~voice_agent.adapters.offline.recognition_worker.StreamSession` port);
- :class:`FakeWorkerSTT`: a :class:`~voice_agent.adapters.offline.stt.PocketSphinxSTT` whose
  streams go to a :class:`FakeRecognitionWorker` instead of worker processes.
"""

from __future__ import annotations

from typing import Any

from voice_agent.adapters.offline.recognition_worker import (
    Inbox,
    RecognitionWorkerError,
    StreamSession,
)
from voice_agent.adapters.offline.recognizer import Event
from voice_agent.adapters.offline.stt import PocketSphinxSTT


class FakeRecognitionWorker:
    """Stands in for the recognition pool: each stream attempt gets a session on it that
    answers every flush with a final (``said``, then nothing), like a worker, unless
    ``answers`` is off (a reply that never comes) or ``breaks_after`` sends have gone (the
    worker went away: sending raises, as on a dead worker); the first ``refuses`` attempts
    fail as they open (the worker died a moment before). ``silent``: what every session says
    of how long the worker has been silent; ``restarts``: how often a stream had it
    restarted; ``attempts``: the sessions asked for; ``flushes``: the flushes sent to it."""

    def __init__(
        self, *, answers: bool = True, breaks_after: int | None = None, refuses: int = 0
    ) -> None:
        self.answers = answers
        self.breaks_after = breaks_after
        self.refuses = refuses
        self.attempts = 0
        self.said = "yes please"
        self.silent = 0.0
        self.restarts = 0
        self.sessions: list[FakeWorkerSession] = []
        self.flushes = 0

    def open(self, inbox: Inbox) -> FakeWorkerSession:
        self.attempts += 1
        if self.attempts <= self.refuses:
            raise RecognitionWorkerError("the recognition worker went away")
        session = FakeWorkerSession(self, inbox, len(self.sessions) + 1)
        self.sessions.append(session)
        return session


class FakeWorkerSession:
    """One stream attempt's session on a :class:`FakeRecognitionWorker`; ``held``: the tags
    of the flushes not answered yet."""

    def __init__(self, worker: FakeRecognitionWorker, inbox: Inbox, sid: int) -> None:
        self.worker = worker
        self.inbox = inbox
        self.sid = sid
        self.sent = 0
        self.closed = False
        self.held: list[str] = []

    def send(self, *msg: Any) -> None:
        """``("feed", audio, flush, expect, src_rate, tag)``, as a stream sends it."""
        worker = self.worker
        self.sent += 1
        if worker.breaks_after is not None and self.sent > worker.breaks_after:
            raise RecognitionWorkerError("the recognition worker went away")
        if msg[2]:
            worker.flushes += 1
            self.held.append(msg[-1])
            if worker.answers:
                self.answer()

    def answer(self) -> None:
        """The finals of the flushes held so far (the worker decoded them)."""
        for tag in self.held:
            text, self.worker.said = self.worker.said, ""
            final = Event("final", text, 0.9, 0.0, 1.0, "domain")
            self.inbox.queue.put_nowait(("events", self.sid, [final], tag))
        self.held.clear()

    def die(self) -> None:
        """The worker process went away: the pool tells its streams."""
        self.inbox.queue.put_nowait(("error", self.sid, "the recognition worker went away"))

    def silent_for(self) -> float:
        return self.worker.silent

    def restart_worker(self) -> None:
        self.worker.restarts += 1

    def close(self) -> None:
        self.closed = True


class FakeWorkerSTT(PocketSphinxSTT):
    """The offline STT with its streams on ``worker``."""

    def __init__(self, worker: FakeRecognitionWorker) -> None:
        super().__init__()
        self.worker = worker

    async def _session(self, handler: Inbox) -> StreamSession:
        return self.worker.open(handler)
