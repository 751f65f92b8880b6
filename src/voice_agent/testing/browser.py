"""Driving pages in Debian's headless Chromium (never a downloaded browser), for the e2e tests.

``serve_in_thread`` runs an app with uvicorn on a free loopback port; ``launch`` starts
Chromium through Playwright with the flags that keep it off the network (and, with a WAV, a
fake microphone playing it); ``caller_wav`` speaks a caller's lines with the project's espeak
voice into one WAV with pauses; ``screenshots`` writes a page at 1280 and 390 px wide.
"""

from __future__ import annotations

import asyncio
import os
import re
import socket
import threading
from collections.abc import Coroutine, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import uvicorn

from voice_agent.testing import ci

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

T = TypeVar("T")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-features=MediaRouter,OptimizationHints,Translate",
]
"""Headless, and nothing that reaches for the network on its own."""

WIDTHS = (1280, 390)
OUTPUT_ENV = "VOICE_AGENT_TEST_OUTPUT"
DEFAULT_OUTPUT = Path("out/test-output")


def microphone_args(wav: Path) -> list[str]:
    """A fake microphone that plays ``wav`` (looped), permission granted without a prompt;
    WebRTC may use loopback candidates (the server offers only those by default)."""
    return [
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={wav}",
        "--autoplay-policy=no-user-gesture-required",
        "--allow-loopback-in-peer-connection",
    ]


def launch(playwright: Playwright, *, extra_args: Sequence[str] = ()) -> Browser:
    """Debian's Chromium, headless (the caller has checked ``ci.require_chromium()``)."""
    return playwright.chromium.launch(
        executable_path=str(ci.CHROMIUM), args=[*CHROMIUM_ARGS, *extra_args]
    )


@contextmanager
def serve_in_thread(app: Any) -> Iterator[str]:
    """Run ``app`` with uvicorn on 127.0.0.1 and a free port; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        for _ in range(600):
            if server.started or not thread.is_alive():
                break
            threading.Event().wait(0.05)
        if not server.started:
            raise RuntimeError("uvicorn did not start (see the log above)")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=60)
        sock.close()


def caller_wav(
    path: Path,
    lines: Sequence[tuple[float, str]],
    *,
    tail: float = 30.0,
    sample_rate: int = 48_000,
) -> Path:
    """Write the caller's side of a call: for each ``(pause, line)``, ``pause`` seconds of
    silence then the line spoken by espeak-ng in the demo's caller voice; ``tail`` seconds of
    silence at the end (Chromium loops the file)."""
    from voice_agent.adapters.offline.audio import resample, silence, write_wav
    from voice_agent.adapters.offline.calls import CALLER_PITCH, CALLER_RATE, CALLER_VOICE
    from voice_agent.adapters.offline.tts import synthesize

    parts = []
    for pause, text in lines:
        parts.append(silence(pause, sample_rate))
        samples, rate = synthesize(text, voice=CALLER_VOICE, rate=CALLER_RATE, pitch=CALLER_PITCH)
        parts.append(resample(samples, rate, sample_rate))
    parts.append(silence(tail, sample_rate))
    path.parent.mkdir(parents=True, exist_ok=True)
    write_wav(path, np.concatenate(parts), sample_rate)
    return path


def run_async(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to its end from code where Playwright's sync API holds the thread's
    event loop (``asyncio.run`` would refuse): on a thread of its own."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def output_dir() -> Path:
    """Where failing browser tests leave their screenshots (``VOICE_AGENT_TEST_OUTPUT``)."""
    return Path(os.environ.get(OUTPUT_ENV) or DEFAULT_OUTPUT)


def screenshots(page: Page, name: str, *, folder: Path | None = None) -> list[Path]:
    """Full-page screenshots of ``page`` at each of ``WIDTHS``; returns the files written."""
    folder = folder or output_dir()
    folder.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)[:120]
    original = page.viewport_size
    written = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        target = folder / f"{safe}-{width}.png"
        page.screenshot(path=str(target), full_page=True)
        written.append(target)
    if original is not None:
        page.set_viewport_size(original)
    return written


@contextmanager
def screenshots_on_failure(page: Page, name: str) -> Iterator[None]:
    """Leave screenshots of ``page`` at 1280 and 390 px in the test output if the block fails."""
    try:
        yield
    except BaseException:
        try:
            shots = screenshots(page, name)
            print("screenshots:", *shots)
        except Exception as exc:  # the page may be gone; the test's own error matters more
            print(f"no screenshots ({type(exc).__name__})")
        raise


def watch_errors(page: Page) -> list[str]:
    """The page's uncaught errors and console errors, collected as they happen."""
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on(
        "console",
        lambda msg: problems.append(f"console: {msg.text}") if msg.type == "error" else None,
    )
    return problems


STAFF_KEY = "e2e-staff-key-0123456789abcdef"
"""The staff key of the end-to-end tests' servers (tests/e2e/conftest.py's settings)."""


def staff_log_in(page: Page, base: str, key: str = STAFF_KEY) -> None:
    """Sign in on the staff page at ``base`` and wait until the schedule has loaded."""
    page.goto(f"{base}/staff")
    page.fill("input[name=key]", key)
    page.click("button[type=submit]")
    page.wait_for_selector("body[data-loaded=true]", timeout=10_000)
