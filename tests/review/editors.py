"""Review fixtures made by a real editor: LibreOffice opens a DOCX as a named reviewer, makes
tracked changes and adds comments, and saves it as DOCX, as a colleague returning a draft would.

LibreOffice is driven through UNO by `lo_track_changes.py`, run with the system Python (the one
with LibreOffice's `uno` module), not this venv's. One `review_as` call takes about 1.5 s.

`review_as` adds the comments first, on the text as given, then makes the edits in order, each on
the first occurrence of its phrase (a phrase never spans a footnote mark or a paragraph end).
A phrase that is not found, a LibreOffice failure, or a saved file that lacks one of the edits
or comments by the reviewer raises RuntimeError with LibreOffice's output. `tmp` holds the
LibreOffice profile, job and log (a temporary folder, removed afterwards, when not given).
With no edits and no comments, the file is just opened and saved by LibreOffice.

What LibreOffice 7.4 writes, for a reader of these files:
- each edit is a `w:del` (old text in `w:delText`) followed by a `w:ins`, both with
  `w:author` = the reviewer and the same `w:date` (UTC, "Z"); ids count from 0 across both kinds;
- a comment is `w:commentRangeStart`, the anchor's runs, an empty `w:r`, `w:commentRangeEnd`,
  then a run holding `w:commentReference`; word/comments.xml has the `w:comment` with
  `w:author`, `w:initials` and `w:date`;
- runs are rewritten (empty `w:rPr` on each), bookmarks keep their names, footnotes keep their
  text but are renumbered (ids from 2) and their styles renamed (FootnoteReference becomes
  FootnoteAnchor, FootnoteText becomes Footnote); settings.xml gets `w:trackRevisions`;
- a deletion that starts where a bookmark starts takes the `w:bookmarkStart` inside its `w:del`
  (a reader that drops deleted content drops the bookmark with it);
- a comment anchored on inserted text starts inside that `w:ins`; earlier reviewers' changes and
  comments are kept, comments renumbered; in a file LibreOffice saves a second time, a paragraph
  holding a comment has its `w:bookmarkEnd` moved before the footnote reference at its end.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import tempfile
import uuid
import zipfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from xml.etree import ElementTree

import pytest
from support import need_tool

SCRIPT = Path(__file__).resolve().parent / "lo_track_changes.py"
SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's python3-uno installs `uno` for this one
TIMEOUT = 180  # seconds; a first LibreOffice start builds its profile, later ones take ~1 s
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Edit:
    """A reviewer's change: replace the phrase `old` by `new` (new="" deletes); old="" inserts
    `new` after `after`, or, with `paragraph`, as a new paragraph after the one holding `after`.
    `note` = N looks for the phrase in footnote N only; `footnote` adds a footnote saying `new`
    after `after`."""

    old: str
    new: str
    after: str = ""
    note: int = 0
    paragraph: bool = False
    footnote: bool = False

    def __post_init__(self) -> None:
        """Refuse an edit that says neither what to replace nor where to insert."""
        if not self.old and not (self.after and self.new):
            raise ValueError(f"an Edit needs `old`, or `after` and `new`: {self!r}")


@dataclass(frozen=True)
class Comment:
    """A comment attached to the first occurrence of the phrase `anchor` (within a paragraph)."""

    anchor: str
    text: str

    def __post_init__(self) -> None:
        """Refuse a comment with nothing to attach to, or more than one paragraph."""
        if not self.anchor:
            raise ValueError(f"a Comment needs an anchor phrase: {self!r}")
        if "\n" in self.text:  # LibreOffice 7.4 exports a comment's line break as nothing
            raise ValueError(f"a Comment is one paragraph, with no newline: {self!r}")


@cache
def _uno_error() -> str | None:
    """Why the system Python cannot import `uno`, or None when it can."""
    try:
        result = subprocess.run(
            [SYSTEM_PYTHON, "-c", "import uno"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"{SYSTEM_PYTHON} cannot run: {error}"
    if result.returncode != 0:
        return f"{SYSTEM_PYTHON} cannot import uno (python3-uno): {result.stderr.strip()}"
    return None


def need_uno() -> str:
    """The Python that has LibreOffice's `uno`; skip without it locally, fail without it in CI."""
    error = _uno_error()
    if error is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{error}, and CI must run every test")
        pytest.skip(f"{error} (CI installs it and runs this test)")
    return SYSTEM_PYTHON


