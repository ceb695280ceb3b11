"""The review round trip for front ends: read returned DOCX files (Word layer), review them
against the draft (core), and write an applied draft version or the comments merged into one
document; `prepare_review` is `drafter review`'s whole work. Sits beside `output.export`."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafter.drafts.file import load_draft
from drafter.drafts.save import draft_bytes, keep_version, next_version, write_draft
from drafter.errors import DrafterError, DraftError, OutputError, quoted
from drafter.files.atomic import write_atomic
from drafter.files.guard import Output, check_outputs, note_read, same_file
from drafter.library.load import Library
from drafter.model import NOTE_MARK_CLOSE, NOTE_MARK_OPEN, Draft, ReturnedFile
from drafter.pipeline import BuildResult, build, open_library
from drafter.review.matcher import Provenance, Review, ReviewConflict, apply_review, review
from drafter.review.reviewertext import marker

MAX_MERGED_COMMENTS = 1_000  # in one --merge-comments document (1,000 take about 1 s)
_NOTES = re.compile(re.escape(NOTE_MARK_OPEN) + r"\d+" + re.escape(NOTE_MARK_CLOSE))


@dataclass(frozen=True)
class Harvest:
    """A draft built, and every returned file read and reviewed against it."""

    draft: Draft
    built: BuildResult
    review: Review
    files: tuple[tuple[str, ReturnedFile], ...] = ()
    roots: tuple[Path, ...] = ()  # the library's roots, whose files no output may replace

    def to_dict(self) -> dict[str, Any]:
        """The review as `drafter review --format json` prints it: each returned file's
        relation to the draft, each item's edits, notes and accepted text, and the edits
        outside the draft's items."""
        return {
            "files": {
                name: {"relation": p.relation, "detail": p.detail}
                for name, p in self.review.provenance.items()
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
                            "where": e.where,
                            "anchored_text": plain(e.anchored_text),
                        }
                        for e in item.edits
                    ],
                    "notes": [
                        {
                            "number": n.number,
                            "original": n.original,
                            "accepted": n.accepted,
                            "refused": n.refused,
                            "applied_as": {r: marker(c) for r, c in n.citations.items()},
                        }
                        for n in item.notes
                    ],
                    "added": [{"reviewer": r, "text": plain(t)} for r, t in item.added],
                }
                for item in self.review.items
            ],
            "title": self.review.title,
            "unplaced": [
                {"reviewer": e.reviewer, "kind": e.kind, "text": plain(e.text), "where": e.where}
                for e in self.review.unplaced
            ],
        }


def harvest(
    draft_path: Path,
    returned: list[Path],
    library_dirs: list[Path] | tuple[Path, ...] = (),
    allow: list[Path] | tuple[Path, ...] = (),
) -> Harvest:
    """Build the draft and review every returned file against it (the draft may name files
    under the `allow` folders)."""

    return harvest_draft(load_draft(draft_path), open_library(library_dirs, allow), returned)


def harvest_draft(draft: Draft, library: Library, returned: list[Path]) -> Harvest:
    """The same, for a draft already in memory (the editor's)."""
    from drafter.word.review import read_returned

    built = build(draft, library)
    files = [(str(path), read_returned(path)) for path in returned]
    for path in returned:
        note_read(path)  # a returned file is an input: no output of this run replaces it
    found = review(draft, built.document, files, lambda d: build(d, library).document)
    for path, (name, file) in zip(returned, files, strict=True):
        _refuse_unrelated(draft, path, file, found.provenance[name])
    return Harvest(draft, built, found, tuple(files), tuple(library.roots))


def _refuse_unrelated(draft: Draft, path: Path, file: ReturnedFile, found: Provenance) -> None:
    """A returned file that is not this draft's stops the review: its edits belong elsewhere."""
    if found.relation != "unrelated":
        return
    name = quoted(draft.path.name if draft.path else "the draft")
    if file.properties.get("drafter.draft_sha256"):  # built by drafter from another draft
        raise DrafterError(found.detail, path, 1, "review it with the draft it was built from")
    raise DrafterError(
        f"not built from {name}: it has no drafter properties and no paragraph of the draft",
        path,
        1,
        "pass the DOCX drafter built from this draft, as the reviewer sent it back",
    )


