"""Bad Word documents (a reference document for `drafter build --reference-doc` and
`drafter packet`, returned files for `drafter review`) are refused with one line naming the
document; no output is written."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import docx
import pytest
from badinput import PROPOSAL, Workspace, assert_refused, cases

from drafter.word.safety import MAX_PACKED_BYTES, MAX_PARTS

DOCUMENT = "word/document.xml"
Mutation = Callable[[bytes], bytes]


def rezip(data: bytes, replace: dict[str, bytes] | None = None, drop: tuple[str, ...] = (),
          add: dict[str, bytes] | None = None) -> bytes:  # fmt: skip
    """The package `data` with parts replaced, dropped or added."""
    replace, add = replace or {}, add or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename in drop:
                continue
            target.writestr(info.filename, replace.get(info.filename, source.read(info.filename)))
        for name, content in add.items():
            target.writestr(name, content)
    return out.getvalue()


def part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)


def broken_xml(name: str) -> Mutation:
    """Cut a part in the middle of its XML."""
    return lambda data: rezip(data, {name: part(data, name)[: len(part(data, name)) // 2]})


def without(name: str) -> Mutation:
    return lambda data: rezip(data, drop=(name,))


def as_template(data: bytes) -> bytes:
    types = part(data, "[Content_Types].xml").replace(b"document.main+xml", b"template.main+xml")
    return rezip(data, {"[Content_Types].xml": types})


def laughs(data: bytes) -> bytes:
    """Entities that would expand to gigabytes if a parser resolved them."""
    lol = (
        b'<!ENTITY a "'
        + b"ha" * 50
        + b'">'
        + b"".join(
            b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&" + bytes([97 + i]) + b";") * 10)
            for i in range(8)
        )
    )
    xml = part(data, DOCUMENT).replace(
        b"<w:document", b"<!DOCTYPE w:document [" + lol + b"]><w:document", 1
    )
    return rezip(
        data,
        {DOCUMENT: xml.replace(b"<w:body>", b"<w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p>", 1)},
    )


def too_many_parts(data: bytes) -> bytes:
    return rezip(data, add={f"extra/part{n}.xml": b"<a/>" for n in range(MAX_PARTS + 1)})


def workbook(_data: bytes) -> bytes:
    """A spreadsheet: a zip package, but no document body."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types xmlns="http://'
                         b'schemas.openxmlformats.org/package/2006/content-types"/>')  # fmt: skip
        archive.writestr("xl/workbook.xml", b"<workbook/>")
    return out.getvalue()


