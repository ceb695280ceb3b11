"""Opening DOCX packages that come from elsewhere: size limits, and one clear error for anything
malformed. python-docx's parser resolves no entities and fetches nothing; an XML part that
declares a DTD (the only way to declare entities, which Word never writes) is refused before any
parsing."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type stubs

from drafter.errors import DrafterError

MAX_PACKED_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_PARTS = 2000
# Counted on the unpacked bytes before any XML is parsed: a parsed element costs about 130 bytes
# of memory, so a few hundred kilobytes of `<w:p/>` must not become gigabytes of tree.
MAX_ELEMENTS = 2_000_000  # in all XML parts together
MAX_PARAGRAPHS = 250_000  # `<w:p>` in one part (a 1,000-page document has about 20,000)
MAX_RATIO = 100  # unpacked to packed, for a part that unpacks to more than RATIO_FROM bytes
RATIO_FROM = 10 * 1024 * 1024
FIX = "open it in Word or LibreOffice and save it again as .docx"
# "<!DOCTYPE" in every encoding an XML parser detects by itself
_DOCTYPE = tuple(
    {
        "<!DOCTYPE".encode(e)
        for e in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "cp500", "cp037")
    }
)

# What a malformed package can raise from zipfile, zlib, lxml and python-docx.
_MALFORMED = (
    PackageNotFoundError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    RuntimeError,  # an encrypted entry
    NotImplementedError,  # an unknown compression method
    SyntaxError,  # lxml's XMLSyntaxError
    KeyError,
    ValueError,
    TypeError,
    AttributeError,
)


def load_docx(source: Path | bytes, error: type[DrafterError] = DrafterError) -> DocxDocument:
    """A python-docx Document from a path or bytes, or `error` naming what is wrong."""
    path = source if isinstance(source, Path) else None
    if path is not None:
        if not path.is_file():
            raise error("file not found", path, None, "check the path")
        if path.stat().st_size > MAX_PACKED_BYTES:
            raise error("file is larger than 50 MB", path, None, FIX)
        data = path.read_bytes()
    else:
        data = bytes(source)
        if len(data) > MAX_PACKED_BYTES:
            raise error("file is larger than 50 MB", path, None, FIX)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise error("not a Word document (not a zip package)", path, None, FIX) from None
    if len(infos) > MAX_PARTS or sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
        raise error("package unpacks to too many or too large parts", path, None, FIX)
    _refuse_doctypes(data, path, error)
    try:
        document = docx.Document(io.BytesIO(data))
    except _MALFORMED as exc:
        if "macroEnabled" in str(exc):
            raise error(
                "a macro-enabled file (.docm or .dotm), not a document",
                path,
                None,
                "save it as Word Document (.docx), without macros",
            ) from None
        if "template.main" in str(exc):
            raise error(
                "a Word template (.dotx), not a document", path, None, "save it as .docx"
            ) from None
        raise error(f"not a Word document ({_reason(exc)})", path, None, FIX) from None
    root = document.element
    if root.tag != qn("w:document") or root.find(qn("w:body")) is None:
        raise error("not a Word document (no document body)", path, None, FIX)
    return document


def _refuse_doctypes(data: bytes, path: Path | None, error: type[DrafterError]) -> None:
    """Refuse a package any of whose XML parts declares a DTD (entities, external or not), is
    packed too tightly, or holds more elements or paragraphs than a document plausibly does."""
    elements = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            types = _content_types(archive)
            for info in archive.infolist():
                # zipfile never unpacks more than the header's size: checked before unpacking
                if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * info.compress_size:
                    raise error(
                        f"not a Word document ({info.filename} unpacks to more than "
                        f"{MAX_RATIO} times its packed size)",
                        path,
                        None,
                        FIX,
                    )
                with archive.open(info) as member:
                    part = member.read(MAX_UNPACKED_BYTES + 1)
                if len(part) > MAX_UNPACKED_BYTES:
                    raise error("package unpacks to too many or too large parts", path, None, FIX)
                if not _is_xml(info.filename, types):
                    continue
                if any(mark in part for mark in _DOCTYPE):
                    raise error(
                        f"not a Word document ({info.filename} declares XML entities, "
                        "which Word never writes; they are not read)",
                        path,
                        None,
                        FIX,
                    )
                elements += _elements(part)
                if elements > MAX_ELEMENTS or _paragraphs(part) > MAX_PARAGRAPHS:
                    raise error(
                        f"not a Word document ({info.filename} holds more than "
                        f"{MAX_ELEMENTS:,} XML elements or {MAX_PARAGRAPHS:,} paragraphs)",
                        path,
                        None,
                        FIX,
                    )
    except _MALFORMED as exc:
        raise error(f"not a Word document ({_reason(exc)})", path, None, FIX) from None


def _elements(part: bytes) -> int:
    """About how many elements an XML part holds: its tags that open (any encoding that keeps
    `<` one byte counts exactly; UTF-16 may count a few more, never fewer)."""
    return part.count(b"<") - part.count(b"</") - part.count(b"<?") - part.count(b"<!")


def _paragraphs(part: bytes) -> int:
    """How many `w:p` paragraphs a part opens (Word always writes the `w` prefix)."""
    return part.count(b"<w:p>") + part.count(b"<w:p ") + part.count(b"<w:p/>")


_CONTENT_TYPES = "[Content_Types].xml"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# What drafter never parses: pictures, sound and video are only copied. An SVG is XML, but its
# DOCTYPE (Inkscape writes one) is for the program that draws it, so a media part is not refused.
_MEDIA = ("image/", "audio/", "video/")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _content_types(archive: zipfile.ZipFile) -> dict[str, str] | None:
    """Content type by part name ("/word/document.xml") and by extension ("png"), lowercased;
    None when [Content_Types].xml is missing, declares a DTD or is malformed (every part is then
    treated as XML, and python-docx reports the fault)."""
    name = next((n for n in archive.namelist() if n.lower() == _CONTENT_TYPES.lower()), None)
    if name is None or archive.getinfo(name).file_size > 1024 * 1024:
        return None
    data = archive.read(name)
    if any(mark in data for mark in _DOCTYPE):
        return None
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        return None
    types: dict[str, str] = {}
    for entry in root:
        content_type = (entry.get("ContentType") or "").lower()
        if entry.tag == f"{_CT}Default":
            types[(entry.get("Extension") or "").lower()] = content_type
        elif entry.tag == f"{_CT}Override":
            types[(entry.get("PartName") or "").lower()] = content_type
    return types


def _is_xml(name: str, types: dict[str, str] | None) -> bool:
    """Whether a part is XML that drafter or python-docx may parse: by its name (.xml, .rels),
    else by its content type (xml or +xml, not media); a part of no known type counts as XML."""
    lowered = name.lower()
    if types is None or lowered.endswith((".xml", ".rels")):
        return True
    content_type = types.get("/" + lowered) or types.get(
        lowered.rpartition(".")[2] if "." in lowered else ""
    )
    if content_type is None:
        return True
    if content_type.startswith(_MEDIA):
        return False
    essence = content_type.split(";", 1)[0].strip()
    return essence.endswith(("/xml", "+xml"))


def _reason(exc: BaseException) -> str:
    if isinstance(exc, SyntaxError):  # libxml2 stops at 256 levels (python-docx's parser)
        return "XML nested over 256 levels deep" if "depth" in str(exc) else "malformed XML"
    if isinstance(exc, zipfile.BadZipFile | zlib.error | EOFError):
        return "damaged zip package"
    if isinstance(exc, RuntimeError | NotImplementedError):
        return "encrypted or unusually compressed"
    if isinstance(exc, KeyError):
        return "a required part is missing"
    return exc.__class__.__name__
