"""One citation put together from its cites (sorting, affixes, suppress-author and author-only,
cite grouping and collapsing: CSL §Citation), and the reference list's entries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.citations.csl import collapse, punctuation, sorting, textcase, values
from drafter.citations.csl.context import Context
from drafter.citations.csl.data import Cite, Item
from drafter.citations.csl.rich import Rich

if TYPE_CHECKING:
    from drafter.citations.csl.processor import Citation, Processor


def render(processor: Processor, citation: Citation) -> Rich:
    """A citation's text: its cites in the style's order, each with its affixes."""
    section = processor.style.citation
    cites = citation.cites
    if section.sort:
        cites = sorting.sort_cites(processor, cites, section)
    parts: list[collapse.Part] = []
    for cite in cites:
        rendered = processor.render(cite, section, "citation")
        if rendered is None or rendered.is_empty():
            continue
        if cite.author_only:
            rendered = collapse.first_names(rendered) or rendered
        if processor.style.is_note and _opens_sentence(cite, first=not parts):
            rendered = _capitalized_term(rendered, processor)
        parts.append(collapse.Part(cite, rendered))
    if not parts:
        return Rich([])
    markup = processor.affix_markup
    body = collapse.join(processor, section, parts, lambda cite, rich: _affixed(cite, rich, markup))
    ctx = Context(processor.style, parts[0].cite, "citation")
    body = Rich([p for p in (section.prefix, body, section.suffix) if p])
    return punctuation.tidy(section.decoration.apply(body, ctx))


def _is_name(node: Rich) -> bool:
    return node.role == "name"


def _substitute_author(
    rendered: Rich, previous: list[str], substitute: str, rule: str
) -> list[str]:
    """subsequent-author-substitute: the entry's names replaced where they repeat the entry
    before's (the whole list, each name, or the leading names, as `rule` says); the names
    it had, for the next entry."""
    author = collapse.first_names(rendered)
    if author is None:
        return []
    lists = list(author.outermost(lambda n: n.role == "name-list")) or [author]
    names = [n for each in lists for n in (list(each.outermost(_is_name)) or [each])]
    texts = [n.text() for n in names]
    if not previous or not texts:
        return texts
    replacement: list[Rich | str] = [substitute] if substitute else []
    if rule in ("complete-all", "complete-each") and texts == previous:
        if rule == "complete-all":
            lists[0].children = list(replacement)
            for other in lists[1:]:
                other.children = []
        else:
            for name in names:
                name.children = list(replacement)
    elif rule in ("partial-each", "partial-first"):
        for index, (name, text) in enumerate(zip(names, texts, strict=True)):
            if index >= len(previous) or previous[index] != text:
                break
            name.children = list(replacement)
            if rule == "partial-first":
                break
    return texts


def _opens_sentence(cite: Cite, *, first: bool) -> bool:
    """Whether a cite in a note starts a sentence: it opens the note, or its prefix is a whole
    sentence ("See the discussion. ")."""
    if not cite.prefix:
        return first
    ending = cite.prefix.rstrip().rstrip("\"'\u201d\u2019)")
    return ending[-1:] in (".", "!", "?") and cite.prefix.strip().count(" ") > 0


def _capitalized_term(rendered: Rich, processor: Processor) -> Rich:
    """A cite whose text opens with a term (ibid, and, in) with that term capitalised, as
    citeproc-js and pandoc's citeproc do in notes."""
    if rendered.role == "term":
        return textcase.apply_case(rendered, "capitalize-first", processor.style.locale.lang)
    node = rendered
    while True:
        first = next(
            (
                c
                for c in node.children
                if (isinstance(c, str) and c) or (isinstance(c, Rich) and not c.is_empty())
            ),
            None,
        )
        if not isinstance(first, Rich):
            return rendered
        if first.role == "term":
            index = node.children.index(first)
            node.children[index] = textcase.apply_case(
                first, "capitalize-first", processor.style.locale.lang
            )
            return rendered
        node = first


def _affixed(cite: Cite, rendered: Rich, markup: bool = True) -> Rich:
    """A cite with its own prefix and suffix, read as rich text when `markup` (as citeproc-js
    reads them), else kept as written."""
    if not (cite.prefix or cite.suffix):
        return rendered
    read = values.markup if markup else (lambda text: Rich([text]))
    prefix = read(cite.prefix) if cite.prefix else None
    suffix = read(cite.suffix) if cite.suffix else None
    return Rich([p for p in (prefix, rendered, suffix) if p])


def bibliography_entries(processor: Processor, entries: list[tuple[Item, Rich]]) -> list[Rich]:
    """Each entry with the layout's affixes and formatting."""
    section = processor.style.bibliography
    assert section is not None
    substitute = section.options.get("subsequent-author-substitute")
    rule = section.options.get("subsequent-author-substitute-rule", "complete-all")
    align = section.options.get("second-field-align")
    out = []
    previous: list[str] = []
    for item, rendered in entries:
        if rendered.is_empty():
            out.append(rendered)
            continue
        if substitute is not None:
            previous = _substitute_author(rendered, previous, substitute, rule)
        ctx = Context(processor.style, Cite(item), "bibliography")
        if align in ("flush", "margin") and len(rendered.children) > 1:
            first = Rich([rendered.children[0]], display="left-margin")
            rest = Rich([*rendered.children[1:], section.suffix], display="right-inline")
            body = section.decoration.apply(Rich([first, rest]), ctx)
            out.append(punctuation.tidy(Rich([p for p in (section.prefix, body) if p])))
            continue
        body = Rich([p for p in (section.prefix, rendered, section.suffix) if p])
        out.append(punctuation.tidy(section.decoration.apply(body, ctx)))
    return out
