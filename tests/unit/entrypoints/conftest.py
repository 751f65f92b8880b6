"""The CLI configures process-wide logging; each test leaves it as it found it."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from voice_agent.entrypoints import logs


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    made = logging.getLogRecordFactory()
    yield
    setup = logs.current()
    if setup is not None:
        setup.close()
    logging.setLogRecordFactory(made)  # `agent` commands redact every record of the process
