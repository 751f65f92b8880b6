"""The recognition pool's sizing, and the worker's order of work (flushes first)."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from voice_agent.adapters.offline import recognition_worker as rw
from voice_agent.adapters.offline.recognition_worker import Backlog, RecognitionPool


def feed(sid: int, n: int, *, flush: bool = False) -> tuple[object, ...]:
    return ("feed", sid, bytes([n]), flush, ("request", None), 24000, "")


def drain(backlog: Backlog) -> list[tuple[object, ...]]:
    out = []
    while backlog:
        out.append(backlog.take())
    return out


def test_without_a_flush_messages_are_taken_in_arrival_order() -> None:
    backlog = Backlog()
    msgs = [feed(1, 0), feed(2, 0), feed(1, 1), ("close", 2)]
    for m in msgs:
        backlog.add(m)
    assert drain(backlog) == msgs


def test_a_stream_that_flushes_goes_first_its_own_order_kept() -> None:
    backlog = Backlog()
    for m in [feed(1, 0), feed(2, 0), feed(1, 1), feed(2, 1, flush=True), feed(3, 0)]:
        backlog.add(m)
    assert drain(backlog) == [
        feed(2, 0),
        feed(2, 1, flush=True),
        feed(1, 0),
        feed(1, 1),
        feed(3, 0),
    ]


def test_two_flushes_are_served_in_the_order_they_came() -> None:
    backlog = Backlog()
    for m in [feed(1, 0), feed(2, 0, flush=True), feed(1, 1, flush=True), feed(2, 1)]:
        backlog.add(m)
    assert drain(backlog) == [
        feed(2, 0, flush=True),
        feed(1, 0),
        feed(1, 1, flush=True),
        feed(2, 1),
    ]


def test_a_configuration_is_never_passed_by_a_flush() -> None:
    backlog = Backlog()
    msgs = [feed(1, 0), ("config", "k", object()), ("open", 2, "k"), feed(2, 0, flush=True)]
    for m in msgs:
        backlog.add(m)
    taken = drain(backlog)
    assert taken[0][0] == "config"
    assert taken[1:] == [("open", 2, "k"), feed(2, 0, flush=True), feed(1, 0)]


@pytest.fixture
def pool() -> Iterator[RecognitionPool]:
    p = RecognitionPool(workers=2)
    yield p
    p.close()


def test_one_stream_keeps_one_worker_many_streams_start_another(pool: RecognitionPool) -> None:
    def handler(msg: object) -> None:
        pass

    key = pool.register("a configuration")  # attaching sends it; nothing decodes here
    first = pool.attach(handler, key)
    assert len(pool.pids) == 1
    sessions = [pool.attach(handler, key) for _ in range(rw.STREAMS_PER_WORKER - 1)]
    assert len(pool.pids) == 1  # the first worker serves STREAMS_PER_WORKER streams
    sessions.append(pool.attach(handler, key))
    assert len(pool.pids) == 2
    for s in [first, *sessions]:
        s.close()


def test_prewarm_starts_the_workers_the_streams_need(pool: RecognitionPool) -> None:
    # not a real configuration: the workers fail to build its decoders (logged), which does
    # not matter here
    key = pool.register("a configuration")
    pool.prewarm(key, 1)
    assert len(pool.pids) == 1
    pool.prewarm(key, rw.STREAMS_PER_WORKER + 1)
    assert len(pool.pids) == 2


def test_the_default_pool_size_follows_the_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rw.os, "cpu_count", lambda: 1)
    assert rw.default_workers() == 1
    monkeypatch.setattr(rw.os, "cpu_count", lambda: 8)
    assert rw.default_workers() == 2


def _take_in_thread(outbox: rw.Outbox) -> tuple[threading.Thread, list[object]]:
    got: list[object] = []

    def run() -> None:
        items = outbox.take()
        got.append((time.monotonic(), items))

    thread = threading.Thread(target=run)
    thread.start()
    return thread, got


def test_audio_chunks_linger_for_each_other_a_flush_takes_them_along_at_once() -> None:
    outbox = rw.Outbox(linger=10.0)  # long: a writer woken early is plain on a busy machine too
    thread, got = _take_in_thread(outbox)
    start = time.monotonic()
    outbox.put(feed(1, 1), urgent=False)
    outbox.put(feed(2, 1), urgent=False)
    outbox.put(feed(1, 2, flush=True))  # urgent: wakes the writer before the linger ends
    thread.join(timeout=12)
    at, items = got[0]  # type: ignore[misc]
    assert items == [feed(1, 1), feed(2, 1), feed(1, 2, flush=True)]  # the order they came
    assert at - start < 5.0
    assert outbox.wakeups == 1


def test_chunks_alone_go_after_the_linger_in_one_wakeup() -> None:
    outbox = rw.Outbox(linger=0.1)
    thread, got = _take_in_thread(outbox)
    start = time.monotonic()
    for n in range(5):
        outbox.put(feed(n, n), urgent=False)
    thread.join(timeout=10)
    at, items = got[0]  # type: ignore[misc]
    assert items == [feed(n, n) for n in range(5)]
    assert 0.08 <= at - start < 5.0  # the linger, and a busy machine's scheduling
    assert outbox.wakeups == 1


def test_the_stop_sentinel_keeps_its_place() -> None:
    outbox = rw.Outbox()
    outbox.put(("close", 1))
    outbox.put(None)
    assert outbox.take() == [("close", 1), None]


def test_a_session_lets_only_chunks_without_a_flush_linger() -> None:
    class Recording(rw.Outbox):
        def __init__(self) -> None:
            super().__init__()
            self.sent: list[tuple[object, bool]] = []

        def put(self, msg: object, *, urgent: bool = True) -> None:
            self.sent.append((msg[0] if isinstance(msg, tuple) else msg, urgent))

    worker = rw._Worker(process=None, to_worker=None, from_worker=None)  # type: ignore[arg-type]
    outbox = Recording()
    worker.outbox = outbox
    session = rw.Session(RecognitionPool(1), worker, 7)
    session.send("feed", b"..", False, ("request", None), 16000, "")
    session.send("feed", b"..", True, ("request", None), 16000, "")
    session.send("open", "key")
    assert outbox.sent == [("feed", False), ("feed", True), ("open", True)]


def test_the_queue_probe_counts_other_streams_final_transcripts_waiting() -> None:
    from multiprocessing import Pipe

    from voice_agent.adapters.offline.recognition_worker import _queue_probe

    conn_in, conn_out = Pipe(duplex=False)
    backlog = Backlog()
    backlog.add(("feed", 1, b"", True, None, 16000, 1))
    backlog.add(("feed", 2, b"", False, None, 16000, 0))
    waiting = _queue_probe(conn_in, backlog)
    assert waiting() == 1
    # arrived while the step ran: read from the pipe, counted, and left for the loop
    conn_out.send(("feed", 3, b"", True, None, 16000, 2))
    conn_out.send(("feed", 4, b"", False, None, 16000, 0))
    assert waiting() == 2
    assert [m[1] for m in drain(backlog)] == [1, 3, 2, 4]
    assert waiting() == 0
    conn_out.close()
    assert waiting() == 0  # a closed pipe is for the serve loop to notice


def test_a_worker_whose_server_went_away_while_it_loaded_stops_quietly() -> None:
    """`serve` stopped (SIGTERM: systemctl stop, docker stop) while its worker was still
    loading: the worker printed a BrokenPipeError traceback, announcing itself ready to a
    server that was no longer there."""
    from multiprocessing import Pipe

    requests, send = Pipe(duplex=False)
    answers, reply = Pipe(duplex=False)
    answers.close()  # the server is gone
    send.close()
    rw._serve(requests, reply)  # returns; raised BrokenPipeError


def test_a_worker_whose_server_went_away_stops_without_logging_a_failure(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The same after loading: "recognition request failed" and a traceback, for an answer
    to a server that had stopped."""
    from multiprocessing import Pipe

    requests, send = Pipe(duplex=False)
    answers, reply = Pipe(duplex=False)
    worker = threading.Thread(target=rw._serve, args=(requests, reply))
    with caplog.at_level(logging.WARNING):
        worker.start()
        assert answers.recv() == ("ready", "")
        answers.close()  # the server is gone
        send.send(("prewarm", "en-us", 0))  # answered with "ready"
        send.send(("stop",))
        worker.join(30)
    send.close()
    assert not worker.is_alive()
    assert [r.getMessage() for r in caplog.records] == []


