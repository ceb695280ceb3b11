"""A non-editable install carries the built-in library and works from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from support import EXAMPLE, REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    (built,) = out.glob("drafter-*.whl")
    return built


def test_the_wheel_holds_clauses_citations_templates_and_styles(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for folder, count in (("clauses", 25), ("citations", 1), ("templates", 2), ("styles", 1)):
        shipped = [n for n in names if n.startswith(f"drafter/_builtin/{folder}/")]
        assert len(shipped) >= count, folder
    assert "drafter/_builtin/templates/letter/starter.toml" in names


def test_the_installed_console_script_builds_the_example_elsewhere(
    wheel: Path, tmp_path: Path
) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "PYTHONNOUSERSITE": "1"}
    env.pop("DRAFTER_LIBRARY", None)
    where = subprocess.run(
        [sys.executable, "-c", "import drafter; print(drafter.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert where.startswith(str(target))
    result = subprocess.run(
        [
            sys.executable,
            str(target / "bin" / "drafter"),
            "build",
            str(EXAMPLE),
            "--format",
            "md",
            "-o",
            "x.md",
        ],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "[^1]: " in (work / "x.md").read_text(encoding="utf-8")
