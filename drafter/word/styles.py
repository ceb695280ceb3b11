"""drafter's Word styles, defined in code so that users restyle by style, never by run.

Each block role maps to a paragraph style and each kind of mark to a character style. A style
the document already has (from a reference document) is left as its owner defined it.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Inches, Pt, RGBColor
from docx.styles.style import BaseStyle, ParagraphStyle

from drafter.word.numbering import BULLET, DECIMAL, ensure_list
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
    StyleSpec("Title", "Title", next_style="Normal", size=Pt(14), bold=True,
              align=WD_ALIGN_PARAGRAPH.CENTER, space_after=Pt(18), keep_with_next=True),
    StyleSpec("Heading1", "heading 1", next_style="Normal", size=BODY_SIZE, bold=True,
              space_before=Pt(12), space_after=Pt(12), keep_with_next=True, outline_level=0),
    StyleSpec("BodyText", "Body Text"),
    StyleSpec("Recital", "Recital", builtin=False),
    StyleSpec("Resolved", "Resolved", builtin=False, keep_together=True),
    StyleSpec("ListBullet", "List Bullet", list_kind=BULLET),
    StyleSpec("Request", "Request", builtin=False, list_kind=DECIMAL),
    StyleSpec("Closing", "Closing", keep_together=True),
    StyleSpec("Bibliography", "Bibliography", left_indent=Inches(0.5),
              first_line_indent=Inches(-0.5)),
    StyleSpec("Date", "Date", space_after=Pt(18)),
    StyleSpec("InsideAddress", "Inside Address", space_after=Pt(12), keep_together=True),
    StyleSpec("Subject", "Subject", builtin=False, bold=True, keep_with_next=True),
    StyleSpec("Salutation", "Salutation", keep_with_next=True),
    StyleSpec("RequestLead", "Request Lead", builtin=False, keep_with_next=True,
              space_after=Pt(6)),
    StyleSpec("Signature", "Signature", space_before=Pt(12), keep_with_next=True),
    StyleSpec("SignatoryGroup", "Signatory Group", builtin=False, bold=True,
              space_before=Pt(12), space_after=Pt(3), keep_with_next=True),
    StyleSpec("Signatory", "Signatory", builtin=False, space_after=Pt(0)),
    StyleSpec("SignatoryNote", "Signatory Note", builtin=False, space_before=Pt(6)),
    StyleSpec("CC", "Copy To", builtin=False, space_before=Pt(18)),
    StyleSpec("NoticeHeading", "Notice Heading", builtin=False, bold=True, size=Pt(14),
              align=WD_ALIGN_PARAGRAPH.CENTER, space_after=Pt(12), keep_with_next=True),
    StyleSpec("CoverField", "Cover Field", builtin=False, space_after=Pt(6), keep_with_next=True),
    StyleSpec("Reason", "Reason", builtin=False, list_kind=DECIMAL),
    StyleSpec("Legend", "Legend", builtin=False, space_before=Pt(18), keep_together=True),
    StyleSpec("FootnoteText", "footnote text", size=NOTE_SIZE, space_after=Pt(3)),
    StyleSpec("EndnoteText", "endnote text", size=NOTE_SIZE, space_after=Pt(3)),
    StyleSpec("Footer", "footer", space_after=Pt(0), align=WD_ALIGN_PARAGRAPH.CENTER),
    StyleSpec("FootnoteReference", "footnote reference", CHARACTER, base=None, superscript=True),
    StyleSpec("EndnoteReference", "endnote reference", CHARACTER, base=None, superscript=True),
    StyleSpec("Hyperlink", "Hyperlink", CHARACTER, base=None, color=RGBColor(0x05, 0x63, 0xC1),
              underline=True),
    StyleSpec("LeadWord", "Lead Word", CHARACTER, base=None, bold=True, builtin=False),
)  # fmt: skip

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


def ensure_styles(document: DocxDocument, own_normal: bool = True) -> dict[str, BaseStyle]:
    """Add every drafter style the document lacks; with `own_normal`, set up Normal too.

    Returns the styles by id. A style found by id or by name is kept as it is.
    """
    styles = document.styles
    by_id = {s.style_id: s for s in styles}
    by_name = {s.name.lower(): s for s in styles if s.name}
    if own_normal:
        _set_normal(styles["Normal"])  # type: ignore[arg-type]
    found: dict[str, BaseStyle] = {}
    for spec in STYLES:
        style = by_id.get(spec.style_id) or by_name.get(spec.name.lower())
        if style is None:
            style = styles.add_style(spec.name, spec.kind, builtin=spec.builtin)
            style.element.styleId = spec.style_id
            _apply(document, style, spec)
        found[spec.style_id] = style
    return found


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
    return round(size.pt * 2)


def _apply(document: DocxDocument, style: BaseStyle, spec: StyleSpec) -> None:
    if spec.base:
        style.base_style = document.styles[spec.base]
    if spec.builtin:
        style.hidden = False
    style.quick_style = spec.kind == PARAGRAPH
    font = style.font  # type: ignore[attr-defined]
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
        style.next_paragraph_style = document.styles[spec.next_style]
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
        ensure_list(document, style, spec.list_kind)
    if spec.outline_level is not None:
        set_style_outline_level(style.element, spec.outline_level)
