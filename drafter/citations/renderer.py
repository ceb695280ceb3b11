"""Render citation clusters and bibliographies in a CSL style, as Spans: from memory when the
same citations were rendered in this process, from the notes cache when in an earlier run
(`notecache`), else by citeproc-py (`engine`, loaded only then)."""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from drafter.citations import notecache
from drafter.citations.catalogue import read_style
from drafter.model import CiteItem, Source, Span

if TYPE_CHECKING:
    from drafter.citations.engine import ParsedStyle

RENDER_CACHE_SIZE = 64
_rendered: OrderedDict[tuple[object, ...], tuple[tuple[Span, ...], ...]] = OrderedDict()
_facts: dict[str, dict[str, bool]] = {}  # style digest -> what drafter reads off the style
_styles: dict[tuple[str, int, int], tuple[bytes, str]] = {}  # (path, mtime, size) -> bytes, digest
_rendered_lock = threading.Lock()


class CitationRenderer:
    """Formats citations from `sources` (keyed by lower-case id) in one CSL style."""

    def __init__(self, style_path: Path, sources: Mapping[str, Source]) -> None:
        self.style_path = style_path
        self._data, self._digest = _style_bytes(style_path)
        self._sources = sources

    @property
    def is_note(self) -> bool:
        """Whether the style puts citations in notes (else in the text)."""
        return self._style_facts()["is_note"]

    def render(
        self, clusters: Sequence[Sequence[CiteItem]], notes: Sequence[int | None] | None = None
    ) -> list[tuple[Span, ...]]:
        """Each cluster as it reads in the text, in order, with first/subsequent/ibid forms;
        `notes` numbers the note each cluster is in (by default 1, 2, 3 ... in a note style),
        so a note without citations between two cited ones is counted.

        The same clusters on the same sources and style give the same notes, so results are
        kept: in memory (a few dozen documents' worth, for the editor rebuilding after every
        keystroke) and in the notes cache between runs.
        """
        return self._spans(
            "notes",
            clusters,
            lambda style: _engine().render(style, self._sources, clusters, notes),
            counted=True,
            numbers=notes,
        )

    def bibliography(self, keys: Sequence[str]) -> list[tuple[Span, ...]]:
        """The style's reference list for `keys`, in the style's order; empty if it has none."""
        if not keys:
            return []
        return self._spans(
            "references",
            [[CiteItem(k)] for k in keys],
            lambda style: _engine().reference_list(style, self._sources, keys),
            counted=False,
        )

    def _render(
        self, clusters: Sequence[Sequence[CiteItem]], notes: Sequence[int | None] | None = None
    ) -> list[tuple[Span, ...]]:
        """Render afresh, past every cache (for the benchmarks and tests)."""
        return _engine().render(self._parsed(), self._sources, clusters, notes)

    def _spans(
        self,
        kind: str,
        clusters: Sequence[Sequence[CiteItem]],
        make: Callable[[ParsedStyle], list[tuple[Span, ...]]],
        *,
        counted: bool,
        numbers: Sequence[int | None] | None = None,
    ) -> list[tuple[Span, ...]]:
        """From memory, else the notes cache, else `make` (and then kept in both)."""
        payload = (self._payload(clusters), None if numbers is None else tuple(numbers))
        key = (self._digest, kind, payload)
        with _rendered_lock:
            cached = _rendered.get(key)
            if cached is not None:
                _rendered.move_to_end(key)
                return list(cached)
        name = notecache.key(kind, self._digest, payload)
        found = notecache.load(name, len(clusters) if counted else None)
        if found is not None:
            facts, notes = found
            _facts.setdefault(self._digest, facts)
        else:
            style = self._parsed()
            notes = make(style)
            notecache.store(name, style.facts, notes)
        with _rendered_lock:
            _rendered[key] = tuple(notes)
            while len(_rendered) > RENDER_CACHE_SIZE:
                _rendered.popitem(last=False)
        return list(notes)

    def _payload(self, clusters: Sequence[Sequence[CiteItem]]) -> tuple[object, ...]:
        """What shapes the result: the clusters and every cited source's CSL-JSON."""
        keys = dict.fromkeys(item.key.lower() for cluster in clusters for item in cluster)
        records = tuple(
            (
                k,
                json.dumps(dict(s.csl), sort_keys=True, default=str)
                if (s := self._sources.get(k))
                else None,
            )
            for k in keys
        )
        items = tuple(
            tuple((i.key, i.locator, i.label, i.prefix, i.suffix) for i in cluster)
            for cluster in clusters
        )
        return (items, records)

    def _style_facts(self) -> dict[str, bool]:
        """What drafter reads off the style: from memory, the notes cache, else a parse."""
        facts = _facts.get(self._digest)
        if facts is not None:
            return facts
        found = notecache.load(self._facts_entry(), 0)
        if found is not None:
            return _facts.setdefault(self._digest, found[0])
        return self._parsed().facts

    def _parsed(self) -> ParsedStyle:
        """The parsed style; the first parse in a process keeps its facts for later runs."""
        style = _engine().parsed(self._digest, self._data, self.style_path)
        if self._digest not in _facts:
            _facts[self._digest] = style.facts
            notecache.store(self._facts_entry(), style.facts, [])
        return style

    def _facts_entry(self) -> str:
        return notecache.key("facts", self._digest, None)


def _style_bytes(path: Path) -> tuple[bytes, str]:
    """A style's checked bytes (`read_style`: size, element count, no DTD) and their digest,
    read again only when the file changes: the editor builds on every keystroke."""
    try:
        info = path.stat()
        stamp = (str(path.resolve()), info.st_mtime_ns, info.st_size)
    except OSError:
        stamp = None  # read_style says what is wrong
    with _rendered_lock:
        kept = _styles.get(stamp) if stamp else None
    if kept is not None:
        return kept
    data = read_style(path)
    kept = (data, hashlib.sha256(data).hexdigest())
    if stamp is not None:
        with _rendered_lock:
            _styles[stamp] = kept
    return kept


def _engine() -> ModuleType:
    """citeproc-py and drafter's repairs to it, loaded on the first render that needs them."""
    from drafter.citations import engine

    return engine
