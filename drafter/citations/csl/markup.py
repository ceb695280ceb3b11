"""Rich text inside CSL-JSON values, as Zotero and citeproc-js write it, read into a `Rich` tree.

Recognised: `<i>`, `<b>`, `<sc>`, `<sup>`, `<sub>`, `<span class="nocase">`, `<span
class="nodecor">`, `<span style="...">` with font-style, font-variant, font-weight,
text-decoration or vertical-align declarations, the entities `&amp; &lt; &gt; &quot; &apos;
&nbsp;` and numeric ones, and quotation marks: straight and curly, double and single. A quote
opens at the start, after whitespace, `(`, `[`, `{` or another opening mark or tag, and closes
elsewhere; a single quote inside a word (`don't`, `l'amour`) is an apostrophe and is written `’`,
as is any straight single quote left unpaired. Anything else, an unknown tag, a closing tag with
nothing to close, an opener never closed, stays literal text. Reading is one pass with an
explicit stack: linear in the text's length, never recursive, never raising, and at most
`MAX_DEPTH` levels deep (openers beyond it are kept as text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.citations.csl.rich import Rich

MAX_DEPTH = 48

APOSTROPHE = "\u2019"
QUOTE_ROLE = "markup:quote"  # the role of a quotation read from the text, not set by the style

_MARKUP = re.compile("[<&\"'\u201c\u201d\u2018\u2019]")
_TOKEN = re.compile(
    r"(?P<tag><(?P<slash>/?)(?P<name>i|b|sc|sup|sub)\s*>)"
    r"|(?P<span><span\s[^<>]{0,500}>)"
    r"|(?P<endspan></span\s*>)"
    r"|(?P<other></?[a-zA-Z][^<>]{0,500}>)"  # any other tag: text, its quotes no quotation
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,5});)"
    "|(?P<quote>[\"'\u201c\u201d\u2018\u2019])",
    re.IGNORECASE,
)
_ATTRIBUTE = re.compile(r"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "nbsp": "\u00a0"}
_TAGS = {
    "i": ("font-style", "italic"),
    "b": ("font-weight", "bold"),
    "sc": ("font-variant", "small-caps"),
    "sup": ("vertical-align", "sup"),
    "sub": ("vertical-align", "sub"),
}
_STYLES = {
    "font-style": {"italic", "oblique", "normal"},
    "font-variant": {"small-caps", "normal"},
    "font-weight": {"bold", "normal", "light"},
    "text-decoration": {"underline", "none"},
    "vertical-align": {"sup", "sub", "baseline"},
}
_NODECOR = {"font-style": "normal", "font-variant": "normal", "font-weight": "normal"}
_OPENS_AFTER = "([{"
# Each quotation mark that can open, and the mark that closes it.
_CLOSER = {'"': '"', "'": "'", "\u201c": "\u201d", "\u2018": "\u2019"}


@dataclass
class _Frame:
    """An opener waiting for its closer: `kind` is what closes it ("i", "span", '"', ...)."""

    kind: str
    start: int  # index in the output list of the opener's literal text
    node: Rich | None  # what it becomes when closed; None: a literal pair (unknown, too deep)
    closer: str = ""


@dataclass
class _Reader:
    text: str
    out: list[Rich | str] = field(default_factory=list)
    stack: list[_Frame] = field(default_factory=list)
    open_kinds: dict[str, int] = field(default_factory=dict)
    depth: int = 0  # frames on the stack that will become nodes
    after_opener: bool = True  # nothing but openers since the start or the last opener
    prev: str = ""  # the last character of text so far (tags are not text)

    def read(self) -> Rich:
        position = 0
        for match in _TOKEN.finditer(self.text):
            if match.start() > position:
                self.literal(self.text[position : match.start()])
            position = match.end()
            kind = match.lastgroup
            if kind == "tag":
                self.tag(match)
            elif kind == "span":
                self.span(match.group())
            elif kind == "endspan":
                self.close("span", match.group())
            elif kind == "other":
                self.literal(match.group())
            elif kind == "entity":
                self.literal(_entity(match.group()))
            else:
                self.quote(match.group(), match.end())
        if position < len(self.text):
            self.literal(self.text[position:])
        while self.stack:
            self.abandon(self.stack.pop())
        return Rich(_merged(self.out))

    def literal(self, text: str) -> None:
        self.out.append(text)
        self.prev = text[-1]
        self.after_opener = False

    def tag(self, match: re.Match[str]) -> None:
        name = match.group("name").lower()
        if match.group("slash"):
            self.close(name, match.group())
        else:
            attribute, value = _TAGS[name]
            self.open(name, match.group(), Rich(formatting={attribute: value}))

    def span(self, raw: str) -> None:
        self.open("span", raw, _span_node(raw))

    def quote(self, mark: str, end: int) -> None:
        before = self.prev
        after = self.text[end] if end < len(self.text) else ""
        opening = self.after_opener or before.isspace() or before in _OPENS_AFTER
        if mark in "'\u2019" and before.isalnum() and after.isalnum():
            self.literal(APOSTROPHE)  # inside a word: l'amour, don't
        elif mark == "\u201d" or (mark == '"' and not opening):
            self.close_quote(mark)
        elif mark == "\u2019" or (mark == "'" and not opening):
            top = self.stack[-1] if self.stack else None
            if top is not None and top.kind == "quote" + mark:
                self.close("quote" + mark, mark)
            else:
                self.literal(APOSTROPHE)
        elif mark == "'" and (not after or after.isspace()):
            self.literal(APOSTROPHE)  # a lone mark between spaces: "d ' eau"
        else:
            self.open("quote", mark, Rich(quotes=True, role=QUOTE_ROLE), _CLOSER[mark])

    def close_quote(self, mark: str) -> None:
        if self.open_kinds.get("quote" + mark, 0):
            self.close("quote" + mark, mark)
        else:
            self.literal(mark)

    def open(self, kind: str, raw: str, node: Rich | None, closer: str = "") -> None:
        if self.depth >= MAX_DEPTH:
            node = None
        key = kind + closer
        self.stack.append(_Frame(key, len(self.out), node, closer))
        self.open_kinds[key] = self.open_kinds.get(key, 0) + 1
        if node is not None:
            self.depth += 1
        self.out.append(raw)
        self.after_opener = True

    def close(self, kind: str, raw: str) -> None:
        """Close the innermost opener of `kind`, leaving those inside it as literal text."""
        if not self.open_kinds.get(kind, 0):
            self.literal(raw)
            return
        frame = self.pop()
        while frame.kind != kind:
            self.abandon(frame)
            frame = self.pop()
        if frame.node is None:
            self.literal(raw)  # a pair kept as text: an unknown span, or one too deep
            return
        children = _merged(self.out[frame.start + 1 :])
        if frame.node.quotes and not children:
            self.literal(raw)  # an empty quotation ("") as written
            return
        del self.out[frame.start :]
        self.after_opener = False
        if children:  # an empty tag pair (<i></i>) is dropped
            frame.node.children = children
            self.out.append(frame.node)

    def pop(self) -> _Frame:
        frame = self.stack.pop()
        self.open_kinds[frame.kind] -= 1
        if frame.node is not None:
            self.depth -= 1
        return frame

    def abandon(self, frame: _Frame) -> None:
        """An opener that is never closed: its text stays, a straight single quote as `’`."""
        if frame.kind == "quote'":
            self.out[frame.start] = APOSTROPHE


_GUILLEMET_SPACE = re.compile("(\u00ab)[ \u00a0]+|[ \u00a0]+(\u00bb)")


def parse_markup(text: str) -> Rich:
    """The rich text of a CSL-JSON value: formatting, nocase spans and quotations as nodes; the
    space inside French guillemets is a narrow no-break space ("«\u202fmot\u202f»")."""
    if not text:
        return Rich()
    if "\u00ab" in text or "\u00bb" in text:
        text = _GUILLEMET_SPACE.sub(lambda m: (m[1] or "") + "\u202f" + (m[2] or ""), text)
    if not _MARKUP.search(text):
        return Rich([text])
    return _Reader(text).read()


def _entity(raw: str) -> str:
    """The character an entity stands for, or the entity itself when it names none."""
    body = raw[1:-1]
    if not body.startswith("#"):
        return _ENTITIES.get(body.lower(), raw)
    try:
        code = int(body[2:], 16) if body[1] in "xX" else int(body[1:])
    except ValueError:
        return raw
    if code == 0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return raw
    return chr(code)


def _span_node(raw: str) -> Rich | None:
    """What a `<span ...>` opener means, or None when it is no span drafter knows."""
    node = Rich()
    known = False
    for name, double, single in _ATTRIBUTE.findall(raw):
        value = (double or single).strip().lower()
        name = name.lower()
        if name == "class" and value == "nocase":
            node.nocase = known = True
        elif name == "class" and value == "nodecor":
            node.formatting.update(_NODECOR)
            known = True
        elif name == "style":
            for declaration in value.split(";"):
                prop, _, setting = declaration.partition(":")
                prop, setting = prop.strip(), setting.strip()
                if setting == "super":
                    setting = "sup"
                if setting in _STYLES.get(prop, ()):
                    node.formatting[prop] = setting
                    known = True
    return node if known else None


def _merged(items: list[Rich | str]) -> list[Rich | str]:
    """The items with each run of adjacent strings joined into one, empty strings dropped."""
    merged: list[Rich | str] = []
    run: list[str] = []
    for item in items:
        if isinstance(item, str):
            run.append(item)
            continue
        if run:
            joined = "".join(run)
            if joined:
                merged.append(joined)
            run = []
        merged.append(item)
    if run and (joined := "".join(run)):
        merged.append(joined)
    return merged
