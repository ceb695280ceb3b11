"""Fixtures for the bad-input suite."""

from __future__ import annotations

from pathlib import Path

import pytest
from badinput import Workspace


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    """A scratch library with two clauses and a source, beside a folder for drafts."""
    return Workspace(tmp_path)
