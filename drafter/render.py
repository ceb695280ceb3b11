"""Render clause bodies: the only Jinja2 user (sandboxed, strict), then inline markup to spans.

Body markup: Jinja2 variables; paragraphs separated by blank lines; `- ` bullet lines;
`*italic*`, `**bold**`, backslash escapes; bare URLs become links; citation markers in pandoc
syntax, `[@key]`, `[@key, p. 12]`, `[see @a; @b, ch. 3]`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from drafter.errors import TemplateError
from drafter.model import Cite, CiteItem, Location, Span
from drafter.sourcefile import did_you_mean

if TYPE_CHECKING:
    from jinja2 import nodes
    from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_OUTPUT_CHARS = 200_000  # a single clause rendering to more than this is refused

# Most bodies only print variables. Those are filled in directly, exactly as Jinja would fill
# them; anything else (blocks, filters, comments, attribute access) goes through the sandbox,
# which is then loaded on first use.
_PLACEHOLDER = re.compile(r"\{\{ *([A-Za-z_][A-Za-z0-9_]*) *\}\}")
_JINJA_GLOBALS = frozenset({"range", "dict", "lipsum", "cycler", "joiner", "namespace"})


@cache
def _env() -> ImmutableSandboxedEnvironment:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment(
        undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False
    )


@lru_cache(maxsize=4096)
def _placeholders_only(body: str) -> bool:
    """Whether the body's only template markup is `{{ name }}` placeholders."""
    rest = _PLACEHOLDER.sub("", body)
    if any(mark in rest for mark in ("{{", "{%", "{#")) or "\r" in body:
        return False
    return not any(m.group(1) in _JINJA_GLOBALS for m in _PLACEHOLDER.finditer(body))


def _fill(body: str, values: Mapping[str, Any]) -> str:
    """What Jinja renders for a placeholders-only body: values as text, one final newline cut."""
    text = _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), body)
    return text[:-1] if body.endswith("\n") else text


@dataclass(frozen=True)
class Paragraph:
    """A rendered paragraph of a clause: `bullet` for `- ` lines."""

    inlines: tuple[Span | Cite, ...]
    bullet: bool = False


@lru_cache(maxsize=4096)
def _parse(body: str) -> nodes.Template:
    return _env().parse(body)


@lru_cache(maxsize=4096)
def _compile(body: str) -> Any:
    return _env().from_string(body)


def variables_used(body: str) -> dict[str, int]:
    """Names a body reads, each with the 1-based body line of its first use."""
    if _placeholders_only(body):
        used: dict[str, int] = {}
        for match in _PLACEHOLDER.finditer(body):
            used.setdefault(match.group(1), body.count("\n", 0, match.start()) + 1)
        return used
    from jinja2 import TemplateSyntaxError, meta, nodes

    try:
        tree = _parse(body)
    except TemplateSyntaxError:
        return {}
    free = meta.find_undeclared_variables(tree) - set(_env().globals)
    used = {}
    for node in tree.find_all(nodes.Name):
        if node.ctx == "load" and node.name in free:
            used.setdefault(node.name, node.lineno)
    return used


def render_text(
    body: str,
    values: Mapping[str, Any],
    location: Location,
) -> list[Paragraph]:
    """Render a body with `values`, reporting template problems at `location` (its first line)."""
    base = location.line or 1
    simple = _placeholders_only(body)
    if not simple:
        _check_syntax(body, location)
    for name, lineno in variables_used(body).items():
        if name not in values:
            raise TemplateError(
                f"undefined variable '{name}'",
                location.path,
                base + lineno - 1,
                did_you_mean(
                    name,
                    values,
                    f"declare it under [variables.{name}] or give it a value in [vars]",
                ),
            )
    text = _fill(body, values) if simple else _render_jinja(body, values, location)
    if len(text) > MAX_OUTPUT_CHARS:
        raise TemplateError(
            f"clause renders to {len(text):,} characters",
            location.path,
            base,
            "a clause should be a paragraph or a few",
        )
    return parse_markup(text, location)


def _check_syntax(body: str, location: Location) -> None:
    from jinja2 import TemplateSyntaxError

    try:
        _parse(body)
    except TemplateSyntaxError as exc:
        raise TemplateError(
            f"template syntax error: {exc.message}",
            location.path,
            (location.line or 1) + (exc.lineno or 1) - 1,
            "fix the {{ }} or {% %} markup on that line",
        ) from None


