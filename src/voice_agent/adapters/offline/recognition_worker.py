"""Speech recognition in worker processes, so decoding never stalls an event loop.

pocketsphinx holds the GIL while it decodes (one ``process_raw`` over 4 s of audio blocked
the loop for 1.1 s), so calls that share a process stall each other if it decodes there.
A :class:`RecognitionPool` runs one or more worker processes (``python -m
voice_agent.adapters.offline.recognition_worker``) and multiplexes every stream of every
:class:`~voice_agent.adapters.offline.stt.PocketSphinxSTT` in the process over them: a
stream is a session on one worker, its audio chunks go there in order and the worker sends
back :class:`~voice_agent.adapters.offline.recognizer.Event` lists.

Messages are pickled tuples over two pipes per worker (multiprocessing ``Connection``):

* to the worker: ``("config", key, RecognizerConfig)``, ``("open", sid, key)``,
  ``("feed", sid, audio, flush, expect, src_rate, tag)``, ``("decode", sid, key, audio, expect)``,
  ``("close", sid)``, ``("prewarm", key, n)``;
* back: ``("events", sid, [Event...], tag)`` (always for a flush, echoing its tag),
  ``("result", sid, Result)``, ``("error", sid, message)``, ``("ready", key)``.

In the parent, one writer thread per worker sends (a busy worker's full pipe never blocks
the loop; audio chunks without a flush go in groups, see :class:`Outbox`) and one reader
thread receives and hands each message to the waiting stream's loop with
``call_soon_threadsafe``. The pool is shared by the whole process and started on
first use; a worker that dies fails its open streams with an error (the session's fallback
adapter, or its error handling, takes over) and is replaced on the next stream.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import itertools
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any, Protocol

logger = logging.getLogger(__name__)

Message = tuple[Any, ...]
Handler = Callable[[Message], None]


class RecognitionWorkerError(RuntimeError):
    """A recognition worker failed or went away."""


STREAMS_PER_WORKER = 6
"""A pool starts another worker (up to its size) only once every running one serves this
many streams: a process with one call (LiveKit's job processes) keeps one worker."""


def default_workers() -> int:
    """Most worker processes per pool: two on a machine with two cores or more, else one.

    Started only as streams need them (:data:`STREAMS_PER_WORKER`): LiveKit's workers run each
    call in a process of its own, which keeps one recognition process. A process serving many
    calls gets a second one, so that one caller's final transcript is not decoded behind
    another's (a call decodes about 0.05-0.1 s of CPU per second of its caller's speech, and
    the end of an utterance costs 50-80 ms at once)."""
    return 2 if (os.cpu_count() or 1) >= 2 else 1


LINGER = 0.05
"""Seconds an audio chunk without a flush may wait in the outbox for others to go with it."""


class Outbox:
    """The messages for one worker, in the order they were put (thread-safe).

    A message that must go at once (a flush, a configuration, a close...) wakes the writer;
    an audio chunk without a flush waits up to :data:`LINGER` seconds for the others. Each
    wake-up of the writer thread takes the GIL from the event loop: one per chunk was 200 a
    second with 20 calls (100 ms chunks), about a tenth of the loop's samples in py-spy; now
    a worker's writer wakes some 20 times a second however many calls it serves. A flush
    takes every chunk queued before it along, so a final transcript never waits for the
    linger."""

    def __init__(self, linger: float = LINGER) -> None:
        self.linger = linger
        self._items: list[Message | None] = []
        self._urgent = False
        self._cond = threading.Condition(threading.Lock())
        self.wakeups = 0

    def put(self, msg: Message | None, *, urgent: bool = True) -> None:
        with self._cond:
            self._items.append(msg)
            if urgent:
                self._urgent = True
            if urgent or len(self._items) == 1:
                self._cond.notify()

    def take(self) -> list[Message | None]:
        """Block until something is due; everything queued, in order (None: stop)."""
        with self._cond:
            while not self._items:
                self._cond.wait()
            if not self._urgent:
                self._cond.wait_for(lambda: self._urgent, timeout=self.linger)
            items, self._items = self._items, []
            self._urgent = False
            self.wakeups += 1
            return items


@dataclass(eq=False)
class _Worker:
    process: subprocess.Popen[bytes]
    to_worker: Connection
    from_worker: Connection
    outbox: Outbox = field(default_factory=Outbox)
    handlers: dict[int, Handler] = field(default_factory=dict)
    configs: set[str] = field(default_factory=set)
    alive: bool = True
    threads: list[threading.Thread] = field(default_factory=list)
    last_heard: float = field(default_factory=time.monotonic)
    """When the worker last sent anything (``time.monotonic``)."""

    @property
    def load(self) -> int:
        return len(self.handlers)


class RecognitionPool:
    """Worker processes shared by all recognisers of this process (thread-safe)."""

    def __init__(self, workers: int | None = None) -> None:
        self.size = workers or default_workers()
        self._lock = threading.Lock()
        self._workers: list[_Worker] = []
        self._ids = itertools.count(1)
        self._configs: dict[str, Any] = {}
        self._closed = False

    # -- processes ------------------------------------------------------------------------

    def _spawn(self) -> _Worker:
        parent_r, child_w = os.pipe()
        child_r, parent_w = os.pipe()
        env = dict(os.environ)
        env["PYTHONUNBUFFERED"] = "1"
        process = subprocess.Popen(
            [sys.executable, "-m", __name__, str(child_r), str(child_w)],
            pass_fds=(child_r, child_w),
            env=env,
            stdin=subprocess.DEVNULL,
        )
        os.close(child_r)
        os.close(child_w)
        worker = _Worker(
            process, Connection(parent_w, readable=False), Connection(parent_r, writable=False)
        )
        reader = threading.Thread(
            target=self._read_loop, args=(worker,), name="recognition-reader", daemon=True
        )
        writer = threading.Thread(
            target=self._write_loop, args=(worker,), name="recognition-writer", daemon=True
        )
        worker.threads = [reader, writer]
        reader.start()
        writer.start()
        logger.info("recognition worker started", extra={"pid": process.pid})
        return worker

    def _write_loop(self, worker: _Worker) -> None:
        running = True
        while running:
            for msg in worker.outbox.take():
                if msg is None:
                    running = False
                    break
                try:
                    worker.to_worker.send(msg)
                except (OSError, ValueError):
                    self._lost(worker)
                    running = False
                    break
        with contextlib.suppress(OSError):
            worker.to_worker.close()

    def _read_loop(self, worker: _Worker) -> None:
        while True:
            try:
                msg = worker.from_worker.recv()
            except (EOFError, OSError):
                break
            worker.last_heard = time.monotonic()
            if msg[0] == "ready":
                continue
            with self._lock:
                handler = worker.handlers.get(msg[1])
            if handler is not None:
                handler(msg)
        self._lost(worker)

    def _lost(self, worker: _Worker) -> None:
        with self._lock:
            if not worker.alive:
                return
            worker.alive = False
            handlers = list(worker.handlers.items())
            worker.handlers.clear()
            if worker in self._workers:
                self._workers.remove(worker)
        if not self._closed:
            logger.error(
                "recognition worker went away",
                extra={"pid": worker.process.pid, "streams": len(handlers)},
            )
        for sid, handler in handlers:
            handler(("error", sid, "the recognition worker went away"))

    def _pick(self, *, spawn: bool = False) -> _Worker:
        """The least-loaded worker, starting one while fewer than ``size`` run and every
        running one serves ``STREAMS_PER_WORKER`` streams (or ``spawn`` asks for one)."""
        with self._lock:
            if self._closed:
                raise RecognitionWorkerError("the recognition pool is closed")
            least = min(self._workers, key=lambda w: w.load, default=None)
            busy = least is None or least.load >= STREAMS_PER_WORKER
            if len(self._workers) < self.size and (busy or spawn):
                worker = self._spawn()
                self._workers.append(worker)
                return worker
            assert least is not None
            return least

    def _ensure_config(self, worker: _Worker, key: str) -> None:
        if key not in worker.configs:
            worker.outbox.put(("config", key, self._configs[key]))
            worker.configs.add(key)

    # -- API --------------------------------------------------------------------------------

    def register(self, config: Any) -> str:
        """A key for a recogniser configuration (workers build decoders from it)."""
        key = f"{hash(config) & 0xFFFFFFFFFFFF:x}"
        with self._lock:
            self._configs[key] = config
        return key

    def attach(self, handler: Handler, key: str) -> Session:
        """A session on the least-loaded worker, which knows the configuration ``key``;
        ``handler`` gets every message for it, on a pool thread. Without ``open`` it serves
        one-off ``decode`` requests."""
        worker = self._pick()
        sid = next(self._ids)
        with self._lock:
            if not worker.alive:
                # it died between the pick and now: its streams were told, this one would
                # never be (its replies and its error both lost)
                raise RecognitionWorkerError("the recognition worker went away")
            worker.handlers[sid] = handler
        self._ensure_config(worker, key)
        return Session(self, worker, sid)

    def open(self, key: str, handler: Handler) -> Session:
        """A new stream session decoding with the configuration registered as ``key``."""
        session = self.attach(handler, key)
        session.send("open", key)
        return session

    def prewarm(self, key: str, streams: int = 1) -> None:
        """Start the workers ``streams`` concurrent streams need and have them build decoder
        sets for those streams between them, in the background."""
        wanted = min(self.size, max(1, -(-streams // STREAMS_PER_WORKER)))
        per_worker = max(1, -(-streams // wanted))
        while True:
            with self._lock:
                missing = len(self._workers) < wanted
            if not missing:
                break
            self._pick(spawn=True)
        with self._lock:
            workers = list(self._workers)
        for worker in workers:
            self._ensure_config(worker, key)
            worker.outbox.put(("prewarm", key, per_worker))

    def restart(self, worker: _Worker) -> None:
        """Stop a worker that answers nobody (its process is killed): its streams fail with
        an error and go on with a new one (the next stream starts it)."""
        if not worker.alive:
            return
        logger.error(
            "recognition worker restarted: it stopped answering",
            extra={"pid": worker.process.pid},
        )
        with contextlib.suppress(OSError):
            worker.process.kill()
        # the reader sees the pipe close and fails the worker's streams (``_lost``)

    def _drop(self, worker: _Worker, sid: int) -> None:
        with self._lock:
            worker.handlers.pop(sid, None)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._workers)
            self._workers.clear()
        for worker in workers:
            worker.outbox.put(("stop",))
            worker.outbox.put(None)
        for worker in workers:
            try:
                worker.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                worker.process.kill()
                worker.process.wait()
            worker.alive = False
            with contextlib.suppress(OSError):
                worker.from_worker.close()

    @property
    def pids(self) -> list[int]:
        with self._lock:
            return [w.process.pid for w in self._workers]


class StreamSession(Protocol):
    """What a stream uses of its link to a worker: :class:`Session`, or a fake of it
    (``voice_agent.testing.fakes.recognition``)."""

    sid: int

    def send(self, *msg: Any) -> None: ...

    def silent_for(self) -> float: ...

    def restart_worker(self) -> None: ...

    def close(self) -> None: ...


class Session:
    """One stream's link to its worker."""

    def __init__(self, pool: RecognitionPool, worker: _Worker, sid: int) -> None:
        self._pool = pool
        self._worker = worker
        self.sid = sid
        self.closed = False

    @property
    def alive(self) -> bool:
        return self._worker.alive

    def send(self, *msg: Any) -> None:
        if not self._worker.alive:
            raise RecognitionWorkerError("the recognition worker went away")
        # ("feed", audio, flush, ...): a chunk without a flush may linger for the others
        urgent = not (msg[0] == "feed" and not msg[2])
        self._worker.outbox.put((msg[0], self.sid, *msg[1:]), urgent=urgent)

    def silent_for(self) -> float:
        """Seconds since this session's worker last sent anything (to any stream)."""
        return time.monotonic() - self._worker.last_heard

    def restart_worker(self) -> None:
        """Kill this session's worker, which stopped answering (:meth:`RecognitionPool.restart`)."""
        self._pool.restart(self._worker)

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        if self._worker.alive:
            self._worker.outbox.put(("close", self.sid))
        self._pool._drop(self._worker, self.sid)


_POOL: RecognitionPool | None = None
_POOL_LOCK = threading.Lock()


def shared_pool(workers: int | None = None) -> RecognitionPool:
    """The process's pool (created on first use; ``workers`` counts only then)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None or _POOL._closed:
            _POOL = RecognitionPool(workers)
        return _POOL


def shutdown_pool() -> None:
    """Stop the process's workers (at exit, or between tests)."""
    global _POOL
    with _POOL_LOCK:
        pool, _POOL = _POOL, None
    if pool is not None:
        pool.close()


atexit.register(shutdown_pool)


class Inbox:
    """Delivers a session's messages from a pool thread to an asyncio queue."""

    def __init__(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.queue: asyncio.Queue[Message] = asyncio.Queue()

    def __call__(self, msg: Message) -> None:
        # RuntimeError: the loop closed, nobody is waiting any more
        with contextlib.suppress(RuntimeError):
            self.loop.call_soon_threadsafe(self.queue.put_nowait, msg)


# -- the worker process ----------------------------------------------------------------------


class Backlog:
    """The worker's received, unprocessed messages, taken flushes first.

    The worker reads everything its pipe holds before each step. A stream whose caller has
    just finished (a ``feed`` with ``flush``: the session waits for that final transcript)
    goes before the other streams' audio chunks; its own messages stay in order, as do
    everyone else's; messages for no stream (configuration, prewarm, stop) are never passed."""

    def __init__(self) -> None:
        self._items: list[Message] = []
        self._flushes = 0

    def __bool__(self) -> bool:
        return bool(self._items)

    def add(self, msg: Message) -> None:
        self._items.append(msg)
        if _is_flush(msg):
            self._flushes += 1

    @property
    def flushes(self) -> int:
        """Streams' final transcripts waiting (a flush each)."""
        return self._flushes

    def take(self) -> Message:
        index = 0
        if self._flushes:
            sid = next(m[1] for m in self._items if _is_flush(m))
            # that stream's oldest message, or a message for no stream (a configuration the
            # stream may need) received before it
            index = next(i for i, m in enumerate(self._items) if _sid(m) in (None, sid))
        msg = self._items.pop(index)
        if _is_flush(msg):
            self._flushes -= 1
        return msg


def _is_flush(msg: Message) -> bool:
    return msg[0] == "feed" and bool(msg[3])


def _sid(msg: Message) -> int | None:
    return msg[1] if len(msg) > 1 and isinstance(msg[1], int) else None


def _queue_probe(conn_in: Connection, backlog: Backlog) -> Callable[[], int]:
    """How many other streams wait for a final transcript, counting what reached the pipe
    since the step began (:func:`.second_opinion.watch_queue`; the worker's thread only)."""

    def waiting() -> int:
        # a broken pipe is the serve loop's to see on its next read
        with contextlib.suppress(EOFError, OSError):
            while conn_in.poll():
                backlog.add(conn_in.recv())
        return backlog.flushes

    return waiting


def _serve(conn_in: Connection, conn_out: Connection) -> None:
    import gc

    import numpy as np

    from voice_agent.adapters.offline import second_opinion
    from voice_agent.adapters.offline.recognition_cpu import CpuMeter
    from voice_agent.adapters.offline.recognizer import (
        DecoderSet,
        RecognizerConfig,
        StreamRecognizer,
        decode_buffer,
    )
    from voice_agent.adapters.offline.tones import ToneFilter

    configs: dict[str, RecognizerConfig] = {}
    idle: dict[str, list[DecoderSet]] = {}
    streams: dict[int, tuple[str, CpuMeter]] = {}

    def acquire(key: str) -> DecoderSet:
        pool = idle.setdefault(key, [])
        decoders = pool.pop() if pool else DecoderSet(configs[key])
        decoders.reset()
        return decoders

    def release(key: str, decoders: DecoderSet) -> None:
        idle.setdefault(key, []).append(decoders)

    try:
        conn_out.send(("ready", ""))
    except (BrokenPipeError, ConnectionResetError):
        return  # the server stopped while we loaded: nobody to answer
    gc.freeze()  # the imports are done: later collections skip them
    backlog = Backlog()
    second_opinion.watch_queue(_queue_probe(conn_in, backlog))
    while True:
        try:
            if not backlog:
                backlog.add(conn_in.recv())
            while conn_in.poll():
                backlog.add(conn_in.recv())
        except (EOFError, OSError):
            break
        msg = backlog.take()
        op = msg[0]
        try:
            if op == "feed":
                _, sid, data, flush, expect, src_rate, tag = msg
                entry = streams.get(sid)
                if entry is None:
                    if flush:  # its session waits for this reply: say why none comes
                        conn_out.send(("error", sid, "the stream is not open on this worker"))
                    continue
                events = entry[1].feed(data, flush=flush, expect=expect, src_rate=src_rate)
                if events or flush:
                    conn_out.send(("events", sid, events, tag))
            elif op == "open":
                _, sid, key = msg
                streams[sid] = (key, CpuMeter(ToneFilter(StreamRecognizer(acquire(key)))))
            elif op == "close":
                entry = streams.pop(msg[1], None)
                if entry is not None:
                    entry[1].abandon()
                    release(entry[0], entry[1].decoders)
            elif op == "decode":
                _, sid, key, data, expect = msg
                decoders = acquire(key)
                try:
                    result = decode_buffer(
                        decoders, np.frombuffer(data, dtype=np.int16), expect=expect
                    )
                finally:
                    release(key, decoders)
                conn_out.send(("result", sid, result))
            elif op == "config":
                configs[msg[1]] = msg[2]
            elif op == "prewarm":
                _, key, n = msg
                have = len(idle.get(key, []))
                for _ in range(max(0, n - have)):
                    release(key, DecoderSet(configs[key]))
                conn_out.send(("ready", key))
            elif op == "stop":
                break
        except (BrokenPipeError, ConnectionResetError):
            break  # the server went away (stopped by a signal): nobody to answer
        except Exception as exc:  # noqa: BLE001 - reported to the stream, worker carries on
            sid = msg[1] if len(msg) > 1 and isinstance(msg[1], int) else 0
            logger.exception("recognition request failed", extra={"op": op})
            try:
                conn_out.send(("error", sid, f"{type(exc).__name__}: {exc}"))
            except OSError:
                break
            if op == "feed":
                streams.pop(sid, None)


def main(argv: list[str]) -> int:
    import signal

    # Ctrl-C in a terminal reaches the whole process group, and SIGTERM too from systemctl
    # stop, docker stop or timeout: the parent decides when we stop (it closes the pipe, or
    # sends "stop"), so its last utterances are still decoded and its shutdown logs no
    # "recognition worker went away".
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    read_fd, write_fd = int(argv[0]), int(argv[1])
    logging.basicConfig(level=logging.WARNING)
    conn_in = Connection(read_fd, writable=False)
    conn_out = Connection(write_fd, readable=False)
    with contextlib.suppress(KeyboardInterrupt):
        _serve(conn_in, conn_out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
