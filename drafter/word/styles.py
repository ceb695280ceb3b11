"""drafter's Word styles, defined in code so that users restyle by style, never by run.

Each block role maps to a paragraph style and each kind of mark to a character style. A style
the document already has (from a reference document) is left as its owner defined it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Inches, Pt, RGBColor
from docx.styles import BabelFish
from docx.styles.style import BaseStyle, CharacterStyle, ParagraphStyle, StyleFactory
from docx.text.paragraph import Paragraph

from drafter.word.numbering import BULLET, DECIMAL, Lists
from drafter.word.oxml import set_complex_script_format, set_style_outline_level

FONT = "Times New Roman"
BODY_SIZE = Pt(12)
NOTE_SIZE = Pt(10)


@dataclass(frozen=True)
class StyleSpec:
    """One style: Word's id and name, its type, and the formatting drafter gives it."""

    style_id: str
    name: str
    kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH
    base: str | None = "Normal"
    next_style: str | None = None
    size: Pt | None = None
    bold: bool = False
    color: RGBColor | None = None
    underline: bool = False
    superscript: bool = False
    align: WD_ALIGN_PARAGRAPH | None = None
    space_before: Pt | None = None
    space_after: Pt | None = None
    left_indent: Inches | None = None
    first_line_indent: Inches | None = None
    keep_with_next: bool = False
    keep_together: bool = False
    list_kind: str | None = None  # BULLET or DECIMAL numbering attached to the style
    outline_level: int | None = None
    builtin: bool = True  # one of Word's own styles (shown by Word under its own name)


PARAGRAPH, CHARACTER = WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER

STYLES: tuple[StyleSpec, ...] = (
    StyleSpec(
        "Title",
        "Title",
        next_style="Normal",
        size=Pt(14),
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=Pt(18),
        keep_with_next=True,
    ),
    StyleSpec(
        "Heading1",
        "heading 1",
        next_style="Normal",
        size=BODY_SIZE,
        bold=True,
        space_before=Pt(12),
        space_after=Pt(12),
        keep_with_next=True,
        outline_level=0,
    ),
    StyleSpec("BodyText", "Body Text"),
    StyleSpec("Recital", "Recital", builtin=False),
    StyleSpec("Resolved", "Resolved", builtin=False, keep_together=True),
    StyleSpec("ListBullet", "List Bullet", list_kind=BULLET),
    StyleSpec("Request", "Request", builtin=False, list_kind=DECIMAL),
    StyleSpec("Closing", "Closing", keep_together=True),
    StyleSpec(
        "Bibliography", "Bibliography", left_indent=Inches(0.5), first_line_indent=Inches(-0.5)
    ),
    StyleSpec("Date", "Date", space_after=Pt(18)),
    StyleSpec("InsideAddress", "Inside Address", space_after=Pt(12), keep_together=True),
    StyleSpec("Subject", "Subject", builtin=False, bold=True, keep_with_next=True),
    StyleSpec("Salutation", "Salutation", keep_with_next=True),
    StyleSpec("RequestLead", "Request Lead", builtin=False, keep_with_next=True, space_after=Pt(6)),
    StyleSpec("Signature", "Signature", space_before=Pt(12), keep_with_next=True),
    StyleSpec(
        "SignatoryGroup",
        "Signatory Group",
        builtin=False,
        bold=True,
        space_before=Pt(12),
        space_after=Pt(3),
        keep_with_next=True,
    ),
    StyleSpec("Signatory", "Signatory", builtin=False, space_after=Pt(0)),
    StyleSpec("SignatoryNote", "Signatory Note", builtin=False, space_before=Pt(6)),
    StyleSpec("CC", "Copy To", builtin=False, space_before=Pt(18)),
    StyleSpec(
        "NoticeHeading",
        "Notice Heading",
        builtin=False,
        bold=True,
        size=Pt(14),
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=Pt(12),
        keep_with_next=True,
    ),
    StyleSpec("CoverField", "Cover Field", builtin=False, space_after=Pt(6), keep_with_next=True),
    StyleSpec("Reason", "Reason", builtin=False, list_kind=DECIMAL),
    StyleSpec("Legend", "Legend", builtin=False, space_before=Pt(18), keep_together=True),
    StyleSpec("FootnoteText", "footnote text", size=NOTE_SIZE, space_after=Pt(3)),
    StyleSpec("EndnoteText", "endnote text", size=NOTE_SIZE, space_after=Pt(3)),
    StyleSpec("Footer", "footer", space_after=Pt(0), align=WD_ALIGN_PARAGRAPH.CENTER),
    StyleSpec("FootnoteReference", "footnote reference", CHARACTER, base=None, superscript=True),
    StyleSpec("EndnoteReference", "endnote reference", CHARACTER, base=None, superscript=True),
    StyleSpec(
        "Hyperlink",
        "Hyperlink",
        CHARACTER,
        base=None,
        color=RGBColor(0x05, 0x63, 0xC1),
        underline=True,
    ),
    StyleSpec("LeadWord", "Lead Word", CHARACTER, base=None, bold=True, builtin=False),
)

