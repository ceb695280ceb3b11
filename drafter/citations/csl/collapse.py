"""Cite grouping and collapsing (CSL 1.0.2 §Citation: cite-group-delimiter, collapse,
year-suffix-delimiter, after-collapse-delimiter), with the delimiters chosen as pandoc's citeproc
chooses them where the specification is silent (test-suite issue 36).

Cites by the same names are brought together after the first of them (never across a cite with
a prefix or suffix of its own); the later ones lose their names; with `year-suffix` a cite of
the same year keeps only its suffix (`2000a, b`), with `year-suffix-ranged` three or more in a
row become a range (`a–c`); with `citation-number`, three or more consecutive numbers become a
range (`1–3`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from drafter.citations.csl.data import Cite
from drafter.citations.csl.rich import Rich, joined

if TYPE_CHECKING:
    from drafter.citations.csl.processor import Processor
    from drafter.citations.csl.style import Section

YEAR_COLLAPSE = ("year", "year-suffix", "year-suffix-ranged")
_NOT_A_NUMBER = re.compile(r"[^\W\d_]")


@dataclasses.dataclass
class Part:
    """One cite as rendered, and what grouping needs to know of it."""

    cite: Cite
    rich: Rich
    shown: Rich | None = None  # the cite as it prints inside its group


Affix = Callable[[Cite, Rich], Rich]


def join(processor: Processor, section: Section, parts: list[Part], affixed: Affix) -> Rich:
    """The citation's cites, grouped and collapsed as the style asks, with their delimiters."""
    delimiter = section.delimiter if section.delimiter is not None else ""
    options = section.options
    collapse = options.get("collapse", "")
    if collapse == "citation-number":
        return _numbers(parts, delimiter, options.get("after-collapse-delimiter"), affixed)
    group_delimiter = options.get("cite-group-delimiter")
    if group_delimiter is None and collapse not in YEAR_COLLAPSE:
        return _plain(parts, delimiter, affixed)
    groups = _groups(parts, sorted_=bool(section.sort), by_suffix=collapse != "year")
    if group_delimiter is None:  # as citeproc-js: the layout's in a note style, else ", "
        group_delimiter = delimiter if processor.style.is_note else ", "
    if collapse not in YEAR_COLLAPSE:
        return joined(
            [joined([affixed(p.cite, p.rich) for p in g], group_delimiter or ", ") for g in groups],
            delimiter,
        )
    return _collapsed(processor, section, groups, collapse, group_delimiter, affixed)


def _plain(parts: list[Part], delimiter: str, affixed: Affix) -> Rich:
    children: list[Rich | str] = []
    for part in parts:
        if children:
            children.append(_before(delimiter, part.cite))
        children.append(affixed(part.cite, part.rich))
    return Rich(children)


def _before(delimiter: str, cite: Cite) -> str:
    """No delimiter before a cite whose prefix opens with punctuation of its own."""
    return "" if cite.prefix[:1] in (".", ",", ";", ":", "!", "?") else delimiter


def first_names(rendered: Rich) -> Rich | None:
    """The first names in a rendered cite."""
    return next(rendered.outermost(lambda n: (n.role or "").startswith("names:")), None)


def names_text(rendered: Rich) -> str:
    """The text of the first names in a rendered cite ("" when it has none)."""
    names = first_names(rendered)
    return "" if names is None else names.text()


def _groups(parts: list[Part], *, sorted_: bool, by_suffix: bool) -> list[list[Part]]:
    """Cites by the same names together. In a sorted citation a later cite moves up to the
    first by its authors (never past a cite with a prefix or suffix of its own, and a cite with
    a suffix stays alone); in an unsorted one only neighbours group, as citeproc-js does. Cites
    that print no names group with a neighbour when, collapsing year suffixes, they read the
    same but for the suffix."""
    groups: list[list[Part]] = []
    rest = list(parts)
    while rest:
        first = rest.pop(0)
        if first.cite.suffix:
            groups.append([first])
            continue
        name = names_text(first.rich)
        if not sorted_ or not name:
            group = [first]
            while rest and _neighbours(group[-1], rest[0], name, by_suffix):
                group.append(rest.pop(0))
            groups.append(group)
            continue
        free = 0
        while free < len(rest) and not (rest[free].cite.prefix or rest[free].cite.suffix):
            free += 1
        same = [p for p in rest[:free] if names_text(p.rich) == name]
        others = [p for p in rest[:free] if p not in same]
        groups.append([first, *same])
        rest = others + rest[free:]
    return groups


def _neighbours(before: Part, part: Part, name: str, by_suffix: bool) -> bool:
    if before.cite.suffix or part.cite.prefix:
        return False
    if name:
        return names_text(part.rich) == name
    if not by_suffix or names_text(part.rich):
        return False
    return bool(_suffix(before.rich) and _suffix(part.rich)) and _years(before.rich) == _years(
        part.rich
    )


