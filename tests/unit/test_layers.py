"""The package's layers, read from its import statements: the scheduling domain imports no
framework and nothing outside itself, the services no adapter, the composition root is
called by the entry points (and the test harness) alone, and the entry points reach the
dialogue engine only through the root."""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

import voice_agent

PACKAGE = Path(voice_agent.__file__).parent
FRAMEWORKS = ("livekit", "fastapi", "starlette", "sqlalchemy", "uvicorn", "aiortc")


def imports(layer: str) -> dict[str, set[str]]:
    """Each module under ``voice_agent.<layer>`` and the absolute modules it imports (at the
    top or inside a function)."""
    found: dict[str, set[str]] = {}
    base = PACKAGE / layer.replace(".", "/")
    files = sorted(base.rglob("*.py")) if base.is_dir() else [base.with_suffix(".py")]
    for path in files:
        name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        seen = found.setdefault(name.removesuffix(".__init__"), set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                seen.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                seen.add(node.module)
    assert found, f"no modules under {base}"
    return found


def crossings(found: dict[str, set[str]], banned: Iterable[str]) -> list[str]:
    banned = tuple(banned)
    return sorted(
        f"{module} imports {target}"
        for module, targets in found.items()
        for target in targets
        if any(target == b or target.startswith(b + ".") for b in banned)
    )


def test_the_domain_imports_no_framework_and_nothing_outside_itself() -> None:
    outside = ("adapters", "services", "entrypoints", "bootstrap", "config", "testing")
    banned = [*FRAMEWORKS, *(f"voice_agent.{layer}" for layer in outside)]
    assert crossings(imports("domain"), banned) == []


def test_the_services_import_no_adapter_and_no_framework() -> None:
    outside = ("adapters", "entrypoints", "bootstrap", "testing")
    banned = [*FRAMEWORKS, *(f"voice_agent.{layer}" for layer in outside)]
    assert crossings(imports("services"), banned) == []


def test_only_the_entry_points_and_the_test_harness_call_the_composition_root() -> None:
    for layer in ("domain", "services", "adapters"):
        assert crossings(imports(layer), ["voice_agent.bootstrap"]) == [], layer


def test_the_entry_points_reach_the_dialogue_engine_through_the_root() -> None:
    # the command line read typed days with the engine's own functions, imported directly
    engine = "voice_agent.adapters.offline.dialogue"
    assert crossings(imports("entrypoints"), [engine]) == []


def test_the_reading_of_imports_sees_imports_inside_functions() -> None:
    # the rules above would pass on a reader that missed the lazy imports the entry points use
    assert "voice_agent.adapters.voice.providers" in imports("bootstrap")["voice_agent.bootstrap"]
