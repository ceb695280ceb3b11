"""Which document kinds there are: drafter's own, then any an installed package adds.

A package adds a kind by declaring an entry point in the `drafter.kinds` group whose value names
an object implementing `drafter.kinds.kind.Kind` (`mykinds.notice:KIND`). Kinds are code, so
they come only from installed packages, never from a library folder or a draft, which travel
between organizations. A kind that fails to load is one line naming it, not a traceback.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from drafter.errors import LibraryError, quoted
from drafter.kinds.kind import Kind
from drafter.kinds.names import BUILT_IN, PLAIN
from drafter.model import Template

if TYPE_CHECKING:
    from importlib import metadata

GROUP = "drafter.kinds"


@functools.cache
def all_kinds() -> dict[str, Kind]:
    """Every kind by name: the built-in ones, then those of installed packages."""
    kinds = {name: built_in(name) for name in BUILT_IN}
    for point in _entry_points():
        kinds.setdefault(point.name, _load(point))
    return kinds


@functools.cache
def built_in(name: str) -> Kind:
    """One of drafter's own kinds, its module imported on first use: a proposal's build loads
    neither the letter nor the installed packages' kinds."""
    kind: Kind = importlib.import_module(BUILT_IN[name]).KIND
    return kind


def kind_named(name: str) -> Kind | None:
    """The kind a template's `kind` (or older `rules` entry) names, if there is one."""
    if name in BUILT_IN:
        return built_in(name)
    kinds = all_kinds()
    if name in kinds:
        return kinds[name]
    return next((k for k in kinds.values() if k.rule and k.rule == name), None)


def kind_of(template: Template | None) -> Kind:
    """The kind a template is; a missing template or one naming none is a plain document."""
    named = kind_named(template.kind) if template is not None and template.kind else None
    return named or built_in(PLAIN)


def draft_keys() -> tuple[str, ...]:
    """The top-level draft keys some kind reads, in the order the kinds declare them."""
    return tuple(dict.fromkeys(k for kind in all_kinds().values() for k in kind.keys))


def known_draft_keys(kind: Kind, keys: Iterable[str]) -> tuple[str, ...]:
    """The draft keys to check `keys` against: those of `kind` when that is all they use
    (the common case, loading no other kind), else those of every kind."""
    own = set(kind.keys)
    return tuple(kind.keys) if all(k in own for k in keys) else draft_keys()


def _entry_points() -> list[metadata.EntryPoint]:
    from importlib import metadata  # slow to import (it loads the email package): on first use

    return sorted(metadata.entry_points(group=GROUP), key=lambda p: p.name)


def _load(point: metadata.EntryPoint) -> Kind:
    where = f"the {quoted(point.name)} kind ({point.value})"
    try:
        kind = point.load()
    except Exception as error:  # a package's own bug, reported as one line
        raise LibraryError(
            f"{where} failed to load: {type(error).__name__}: {error}",
            None,
            None,
            f"fix or uninstall the package that declares it in the {GROUP} entry points",
        ) from None
    missing = [a for a in ("name", "keys", "read", "papers", "editor") if not hasattr(kind, a)]
    if missing or kind.name != point.name:
        raise LibraryError(
            f"{where} is not a document kind"
            + (
                f" (it has no {', '.join(missing)})"
                if missing
                else f" (it calls itself {quoted(kind.name)})"
            ),
            None,
            None,
            "point the entry point at an object implementing drafter.kinds.kind.Kind",
        )
    return kind
