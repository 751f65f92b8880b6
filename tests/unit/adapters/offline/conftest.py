"""What the offline recogniser's tests share: the recogniser's configuration (its language
model built once per test module, in a temporary cache)."""

from __future__ import annotations

from pathlib import Path

import pytest

from voice_agent.adapters.offline import recognizer as rec
from voice_agent.adapters.offline.stt import PocketSphinxSTT


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> rec.RecognizerConfig:
    cache: Path = tmp_path_factory.mktemp("lm")
    return PocketSphinxSTT(cache_dir=cache).recognizer_config()
