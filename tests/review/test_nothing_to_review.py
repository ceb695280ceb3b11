"""`drafter review` when there is nothing to review: an untouched file says so, a file of another
draft (or of no draft) is refused in one line, and --apply with nothing to apply writes nothing."""

from __future__ import annotations

import re
import shutil
from functools import partial
from pathlib import Path

import docx
from review_files import rewrite, tracked_replace
from support import EXAMPLES

from drafter.pipeline import build_file
from drafter.word import to_docx

OLD = "poor human rights records"


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_an_untouched_file_says_it_has_no_comments_or_changes(run_cli, setup) -> None:
    draft, built = setup
    result = run_cli("review", draft, built, "--format", "md")
    assert result.code == 0, result.err
    assert f"- `{built}`: no comments or tracked changes" in result.out
    piped = run_cli("review", draft, built)  # stdout holds the edits' records: none
    assert piped.out == "" and piped.err.strip() == f"{built}: no comments or tracked changes"


def test_apply_with_nothing_to_apply_writes_nothing_and_says_so(run_cli, setup) -> None:
    draft, built = setup
    before = files_in(draft.parent)
    result = run_cli("review", draft, built, "--apply")
    assert result.code == 0, result.err
    assert "nothing to apply" in result.err and "wrote nothing" in result.err
    assert files_in(draft.parent) == before  # no proposal.reviewed.toml


def test_apply_of_a_reviewer_who_changed_nothing_writes_nothing(run_cli, setup) -> None:
    draft, built = setup
    ana = rewrite(
        built, draft.with_name("ana.docx"), lambda x: tracked_replace(x, OLD, "weak", "Ana")
    )
    before = files_in(draft.parent)
    result = run_cli("review", draft, ana, "--apply", "--reviewer", "Ben")
    assert result.code == 0 and "the chosen reviewers change no text" in result.err, result.err
    assert files_in(draft.parent) == before
    applied = run_cli("review", draft, ana, "--apply", "--reviewer", "Ana")
    assert applied.code == 0 and "wrote" in applied.err, applied.err
    assert "proposal.reviewed.toml" in files_in(draft.parent)


def test_a_file_built_from_another_draft_is_refused_in_one_line(run_cli, setup) -> None:
    draft, _ = setup
    other = draft.with_name("letter.toml")
    other.write_text((EXAMPLES / "aws-hart-coalition-letter.toml").read_text("utf-8"), "utf-8")
    for signers in EXAMPLES.glob("aws-hart-*.csv"):  # the letter's signatory list beside it
        shutil.copy(signers, draft.parent / signers.name)
    theirs = draft.with_name("theirs.docx")
    theirs.write_bytes(to_docx(build_file(other).document))
    result = run_cli("review", draft, theirs, "--apply")
    assert result.code == 2 and result.out == ""
    assert result.err.strip() == (
        f"{theirs}:1: built from 'letter.toml', not 'proposal.toml' — "
        "review it with the draft it was built from"
    )
    assert "proposal.reviewed.toml" not in files_in(draft.parent)


def test_a_late_reviewers_file_is_reviewed_against_the_reviewed_version(run_cli, setup) -> None:
    """Round two: Ana's edits are applied; Ben's file, built from the original, comes back."""
    draft, built = setup
    edit = partial(tracked_replace, old=OLD, new="weak", author="Ana")
    ana = rewrite(built, draft.with_name("ana.docx"), edit)
    ben_edit = partial(tracked_replace, old="Amazon Web Services", new="AWS", author="Ben")
    ben = rewrite(built, draft.with_name("ben.docx"), ben_edit)
    assert run_cli("review", draft, ana, "--apply").code == 0
    reviewed = draft.with_name("proposal.reviewed.toml")
    result = run_cli("review", reviewed, ben, "--apply", "-o", draft.with_name("round2.toml"))
    assert result.code == 0, result.err
    assert f"{ben}: older — built from 'proposal.toml', which holds this draft's text" in result.err
    text = draft.with_name("round2.toml").read_text(encoding="utf-8")
    assert "weak" in text and "AWS" in text


def test_a_word_file_of_no_draft_is_refused_in_one_line(run_cli, setup) -> None:
    draft, _ = setup
    plain = draft.with_name("plain.docx")
    document = docx.Document()
    document.add_paragraph("Minutes of the meeting.")
    document.save(str(plain))
    result = run_cli("review", draft, plain)
    assert result.code == 2 and result.out == ""
    assert result.err.startswith(f"{plain}:1: not built from 'proposal.toml': ")
    assert len(result.err.splitlines()) == 1


def test_a_file_stripped_of_drafters_properties_is_matched_by_its_text(run_cli, setup) -> None:
    draft, built = setup
    edited = rewrite(
        built, draft.with_name("ana.docx"), lambda x: tracked_replace(x, OLD, "weak", "Ana")
    )

    def strip(xml: str) -> str:
        return re.sub(r"<property .*?</property>", "", xml, flags=re.S)

    stripped = rewrite(edited, draft.with_name("stripped.docx"), strip, part="docProps/custom.xml")
    result = run_cli("review", draft, stripped)
    assert result.code == 0, result.err
    assert f"{stripped}: unmarked — no drafter properties" in result.err
    records = [line.split("\t") for line in result.out.splitlines()]
    assert all(len(r) == 6 for r in records)  # piped, stdout is records only
    assert {(r[2], r[3]) for r in records} >= {("Ana", "insertion"), ("Ana", "deletion")}
