"""Review a DOCX in LibreOffice as a named reviewer: tracked edits and comments, saved as DOCX.

Run with the SYSTEM Python, which has LibreOffice's `uno` module (not the project's venv):

    /usr/bin/python3 lo_track_changes.py JOB.json

JOB.json holds: input, output (DOCX paths), reviewer (the author of every change and comment),
profile (a fresh folder for LibreOffice's user profile: two instances sharing one fail silently),
soffice (the program), edits ([{old, new, after, note, paragraph}]) and comments ([{anchor,
text}]). An edit with `note` = N looks for its phrase in footnote N only (1-based, in order); one
with `paragraph` true adds `new` as a paragraph of its own after the paragraph holding `after`,
and one with `footnote` true adds a footnote saying `new` right after `after`.

The steps, in one headless LibreOffice (fresh profile, its own named pipe):
1. the user profile's name is set to the reviewer, before any change is made, so LibreOffice
   itself writes that name on each tracked change;
2. a private copy of the DOCX is loaded as a document model without a frame or view;
3. each comment is inserted as an annotation field over the first occurrence of its anchor
   phrase, with change recording off (Word does not track comments as insertions either);
4. change recording is turned on and the edits are made in order, each on the first occurrence
   of its phrase: the found range's setString, which Writer records as a deletion of the old
   text and an insertion of the new one;
5. the document is stored with the "MS Word 2007 XML" filter.
A phrase that is not found, or any LibreOffice error, exits non-zero with a message on stderr.

Why no view: with one (even a hidden window), Writer builds a sidebar window for each comment from
its event loop, which aborts the nogui build (SIGABRT in InterimItemWindow): inserting a comment,
or opening a DOCX that already has one, kills soffice. Without a view, Writer's own search
(findFirst, replaceAll) finds nothing, so phrases are found here by walking the text portions.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import uno  # type: ignore[import-not-found]  # only in the system Python
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.text.ControlCharacter import (  # type: ignore[import-not-found]
    PARAGRAPH_BREAK,
)
from com.sun.star.util import DateTime  # type: ignore[import-not-found]

START_TIMEOUT = 120.0  # seconds to wait for soffice to accept a connection
DOCX_FILTER = "MS Word 2007 XML"
OBJECT = "\ufffc"  # stands for a footnote anchor or other one-character object in a paragraph


class ReviewError(Exception):
    """A review step that could not be done as asked."""


def prop(name: str, value: Any) -> Any:
    """A com.sun.star.beans.PropertyValue."""
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


# --- LibreOffice ---------------------------------------------------------------------------------


def start_office(soffice: str, profile: Path, log: Path) -> tuple[subprocess.Popen[bytes], Any]:
    """Start a headless soffice on a fresh profile and its own named pipe; (process, context)."""
    connection = f"pipe,name=drafter_review_{os.getpid()}_{time.monotonic_ns()};urp;"
    command = [
        soffice,
        "--headless",
        "--invisible",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--nolockcheck",
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        f"--accept={connection}",
    ]
    with log.open("wb") as handle:
        process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if process.poll() is not None:
            raise ReviewError(f"soffice exited ({process.returncode}) before accepting")
        try:
            return process, resolver.resolve(f"uno:{connection}StarOffice.ComponentContext")
        except Exception as error:  # NoConnectException until soffice listens
            if time.monotonic() > deadline:
                process.kill()
                raise ReviewError(f"soffice did not accept within {START_TIMEOUT} s") from error
            time.sleep(0.1)


def stop_office(process: subprocess.Popen[bytes], ctx: Any) -> None:
    """Ask soffice to quit, and kill it if it has not within 30 s."""
    try:
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        desktop.terminate()
    except Exception:  # the bridge goes away as soffice quits, or soffice has crashed
        pass
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=30)


def initials(reviewer: str) -> str:
    """The first letter of each word of the reviewer's name."""
    return "".join(word[0] for word in reviewer.split())


def set_user_name(ctx: Any, reviewer: str) -> None:
    """Make `reviewer` the author LibreOffice writes on changes (profile's first and last name)."""
    provider = ctx.ServiceManager.createInstanceWithContext(
        "com.sun.star.configuration.ConfigurationProvider", ctx
    )
    access = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess",
        (prop("nodepath", "/org.openoffice.UserProfile/Data"),),
    )
    given, _, family = reviewer.rpartition(" ")
    if not given:
        given, family = family, ""
    access.setPropertyValue("givenname", given)
    access.setPropertyValue("sn", family)
    access.setPropertyValue("initials", initials(reviewer))
    access.commitChanges()


def open_model(ctx: Any, path: Path) -> Any:
    """Load the DOCX at `path` as a Writer model with no frame or view; raise if it cannot."""
    doc = ctx.ServiceManager.createInstanceWithContext("com.sun.star.text.TextDocument", ctx)
    url = uno.systemPathToFileUrl(str(path.resolve()))
    try:
        doc.load((prop("URL", url), prop("FilterName", DOCX_FILTER), prop("Hidden", True)))
    except Exception as error:
        raise ReviewError(f"LibreOffice could not open {path}: {error}") from error
    return doc


def store(doc: Any, path: Path) -> None:
    """Save `doc` as DOCX at `path`; raise if no file appears."""
    path.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    url = uno.systemPathToFileUrl(str(path.resolve()))
    doc.storeToURL(url, (prop("FilterName", DOCX_FILTER), prop("Overwrite", True)))
    if not path.is_file() or path.stat().st_size == 0:
        raise ReviewError(f"LibreOffice did not write {path}")


# --- Finding a phrase ----------------------------------------------------------------------------


def paragraphs(text: Any) -> Iterator[Any]:
    """The paragraphs of a text, table cells included, in order."""
    elements = text.createEnumeration()
    while elements.hasMoreElements():
        element = elements.nextElement()
        if element.supportsService("com.sun.star.text.Paragraph"):
            yield element
        elif element.supportsService("com.sun.star.text.TextTable"):
            for name in element.getCellNames():
                yield from paragraphs(element.getCellByName(name).getText())


def all_paragraphs(doc: Any) -> Iterator[Any]:
    """The body's paragraphs, then those of each footnote and endnote."""
    yield from paragraphs(doc.getText())
    for notes in (doc.getFootnotes(), doc.getEndnotes()):
        for index in range(notes.getCount()):
            yield from paragraphs(notes.getByIndex(index))


def footnote_paragraphs(doc: Any, number: int) -> Iterator[Any]:
    """The paragraphs of footnote `number` (1-based, in the order the notes appear)."""
    notes = doc.getFootnotes()
    if not 1 <= number <= notes.getCount():
        raise ReviewError(f"there is no footnote {number} (the document has {notes.getCount()})")
    yield from paragraphs(notes.getByIndex(number - 1))


def find(doc: Any, phrase: str, note: int = 0) -> Any:
    """A text cursor selecting the first occurrence of `phrase` (in footnote `note` when one is
    named); raise if there is none."""
    # A paragraph's text is read from its portions: a footnote anchor or other object counts as
    # one character that no phrase matches, bookmarks and change marks as nothing. Text of a
    # tracked deletion still counts, as it does for Writer's own search.
    if not phrase:
        raise ReviewError("an empty phrase cannot be found")
    for paragraph in footnote_paragraphs(doc, note) if note else all_paragraphs(doc):
        pieces: list[tuple[int, Any]] = []  # (offset in `line`, Text portion)
        line = ""
        portions = paragraph.createEnumeration()
        while portions.hasMoreElements():
            portion = portions.nextElement()
            kind = portion.TextPortionType
            if kind == "Text":
                pieces.append((len(line), portion))
                line += portion.getString()
            elif portion.getString():
                line += OBJECT * len(portion.getString())
        start = line.find(phrase)
        if start < 0:
            continue
        offset, portion = max((p for p in pieces if p[0] <= start), key=lambda p: p[0])
        cursor = portion.getText().createTextCursorByRange(portion.getStart())
        cursor.goRight(start - offset, False)
        cursor.goRight(len(phrase), True)
        if cursor.getString() != phrase:
            raise ReviewError(
                f"found {phrase!r} but selected {cursor.getString()!r}: the phrase spans a mark"
                " that takes a character (the end of a comment's range, a field); pick a phrase"
                " on one side of it"
            )
        return cursor
    raise ReviewError(f"phrase not found in any paragraph: {phrase!r}")


