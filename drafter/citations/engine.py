"""drafter's CSL processor at work on a document: a style compiled once per content, clusters
rendered with their note numbers (first, subsequent, ibid, near-note, disambiguation), and
reference lists, all as Spans. `renderer` loads this module only when notes are not already
known."""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from drafter.citations import spans
from drafter.citations.csl import writers
from drafter.citations.csl.data import csl_type
from drafter.citations.csl.processor import Citation, Processor, UnknownItem
from drafter.citations.csl.rich import Rich
from drafter.citations.csl.style import Style, StyleError
from drafter.errors import CitationError, excerpt
from drafter.files.reading import did_you_mean
from drafter.model import CiteItem, Source, Span


class ParsedStyle:
    """A compiled style and what drafter reads off it."""

    def __init__(self, data: bytes, path: Path) -> None:
        try:
            self.style = Style(data)
        except StyleError as exc:
            raise CitationError(
                f"cannot read CSL style ({excerpt(exc, 120)})",
                path,
                None,
                "check the file is valid CSL XML",
            ) from None
        self.lock = threading.Lock()
        self.is_note = self.style.is_note
        self.marks = self.style.quote_marks()
        # A style that sets `ibid` in lower case (OSCOLA) wants it so even at the start of a note.
        lower_ibid = ".//cs:text[@term='ibid'][@text-case='lowercase']"
        self.capitalize_notes = not self.style.find(lower_ibid)
        self.facts = {  # what drafter reads off the style, kept beside its rendered notes
            "is_note": self.is_note,
            "punctuation_in_quote": self.marks.punctuation_in_quote,
            "capitalize_notes": self.capitalize_notes,
            "has_bibliography": self.style.bibliography is not None,
        }


_parsed: dict[str, ParsedStyle] = {}  # by the digest of the style's bytes
_parsed_lock = threading.Lock()


def parsed(digest: str, data: bytes, path: Path) -> ParsedStyle:
    """Compile each style's content once per process."""
    with _parsed_lock:
        if digest not in _parsed:
            _parsed[digest] = ParsedStyle(data, path)
        return _parsed[digest]


def render(
    style: ParsedStyle,
    sources: Mapping[str, Source],
    clusters: Sequence[Sequence[CiteItem]],
    notes: Sequence[int | None] | None = None,
) -> list[tuple[Span, ...]]:
    """Each cluster as it reads in the text, in order; `notes` gives the number of the note
    each cluster sits in (by default, cluster n is note n in a note style)."""
    keys = [item.key.lower() for cluster in clusters for item in cluster]
    processor = Processor(style.style, _records(sources, keys), affix_markup=False)
    if notes is None:
        notes = [n + 1 if style.is_note else None for n in range(len(clusters))]
    citations = [
        Citation([_cite(processor, item, note) for item in cluster], note)
        for cluster, note in zip(clusters, notes, strict=True)
    ]
    try:
        rendered = processor.citations(citations)
    except StyleError as exc:
        raise CitationError(f"cannot use CSL style ({exc})", fix="use a simpler style") from None
    return [finish(style, rich, note=style.is_note) for rich in rendered]


def reference_list(
    style: ParsedStyle, sources: Mapping[str, Source], keys: Sequence[str]
) -> list[tuple[Span, ...]]:
    """The style's reference list for `keys`, in the style's order; empty if it has none."""
    if not keys or not style.facts["has_bibliography"]:
        return []
    lowered = [k.lower() for k in keys]
    processor = Processor(style.style, _records(sources, lowered))
    citations = [Citation([processor.cite(k) for k in dict.fromkeys(lowered)])]
    try:
        processor.citations(citations)
        entries = processor.bibliography(citations)
    except StyleError as exc:
        raise CitationError(f"cannot use CSL style ({exc})", fix="use a simpler style") from None
    return [finish(style, rich, note=False) for rich in entries if not rich.is_empty()]


def finish(style: ParsedStyle, rich: Rich, *, note: bool) -> tuple[Span, ...]:
    """The processor's tree as Spans: quotes, flip-flops, punctuation moved into quotes, a
    capital opening a note, web addresses as links."""
    written = writers.to_spans(rich, style.marks)
    chars = [
        spans.Char(char, (s.italic, s.bold, s.small_caps, s.superscript, s.subscript))
        for s in written
        for char in s.text
    ]
    if note and style.capitalize_notes:
        chars = spans.capitalize_first(chars)
    return spans.group(chars)


def _records(sources: Mapping[str, Source], keys: Sequence[str]) -> list[dict[str, Any]]:
    """The CSL-JSON of the cited sources, with lower-case ids; an unknown key is an error."""
    records = []
    for key in dict.fromkeys(keys):
        source = sources.get(key)
        if source is None:
            raise CitationError(
                f"unknown citation key '@{key}'",
                fix=did_you_mean(key, sources, "add it to a citations/*.json file"),
            )
        try:
            csl_type(source.csl.get("type"))
        except CitationError as exc:  # point at the item in the user's citations file
            exc.path, exc.line = source.location.path, source.location.line
            raise
        record = {k: v for k, v in source.csl.items() if k not in ("note", "abstract")}
        record["id"] = key
        records.append(record)
    return records


def _cite(processor: Processor, item: CiteItem, note: int | None) -> Any:
    options: dict[str, Any] = {"note": note}
    if item.locator:
        options["locator"] = item.locator
        options["label"] = item.label
    if item.prefix:
        options["prefix"] = item.prefix.rstrip() + " "
    if item.suffix:
        suffix = item.suffix.strip()
        options["suffix"] = suffix if suffix[:1] in ",.;:" else " " + suffix
    try:
        return processor.cite(item.key.lower(), **options)
    except UnknownItem:
        raise CitationError(
            f"unknown citation key '@{item.key}'", fix="add it to a citations/*.json file"
        ) from None
