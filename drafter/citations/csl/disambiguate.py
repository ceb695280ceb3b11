"""Disambiguation (CSL 1.0.2 §Disambiguation), as pandoc's citeproc and citeproc-js do it.

Cites are compared as rendered, each in the position it has, without its affixes and locator
(and as a plain cite when it is author-only or suppresses the author) and without the item's
`accessed` date (as citeproc-js compares them); every cited item is also
compared in a subsequent position, as a back-reference would print it. Cites of different items
that read the same are ambiguous; the items of each set of ambiguous cites are told apart by,
in turn and only as far as each step is needed:

1. `disambiguate-add-names`: more names before et al., one at a time, kept when they split the
   set (the names reached are the same for every item of a set);
2. `disambiguate-add-givenname`: given names, by the `givenname-disambiguation-rule` (the
   global rules act on every cite before step 1; by-cite acts on the ambiguous sets, before
   and after step 1);
3. `<if disambiguate="true">` holds for the items still ambiguous;
4. `disambiguate-add-year-suffix`: a, b, … z, aa, ab … for the items still ambiguous, in the
   order of the reference list.

Added names are for citations only (names.py ignores them in the bibliography). Rendered texts
are grouped in dicts, each item's texts cached until its state changes, and every loop is
bounded (`MAX_ADDED_NAMES`), so the work grows with the number of cites, not its square.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from drafter.citations.csl import givennames
from drafter.citations.csl.context import Disambiguation
from drafter.citations.csl.data import Cite, Item
from drafter.citations.csl.givennames import Placed
from drafter.citations.csl.rich import Rich

if TYPE_CHECKING:
    from drafter.citations.csl.processor import Citation, Processor

MAX_ADDED_NAMES = 50  # the most names step 1 adds to any set
IBID = ("ibid", "ibid-with-locator")
# What makes a style print a cite differently by its position, and the condition of step 3.
POSITIONAL = (
    "//@position | //@et-al-subsequent-min | //@et-al-subsequent-use-first"
    " | //@variable[contains(., 'first-reference-note-number')]"
)
CONDITION = "//@disambiguate"


class Renders:
    """Each item's sample cites rendered under the state disambiguation has reached, cached
    per item until `forget`."""

    def __init__(
        self,
        processor: Processor,
        samples: Mapping[str, list[Cite]],
        state: Mapping[str, Disambiguation],
    ) -> None:
        self.processor = processor
        self.samples = samples
        self.state = state
        self._texts: dict[str, tuple[str, ...]] = {}
        self._names: dict[str, list[Placed]] = {}
        self._renderings: dict[str, list[Rich]] = {}
        ibid = processor.style.locale.term("ibid") or ""
        self._ibid = ibid.lower().rstrip(".")

    def forget(self, item_ids: Iterable[str]) -> None:
        for item_id in item_ids:
            self._texts.pop(item_id, None)
            self._names.pop(item_id, None)
            self._renderings.pop(item_id, None)

    def texts(self, item_id: str) -> tuple[str, ...]:
        """The texts of the item's cites, as disambiguation compares them."""
        cached = self._texts.get(item_id)
        if cached is None:
            rendered = self._rendered(item_id, self.state[item_id])
            self._renderings[item_id] = [r for _, r in rendered if r is not None]
            cached = self._texts[item_id] = tuple(self._text(c, r) for c, r in rendered)
        return cached

    def probe(self, item_id: str, state: Disambiguation) -> tuple[str, ...]:
        """The texts the item's cites would have under `state` (not cached)."""
        return tuple(
            self._text(cite, rendered) for cite, rendered in self._rendered(item_id, state)
        )

    def names(self, item_id: str) -> list[Placed]:
        """The names the item's cites print."""
        cached = self._names.get(item_id)
        if cached is None:
            self.texts(item_id)
            variables = givennames.printed_variables(self._renderings[item_id])
            cached = givennames.names_of(self.processor.items[item_id], variables)
            self._names[item_id] = cached
        return cached

    def _rendered(self, item_id: str, state: Disambiguation) -> list[tuple[Cite, Rich | None]]:
        section = self.processor.style.citation
        return [
            (cite, self.processor.render(cite, section, "citation", state))
            for cite in self.samples[item_id]
        ]

    def _text(self, cite: Cite, rendered: Rich | None) -> str:
        text = "" if rendered is None else rendered.text()
        if cite.position in IBID and self._ibid and self._ibid in text.lower():
            return ""  # "ibid." cites of different items are not ambiguous
        return text

    def groups(self, item_ids: Iterable[str]) -> list[list[str]]:
        """The sets of items some of whose cites read the same (each in first-cited order)."""
        return [c for c in classes({i: self.texts(i) for i in item_ids}) if len(c) > 1]


