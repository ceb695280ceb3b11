"""Shared fixtures: a scratch library, draft files, and running the CLI in-process."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import EXAMPLE, REPO, need_tool  # noqa: F401  (fixtures' helpers)


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., CliResult]:
    """Run `drafter ARGS` in-process; DRAFTER_LIBRARY is cleared so only the given roots count."""
    monkeypatch.delenv("DRAFTER_LIBRARY", raising=False)

    from drafter.cli import main

    def run(*args: str | Path) -> CliResult:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


class Scratch:
    """A temporary library root and draft folder for one test."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "clauses").mkdir()
        (root / "citations").mkdir()

    def clause(
        self, clause_id: str, body: str, *, kind: str | None = None, front: str = ""
    ) -> Path:
        kind = kind or clause_id.split("/")[0]
        path = self.root / "clauses" / f"{clause_id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        head = f'kind = "{kind}"\ntitle = "{clause_id}"\n' + textwrap.dedent(front)
        path.write_text(f"+++\n{head}+++\n{textwrap.dedent(body).strip()}\n", encoding="utf-8")
        return path

    def citations(self, name: str, text: str) -> Path:
        path = self.root / "citations" / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def draft(self, text: str, name: str = "draft.toml") -> Path:
        path = self.root / name
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return path


@pytest.fixture
def scratch(tmp_path: Path) -> Scratch:
    root = tmp_path / "lib"
    root.mkdir()
    return Scratch(root)


CLI_SOURCES = """
[
  {"id": "hrw-2021", "type": "webpage", "title": "Mass Surveillance Fuels Oppression",
   "author": [{"literal": "Human Rights Watch"}], "issued": {"date-parts": [[2021, 11, 24]]},
   "URL": "https://www.hrw.org/news/2021/11/24/mass-surveillance"}
]
"""


@pytest.fixture
def lib(scratch: Scratch) -> Scratch:
    """A scratch library with one source, a Whereas clause using {{ company }}, a Resolved clause."""
    scratch.citations("refs.json", CLI_SOURCES)
    scratch.clause(
        "whereas/a",
        "{{ company }} hosts a database [@hrw-2021].",
        front="""
        [variables.company]
        description = "Company"
        """,
    )
    scratch.clause("resolved/r", "Shareholders request that the Board issue a report.")
    return scratch
