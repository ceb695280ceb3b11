"""The Word layer: the only user of python-docx. Proxies over oxml over parts, as python-docx
is built; importing this package registers drafter's parts and element classes."""

from typing import Any

from drafter.word import oxml, parts  # noqa: F401  (registration before any document opens)
from drafter.word.writer import DocxOptions, to_docx

_READER = {"DocxContents", "NoteContents", "ParagraphContents", "read_docx"}

__all__ = ["DocxOptions", "to_docx", *sorted(_READER)]


def __getattr__(name: str) -> Any:
    """The reader loads on first use: writing a document does not need it."""
    if name in _READER:
        from drafter.word import reader

        return getattr(reader, name)
    raise AttributeError(f"module 'drafter.word' has no attribute {name!r}")
