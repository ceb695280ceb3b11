"""Fixtures for the Word layer: the example built to DOCX once per session, and its IR."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import EXAMPLE

from drafter.pipeline import BuildResult, build_file
from drafter.word import to_docx


@pytest.fixture(scope="session")
def example_result() -> BuildResult:
    """The example proposal, built (IR, notes, counts)."""
    return build_file(EXAMPLE)


@pytest.fixture(scope="session")
def example_docx(example_result: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example proposal written as DOCX, in a session temp folder."""
    path = tmp_path_factory.mktemp("example") / "example.docx"
    path.write_bytes(to_docx(example_result.document))
    return path
