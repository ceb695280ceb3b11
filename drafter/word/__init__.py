"""The Word layer: the only user of python-docx. Proxies over oxml over parts, as python-docx
is built; importing this package registers drafter's parts and element classes."""

from drafter.word import oxml, parts  # noqa: F401  (registration before any document opens)
from drafter.word.reader import DocxContents, NoteContents, ParagraphContents, read_docx
from drafter.word.writer import DocxOptions, compose, to_docx

__all__ = [
    "DocxContents",
    "DocxOptions",
    "NoteContents",
    "ParagraphContents",
    "compose",
    "read_docx",
    "to_docx",
]