def merge_comments(result: Harvest, out: Path) -> tuple[int, int]:
    """Write the draft as DOCX carrying every reviewer's comments; (comments, placed exactly)."""
    data, count, placed = comments_docx(result)
    check_outputs([Output(out, "docx")], result.roots)
    write_atomic(out, data)
    return count, placed


def comments_docx(result: Harvest) -> tuple[bytes, int, int]:
    """The draft as DOCX carrying every reviewer's comments; its bytes, comments, placed exactly."""
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
    data, placed = with_comments(result.built.document, carried)
    return data, len(carried), placed


def check_apply(result: Harvest, reviewers: list[str]) -> bool:
    """Whether applying changes the draft at all; raises the `ReviewConflict` applying would
    meet, before anything is written."""
    draft, _ = apply_review(result.draft, result.built.document, result.review, reviewers)
    return draft != result.draft


def review_outputs(result: Harvest, out: Path | None) -> list[Output]:
    """What `apply_to_new_version` writes, for the output guard: the default `.reviewed.toml`
    (drafter's), a new file, or the draft itself (a deliberate update in place); and, when the
    target exists, the numbered copy of it kept first."""
    path = result.draft.path
    if path is None:
        raise DraftError("the draft has no file", None, None, "save the draft first")
    default = path.with_name(f"{path.stem}.reviewed.toml")
    target = out or default
    ours = os.path.abspath(target) == os.path.abspath(default)
    outputs = [Output(target, "toml", ours=ours, in_place=same_file(target, path))]
    if target.is_file():  # the earlier version is kept first, under a new number
        outputs.append(Output(next_version(target, "before-review"), "toml"))
    return outputs


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
    """Write the draft with the accepted text as a new file, its own text edited in place so
    that only the accepted items' lines change. A file written over is first kept as
    `<name>.before-review.N.toml` (N one past the highest kept; an unchanged file is not
    copied again), so no review round loses an earlier version."""
    draft, changed = apply_review(result.draft, result.built.document, result.review, reviewers)
    path = result.draft.path
    if path is None:
        raise DraftError("the draft has no file", None, None, "save the draft first")
    target = out or path.with_name(f"{path.stem}.reviewed.toml")
    check_outputs(review_outputs(result, target), result.roots)
    data = draft_bytes(draft, path)  # before anything is written: a failed edit writes nothing
    if target.is_file():  # each kept version, too, is written whole or not at all
        keep_version(target, "before-review", unless=data)
    write_draft(target, data)
    return target, [f"{p.section} {p.index + 1}" for p in changed]


@dataclass(frozen=True)
class Applied:
    """What `ReviewRun.write_applied` wrote: the new draft version, the items whose accepted
    text it holds, and one line per note edit it could not apply."""

    path: Path | None  # None: the chosen reviewers changed nothing, and nothing was written
    changed: tuple[str, ...]
    refused: tuple[str, ...]


@dataclass(frozen=True)
class ReviewRun:
    """A review for `drafter review`, with what --merge-comments and --apply write computed
    and checked by the output guard and nothing written yet: the report is printed first,
    then `write_comments` and `write_applied` write (only the disk can fail them now)."""

    harvest: Harvest
    reviewers: tuple[str, ...] = ()  # whose changes --apply takes (all, when none is named)
    apply: bool = False
    output: Path | None = None  # where --apply writes (default DRAFT.reviewed.toml)
    merge_comments: Path | None = None
    merged: tuple[bytes, int, int] | None = None  # the document, its comments, placed exactly
    changes: bool = True  # whether --apply changes the draft (else it writes nothing)

    def write_comments(self) -> tuple[Path, int, int] | None:
        """Write the merged comments, when asked for: the file, its comments, and how many of
        them are on their own words."""
        if self.merge_comments is None or self.merged is None:
            return None
        data, count, placed = self.merged
        write_atomic(self.merge_comments, data)
        return self.merge_comments, count, placed

    def write_applied(self) -> Applied | None:
        """Write the accepted text as a new draft version, when asked for."""
        if not self.apply:
            return None
        reviewers = list(self.reviewers)
        refused = tuple(self.harvest.review.refusals(reviewers))  # said, never dropped
        if not self.changes:
            return Applied(None, (), refused)
        try:
            out, changed = apply_to_new_version(self.harvest, reviewers, self.output)
        except ReviewConflict as conflict:  # checked before; kept should applying ever change
            raise _conflict_error(self.harvest.draft.path, conflict) from None
        return Applied(out, tuple(changed), refused)