ROLE_STYLES = {
    "title": "Title",
    "heading": "Heading1",
    "recital": "Recital",
    "resolved": "Resolved",
    "paragraph": "BodyText",
    "bullet": "ListBullet",
    "request": "Request",
    "closing": "Closing",
    "bibliography": "Bibliography",
    "date": "Date",
    "address": "InsideAddress",
    "subject": "Subject",
    "salutation": "Salutation",
    "lead_in": "RequestLead",
    "closing_line": "Signature",
    "signatory_group": "SignatoryGroup",
    "signatory": "Signatory",
    "signatory_note": "SignatoryNote",
    "cc": "CC",
    "notice_heading": "NoticeHeading",
    "cover_field": "CoverField",
    "reason": "Reason",
    "legend": "Legend",
}


def style_id_for_role(role: str) -> str:
    return ROLE_STYLES.get(role, "BodyText")


@dataclass(frozen=True)
class DocumentStyles:
    """drafter's styles as one document has them, by drafter's style id."""

    styles: dict[str, BaseStyle]
    default_paragraph: BaseOxmlElement | None  # the document's default paragraph style

    def __getitem__(self, style_id: str) -> BaseStyle:
        return self.styles[style_id]

    def add_paragraph(self, container: Any, style_id: str, text: str = "") -> Paragraph:
        """A new paragraph at the end of `container` (a document or a note) in a style.

        As python-docx's `add_paragraph(style=...)` writes it, but without its scan of every
        style of the document for the default one, which it makes for each paragraph.
        """
        paragraph: Paragraph = container.add_paragraph(text)
        style = self.styles[style_id]
        named = None if style.element is self.default_paragraph else style.style_id
        paragraph._p.style = named
        return paragraph


def ensure_styles(document: DocxDocument, own_normal: bool = True) -> DocumentStyles:
    """Add every drafter style the document lacks; with `own_normal`, set up Normal too.

    A style found by id or by name is kept as it is. The document's styles are read once, so a
    reference document with 300,000 styles costs one pass, not one per lookup.
    """
    styles = document.styles
    index = _StyleIndex(
        styles.element, {s.style_id for s in STYLES}, {s.name.lower() for s in STYLES}
    )
    if own_normal:
        _set_normal(styles["Normal"])
    lists = Lists(document)
    found: dict[str, BaseStyle] = {}
    for spec in STYLES:
        element = index.by_id.get(spec.style_id)
        if element is None:
            element = index.by_name.get(spec.name.lower())
        if element is None:
            element = styles.element.add_style_of_type(
                BabelFish.ui2internal(spec.name), spec.kind, spec.builtin
            )
            element.styleId = spec.style_id
            style = StyleFactory(element)
            _apply(document, cast(CharacterStyle, style), spec, index, lists)  # of spec.kind
        else:
            style = StyleFactory(element)
        found[spec.style_id] = style
    return DocumentStyles(found, index.default_paragraph)


_ON = ("1", "true", "on")  # how python-docx reads w:default as true
# a style's first name in lower case as far as drafter's names go: str.lower() turns one
# character beyond A-Z into ASCII, the Kelvin sign (into k); the query only picks candidates
_LOWER_NAME = (
    "translate(w:name[1]/@w:val, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ\u212a', 'abcdefghijklmnopqrstuvwxyzk')"
)


class _StyleIndex:
    """The `w:style` elements of a styles part with one of drafter's ids or (in any case) names,
    the last of each winning, as when python-docx's styles are put in a dict; its default
    paragraph style (the last one marked, as python-docx finds it); and styles looked up as
    python-docx's `styles[name]`, once per name. A single XPath query picks the candidates, so
    a styles part of 300,000 styles is read once, in C, without a Python object per style."""

    def __init__(self, root: BaseOxmlElement, ids: set[str], names: set[str]) -> None:
        self.by_id: dict[str, BaseOxmlElement] = {}
        self.by_name: dict[str, BaseOxmlElement] = {}
        self._looked_up: dict[str, BaseStyle] = {}
        query = (
            f"w:style[contains('|{'|'.join(ids)}|', concat('|', @w:styleId, '|'))"
            f" or contains('|{'|'.join(names)}|', concat('|', {_LOWER_NAME}, '|'))"
            f" or @w:type='paragraph' and ({' or '.join(f'@w:default={v!r}' for v in _ON)})]"
        )
        self.default_paragraph: BaseOxmlElement | None = None
        for element in root.xpath(query):
            if (found := element.get(qn("w:styleId"))) in ids:
                self.by_id[found] = element
            name = element.find(qn("w:name"))
            if name is not None and (found := (name.get(qn("w:val")) or "").lower()) in names:
                self.by_name[found] = element
            if element.get(qn("w:type")) == "paragraph" and element.get(qn("w:default")) in _ON:
                self.default_paragraph = element

    def named(self, styles: Any, name: str) -> BaseStyle:
        """`styles[name]`, looked up once per name."""
        if name not in self._looked_up:
            self._looked_up[name] = styles[name]
        return self._looked_up[name]


def _set_normal(normal: ParagraphStyle) -> None:
    normal.font.name = FONT
    normal.font.size = BODY_SIZE
    set_complex_script_format(normal.element, font=FONT, half_points=_half_points(BODY_SIZE))
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(12)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.widow_control = True


def _half_points(size: Pt) -> int:
    half_points: float = size.pt * 2
    return round(half_points)


def _apply(
    document: DocxDocument, style: CharacterStyle, spec: StyleSpec, index: _StyleIndex, lists: Lists
) -> None:
    if spec.base:
        style.base_style = index.named(document.styles, spec.base)
    if spec.builtin:
        style.hidden = False
    style.quick_style = spec.kind == PARAGRAPH
    font = style.font
    if spec.size is not None:
        font.size = spec.size
    if spec.bold:
        font.bold = True
    if spec.bold or spec.size is not None:
        sized = _half_points(spec.size) if spec.size is not None else None
        set_complex_script_format(style.element, bold=spec.bold, half_points=sized)
    if spec.color is not None:
        font.color.rgb = spec.color
    if spec.underline:
        font.underline = True
    if spec.superscript:
        font.superscript = True
    if not isinstance(style, ParagraphStyle):  # ParagraphStyle extends CharacterStyle
        return
    if spec.next_style:
        style.next_paragraph_style = index.named(document.styles, spec.next_style)
    fmt = style.paragraph_format
    if spec.align is not None:
        fmt.alignment = spec.align
    if spec.space_before is not None:
        fmt.space_before = spec.space_before
    if spec.space_after is not None:
        fmt.space_after = spec.space_after
    if spec.left_indent is not None:
        fmt.left_indent = spec.left_indent
    if spec.first_line_indent is not None:
        fmt.first_line_indent = spec.first_line_indent
    if spec.keep_with_next:
        fmt.keep_with_next = True
    if spec.keep_together:
        fmt.keep_together = True
    if spec.list_kind:
        lists.ensure_list(style, spec.list_kind)
    if spec.outline_level is not None:
        set_style_outline_level(style.element, spec.outline_level)
