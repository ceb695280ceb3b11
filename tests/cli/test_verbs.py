"""The command line: each bad input gives one line `file:line: problem — fix` and exit 2, with
nothing written; checks exit 1; success exits 0."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import draft_text


def assert_one_line_error(result, path: Path, line: int, *words: str) -> None:
    assert result.code == 2, result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith(f"{path}:{line}: "), lines[0]
    assert "Traceback" not in result.err
    for word in words:
        assert word in lines[0]


def test_good_draft_builds_markdown(lib, run_cli, tmp_path: Path) -> None:
    draft = lib.draft(draft_text())
    out = tmp_path / "x.md"
    result = run_cli("build", draft, "-o", out, "--library", lib.root)
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    assert "**Whereas:** Amazon hosts a database.[^1]" in text
    assert "[^1]: Human Rights Watch" in text


def test_misspelled_variable_is_one_line_with_draft_line(lib, run_cli, tmp_path: Path) -> None:
    draft = lib.draft(draft_text(vars='compnay = "Amazon"'))
    out = tmp_path / "x.md"
    result = run_cli("build", draft, "-o", out, "--library", lib.root)
    assert_one_line_error(result, draft, 7, "compnay", "company")
    assert not out.exists()


def test_misspelled_variable_in_a_clause_names_the_clause_line(lib, run_cli) -> None:
    path = lib.clause(
        "whereas/typo",
        "Line one.\n\nThe {{ compnay }} case.",
        front="""
    [variables.company]
    description = "Company"
    """,
    )
    draft = lib.draft(draft_text(whereas='"whereas/typo"'))
    result = run_cli("check", draft, "--library", lib.root)
    assert_one_line_error(result, path, 10, "compnay", "company")


def test_unknown_citation_key_names_the_marker_line(lib, run_cli) -> None:
    path = lib.clause("whereas/k", "Text.\n\nA claim [@hrw-2012].")
    draft = lib.draft(draft_text(whereas='"whereas/k"'))
    result = run_cli("check", draft, "--library", lib.root)
    assert_one_line_error(result, path, 7, "hrw-2012", "hrw-2021")


def test_malformed_toml_names_its_line(lib, run_cli) -> None:
    draft = lib.draft(draft_text().replace('title = "Report"', 'title = "Report'))
    result = run_cli("check", draft, "--library", lib.root)
    assert_one_line_error(result, draft, 3, "malformed TOML")


def test_broken_front_matter_names_the_clause_line(lib, run_cli) -> None:
    bad = lib.root / "clauses" / "whereas" / "broken.md"
    bad.write_text('+++\nkind = "whereas"\ntags = ["a", \n+++\nText.\n', encoding="utf-8")
    draft = lib.draft(draft_text())
    result = run_cli("check", draft, "--library", lib.root)
    assert result.code == 2
    assert result.err.startswith(f"{bad}:")
    assert len(result.err.strip().splitlines()) == 1


def test_unknown_style_suggests_close_names_at_the_style_line(lib, run_cli) -> None:
    draft = lib.draft(draft_text(style='"chicago-fullnote-bibliography"'))
    result = run_cli("check", draft, "--library", lib.root)
    assert_one_line_error(
        result, draft, 4, "chicago-fullnote-bibliography", "chicago-notes-bibliography"
    )


def test_unknown_clause_suggests_a_close_id(lib, run_cli) -> None:
    draft = lib.draft(draft_text(whereas='"whereas/aa"'))
    result = run_cli("check", draft, "--library", lib.root)
    assert_one_line_error(result, draft, 11, "whereas/aa", "whereas/a")


def test_failed_build_leaves_the_previous_output(lib, run_cli, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "x.md"
    out.write_text("previous", encoding="utf-8")
    draft = lib.draft(draft_text(style='"no-such-style"'))
    result = run_cli("build", draft, "-o", out, "--library", lib.root)
    assert result.code == 2
    assert out.read_text(encoding="utf-8") == "previous"
    assert list(out.parent.iterdir()) == [out]


def test_debug_shows_the_traceback(lib, run_cli) -> None:
    draft = lib.draft(draft_text(style='"no-such-style"'))
    with pytest.raises(Exception, match="no-such-style"):
        run_cli("check", draft, "--library", lib.root, "--debug")


def test_check_json_reports_counts_and_issues(lib, run_cli) -> None:
    draft = lib.draft(draft_text())
    result = run_cli("check", draft, "--library", lib.root, "--json")
    data = json.loads(result.out)
    assert result.code == 0 and data["ok"] is True
    assert data["words"]["parts"]["title"] == 1
    assert data["notes"] == 1


def test_new_writes_a_starter_that_checks_and_never_overwrites(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    assert run_cli("new", "proposal", path).code == 0
    assert run_cli("check", path).code == 0
    path.write_text("# my edits\n", encoding="utf-8")
    result = run_cli("new", "proposal", path)
    assert result.code == 2 and "exists" in result.err
    assert path.read_text(encoding="utf-8") == "# my edits\n"


def test_new_letter_starter_builds(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "letter.toml"
    assert run_cli("new", "letter", path).code == 0
    result = run_cli("build", path, "--format", "txt")
    assert result.code == 0, result.err
    assert path.with_suffix(".txt").read_text(encoding="utf-8").strip()


def test_list_clauses_filters_by_tag_as_json(lib, run_cli) -> None:
    result = run_cli("list", "clauses", "--tag", "hart", "--json")
    rows = json.loads(result.out)
    assert rows and all("hart" in r["tags"] for r in rows)


def test_list_styles_includes_library_and_catalogue(run_cli) -> None:
    result = run_cli("list", "styles", "--search", "chicago-notes", "--json")
    names = [r["name"] for r in json.loads(result.out)]
    assert "chicago-notes-bibliography" in names
    result = run_cli("list", "styles", "--json")
    assert "proposal-urls" in [r["name"] for r in json.loads(result.out)]


def test_list_templates_names_both(run_cli) -> None:
    result = run_cli("list", "templates")
    assert result.code == 0 and "proposal" in result.out and "letter" in result.out


def test_a_scripted_build_loads_neither_rich_nor_jinja(tmp_path: Path) -> None:
    """Startup is most of a single build: outside a terminal, `build` prints plain lines, and
    placeholder-only clauses are filled without the template engine."""
    import subprocess
    import sys

    from support import EXAMPLE

    code = (
        "import sys; from drafter.cli import main; "
        f"code = main(['build', {str(EXAMPLE)!r}, '-o', {str(tmp_path / 'x.docx')!r}]); "
        "print(code, 'rich' in sys.modules, 'jinja2' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "False", "False"]
    assert out.stderr.startswith(f"wrote {tmp_path / 'x.docx'} — 464 words")
