"""Helpers shared by test modules: repository paths and external tools."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "amazon-customer-due-diligence.toml"


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
