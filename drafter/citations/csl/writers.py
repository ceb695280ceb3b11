"""A `Rich` tree written out: as the HTML of the CSL test suite, or as drafter's Spans.

Both writers walk the tree once, without recursion, and share its reading: formatting
flip-flops (italic inside italic reads upright, bold inside bold normal, small caps inside small
caps normal; an explicit `normal` shows only inside what it undoes), quotation marks alternate
outer and inner with depth, and with `punctuation_in_quote` a `.` or `,` right after a closing
quotation mark moves inside it, across node boundaries. One node's own formatting nests as
citeproc-js applies it: font-style innermost, then font-variant, font-weight, text-decoration and
vertical-align, quotation marks outside them, a `display` division outside everything. A node
that writes no text writes nothing at all, not even its tags or quotation marks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from drafter.citations.csl.markup import QUOTE_ROLE
from drafter.citations.csl.rich import FORMATTING, Rich
from drafter.model import Span

# Innermost first: the order in which citeproc-js wraps one element's output.
_WRAPPING = ("font-style", "font-variant", "font-weight", "text-decoration", "vertical-align")
_UPRIGHT = ("normal", "normal", "normal", "none", "baseline")
_PLAIN: tuple[str, ...] = tuple(_UPRIGHT[_WRAPPING.index(a)] for a in FORMATTING)

_TAGS = {
    ("font-style", "italic"): ("<i>", "</i>"),
    ("font-style", "oblique"): ("<em>", "</em>"),
    ("font-weight", "bold"): ("<b>", "</b>"),
    ("vertical-align", "sup"): ("<sup>", "</sup>"),
    ("vertical-align", "sub"): ("<sub>", "</sub>"),
    ("vertical-align", "baseline"): ('<span style="baseline">', "</span>"),
}
_DISPLAY = {
    "block": ('\n\n    <div class="csl-block">', "</div>\n"),
    "left-margin": ('\n    <div class="csl-left-margin">', "</div>"),
    "right-inline": ('<div class="csl-right-inline">', "</div>\n  "),
    "indent": ('<div class="csl-indent">', "</div>\n  "),
}
_ALIGNED = (("vertical-align", "sup"), ("vertical-align", "sub"))
_MOVABLE = ".,"


@dataclass(frozen=True)
class QuoteMarks:
    """A locale's quotation marks, and whether `.` and `,` go inside a closing one."""

    open: str = "\u201c"
    close: str = "\u201d"
    open_inner: str = "\u2018"
    close_inner: str = "\u2019"
    punctuation_in_quote: bool = False


Look = tuple[str, ...]  # the formatting in effect, by FORMATTING's order


@dataclass(frozen=True)
class _Piece:
    """One piece of output: text in a look, or (look None) markup for HTML only."""

    text: str
    look: Look | None
    content: bool = True  # text of the tree, not a quotation mark
    display: bool = False
    closing: bool = False  # the end of a display division


def to_html(rich: Rich, marks: QuoteMarks) -> str:
    """The tree as the CSL test suite writes it: `<i>`, `<b>`, styled spans, display divs."""
    out = []
    for piece in _pieces(rich, marks):
        out.append(piece.text if piece.look is None else _escaped(piece.text))
    return "".join(out)


def to_spans(rich: Rich, marks: QuoteMarks) -> tuple[Span, ...]:
    """The tree as Spans, quotation marks as characters, equally formatted runs merged; a
    display division is set off from the text beside it by a space."""
    runs: list[tuple[str, Look]] = []
    space_due = False
    for piece in _pieces(rich, marks):
        if piece.look is None:
            space_due = space_due or piece.display
            continue
        text = piece.text
        if space_due and runs and not runs[-1][0][-1:].isspace() and not text[:1].isspace():
            text = " " + text
        space_due = False
        if runs and runs[-1][1] == piece.look:
            runs[-1] = (runs[-1][0] + text, piece.look)
        else:
            runs.append((text, piece.look))
    return tuple(_span(text, look) for text, look in runs)


def _span(text: str, look: Look) -> Span:
    style, variant, weight, _, align = (look[FORMATTING.index(a)] for a in _WRAPPING)
    return Span(
        text,
        italic=style in ("italic", "oblique"),
        bold=weight == "bold",
        small_caps=variant == "small-caps",
        superscript=align == "sup",
        subscript=align == "sub",
    )


