"""The review round trip for front ends: read returned DOCX files (Word layer), review them
against the draft (core), and write an applied draft version. Sits beside `export`."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafter.draftfile import load_draft, save_draft
from drafter.errors import DraftError, OutputError
from drafter.fileio import lock_file, write_atomic
from drafter.library import Library
from drafter.model import NOTE_MARK_CLOSE, NOTE_MARK_OPEN, Draft, ReturnedFile
from drafter.pipeline import BuildResult, build, open_library
from drafter.review import Review, apply_review, review

MAX_MERGED_COMMENTS = 1_000  # in one --merge-comments document (1,000 take about 1 s)
_NOTES = re.compile(re.escape(NOTE_MARK_OPEN) + r"\d+" + re.escape(NOTE_MARK_CLOSE))


@dataclass(frozen=True)
class Harvest:
    draft: Draft
    built: BuildResult
    review: Review
    files: tuple[tuple[str, ReturnedFile], ...] = ()


def harvest(
    draft_path: Path, returned: list[Path], library_dirs: list[Path] | tuple[Path, ...] = ()
) -> Harvest:
    """Build the draft and review every returned file against it."""

    return harvest_draft(load_draft(draft_path), open_library(library_dirs), returned)


def harvest_draft(draft: Draft, library: Library, returned: list[Path]) -> Harvest:
    """The same, for a draft already in memory (the editor's)."""
    from drafter.word.review import read_returned

    built = build(draft, library)
    files = [(str(path), read_returned(path)) for path in returned]
    return Harvest(draft, built, review(draft, built.document, files), tuple(files))


def merge_comments(result: Harvest, out: Path) -> tuple[int, int]:
    """Write the draft as DOCX carrying every reviewer's comments; (comments, placed exactly)."""
    from drafter.word.comments import CarriedComment, with_comments

    carried = [
        CarriedComment(
            remark.author,
            remark.text,
            _NOTES.sub("", remark.anchored_text),
            file.passages[remark.passage].anchor if remark.passage is not None else None,
        )
        for _, file in result.files
        for remark in file.remarks
    ]
    _check_comment_count(result)
    lock = lock_file(out)
    if lock is not None:
        raise OutputError(f"the file is open in a word processor (lock file {lock.name})", out, None,
                          "close it there first")  # fmt: skip
    data, placed = with_comments(result.built.document, carried)
    write_atomic(out, data)
    return len(carried), placed


def _check_comment_count(result: Harvest) -> None:
    """Refuse, naming the returned file that passes it, more than MAX_MERGED_COMMENTS comments:
    python-docx numbers each new comment by reading every earlier one (quadratic time)."""
    total = 0
    for name, file in result.files:
        total += len(file.remarks)
        if total > MAX_MERGED_COMMENTS:
            raise OutputError(
                f"the returned files hold more than {MAX_MERGED_COMMENTS:,} comments "
                "to carry into one document",
                name,
                None,
                "merge the comments of fewer files at a time",
            )


def apply_to_new_version(
    result: Harvest, reviewers: list[str], out: Path | None
) -> tuple[Path, list[str]]:
    """Write the draft with the accepted text as a new file; the draft itself is kept (when
    `out` is the draft, the previous version is copied to `<name>.before-review.toml` first)."""
    draft, changed = apply_review(result.draft, result.built.document, result.review, reviewers)
    path = result.draft.path
    if path is None:
        raise DraftError("the draft has no file", None, None, "save the draft first")
    target = out or path.with_name(f"{path.stem}.reviewed.toml")
    if target.resolve() == path.resolve():  # the backup, too, is written whole or not at all
        backup = path.with_name(f"{path.stem}.before-review.toml")
        write_atomic(backup, path.read_bytes())
        shutil.copystat(path, backup)
    save_draft(draft, target)
    return target, [f"{p.section} {p.index + 1}" for p in changed]


def plain(text: str) -> str:
    """Returned text for people: note references shown as [n]."""
    return text.replace(NOTE_MARK_OPEN, "[").replace(NOTE_MARK_CLOSE, "]")


def as_json(result: Harvest) -> str:
    data: dict[str, Any] = {
        "files": {
            name: {"relation": p.relation, "detail": p.detail}
            for name, p in result.review.provenance.items()
        },
        "items": [
            {
                "section": item.position.section,
                "index": item.position.index,
                "label": item.label,
                "conflict": item.conflict,
                "original": plain(item.original),
                "accepted": {r: plain(t) for r, t in item.accepted.items()},
                "edits": [
                    {
                        "reviewer": e.reviewer,
                        "kind": e.kind,
                        "text": plain(e.text),
                        "date": e.date,
                        "attribution": e.attribution,
                        "anchored_text": plain(e.anchored_text),
                    }
                    for e in item.edits
                ],
            }
            for item in result.review.items
        ],
        "unplaced": [
            {"reviewer": e.reviewer, "kind": e.kind, "text": plain(e.text)}
            for e in result.review.unplaced
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def as_markdown(result: Harvest) -> str:
    lines = ["# Review", ""]
    for name, p in result.review.provenance.items():
        lines.append(f"- `{name}`: {p.relation} — {p.detail}")
    for item in result.review.items:
        lines += ["", f"## {item.label}" + (" — conflict" if item.conflict else ""), ""]
        for edit in item.edits:
            what = f"“{plain(edit.text)}”"
            if edit.kind in ("comment", "reply"):
                what += f" on “{plain(edit.anchored_text)}”"
            lines.append(f"- **{edit.reviewer}** {edit.kind}: {what} ({edit.attribution})")
        for reviewer, text in item.accepted.items():
            lines.append(f"- accepted text ({reviewer}): {plain(text)}")
    if result.review.unplaced:
        lines += ["", "## Not in a draft item", ""]
        lines += [f"- **{e.reviewer}** {e.kind}: “{plain(e.text)}”" for e in result.review.unplaced]
    return "\n".join(lines) + "\n"
