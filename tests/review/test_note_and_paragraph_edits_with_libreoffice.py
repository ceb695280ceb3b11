"""Two reviewers edit our DOCX in LibreOffice with change tracking on: one inside footnotes, one
adding a paragraph and typing template and markup characters. Every edit is in every report, on
the item it belongs to, and `--apply` keeps them all: a note's addition as the citation's suffix
(or a one-line refusal naming the note), the new paragraph as a new inline item after the one it
follows, and the typed characters exactly as typed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from editors import Edit, review_as
from support import EXAMPLE

from drafter.drafts.file import load_draft
from drafter.model import NoteRef
from drafter.pipeline import build_file
from drafter.review.harvest import apply_to_new_version, as_json, as_markdown, harvest
from drafter.word import to_docx

ANA, BEN = "Ana Editor", "Ben Checker"
ARCHIVED = " (archived copy)"
ADDED = "Amazon has not said how it will respond."
HOSTILE = " (Its {{ company }} board {# sic, **not** [@ring-police] \\ *told*)"
LAST_RECITAL = "linked to abuses"
NEW_NOTE = "See the 2021 UN report."


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    folder = tmp_path_factory.mktemp("notes")
    draft = folder / "proposal.toml"
    draft.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    built = folder / "proposal.docx"
    built.write_bytes(to_docx(build_file(draft).document))
    notes = build_file(draft).document.notes
    ibid = next(n.number for n in notes if n.text == "Ibid.")
    ana = review_as(
        built,
        folder / "ana.docx",
        ANA,
        edits=[
            Edit("", ARCHIVED, after="Ibid.", note=ibid),  # an addition: a suffix
            Edit("richardnieva", "rnieva", note=ibid + 1),
        ],  # the source's words
        tmp=folder,
    )
    ben = review_as(
        built,
        folder / "ben.docx",
        BEN,
        edits=[
            Edit("", ADDED, after=LAST_RECITAL, paragraph=True),
            Edit("", HOSTILE, after="emergency exception"),
            Edit("", NEW_NOTE, after="Business and Human Rights", footnote=True),
        ],
        tmp=folder,
    )
    return draft, ana, ben


def _ibid(draft: Path) -> int:
    return next(n.number for n in build_file(draft).document.notes if n.text == "Ibid.")


def _citing(draft: Path, number: int) -> str:
    """`whereas N`: the item whose text holds note `number`'s reference."""
    for block in build_file(draft).document.blocks:
        if any(isinstance(i, NoteRef) and i.number == number for i in block.inlines):
            assert block.origin is not None
            return f"{block.origin.section} {block.origin.index + 1}"
    raise AssertionError(f"no block cites note {number}")


def test_a_note_edit_is_reported_on_the_item_citing_it_with_the_notes_text(edited) -> None:  # type: ignore[no-untyped-def]
    draft, ana, ben = edited
    result = harvest(draft, [ana, ben])
    ibid = _ibid(draft)
    by_label = {item.label.split(":")[0]: item for item in result.review.items}
    holder = by_label[_citing(draft, ibid)]
    assert [(e.reviewer, e.kind, e.text, e.where) for e in holder.edits] == [
        (ANA, "insertion", ARCHIVED, f"note {ibid}")
    ]
    (note,) = holder.notes
    assert (note.number, note.original, note.accepted) == (ibid, "Ibid.", {ANA: "Ibid." + ARCHIVED})
    assert not note.refused and not holder.accepted  # the item's own text is unchanged
    assert not result.review.unplaced
    data = json.loads(as_json(result))
    item = next(i for i in data["items"] if i["label"] == holder.label)
    assert item["notes"][0]["accepted"] == {ANA: "Ibid." + ARCHIVED}
    key = note.citations[ANA][0].key
    assert item["notes"][0]["applied_as"] == {ANA: f"[@{key} {ARCHIVED.strip()}]"}
    assert item["edits"][0]["where"] == f"note {ibid}"
    assert f"note {ibid} ({ANA}): “Ibid.” → “Ibid.{ARCHIVED}”" in as_markdown(result)


