"""Two reviewers edit our DOCX in LibreOffice (tracked changes and comments, made through UNO);
`drafter review` reports each edit under its clause and reviewer, pandoc agrees on what changed,
and `--apply` takes the chosen reviewer's text back into the draft."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from editors import Comment, Edit, review_as
from support import EXAMPLE, need_tool

from drafter.pipeline import build_file
from drafter.review.harvest import apply_to_new_version, harvest
from drafter.word import to_docx

ANA, BEN = "Ana Editor", "Ben Checker"


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    folder = tmp_path_factory.mktemp("review")
    draft = folder / "proposal.toml"
    draft.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    built = folder / "proposal.docx"
    built.write_bytes(to_docx(build_file(draft).document))
    ana = review_as(
        built,
        folder / "ana.docx",
        ANA,
        edits=[
            Edit("poor human rights records", "documented human rights abuses"),
            Edit(" and reputational damage", ""),
        ],
        comments=[Comment("Project Nimbus", "Cite the 2023 report here?")],
        tmp=folder,
    )
    ben = review_as(
        built,
        folder / "ben.docx",
        BEN,
        edits=[Edit("poor human rights records", "troubling human rights records")],
        comments=[Comment("Rekognition", "Is the moratorium still in force?")],
        tmp=folder,
    )
    return draft, ana, ben


def test_each_edit_is_reported_under_its_clause_and_reviewer(round_trip) -> None:  # type: ignore[no-untyped-def]
    draft, ana, ben = round_trip
    result = harvest(draft, [ana, ben])
    assert {p.relation for p in result.review.provenance.values()} == {"same"}
    by_label = {item.label: item for item in result.review.items}
    first = by_label["whereas 1: whereas/aws-government-customers"]
    assert first.conflict
    assert {(e.reviewer, e.kind, e.text) for e in first.edits} == {
        (ANA, "deletion", "poor human rights records"),
        (ANA, "insertion", "documented human rights abuses"),
        (BEN, "deletion", "poor human rights records"),
        (BEN, "insertion", "troubling human rights records"),
    }
    fourth = by_label["whereas 4: whereas/weak-due-diligence-material-risk"]
    assert [(e.reviewer, e.kind, e.text) for e in fourth.edits] == [
        (ANA, "deletion", " and reputational damage")
    ]
    comments = {
        (e.reviewer, e.text, e.anchored_text, label)
        for label, item in by_label.items()
        for e in item.edits
        if e.kind == "comment"
    }
    assert (
        ANA,
        "Cite the 2023 report here?",
        "Project Nimbus",
        "whereas 9: whereas/project-nimbus-protest",
    ) in comments
    assert any(
        c[0] == BEN and c[2] == "Rekognition" and c[3].startswith("whereas 5:") for c in comments
    )
    assert {e.attribution for item in result.review.items for e in item.edits} == {"bookmark"}


def _pandoc_changes(docx: Path) -> set[tuple[str, str, str]]:
    pandoc = need_tool("pandoc")
    text = subprocess.run(
        [pandoc, "-f", "docx", "-t", "markdown", "--wrap=none", "--track-changes=all", str(docx)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = set()
    for content, kind, author in re.findall(
        r"\[([^\]]*)\]\{\.(insertion|deletion) author=\"([^\"]+)\"", text
    ):
        found.add((author, kind, " ".join(content.split())))
    for content, author in re.findall(
        r"\[([^\]]*)\]\{\.comment-start id=\"\d+\" author=\"([^\"]+)\"", text
    ):
        found.add((author, "comment", " ".join(content.split())))
    return found


def test_pandoc_reads_the_same_changes_and_comments(round_trip) -> None:  # type: ignore[no-untyped-def]
    draft, ana, ben = round_trip
    ours = {
        (e.reviewer, e.kind, " ".join(e.text.split()))
        for item in harvest(draft, [ana, ben]).review.items
        for e in item.edits
    }
    theirs = _pandoc_changes(ana) | _pandoc_changes(ben)
    assert ours == theirs


def test_apply_takes_the_chosen_reviewers_text_exactly(round_trip, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    draft, ana, ben = round_trip
    result = harvest(draft, [ana, ben])
    out, changed = apply_to_new_version(result, [ANA], tmp_path / "v2.toml")
    assert changed == ["whereas 1", "whereas 4"]
    rebuilt = build_file(out)
    texts = [b.text for b in rebuilt.document.blocks]
    assert any("documented human rights abuses, creating" in t for t in texts)
    assert not any("reputational damage" in t for t in texts)
    assert [n.text for n in rebuilt.document.notes] == [
        n.text for n in build_file(draft).document.notes
    ]


def test_a_file_from_before_the_apply_is_an_earlier_version(round_trip, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    draft, ana, ben = round_trip
    copy = tmp_path / draft.name
    copy.write_text(draft.read_text(encoding="utf-8"), encoding="utf-8")
    apply_to_new_version(harvest(copy, [ana, ben]), [BEN], copy)  # over the draft itself
    assert (tmp_path / "proposal.before-review.1.toml").is_file()
    again = harvest(copy, [ana])
    assert [p.relation for p in again.review.provenance.values()] == ["older"]


def test_merged_comments_carry_every_reviewers_remarks_on_their_words(
    round_trip, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from drafter.review.harvest import merge_comments
    from drafter.word.review import read_returned

    draft, ana, ben = round_trip
    out = tmp_path / "next-round.docx"
    count, placed = merge_comments(harvest(draft, [ana, ben]), out)
    assert (count, placed) == (2, 2)
    merged = read_returned(out)
    found = {
        (r.author, r.text, r.anchored_text, merged.passages[r.passage].anchor)
        for r in merged.remarks
    }
    assert found == {
        (ANA, "Cite the 2023 report here?", "Project Nimbus", "whereas_09_project_nimbus_protest"),
        (
            BEN,
            "Is the moratorium still in force?",
            "Rekognition",
            "whereas_05_rekognition_moratorium",
        ),
    }
    assert not merged.changes  # the new round starts from clean text
    assert {c for c in _pandoc_changes(out) if c[1] == "comment"} == {
        (ANA, "comment", "Cite the 2023 report here?"),
        (BEN, "comment", "Is the moratorium still in force?"),
    }