def _collapsed(
    processor: Processor,
    section: Section,
    groups: list[list[Part]],
    collapse: str,
    group_delimiter: str,
    affixed: Affix,
) -> Rich:
    delimiter = section.delimiter if section.delimiter is not None else ""
    after = section.options.get("after-collapse-delimiter", delimiter)
    # year suffixes follow the cite-group-delimiter the style sets, else their own delimiter
    suffix_delimiter = section.options.get(
        "cite-group-delimiter", section.options.get("year-suffix-delimiter", delimiter)
    )
    flipped = collapse == "year"
    # inside a group: the cite-group-delimiter; when a style sets only an after-collapse
    # delimiter, the layout's (as citeproc-js joins them)
    explicit_group = "cite-group-delimiter" in section.options
    explicit_after = "after-collapse-delimiter" in section.options
    inner = delimiter if explicit_after and not explicit_group else group_delimiter
    children: list[Rich | str] = []
    pending = delimiter  # the delimiter the group before asks for
    for group in groups:
        first, later = group[0], group[1:]
        for part in later:
            part.shown = _without_names(processor, section, part.cite)
        pieces = [affixed(first.cite, first.rich)] + [
            affixed(p.cite, p.shown or p.rich) for p in later
        ]
        runs = (
            _year_runs(group) if collapse != "year" and later else [[i] for i in range(len(group))]
        )
        no_collapse = len(group) == 1
        items = [
            _suffix_run(
                [pieces[i] for i in run], [group[i] for i in run], collapse, suffix_delimiter
            )
            for run in runs
        ]
        # under collapse="year", a group holding a located cite is joined by the
        # after-collapse-delimiter (test-suite issue 36, as pandoc's citeproc reads it)
        located = flipped and any(p.cite.locator for p in group)
        joined: list[Rich | str] = []
        for number, piece in enumerate(items):
            if number:
                joined.append(after if located else inner)
            joined.append(piece)
        if children:
            children.append(_before(pending, first.cite))
        children.append(Rich(joined))
        pending = delimiter if no_collapse and not flipped else after
    return Rich(children)


def _without_names(processor: Processor, section: Section, cite: Cite) -> Rich:
    rest = processor.render(dataclasses.replace(cite, suppress_author=True), section, "citation")
    return rest if rest is not None else Rich([])


def _years(rendered: Rich) -> tuple[str, ...]:
    """The dates a cite prints, without their year suffixes."""
    dates = rendered.outermost(lambda n: (n.role or "").startswith("date:"))
    return tuple("".join(_text_without_suffix(date)) for date in dates)


def _text_without_suffix(node: Rich) -> list[str]:
    out: list[str] = []
    for child in node.children:
        if isinstance(child, str):
            out.append(child)
        elif child.role != "year-suffix":
            out.extend(_text_without_suffix(child))
    return out


def _year_runs(group: list[Part]) -> list[list[int]]:
    """Indexes of the group's cites in runs of the same years (year-suffix collapsing)."""
    runs: list[list[int]] = []
    previous: tuple[str, ...] | None = None
    for index, part in enumerate(group):
        years = _years(part.rich)
        if runs and years and years == previous and not part.cite.locator and _suffix(part.rich):
            runs[-1].append(index)
        else:
            runs.append([index])
        previous = years
    return runs


def _suffix(rendered: Rich) -> Rich | None:
    """The year-suffix node of a rendered cite."""
    return next(rendered.outermost(lambda n: n.role == "year-suffix"), None)


def _suffix_run(pieces: list[Rich], parts: list[Part], collapse: str, delimiter: str) -> Rich:
    """A run of same-year cites: the first whole, the others only their year suffix; with
    `year-suffix-ranged`, three or more successive suffixes as a range."""
    if len(pieces) == 1:
        return pieces[0]
    items: list[Rich] = [pieces[0]] + [_suffix(p.rich) or Rich([]) for p in parts[1:]]
    if collapse != "year-suffix-ranged":
        return joined(items, delimiter)
    codes = [_code((_suffix(p.rich) or Rich([])).text()) for p in parts]
    runs: list[list[int]] = []
    for index, code in enumerate(codes):
        previous = codes[index - 1] if index else None
        if runs and code is not None and previous is not None and code == previous + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    shown = [
        Rich([items[run[0]], "\u2013", items[run[-1]]])
        if len(run) >= 3
        else joined([items[i] for i in run], delimiter)
        for run in runs
    ]
    return joined(shown, delimiter)


def _code(letters: str) -> int | None:
    if not letters.isalpha():
        return None
    value = 0
    for char in letters.lower():
        value = value * 26 + ord(char) - ord("a") + 1
    return value


def _numbers(parts: list[Part], delimiter: str, after: str | None, affixed: Affix) -> Rich:
    """Runs of three or more consecutive citation numbers as ranges (`1–3`)."""
    runs: list[list[Part]] = []
    for part in parts:
        if runs and _adjacent(runs[-1][-1], part):
            runs[-1].append(part)
        else:
            runs.append([part])
    children: list[Rich | str] = []
    ranged = False
    for run in runs:
        if children:
            children.append(
                _before((after if ranged and after is not None else delimiter), run[0].cite)
            )
        if len(run) >= 3:
            children.append(
                Rich(
                    [
                        affixed(run[0].cite, run[0].rich),
                        "\u2013",
                        affixed(run[-1].cite, run[-1].rich),
                    ]
                )
            )
            ranged = True
        else:
            children.append(joined([affixed(p.cite, p.rich) for p in run], delimiter))
            ranged = False
    return Rich(children)


def _adjacent(before: Part, part: Part) -> bool:
    """Whether two cites print nothing but consecutive citation numbers."""
    if before.cite.number is None or part.cite.number is None:
        return False
    if part.cite.number != before.cite.number + 1:
        return False
    return all(_only_number(p) for p in (before, part))


def _only_number(part: Part) -> bool:
    cite = part.cite
    if cite.prefix or cite.suffix or cite.locator:
        return False
    return not _NOT_A_NUMBER.search(part.rich.text().replace(str(cite.number), "", 1))
