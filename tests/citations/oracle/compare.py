"""The CSL oracle: drafter's notes beside pandoc `--citeproc` on the same `.csl` files.

Both sides render the corpus of this folder (`items.json`, `clusters.json`) in each style of
`STYLES`: drafter through `CitationRenderer`, pandoc from one markdown document (`pandocside`).
Note styles compare notes, in-text styles (APA, MLA) the inline citations. Texts are compared
after `normalise`; formatting (italic, bold, small caps, super- and subscript) is compared
beside, on notes whose texts agree.

Run from the repository root, with drafter importable:

    python -m tests.citations.oracle.compare            # agreement per style, and each difference
    python -m tests.citations.oracle.compare --write    # regenerate differences.md

`differences.md` takes its "CSL rule / which side is right" column from `judgements.json`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import pandocside, report

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
ITEMS = HERE / "items.json"
CLUSTERS = HERE / "clusters.json"
JUDGEMENTS = HERE / "judgements.json"
DIFFERENCES = HERE / "differences.md"

# Catalogue names, and drafter's own style in the repository's library.
STYLES = (
    "chicago-notes-bibliography",
    "chicago-notes-bibliography-subsequent-ibid-17th-edition",
    "bluebook-law-review",
    "modern-language-association",
    "apa",
    "proposal-urls",
)
LIBRARY_STYLES = {"proposal-urls": REPO / "styles" / "proposal-urls.csl"}

_QUOTES = str.maketrans({c: '"' for c in "“”„‟"} | {c: "'" for c in "‘’‚‛"})
_SPACE = re.compile(r"[\s\u00a0\u202f\u2009\u2007\u200a]+")
FLAGS = ("italic", "bold", "small_caps", "superscript", "subscript")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
TAGS = {"italic": "i", "bold": "b", "small_caps": "sc", "superscript": "sup", "subscript": "sub"}


@dataclass(frozen=True)
class Note:
    """One rendered note or inline citation: its plain text and its text with format tags."""

    text: str
    formatted: str


@dataclass(frozen=True)
class Row:
    """One cluster of the corpus as each side renders it."""

    note: int
    why: str
    drafter: Note
    pandoc: Note

    @property
    def agrees(self) -> bool:
        return self.drafter.text == self.pandoc.text

    @property
    def format_agrees(self) -> bool:
        return self.drafter.formatted == self.pandoc.formatted


@dataclass(frozen=True)
class StyleResult:
    """A style's comparison: whether it is a note style, and every cluster's row."""

    style: str
    is_note: bool
    rows: tuple[Row, ...]

    @property
    def agreed(self) -> int:
        return sum(r.agrees for r in self.rows)

    @property
    def agreement(self) -> float:
        return self.agreed / len(self.rows)

    @property
    def format_agreed(self) -> int:
        return sum(r.agrees and r.format_agrees for r in self.rows)


def normalise(text: str) -> str:
    """Straight quotes for curly ones and one space for every run of white space, trimmed."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


def load_items() -> list[dict[str, Any]]:
    return list(json.loads(ITEMS.read_text(encoding="utf-8")))


def load_clusters() -> list[dict[str, Any]]:
    """The clusters in document order, each with its note number (`note`) and `cites`."""
    clusters = list(json.loads(CLUSTERS.read_text(encoding="utf-8")))
    numbers = [c["note"] for c in clusters]
    if numbers != sorted(set(numbers)) or numbers[0] < 1:
        raise ValueError("clusters.json: note numbers must rise, from 1 on")
    return clusters


def style_path(style: str) -> Path:
    from drafter.citations import resolve_style

    return resolve_style(style, extra=LIBRARY_STYLES)


def tagged(runs: Iterable[tuple[str, frozenset[str]]]) -> Note:
    """A note from runs of text with their format flags. White space takes the formats that
    the text on both sides of it shares; `<`, `>` and `&` of the text are escaped in tags."""
    chars = [(ch, flags) for text, flags in runs for ch in text]
    shown = [flags for _, flags in chars]
    for index, (ch, _) in enumerate(chars):
        if ch.isspace():
            before = next((f for c, f in reversed(chars[:index]) if not c.isspace()), frozenset())
            after = next((f for c, f in chars[index + 1 :] if not c.isspace()), frozenset())
            shown[index] = before & after
    out: list[str] = []
    for index, (ch, _) in enumerate(chars):
        flags, none = shown[index], frozenset[str]()
        before = shown[index - 1] if index else none
        after = shown[index + 1] if index + 1 < len(chars) else none
        opened = "".join(f"<{TAGS[f]}>" for f in FLAGS if f in flags - before)
        closed = "".join(f"</{TAGS[f]}>" for f in reversed(FLAGS) if f in flags - after)
        out.append(opened + ch.translate(_ESCAPES) + closed)
    return Note(normalise("".join(ch for ch, _ in chars)), normalise("".join(out)))