def test_a_flush_for_a_stream_the_worker_does_not_hold_is_answered_with_an_error() -> None:
    """A flush for a stream the worker does not hold (dropped after a failed request) was
    passed over in silence, and its session waited for the final for ever."""
    from multiprocessing import Pipe

    requests, send = Pipe(duplex=False)
    answers, reply = Pipe(duplex=False)
    worker = threading.Thread(target=rw._serve, args=(requests, reply))
    worker.start()
    try:
        assert answers.recv() == ("ready", "")
        send.send(feed(7, 1))  # no reply is waited for: passed over
        send.send(feed(7, 2, flush=True))
        assert answers.poll(30)
        op, sid, message = answers.recv()
        assert (op, sid) == ("error", 7) and "not open" in message
        assert not answers.poll(0.2)  # one answer, for the flush
    finally:
        send.send(("stop",))
        worker.join(30)
        send.close()
    assert not worker.is_alive()


def test_a_worker_that_answers_nobody_is_restarted_and_its_streams_told(
    pool: RecognitionPool,
) -> None:
    """A worker stuck for good (its streams' finals never come) is killed; each of its
    streams gets the error that makes it go on with a new worker."""
    got: list[tuple[object, ...]] = []
    arrived = threading.Event()

    def handler(msg: tuple[object, ...]) -> None:
        got.append(msg)
        arrived.set()

    key = pool.register("a configuration the worker never needs to build")
    session = pool.attach(handler, key)
    pid = pool.pids[0]
    session.restart_worker()
    assert arrived.wait(30)
    assert got[0][0] == "error" and "went away" in str(got[0][2])
    assert pid not in pool.pids and not session.alive
    assert session.silent_for() >= 0.0


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads Linux's /proc")
def test_a_stop_signal_to_the_whole_group_is_left_to_the_server(
    pool: RecognitionPool, caplog: pytest.LogCaptureFixture
) -> None:
    """systemctl stop, docker stop and timeout send SIGTERM to every process of the server:
    the worker died before the server closed it, which logged "recognition worker went
    away" at every stop. Ctrl-C's SIGINT was already the server's to act on."""

    def handler(msg: object) -> None:
        pass

    session = pool.attach(handler, pool.register("a configuration"))
    (pid,) = pool.pids
    deadline = time.monotonic() + 60
    # main() has set both its signal dispositions: waiting for SIGINT's alone sent SIGTERM,
    # on a loaded machine, before the next line had set its own, and it killed the worker
    while not (_ignores(pid, signal.SIGINT) and _ignores(pid, signal.SIGTERM)):
        assert time.monotonic() < deadline, "the worker never started"
        time.sleep(0.05)
    with caplog.at_level(logging.ERROR):
        os.kill(pid, signal.SIGTERM)
        time.sleep(0.5)
        assert pool.pids == [pid]
        assert "State:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    session.close()
    assert [r.getMessage() for r in caplog.records] == []


def _ignores(pid: int, signum: int) -> bool:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("SigIgn:"):
            return bool(int(line.split()[1], 16) & (1 << (signum - 1)))
    return False


def test_a_stream_attached_to_a_worker_that_just_died_is_refused(pool: RecognitionPool) -> None:
    """A worker that died between being picked and the stream's registration had told its
    streams already: this one would have waited for ever. It is refused (the stream's next
    attempt gets a new worker)."""
    key = pool.register("a configuration")
    first = pool.attach(lambda _msg: None, key)
    worker = first._worker
    pool._lost(worker)  # as the reader does when the process goes away
    with pool._lock:
        pool._workers.append(worker)  # still the pick, as it was a moment before
    with pytest.raises(rw.RecognitionWorkerError, match="went away"):
        pool.attach(lambda _msg: None, key)
