"""Carry comments into a document: each anchored on the same words in the same draft item,
for the next review round (`drafter review --merge-comments`)."""

from __future__ import annotations

import copy
import io
from collections.abc import Sequence
from dataclasses import dataclass

from docx.document import Document as DocxDocument
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
    for comment in comments:
        runs, exact = _anchor_runs(target, comment)
        text = comment.text if exact else f"{comment.text} [on: “{comment.anchored_text}”]"
        initials = "".join(part[:1] for part in comment.author.split())[:3]
        target.add_comment(runs, text=text, author=comment.author, initials=initials)
        placed += exact
    buffer = io.BytesIO()
    target.save(buffer)
    return buffer.getvalue(), placed


def _paragraphs_in(target: DocxDocument, anchor: str | None) -> list[Paragraph]:
    """The paragraphs bookmark `anchor` spans (all of them when there is no anchor)."""
    if anchor is None:
        return list(target.paragraphs)
    found: list[Paragraph] = []
    open_id: int | None = None
    for paragraph in target.paragraphs:
        if open_id is None:
            open_id = next((i for i, n in iter_bookmarks(paragraph._p) if n == anchor), None)
        if open_id is not None:
            found.append(paragraph)
            if open_id in bookmark_end_ids(paragraph._p):
                break
    return found or list(target.paragraphs)


def _anchor_runs(target: DocxDocument, comment: CarriedComment) -> tuple[list[Run], bool]:
    paragraphs = _paragraphs_in(target, comment.anchor)
    phrase = comment.anchored_text.strip()
    for paragraph in paragraphs:
        runs = _isolate(paragraph, phrase) if phrase else None
        if runs:
            return runs, True
    fallback = next((p for p in paragraphs if p.runs), target.paragraphs[0])
    return fallback.runs[:1] or [fallback.add_run("")], False


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
