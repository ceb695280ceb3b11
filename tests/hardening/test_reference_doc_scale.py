"""A reference document as large as the element budget lets through builds in linear time: its
body, notes, tracked changes and fields are dropped, and its styles read, in one pass each; the
reference's own styles still win over drafter's."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from badinput import PROPOSAL, Workspace
from budgetrun import SECONDS, Ran, drafter

Edit = Callable[[bytes], bytes]


def _reference(ws: Workspace, name: str, edits: dict[str, Edit]) -> Path:
    """drafter's own build of the proposal, with parts edited; big parts are stored unpacked,
    so the packing-ratio check lets them through to the element budget."""
    draft = ws.write("plain.toml", PROPOSAL)
    plain = ws.root / "plain.docx"
    if not plain.exists():
        ran = drafter("build", draft, "-o", plain, "--library", ws.lib, cwd=ws.root)
        assert ran.code == 0, ran.err
    buffer = io.BytesIO()
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(buffer, "w") as dst:
        for part in src.namelist():
            data = src.read(part)
            if part in edits:
                dst.writestr(part, edits[part](data), zipfile.ZIP_STORED)
            else:
                dst.writestr(part, data, zipfile.ZIP_DEFLATED)
    return ws.write(name, buffer.getvalue())


def _build(ws: Workspace, reference: Path) -> tuple[Ran, zipfile.ZipFile]:
    draft = ws.write("draft.toml", PROPOSAL)
    out = ws.root / "out.docx"
    ran = drafter(
        "build", draft, "-o", out, "--library", ws.lib, "--reference-doc", reference, cwd=ws.root
    )
    assert ran.code == 0, ran.err
    assert ran.seconds < SECONDS, f"took {ran.seconds:.1f} s"
    return ran, zipfile.ZipFile(out)


def _in_body(xml: bytes) -> Edit:
    return lambda data: data.replace(b"<w:body>", b"<w:body>" + xml, 1)


def test_a_paragraph_of_200000_tracked_insertions_is_dropped_in_linear_time(
    tmp_path: Path,
) -> None:
    insertion = b'<w:ins w:id="1" w:author="A"><w:r><w:t>z</w:t></w:r></w:ins>'
    paragraph = b"<w:p>" + insertion * 200_000 + b"</w:p>"
    ws = Workspace(tmp_path)
    reference = _reference(ws, "ref.docx", {"word/document.xml": _in_body(paragraph)})
    _, out = _build(ws, reference)
    body = out.read("word/document.xml")
    assert b"<w:ins" not in body
    assert b"<w:t>z</w:t>" not in body
    assert b"hosts a database" in body


def test_300000_styles_are_read_once_and_the_references_own_styles_win(tmp_path: Path) -> None:
    many = b"".join(
        b'<w:style w:type="paragraph" w:styleId="S%d"><w:name w:val="s%d"/></w:style>' % (i, i)
        for i in range(300_000)
    )

    def styles(data: bytes) -> bytes:
        data = data.replace(b"Times New Roman", b"Garamond")
        data = re.sub(rb'<w:style [^>]*w:styleId="Recital".*?</w:style>', b"", data)
        return data.replace(b"</w:styles>", many + b"</w:styles>")

    ws = Workspace(tmp_path)
    reference = _reference(ws, "ref.docx", {"word/styles.xml": styles})
    _, out = _build(ws, reference)
    written = out.read("word/styles.xml").decode()
    normal = re.search(r'<w:style [^>]*w:styleId="Normal".*?</w:style>', written)
    assert normal is not None and 'w:ascii="Garamond"' in normal.group(0)
    assert len(re.findall(r'w:styleId="S[0-9]+"', written)) == 300_000
    assert written.count('w:styleId="Recital"') == 1  # the one style the reference lacked
    body = out.read("word/document.xml").decode()
    assert '<w:pStyle w:val="Recital"/>' in body
    assert '<w:pStyle w:val="Normal"/>' not in body  # the default style goes unnamed


def test_a_footnote_of_200000_runs_is_dropped_in_linear_time(tmp_path: Path) -> None:
    runs = b"<w:r><w:t>z</w:t></w:r>" * 200_000
    note = b'<w:footnote w:id="7"><w:p>' + runs + b"</w:p></w:footnote>"
    ws = Workspace(tmp_path)
    edit: Edit = lambda data: data.replace(b"</w:footnotes>", note + b"</w:footnotes>")  # noqa: E731
    reference = _reference(ws, "ref.docx", {"word/footnotes.xml": edit})
    _, out = _build(ws, reference)
    notes = out.read("word/footnotes.xml")
    assert b"<w:t>z</w:t>" not in notes
    assert b'w:id="7"' not in notes


def test_a_footer_of_100000_nested_fields_is_defused_in_linear_time(tmp_path: Path) -> None:
    begins = (
        b'<w:r><w:fldChar w:fldCharType="begin"/><w:instrText>INCLUDETEXT x</w:instrText></w:r>'
    )
    shown = b"<w:r><w:t>shown</w:t></w:r>"
    fields = b"<w:p>" + begins * 100_000 + shown + b"</w:p>"
    ws = Workspace(tmp_path)
    edit: Edit = lambda data: data.replace(b"</w:ftr>", fields + b"</w:ftr>")  # noqa: E731
    reference = _reference(ws, "ref.docx", {"word/footer1.xml": edit})
    _, out = _build(ws, reference)
    footer = out.read("word/footer1.xml")
    assert b"INCLUDETEXT" not in footer
    assert b"fldCharType" in footer  # the footer's own PAGE field stays
    assert b"<w:t>shown</w:t>" not in footer  # code of an unterminated field, to the end


def test_a_returned_body_of_100000_nested_fields_is_read_in_linear_time(tmp_path: Path) -> None:
    begin = b'<w:r><w:fldChar w:fldCharType="begin"/><w:instrText>PAGE</w:instrText></w:r>'
    separate = b'<w:r><w:fldChar w:fldCharType="separate"/><w:t>x</w:t></w:r>'
    fields = b"<w:p>" + (begin + separate) * 100_000 + b"</w:p>"
    ws = Workspace(tmp_path)
    returned = _reference(ws, "returned.docx", {"word/document.xml": _in_body(fields)})
    draft = ws.write("draft.toml", PROPOSAL)
    ran = drafter("review", draft, returned, "--format", "json", "--library", ws.lib, cwd=ws.root)
    assert ran.code == 0, ran.err
    assert ran.seconds < SECONDS, f"took {ran.seconds:.1f} s"