def review_as(
    docx: Path,
    out: Path,
    reviewer: str,
    edits: Sequence[Edit] = (),
    comments: Sequence[Comment] = (),
    *,
    tmp: Path | None = None,
) -> Path:
    """Open `docx` in LibreOffice as `reviewer`, make tracked `edits` and add `comments`, save as DOCX at `out`."""
    soffice = need_tool("soffice")
    python = need_uno()
    if tmp is None:
        with tempfile.TemporaryDirectory(prefix="drafter-review-") as scratch:
            return review_as(docx, out, reviewer, edits, comments, tmp=Path(scratch))
    tmp.mkdir(parents=True, exist_ok=True)
    profile = tmp / f"lo-review-{uuid.uuid4().hex[:12]}"
    job = {
        "input": str(Path(docx).resolve()),
        "output": str(Path(out).resolve()),
        "reviewer": reviewer,
        "profile": str(profile),
        "soffice": soffice,
        "edits": [asdict(edit) for edit in edits],
        "comments": [asdict(comment) for comment in comments],
    }
    job_file = profile.with_suffix(".json")
    job_file.write_text(json.dumps(job, indent=1), encoding="utf-8")
    Path(out).unlink(missing_ok=True)
    command = [python, str(SCRIPT), str(job_file)]
    # Its own session, so that a hung run can be ended with the soffice it started.
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        stdout, stderr = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        stderr += f"\n(killed after {TIMEOUT} s)"
    log = profile.with_name(f"{profile.name}.soffice.log")
    soffice_output = log.read_text(errors="replace") if log.is_file() else "(no log)"
    report = (
        f"command: {' '.join(command)}\njob: {json.dumps(job)}\n"
        f"stdout: {stdout}\nstderr: {stderr}\nsoffice: {soffice_output}"
    )
    if process.returncode != 0 or not Path(out).is_file():
        raise RuntimeError(
            f"LibreOffice review as {reviewer} failed (exit {process.returncode})\n{report}"
        )
    missing = _missing(Path(out), reviewer, edits, comments)
    if missing:
        raise RuntimeError(f"{out} lacks: " + "; ".join(missing) + f"\n{report}")
    return Path(out)


def _parts(docx: Path) -> dict[str, ElementTree.Element]:
    """The parsed XML parts of `docx` that hold text (document, notes) or comments, by name."""
    names = ("document", "footnotes", "endnotes", "comments")
    with zipfile.ZipFile(docx) as package:
        present = set(package.namelist())
        return {
            name: ElementTree.fromstring(package.read(f"word/{name}.xml"))
            for name in names
            if f"word/{name}.xml" in present
        }


def _missing(
    docx: Path, reviewer: str, edits: Sequence[Edit], comments: Sequence[Comment]
) -> list[str]:
    """What `docx` should show by `reviewer` after the review but does not."""
    parts = _parts(docx)
    comment_part = parts.pop("comments", None)
    paragraphs = [paragraph for part in parts.values() for paragraph in part.iter(f"{W}p")]
    # Per paragraph, the reviewer's deleted text and inserted text, each run together.
    deleted = [_changed_text(paragraph, "del", "delText", reviewer) for paragraph in paragraphs]
    inserted = [_changed_text(paragraph, "ins", "t", reviewer) for paragraph in paragraphs]
    missing = []
    for edit in edits:
        if edit.old and not any(edit.old in text for text in deleted):
            missing.append(f"a w:del by {reviewer} of {edit.old!r}")
        if edit.new and not any(edit.new in text for text in inserted):
            missing.append(f"a w:ins by {reviewer} of {edit.new!r}")
    written = {
        _text(comment): comment.get(f"{W}id")
        for comment in ([] if comment_part is None else comment_part.iter(f"{W}comment"))
        if comment.get(f"{W}author") == reviewer
    }
    referenced = {
        reference.get(f"{W}id")
        for part in parts.values()
        for reference in part.iter(f"{W}commentReference")
    }
    for comment in comments:
        if written.get(comment.text) not in referenced:
            missing.append(
                f"a comment by {reviewer} saying {comment.text!r}, referenced in the text"
            )
    return missing


def _changed_text(paragraph: ElementTree.Element, change: str, tag: str, reviewer: str) -> str:
    """The text of `paragraph`'s w:ins or w:del elements (per `change`) by `reviewer`."""
    return "".join(
        node.text or ""
        for element in paragraph.iter(f"{W}{change}")
        if element.get(f"{W}author") == reviewer
        for node in element.iter(f"{W}{tag}")
    )


def _text(comment: ElementTree.Element) -> str:
    """A comment's text, its paragraphs joined by newlines."""
    return "\n".join(
        "".join(node.text or "" for node in paragraph.iter(f"{W}t"))
        for paragraph in comment.iter(f"{W}p")
    )
