"""The package type-checks: `mypy`, as configured in pyproject.toml, finds no errors in drafter."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import REPO


def test_mypy_finds_no_errors(tmp_path: Path) -> None:
    if importlib.util.find_spec("mypy") is None:
        message = "mypy is not installed"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}, and CI must run every test")
        pytest.skip(f"{message} (pip install -e '.[test]' brings it)")
    command = [sys.executable, "-m", "mypy", "--config-file", str(REPO / "pyproject.toml")]
    command += ["--cache-dir", str(tmp_path / "cache")]  # a cold run: no stale cache answers
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found"), result.stdout
