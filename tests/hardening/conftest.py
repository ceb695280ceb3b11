"""Fixtures for the bad-input suite."""

from __future__ import annotations

from pathlib import Path

import pytest
from badinput import Workspace


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    """A scratch library with two clauses and a source, beside a folder for drafts."""
    return Workspace(tmp_path)


@pytest.fixture
def run_cli(run_cli):  # type: ignore[no-untyped-def]
    """The CLI run in-process, failing the test on any line that reports a bug in drafter:
    every output of the bad-input suite is scanned, whatever the test itself checks."""
    from drafter.cli import BUG_MARK

    def run(*args):  # type: ignore[no-untyped-def]
        result = run_cli(*args)
        for marker in ("internal error", BUG_MARK):
            assert marker not in result.err, f"drafter {' '.join(map(str, args))}: {result.err}"
        return result

    return run
