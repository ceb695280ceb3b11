"""Writing outputs: DOCX is the default, writes are atomic, and a file open in a word processor
is not overwritten without --force."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import draft_text

from drafter.word import read_docx


def test_build_writes_docx_beside_the_draft_by_default(lib, run_cli) -> None:
    draft = lib.draft(draft_text())
    result = run_cli("build", draft, "--library", lib.root)
    assert result.code == 0, result.err
    out = draft.with_suffix(".docx")
    contents = read_docx(out)
    assert contents.paragraphs[1].text == "Whereas: Amazon hosts a database."
    assert contents.notes[0].text.startswith("Human Rights Watch")
    assert "wrote" in result.err and "1 notes" in result.err


@pytest.mark.parametrize("lock", [".~lock.x.docx#", "~$x.docx"])
def test_a_file_open_in_a_word_processor_is_left_alone(
    lib, run_cli, tmp_path: Path, lock: str
) -> None:
    out = tmp_path / "x.docx"
    out.write_bytes(b"the editor's copy")
    (tmp_path / lock).write_text("user", encoding="utf-8")
    result = run_cli("build", lib.draft(draft_text()), "-o", out, "--library", lib.root)
    assert result.code == 2
    assert result.err.count("\n") == 1 and lock in result.err and "--force" in result.err
    assert out.read_bytes() == b"the editor's copy"


def test_force_writes_over_a_locked_file(lib, run_cli, tmp_path: Path) -> None:
    out = tmp_path / "x.docx"
    draft = lib.draft(draft_text())
    assert run_cli("build", draft, "-o", out, "--library", lib.root).code == 0  # drafter's output
    earlier = out.stat().st_ino
    (tmp_path / ".~lock.x.docx#").write_text("user", encoding="utf-8")
    result = run_cli("build", draft, "-o", out, "--library", lib.root, "--force")
    assert result.code == 0, result.err
    assert out.stat().st_ino != earlier  # replaced, by the rename of a new file
    assert read_docx(out).notes


def test_a_bad_reference_document_leaves_the_previous_output(lib, run_cli, tmp_path: Path) -> None:
    out = tmp_path / "x.docx"
    out.write_bytes(b"previous")
    bad = tmp_path / "letterhead.docx"
    bad.write_text("not a document", encoding="utf-8")
    result = run_cli(
        "build", lib.draft(draft_text()), "-o", out, "--library", lib.root, "--reference-doc", bad
    )
    assert result.code == 2
    assert result.err.startswith(f"{bad}:1: not a Word document")
    assert out.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letterhead.docx", "lib", "x.docx"]


def test_reference_document_with_text_output_is_a_usage_error(lib, run_cli, tmp_path: Path) -> None:
    out = tmp_path / "x.md"
    result = run_cli(
        "build", lib.draft(draft_text()), "-o", out, "--library", lib.root,
        "--reference-doc", tmp_path / "any.docx",
    )  # fmt: skip
    assert result.code == 2 and "DOCX output only" in result.err
    assert not out.exists()


def test_the_output_suffix_chooses_the_format(lib, run_cli, tmp_path: Path) -> None:
    draft = lib.draft(draft_text())
    for name, probe in (("a.md", "[^1]"), ("a.txt", "Notes\n-----"), ("a.docx", None)):
        assert run_cli("build", draft, "-o", tmp_path / name, "--library", lib.root).code == 0
        if probe:
            assert probe in (tmp_path / name).read_text(encoding="utf-8")
        else:
            assert (tmp_path / name).read_bytes()[:2] == b"PK"