def classes(texts: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The items joined, transitively, by a text they share: each class in the order of
    `texts`, the classes in the order of their first items."""
    parent: dict[str, str] = {}

    def root(item_id: str) -> str:
        while parent[item_id] != item_id:
            parent[item_id] = parent[parent[item_id]]
            item_id = parent[item_id]
        return item_id

    owner: dict[str, str] = {}
    for item_id, item_texts in texts.items():
        parent.setdefault(item_id, item_id)
        for text in item_texts:
            if not text:
                continue
            other = owner.setdefault(text, item_id)
            if other != item_id:
                a, b = root(other), root(item_id)
                if a != b:
                    parent[b] = a
    out: dict[str, list[str]] = {}
    for item_id in texts:
        out.setdefault(root(item_id), []).append(item_id)
    return list(out.values())


def resolve(processor: Processor, citations: Sequence[Citation]) -> dict[str, Disambiguation]:
    """What each item needs to read unlike every other, by item id."""
    options = processor.style.citation.options
    style = processor.style
    samples = _samples(citations, bool(style.find(POSITIONAL)))
    state = {item_id: Disambiguation() for item_id in samples}
    if not state:
        return state
    renders = Renders(processor, samples, state)
    add_given = options.get("disambiguate-add-givenname") == "true"
    rule = options.get("givenname-disambiguation-rule") or "by-cite"
    if rule not in givennames.GLOBAL_RULES:
        rule = "by-cite"
    if add_given and rule != "by-cite":
        givennames.apply_rule(rule, {i: renders.names(i) for i in state}, state)
        renders.forget(state)
    groups = renders.groups(state)
    by_cite = add_given and rule == "by-cite"
    if groups and options.get("disambiguate-add-names") == "true":
        for group in groups:
            if by_cite:
                renders.forget(givennames.hint(group, _names(renders, group), state))
            add_names(renders, group, full_given=by_cite)
        groups = renders.groups(state)
    if groups and by_cite:
        for group in groups:
            renders.forget(givennames.hint(group, _names(renders, group), state))
        groups = renders.groups(state)
    if groups:
        tested = bool(style.find(CONDITION))
        for group in groups:
            for item_id in group:
                state[item_id].condition = True
            if tested:
                renders.forget(group)
        groups = renders.groups(state) if tested else groups
    if groups and options.get("disambiguate-add-year-suffix") == "true":
        year_suffixes(processor, state, groups)
    return state


def _samples(citations: Sequence[Citation], positional: bool = True) -> dict[str, list[Cite]]:
    """Each item's cites as disambiguation compares them: no affixes, no locator, as a plain
    cite, once for each distinct position; then the item as a later back-reference to it
    would cite it (a subsequent cite, first cited in the note it was). When the style prints
    every position alike (not `positional`), one cite of each item."""
    samples: dict[str, dict[tuple[object, ...], Cite]] = {}
    looking: dict[str, Item] = {}
    for citation in citations:
        for cite in citation.cites:
            item = looking.get(cite.item.id)
            if item is None:
                item = looking[cite.item.id] = _without_accessed(cite.item)
            bare = dataclasses.replace(
                cite,
                item=item,
                prefix="",
                suffix="",
                locator=None,
                label="page",
                suppress_author=False,
                author_only=False,
            )
            key = (bare.position, bare.first_note, bare.near_note) if positional else ()
            samples.setdefault(cite.item.id, {}).setdefault(key, bare)
    out: dict[str, list[Cite]] = {}
    for item_id, by_position in samples.items():
        if not positional:
            out[item_id] = list(by_position.values())
            continue
        first = next(iter(by_position.values()))
        note = first.first_note if first.position != "first" else first.note
        later = dataclasses.replace(first, position="subsequent", first_note=note, near_note=False)
        by_position.setdefault((later.position, later.first_note, later.near_note), later)
        out[item_id] = list(by_position.values())
    return out


def _without_accessed(item: Item) -> Item:
    """The item as disambiguation reads it: without the date it was accessed (citeproc-js
    leaves that date out of the cites it compares)."""
    if "accessed" not in item.fields:
        return item
    copy = Item({k: v for k, v in item.fields.items() if k != "accessed"})
    copy.id, copy.type = item.id, item.type
    return copy


def _names(renders: Renders, group: Sequence[str]) -> dict[str, list[Placed]]:
    return {item_id: renders.names(item_id) for item_id in group}


def add_names(renders: Renders, group: list[str], full_given: bool = False) -> None:
    """Step 1 for one set: names are added one at a time while there are more to show; when
    the names added split the set (some items now read unlike the others), every item of the
    set keeps them and each part still ambiguous goes on alone. With the by-cite rule the
    names are compared with their given names in full, as step 2 may show them."""
    state = renders.state
    active = [group]
    previous: dict[str, tuple[str, ...]] = {}
    for added in range(MAX_ADDED_NAMES + 1):
        current = {}
        for part in active:
            for item_id in part:
                if not (added or full_given):
                    current[item_id] = renders.texts(item_id)
                    continue
                asked = dataclasses.replace(state[item_id], add_names=added)
                if full_given:
                    asked.given_level = max(asked.given_level, givennames.FULL)
                current[item_id] = renders.probe(item_id, asked)
        if added and all(previous.get(i) == texts for i, texts in current.items()):
            return  # no cite shows another name
        previous = current
        still = []
        for part in active:
            split = classes({i: current[i] for i in part})
            if len(split) < 2:
                still.append(part)
                continue
            for item_id in part:
                state[item_id].add_names = added
            renders.forget(part)
            still.extend(c for c in split if len(c) > 1)
        active = still
        if not active:
            return


def year_suffixes(
    processor: Processor, state: Mapping[str, Disambiguation], groups: list[list[str]]
) -> None:
    """Step 4: a, b, c … within each set of items still alike, in reference-list order."""
    items = [processor.items[item_id] for item_id in state]
    order = {item.id: n for n, item in enumerate(processor.bibliography_order(items))}
    for group in groups:
        for number, item_id in enumerate(sorted(group, key=lambda i: order.get(i, 0))):
            state[item_id].year_suffix = letters(number)


def letters(number: int) -> str:
    """0 → a, 25 → z, 26 → aa, 51 → az, 52 → ba."""
    out = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        out = chr(ord("a") + rest) + out
    return out
