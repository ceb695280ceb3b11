"""citeproc-py at work: a style parsed once per content, clusters rendered with first, subsequent
and ibid forms, and reference lists, all as Spans. The only module that calls citeproc itself
(with `fixes`, which repairs it); `renderer` loads it only when notes are not already known."""

from __future__ import annotations

import io
import threading
import warnings
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


class ParsedStyle:
    """A parsed style, what drafter reads off it, and the lock that keeps one render at a time
    on it (citeproc keeps state)."""

    def __init__(self, data: bytes, path: Path) -> None:
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
        # fixes.py caches answers on style elements: keep their Python objects alive
        self.elements = list(self.style.root.iter())
        self.is_note = self.style.root.get("class") == "note"
        option = self.style.root.get_locale_option("punctuation-in-quote")
        self.punctuation_in_quote = str(option).lower() == "true"
        # A style that sets `ibid` in lower case (OSCOLA) wants it so even at the start of a note.
        lower_ibid = ".//cs:text[@term='ibid'][@text-case='lowercase']"
        self.capitalize_notes = not self.style.root.xpath_search(lower_ibid)
        self.facts = {  # what drafter reads off the style, kept beside its rendered notes
            "is_note": self.is_note,
            "punctuation_in_quote": self.punctuation_in_quote,
            "capitalize_notes": self.capitalize_notes,
            "has_bibliography": bool(self.style.has_bibliography()),
        }


_parsed: dict[str, ParsedStyle] = {}  # by the digest of the style's bytes
_parsed_lock = threading.Lock()


def parsed(digest: str, data: bytes, path: Path) -> ParsedStyle:
    """Parse each style's content once per process."""
    with _parsed_lock:
        if digest not in _parsed:
            _parsed[digest] = ParsedStyle(data, path)
        return _parsed[digest]


def render(
    style: ParsedStyle, sources: Mapping[str, Source], clusters: Sequence[Sequence[CiteItem]]
) -> list[tuple[Span, ...]]:
    """Each cluster as it reads in the text, in order, with first/subsequent/ibid forms."""
    keys = [item.key.lower() for cluster in clusters for item in cluster]
    bibliography = _bibliography(style, sources, keys)
    citations = [Citation([_item(i) for i in cluster]) for cluster in clusters]
    with style.lock:
        for citation in citations:
            bibliography.register(citation)
        rendered = [bibliography.cite(c, _unknown) for c in citations]
    return [finish(style.facts, str(text), note=style.is_note) for text in rendered]


def render_marked(
    style: ParsedStyle, sources: Mapping[str, Source], clusters: Sequence[Sequence[CiteItem]]
) -> list[str]:
    """Each cluster as citeproc's marked text, without drafter's output repairs."""
    keys = [item.key.lower() for cluster in clusters for item in cluster]
    bibliography = _bibliography(style, sources, keys)
    citations = [Citation([_item(i) for i in cluster]) for cluster in clusters]
    with style.lock:
        for citation in citations:
            bibliography.register(citation)
        return [str(bibliography.cite(c, _unknown)) for c in citations]


def reference_marked(
    style: ParsedStyle, sources: Mapping[str, Source], keys: Sequence[str]
) -> list[str]:
    """The reference list as citeproc's marked text, without drafter's output repairs."""
    if not keys or not style.facts["has_bibliography"]:
        return []
    bibliography = _bibliography(style, sources, keys)
    with style.lock:
        bibliography.register(Citation([CitationItem(k) for k in keys]))
        bibliography.sort()
        return [str(entry) for entry in bibliography.bibliography()]


def reference_list(
    style: ParsedStyle, sources: Mapping[str, Source], keys: Sequence[str]
) -> list[tuple[Span, ...]]:
    """The style's reference list for `keys`, in the style's order; empty if it has none."""
    if not keys or not style.facts["has_bibliography"]:
        return []
    bibliography = _bibliography(style, sources, [k.lower() for k in keys])
    with style.lock:
        bibliography.register(Citation([CitationItem(k.lower()) for k in keys]))
        bibliography.sort()
        entries = bibliography.bibliography()
    return [finish(style.facts, str(entry), note=False) for entry in entries]


def finish(facts: Mapping[str, bool], marked: str, *, note: bool) -> tuple[Span, ...]:
    """citeproc's marked-up text as Spans, with drafter's repairs on the output."""
    chars = spans.read_marked(marked)
    if facts["punctuation_in_quote"]:
        chars = spans.move_punctuation_into_quotes(chars)  # defect 3
    if note and facts["capitalize_notes"]:
        chars = spans.capitalize_first(chars)  # defect 4
    return spans.group(chars)


def _bibliography(
    style: ParsedStyle, sources: Mapping[str, Source], keys: Sequence[str]
) -> CitationStylesBibliography:
    """A fresh citeproc bibliography holding just the sources cited."""
    records = []
    for key in dict.fromkeys(keys):
        source = sources.get(key)
        if source is None:
            raise CitationError(
                f"unknown citation key '@{key}'",
                fix=did_you_mean(key, sources, "add it to a citations/*.json file"),
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
    return CitationStylesBibliography(style.style, data, spans.MarkerFormatter)


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
