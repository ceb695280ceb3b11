"""Given names added for disambiguation (CSL 1.0.2 §Disambiguation, step 2,
`disambiguate-add-givenname`), as levels in `Disambiguation.given` keyed by (variable, index):
1 initials (a full given name when the style gives no `initialize-with`), 2 the full given name.

Names are compared by their parsed parts; two names are "alike" when their family names (with
any non-dropping particle) match and "alike in initials" when their given names' initials match
too. The names of a cite are those of the name variables its rendering printed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from drafter.citations.csl.context import Disambiguation
from drafter.citations.csl.data import Item
from drafter.citations.csl.nameparts import Name, parse
from drafter.citations.csl.rich import Rich

GLOBAL_RULES = frozenset(
    {"all-names", "all-names-with-initials", "primary-name", "primary-name-with-initials"}
)
INITIALS, FULL = 1, 2


@dataclass(frozen=True)
class Placed:
    """One name of a cite: the variable it belongs to, its place in that list, its parts."""

    variable: str
    index: int
    name: Name

    @property
    def family(self) -> str:
        name = self.name
        if name.literal is not None:
            return name.literal
        return f"{name.non_dropping} {name.family}".strip()

    @property
    def initials(self) -> str:
        return initials(self.name.given)


def initials(given: str) -> str:
    """The first letter of each part of a given name ("John P." → "JP", "Jean-Paul" → "JP")."""
    return "".join(part[:1] for part in given.replace("-", " ").replace(".", " ").split())


def printed_variables(renderings: Iterable[Rich]) -> list[str]:
    """The name variables a cite's renderings printed, in reading order."""
    found: dict[str, None] = {}
    stack = list(renderings)[::-1]
    while stack:
        node = stack.pop()
        role = node.role or ""
        if role.startswith("names:") and role[6:]:
            found.setdefault(role[6:], None)
        stack.extend(child for child in reversed(node.children) if isinstance(child, Rich))
    return list(found)


def names_of(item: Item, variables: Sequence[str]) -> list[Placed]:
    """The item's names in those variables, in order."""
    return [
        Placed(variable, index, parse(record))
        for variable in variables
        for index, record in enumerate(item.names(variable))
    ]


def _raise(state: Disambiguation, placed: Placed, level: int) -> None:
    key = (placed.variable, placed.index)
    if state.given.get(key, 0) < level:
        state.given[key] = level


def apply_rule(
    rule: str, names: Mapping[str, list[Placed]], state: Mapping[str, Disambiguation]
) -> None:
    """The global rules: a name is expanded wherever it is printed when another name printed
    anywhere (any name for all-names, a first name for primary-name) has its family name; to
    initials when their initials differ, else in full (not at all for the -with-initials
    rules); the primary-name rules expand first names only."""
    primary = rule.startswith("primary-name")
    with_initials = rule.endswith("-with-initials")
    distinct: dict[str, set[Name]] = defaultdict(set)
    for placed_names in names.values():
        for placed in placed_names:
            if not primary or placed.index == 0:
                distinct[placed.family].add(placed.name)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for family, alike in distinct.items():
        for name in alike:
            shared[(family, initials(name.given))] += 1
    for item_id, placed_names in names.items():
        for placed in placed_names:
            if (primary and placed.index) or len(distinct.get(placed.family, ())) < 2:
                continue
            if placed.name.literal is not None:
                continue
            same = shared[(placed.family, placed.initials)] > 1
            if same and with_initials:
                continue
            _raise(state[item_id], placed, FULL if same else INITIALS)


def hint(
    group: Sequence[str], names: Mapping[str, list[Placed]], state: Mapping[str, Disambiguation]
) -> set[str]:
    """The by-cite rule for one group of cites that read alike: place by place through their
    name lists, a name is expanded when another cite of the group has a different name with its
    family name there (in full when their initials match); the walk ends at the place where
    every cite has had a name expanded. The items whose names were expanded."""
    hinted: set[str] = set()
    width = max((len(names.get(i, ())) for i in group), default=0)
    for place in range(width):
        if len(hinted) == len(group):
            break
        here = [(i, names[i][place]) for i in group if place < len(names.get(i, ()))]
        distinct: dict[str, set[Name]] = defaultdict(set)
        for _, placed in here:
            distinct[placed.family].add(placed.name)
        shared: dict[tuple[str, str], int] = defaultdict(int)
        for family, alike in distinct.items():
            if len(alike) > 1:
                for name in alike:
                    shared[(family, initials(name.given))] += 1
        for item_id, placed in here:
            if len(distinct[placed.family]) < 2 or placed.name.literal is not None:
                continue
            same = shared[(placed.family, placed.initials)] > 1
            _raise(state[item_id], placed, FULL if same else INITIALS)
            hinted.add(item_id)
    return hinted
