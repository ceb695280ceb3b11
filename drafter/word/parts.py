"""Package parts python-docx lacks: footnotes, endnotes and custom document properties.

Registered with python-docx's PartFactory when this module is imported, so documents that
already carry these parts (from Word, LibreOffice or pandoc) load them as editable parts.
"""

from __future__ import annotations

from typing import cast

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import PartFactory, XmlPart
from docx.oxml.parser import parse_xml
from docx.package import Package
from docx.parts.document import DocumentPart
from docx.parts.story import StoryPart

from drafter.word.oxml import (
    CT_CustomProperties,
    CT_Notes,
    new_custom_properties_xml,
    new_notes_xml,
)

_NOTES = {
    "footnote": (CT.WML_FOOTNOTES, RT.FOOTNOTES, "/word/footnotes.xml"),
    "endnote": (CT.WML_ENDNOTES, RT.ENDNOTES, "/word/endnotes.xml"),
}


class NotesPart(StoryPart):
    """`word/footnotes.xml` or `word/endnotes.xml`."""

    @property
    def notes_element(self) -> CT_Notes:
        return cast(CT_Notes, self.element)

    @classmethod
    def new(cls, package: Package, kind: str) -> NotesPart:
        content_type, _, partname = _NOTES[kind]
        return cls(PackURI(partname), content_type, parse_xml(new_notes_xml(kind)), package)


def notes_part(document_part: DocumentPart, kind: str, create: bool = True) -> NotesPart | None:
    """The document's footnotes or endnotes part, related to it on first use when `create`."""
    _, reltype, _ = _NOTES[kind]
    try:
        existing = document_part.part_related_by(reltype)
    except KeyError:
        if not create:
            return None
    else:
        if not isinstance(existing, NotesPart) or not isinstance(existing.element, CT_Notes):
            raise ValueError(f"malformed {kind}s part")
        return existing
    part = NotesPart.new(document_part.package, kind)
    document_part.relate_to(part, reltype)
    return part


class CustomPropertiesPart(XmlPart):
    """`docProps/custom.xml`: named text properties, shown in Word under File > Properties."""

    @property
    def properties_element(self) -> CT_CustomProperties:
        return cast(CT_CustomProperties, self.element)

    @classmethod
    def new(cls, package: Package) -> CustomPropertiesPart:
        element = parse_xml(new_custom_properties_xml())
        return cls(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, element, package)


def custom_properties_part(package: Package, create: bool = True) -> CustomPropertiesPart | None:
    """The package's custom properties part, related to the package on first use."""
    try:
        part = package.part_related_by(RT.CUSTOM_PROPERTIES)
    except KeyError:
        if not create:
            return None
        part = CustomPropertiesPart.new(package)
        package.relate_to(part, RT.CUSTOM_PROPERTIES)
    return cast(CustomPropertiesPart, part)


PartFactory.part_type_for[CT.WML_FOOTNOTES] = NotesPart
PartFactory.part_type_for[CT.WML_ENDNOTES] = NotesPart
PartFactory.part_type_for[CT.OFC_CUSTOM_PROPERTIES] = CustomPropertiesPart
