"""Pandoc reads drafter's DOCX as a document with footnotes, bold lead words, italics and links.

Pandoc is a second, independent DOCX reader: what it finds is what Word's file format says, not
what drafter's own reader expects. Each file is read once per module.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from clients import pandoc_markdown

from drafter.model import Block, Document, Note, NoteRef, Span
from drafter.pipeline import BuildResult
from drafter.word import to_docx

BODY_LINK = "https://example.org/filing?id=7&x=1"
NOTE_LINK = "https://example.org/review/2024"

TINY = Document(
    title="Tiny",
    blocks=(
        Block(
            role="paragraph",
            part="supporting",
            inlines=(
                Span("The case "),
                Span("Smith v. Jones", italic=True),
                Span(" is cited; see "),
                Span("the filing", url=BODY_LINK),
                Span("."),
                NoteRef(1),
            ),
        ),
    ),
    notes=(
        Note(
            1,
            (
                Span("Discussed in "),
                Span("Shareholder Rights Review", italic=True),
                Span(", "),
                Span(NOTE_LINK, url=NOTE_LINK),
                Span("."),
            ),
        ),
    ),
)


def footnote_definitions(markdown: str) -> dict[int, str]:
    """Pandoc's `[^n]: text` definitions, by number (a definition runs to the next one)."""
    pattern = re.compile(r"^\[\^(\d+)\]:[ \t]*(.*?)(?=^\[\^\d+\]:|\Z)", re.MULTILINE | re.DOTALL)
    return {int(m[1]): m[2].strip() for m in pattern.finditer(markdown)}


def footnote_references(markdown: str) -> list[int]:
    """The `[^n]` references in the text, in order, definitions left out."""
    return [int(n) for n in re.findall(r"\[\^(\d+)\](?!:)", markdown)]


def is_link(markdown: str, url: str) -> bool:
    """Whether `url` is a link target in `markdown`: `<url>` or `[text](url)`."""
    return f"<{url}>" in markdown or f"]({url})" in markdown


@pytest.fixture(scope="module")
def example_markdown(example_docx: Path) -> str:
    return pandoc_markdown(example_docx)


@pytest.fixture(scope="module")
def tiny_markdown(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("pandoc") / "tiny.docx"
    path.write_bytes(to_docx(TINY))
    return pandoc_markdown(path)


# --- the example -----------------------------------------------------------


def test_pandoc_reads_every_note_as_a_footnote_referenced_in_order(
    example_markdown: str, example_result: BuildResult
) -> None:
    expected = list(range(1, len(example_result.document.notes) + 1))
    assert footnote_references(example_markdown) == expected, example_markdown
    assert sorted(footnote_definitions(example_markdown)) == expected, example_markdown


def test_pandoc_footnote_definitions_hold_each_notes_text_and_links(
    example_markdown: str, example_result: BuildResult
) -> None:
    definitions = footnote_definitions(example_markdown)
    problems = []
    for note in example_result.document.notes:
        definition = definitions.get(note.number, "")
        urls = [s.url for s in note.spans if s.url]
        problems += [
            f"[^{note.number}] lacks a link to {url}: {definition!r}"
            for url in urls
            if not is_link(definition, url)
        ]
        if not urls and definition != note.text.strip():
            problems.append(f"[^{note.number}] is {definition!r}, expected {note.text!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lead", ["Whereas:", "Resolved:"])
def test_pandoc_reads_lead_words_as_bold(
    lead: str, example_markdown: str, example_result: BuildResult
) -> None:
    assert lead in {b.lead for b in example_result.document.blocks}, f"the example has {lead}"
    assert re.search(rf"^\*\*{re.escape(lead)}\*\* \S", example_markdown, re.MULTILINE), (
        f"no paragraph starting **{lead}** in:\n{example_markdown}"
    )


# --- a tiny document: italics and links in text and notes ---------------------


def test_pandoc_keeps_body_italics_to_their_words(tiny_markdown: str) -> None:
    assert "The case *Smith v. Jones* is cited" in tiny_markdown, tiny_markdown


def test_pandoc_keeps_italics_inside_a_footnote(tiny_markdown: str) -> None:
    definition = footnote_definitions(tiny_markdown).get(1, "")
    assert definition.startswith("Discussed in *Shareholder Rights Review*, "), tiny_markdown


def test_pandoc_reads_a_body_link_as_a_link_on_its_text(tiny_markdown: str) -> None:
    assert f"[the filing]({BODY_LINK})" in tiny_markdown, tiny_markdown


def test_pandoc_reads_a_note_link_as_a_link_inside_the_footnote(tiny_markdown: str) -> None:
    assert footnote_references(tiny_markdown) == [1], tiny_markdown
    assert is_link(footnote_definitions(tiny_markdown).get(1, ""), NOTE_LINK), tiny_markdown