# drafter's side


def is_note_style(style: Path) -> bool:
    from drafter.citations import style_info

    return style_info(style).is_note


def drafter_notes(
    style: Path, items: Sequence[dict[str, Any]], clusters: Sequence[dict[str, Any]]
) -> list[Note]:
    """Each cluster rendered by drafter, past its caches, in the note the corpus numbers it.

    A cluster drafter cannot render alone is left out of its run and shows the error instead.
    """
    from drafter.citations import CitationRenderer
    from drafter.model import CiteItem, Source

    sources = {str(i["id"]).lower(): Source(str(i["id"]), i) for i in items}
    renderer = CitationRenderer(style, sources)
    cites = [
        [
            CiteItem(
                c["key"],
                locator=c.get("locator"),
                label=c.get("label", "page"),
                prefix=c.get("prefix", ""),
                suffix=c.get("suffix", ""),
            )
            for c in cluster["cites"]
        ]
        for cluster in clusters
    ]
    numbers = [cluster["note"] if renderer.is_note else None for cluster in clusters]
    failed: dict[int, Note] = {}
    try:
        rendered = renderer._render(cites, numbers)
    except Exception:
        for index, cluster in enumerate(cites):
            try:
                renderer._render([cluster], [numbers[index]])
            except Exception as exc:
                failed[index] = Note(_error(exc), _error(exc))
        kept = [i for i in range(len(cites)) if i not in failed]
        rendered = renderer._render([cites[i] for i in kept], [numbers[i] for i in kept])
    notes = iter(
        tagged((s.text, frozenset(f for f in FLAGS if getattr(s, f))) for s in spans)
        for spans in rendered
    )
    return [failed[i] if i in failed else next(notes) for i in range(len(cites))]


def _error(exc: Exception) -> str:
    """What drafter raised, and where: the last frame's file, line and source."""
    frame = traceback.extract_tb(exc.__traceback__)[-1]
    where = "/".join(Path(frame.filename).parts[-2:])
    return f"drafter error: {type(exc).__name__} {exc} at {where}:{frame.lineno} ({frame.line})"


def compare(styles: Sequence[str] = STYLES, pandoc: str | None = None) -> list[StyleResult]:
    """Every style rendered by both sides: pandoc's runs all start at once, drafter's meanwhile."""
    pandoc = pandoc or pandocside.find_pandoc()
    if pandoc is None:
        raise RuntimeError("pandoc not found: pip install pypandoc-binary")
    items, clusters = load_items(), load_clusters()
    paths = {s: style_path(s) for s in styles}
    results = []
    with tempfile.TemporaryDirectory() as folder:
        document = Path(folder) / "oracle.md"
        document.write_text(pandocside.markdown(clusters), encoding="utf-8")
        running = {s: pandocside.start(pandoc, paths[s], ITEMS, document) for s in styles}
        try:
            for style in styles:
                note = is_note_style(paths[style])
                ours = drafter_notes(paths[style], items, clusters)
                runs = pandocside.notes(running[style], clusters, note=note)
                rows = tuple(
                    Row(c["note"], c.get("why", ""), d, tagged(p))
                    for c, d, p in zip(clusters, ours, runs, strict=True)
                )
                results.append(StyleResult(style, note, rows))
        finally:
            for process in running.values():
                if process.poll() is None:
                    process.kill()
                    process.communicate()
    return results


def differences(results: Sequence[StyleResult], pandoc: str) -> str:
    """The text of differences.md for these results."""
    numbers = [c["note"] for c in load_clusters()]
    gaps = sorted(set(range(1, numbers[-1] + 1)) - set(numbers))
    return report.report(
        results,
        items=len(load_items()),
        gaps=gaps,
        version=pandocside.pandoc_version(pandoc),
        judgements=JUDGEMENTS,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compare drafter's CSL notes with pandoc's.")
    parser.add_argument("--write", action="store_true", help="regenerate differences.md")
    parser.add_argument("--style", action="append", choices=STYLES, help="only these styles")
    args = parser.parse_args(argv)
    pandoc = pandocside.find_pandoc()
    if pandoc is None:
        print("pandoc not found: pip install pypandoc-binary", file=sys.stderr)
        return 2
    if args.write and args.style:
        print("--write compares every style; leave out --style", file=sys.stderr)
        return 2
    results = compare(args.style or STYLES, pandoc)
    for r in results:
        print(f"{r.style}: {r.agreed}/{len(r.rows)} ({100 * r.agreement:.1f}%) agree")
        for row in r.rows:
            if not row.agrees:
                print(f"  {row.note} drafter: {row.drafter.text}")
                print(f"  {row.note} pandoc:  {row.pandoc.text}")
    if args.write:
        DIFFERENCES.write_text(differences(results, pandoc), encoding="utf-8")
        print(f"wrote {DIFFERENCES.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
