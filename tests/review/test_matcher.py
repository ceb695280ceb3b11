"""Review: returned files matched to the draft, edits placed per item and reviewer, conflicts,
and accepted text taken back into a new draft version."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import docx
import pytest
from review_files import rewrite, tracked_note_addition, tracked_replace, without_bookmarks
from support import EXAMPLE

from drafter.drafts.file import load_draft
from drafter.errors import DrafterError
from drafter.pipeline import build_file
from drafter.review.harvest import apply_to_new_version, harvest
from drafter.review.matcher import ReviewConflict, identify
from drafter.word import to_docx
from drafter.word.review import read_returned

OLD = "poor human rights records"


def returned(
    built: Path, out: Path, *edits: tuple[str, str, str], drop_bookmarks: bool = False
) -> Path:
    def edit(xml: str) -> str:
        for old, new, author in edits:
            xml = tracked_replace(xml, old, new, author)
        return without_bookmarks(xml) if drop_bookmarks else xml

    return rewrite(built, out, edit)


def test_a_tracked_change_is_read_with_author_and_placed_by_bookmark(setup, tmp_path: Path) -> None:
    draft, built = setup
    file = returned(
        built, tmp_path / "ana.docx", (OLD, "documented human rights abuses", "Ana Editor")
    )
    result = harvest(draft, [file])
    assert result.review.provenance[str(file)].relation == "same"
    (item,) = result.review.items
    assert item.label == "whereas 1: whereas/aws-government-customers"
    kinds = [(e.reviewer, e.kind, e.text, e.attribution) for e in item.edits]
    assert kinds == [
        ("Ana Editor", "deletion", OLD, "bookmark"),
        ("Ana Editor", "insertion", "documented human rights abuses", "bookmark"),
    ]
    assert "documented human rights abuses" in item.accepted["Ana Editor"]
    assert OLD in item.original and not item.conflict


def test_without_bookmarks_edits_are_placed_by_text(setup, tmp_path: Path) -> None:
    draft, built = setup
    file = returned(built, tmp_path / "ana.docx", (OLD, "grave", "Ana Editor"), drop_bookmarks=True)
    (item,) = harvest(draft, [file]).review.items
    assert item.position.section == "whereas" and item.position.index == 0
    assert {e.attribution for e in item.edits} == {"text match"}


def test_two_reviewers_changing_one_item_differently_conflict(setup, tmp_path: Path) -> None:
    draft, built = setup
    ana = returned(
        built, tmp_path / "ana.docx", (OLD, "documented human rights abuses", "Ana Editor")
    )
    ben = returned(
        built, tmp_path / "ben.docx", (OLD, "troubling human rights records", "Ben Checker")
    )
    result = harvest(draft, [ana, ben])
    (item,) = result.review.items
    assert item.conflict and set(item.accepted) == {"Ana Editor", "Ben Checker"}
    with pytest.raises(ReviewConflict, match="Ana Editor and Ben Checker"):
        apply_to_new_version(result, [], None)


def test_apply_writes_a_new_version_whose_build_holds_exactly_the_accepted_text(
    setup, tmp_path: Path
) -> None:
    draft, built = setup
    ana = returned(
        built,
        tmp_path / "ana.docx",
        (OLD, "documented human rights abuses", "Ana Editor"),
        ("reputational damage", "", "Ana Editor"),
    )
    ben = returned(
        built, tmp_path / "ben.docx", (OLD, "troubling human rights records", "Ben Checker")
    )
    result = harvest(draft, [ana, ben])
    out, changed = apply_to_new_version(result, ["Ana Editor"], None)
    assert out == draft.with_name("proposal.reviewed.toml") and changed == [
        "whereas 1",
        "whereas 4",
    ]
    assert draft.read_text(encoding="utf-8") == EXAMPLE.read_text(encoding="utf-8")  # untouched
    rebuilt = build_file(out)
    for item in result.review.items:
        text = item.accepted["Ana Editor"]
        origin = item.position
        block = next(
            b
            for b in rebuilt.document.blocks
            if b.origin and (b.origin.section, b.origin.index) == (origin.section, origin.index)
        )
        printed = "".join(
            getattr(i, "text", "") if hasattr(i, "text") else f"\ue000{i.number}\ue001"
            for i in block.inlines
        )
        assert printed == text
    notes_before = [n.text for n in build_file(draft).document.notes]
    assert [n.text for n in rebuilt.document.notes] == notes_before  # citations kept


def test_applying_over_the_draft_keeps_the_previous_version(setup, tmp_path: Path) -> None:
    draft, built = setup
    ana = returned(built, tmp_path / "ana.docx", (OLD, "grave", "Ana Editor"))
    out, _ = apply_to_new_version(harvest(draft, [ana]), [], draft)
    assert out == draft
    assert draft.with_name("proposal.before-review.1.toml").read_text(
        encoding="utf-8"
    ) == EXAMPLE.read_text(encoding="utf-8")
    assert "grave" in draft.read_text(encoding="utf-8")


def test_comments_are_read_with_the_text_they_mark(setup, tmp_path: Path) -> None:
    draft, built = setup
    document = docx.Document(str(built))
    paragraph = next(p for p in document.paragraphs if "Project Nimbus" in p.text)
    document.add_comment(
        paragraph.runs[:1],
        text="Cite the 2023 report here?",
        author="Ana Editor",
    )
    commented = tmp_path / "commented.docx"
    document.save(str(commented))
    file = read_returned(commented)
    (remark,) = file.remarks
    assert (remark.author, remark.text) == ("Ana Editor", "Cite the 2023 report here?")
    assert remark.anchored_text and remark.anchored_text in paragraph.text
    (item,) = harvest(draft, [commented]).review.items
    assert item.label.startswith("whereas 9:") and item.edits[0].kind == "comment"


def test_an_older_or_unrelated_file_is_named_so(setup, tmp_path: Path) -> None:
    draft_path, built = setup
    file = read_returned(built)
    draft = load_draft(draft_path)
    assert identify(draft, file).relation == "same"
    assert identify(replace(draft, title="Changed"), file).relation == "older"
    other = replace(draft, path=draft_path.with_name("other.toml"), title="Changed")
    assert identify(other, file).relation == "unrelated"
    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))
    assert identify(draft, read_returned(plain)).relation == "unrelated"


def test_a_corrupt_file_is_one_line(run_cli, setup, tmp_path: Path) -> None:
    draft, _ = setup
    bad = tmp_path / "returned.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    result = run_cli("review", draft, bad)
    assert result.code == 2 and result.err.count("\n") == 1
    assert result.err.startswith(f"{bad}:1: not a Word document")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    import zipfile

    bomb = tmp_path / "bomb.docx"
    with (
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w", force_zip64=True) as part,
    ):
        chunk = b"\0" * (1 << 20)
        for _ in range(220):  # 220 MB of zeros: a few hundred kB packed
            part.write(chunk)
    assert bomb.stat().st_size < 2_000_000
    with pytest.raises(DrafterError, match="too many or too large"):
        read_returned(bomb)


def test_an_external_entity_is_inert(setup, tmp_path: Path) -> None:
    _, built = setup
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")

    def xxe(xml: str) -> str:
        head, rest = xml.split("?>", 1)
        doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        rest = rest.replace(OLD, "&xxe;", 1)
        return head + "?>" + doctype + rest

    file = rewrite(built, tmp_path / "xxe.docx", xxe)
    try:
        contents = read_returned(file)
    except DrafterError:
        return  # refused outright: also safe
    assert not any(
        "TOP-SECRET" in p.original or "TOP-SECRET" in p.accepted for p in contents.passages
    )


def test_a_reply_is_read_as_a_reply_to_its_comment(setup, tmp_path: Path) -> None:
    import zipfile

    draft, built = setup
    document = docx.Document(str(built))
    paragraph = next(p for p in document.paragraphs if "Project Nimbus" in p.text)
    document.add_comment(paragraph.runs[:1], text="Cite the 2023 report here?", author="Ana Editor")
    document.add_comment(paragraph.runs[:1], text="Agreed, adding it.", author="Ben Checker")
    first = tmp_path / "commented.docx"
    document.save(str(first))
    w14 = "http://schemas.microsoft.com/office/word/2010/wordml"
    w15 = "http://schemas.microsoft.com/office/word/2012/wordml"
    replies = tmp_path / "replies.docx"
    with zipfile.ZipFile(first) as source, zipfile.ZipFile(replies, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename).decode("utf-8")
            if info.filename == "word/comments.xml":
                if "xmlns:w14=" not in data:
                    data = data.replace("<w:comments ", f'<w:comments xmlns:w14="{w14}" ', 1)
                data = data.replace("<w:p>", '<w:p w14:paraId="0000000A">', 1).replace(
                    "<w:p>", '<w:p w14:paraId="0000000B">', 1
                )
            if info.filename == "word/_rels/document.xml.rels":
                data = data.replace(
                    "</Relationships>",
                    '<Relationship Id="rIdX" Type="http://schemas.microsoft.com/office/2011/relationships/commentsExtended" Target="commentsExtended.xml"/></Relationships>',
                )
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    "</Types>",
                    '<Override PartName="/word/commentsExtended.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"/></Types>',
                )
            target.writestr(info, data)
        target.writestr(
            "word/commentsExtended.xml",
            f'<w15:commentsEx xmlns:w15="{w15}"><w15:commentEx w15:paraId="0000000A" w15:done="0"/>'
            '<w15:commentEx w15:paraId="0000000B" w15:paraIdParent="0000000A" w15:done="0"/></w15:commentsEx>',
        )
    file = read_returned(replies)
    by_author = {r.author: r for r in file.remarks}
    assert by_author["Ben Checker"].reply_to == by_author["Ana Editor"].id
    assert by_author["Ana Editor"].reply_to is None
    (item,) = harvest(draft, [replies]).review.items
    assert [(e.reviewer, e.kind, e.reply_to) for e in item.edits] == [
        ("Ana Editor", "comment", None),
        ("Ben Checker", "reply", "Ana Editor"),
    ]


def test_a_moved_phrase_is_read_as_a_move_and_accepted_in_its_new_place(
    setup, tmp_path: Path
) -> None:
    draft, built = setup
    phrase = "biometric, computer vision and bulk data"

    def move(xml: str) -> str:
        xml = tracked_replace(xml, phrase, "", "Ana Editor")  # a deletion, turned into a move-from
        xml = xml.replace(
            '<w:del w:id="9101" w:author="Ana Editor"',
            '<w:moveFrom w:id="9101" w:author="Ana Editor"',
        )
        xml = xml.replace("</w:delText></w:r></w:del>", "</w:delText></w:r></w:moveFrom>", 1)
        xml = tracked_replace(xml, "cloud services", f"cloud services, {phrase}", "Ana Editor")
        deletion = '<w:del w:id="9101" w:author="Ana Editor" w:date="2022-05-25T10:00:00Z"><w:r><w:delText xml:space="preserve">cloud services</w:delText></w:r></w:del>'
        return xml.replace(deletion, "")

    file = returned_with(built, tmp_path / "moved.docx", move)
    kinds = {(c.kind, c.text) for c in read_returned(file).changes}
    assert ("move-from", phrase) in kinds
    items = {item.label: item for item in harvest(draft, [file]).review.items}
    fourth = items["whereas 4: whereas/weak-due-diligence-material-risk"]
    assert phrase not in fourth.accepted["Ana Editor"]
    assert any(e.kind == "move-from" for e in fourth.edits)


def returned_with(built: Path, out: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    return rewrite(built, out, edit)


def _variant(tmp_path: Path, name: str, line: str) -> tuple[Path, Path]:
    """The example draft with one more top-level line, and its DOCX."""
    draft = tmp_path / f"{name}.toml"
    text = EXAMPLE.read_text(encoding="utf-8")
    draft.write_text(text.replace('order = "whereas-first"', f'order = "whereas-first"\n{line}'))
    built = tmp_path / f"{name}.docx"
    built.write_bytes(to_docx(build_file(draft).document))
    return draft, built


@pytest.mark.parametrize("notes", ["endnotes", "reuse"])
def test_an_applied_edit_keeps_endnotes_and_reused_notes(tmp_path: Path, notes: str) -> None:
    draft, built = _variant(tmp_path, notes, f'notes = "{notes}"')
    before = build_file(draft).document
    items = [b for b in before.blocks if b.origin and b.origin.section == "whereas"]
    phrase = "children included"  # this recital repeats note 1's source: a NOTEREF under reuse
    file = returned(built, tmp_path / "ana.docx", (phrase, "minors included", "Ana Editor"))
    out, changed = apply_to_new_version(harvest(draft, [file]), [], tmp_path / "v2.toml")
    after = build_file(out).document
    assert len(changed) == 1 and [n.text for n in after.notes] == [n.text for n in before.notes]
    edited = [b for b in after.blocks if b.origin and b.origin.section == "whereas"]
    assert [b.inlines[-1] for b in edited] == [b.inlines[-1] for b in items]  # each note mark
    assert any("minors included" in b.text for b in edited)


def test_a_note_addition_the_style_cannot_print_is_refused_and_named(tmp_path: Path) -> None:
    draft, built = _variant(tmp_path, "chicago", "")
    draft.write_text(draft.read_text().replace('"proposal-urls"', '"chicago-notes-bibliography"'))
    built.write_bytes(to_docx(build_file(draft).document))
    notes = build_file(draft).document.notes
    first = notes[0].text
    file = rewrite(
        built,
        tmp_path / "ana.docx",
        lambda x: tracked_note_addition(x, 1, " (archived copy)", "Ana Editor"),
        part="word/footnotes.xml",
    )
    result = harvest(draft, [file])
    (item,) = result.review.items
    (note,) = item.notes
    assert note.accepted == {"Ana Editor": first + " (archived copy)"}
    assert note.refused["Ana Editor"].startswith("the style prints it as “…")
    (line,) = result.review.refusals()
    assert line.startswith(f"note 1 ({item.label}): Ana Editor's edit, which adds “ (archived")
    out, changed = apply_to_new_version(result, [], tmp_path / "v2.toml")
    assert changed == [] and [n.text for n in build_file(out).document.notes] == [
        n.text for n in notes
    ]


def test_a_note_edit_and_a_text_edit_of_one_item_are_both_applied(setup, tmp_path: Path) -> None:
    draft, built = setup
    notes = [n.text for n in build_file(draft).document.notes]
    body = returned(built, tmp_path / "body.docx", (OLD, "grave", "Ana Editor"))
    url = notes[0]
    both = rewrite(
        body,
        tmp_path / "both.docx",
        lambda x: tracked_note_addition(x, 1, " (archived)", "Ana Editor"),
        part="word/footnotes.xml",
    )
    result = harvest(draft, [both])
    (item,) = result.review.items
    assert item.label.startswith("whereas 1:") and item.notes[0].citations
    assert {e.where for e in item.edits} == {"", "note 1"}
    out, changed = apply_to_new_version(result, [], tmp_path / "v2.toml")
    after = build_file(out).document
    assert changed == ["whereas 1"]
    assert [n.text for n in after.notes] == [url + " (archived)", *notes[1:]]
    assert "have grave, creating" in after.blocks[1].text
    assert "[@dcd-hart-letter (archived)]" in out.read_text(encoding="utf-8")


def test_an_item_deleted_whole_is_removed(setup, tmp_path: Path) -> None:
    draft, built = setup
    before = load_draft(draft).sections["whereas"]
    fourth = next(b for b in build_file(draft).document.blocks if b.origin and b.origin.index == 3)
    file = returned(built, tmp_path / "ana.docx", (fourth.text, "", "Ana Editor"))
    out, changed = apply_to_new_version(harvest(draft, [file]), [], tmp_path / "v2.toml")
    after = load_draft(out).sections["whereas"]
    assert changed == ["whereas 4"] and after == (*before[:3], *before[4:])
    assert fourth.text not in [b.text for b in build_file(out).document.blocks]


def test_an_edited_items_citation_keeps_its_prefix_and_locator(tmp_path: Path) -> None:
    draft, built = _variant(tmp_path, "locator", "")
    text = draft.read_text(encoding="utf-8").replace(
        '"proposal-urls"', '"chicago-notes-bibliography"'
    )
    inline = '{ text = "Amazon reported its vetting [see @amazon-proxy-2022, chap. 3]." },\n]'
    draft.write_text(text.replace("]\nresolved", "  " + inline + "\nresolved", 1), encoding="utf-8")
    built.write_bytes(to_docx(build_file(draft).document))
    notes = [n.text for n in build_file(draft).document.notes]
    assert notes[-1].startswith("See ") and "chap. 3" in notes[-1]
    file = returned(
        built, tmp_path / "ana.docx", ("reported its vetting", "described its vetting", "Ana")
    )
    out, changed = apply_to_new_version(harvest(draft, [file]), [], tmp_path / "v2.toml")
    assert len(changed) == 1 and [n.text for n in build_file(out).document.notes] == notes


def test_a_title_edit_is_reported_and_applied(setup, tmp_path: Path) -> None:
    draft, built = setup
    title = load_draft(draft).title
    file = returned(
        built, tmp_path / "ana.docx", (title, "Report on {{ Customer }} Vetting", "Ana")
    )
    result = harvest(draft, [file])
    assert {(e.kind, e.where) for e in result.review.unplaced} == {
        ("deletion", "title"),
        ("insertion", "title"),
    }
    out, _ = apply_to_new_version(result, [], tmp_path / "v2.toml")
    assert build_file(out).document.title == "Report on {{ Customer }} Vetting"
