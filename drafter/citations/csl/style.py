"""A CSL style compiled for evaluation: citeproc-py parses the XML, this module turns its elements
into `nodes` once, with the style's options, macros, sort keys and merged locale."""

from __future__ import annotations

import io
import threading
import warnings
from typing import Any

from citeproc.frontend import CitationStylesXML  # type: ignore[import-untyped]

from drafter.citations.csl import dates, names, nodes  # noqa: F401  (dates and names register cs:date and cs:names)
from drafter.citations.csl.data import Item
from drafter.citations.csl.locale import CS, Locale
from drafter.citations.csl.nodes import Layout, Node, Text
from drafter.citations.csl.writers import QuoteMarks

# Options a style, cs:citation or cs:bibliography may set for every name in it.
NAME_OPTIONS = (
    "and",
    "delimiter-precedes-et-al",
    "delimiter-precedes-last",
    "et-al-min",
    "et-al-use-first",
    "et-al-use-last",
    "et-al-subsequent-min",
    "et-al-subsequent-use-first",
    "initialize",
    "initialize-with",
    "name-as-sort-order",
    "sort-separator",
    "name-form",
    "name-delimiter",
    "names-delimiter",
)
GLOBAL_OPTIONS = ("initialize-with-hyphen", "page-range-format", "demote-non-dropping-particle")
MACRO_DEPTH = 40  # macros calling macros, at evaluation
MAX_NESTING = 120  # elements inside elements (the catalogue's deepest styles nest 18)


class StyleError(ValueError):
    """The style cannot be read or compiled."""


class SortKey:
    """One cs:key: a variable or a macro, its direction, and its names options."""

    def __init__(self, element: Any, style: Style) -> None:
        self.variable = element.get("variable")
        macro = element.get("macro")
        self.macro = style.macro(macro) if macro else None
        self.descending = element.get("sort") == "descending"
        self.names = {
            name: element.get(name)
            for name in ("names-min", "names-use-first", "names-use-last")
            if element.get(name) is not None
        }


class Section:
    """cs:citation or cs:bibliography: its layout, sort keys and options."""

    def __init__(self, element: Any, style: Style) -> None:
        self.options: dict[str, str] = dict(element.attrib)
        layout = element.find(CS + "layout")
        if layout is None:
            raise StyleError(f"cs:{element.tag.removeprefix(CS)} has no cs:layout")
        self.layout = Layout(layout, style.compile_element)
        self.prefix = layout.get("prefix") or ""
        self.suffix = layout.get("suffix") or ""
        self.delimiter = layout.get("delimiter")
        self.decoration = nodes.Decoration(layout)
        self.decoration.prefix = self.decoration.suffix = ""
        sort = element.find(CS + "sort")
        self.sort = [] if sort is None else [SortKey(k, style) for k in sort.iter(CS + "key")]
        self.name_options = dict(style.name_options)
        self.name_options.update({k: v for k, v in element.attrib.items() if k in NAME_OPTIONS})


class Style:
    """A compiled style, shared by every render of it (it holds no per-document state)."""

    def __init__(self, data: bytes, lang: str | None = None) -> None:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                root = CitationStylesXML(io.BytesIO(data), validate=False).root
        except Exception as exc:  # lxml raises several kinds for broken XML
            raise StyleError(f"{exc}") from None
        if root.tag != CS + "style":
            raise StyleError("the root element is not cs:style")
        self.root = root
        self.lock = threading.Lock()
        self.is_note = root.get("class") == "note"
        self.options = {k: root.get(k) for k in GLOBAL_OPTIONS if root.get(k) is not None}
        self.name_options = {k: v for k, v in root.attrib.items() if k in NAME_OPTIONS}
        self.default_locale = root.get("default-locale") or "en-US"
        in_style = [child for child in root if child.tag == CS + "locale"]
        self.locale = Locale(in_style, lang or self.default_locale)
        self._macro_elements = {
            m.get("name"): m for m in root if m.tag == CS + "macro" and m.get("name")
        }
        self._macros: dict[str, _Deferred] = {}
        self._pending: list[Text] = []
        self._depth = 0
        citation = root.find(CS + "citation")
        if citation is None:
            raise StyleError("the style has no cs:citation")
        self.citation = Section(citation, self)
        bibliography = root.find(CS + "bibliography")
        self.bibliography = None if bibliography is None else Section(bibliography, self)
        while self._pending:
            text = self._pending.pop()
            text.macro = self.macro(text.macro_name) if text.macro_name else None
        # a style printing year-suffix or citation-label (which carries the suffix) itself gets
        # no suffix added after the first year
        self.uses_year_suffix = bool(
            self.find(".//cs:text[@variable='year-suffix' or @variable='citation-label']")
        )

    def compile_element(self, element: Any) -> Node | None:
        """The node for one style element; None for what does not render (cs:sort, ...)."""
        if not isinstance(element.tag, str):
            return None
        make = nodes.COMPILERS.get(element.tag)
        if make is None:
            return None
        self._depth += 1
        try:
            if self._depth > MAX_NESTING:
                raise StyleError(f"the style nests elements more than {MAX_NESTING} deep")
            node = make(element, self.compile_element)
        finally:
            self._depth -= 1
        if isinstance(node, Text) and node.macro_name:
            self._pending.append(node)
        return node

    def macro(self, name: str) -> _Deferred:
        """A macro, compiled once (a call to a missing macro prints nothing)."""
        if name not in self._macros:
            element = self._macro_elements.get(name)
            deferred = self._macros[name] = _Deferred()
            if element is not None:
                deferred.target = nodes.Sequence(element, self.compile_element)
                deferred.calls_variable = deferred.target.calls_variable
        return self._macros[name]

    def find(self, xpath: str) -> list[Any]:
        """Elements of the style matching an XPath (prefix `cs:`)."""
        return list(self.root.xpath(xpath, namespaces={"cs": CS[1:-1]}))

    def quote_marks(self) -> QuoteMarks:
        """The locale's quotation marks and whether punctuation goes inside them."""
        term = self.locale.term
        return QuoteMarks(
            term("open-quote") or "\u201c",
            term("close-quote") or "\u201d",
            term("open-inner-quote") or "\u2018",
            term("close-inner-quote") or "\u2019",
            (self.locale.option("punctuation-in-quote") or "false") == "true",
        )

    def language_of(self, item: Item) -> str:
        """The language an item is written in (its `language`, else the style's locale)."""
        return item.text("language") or self.locale.lang


class _Deferred(nodes.Node):
    """A macro being compiled, standing in for itself in a macro that calls it back."""

    target: Node | None = None

    def evaluate(self, ctx: Any) -> Any:
        depth = ctx.extra.get("macro_depth", 0)
        if self.target is None or depth > MACRO_DEPTH:
            return None
        ctx.extra["macro_depth"] = depth + 1
        try:
            return self.target.evaluate(ctx)
        finally:
            ctx.extra["macro_depth"] = depth
