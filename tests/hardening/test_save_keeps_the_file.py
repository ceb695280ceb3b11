"""`review --apply` and saves keep the user's file: the accepted item's line is the only change,
every version written over is kept under a number of its own, and a save that cannot keep the
file's layout says so instead of writing something else."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from badinput import assert_refused
from review_files import rewrite, tracked_replace

from drafter.drafts.file import load_draft
from drafter.drafts.tomledit import LayoutLost
from drafter.pipeline import build_file
from drafter.review.harvest import apply_to_new_version, harvest
from drafter.word import to_docx

PROPOSAL = Path(__file__).parent.parent / "drafts" / "commented-proposal.toml"
FIRST = "poor human rights records"  # in whereas/aws-government-customers, the first recital


def changes(before: str, after: str) -> tuple[list[str], list[str]]:
    old, new = before.splitlines(), after.splitlines()
    removed: list[str] = []
    added: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new).get_opcodes():
        if tag != "equal":
            removed, added = removed + old[i1:i2], added + new[j1:j2]
    return removed, added


def returned(draft: Path, name: str, old: str, new: str, author: str = "Ana Editor") -> Path:
    """The draft built as DOCX, and a reviewer's copy with one tracked change."""
    built = draft.with_name(f"{draft.stem}.docx")
    built.write_bytes(to_docx(build_file(draft).document))
    return rewrite(built, draft.with_name(name), lambda xml: tracked_replace(xml, old, new, author))


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "proposal.toml"
    path.write_bytes(PROPOSAL.read_bytes())
    return path


def test_review_apply_over_the_draft_changes_only_the_accepted_items_line(draft, run_cli) -> None:  # type: ignore[no-untyped-def]
    original = draft.read_text(encoding="utf-8")
    ana = returned(draft, "ana.docx", FIRST, "documented human rights abuses")
    result = run_cli("review", draft, ana, "--apply", "-o", draft)
    assert result.code == 0, result.err
    removed, added = changes(original, draft.read_text(encoding="utf-8"))
    assert removed == ['  "whereas/aws-government-customers",']
    (line,) = added
    assert line.startswith('  { text = "') and "documented human rights abuses" in line
    assert line.endswith(', from = "whereas/aws-government-customers" },')
    assert draft.with_name("proposal.before-review.1.toml").read_text(encoding="utf-8") == original


def test_each_review_round_keeps_the_version_it_wrote_over_under_a_new_number(
    draft, run_cli
) -> None:  # type: ignore[no-untyped-def]
    first = draft.read_bytes()
    ana = returned(draft, "ana.docx", FIRST, "documented human rights abuses")
    assert run_cli("review", draft, ana, "--apply", "-o", draft).code == 0
    second = draft.read_bytes()
    ben = returned(draft, "ben.docx", "reputational damage", "harm", "Ben Checker")
    assert run_cli("review", draft, ben, "--apply", "-o", draft).code == 0
    kept = sorted(p.name for p in draft.parent.glob("proposal.before-review*"))
    assert kept == ["proposal.before-review.1.toml", "proposal.before-review.2.toml"]
    assert draft.with_name("proposal.before-review.1.toml").read_bytes() == first
    assert draft.with_name("proposal.before-review.2.toml").read_bytes() == second
    assert "harm" in draft.read_text(encoding="utf-8") and "# The standard." in draft.read_text(
        encoding="utf-8"
    )


def test_a_reviewed_version_written_over_is_kept_and_an_unchanged_one_is_not_copied(
    draft, run_cli
) -> None:  # type: ignore[no-untyped-def]
    original = draft.read_bytes()
    ana = returned(draft, "ana.docx", FIRST, "documented human rights abuses")
    ben = returned(draft, "ben.docx", FIRST, "grave human rights records", "Ben Checker")
    reviewed = draft.with_name("proposal.reviewed.toml")
    assert run_cli("review", draft, ana, "--apply").code == 0
    by_ana = reviewed.read_bytes()
    assert run_cli("review", draft, ana, "--apply").code == 0  # the same again: no copy
    assert not list(draft.parent.glob("proposal.reviewed.before-review*"))
    assert run_cli("review", draft, ben, "--apply").code == 0
    assert draft.with_name("proposal.reviewed.before-review.1.toml").read_bytes() == by_ana
    assert b"grave human rights records" in reviewed.read_bytes()
    assert draft.read_bytes() == original  # the draft itself is never touched
    assert b"# the heart of it" in reviewed.read_bytes()  # the draft's comments carried over


def test_version_numbers_go_past_the_highest_kept_and_never_reuse_one(draft, run_cli) -> None:  # type: ignore[no-untyped-def]
    for number, text in ((1, "one"), (3, "three")):
        draft.with_name(f"proposal.before-review.{number}.toml").write_text(text, "utf-8")
    ana = returned(draft, "ana.docx", FIRST, "documented human rights abuses")
    assert run_cli("review", draft, ana, "--apply", "-o", draft).code == 0
    assert draft.with_name("proposal.before-review.1.toml").read_text("utf-8") == "one"
    assert draft.with_name("proposal.before-review.3.toml").read_text("utf-8") == "three"
    assert draft.with_name("proposal.before-review.4.toml").read_bytes() == PROPOSAL.read_bytes()


def test_a_review_whose_edit_cannot_keep_the_layout_is_refused_and_writes_nothing(
    draft, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    ana = returned(draft, "ana.docx", FIRST, "documented human rights abuses")

    def lost(text: str, old: object, new: object) -> str:
        raise LayoutLost("did not give the draft saved", draft, None, "save it in the editor")

    monkeypatch.setattr("drafter.drafts.save.edit_draft_text", lost)
    before = draft.read_bytes()
    result = run_cli("review", draft, ana, "--apply", "-o", draft)
    assert_refused(result, draft, says="did not give the draft saved")
    assert draft.read_bytes() == before
    assert not list(draft.parent.glob("*.before-review*"))


def test_a_draft_broken_between_reading_the_review_and_applying_it_is_left_alone(draft) -> None:  # type: ignore[no-untyped-def]
    ana = returned(draft, "ana.docx", FIRST, "documented human rights abuses")
    result = harvest(draft, [ana])
    broken = b"title = [half a save\n"
    draft.write_bytes(broken)  # another program saved over it meanwhile
    with pytest.raises(LayoutLost) as error:
        apply_to_new_version(result, [], draft)
    assert error.value.one_line().startswith(f"{draft}:1: the file is no longer a draft")
    assert draft.read_bytes() == broken
    assert not list(draft.parent.glob("*.before-review*"))


def test_a_utf16_crlf_draft_is_reviewed_back_in_utf16_with_crlf(draft, run_cli) -> None:  # type: ignore[no-untyped-def]
    text = PROPOSAL.read_text(encoding="utf-8")
    ana = returned(draft, "ana.docx", FIRST, "documented human rights abuses")
    draft.write_bytes(text.replace("\n", "\r\n").encode("utf-16"))
    assert run_cli("review", draft, ana, "--apply", "-o", draft).code == 0
    data = draft.read_bytes()
    assert data.startswith(b"\xff\xfe")
    saved = data.decode("utf-16")
    assert saved.count("\r\n") == saved.count("\n")
    removed, added = changes(text, saved.replace("\r\n", "\n"))
    assert removed == ['  "whereas/aws-government-customers",'] and len(added) == 1
    assert load_draft(draft).sections["whereas"][0].edited_from == (
        "whereas/aws-government-customers"
    )
