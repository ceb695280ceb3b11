"""Render clause bodies: placeholders filled (through `render.sandbox` unless plain), then inline
markup parsed to spans.

Body markup: Jinja2 variables; paragraphs separated by blank lines; `- ` bullet lines;
`*italic*`, `**bold**`; backslash escapes of `\\`, `*`, `[`, `]`, `@`, `_`, `-`, the backtick
and straight quotes (`\\'` stays `'`; an address ends at a backslash); bare URLs become links;
citation markers in pandoc syntax, `[@key]`, `[@key, p. 12]`, `[see @a; @b, ch. 3]`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from datetime import time as clock_time
from typing import Any

from drafter.errors import TemplateError, quoted
from drafter.files.reading import did_you_mean
from drafter.model import UNWRITABLE, Cite, CiteItem, Location, Span
from drafter.render.limits import MAX_OUTPUT_CHARS
from drafter.render.sandbox import (
    PLACEHOLDER,
    check_syntax,
    placeholders_only,
    render_jinja,
    variables_used,  # also imported from here, beside render_text
)


@dataclass(frozen=True)
class Paragraph:
    """A rendered paragraph of a clause: `bullet` for `- ` lines."""

    inlines: tuple[Span | Cite, ...]
    bullet: bool = False


# Most bodies only print variables. Those are filled in directly (`_fill`), exactly as Jinja would
# fill them; anything else (blocks, filters, comments, attribute access) goes through the
# sandbox, which is then loaded on first use. These are the values filled in directly.
_PLAIN_VALUES = (str, int, float, type(None), date, clock_time)


def render_text(
    body: str,
    values: Mapping[str, Any],
    location: Location,
) -> list[Paragraph]:
    """Render a body with `values`, reporting template problems at `location` (its first line)."""
    base = location.line or 1
    simple = placeholders_only(body)
    if not simple:
        check_syntax(body, location)
    used = variables_used(body)
    for name, lineno in used.items():
        if name not in values:
            raise TemplateError(
                f"undefined variable {quoted(name)}",
                location.path,
                base + lineno - 1,
                did_you_mean(
                    name,
                    values,
                    f"declare it under [variables.{name}] or give it a value in [vars]",
                ),
            )
    if simple and not all(isinstance(values[name], _PLAIN_VALUES) for name in used):
        simple = False  # a list or any other object is printed by the sandbox, checked first
    text = _fill(body, values, location) if simple else render_jinja(body, values, location)
    if len(text) > MAX_OUTPUT_CHARS:
        raise TemplateError(
            f"clause renders to {len(text):,} characters",
            location.path,
            base,
            "a clause should be a paragraph or a few",
        )
    return parse_markup(text, location)


def _fill(body: str, values: Mapping[str, Any], location: Location | None = None) -> str:
    """What Jinja renders for a placeholders-only body: values as text, one final newline cut.

    The length is added up before the text is built: a body of many placeholders for a long
    value is refused at the line where it passes MAX_OUTPUT_CHARS, without building it."""
    location = location or Location()
    texts: dict[str, str] = {}
    size = len(body) - sum(len(m.group()) for m in PLACEHOLDER.finditer(body))  # the literal text
    for match in PLACEHOLDER.finditer(body):
        name = match.group(1)
        if name not in texts:
            texts[name] = str(values[name])
        size += len(texts[name])
        if size > MAX_OUTPUT_CHARS:
            raise TemplateError(
                f"clause renders to more than {MAX_OUTPUT_CHARS:,} characters",
                location.path,
                (location.line or 1) + body.count("\n", 0, match.start()),
                "a clause should be a paragraph or a few",
            )
    text = PLACEHOLDER.sub(lambda m: texts[m.group(1)], body)
    return text[:-1] if body.endswith("\n") else text


# --- paragraphs ------------------------------------------------------------


def parse_markup(text: str, location: Location | None = None) -> list[Paragraph]:
    """Split rendered text into paragraphs and bullets, each parsed into spans and cites.

    Characters no document can hold are dropped (`assembly.checks` warns where they were); a
    carriage return ends a line and a vertical tab stays a line break inside its paragraph."""
    location = location or Location()
    text = UNWRITABLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    paragraphs: list[Paragraph] = []
    base = location.line or 1
    for start, chunk in _chunks(text):
        lines = chunk.split("\n")
        prose: list[str] = []
        prose_line = start
        for offset, line in enumerate(lines):
            if line.lstrip().startswith(("- ", "* ")) and not line.lstrip().startswith("**"):
                if prose:
                    paragraphs.append(_paragraph(" ".join(prose), location, base + prose_line))
                    prose = []
                item = line.lstrip()[2:].strip()
                paragraphs.append(_paragraph(item, location, base + start + offset, bullet=True))
                prose_line = start + offset + 1
            elif (
                paragraphs and paragraphs[-1].bullet and line.startswith((" ", "\t")) and not prose
            ):
                last = paragraphs.pop()  # a continuation line of the previous bullet
                more = _straight(
                    _inlines(line.strip(), Location(location.path, base + start + offset))
                )
                paragraphs.append(Paragraph((*last.inlines, Span(" "), *more), bullet=True))
                prose_line = start + offset + 1
            else:
                if not prose:
                    prose_line = start + offset
                prose.append(line.strip())
        if prose:
            paragraphs.append(_paragraph(" ".join(prose), location, base + prose_line))
    return [p for p in paragraphs if p.inlines]


def _chunks(text: str) -> list[tuple[int, str]]:
    """Blank-line separated chunks, each with its 0-based starting line."""
    chunks: list[tuple[int, str]] = []
    current: list[str] = []
    first = 0
    for number, line in enumerate(text.split("\n")):
        if line.strip():
            if not current:
                first = number
            current.append(line)
        elif current:
            chunks.append((first, "\n".join(current)))
            current = []
    if current:
        chunks.append((first, "\n".join(current)))
    return chunks


def _paragraph(text: str, location: Location, line: int, bullet: bool = False) -> Paragraph:
    """One paragraph or bullet of `text`, its inlines parsed and its quotes made typographic."""
    inlines = smart_quotes(_inlines(text, Location(location.path, line)))
    return Paragraph(inlines, bullet=bullet)


# --- typography ------------------------------------------------------------

_QUOTES = {'"': "“”", "'": "‘’"}  # opening, closing
_OPENS_AFTER = ' \t\n([{\u2014\u2013-/"“‘'
# An escaped quote (`\'`, `\"`) goes through `smart_quotes` as a control character: parse_markup
# drops every one from its text (UNWRITABLE) first, so no typed character is taken for one.
_STRAIGHT = {"'": "\x01", '"': "\x02"}
_RESTORE = str.maketrans({v: k for k, v in _STRAIGHT.items()})


def smart_quotes(inlines: Sequence[Span | Cite]) -> tuple[Span | Cite, ...]:
    """Typographic quotes and apostrophes, as a word processor's autocorrect makes them.

    A quote opens at the start or after a space, bracket or dash, and closes otherwise; an
    apostrophe is always ’. Addresses and escaped quotes are left exactly as written.
    """
    out: list[Span | Cite] = []
    previous = " "
    for inline in inlines:
        if not isinstance(inline, Span) or inline.url:
            out.append(inline)
            previous = "x" if isinstance(inline, Span) else previous
            continue
        chars = []
        for char in inline.text:
            if char in _QUOTES:
                char = _QUOTES[char][previous not in _OPENS_AFTER]
            previous = char.translate(_RESTORE)
            chars.append(previous)
        out.append(replace(inline, text="".join(chars)))
    return tuple(out)


def _straight(inlines: Sequence[Span | Cite]) -> tuple[Span | Cite, ...]:
    """`inlines` with their escaped quotes straight and every other quote as it is."""
    return tuple(
        replace(i, text=i.text.translate(_RESTORE)) if isinstance(i, Span) else i for i in inlines
    )


# --- inline markup ---------------------------------------------------------
#
# Every pattern here runs in time linear in the text, on any text: rendered bodies are parsed
# outside the sandbox's budget.

_TOKEN = re.compile(
    r"\\(?P<escaped>[\\*\[\]@_`'\"-])"  # `\-` keeps a line's leading `- ` from being a bullet
    r"|(?P<strong>\*\*)"
    r"|(?P<em>\*)"
    r"|(?P<cite>\[[^\[\]]*\])"  # a citation if `_CITE_AT` finds an `@` inside (`_tokens`)
    r"|(?P<url>https?://[^\s<>\"\\]*[^\s<>\"*\\])"  # a closing `*`, `**` or `\` is not
)
_CITE_AT = re.compile(r"[\[\s;]@")  # an `@` after the `[`, a space or a `;`
_KEY = re.compile(r"@(?P<key>[\w][\w:.#$%&\-+?<>~/]*)")
URL_TRAILING = ".,;:!?)]}'\"’”"
_LABELS = {
    "p": "page",
    "pp": "page",
    "page": "page",
    "pages": "page",
    "ch": "chapter",
    "chap": "chapter",
    "chapter": "chapter",
    "chapters": "chapter",
    "sec": "section",
    "section": "section",
    "§": "section",
    "§§": "section",
    "para": "paragraph",
    "paras": "paragraph",
    "paragraph": "paragraph",
    "¶": "paragraph",
    "n": "note",
    "nn": "note",
    "note": "note",
    "fig": "figure",
    "figure": "figure",
    "vol": "volume",
    "volume": "volume",
    "col": "column",
    "column": "column",
    "l": "line",
    "line": "line",
    "ll": "line",
    "no": "issue",
    "art": "article",
    "article": "article",
    "part": "part",
    "pt": "part",
}
_LOCATOR = re.compile(r"^(?P<label>[A-Za-z]+|§§?|¶)\.?\s*(?P<value>\S.*)$")
# The same on a locator with a line break, where only the whole leading word can be the label:
# trying each shorter one would take time quadratic in its length.
_LOCATOR_LINES = re.compile(r"^(?P<label>[A-Za-z]++|§§?|¶)\.?\s*(?P<value>\S.*)$")


def _inlines(text: str, location: Location) -> tuple[Span | Cite, ...]:
    """The spans and cites of one paragraph: emphasis, escapes, links and citations read."""
    text = text.replace("\v", "\n")
    tokens = _tokens(text)
    literal = _unpaired(tokens)
    out: list[Span | Cite] = []
    buffer: list[str] = []
    bold = italic = False

    def flush() -> None:
        """End the current run of text as one span in the current style."""
        if buffer:
            out.append(Span("".join(buffer), italic=italic, bold=bold))
            buffer.clear()

    position = 0
    for index, match in enumerate(tokens):
        buffer.append(text[position : match.start()])
        position = match.end()
        kind = match.lastgroup
        if kind == "escaped":
            buffer.append(_STRAIGHT.get(match.group("escaped"), match.group("escaped")))
        elif index in literal:
            buffer.append(match.group())
        elif kind == "strong":
            flush()
            bold = not bold
        elif kind == "em":
            flush()
            italic = not italic
        elif kind == "cite":
            cite = _cite(match.group("cite"), location)
            if cite is None:
                buffer.append(match.group())
            else:
                flush()
                out.append(cite)
        elif kind == "url":
            url = match.group("url")
            trimmed = url.rstrip(URL_TRAILING)
            flush()
            out.append(Span(trimmed, italic=italic, bold=bold, url=trimmed))
            buffer.append(url[len(trimmed) :])
    buffer.append(text[position:])
    flush()
    return _merge(out)


def _tokens(text: str) -> list[re.Match[str]]:
    """The markup tokens of `text`; brackets without a citation inside are text."""
    tokens: list[re.Match[str]] = []
    position = 0
    while (match := _TOKEN.search(text, position)) is not None:
        if match.lastgroup == "cite" and not _CITE_AT.search(match.group()):
            position = match.start() + 1  # no token starts with `[` but a cite
            continue
        tokens.append(match)
        position = match.end()
    return tokens


def _unpaired(tokens: list[re.Match[str]]) -> set[int]:
    """Indexes of `*`/`**` tokens without a partner: they stay literal asterisks."""
    literal: set[int] = set()
    for kind in ("strong", "em"):
        indexes = [i for i, t in enumerate(tokens) if t.lastgroup == kind]
        if len(indexes) % 2:
            literal.add(indexes[-1])
    return literal


def _merge(inlines: list[Span | Cite]) -> tuple[Span | Cite, ...]:
    """Empty spans dropped and neighbours of one style joined (once, not text by growing text)."""
    runs: list[list[Span | Cite]] = []
    for inline in inlines:
        if isinstance(inline, Span) and not inline.text:
            continue
        last = runs[-1][-1] if runs else None
        if (
            isinstance(inline, Span)
            and isinstance(last, Span)
            and inline.url is None
            and last.url is None
            and (inline.italic, inline.bold) == (last.italic, last.bold)
        ):
            runs[-1].append(inline)
        else:
            runs.append([inline])
    merged: list[Span | Cite] = []
    for run in runs:
        first = run[0]
        if len(run) > 1 and isinstance(first, Span):
            text = "".join(s.text for s in run if isinstance(s, Span))
            first = Span(text, italic=first.italic, bold=first.bold)
        merged.append(first)
    return tuple(merged)


def _cite(marker: str, location: Location) -> Cite | None:
    """Parse `[prefix @key, locator; ...]`; None if it is not a citation after all."""
    items = []
    for part in marker[1:-1].split(";"):
        match = _KEY.search(part)
        if match is None:
            return None
        before = part[: match.start()]
        if before.strip() and not before.endswith((" ", "\t")):
            return None  # an e-mail address or similar, not a citation
        key = match.group("key").rstrip(".:")
        rest = part[match.start() + 1 + len(key) :]
        locator, label, suffix = None, "page", ""
        rest = rest.strip()
        if rest.startswith(","):
            locator, label = _locator(rest[1:].strip())
        elif rest:
            suffix = rest
        items.append(
            CiteItem(key=key, locator=locator, label=label, prefix=before.strip(), suffix=suffix)
        )
    return Cite(tuple(items), location)


def _locator(text: str) -> tuple[str | None, str]:
    """A citation's locator and its CSL label (`page` unless a known label leads it)."""
    if not text:
        return None, "page"
    match = (_LOCATOR_LINES if "\n" in text else _LOCATOR).match(text)
    if match:
        label = _LABELS.get(match.group("label").lower())
        if label:
            return match.group("value").strip(), label
    return text, "page"
