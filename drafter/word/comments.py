"""Carry comments into a document: each anchored on the same words in the same draft item,
for the next review round (`drafter review --merge-comments`)."""

from __future__ import annotations

import copy
import io
from collections.abc import Sequence
from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from drafter.model import Document
from drafter.word.oxml import bookmark_end_ids, iter_bookmarks
from drafter.word.writer import DocxOptions, compose


@dataclass(frozen=True)
class CarriedComment:
    """A comment to place: who, what, on which words, inside which bookmark (if known)."""

    author: str
    text: str
    anchored_text: str
    anchor: str | None


def with_comments(document: Document, comments: Sequence[CarriedComment]) -> tuple[bytes, int]:
    """The document as DOCX bytes with `comments` added; also how many found their words
    (the others are attached to their item's first words, or the title, and say so)."""
    target = compose(document, DocxOptions())
    placed = 0
    found = _Found(target)
    for comment in comments:
        runs, exact = _anchor_runs(found, comment)
        text = comment.text if exact else f"{comment.text} [on: “{comment.anchored_text}”]"
        initials = "".join(part[:1] for part in comment.author.split())[:3]
        target.add_comment(runs, text=text, author=comment.author, initials=initials)
        placed += exact
    buffer = io.BytesIO()
    target.save(buffer)
    return buffer.getvalue(), placed


class _Found:
    """The target's paragraphs, each bookmark's paragraphs and each paragraph's text, found once:
    placing a comment splits runs and adds a reference run, but never changes a paragraph's
    text, so each comment costs the paragraphs it searches, not every comment placed before."""

    def __init__(self, target: DocxDocument) -> None:
        self.paragraphs = list(target.paragraphs)
        self.spans: dict[str, list[Paragraph]] = {}
        self.texts: dict[int, str] = {}

    def paragraphs_in(self, anchor: str | None) -> list[Paragraph]:
        """The paragraphs bookmark `anchor` spans (all of them when there is no anchor)."""
        if anchor is None:
            return self.paragraphs
        if anchor not in self.spans:
            self.spans[anchor] = _paragraphs_in(self.paragraphs, anchor) or self.paragraphs
        return self.spans[anchor]

    def text(self, paragraph: Paragraph) -> str:
        """The text of the paragraph's plain runs, as `_isolate` counts it."""
        key = id(paragraph._p)
        if key not in self.texts:
            self.texts[key] = "".join(r.text for r in paragraph.runs)
        return self.texts[key]


def _paragraphs_in(paragraphs: list[Paragraph], anchor: str) -> list[Paragraph]:
    """The paragraphs bookmark `anchor` spans."""
    found: list[Paragraph] = []
    open_id: int | None = None
    for paragraph in paragraphs:
        if open_id is None:
            open_id = next((i for i, n in iter_bookmarks(paragraph._p) if n == anchor), None)
        if open_id is not None:
            found.append(paragraph)
            if open_id in bookmark_end_ids(paragraph._p):
                break
    return found


def _anchor_runs(found: _Found, comment: CarriedComment) -> tuple[list[Run], bool]:
    paragraphs = found.paragraphs_in(comment.anchor)
    phrase = comment.anchored_text.strip()
    for paragraph in paragraphs:
        runs = _isolate(paragraph, phrase) if phrase and phrase in found.text(paragraph) else None
        if runs:
            return runs, True
    fallback = next((p for p in paragraphs if _first_run(p) is not None), found.paragraphs[0])
    first = _first_run(fallback)
    return [first if first is not None else fallback.add_run("")], False


def _first_run(paragraph: Paragraph) -> Run | None:
    """The paragraph's first run of its own (not inside a link), without listing them all."""
    element = paragraph._p.find(qn("w:r"))
    return Run(element, paragraph) if element is not None else None


def _isolate(paragraph: Paragraph, phrase: str) -> list[Run] | None:
    """Runs covering exactly `phrase`, splitting runs at its ends; None when it is not there
    in the paragraph's plain runs (text inside links is not split)."""
    runs = paragraph.runs
    text = "".join(r.text for r in runs)
    start = text.find(phrase)
    if start < 0:
        return None
    end = start + len(phrase)
    covered: list[Run] = []
    offset = 0
    for run in runs:
        run_start, run_end = offset, offset + len(run.text)
        offset = run_end
        if run_end <= start or run_start >= end:
            continue
        cut_from, cut_to = max(start, run_start) - run_start, min(end, run_end) - run_start
        covered.append(_split(run, cut_from, cut_to))
    return covered or None


def _split(run: Run, cut_from: int, cut_to: int) -> Run:
    """Split `run` so that its characters [cut_from, cut_to) are a run of their own; return it."""
    text = run.text
    if cut_from == 0 and cut_to == len(text):
        return run
    middle_r = copy.deepcopy(run._r)
    run._r.addnext(middle_r)
    middle = Run(middle_r, run._parent)
    middle.text = text[cut_from:cut_to]
    if cut_to < len(text):
        after_r = copy.deepcopy(run._r)
        middle_r.addnext(after_r)
        Run(after_r, run._parent).text = text[cut_to:]
    run.text = text[:cut_from]
    if not cut_from:
        run._r.getparent().remove(run._r)
    return middle
