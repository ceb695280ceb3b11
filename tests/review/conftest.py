"""Fixtures of the review tests: the example draft beside the DOCX built from it."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import EXAMPLE

from drafter.pipeline import build_file
from drafter.word import to_docx


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path]:
    """The example draft as `proposal.toml`, and `proposal.docx` built from it, untouched."""
    draft = tmp_path / "proposal.toml"
    draft.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    built = tmp_path / "proposal.docx"
    built.write_bytes(to_docx(build_file(draft).document))
    return draft, built
