"""Helpers shared by test modules: repository paths and external tools."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
EXAMPLE = EXAMPLES / "amazon-customer-due-diligence.toml"

# What drafter writes beside a draft it reads: a review's new version and the versions it keeps.
WRITTEN_BESIDE = re.compile(r"\.(reviewed|before-review\.\d+)\.toml$")

PROFILES = ("dev", "ci")
PROFILE = os.environ.get("DRAFTER_TEST_PROFILE") or (
    "ci" if os.environ.get("CI") == "true" else "dev"
)
if PROFILE not in PROFILES:
    raise pytest.UsageError(
        f"DRAFTER_TEST_PROFILE={PROFILE!r} is not a test profile — use one of {', '.join(PROFILES)}"
    )


def sized(*, dev: int, ci: int) -> int:
    """How many rounds a soak runs, or examples a property tries, in this run's profile: `dev`
    for the quick local run (the default), `ci` for CI's longer one (CI=true, or
    DRAFTER_TEST_PROFILE=ci)."""
    return ci if PROFILE == "ci" else dev


def example_inputs(folder: Path = EXAMPLES) -> list[Path]:
    """The examples' own files in `folder` (drafts and signatory lists), never what running
    drafter on them wrote there: DOCX and text outputs, a campaign's folder, reviewed versions,
    autosaves and temp files."""
    return sorted(
        path
        for path in folder.iterdir()
        if path.is_file()
        and path.suffix in {".toml", ".csv"}
        and not path.name.startswith(".")
        and not WRITTEN_BESIDE.search(path.name)
    )


def example_drafts(folder: Path = EXAMPLES) -> list[Path]:
    """The example drafts in `folder` (see `example_inputs`)."""
    return [path for path in example_inputs(folder) if path.suffix == ".toml"]


def copy_examples(target: Path, folder: Path = EXAMPLES) -> list[Path]:
    """The examples' own files copied into `target`; the copies."""
    target.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy2(path, target / path.name)) for path in example_inputs(folder)]


def need_tool(name: str) -> str:
    """Path of an external program; skip without it locally, fail without it in CI."""
    path = shutil.which(name)
    if path is None and name == "pandoc":
        try:
            import pypandoc

            path = pypandoc.get_pandoc_path()
        except (ImportError, OSError):
            path = None
    if path is None:
        message = f"{name} is not installed"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}, and CI must run every test")
        pytest.skip(f"{message} (CI installs it and runs this test)")
    return path


def draft_text(**overrides: str) -> str:
    """A proposal draft for the `lib` fixture's library, with some top-level values replaced."""
    lines = {
        "style": '"chicago-notes-bibliography"',
        "vars": 'company = "Amazon"',
        "whereas": '"whereas/a"',
    } | overrides
    return (
        f'schema = 1\ntemplate = "proposal"\ntitle = "Report"\nstyle = {lines["style"]}\n\n'
        f"[vars]\n{lines['vars']}\n\n[sections]\nwhereas = [\n  {lines['whereas']},\n]\n"
        'resolved = ["resolved/r"]\n'
    )


def build_example_in_a_process(out: Path, cache: Path, report: str, *args: str) -> str:
    """Build the example to `out` in a new Python process whose XDG cache folder is `cache`
    (the notes cache on), then print `report`, an expression over `code` (the exit code) and
    `sys`; what it printed."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from drafter.cli import main\n"
        f"code = main(['build', {str(EXAMPLE)!r}, '-o', sys.argv[1], *sys.argv[2:]])\n"
        f"print({report})\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO), "XDG_CACHE_HOME": str(cache)}
    env.pop("DRAFTER_NOTES_CACHE", None)
    done = subprocess.run(
        [sys.executable, "-c", probe, str(out), *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout
