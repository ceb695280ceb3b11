"""Returned files made by editing our DOCX's XML directly: quick, exact fixtures for the reader
and the review logic (the LibreOffice-made ones are in tests/review/)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def rewrite(src: Path, out: Path, edit_document, part: str = "word/document.xml") -> Path:  # type: ignore[no-untyped-def]
    """Copy a DOCX, passing the text of `part` (word/document.xml) through `edit_document`."""
    with zipfile.ZipFile(src) as archive:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
            for info in archive.infolist():
                data = archive.read(info.filename)
                if info.filename == part:
                    data = edit_document(data.decode("utf-8")).encode("utf-8")
                target.writestr(info, data)
    out.write_bytes(buffer.getvalue())
    return out


def tracked_replace(
    xml: str, old: str, new: str, author: str, date: str = "2022-05-25T10:00:00Z"
) -> str:
    """Replace `old` (inside one w:t) by a tracked deletion of it and insertion of `new`."""
    assert old in xml, old
    start = xml.index(old)
    run_start = xml.rfind("<w:r>", 0, start)
    text_open = xml.index(">", xml.index("<w:t", run_start)) + 1
    run_props = xml[run_start + len("<w:r>") : xml.index("<w:t", run_start)]
    before = xml[text_open:start]
    end = start + len(old)
    tracked = (
        f'{before}</w:t></w:r><w:del w:id="9{len(author)}1" w:author="{author}" w:date="{date}"><w:r>{run_props}'
        f'<w:delText xml:space="preserve">{old}</w:delText></w:r></w:del>'
        + (f'<w:ins w:id="9{len(author)}2" w:author="{author}" w:date="{date}"><w:r>{run_props}'
           f'<w:t xml:space="preserve">{new}</w:t></w:r></w:ins>' if new else "")
        + f'<w:r>{run_props}<w:t xml:space="preserve">'
    )  # fmt: skip
    return xml[:text_open] + tracked + xml[end:]


def without_bookmarks(xml: str) -> str:
    """What some editors' tools do: drop every bookmark."""
    import re

    return re.sub(r"<w:bookmark(Start|End)[^>]*/>", "", xml)


def tracked_note_addition(
    xml: str, note_id: int, new: str, author: str, date: str = "2022-05-25T10:00:00Z"
) -> str:
    """footnotes.xml with a tracked insertion of `new` at the end of footnote `note_id`."""
    start = xml.index(f'<w:footnote w:id="{note_id}"')
    end = xml.index("</w:p></w:footnote>", start)
    insertion = (
        f'<w:ins w:id="9{note_id}3" w:author="{author}" w:date="{date}"><w:r>'
        f'<w:t xml:space="preserve">{new}</w:t></w:r></w:ins>'
    )
    return xml[:end] + insertion + xml[end:]
