"""The examples folder after a user has run the README's commands on it: git ignores everything
they wrote, and the tests still see only the examples' own files (`support.example_inputs`), so
the tests that read examples/ pass with a campaign's folder and outputs beside the drafts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from review_files import rewrite, tracked_replace
from support import EXAMPLE, EXAMPLES, REPO, copy_examples, example_drafts, example_inputs

from drafter.cli import main

# What a checkout holds that the copied tests need: the code, the tests, the built-in library.
CHECKOUT = ("drafter", "tests", "clauses", "citations", "templates", "styles", "pyproject.toml")
IGNORED_IN_COPY = shutil.ignore_patterns("__pycache__", ".hypothesis", "snapshot_report.html")
# The tests that read examples/ by listing it, and the folder's own files in another way.
LISTING_TESTS = (
    "tests/hardening/test_kill_soak.py::test_a_killed_build_of_several_drafts_leaves_each_old_or_new",
    "tests/drafts/test_file_lines.py",
    "tests/render/test_clauses.py::test_the_built_in_library_and_examples_escape_no_quote",
)


RETURNED = f"examples/{EXAMPLE.stem}-ana.docx"  # the built example, as a reviewer returns it


def _readme_commands() -> list[list[str]]:
    """The README's commands on the examples, as a user runs them from the checkout."""
    example = f"examples/{EXAMPLE.name}"
    drafts = [f"examples/{path.name}" for path in example_drafts()]
    return [
        ["build", example, "-o", "proposal.docx"],  # the Quickstart
        *(["build", draft] for draft in drafts),  # beside each draft; a campaign's own folder
        *(["build", draft, "--format", fmt] for draft in drafts for fmt in ("md", "txt")),
        ["review", example, RETURNED, "--apply"],
        ["review", example, RETURNED, "--apply"],  # keeps the first
    ]


@pytest.fixture(scope="module")
def used_checkout(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the checkout under git, with every file of it committed, and then the README's
    commands run on its examples, an autosave beside a draft and a lock file beside an output."""
    root = tmp_path_factory.mktemp("checkout")
    for name in CHECKOUT:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=IGNORED_IN_COPY)
        else:
            shutil.copy2(source, root / name)
    shutil.copy2(REPO / ".gitignore", root / ".gitignore")
    copy_examples(root / "examples")
    if shutil.which("git") is not None:
        _git(root, "init", "-q")
        _git(root, "add", "-A")
        _git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "x")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        patch.delenv("DRAFTER_LIBRARY", raising=False)
        for command in _readme_commands():
            if command[0] == "review" and not Path(RETURNED).exists():  # a reviewer's edit
                edit = partial(tracked_replace, old="poor human", new="weak", author="Ana")
                rewrite(Path(f"examples/{EXAMPLE.stem}.docx"), Path(RETURNED), edit)
            assert main(command) in (0, 1), f"drafter {' '.join(command)} failed"
    examples = root / "examples"
    (examples / f".{EXAMPLE.name}.autosave").write_text("schema = 1\n", encoding="utf-8")
    (examples / f".~lock.{EXAMPLE.stem}.docx#").write_text("reviewer,host\n", encoding="utf-8")
    yield root


def _git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout


def test_the_readmes_commands_write_outputs_and_a_campaign_folder_into_examples(
    used_checkout: Path,
) -> None:
    examples = used_checkout / "examples"
    assert (used_checkout / "proposal.docx").is_file()
    assert [path.name for path in examples.iterdir() if path.is_dir()] == ["campaign-hrdd"]
    made = {path.name for path in examples.iterdir()} - {path.name for path in example_inputs()}
    assert {f"{EXAMPLE.stem}.docx", f"{EXAMPLE.stem}.md", f"{EXAMPLE.stem}.reviewed.toml"} <= made


def test_git_ignores_everything_the_readmes_commands_write(used_checkout: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed: there is no git status to look at")
    status = _git(used_checkout, "status", "--porcelain", "--untracked-files=all")
    assert status == "", f"not ignored by .gitignore:\n{status}"


def test_the_examples_own_files_are_found_and_copied_among_the_outputs(
    used_checkout: Path, tmp_path: Path
) -> None:
    examples = used_checkout / "examples"
    assert [p.name for p in example_inputs(examples)] == [p.name for p in example_inputs()]
    assert [p.name for p in example_drafts(examples)] == [p.name for p in example_drafts()]
    copies = copy_examples(tmp_path / "copy", examples)
    assert {p.name: p.read_bytes() for p in copies} == {
        p.name: p.read_bytes() for p in example_inputs(EXAMPLES)
    }
    assert sorted(p.name for p in (tmp_path / "copy").iterdir()) == [p.name for p in copies]


def test_the_tests_that_list_examples_pass_beside_the_outputs(used_checkout: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(used_checkout), "PYTHONDONTWRITEBYTECODE": "1"}
    env["DRAFTER_TEST_PROFILE"] = "dev"  # what is listed matters here, not how long a soak runs
    command = [sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider"]
    result = subprocess.run(
        [*command, *LISTING_TESTS],
        cwd=used_checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "skipped" not in result.stdout
