"""The budget of one document: its items rendered in turn, with their text and citation markers
added up, so a draft repeating a long clause or a citation thousands of times is refused at the
item that passes the limit, before notes are formatted or anything is written."""

from __future__ import annotations

from collections.abc import Sequence

from drafter.assembly.assemble import Part
from drafter.errors import DraftError
from drafter.model import Cite
from drafter.render.clauses import Paragraph, render_text

MAX_DOCUMENT_CHARS = 2_000_000  # rendered text of every item (a 500-word proposal has ~4,000)
MAX_ITEMS = 5_000  # items in one document
MAX_CITATIONS = 1_000  # citation markers in one document (citeproc takes ~4 ms a note)
FIX = "a document this long is not a proposal or a letter; split it into several drafts"


def render_parts(parts: Sequence[Part]) -> dict[int, list[Paragraph]]:
    """Each part's paragraphs by its index, refused past the document's budget."""
    if len(parts) > MAX_ITEMS:
        location = parts[MAX_ITEMS].origin.location
        raise DraftError(
            f"the draft has more than {MAX_ITEMS:,} items", location.path, location.line, FIX
        )
    rendered: dict[int, list[Paragraph]] = {}
    chars = cites = 0
    for index, part in enumerate(parts):
        paragraphs = render_text(part.body, part.values, part.body_location)
        for paragraph in paragraphs:
            for inline in paragraph.inlines:
                if isinstance(inline, Cite):
                    cites += 1
                else:
                    chars += len(inline.text)
        if chars > MAX_DOCUMENT_CHARS or cites > MAX_CITATIONS:
            what = f"{MAX_DOCUMENT_CHARS:,} characters"
            if cites > MAX_CITATIONS:
                what = f"{MAX_CITATIONS:,} citations"
            location = part.origin.location
            raise DraftError(
                f"the draft's items render to more than {what} (reached at this item)",
                location.path,
                location.line,
                FIX,
            )
        rendered[index] = paragraphs
    return rendered
