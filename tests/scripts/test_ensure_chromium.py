"""scripts/ensure-chromium.sh (run by scripts/test.sh): without Chromium it warns, and under
CI=true it fails, so CI cannot go green without the browser tests."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "ensure-chromium.sh"


def _run(tmp_path: Path, chromium: Path, **env: str) -> subprocess.CompletedProcess[str]:
    # an apt-get that always fails stands in for a machine where chromium cannot be installed
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    apt = bin_dir / "apt-get"
    apt.write_text("#!/bin/sh\necho 'E: Unable to locate package chromium' >&2\nexit 100\n")
    apt.chmod(0o755)
    environ = {k: v for k, v in os.environ.items() if k != "CI"}
    environ.update(PATH=f"{bin_dir}:{environ['PATH']}", CHROMIUM_BIN=str(chromium), **env)
    return subprocess.run(
        ["bash", str(SCRIPT)], env=environ, capture_output=True, text=True, timeout=30
    )


def test_present_chromium_is_enough(tmp_path: Path) -> None:
    chromium = tmp_path / "chromium"
    chromium.write_text("#!/bin/sh\n")
    chromium.chmod(0o755)
    result = _run(tmp_path, chromium, CI="true")
    assert result.returncode == 0 and result.stderr == ""


def test_without_chromium_a_developer_gets_a_warning(tmp_path: Path) -> None:
    result = _run(tmp_path, tmp_path / "absent")
    assert result.returncode == 0
    assert "warning" in result.stderr and "skipped" in result.stderr


@pytest.mark.parametrize("value", ["true", "1"])
def test_without_chromium_ci_fails(tmp_path: Path, value: str) -> None:
    result = _run(tmp_path, tmp_path / "absent", CI=value)
    assert result.returncode == 1
    assert "error" in result.stderr and "CI" in result.stderr


def test_as_root_it_installs_chromium_and_a_font_from_debian(tmp_path: Path) -> None:
    # stand-ins: `id -u` says root; apt-get records its arguments and "installs" chromium
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    chromium = tmp_path / "chromium"
    log = tmp_path / "apt.log"
    (bin_dir / "id").write_text("#!/bin/sh\necho 0\n")
    (bin_dir / "apt-get").write_text(
        f'#!/bin/sh\necho "$@" >> {log}\n'
        f'case "$*" in *install*) printf "#!/bin/sh\\n" > {chromium}; chmod +x {chromium};; esac\n'
    )
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    environ = {k: v for k, v in os.environ.items() if k != "CI"}
    environ.update(PATH=f"{bin_dir}:{environ['PATH']}", CHROMIUM_BIN=str(chromium), CI="true")
    result = subprocess.run(
        ["bash", str(SCRIPT)], env=environ, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    update, install = log.read_text().splitlines()
    assert update.split() == ["update", "-qq"]
    assert install.split()[-2:] == ["chromium", "fonts-liberation"]
    assert os.access(chromium, os.X_OK)
