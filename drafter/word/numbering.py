"""Lists attached to paragraph styles, so a bullet or a numbered request is a style, not a glyph."""

from __future__ import annotations

from typing import cast

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.parts.numbering import NumberingPart
from docx.styles.style import BaseStyle

from drafter.word.oxml import ListDefinitions, new_numbering_xml, set_style_numbering

BULLET, DECIMAL = "bullet", "decimal"


def _numbering_part(document: DocxDocument) -> NumberingPart:
    part = document.part
    try:
        related = part.part_related_by(RT.NUMBERING)
    except KeyError:
        uri = PackURI("/word/numbering.xml")
        numbering: NumberingPart = NumberingPart.load(
            uri, CT.WML_NUMBERING, new_numbering_xml(), part.package
        )
        part.relate_to(numbering, RT.NUMBERING)
        return numbering
    return cast(NumberingPart, related)  # python-docx loads a numbering part as NumberingPart


class Lists:
    """A document's list definitions, read once (the numbering part is made when first needed)."""

    def __init__(self, document: DocxDocument) -> None:
        self._document = document
        self._definitions: ListDefinitions | None = None

    def ensure_list(self, style: BaseStyle, kind: str) -> int:
        """Give `style` a list of its own (`bullet` or `decimal`) and return the list's id."""
        if self._definitions is None:
            self._definitions = ListDefinitions(_numbering_part(self._document).element)
        num_id = self._definitions.add(kind)
        set_style_numbering(style.element, num_id)
        return num_id


def ensure_list(document: DocxDocument, style: BaseStyle, kind: str) -> int:
    """Give `style` a list of its own (`bullet` or `decimal`) and return the list's id."""
    return Lists(document).ensure_list(style, kind)