# --- The review ----------------------------------------------------------------------------------


def now() -> Any:
    """The current UTC time as a com.sun.star.util.DateTime."""
    moment = datetime.now(UTC)
    stamp = DateTime()
    stamp.Year, stamp.Month, stamp.Day = moment.year, moment.month, moment.day
    stamp.Hours, stamp.Minutes, stamp.Seconds = moment.hour, moment.minute, moment.second
    stamp.NanoSeconds = 0
    stamp.IsUTC = True
    return stamp


def add_comment(doc: Any, reviewer: str, comment: dict[str, str]) -> None:
    """Attach a comment by `reviewer` to the first occurrence of its anchor phrase."""
    cursor = find(doc, comment["anchor"])
    field = doc.createInstance("com.sun.star.text.textfield.Annotation")
    field.Author = reviewer
    field.Initials = initials(reviewer)
    field.DateTimeValue = now()
    # One paragraph only: LibreOffice 7.4 writes a newline in Content as two w:t in one run, the
    # break lost, and text written into the field's TextRange after insertion is not exported.
    field.Content = comment["text"]
    cursor.getText().insertTextContent(cursor, field, True)


def apply_edit(doc: Any, edit: dict[str, str]) -> None:
    """One tracked change: replace or delete `old`, insert `new` after `after`, or add `new` as
    a paragraph after the one holding `after`."""
    old, new, after = edit.get("old", ""), edit.get("new", ""), edit.get("after", "")
    note = int(edit.get("note", 0))
    if old:
        find(doc, old, note).setString(new)
    elif after and new and edit.get("footnote"):
        found = find(doc, after, note)
        found.collapseToEnd()
        footnote = doc.createInstance("com.sun.star.text.Footnote")
        found.getText().insertTextContent(found, footnote, False)
        footnote.getText().setString(new)
    elif after and new and edit.get("paragraph"):
        found = find(doc, after, note)
        found.gotoEndOfParagraph(False)  # after the note mark that ends the paragraph, if any
        text = found.getText()
        text.insertControlCharacter(found, PARAGRAPH_BREAK, False)
        text.insertString(found, new, False)
    elif after and new:
        found = find(doc, after, note)
        found.collapseToEnd()
        found.getText().insertString(found, new, False)
    else:
        raise ReviewError(f"an edit needs `old`, or `after` and `new`: {edit!r}")


def review(job: dict[str, Any]) -> None:
    """Carry out one review job (see the module docstring)."""
    source, output, reviewer = Path(job["input"]), Path(job["output"]), job["reviewer"]
    profile = Path(job["profile"])
    profile.mkdir(parents=True, exist_ok=True)
    # A private copy: LibreOffice leaves a lock file beside what it opens, and a stale one (from
    # a crash) makes a later load of the same file fail.
    copy = profile.parent / f"{profile.name}.input.docx"
    shutil.copyfile(source, copy)
    log = profile.parent / f"{profile.name}.soffice.log"
    process, ctx = start_office(job.get("soffice", "soffice"), profile, log)
    try:
        set_user_name(ctx, reviewer)
        doc = open_model(ctx, copy)
        doc.RecordChanges = False
        for comment in job.get("comments", []):
            add_comment(doc, reviewer, comment)
        doc.RecordChanges = True
        for edit in job.get("edits", []):
            apply_edit(doc, edit)
        store(doc, output)
        doc.close(True)
    finally:
        stop_office(process, ctx)


def main(argv: list[str]) -> int:
    """Run the job file named on the command line; 0 on success, 1 with a message otherwise."""
    if len(argv) != 2:
        print(f"usage: {argv[0]} JOB.json", file=sys.stderr)
        return 2
    job = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    try:
        review(job)
    except Exception as error:
        print(f"review failed: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
