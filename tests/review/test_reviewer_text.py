"""Reviewers' text is literal: whatever they type (template delimiters, asterisks, brackets, `@`,
backslashes, addresses, a leading dash) is taken back into the draft so that it rebuilds to
exactly the typed characters, never as template code or markup."""

from __future__ import annotations

import io
import zipfile
from functools import cache
from html import escape
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from review_files import tracked_note_addition, tracked_replace
from support import EXAMPLE, sized

from drafter.drafts.file import load_draft
from drafter.model import Location, Span
from drafter.pipeline import build, open_library
from drafter.render.clauses import render_text
from drafter.review.matcher import apply_review, review
from drafter.review.reviewertext import literal
from drafter.word import to_docx
from drafter.word.review import read_returned

OLD = "poor human rights records"
HOSTILE = [
    "{{",
    "{%",
    "{#",
    "}}",
    "%}",
    "#}",
    "{{ company }}",
    "{% raw %}",
    "{% endraw %}",
    "*",
    "**",
    "[",
    "]",
    "[@dcd-hart-letter]",
    "@",
    "\\",
    "\\*",
    "_",
    "`",
    "- ",
    "-",
    "https://example.org/a_b*c*",
    "https://example.org/x\\",
    "[see @a; @b, p. 3]",
]
typed = st.lists(
    st.one_of(st.sampled_from(HOSTILE), st.text(alphabet="ab {}%#*[]@\\_-;,.:!?()/", max_size=6)),
    min_size=1,
    max_size=12,
).map("".join)


def _printed(body: str) -> str:
    paragraphs = render_text(body, {"company": "Acme Inc."}, Location())
    assert all(
        isinstance(i, Span) and not (i.italic or i.bold) for p in paragraphs for i in p.inlines
    )
    assert not any(p.bullet for p in paragraphs)
    return "\n\n".join("".join(i.text for i in p.inlines) for p in paragraphs)  # type: ignore[union-attr]


@settings(max_examples=sized(dev=200, ci=1000), deadline=None)
@given(typed.filter(lambda t: t.strip() == t and t))
def test_any_typed_text_renders_as_exactly_that_text(text: str) -> None:
    assert _printed(literal(text)) == text


def test_template_code_a_reviewer_types_is_text() -> None:
    assert _printed(literal("Its {{ company }} board")) == "Its {{ company }} board"
    assert _printed(literal("{# sic")) == "{# sic"
    assert _printed(literal("{% if x %}y{% endif %}")) == "{% if x %}y{% endif %}"


@cache
def _built() -> tuple[object, object, bytes]:
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="drafter-literal-"))
    path = folder / "proposal.toml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    draft, library = load_draft(path), open_library(())
    return draft, library, to_docx(build(draft, library).document)


def _returned(data: bytes, new: str) -> bytes:
    source, buffer = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info.filename)
            if info.filename == "word/document.xml":
                xml = tracked_replace(part.decode("utf-8"), OLD, escape(new, quote=False), "Ana")
                part = xml.encode("utf-8")
            target.writestr(info, part)
    return buffer.getvalue()


@settings(max_examples=sized(dev=10, ci=80), deadline=None)
@given(typed)
def test_a_tracked_insertion_of_any_text_applies_and_rebuilds_to_exactly_it(text: str) -> None:
    draft, library, data = _built()
    document = build(draft, library).document  # type: ignore[arg-type]
    found = review(draft, document, [("ana.docx", read_returned(_returned(data, text)))])  # type: ignore[arg-type]
    applied, changed = apply_review(draft, document, found)  # type: ignore[arg-type]
    assert [(p.section, p.index) for p in changed] == [("whereas", 0)]
    before = next(b for b in document.blocks if b.origin and b.origin.index == 0)
    after = next(
        b for b in build(applied, library).document.blocks if b.origin and b.origin.index == 0
    )  # type: ignore[arg-type]
    assert after.text == before.text.replace(OLD, text)
    assert after.inlines[-1] == before.inlines[-1]  # the note is still there


def _note_returned(data: bytes, note_id: int, new: str) -> bytes:
    source, buffer = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info.filename)
            if info.filename == "word/footnotes.xml":
                xml = tracked_note_addition(
                    part.decode("utf-8"), note_id, escape(new, quote=False), "Ana"
                )
                part = xml.encode("utf-8")
            target.writestr(info, part)
    return buffer.getvalue()


@settings(max_examples=sized(dev=10, ci=80), deadline=None)
@given(typed, st.integers(min_value=1, max_value=11))
def test_words_added_to_a_note_are_applied_exactly_or_refused_by_name(
    text: str, number: int
) -> None:
    draft, library, data = _built()
    document = build(draft, library).document  # type: ignore[arg-type]
    returned = read_returned(_note_returned(data, number, " " + text))
    found = review(draft, document, [("ana.docx", returned)], lambda d: build(d, library).document)  # type: ignore[arg-type]
    applied, _ = apply_review(draft, document, found)  # type: ignore[arg-type]
    after = [n.text for n in build(applied, library).document.notes]  # type: ignore[arg-type]
    refused = found.refusals()
    wanted = [n.text + (" " + text if n.number == number else "") for n in document.notes]
    if refused:
        (line,) = refused
        assert line.startswith(f"note {number} (") and after == [n.text for n in document.notes]
    else:
        assert [" ".join(t.split()) for t in after] == [" ".join(t.split()) for t in wanted]