def prepare_review(
    draft_path: Path,
    returned: list[Path],
    library_dirs: list[Path] | tuple[Path, ...] = (),
    allow: list[Path] | tuple[Path, ...] = (),
    *,
    apply: bool = False,
    reviewers: Sequence[str] = (),
    output: Path | None = None,
    merge_comments: Path | None = None,
) -> ReviewRun:
    """`drafter review`: the draft (refused when empty) built and every returned file reviewed
    against it; what --apply and --merge-comments would write is computed and checked before
    anything is printed or written, so a refused output stops the command first."""
    load_draft(draft_path, require_content=True)
    result = harvest(draft_path, returned, library_dirs, allow)
    outputs = []
    changes = False
    try:
        if apply:  # a conflict stops the command before anything is written
            changes = check_apply(result, list(reviewers))
        if changes:
            outputs += review_outputs(result, output)
    except ReviewConflict as conflict:
        raise _conflict_error(draft_path, conflict) from None
    merged = None
    if merge_comments:
        merged = comments_docx(result)
        outputs.append(Output(merge_comments, "docx"))
    check_outputs(outputs, result.roots)
    return ReviewRun(result, tuple(reviewers), apply, output, merge_comments, merged, changes)


def _conflict_error(draft: Path | None, conflict: ReviewConflict) -> DrafterError:
    """Chosen reviewers who changed one item differently, as an input error."""
    return DrafterError(str(conflict), draft, None, "pass --reviewer NAME")


NOTHING = "no comments or tracked changes"  # what an untouched returned file holds


def plain(text: str) -> str:
    """Returned text for people: note references shown as [n]."""
    return text.replace(NOTE_MARK_OPEN, "[").replace(NOTE_MARK_CLOSE, "]")


def as_json(result: Harvest) -> str:
    """The review as JSON text (`Harvest.to_dict`)."""
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False)


def as_markdown(result: Harvest) -> str:
    lines = ["# Review", ""]
    for name, file in result.files:
        p = result.review.provenance[name]
        said = f"{p.relation} — {p.detail}"
        lines.append(f"- `{name}`: {said if file.changes or file.remarks else NOTHING}")
    for item in result.review.items:
        lines += ["", f"## {item.label}" + (" — conflict" if item.conflict else ""), ""]
        for edit in item.edits:
            what = f"“{plain(edit.text)}”"
            if edit.kind in ("comment", "reply"):
                what += f" on “{plain(edit.anchored_text)}”"
            where = f" in {edit.where}" if edit.where else ""
            lines.append(f"- **{edit.reviewer}** {edit.kind}{where}: {what} ({edit.attribution})")
        for reviewer, text in item.accepted.items():
            shown = plain(text) or "none: the item is deleted whole, and --apply removes it"
            lines.append(f"- accepted text ({reviewer}): {shown}")
        for note in item.notes:
            for reviewer, text in note.accepted.items():
                refused = note.refused.get(reviewer)
                items = note.citations.get(reviewer)
                outcome = f" — not applied: {refused}" if refused else ""
                outcome += f" — applied as `{marker(items)}`" if items else ""
                lines.append(
                    f"- note {note.number} ({reviewer}): “{note.original}” → “{text}”{outcome}"
                )
        for reviewer, text in item.added:
            lines.append(f"- new paragraph after it ({reviewer}): {plain(text)}")
    for reviewer, text in result.review.title.items():
        lines += ["", f"## Title ({reviewer})", "", f"- accepted text: {plain(text)}"]
    if result.review.unplaced:
        lines += ["", "## Not in a draft item", ""]
        for e in result.review.unplaced:
            where = f" in the {e.where}" if e.where else ""
            lines.append(f"- **{e.reviewer}** {e.kind}{where}: “{plain(e.text)}”")
    return "\n".join(lines) + "\n"