# (case id, how to spoil a good document, words the message must contain)
DOCUMENT_CASES = [
    ("plain-text", lambda _data: b"Dear board,\nplease find attached...\n", "not a Word document"),
    ("empty-file", lambda _data: b"", "not a Word document"),
    ("pdf", lambda _data: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "not a Word document"),
    ("truncated", lambda data: data[: len(data) // 2], "not a Word document"),
    (
        "zip-of-nothing",
        lambda _data: rezip(workbook(b""), drop=("xl/workbook.xml", "[Content_Types].xml")),
        "not a Word document",
    ),
    ("spreadsheet", workbook, "not a Word document"),
    ("no-content-types", without("[Content_Types].xml"), "not a Word document"),
    ("no-document-part", without(DOCUMENT), "not a Word document"),
    ("document-xml-cut", broken_xml(DOCUMENT), "not a Word document"),
    (
        "document-xml-not-xml",
        lambda data: rezip(data, {DOCUMENT: b"\x00\x01 not xml"}),
        "not a Word document",
    ),
    (
        "document-root-not-w-document",
        lambda data: rezip(data, {DOCUMENT: b"<?xml version='1.0'?><html/>"}),
        "not a Word document",
    ),
    ("styles-xml-cut", broken_xml("word/styles.xml"), ""),
    ("settings-xml-cut", broken_xml("word/settings.xml"), ""),
    ("core-properties-cut", broken_xml("docProps/core.xml"), ""),
    ("relationships-cut", broken_xml("word/_rels/document.xml.rels"), ""),
    ("a-word-template", as_template, "template"),
    ("entity-expansion", laughs, ""),
    ("too-many-parts", too_many_parts, "too many"),
]


@pytest.fixture(scope="module")
def good_docx(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A plain Word document, as python-docx saves it (with styles, settings and properties)."""
    document = docx.Document()
    document.add_paragraph("Letterhead")
    document.sections[0].header.paragraphs[0].text = "Sample Proponent"
    document.core_properties.author = "Sample Proponent"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize(("spoil", "says"), cases(DOCUMENT_CASES))
def test_a_bad_reference_document_is_refused_and_nothing_is_built(
    ws: Workspace, run_cli, good_docx: bytes, spoil: Mutation, says: str
) -> None:
    reference = ws.write("letterhead.docx", spoil(good_docx))
    draft = ws.write("draft.toml", PROPOSAL)
    result = run_cli("build", draft, "-o", ws.out, "--reference-doc", reference, "--library",
                     ws.lib)  # fmt: skip
    assert_refused(result, reference, says=says, absent=(ws.out,))
    old = ws.old_output("old.docx")
    result = run_cli("build", draft, "-o", old, "--reference-doc", reference, "--library", ws.lib)
    assert_refused(result, reference, says=says, unchanged=(old,))


@pytest.mark.parametrize(("spoil", "says"), cases(DOCUMENT_CASES[:4] + DOCUMENT_CASES[-3:]))
def test_a_packet_with_a_bad_reference_document_writes_nothing(
    ws: Workspace, run_cli, good_docx: bytes, spoil: Mutation, says: str
) -> None:
    reference = ws.write("letterhead.docx", spoil(good_docx))
    draft = ws.write("draft.toml", PROPOSAL)
    out = ws.root / "packet"
    result = run_cli("packet", draft, "--out-dir", out, "--reference-doc", reference, "--library",
                     ws.lib)  # fmt: skip
    assert_refused(result, reference, says=says, absent=(out,))


@pytest.mark.parametrize(("spoil", "says"), cases(DOCUMENT_CASES[:4] + DOCUMENT_CASES[-3:]))
def test_a_campaign_with_a_bad_reference_document_writes_nothing(
    ws: Workspace, run_cli, good_docx: bytes, spoil: Mutation, says: str
) -> None:
    reference = ws.write("letterhead.docx", spoil(good_docx))
    path = ws.write(
        "campaign.toml", PROPOSAL + '\n[[targets]]\nname = "a"\n\n[[targets]]\nname = "b"\n'
    )
    out = ws.root / "out"
    result = run_cli("build", path, "--out-dir", out, "--reference-doc", reference, "--library",
                     ws.lib)  # fmt: skip
    assert_refused(result, reference, says=says, absent=(out,))


@pytest.fixture
def returned(ws: Workspace, run_cli) -> bytes:
    """The proposal as drafter builds it: what a reviewer gets and sends back."""
    built = ws.root / "built.docx"
    assert (
        run_cli("build", ws.write("draft.toml", PROPOSAL), "-o", built, "--library", ws.lib).code
        == 0
    )
    return built.read_bytes()


@pytest.mark.parametrize(("spoil", "says"), cases(DOCUMENT_CASES))
def test_a_bad_returned_document_is_refused_and_nothing_is_written(
    ws: Workspace, run_cli, returned: bytes, spoil: Mutation, says: str
) -> None:
    draft = ws.root / "draft.toml"
    good = ws.write("good.docx", returned)
    bad = ws.write("returned.docx", spoil(returned))
    new, merged = ws.root / "new.toml", ws.root / "merged.docx"
    result = run_cli("review", draft, good, bad, "--library", ws.lib)
    assert_refused(result, bad, says=says)
    result = run_cli("review", draft, good, bad, "--apply", "-o", new, "--merge-comments", merged,
                     "--library", ws.lib)  # fmt: skip
    assert_refused(result, bad, says=says, absent=(new, merged))
    result = run_cli("review", draft, bad, "--apply", "--library", ws.lib)
    assert_refused(result, bad, says=says, absent=(ws.root / "draft.reviewed.toml",))
    assert draft.read_text(encoding="utf-8") == PROPOSAL


@pytest.mark.parametrize("target", ["gone.docx", "folder.docx"])
def test_a_document_that_is_not_a_file_is_refused(ws: Workspace, run_cli, target: str) -> None:
    (ws.root / "folder.docx").mkdir()
    draft = ws.write("draft.toml", PROPOSAL)
    path = ws.root / target
    result = run_cli("build", draft, "-o", ws.out, "--reference-doc", path, "--library", ws.lib)
    assert_refused(result, path, absent=(ws.out,))
    assert_refused(run_cli("review", draft, path, "--library", ws.lib), path)


def test_a_huge_document_is_refused_before_it_is_read(ws: Workspace, run_cli) -> None:
    path = ws.root / "huge.docx"
    with path.open("wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(MAX_PACKED_BYTES + 1024)
    draft = ws.write("draft.toml", PROPOSAL)
    result = run_cli("build", draft, "-o", ws.out, "--reference-doc", path, "--library", ws.lib)
    assert_refused(result, path, absent=(ws.out,), says="50 MB")
    assert_refused(run_cli("review", draft, path, "--library", ws.lib), path, says="50 MB")


def test_a_document_that_unpacks_too_large_is_refused(
    ws: Workspace, run_cli, good_docx: bytes
) -> None:
    """A zip bomb: a small file whose parts unpack to more than the limit."""
    path = ws.root / "bomb.docx"
    with zipfile.ZipFile(io.BytesIO(good_docx)) as source, zipfile.ZipFile(path, "w",
                                                                           zipfile.ZIP_DEFLATED) as target:  # fmt: skip
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        with target.open("word/media/filler.bin", "w") as filler:
            block = bytes(1024 * 1024)
            for _ in range(210):
                filler.write(block)
    assert path.stat().st_size < 2 * 1024 * 1024
    draft = ws.write("draft.toml", PROPOSAL)
    result = run_cli("build", draft, "-o", ws.out, "--reference-doc", path, "--library", ws.lib)
    assert_refused(result, path, absent=(ws.out,), says="too many or too large")
    assert_refused(run_cli("review", draft, path, "--library", ws.lib), path, says="too large")


def test_an_unrelated_but_sound_document_is_refused_in_one_line(
    ws: Workspace, run_cli, good_docx: bytes
) -> None:
    draft = ws.write("draft.toml", PROPOSAL)
    other = ws.write("other.docx", good_docx)
    for form in ("json", "table"):
        result = run_cli("review", draft, other, "--format", form, "--apply", "--library", ws.lib)
        assert result.code == 2 and result.out == "", result
        assert result.err.startswith(f"{other}:1: not built from 'draft.toml': ")
        assert len(result.err.splitlines()) == 1 and " — pass the DOCX " in result.err
    assert sorted(p.name for p in draft.parent.glob("*.*")) == ["draft.toml", "other.docx"]


def test_a_sound_reference_document_is_used(ws: Workspace, run_cli, good_docx: bytes) -> None:
    reference = ws.write("letterhead.docx", good_docx)
    draft = ws.write("draft.toml", PROPOSAL)
    result = run_cli(
        "build", draft, "-o", ws.out, "--reference-doc", reference, "--library", ws.lib
    )
    assert result.code == 0, result.err
    assert b"Sample Proponent" in part(ws.out.read_bytes(), "word/header1.xml")
