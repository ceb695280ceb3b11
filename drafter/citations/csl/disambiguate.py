"""Disambiguation (CSL 1.0.2 §Disambiguation): cites of different items that read the same are
told apart by adding names, then given names, then `<if disambiguate="true">`, then a year
suffix, each step only as far as it is needed.

Two cites are ambiguous when they render to the same text without their affixes and locators,
in the position each actually has (as pandoc's citeproc compares them).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from drafter.citations.csl.context import Disambiguation
from drafter.citations.csl.data import Cite, Item

if TYPE_CHECKING:
    from drafter.citations.csl.processor import Citation, Processor

MAX_ADDED_NAMES = 50


def resolve(processor: Processor, citations: Sequence[Citation]) -> dict[str, Disambiguation]:
    """What each item needs to read unlike every other, by item id."""
    options = processor.style.citation.options
    state: dict[str, Disambiguation] = {}
    for citation in citations:
        for cite in citation.cites:
            state.setdefault(cite.item.id, Disambiguation())
    if not state:
        return state
    samples = _samples(citations)
    rule = options.get("givenname-disambiguation-rule", "by-cite")
    if options.get("disambiguate-add-givenname") == "true" and rule != "by-cite":
        _global_given_names(processor, state, rule)
    groups = _ambiguous(processor, samples, state)
    if not groups:
        return state
    if options.get("disambiguate-add-names") == "true":
        groups = [g for group in groups for g in _add_names(processor, samples, state, group)]
    if options.get("disambiguate-add-givenname") == "true" and rule in ("by-cite", "all-names"):
        groups = [g for group in groups for g in _add_given(processor, samples, state, group)]
    for group in groups:
        for item_id in group:
            state[item_id].condition = True
    groups = _still(processor, samples, state, groups)
    if options.get("disambiguate-add-year-suffix") == "true":
        _year_suffixes(processor, state, groups)
    return state


def _samples(citations: Sequence[Citation]) -> dict[str, list[Cite]]:
    """Each item's cites as disambiguation compares them: no affixes, no locator."""
    samples: dict[str, list[Cite]] = defaultdict(list)
    for citation in citations:
        for cite in citation.cites:
            bare = dataclasses.replace(cite, prefix="", suffix="", locator=None, label="page")
            seen = [c.position for c in samples[cite.item.id]]
            if bare.position not in seen:
                samples[cite.item.id].append(bare)
    return samples


def _text(processor: Processor, cite: Cite, state: Disambiguation) -> str:
    rendered = processor.render(cite, processor.style.citation, "citation", state)
    return "" if rendered is None else rendered.text()


def _keys(
    processor: Processor,
    item_id: str,
    samples: dict[str, list[Cite]],
    state: dict[str, Disambiguation],
) -> set[str]:
    return {_text(processor, cite, state[item_id]) for cite in samples[item_id]}


def _ambiguous(
    processor: Processor, samples: dict[str, list[Cite]], state: dict[str, Disambiguation]
) -> list[list[str]]:
    """Groups of items (ids in first-cited order) some of whose cites read the same."""
    by_text: dict[str, list[str]] = defaultdict(list)
    for item_id in samples:
        for text in _keys(processor, item_id, samples, state):
            if text and item_id not in by_text[text]:
                by_text[text].append(item_id)
    return _merge([ids for ids in by_text.values() if len(ids) > 1])


def _merge(groups: list[list[str]]) -> list[list[str]]:
    merged: list[list[str]] = []
    for group in groups:
        for existing in merged:
            if set(existing) & set(group):
                existing.extend(i for i in group if i not in existing)
                break
        else:
            merged.append(list(group))
    return merged


def _still(
    processor: Processor,
    samples: dict[str, list[Cite]],
    state: dict[str, Disambiguation],
    groups: list[list[str]],
) -> list[list[str]]:
    """The parts of `groups` that are still ambiguous."""
    out = []
    for group in groups:
        sub = {i: samples[i] for i in group}
        out.extend(_ambiguous(processor, sub, state))
    return out


def _add_names(
    processor: Processor,
    samples: dict[str, list[Cite]],
    state: dict[str, Disambiguation],
    group: list[str],
) -> list[list[str]]:
    """Show more names, one at a time, while that tells more of the group apart."""
    remaining = [group]
    for added in range(1, MAX_ADDED_NAMES + 1):
        before = {i: _keys(processor, i, samples, state) for g in remaining for i in g}
        for g in remaining:
            for item_id in g:
                state[item_id].add_names = added
        after = {i: _keys(processor, i, samples, state) for g in remaining for i in g}
        if after == before:
            for g in remaining:
                for item_id in g:
                    state[item_id].add_names = added - 1
            break
        remaining = _still(processor, samples, state, remaining)
        if not remaining:
            break
    return remaining


def _add_given(
    processor: Processor,
    samples: dict[str, list[Cite]],
    state: dict[str, Disambiguation],
    group: list[str],
) -> list[list[str]]:
    """Initials, then whole given names, for the items still alike."""
    remaining = [group]
    for level in (1, 2):
        for g in remaining:
            for item_id in g:
                state[item_id].given_level = max(state[item_id].given_level, level)
        remaining = _still(processor, samples, state, remaining)
        if not remaining:
            break
    return remaining


def _global_given_names(processor: Processor, state: dict[str, Disambiguation], rule: str) -> None:
    """all-names and primary-name rules: a name is expanded wherever another person with the
    same family name is cited, whether or not the cites are ambiguous."""
    people: dict[str, set[tuple[str, str]]] = defaultdict(set)
    where: list[tuple[str, str, int, str, str]] = []
    for item_id in state:
        item = processor.items[item_id]
        for variable in (
            "author",
            "editor",
            "translator",
            "container-author",
            "composer",
            "director",
        ):
            for index, name in enumerate(item.names(variable)):
                if rule.startswith("primary-name") and index > 0:
                    continue
                family = str(name.get("family") or name.get("literal") or "")
                given = str(name.get("given") or "")
                people[family].add((given, _initials(given)))
                where.append((item_id, variable, index, family, given))
    for item_id, variable, index, family, given in where:
        others = people[family]
        if len(others) < 2:
            continue
        same_initials = sum(1 for g, i in others if i == _initials(given)) > 1
        level = 2 if same_initials and not rule.endswith("with-initials") else 1
        state[item_id].given[(variable, index)] = level


def _initials(given: str) -> str:
    return "".join(part[:1] for part in given.replace("-", " ").split())


def _year_suffixes(
    processor: Processor, state: dict[str, Disambiguation], groups: list[list[str]]
) -> None:
    """a, b, c … in reference-list order, within each group of items still alike."""
    order = [item.id for item in processor.bibliography_order(_items(processor, state))]
    for group in groups:
        for number, item_id in enumerate(sorted(group, key=order.index)):
            state[item_id].year_suffix = _letters(number)


def _items(processor: Processor, state: dict[str, Disambiguation]) -> list[Item]:
    return [processor.items[i] for i in state]


def _letters(number: int) -> str:
    """0 → a, 25 → z, 26 → aa."""
    letters = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters
