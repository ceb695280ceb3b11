"""One citation put together from its cites (sorting, affixes, suppress-author and author-only,
cite grouping and collapsing: CSL §Citation), and the reference list's entries."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from drafter.citations.csl import punctuation, sorting, values
from drafter.citations.csl.context import Context
from drafter.citations.csl.data import Cite, Item
from drafter.citations.csl.rich import Rich

if TYPE_CHECKING:
    from drafter.citations.csl.processor import Citation, Processor
    from drafter.citations.csl.style import Section

YEAR_COLLAPSE = ("year", "year-suffix", "year-suffix-ranged")


@dataclasses.dataclass
class Part:
    """One cite as rendered, with what grouping and collapsing need to know of it."""

    cite: Cite
    rich: Rich
    author: str = ""  # the text of its first names, for grouping
    rest: Rich | None = None  # the cite without its author
    bare: str = ""  # the rest without affixes or year suffix
    letter: str = ""  # its year suffix
    collapsed: str = ""  # how it joins the previous part: "", "group", "suffix"


def render(processor: Processor, citation: Citation) -> Rich:
    """A citation's text: its cites in the style's order, each with its affixes."""
    section = processor.style.citation
    cites = citation.cites
    if section.sort:
        cites = sorting.sort_cites(processor, cites, section)
    parts: list[Part] = []
    for cite in cites:
        rendered = processor.render(cite, section, "citation")
        if rendered is None or rendered.is_empty():
            continue
        if cite.author_only:
            rendered = _author(rendered) or rendered
        parts.append(Part(cite, rendered))
    if not parts:
        return Rich([])
    collapse = section.options.get("collapse", "")
    grouping = collapse in YEAR_COLLAPSE or "cite-group-delimiter" in section.options
    if grouping:
        parts = _grouped(processor, section, parts)
    if collapse == "citation-number":
        body = _numbers(section, parts, processor.affix_markup)
    else:
        body = _joined(
            section,
            parts,
            collapse if collapse in YEAR_COLLAPSE else "",
            processor.affix_markup,
            processor.style.is_note,
        )
    ctx = Context(processor.style, parts[0].cite, "citation")
    body = Rich([p for p in (section.prefix, body, section.suffix) if p])
    return punctuation.tidy(section.decoration.apply(body, ctx))


def _affixed(cite: Cite, rendered: Rich, markup: bool = True) -> Rich:
    """A cite with its own prefix and suffix, read as rich text when `markup` (as citeproc-js
    reads them), else kept as written."""
    if not (cite.prefix or cite.suffix):
        return rendered
    read = values.markup if markup else (lambda text: Rich([text]))
    prefix = read(cite.prefix) if cite.prefix else None
    suffix = read(cite.suffix) if cite.suffix else None
    return Rich([p for p in (prefix, rendered, suffix) if p])


def _delimiter(delimiter: str, cite: Cite) -> str:
    """No delimiter before a cite whose prefix opens with punctuation of its own."""
    return "" if cite.prefix[:1] in (".", ",", ";", ":", "!", "?") else delimiter


def _author(rendered: Rich) -> Rich | None:
    """The first names in a rendered cite."""
    stack = [rendered]
    while stack:
        node = stack.pop(0)
        if node.role and node.role.startswith("names:"):
            return node
        stack[:0] = [c for c in node.children if isinstance(c, Rich)]
    return None


def _grouped(processor: Processor, section: Section, parts: list[Part]) -> list[Part]:
    """Cites by the same authors brought together after the first of them (cite grouping),
    when the citation is sorted (citeproc-js groups them by its sort); else runs of
    neighbouring cites by the same authors."""
    for part in parts:
        author = _author(part.rich)
        part.author = author.text() if author is not None else ""
    runs: list[list[Part]] = []
    by_author: dict[str, list[Part]] = {}
    for part in parts:
        if section.sort and part.author in by_author:
            by_author[part.author].append(part)
        elif not section.sort and runs and runs[-1][0].author == part.author:
            if part.author or _suffix_apart(processor, section, runs[-1][-1], part):
                runs[-1].append(part)
            else:
                runs.append([part])
        else:
            runs.append([part])
            if part.author:
                by_author.setdefault(part.author, runs[-1])
    out: list[Part] = []
    for members in runs:
        for position, part in enumerate(members):
            if len(members) > 1:
                _rest(processor, section, part)
                part.collapsed = "group" if position else ""
            out.append(part)
    return out


def _suffix_apart(processor: Processor, section: Section, before: Part, part: Part) -> bool:
    """Whether two cites that print no names read the same but for their year suffixes (they
    collapse as cites by the same authors do, with collapse="year-suffix")."""
    if section.options.get("collapse") not in ("year-suffix", "year-suffix-ranged"):
        return False
    for each in (before, part):
        if each.rest is None:
            _rest(processor, section, each)
    return bool(part.letter and before.letter) and part.bare == before.bare


def _rest(processor: Processor, section: Section, part: Part) -> None:
    cite = dataclasses.replace(part.cite, suppress_author=True)
    rest = processor.render(cite, section, "citation")
    part.rest = rest if rest is not None else Rich([])
    plain = processor.disambiguation.get(cite.item.id)
    if plain is not None and plain.year_suffix:
        part.letter = plain.year_suffix
        bare = processor.render(
            dataclasses.replace(cite, prefix="", suffix=""),
            section,
            "citation",
            dataclasses.replace(plain, year_suffix=None),
        )
        part.bare = bare.text() if bare is not None else ""


def _joined(section: Section, parts: list[Part], collapse: str, markup: bool, note: bool) -> Rich:
    """The cites joined by the layout's delimiter; with cite grouping, a cite after one by the
    same authors without its names, after the cite-group-delimiter (as citeproc-js: when the
    style sets none, ", " in an in-text style and the layout's delimiter in a note style), a
    cite that differs from the one before only by its year suffix as the suffix alone (after
    the cite-group-delimiter, else the year-suffix-delimiter, else the layout's), three or more
    suffixes in a row as a range with year-suffix-ranged."""
    delimiter = section.delimiter if section.delimiter is not None else ""
    explicit = section.options.get("cite-group-delimiter")
    group_delimiter = explicit if explicit is not None else delimiter if note else ", "
    after_collapse = section.options.get("after-collapse-delimiter")
    suffix_delimiter = explicit
    if suffix_delimiter is None:
        suffix_delimiter = section.options.get("year-suffix-delimiter", delimiter)
    pieces: list[tuple[str, Part, Rich, bool]] = []  # joiner, cite, as shown, suffix only
    previous: Part | None = None
    for part in parts:
        shown, joiner, alone = part.rich, delimiter, False
        now = part.collapsed == "group" and part.rest is not None
        if now and part.rest is not None:
            shown = part.rest
            joiner = group_delimiter
            if collapse in ("year-suffix", "year-suffix-ranged") and previous is not None:
                suffix = _suffix_only(part, previous)
                if suffix is not None:
                    shown, joiner, alone = suffix, suffix_delimiter, True
        if after_collapse is not None and previous is not None and not alone:
            joiner = _after_collapse(previous, now, collapse, after_collapse, delimiter)
        pieces.append((joiner, part, shown, alone))
        previous = part
    if collapse == "year-suffix-ranged":
        pieces = _ranged(pieces)
    children: list[Rich | str] = []
    for joiner, part, shown, _ in pieces:
        if children:
            children.append(_delimiter(joiner, part.cite))
        children.append(_affixed(part.cite, shown, markup))
    return Rich(children)


def _after_collapse(previous: Part, now: bool, collapse: str, after: str, delimiter: str) -> str:
    """The delimiter before a cite when the style sets an after-collapse-delimiter (as
    citeproc-js chooses it): after a cite with a locator or a collapsed cite, or between two
    cites neither collapsed (unless collapse="year-suffix"); the layout's inside a group."""
    if previous.cite.locator:
        return after
    if previous.collapsed and not now:
        return after
    if not previous.collapsed and not now and collapse != "year-suffix":
        return after
    return delimiter


def _ranged(pieces: list[tuple[str, Part, Rich, bool]]) -> list[tuple[str, Part, Rich, bool]]:
    """Runs of three or more year suffixes in sequence (a, b, c) as a range (a–c)."""
    out: list[tuple[str, Part, Rich, bool]] = []
    start = 0
    while start < len(pieces):
        end = start
        while (
            end + 1 < len(pieces)
            and pieces[end + 1][3]
            and _suffix_number(pieces[end + 1][1].letter)
            == _suffix_number(pieces[end][1].letter) + 1
        ):
            end += 1
        if end - start >= 2:
            _, last, shown, _ = pieces[end]
            out.extend([pieces[start], ("\u2013", last, shown, True)])
        else:
            out.extend(pieces[start : end + 1])
        start = end + 1
    return out


def _suffix_number(letters: str) -> int:
    """a → 1, z → 26, aa → 27."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("a") + 1
    return number


def _suffix_only(part: Part, previous: Part) -> Rich | None:
    """Only the year suffix, when the cite reads like the one before it but for the suffix."""
    if not part.bare or part.cite.locator or previous.cite.locator:
        return None
    if part.bare != previous.bare or not part.letter:
        return None
    return Rich([part.letter])


def _numbers(section: Section, parts: list[Part], markup: bool) -> Rich:
    """Runs of three or more consecutive citation numbers as ranges (`1–3`)."""
    delimiter = section.delimiter if section.delimiter is not None else ""
    after_collapse = section.options.get("after-collapse-delimiter", delimiter)
    runs: list[list[Part]] = []
    for part in parts:
        number = part.cite.number
        plain = not (part.cite.prefix or part.cite.suffix or part.cite.locator)
        if (
            runs
            and plain
            and number is not None
            and runs[-1][-1].cite.number == number - 1
            and not (
                runs[-1][-1].cite.prefix or runs[-1][-1].cite.suffix or runs[-1][-1].cite.locator
            )
        ):
            runs[-1].append(part)
        else:
            runs.append([part])
    children: list[Rich | str] = []
    collapsed_before = False
    for run in runs:
        if children:
            children.append(after_collapse if collapsed_before else delimiter)
        if len(run) >= 3:
            children.append(
                Rich(
                    [
                        _affixed(run[0].cite, run[0].rich, markup),
                        "\u2013",
                        _affixed(run[-1].cite, run[-1].rich, markup),
                    ]
                )
            )
            collapsed_before = True
        else:
            for index, part in enumerate(run):
                if index:
                    children.append(delimiter)
                children.append(_affixed(part.cite, part.rich, markup))
            collapsed_before = False
    return Rich(children)


def bibliography_entries(processor: Processor, entries: list[tuple[Item, Rich]]) -> list[Rich]:
    """Each entry with the layout's affixes and formatting."""
    section = processor.style.bibliography
    assert section is not None
    substitute = section.options.get("subsequent-author-substitute")
    align = section.options.get("second-field-align")
    out = []
    previous = None
    for item, rendered in entries:
        if substitute is not None:
            author = _author(rendered)
            text = author.text() if author is not None else None
            if author is not None and text and text == previous:
                author.children = [substitute] if substitute else []
            previous = text
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
