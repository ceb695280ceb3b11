"""Render citation clusters and bibliographies with citeproc-py, as Spans."""

from __future__ import annotations

import io
import json
import threading
import warnings
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from citeproc import (  # type: ignore[import-untyped]
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
)
from citeproc.source import Locator  # type: ignore[import-untyped]
from citeproc.source.json import CiteProcJSON  # type: ignore[import-untyped]

from drafter.citations import fixes, spans
from drafter.citations.catalogue import read_style
from drafter.errors import CitationError, excerpt
from drafter.files.reading import did_you_mean
from drafter.model import CiteItem, Source, Span

fixes.apply()


class _SameLocator(Locator):
    """A locator equal to another with the same label and value, so a repeat is plain `ibid.`."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Locator) and (self.label, self.identifier) == (
            other.label,
            other.identifier,
        )

    def __hash__(self) -> int:
        return hash((self.label, self.identifier))


class _ParsedStyle:
    """A parsed style and the lock that keeps one render at a time on it (citeproc keeps state)."""

    def __init__(self, path: Path) -> None:
        data = read_style(path)  # size, element count and no DTD checked before lxml parses it
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.style = CitationStylesStyle(io.BytesIO(data), validate=False)
        except Exception as exc:  # lxml and citeproc raise many kinds for a broken style
            raise CitationError(
                f"cannot read CSL style ({excerpt(exc, 120)})",
                path,
                None,
                "check the file is valid CSL XML",
            ) from None
        self.lock = threading.Lock()
        self.mtime = path.stat().st_mtime
        # fixes.py caches answers on style elements: keep their Python objects alive
        self.elements = list(self.style.root.iter())
        self.is_note = self.style.root.get("class") == "note"
        option = self.style.root.get_locale_option("punctuation-in-quote")
        self.punctuation_in_quote = str(option).lower() == "true"
        # A style that sets `ibid` in lower case (OSCOLA) wants it so even at the start of a note.
        lower_ibid = ".//cs:text[@term='ibid'][@text-case='lowercase']"
        self.capitalize_notes = not self.style.root.xpath_search(lower_ibid)


_parsed: dict[tuple[Path, float], _ParsedStyle] = {}
RENDER_CACHE_SIZE = 64
_rendered: OrderedDict[tuple[object, ...], tuple[tuple[Span, ...], ...]] = OrderedDict()
_rendered_lock = threading.Lock()
_parsed_lock = threading.Lock()


def _load(path: Path) -> _ParsedStyle:
    """Parse each style file once per process (and again if the file changes)."""
    path = path.resolve()
    key = (path, path.stat().st_mtime)
    with _parsed_lock:
        if key not in _parsed:
            _parsed[key] = _ParsedStyle(path)
        return _parsed[key]


class CitationRenderer:
    """Formats citations from `sources` (keyed by lower-case id) in one CSL style."""

    def __init__(self, style_path: Path, sources: Mapping[str, Source]) -> None:
        self.style_path = style_path
        self._parsed = _load(style_path)
        self._sources = sources
        self.is_note = self._parsed.is_note

    def render(self, clusters: Sequence[Sequence[CiteItem]]) -> list[tuple[Span, ...]]:
        """Each cluster as it reads in the text, in order, with first/subsequent/ibid forms.

        The same clusters on the same sources and style give the same notes, so results are
        kept (a few dozen documents' worth): an editor rebuilding after every keystroke
        re-renders notes only when citations change.
        """
        key = self._cache_key(clusters)
        with _rendered_lock:
            cached = _rendered.get(key)
            if cached is not None:
                _rendered.move_to_end(key)
                return list(cached)
        notes = self._render(clusters)
        with _rendered_lock:
            _rendered[key] = tuple(notes)
            while len(_rendered) > RENDER_CACHE_SIZE:
                _rendered.popitem(last=False)
        return notes

    def _cache_key(self, clusters: Sequence[Sequence[CiteItem]]) -> tuple[object, ...]:
        frozen = tuple(tuple(cluster) for cluster in clusters)
        keys = dict.fromkeys(item.key.lower() for cluster in frozen for item in cluster)
        records = tuple(
            (
                k,
                json.dumps(dict(s.csl), sort_keys=True, default=str)
                if (s := self._sources.get(k))
                else None,
            )
            for k in keys
        )
        return (self.style_path, self._parsed.mtime, frozen, records)

    def _render(self, clusters: Sequence[Sequence[CiteItem]]) -> list[tuple[Span, ...]]:
        keys = [item.key.lower() for cluster in clusters for item in cluster]
        bibliography = self._bibliography(keys)
        citations = [Citation([self._item(i) for i in cluster]) for cluster in clusters]
        with self._parsed.lock:
            for citation in citations:
                bibliography.register(citation)
            rendered = [bibliography.cite(c, _unknown) for c in citations]
        return [self._finish(str(text), note=self.is_note) for text in rendered]

    def bibliography(self, keys: Sequence[str]) -> list[tuple[Span, ...]]:
        """The style's reference list for `keys`, in the style's order; empty if it has none."""
        if not keys or not self._parsed.style.has_bibliography():
            return []
        bibliography = self._bibliography([k.lower() for k in keys])
        with self._parsed.lock:
            bibliography.register(Citation([CitationItem(k.lower()) for k in keys]))
            bibliography.sort()
            entries = bibliography.bibliography()
        return [self._finish(str(entry), note=False) for entry in entries]

    def _bibliography(self, keys: Sequence[str]) -> CitationStylesBibliography:
        """A fresh citeproc bibliography holding just the sources cited."""
        records = []
        for key in dict.fromkeys(keys):
            source = self._sources.get(key)
            if source is None:
                raise CitationError(
                    f"unknown citation key '@{key}'",
                    fix=did_you_mean(key, self._sources, "add it to a citations/*.json file"),
                )
            records.append(_record(key, source))
        try:
            with warnings.catch_warnings():  # fields citeproc does not know (Zotero's) are fine
                warnings.simplefilter("ignore")
                data = CiteProcJSON(records)
        except Exception as exc:  # citeproc raises bare errors for odd CSL-JSON
            raise CitationError(
                f"cannot use citation data ({excerpt(exc, 120)})", fix="check the CSL-JSON"
            ) from None
        return CitationStylesBibliography(self._parsed.style, data, spans.MarkerFormatter)

    @staticmethod
    def _item(item: CiteItem) -> CitationItem:
        options: dict[str, Any] = {}
        if item.locator:
            options["locator"] = _SameLocator(item.label, item.locator)
        if item.prefix:
            options["prefix"] = spans.clean(item.prefix).rstrip() + " "
        if item.suffix:
            suffix = spans.clean(item.suffix).strip()
            options["suffix"] = suffix if suffix[:1] in ",.;:" else " " + suffix
        return CitationItem(item.key.lower(), **options)

    def _finish(self, marked: str, *, note: bool) -> tuple[Span, ...]:
        chars = spans.read_marked(marked)
        if self._parsed.punctuation_in_quote:
            chars = spans.move_punctuation_into_quotes(chars)  # defect 3
        if note and self._parsed.capitalize_notes:
            chars = spans.capitalize_first(chars)  # defect 4
        return spans.group(chars)


def _record(key: str, source: Source) -> dict[str, Any]:
    """The CSL-JSON record citeproc reads: lower-case id, and no fields it chokes on."""
    record = {k: v for k, v in source.csl.items() if k not in ("note", "abstract")}
    record["id"] = key
    return record


def _unknown(item: Any) -> str:
    """Defect 6: citeproc would print `key?`; an unknown key is an error instead."""
    raise CitationError(
        f"unknown citation key '@{item.key}'", fix="add it to a citations/*.json file"
    )