def _flipped(attribute: str, value: str, current: str) -> str | None:
    """What `attribute` becomes when a node sets `value` inside `current`; None: no change."""
    plain = _UPRIGHT[_WRAPPING.index(attribute)]
    if value == plain:  # an explicit normal shows only inside what it undoes
        return plain if current != plain else None
    if attribute == "font-style" and value in ("italic", "oblique"):
        return plain if current != plain else value
    if (attribute, value) in (("font-variant", "small-caps"), ("font-weight", "bold")):
        return plain if current == value else value
    if (attribute, value) in (("text-decoration", "underline"), *_ALIGNED):
        return value if current != value else None
    return None  # light, unknown values: nothing to show


def _tags(attribute: str, value: str) -> tuple[str, str]:
    if (attribute, value) in _TAGS:
        return _TAGS[attribute, value]
    return f'<span style="{attribute}:{value};">', "</span>"


@dataclass
class _Open:
    """A node being written: where its output began, and what to restore at its end."""

    start: int
    content: int
    look: Look
    depth: int
    closers: list[_Piece]


def _pieces(rich: Rich, marks: QuoteMarks) -> list[_Piece]:
    events = list(_events(rich))
    moved, trimmed = _moved_punctuation(events) if marks.punctuation_in_quote else ({}, {})
    out: list[_Piece] = []
    opened: list[_Open] = []
    look: Look = _PLAIN
    depth = 0
    content = 0
    for index, event in enumerate(events):
        if index in moved:
            out.append(_Piece(moved[index], look))
            content += 1
        if isinstance(event, str):
            text = trimmed.get(index, event)
            if text:
                out.append(_Piece(text, look))
                content += 1
        elif event[0] == "open":
            node = event[1]
            frame = _Open(len(out), content, look, depth, [])
            opened.append(frame)
            if node.display in _DISPLAY:
                start, end = _DISPLAY[node.display]
                out.append(_Piece(start, None, display=True))
                frame.closers.append(_Piece(end, None, display=True, closing=True))
            if node.quotes:
                outer = depth % 2 == 0
                out.append(_Piece(marks.open if outer else marks.open_inner, look, False))
                frame.closers.append(
                    _Piece(marks.close if outer else marks.close_inner, look, False)
                )
                depth += 1
            for attribute in reversed(_WRAPPING):
                value = node.formatting.get(attribute)
                position = FORMATTING.index(attribute)
                if value is None:
                    continue
                effect = _flipped(attribute, value, look[position])
                if effect is None:
                    continue
                start, end = _tags(attribute, effect)
                out.append(_Piece(start, None))
                frame.closers.append(_Piece(end, None))
                look = (*look[:position], effect, *look[position + 1 :])
        else:
            frame = opened.pop()
            if content == frame.content:
                del out[frame.start :]  # nothing written inside: no tags, no marks
            else:
                out.extend(reversed(frame.closers))
            look, depth = frame.look, frame.depth
    return _settled(out)


_TRAILING = ".,;:!?"


def _settled(out: list[_Piece]) -> list[_Piece]:
    """Display divisions as citeproc-js writes an entry of them: punctuation left after the
    last one (a layout's suffix) goes inside it, and white space that starts or ends the entry
    is written outside the divisions around it."""
    closers = [i for i, piece in enumerate(out) if piece.closing]
    if not closers:
        return out
    last = closers[-1]
    rest = out[last + 1 :]
    if rest and all(p.look is not None and p.text.strip(_TRAILING) == "" for p in rest):
        at = last
        while at > 0 and out[at - 1].closing:
            at -= 1
        out = [*out[:at], *rest, *out[at : last + 1]]
    end = len(out)
    while end and out[end - 1].closing:
        end -= 1
    if end < len(out) and end and out[end - 1].look is not None:
        piece = out[end - 1]
        kept = piece.text.rstrip()
        if kept != piece.text:
            space = _Piece(piece.text[len(kept) :], piece.look, piece.content)
            out = [*out[: end - 1], _Piece(kept, piece.look, piece.content), *out[end:], space]
    start = 0
    while start < len(out) and out[start].display and not out[start].closing:
        start += 1
    if 0 < start < len(out) and out[start].look is not None:
        piece = out[start]
        kept = piece.text.lstrip()
        if kept != piece.text:
            space = _Piece(piece.text[: len(piece.text) - len(kept)], piece.look, piece.content)
            out = [space, *out[:start], _Piece(kept, piece.look, piece.content), *out[start + 1 :]]
    return out


