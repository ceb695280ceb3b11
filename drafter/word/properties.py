"""Proxy for custom document properties (docProps/custom.xml)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from docx.document import Document as DocxDocument

from drafter.model import writable
from drafter.word.parts import CustomPropertiesPart, custom_properties_part


class CustomProperties(Mapping[str, str]):
    """Named text properties of a document; setting one adds the part when needed."""

    def __init__(self, document: DocxDocument) -> None:
        self._document = document

    def _part(self, create: bool) -> CustomPropertiesPart | None:
        return custom_properties_part(self._document.part.package, create=create)

    def _items(self) -> dict[str, str]:
        part = self._part(create=False)
        return dict(part.properties_element.items()) if part is not None else {}

    def __getitem__(self, name: str) -> str:
        return self._items()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items())

    def __len__(self) -> int:
        return len(self._items())

    def clear_prefix(self, prefix: str) -> None:
        """Remove every property named `prefix...` (an earlier build's, in a reference document)."""
        part = self._part(create=False)
        if part is not None:
            part.properties_element.remove_prefixed(prefix)

    def set(self, name: str, value: str) -> None:
        """Set a text property, adding the part when the document has none; characters a Word
        file cannot hold are dropped."""
        part = self._part(create=True)
        assert part is not None
        part.properties_element.set(writable(name), writable(value))
