"""Silero VAD with its inference batched across the calls of a process.

The plugin's stream runs one ONNX inference per 32 ms window, each handed to the event
loop's default executor (``loop.run_in_executor(None, model, window)``): with 20 calls in a
process that is 625 thread hand-offs a second, each with its future and wake-up on the loop,
and the windows queue for the default executor's few threads behind anything else sent there
(a loaded machine stretched Silero's end of speech by seconds). Here every stream of the
process hands its window to one :class:`InferenceBatcher` per event loop instead: windows
that arrive while an inference is running go together into the next one, a single
``session.run`` over a batch of N windows (Silero's ONNX graph takes a batch: about 0.1 ms
a window in batches of 4 or more against 0.2 ms alone), on a thread of its own.

The detection logic is the plugin's own, untouched (thresholds, smoothing, padding, events):
only where the model runs changes, and a window's probability is the same as alone (each
window keeps its stream's recurrent state and context).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import weakref
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt
from livekit.plugins import silero
from livekit.plugins.silero import onnx_model

logger = logging.getLogger(__name__)

Window = npt.NDArray[np.float32]


def infer_batch(
    session: Any, sample_rate: int, batch: list[tuple[onnx_model.OnnxModel, Window]]
) -> list[float]:
    """One ``session.run`` over the windows of several streams; each stream's model keeps
    its own recurrent state and context, exactly as ``OnnxModel.__call__`` would (blocking)."""
    first = batch[0][0]
    ctx, size = first.context_size, first.window_size_samples
    n = len(batch)
    inputs = np.empty((n, ctx + size), dtype=np.float32)
    states = np.empty((2, n, 128), dtype=np.float32)
    for i, (model, window) in enumerate(batch):
        inputs[i, :ctx] = model._context[0]
        inputs[i, ctx:] = window
        states[:, i, :] = model._rnn_state[:, 0, :]
    out, new_states = session.run(
        None, {"input": inputs, "state": states, "sr": np.array(sample_rate, dtype=np.int64)}
    )
    for i, (model, _) in enumerate(batch):
        model._context = inputs[i : i + 1, -ctx:].copy()
        model._rnn_state = np.ascontiguousarray(new_states[:, i : i + 1, :])
    return [float(p) for p in np.asarray(out).reshape(n)]


class InferenceBatcher:
    """Silero inferences of every stream on one event loop, run in batches on one thread.

    At most one batch runs at a time; windows submitted meanwhile (or in the same loop
    iteration) form the next. With one call it is one window per batch, as before."""

    def __init__(self, session: Any, sample_rate: int) -> None:
        self._session = session
        self._sample_rate = sample_rate
        self._queue: list[tuple[onnx_model.OnnxModel, Window, asyncio.Future[float]]] = []
        self._running = False
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="silero-batch"
        )
        self.batches = 0
        self.windows = 0

    def infer(self, model: onnx_model.OnnxModel, window: Window) -> asyncio.Future[float]:
        """The speech probability of ``window`` for ``model``'s stream (its next window)."""
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[float] = loop.create_future()
        self._queue.append((model, window.copy(), fut))
        if not self._running:
            self._running = True
            loop.call_soon(self._start, loop)  # windows of this iteration join the batch
        return fut

    def _start(self, loop: asyncio.AbstractEventLoop) -> None:
        batch, self._queue = self._queue, []
        live = [(m, w, f) for m, w, f in batch if not f.done()]
        if not live:
            self._running = False
            return
        self.batches += 1
        self.windows += len(live)
        job = self._executor.submit(
            infer_batch, self._session, self._sample_rate, [(m, w) for m, w, _ in live]
        )
        futures = [f for _, _, f in live]
        job.add_done_callback(
            lambda done: loop.call_soon_threadsafe(self._finish, loop, futures, done)
        )

    def _finish(
        self,
        loop: asyncio.AbstractEventLoop,
        futures: list[asyncio.Future[float]],
        job: concurrent.futures.Future[list[float]],
    ) -> None:
        try:
            error = job.exception()
            results: list[float | None] = [None] * len(futures) if error else [*job.result()]
            for fut, p in zip(futures, results, strict=True):
                if fut.done():  # its stream closed while the batch ran
                    continue
                if error is not None:
                    fut.set_exception(error)
                else:
                    assert p is not None
                    fut.set_result(p)
        finally:
            if self._queue:
                self._start(loop)
            else:
                self._running = False

    def close(self) -> None:
        self._executor.shutdown(wait=False)


_BATCHERS: weakref.WeakKeyDictionary[
    asyncio.AbstractEventLoop, dict[tuple[int, int], InferenceBatcher]
] = weakref.WeakKeyDictionary()


def batcher_for(session: Any, sample_rate: int) -> InferenceBatcher:
    """The running loop's batcher for this ONNX session (one per process in practice)."""
    loop = asyncio.get_running_loop()
    per_loop = _BATCHERS.setdefault(loop, {})
    key = (id(session), sample_rate)
    batcher = per_loop.get(key)
    if batcher is None:
        batcher = per_loop[key] = InferenceBatcher(session, sample_rate)
        weakref.finalize(loop, batcher.close)
    return batcher


class _BatchedExecutor:
    """Stands in for the stream's event loop in the one place the plugin uses it,
    ``run_in_executor(None, model, window)``, and sends the window to the batcher."""

    def __init__(self, loop: asyncio.AbstractEventLoop, batcher: InferenceBatcher) -> None:
        self._loop = loop
        self._batcher = batcher

    def run_in_executor(
        self, executor: Any, func: Callable[..., Any], *args: Any
    ) -> asyncio.Future[Any]:
        if executor is None and isinstance(func, onnx_model.OnnxModel) and len(args) == 1:
            return self._batcher.infer(func, args[0])
        return self._loop.run_in_executor(executor, func, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._loop, name)


class BatchedVAD(silero.VAD):
    """A call's Silero VAD whose streams share the process's batched inference."""

    def stream(self) -> silero.VADStream:
        stream = super().stream()
        batcher = batcher_for(self._onnx_session, self._opts.sample_rate)
        # the plugin's only use of its loop is run_in_executor(None, self._model, window)
        stream._loop = _BatchedExecutor(stream._loop, batcher)  # type: ignore[assignment]
        return stream
