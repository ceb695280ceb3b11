"""`docProps/custom.xml`: custom document properties."""

from __future__ import annotations

from collections.abc import Iterator

from docx.oxml.parser import element_class_lookup
from docx.oxml.xmlchemy import BaseOxmlElement

from drafter.word.oxml.numbers import xml_int

CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


class CT_CustomProperties(BaseOxmlElement):
    """`op:Properties`, the root of docProps/custom.xml."""

    def items(self) -> Iterator[tuple[str, str]]:
        """(name, text value) of every property, in file order."""
        for prop in self.findall(f"{{{CUSTOM_NS}}}property"):
            value = next(iter(prop), None)
            yield prop.get("name", ""), (value.text or "") if value is not None else ""

    def remove_prefixed(self, prefix: str) -> None:
        """Drop every property whose name starts with `prefix`."""
        for prop in self.findall(f"{{{CUSTOM_NS}}}property"):
            if prop.get("name", "").startswith(prefix):
                self.remove(prop)

    def set(self, name: str, value: str) -> None:
        """Set a text property, replacing one of the same name."""
        for prop in self.findall(f"{{{CUSTOM_NS}}}property"):
            if prop.get("name") == name:
                self.remove(prop)
        found = (xml_int(p.get("pid")) for p in self.findall(f"{{{CUSTOM_NS}}}property"))
        pids = [pid for pid in found if pid is not None]
        prop = self.makeelement(
            f"{{{CUSTOM_NS}}}property",
            {"fmtid": CUSTOM_FMTID, "pid": str(max(pids, default=1) + 1), "name": name},
        )
        text = prop.makeelement(f"{{{VT_NS}}}lpwstr", {})
        text.text = value
        prop.append(text)
        self.append(prop)


def new_custom_properties_xml() -> bytes:
    """An empty custom properties part."""
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<Properties xmlns="{CUSTOM_NS}" xmlns:vt="{VT_NS}"/>'
    ).encode()


element_class_lookup.get_namespace(CUSTOM_NS)["Properties"] = CT_CustomProperties
