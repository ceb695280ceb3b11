"""Bounded work for returned and reference DOCX files and the review's outputs: packages that
would parse into gigabytes are refused before parsing, by counting elements, paragraphs and the
packing ratio on the unpacked bytes; 20,000 comments report in seconds in every format."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from badinput import PROPOSAL, Workspace
from budgetrun import SECONDS, drafter, refused

from drafter.review.harvest import MAX_MERGED_COMMENTS
from drafter.word.safety import MAX_ELEMENTS, MAX_PARAGRAPHS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# --- DOCX: returned and reference ------------------------------------------


def _built(ws: Workspace) -> tuple[Path, Path]:
    draft = ws.write("draft.toml", PROPOSAL)
    built = ws.root / "built.docx"
    ran = drafter("build", draft, "-o", built, "--library", ws.lib, cwd=ws.root)
    assert ran.code == 0, ran.err
    return draft, built


def _patched(built: Path, out: Path, parts: dict[str, object]) -> Path:
    """A copy of `built` with parts edited (a function of the old bytes) or added (bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(built) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            data = src.read(name)
            edit = parts.pop(name, None)
            dst.writestr(name, edit(data) if callable(edit) else data)
        for name, data in parts.items():
            dst.writestr(name, data)  # type: ignore[arg-type]
    out.write_bytes(buffer.getvalue())
    return out


def _in_body(xml: bytes) -> object:
    return lambda data: data.replace(b"<w:body>", b"<w:body>" + xml, 1)


HOSTILE_DOCUMENTS = [
    (
        "30-million-empty-paragraphs",
        {"word/document.xml": _in_body(b"<w:p/>" * 30_000_000)},
        "times its packed size",
    ),
    (
        "elements-under-the-ratio",
        {"word/document.xml": _in_body(b"<a/>" * (MAX_ELEMENTS + 1))},
        "XML elements",
    ),
    (
        "elements-spread-over-parts",
        {
            "word/document.xml": _in_body(b"<a/>" * (MAX_ELEMENTS // 2)),
            "word/styles.xml": lambda d: d.replace(
                b"</w:styles>", b"<a/>" * (MAX_ELEMENTS // 2 + 10) + b"</w:styles>"
            ),
        },
        "XML elements",
    ),
    ("paragraphs", {"word/document.xml": _in_body(b"<w:p/>" * (MAX_PARAGRAPHS + 1))}, "paragraphs"),
    (
        "many-runs",
        {"word/document.xml": _in_body(b"<w:p>" + b"<w:r/>" * (MAX_ELEMENTS + 1) + b"</w:p>")},
        "packed size",
    ),
    (
        "deep-content-controls",
        {
            "word/document.xml": _in_body(
                b"<w:sdt><w:sdtContent>" * 130 + b"<w:p/>" + b"</w:sdtContent></w:sdt>" * 130
            )
        },
        "nested",
    ),
    (
        "deep-tables",
        {
            "word/document.xml": _in_body(
                b"<w:tbl><w:tr><w:tc>" * 90 + b"<w:p/>" + b"</w:tc></w:tr></w:tbl>" * 90
            )
        },
        "nested",
    ),
]


@pytest.mark.parametrize(
    ("parts", "says"), [pytest.param(p, s, id=i) for i, p, s in HOSTILE_DOCUMENTS]
)
def test_a_returned_document_too_big_to_parse_is_refused_before_parsing(
    ws: Workspace, parts: dict[str, object], says: str
) -> None:
    draft, built = _built(ws)
    hostile = _patched(built, ws.root / "returned.docx", dict(parts))
    new = ws.root / "new.toml"
    ran = drafter("review", draft, hostile, "--apply", "-o", new, "--library", ws.lib, cwd=ws.root)
    refused(ran, hostile, 1, absent=(new,), says=says)


@pytest.mark.parametrize(
    ("parts", "says"), [pytest.param(p, s, id=i) for i, p, s in HOSTILE_DOCUMENTS[:2]]
)
def test_a_reference_document_too_big_to_parse_is_refused(
    ws: Workspace, parts: dict[str, object], says: str
) -> None:
    draft, built = _built(ws)
    reference = _patched(built, ws.root / "letterhead.docx", dict(parts))
    out = ws.old_output("out.docx")
    ran = drafter(
        "build", draft, "-o", out, "--reference-doc", reference, "--library", ws.lib, cwd=ws.root
    )
    refused(ran, reference, 1, unchanged=(out,), says=says)


def test_an_element_with_a_huge_number_of_attributes_is_read_quickly(ws: Workspace) -> None:
    draft, built = _built(ws)
    attributes = b" ".join(b'a%d="x"' % i for i in range(500_000))
    odd = _patched(
        built,
        ws.root / "returned.docx",
        {"word/document.xml": _in_body(b"<w:p " + attributes + b"/>")},
    )
    ran = drafter("review", draft, odd, "--format", "json", "--library", ws.lib, cwd=ws.root)
    assert ran.code == 0, ran.err
    assert ran.seconds < SECONDS, f"took {ran.seconds:.1f} s"


# --- review output ---------------------------------------------------------

COMMENTS = 20_000


def _commented(ws: Workspace, count: int) -> tuple[Path, Path]:
    draft, built = _built(ws)
    body = b"".join(
        b'<w:p><w:commentRangeStart w:id="%d"/><w:r><w:t>w%d</w:t></w:r>'
        b'<w:commentRangeEnd w:id="%d"/><w:r><w:commentReference w:id="%d"/></w:r></w:p>'
        % (i, i, i, i)
        for i in range(count)
    )
    comments = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="{W}">'
        + "".join(
            f'<w:comment w:id="{i}" w:author="R{i % 7}"><w:p><w:r><w:t>c{i}</w:t></w:r>'
            "</w:p></w:comment>"
            for i in range(count)
        )
        + "</w:comments>"
    ).encode()
    rel = (
        b'<Relationship Id="rIdC" Target="comments.xml" Type="http://schemas.openxmlformats.org'
        b'/officeDocument/2006/relationships/comments"/></Relationships>'
    )
    override = (
        b'<Override PartName="/word/comments.xml" ContentType="application/vnd.'
        b'openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>'
    )
    returned = _patched(
        built,
        ws.root / "returned.docx",
        {
            "word/document.xml": _in_body(body),
            "word/_rels/document.xml.rels": lambda d: d.replace(b"</Relationships>", rel),
            "[Content_Types].xml": lambda d: d.replace(b"</Types>", override),
            "word/comments.xml": comments,
        },
    )
    return draft, returned


def test_twenty_thousand_comments_report_quickly_in_every_format(ws: Workspace) -> None:
    draft, returned = _commented(ws, COMMENTS)
    table = drafter("review", draft, returned, "--library", ws.lib, cwd=ws.root)
    assert table.code == 0 and table.seconds < SECONDS, (table.err, table.seconds)
    rows = [line.split("\t") for line in table.out.splitlines() if line.count("\t") == 5]
    assert len(rows) == COMMENTS  # piped: one record a line, no header
    assert {r[4] for r in rows} == {f"c{i}" for i in range(COMMENTS)}
    as_json = drafter(
        "review", draft, returned, "--format", "json", "--library", ws.lib, cwd=ws.root
    )
    assert as_json.code == 0 and as_json.seconds < SECONDS
    assert len(json.loads(as_json.out)["unplaced"]) == COMMENTS
    as_md = drafter("review", draft, returned, "--format", "md", "--library", ws.lib, cwd=ws.root)
    assert as_md.code == 0 and as_md.seconds < SECONDS
    assert sum(" comment: “c" in line for line in as_md.out.splitlines()) == COMMENTS


def test_merging_more_comments_than_the_limit_is_refused_and_writes_nothing(
    ws: Workspace,
) -> None:
    draft, returned = _commented(ws, MAX_MERGED_COMMENTS + 1)
    merged = ws.root / "merged.docx"
    ran = drafter(
        "review",
        draft,
        returned,
        "--merge-comments",
        merged,
        "--library",
        ws.lib,
        "--format",
        "json",
        cwd=ws.root,
    )
    refused(ran, returned, 1, absent=(merged,), says="comments")


def test_merging_the_most_comments_allowed_takes_seconds(ws: Workspace) -> None:
    draft, returned = _commented(ws, MAX_MERGED_COMMENTS)
    merged = ws.root / "merged.docx"
    ran = drafter(
        "review",
        draft,
        returned,
        "--merge-comments",
        merged,
        "--library",
        ws.lib,
        "--format",
        "json",
        cwd=ws.root,
    )
    assert ran.code == 0 and merged.is_file(), ran.err
    assert ran.seconds < SECONDS, f"took {ran.seconds:.1f} s"
    with zipfile.ZipFile(merged) as archive:
        assert archive.read("word/comments.xml").count(b"<w:comment ") == MAX_MERGED_COMMENTS
