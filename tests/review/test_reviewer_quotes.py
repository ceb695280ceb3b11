"""Straight quotes and apostrophes a reviewer types stay straight: in an item, a new paragraph,
the title and a note's added words they rebuild as exactly the typed characters, while the
draft's own quotes are still made typographic."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from html import escape

from hypothesis import given, settings
from hypothesis import strategies as st
from review_files import tracked_note_addition, tracked_replace
from support import sized
from test_reviewer_text import HOSTILE, OLD, _built, _printed, _returned

from drafter.model import NOTE_MARK_CLOSE, NOTE_MARK_OPEN, CiteItem, Document
from drafter.pipeline import build
from drafter.review.matcher import apply_review, review
from drafter.review.reviewertext import literal, marker, to_draft_text
from drafter.word.review import read_returned

QUOTES = ["'", '"', "''", '""', "'''", '"""', "5'10\"", "it's", "'a'", '"b"', "\\'", '\\"']
quoted = st.lists(
    st.one_of(
        st.sampled_from(QUOTES),
        st.sampled_from(HOSTILE),
        st.text(alphabet="ab '\"{}%#*[]@\\_-;,.:!?()/", max_size=6),
    ),
    min_size=1,
    max_size=12,
).map("".join)
DATE = "2022-05-25T10:00:00Z"


def _edited(data: bytes, part: str, edit: Callable[[str], str]) -> bytes:
    source, buffer = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == part:
                content = edit(content.decode("utf-8")).encode("utf-8")
            target.writestr(info, content)
    return buffer.getvalue()


def _rebuilt(returned: bytes) -> tuple[Document, Document]:
    """The document before and the one the returned file's changes rebuild to."""
    draft, library, _ = _built()
    document = build(draft, library).document  # type: ignore[arg-type]
    found = review(  # type: ignore[arg-type]
        draft,  # type: ignore[arg-type]
        document,
        [("ana.docx", read_returned(returned))],
        lambda d: build(d, library).document,  # type: ignore[arg-type]
    )
    applied, _ = apply_review(draft, document, found)  # type: ignore[arg-type]
    return document, build(applied, library).document  # type: ignore[arg-type]


def _item(document: Document, index: int) -> str:
    return next(b.text for b in document.blocks if b.origin and b.origin.index == index)


@settings(max_examples=sized(dev=200, ci=1000), deadline=None)
@given(quoted.filter(lambda t: t.strip() == t and t))
def test_typed_quotes_render_as_exactly_the_typed_characters(text: str) -> None:
    assert _printed(literal(text)) == text


def test_the_reported_quotes_render_straight() -> None:
    assert _printed(literal("''' \"\"\" 5'10\"")) == "''' \"\"\" 5'10\""


@settings(max_examples=sized(dev=10, ci=80), deadline=None)
@given(quoted)
def test_quotes_inserted_in_an_item_rebuild_straight(text: str) -> None:
    _, _, data = _built()
    before, after = _rebuilt(_returned(data, text))
    assert _item(after, 0) == _item(before, 0).replace(OLD, text)


@settings(max_examples=sized(dev=8, ci=50), deadline=None)
@given(quoted.filter(lambda t: t.strip() == t and t))
def test_quotes_typed_in_the_title_rebuild_straight(text: str) -> None:
    _, _, data = _built()
    title = "Report on Customer Due Diligence"
    edit = lambda xml: tracked_replace(xml, title, escape(text, quote=False), "Ana")  # noqa: E731
    before, after = _rebuilt(_edited(data, "word/document.xml", edit))
    assert before.title == title and after.title == text


def _new_paragraph(xml: str, text: str) -> str:
    end = xml.index("</w:p>", xml.index(OLD)) + len("</w:p>")
    paragraph = (
        f'<w:p><w:pPr><w:rPr><w:ins w:id="981" w:author="Ana" w:date="{DATE}"/></w:rPr></w:pPr>'
        f'<w:ins w:id="982" w:author="Ana" w:date="{DATE}"><w:r>'
        f'<w:t xml:space="preserve">{escape(text, quote=False)}</w:t></w:r></w:ins></w:p>'
    )
    return xml[:end] + paragraph + xml[end:]


@settings(max_examples=sized(dev=8, ci=50), deadline=None)
@given(quoted.filter(lambda t: t.strip() == t and t))
def test_quotes_typed_in_a_new_paragraph_rebuild_straight(text: str) -> None:
    _, _, data = _built()
    edit = lambda xml: _new_paragraph(xml, text)  # noqa: E731
    before, after = _rebuilt(_edited(data, "word/document.xml", edit))
    assert _item(after, 1) == text and _item(after, 2) == _item(before, 1)


def test_a_new_paragraph_keeps_runs_of_spaces_inside_but_not_at_its_ends() -> None:
    _, _, data = _built()
    edit = lambda xml: _new_paragraph(xml, '  It\'s  "so"  ')  # noqa: E731
    _, after = _rebuilt(_edited(data, "word/document.xml", edit))
    assert _item(after, 1) == 'It\'s  "so"'


def test_quotes_added_to_a_note_stay_straight_as_in_the_body() -> None:
    _, _, data = _built()
    words = " see 'the' \"5'10\" rule\""
    edit = lambda xml: tracked_note_addition(xml, 1, escape(words, quote=False), "Ana")  # noqa: E731
    before, after = _rebuilt(_edited(data, "word/footnotes.xml", edit))
    [note] = [n.text for n in after.notes if n.number == 1]
    [old] = [n.text for n in before.notes if n.number == 1]
    assert note != old and note.endswith("see 'the' \"5'10\" rule\"")


def test_a_note_moves_before_punctuation_that_ends_in_typed_quotes() -> None:
    _, _, data = _built()
    document = _rebuilt(data)[0]
    [note] = [n for n in document.notes if n.number == 1]
    mark = marker(note.items or tuple(CiteItem(k) for k in note.keys))
    marked = to_draft_text(f'He said "no."{NOTE_MARK_OPEN}1{NOTE_MARK_CLOSE}', document)
    assert marked == f'He said \\"no {mark}.\\"'
