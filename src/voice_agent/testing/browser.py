"""Driving pages in Debian's headless Chromium (never a downloaded browser), for the e2e tests.

``serve_in_thread`` runs an app with uvicorn on a free loopback port; ``launch`` starts
Chromium through Playwright with the flags that keep it off the network (``CALL_ARGS`` for a
call page); ``ListeningCaller`` is a caller who speaks each line, in the project's espeak
voice, only once the agent has finished its turn and listens; ``screenshots`` writes a page
at 1280 and 390 px wide.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import socket
import threading
from collections.abc import Coroutine, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

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


CALL_ARGS = ["--autoplay-policy=no-user-gesture-required", "--allow-loopback-in-peer-connection"]
"""For a call page: the agent's voice plays without a click, and WebRTC may use loopback
candidates (the server offers only those by default)."""


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


CALLER_MICROPHONE_JS = r"""
(() => {
  // The caller's microphone: a WebAudio graph, silent until a line is spoken into it.
  const lines = __LINES__;
  const caller = { state: null, since: 0, listened: 0, speaking: false, log: [] };
  window.__caller = caller;
  let context = null;
  let microphone = null;
  const note = (what) => caller.log.push([Math.round(performance.now()), what]);
  const graph = () => {
    if (!context) {
      context = new AudioContext({ sampleRate: 48000 });
      microphone = context.createMediaStreamDestination();
      microphone.channelCount = 1;
      // A source always playing, at zero: a graph with nothing playing sends no frames at
      // all (not frames of silence), and a recogniser that hears a line stop mid-frame never
      // hears the turn end.
      const hum = context.createConstantSource();
      hum.offset.value = 0;
      hum.connect(microphone);
      hum.start();
    }
    return context;
  };
  const devices = navigator.mediaDevices;
  const real = devices && devices.getUserMedia ? devices.getUserMedia.bind(devices) : null;
  if (devices) {
    devices.getUserMedia = async (constraints) => {
      if (!constraints || !constraints.audio || constraints.video) return real(constraints);
      await graph().resume();
      note("microphone opened");
      return microphone.stream.clone();
    };
  }
  window.__sayLine = (i) => {
    const line = lines[i];
    const bytes = Uint8Array.from(atob(line.pcm), (c) => c.charCodeAt(0));
    const samples = new Int16Array(bytes.buffer);
    const buffer = graph().createBuffer(1, samples.length, line.rate);
    const data = buffer.getChannelData(0);
    for (let k = 0; k < samples.length; k++) data[k] = samples[k] / 32768;
    const source = context.createBufferSource();
    source.buffer = buffer;
    source.connect(microphone);
    caller.speaking = true;
    note(`line ${i} starts`);
    return new Promise((resolve) => {
      source.onended = () => {
        caller.speaking = false;
        note(`line ${i} ends`);
        resolve(buffer.duration);
      };
      source.start();
    });
  };
  // What the page shows of the agent: #status's data-state, with when it last changed.
  document.addEventListener("DOMContentLoaded", () => {
    const status = document.getElementById("status");
    const transcript = document.getElementById("transcript");
    if (!status || !transcript) return;
    const seen = () => {
      const state = status.dataset.state || null;
      if (state === caller.state) return;
      caller.state = state;
      caller.since = performance.now();
      if (state === "listening") caller.listened += 1;
      note(`agent ${state}`);
    };
    const watched = { attributes: true, attributeFilter: ["data-state"] };
    new MutationObserver(seen).observe(status, watched);
    new MutationObserver(() => {
      const turns = transcript.querySelectorAll("li.turn").length;
      const last = transcript.querySelector("li.turn:last-child");
      if (last) note(`turn ${turns} ${last.classList.contains("turn-user") ? "caller" : "agent"}`);
    }).observe(transcript, { childList: true });
    seen();
  });
})();
"""

AGENT_DONE_JS = """([turns, listened, settle]) => {
  const caller = window.__caller;
  if (document.body.dataset.ended === "true") return "ended";
  const agent = document.querySelectorAll("#transcript li.turn-assistant").length;
  return agent > turns && caller.state === "listening" && caller.listened > listened
    && performance.now() - caller.since >= settle;
}"""


ASKED_AGAIN = re.compile(
    r"\bonce more\b|\b(say|repeat) (it|that|the [^.?!,]*?) again\b|\bdidn't (catch|get)\b",
    re.IGNORECASE,
)
"""The agent asking to hear what the caller just said again ("Could you say it once more?",
"Sorry, I didn't catch that."): a caller repeats it rather than go on with their script."""


class ListeningCaller:
    """A caller on the call page who listens before speaking, as a real one does: each of
    ``lines`` (espeak-ng, the demo caller's voice) is spoken only once the agent has finished
    its turn - a new assistant turn in ``#transcript`` and ``#status[data-state=listening]``
    held for ``settle`` seconds - never on a fixed timeline that drifts from the agent's.

    ``install`` (before the page loads) makes the page's ``getUserMedia({audio})`` return a
    WebAudio stream, silent until a line is spoken into it; everything after that
    (RTCPeerConnection, the server) is the page's own code. Chromium's capture processing
    (echo cancellation, noise suppression, gain) is for devices only: the agent gets the
    lines as synthesised, with none of the agent's own voice echoed in."""

    def __init__(
        self,
        lines: Sequence[str],
        *,
        settle: float = 0.8,
        turn_timeout: float = 90.0,
        repeats: int = 2,
    ) -> None:
        from voice_agent.adapters.offline.calls import CALLER_PITCH, CALLER_RATE, CALLER_VOICE
        from voice_agent.adapters.offline.tts import synthesize

        self.lines = list(lines)
        self.settle = settle
        self.repeats = repeats
        self._repeated = 0
        self.turn_timeout = turn_timeout
        self.spoken = 0
        self._audio = []
        for text in self.lines:
            samples, rate = synthesize(
                text, voice=CALLER_VOICE, rate=CALLER_RATE, pitch=CALLER_PITCH
            )
            pcm = base64.b64encode(samples.astype("<i2").tobytes()).decode("ascii")
            self._audio.append({"rate": rate, "pcm": pcm})
        self._mark = (0, 0)  # (the agent's turns, times it listened) when the caller last spoke

    def install(self, page: Page) -> None:
        """Give ``page`` this caller's microphone (before ``page.goto``)."""
        page.add_init_script(
            script=CALLER_MICROPHONE_JS.replace("__LINES__", json.dumps(self._audio))
        )

    def mark(self, page: Page) -> None:
        """The agent's turn from now on is the one to wait for (the caller spoke, or typed)."""
        self._mark = page.evaluate(
            "[document.querySelectorAll('#transcript li.turn-assistant').length,"
            " window.__caller.listened]"
        )

    def wait_for_agent(self, page: Page) -> None:
        """Until the agent has taken a turn since the last ``mark`` and listens again."""
        done = page.wait_for_function(
            AGENT_DONE_JS,
            arg=[*self._mark, self.settle * 1000],
            polling=100,
            timeout=self.turn_timeout * 1000,
        )
        if done.json_value() == "ended":
            raise AssertionError(f"the call ended with {self.spoken} of the caller's lines said")

    def say_next(self, page: Page) -> str:
        """Wait for the agent to finish its turn, then speak the next line to its end; or,
        where the agent asked to hear the last line again, that line once more (at most
        ``repeats`` times a line), as a caller does."""
        self.wait_for_agent(page)
        said = self.spoken - 1
        asked = page.locator("#transcript li.turn-assistant").last.inner_text()
        if said >= 0 and self._repeated < self.repeats and ASKED_AGAIN.search(asked):
            self._repeated += 1
            index = said
        else:
            self._repeated = 0
            index = self.spoken
            self.spoken += 1
        self.mark(page)
        page.evaluate("(i) => window.__sayLine(i)", index)
        return self.lines[index]

    def converse(self, page: Page) -> None:
        """Say every line not yet said, each after the agent's answer to the one before."""
        while self.spoken < len(self.lines):
            self.say_next(page)

    def timeline(self, page: Page) -> list[Any]:
        """[ms since the page loaded, what happened] for the microphone, lines and agent."""
        return list(page.evaluate("window.__caller ? window.__caller.log : []"))


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