def test_a_new_paragraph_is_reported_after_the_item_it_follows(edited) -> None:  # type: ignore[no-untyped-def]
    draft, ana, ben = edited
    result = harvest(draft, [ana, ben])
    count = len(load_draft(draft).sections["whereas"])
    last = next(i for i in result.review.items if i.label.startswith(f"whereas {count}:"))
    where = f"new paragraph after whereas {count}"
    assert [(e.reviewer, e.text, e.where) for e in last.edits] == [(BEN, ADDED, where)]
    assert last.added == ((BEN, ADDED),) and not last.accepted
    assert f"{where}: “{ADDED}”" in as_markdown(result)
    assert "Not in a draft item" not in as_markdown(result)


def test_the_cli_table_shows_both_edits_under_their_items(run_cli, edited, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    draft, ana, ben = edited
    monkeypatch.setenv("COLUMNS", "400")
    result = run_cli("review", draft, ana, ben)
    assert result.code == 0
    assert ARCHIVED.strip() in result.out and ADDED in result.out
    assert "outside the draft's items" not in result.out


def test_apply_keeps_the_note_edit_the_new_paragraph_and_the_typed_text(edited, tmp_path) -> None:  # type: ignore[no-untyped-def]
    draft, ana, ben = edited
    result = harvest(draft, [ana, ben])
    out, _ = apply_to_new_version(result, [], tmp_path / "v2.toml")
    before, after = build_file(draft).document, build_file(out).document
    ibid = _ibid(draft)
    assert [n.text for n in after.notes] == [
        n.text + (ARCHIVED if n.number == ibid else "") for n in before.notes
    ]
    applied = load_draft(out).sections["whereas"]
    count = len(load_draft(draft).sections["whereas"])
    assert len(applied) == count + 1 and applied[count].clause is None
    texts = [b.text for b in after.blocks if b.origin and b.origin.section == "whereas"]
    assert texts[count] == ADDED  # right after the last recital, as its own recital
    assert any(HOSTILE in t for t in texts)  # braces, stars, brackets, a backslash: as typed


def test_a_change_to_the_sources_own_words_is_refused_in_one_line(
    run_cli, edited, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    draft, ana, _ = edited
    out = tmp_path / "v2.toml"
    result = run_cli("review", draft, ana, "--apply", "-o", out)
    refused = [line for line in result.err.splitlines() if "is not applied" in line]
    number = _ibid(draft) + 1
    assert result.code == 1 and len(refused) == 1
    assert (
        f"note {number} ({_citing(draft, number)}:" in refused[0]
        and "deletes “ichard”" in refused[0]
    )
    notes = [n.text for n in build_file(out).document.notes]
    assert notes[number - 1] == build_file(draft).document.notes[number - 1].text
    assert notes[number - 2] == "Ibid." + ARCHIVED  # the rest is applied


def test_a_new_footnote_is_reported_and_refused_while_its_item_keeps_its_notes(
    run_cli, edited, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    draft, _, ben = edited
    before = build_file(draft).document.notes
    result = harvest(draft, [ben])
    new = len(before) + 1  # a reviewer's note is numbered after the draft's own
    (item,) = [i for i in result.review.items if any(n.number == new for n in i.notes)]
    assert (BEN, NEW_NOTE, f"new note {new}") in {(e.reviewer, e.text, e.where) for e in item.edits}
    out = tmp_path / "v2.toml"
    run = run_cli("review", draft, ben, "--apply", "-o", out)
    refused = [line for line in run.err.splitlines() if "is not applied" in line]
    assert run.code == 1 and len(refused) == 1
    assert f"note {new} ({item.label}): {BEN}'s edit, which adds “{NEW_NOTE}”," in refused[0]
    assert [n.text for n in build_file(out).document.notes] == [n.text for n in before]
