"""Note numbering and placement: drafter numbers notes in reading order and puts them after
punctuation; `reuse` points a repeated source back to its first note."""

from __future__ import annotations

from collections.abc import Sequence

from drafter.citations.notes import cite_blocks, place_refs
from drafter.model import Block, Cite, CiteItem, Inline, NoteRef, Span


class KeyFormatter:
    """Formats each cluster as its keys joined, recording what it was asked to render."""

    def __init__(self, is_note: bool = True) -> None:
        self.is_note = is_note
        self.seen: list[list[str]] = []

    def render(self, clusters: Sequence[Sequence[CiteItem]]) -> list[tuple[Span, ...]]:
        self.seen = [[i.key for i in c] for c in clusters]
        return [(Span("; ".join(i.key for i in c)),) for c in clusters]

    def bibliography(self, keys: Sequence[str]) -> list[tuple[Span, ...]]:
        return [(Span(f"ref {k}"),) for k in keys]


def cite(*keys: str) -> Cite:
    return Cite(tuple(CiteItem(k) for k in keys))


def test_notes_are_numbered_in_reading_order_after_punctuation() -> None:
    blocks = [
        Block(
            "recital",
            (Span("First claim "), cite("a"), Span(". Second "), cite("b"), Span(".")),
            "whereas",
        ),
        Block("resolved", (Span("Third "), cite("a", "c"), Span(", done.")), "resolved"),
    ]
    result = cite_blocks(blocks, KeyFormatter())
    assert result.blocks[0].inlines == (
        Span("First claim."),
        NoteRef(1),
        Span(" Second."),
        NoteRef(2),
    )
    assert result.blocks[1].inlines == (Span("Third,"), NoteRef(3), Span(" done."))
    assert [(n.number, n.text) for n in result.notes] == [(1, "a"), (2, "b"), (3, "a; c")]
    assert result.keys == ("a", "b", "c")


def test_reuse_mode_points_a_repeated_source_to_its_first_note() -> None:
    blocks = [
        Block(
            "recital",
            (Span("X "), cite("a"), Span(". Y "), cite("b"), Span(". Z "), cite("a"), Span(".")),
            "whereas",
        )
    ]
    formatter = KeyFormatter()
    result = cite_blocks(blocks, formatter, mode="reuse")
    refs = [i.number for i in result.blocks[0].inlines if isinstance(i, NoteRef)]
    assert refs == [1, 2, 1]
    assert len(result.notes) == 2
    assert formatter.seen == [["a"], ["b"]]  # citeproc only sees the notes that print


def test_in_text_styles_keep_citations_inline_and_list_references() -> None:
    blocks = [Block("paragraph", (Span("Claim"), cite("a"), Span(".")), "body")]
    result = cite_blocks(blocks, KeyFormatter(is_note=False))
    inlines = result.blocks[0].inlines
    assert all(isinstance(s, Span) for s in inlines)
    assert "".join(s.text for s in inlines if isinstance(s, Span)) == "Claim a."
    assert result.notes == ()
    assert result.bibliography == ((Span("ref a"),),)


def test_closing_quote_moves_with_the_punctuation() -> None:
    inlines: list[Inline] = [Span("called it “urgent"), NoteRef(1), Span(".” Then")]
    assert place_refs(inlines) == (Span("called it “urgent.”"), NoteRef(1), Span(" Then"))
