"""pandoc's side of the CSL oracle: the corpus as one markdown document, rendered by
`pandoc --citeproc` to its JSON AST, each cluster's note (or inline citation) read back.

pandoc numbers notes in document order, counting every footnote: the document holds one
paragraph per note number, a cluster alone (pandoc puts it in a footnote of its own in a note
style) or, where the corpus's numbering has a gap, a paragraph with a plain footnote
`Text.^[...]`. Each citation's `citationNoteNum` is checked against the corpus's number.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

# How a locator's label is written in the markdown pandoc reads: the en-US short term, or
# the long one where pandoc's locale parser knows only that (`s.v.` is not read as sub verbo).
# Pandoc 3.9 knows the 16 locator terms of CSL 1.0.1; a label outside them (article-locator,
# table, appendix) is written all the same and pandoc keeps it as text. The locator goes in
# braces, `{p. 4-6}`, so pandoc never takes a suffix for part of it.
WRITTEN = {
    "page": "p.",
    "chapter": "chap.",
    "section": "sec.",
    "paragraph": "para.",
    "figure": "fig.",
    "volume": "vol.",
    "line": "l.",
    "note": "n.",
    "column": "col.",
    "part": "pt.",
    "issue": "no.",
    "book": "bk.",
    "folio": "fol.",
    "verse": "v.",
    "opus": "op.",
    "sub-verbo": "sub verbo",
    "article": "art.",  # what drafter reads `art.` as
    "article-locator": "art.",
    "table": "tbl.",
    "appendix": "app.",
    "act": "act",  # no short term
    "canon": "can.",
    "elocation": "loc.",
    "equation": "eq.",
    "rule": "r.",
    "scene": "sc.",
    "supplement": "supp.",
    "timestamp": "",  # no term: the value alone
    "title-locator": "tit.",
    "version": "version",  # its short term `v.` is verse's
}
GAP_NOTE = "A note without a citation."

Runs = Iterable[tuple[str, frozenset[str]]]  # text and the formats in force on it


def find_pandoc() -> str | None:
    """pypandoc-binary's pandoc (the one differences.md is made with), else one on PATH."""
    try:
        import pypandoc  # type: ignore[import-untyped]

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        return shutil.which("pandoc")


def pandoc_version(pandoc: str) -> str:
    out = subprocess.run([pandoc, "--version"], capture_output=True, text=True, check=True)
    return out.stdout.split("\n", 1)[0].strip()


def markdown(clusters: Sequence[dict[str, Any]]) -> str:
    """The document pandoc reads: a paragraph per note number, so its notes are numbered as the
    corpus's: a cluster alone (pandoc puts it in a footnote in a note style) or a plain footnote."""
    paragraphs: list[str] = []
    for cluster in clusters:
        while len(paragraphs) + 1 < cluster["note"]:
            paragraphs.append(f"Text.^[{GAP_NOTE}]")
        paragraphs.append("[" + "; ".join(_cite(c) for c in cluster["cites"]) + "]")
    return "\n\n".join(paragraphs) + "\n"


def _cite(cite: dict[str, Any]) -> str:
    """One cite as pandoc's markdown writes it; affixes spaced as drafter spaces them."""
    out = f"{cite['prefix'].strip()} @{cite['key']}" if cite.get("prefix") else f"@{cite['key']}"
    if cite.get("locator"):
        written = WRITTEN[cite.get("label", "page")]
        out += f", {{{written} {cite['locator']}}}" if written else f", {{{cite['locator']}}}"
    suffix = cite.get("suffix", "").strip()
    if suffix:
        out += suffix if suffix[:1] in ",.;:" else " " + suffix
    return out


def start(pandoc: str, style: Path, items: Path, document: Path) -> subprocess.Popen[str]:
    """pandoc at work on the `markdown` document in `style`, its JSON AST on stdout."""
    command = [pandoc, "-f", "markdown", "-t", "json", "--citeproc", "--csl", str(style)]
    command += ["--bibliography", str(items), "-M", "suppress-bibliography=true", str(document)]
    return subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def notes(
    process: subprocess.Popen[str], clusters: Sequence[dict[str, Any]], *, note: bool
) -> list[list[tuple[str, frozenset[str]]]]:
    """Each cluster as pandoc rendered it, as runs: the footnote it made (note styles) or the
    citation (in-text styles)."""
    out, err = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"pandoc failed: {err.strip()}")
    cites = [c for block in json.loads(out)["blocks"] for c in _cites(block)]
    if len(cites) != len(clusters):
        raise RuntimeError(f"pandoc made {len(cites)} citations of {len(clusters)} clusters")
    found = []
    for (citations, inlines), cluster in zip(cites, clusters, strict=True):
        numbers = {c["citationNoteNum"] for c in citations}
        if note and numbers != {cluster["note"]}:  # the numbering check
            raise RuntimeError(f"pandoc numbered note {cluster['note']} as {numbers}")
        if note:
            if len(inlines) != 1 or inlines[0]["t"] != "Note":
                raise RuntimeError(f"pandoc made no footnote of note {cluster['note']}")
            runs = list(_block_runs(inlines[0]["c"], frozenset()))
        else:
            runs = list(_runs(inlines, frozenset()))
        found.append(runs)
    return found


def _cites(block: dict[str, Any]) -> Iterable[tuple[list[dict[str, Any]], list[Any]]]:
    """The citations of a top-level paragraph (never those inside a footnote of the text)."""
    if block["t"] in ("Para", "Plain"):
        for inline in block["c"]:
            if inline["t"] == "Cite":
                yield inline["c"][0], inline["c"][1]


def _block_runs(blocks: list[Any], flags: frozenset[str]) -> Runs:
    for index, block in enumerate(blocks):
        if index:
            yield " ", flags
        if block["t"] in ("Para", "Plain"):
            yield from _runs(block["c"], flags)


_FORMAT = {"Emph": "italic", "Strong": "bold", "SmallCaps": "small_caps"}
_FORMAT |= {"Superscript": "superscript", "Subscript": "subscript"}
_UNFORMAT = {"csl-no-emph": "italic", "csl-no-strong": "bold", "csl-no-smallcaps": "small_caps"}
_QUOTE_MARKS = {"DoubleQuote": ("“", "”"), "SingleQuote": ("‘", "’")}


def _runs(inlines: list[Any], flags: frozenset[str]) -> Runs:
    """Text runs of pandoc inlines with the formats in force."""
    for inline in inlines:
        kind, content = inline["t"], inline.get("c")
        if kind == "Str":
            yield content, flags
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            yield " ", flags
        elif kind in _FORMAT:
            yield from _runs(content, flags | {_FORMAT[kind]})
        elif kind == "Span":
            off = {_UNFORMAT[c] for c in content[0][1] if c in _UNFORMAT}
            yield from _runs(content[1], flags - off)
        elif kind == "Quoted":
            opening, closing = _QUOTE_MARKS[content[0]["t"]]
            yield opening, flags
            yield from _runs(content[1], flags)
            yield closing, flags
        elif kind in ("Link", "Cite"):
            yield from _runs(content[1], flags)
        elif kind in ("Underline", "Strikeout"):
            yield from _runs(content, flags)
        elif kind in ("Code", "Math", "RawInline"):
            yield content[1], flags
        elif kind == "Note":
            yield from _block_runs(content, flags)
