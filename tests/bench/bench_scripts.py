"""Loading the scripts in bench/ by path for the smoke tests (bench/ is not a package)."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
NEEDS_POSTGRES = pytest.mark.skipif(
    os.environ.get("VOICE_AGENT_SKIP_POSTGRES") == "1", reason="VOICE_AGENT_SKIP_POSTGRES=1"
)


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