def _render_jinja(body: str, values: Mapping[str, Any], location: Location) -> str:
    from jinja2 import UndefinedError
    from jinja2.exceptions import SecurityError
    from jinja2.exceptions import TemplateError as JinjaTemplateError

    base = location.line or 1
    try:
        return str(_compile(body).render(dict(values)))
    except SecurityError as exc:
        raise TemplateError(
            f"unsafe template operation refused: {exc}",
            location.path,
            base,
            "clause bodies may only use variables, filters and simple control flow",
        ) from None
    except UndefinedError as exc:
        raise TemplateError(
            f"undefined value: {exc.message}", location.path, base, "check the variable names"
        ) from None
    except (JinjaTemplateError, TypeError, ValueError, ArithmeticError, OverflowError) as exc:
        raise TemplateError(
            f"template failed: {exc}", location.path, base, "simplify the template expression"
        ) from None


def parse_markup(text: str, location: Location | None = None) -> list[Paragraph]:
    """Split rendered text into paragraphs and bullets, each parsed into spans and cites."""
    location = location or Location()
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
                more = _inlines(line.strip(), Location(location.path, base + start + offset))
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
    inlines = smart_quotes(_inlines(text, Location(location.path, line)))
    return Paragraph(inlines, bullet=bullet)


# --- typography ------------------------------------------------------------

_QUOTES = {'"': "“”", "'": "‘’"}  # opening, closing
_OPENS_AFTER = ' \t\n([{\u2014\u2013-/"“‘'


def smart_quotes(inlines: Sequence[Span | Cite]) -> tuple[Span | Cite, ...]:
    """Typographic quotes and apostrophes, as a word processor's autocorrect makes them.

    A quote opens at the start or after a space, bracket or dash, and closes otherwise; an
    apostrophe is always ’. Addresses are left exactly as written.
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
            chars.append(char)
            previous = char
        out.append(replace(inline, text="".join(chars)))
    return tuple(out)


# --- inline markup ---------------------------------------------------------

_TOKEN = re.compile(
    r"\\(?P<escaped>[\\*\[\]@_`])"
    r"|(?P<strong>\*\*)"
    r"|(?P<em>\*)"
    r"|(?P<cite>\[[^\[\]]*?(?:^|(?<=[\[\s;]))@[^\[\]]*\])"
    r"|(?P<url>https?://[^\s<>\"]+)"
)
_KEY = re.compile(r"@(?P<key>[\w][\w:.#$%&\-+?<>~/]*)")
_TRAILING = ".,;:!?)]}'\"’”"
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


def _inlines(text: str, location: Location) -> tuple[Span | Cite, ...]:
    tokens = list(_TOKEN.finditer(text))
    literal = _unpaired(tokens)
    out: list[Span | Cite] = []
    buffer: list[str] = []
    bold = italic = False

    def flush() -> None:
        if buffer:
            out.append(Span("".join(buffer), italic=italic, bold=bold))
            buffer.clear()

    position = 0
    for index, match in enumerate(tokens):
        buffer.append(text[position : match.start()])
        position = match.end()
        kind = match.lastgroup
        if kind == "escaped":
            buffer.append(match.group("escaped"))
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
            trimmed = url.rstrip(_TRAILING)
            flush()
            out.append(Span(trimmed, italic=italic, bold=bold, url=trimmed))
            buffer.append(url[len(trimmed) :])
    buffer.append(text[position:])
    flush()
    return _merge(out)


def _unpaired(tokens: list[re.Match[str]]) -> set[int]:
    """Indexes of `*`/`**` tokens without a partner: they stay literal asterisks."""
    literal: set[int] = set()
    for kind in ("strong", "em"):
        indexes = [i for i, t in enumerate(tokens) if t.lastgroup == kind]
        if len(indexes) % 2:
            literal.add(indexes[-1])
    return literal


def _merge(inlines: list[Span | Cite]) -> tuple[Span | Cite, ...]:
    merged: list[Span | Cite] = []
    for inline in inlines:
        if isinstance(inline, Span) and not inline.text:
            continue
        last = merged[-1] if merged else None
        if (
            isinstance(inline, Span)
            and isinstance(last, Span)
            and inline.url is None
            and last.url is None
            and (inline.italic, inline.bold) == (last.italic, last.bold)
        ):
            merged[-1] = Span(last.text + inline.text, italic=last.italic, bold=last.bold)
        else:
            merged.append(inline)
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
    if not text:
        return None, "page"
    match = _LOCATOR.match(text)
    if match:
        label = _LABELS.get(match.group("label").lower())
        if label:
            return match.group("value").strip(), label
    return text, "page"