Event = str | tuple[str, Rich]


def _events(rich: Rich) -> Iterator[Event]:
    """The tree in reading order: ("open", node), its strings and nodes, ("close", node)."""
    yield ("open", rich)
    stack = [(rich, iter(rich.children))]
    while stack:
        node, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            yield ("close", node)
        elif isinstance(child, str):
            if child:
                yield child
        else:
            yield ("open", child)
            stack.append((child, iter(child.children)))


def _moved_punctuation(events: list[Event]) -> tuple[dict[int, str], dict[int, str]]:
    """Where a `.` or `,` after closing quotation marks goes, inside the innermost of them (by
    event index, before which it is written), and what is left of the strings it left. A
    quotation read from a value's text keeps out punctuation written right after it in that
    same text (a prefix's "'quote', "); the style's quotation marks always take it."""
    moved: dict[int, str] = {}
    trimmed: dict[int, str] = {}
    last_text = ""
    texts = 0  # strings with text so far
    opened: list[tuple[int, Rich]] = []  # each open node, and the count of strings at its open
    closing: int | None = None  # the first quotation closed since the last text
    styled = False  # whether one of those is the style's
    around: Rich | None = None  # the node holding the outermost of them
    for index, event in enumerate(events):
        if isinstance(event, str):
            mark = event[0]
            inside = opened[-1][1] if opened else None
            if (
                closing is not None
                and (styled or inside is not around)
                and mark in _MOVABLE
                and event[:2] != ".."
            ):
                if not (last_text[-1] == mark or (mark == "." and last_text[-1] in "?!")):
                    moved[closing] = mark  # else it doubles what ends the quotation: dropped
                event = trimmed[index] = event[1:]
            if event:
                last_text = event
                texts += 1
                closing, styled, around = None, False, None
        elif event[0] == "open":
            opened.append((texts, event[1]))
        elif opened.pop()[0] < texts and event[1].quotes:
            closing = index if closing is None else closing
            styled = styled or event[1].role != QUOTE_ROLE
            around = opened[-1][1] if opened else None
    return moved, trimmed


_SUPERSCRIPTS = dict(
    zip(
        "ª²³¹ºʰʱʲʳʴʵʶʷʸˠˡˢˣˤᴬᴭᴮᴰᴱᴲᴳᴴᴵᴶᴷᴸᴹᴺᴼᴽᴾᴿᵀᵁᵂᵃᵄᵅᵆᵇᵈᵉᵊᵋᵌᵍᵏᵐᵑᵒᵓᵔᵕᵖᵗᵘᵙᵚᵛᵜᵝᵞᵟᵠᵡ"
        "⁰ⁱ⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ℠™㆒㆓㆔㆕㆖㆗㆘㆙㆚㆛㆜㆝㆞㆟ˀˁۥۦ",
        [
            *"a231ohɦjrɹɻʁwyɣlsxʕAÆBDEƎGHIJKLMNOȢPRTUWaɐɑᴂbdeəɛɜgkmŋoɔᴖᴗptuᴝɯvᴥβγδφχ",
            *"0i456789+−=()n",
            "SM",
            "TM",
            *"一二三四上中下甲乙丙丁天地人ʔʕوي",
        ],
        strict=True,
    )
)


def _escaped(text: str) -> str:
    """Text for the suite's HTML: `&`, `<`, `>` as numeric entities, and each superscript
    character (`²`, `ª`, `™`) as `<sup>` around its plain letter, as citeproc-js writes them."""
    text = text.replace("&", "&#38;").replace("<", "&#60;").replace(">", "&#62;")
    if any(c in _SUPERSCRIPTS for c in text):
        text = "".join(f"<sup>{_SUPERSCRIPTS[c]}</sup>" if c in _SUPERSCRIPTS else c for c in text)
    return text
