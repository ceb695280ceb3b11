"""Bookmark names that tie a stretch of the DOCX back to a draft item.

Word allows 40 characters, starting with a letter, of letters, digits and underscores. A name
is `<section>_<position>_<clause>`, e.g. `whereas_03_customer_risk_assessment`: section and
position locate the item in the draft; the clause part is for people and for a sanity check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.model import Origin

MAX_LENGTH = 40
TITLE = "title"
_UNSAFE = re.compile(r"[^A-Za-z0-9]+")
_NAME = re.compile(
    r"^(?P<section>[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z][A-Za-z0-9]*)*)_(?P<pos>\d{2,})(?:_(?P<slug>\w*))?$"
)


@dataclass(frozen=True)
class Anchor:
    """What a bookmark name says: a section id (as written in names) and a 0-based index."""

    section: str
    index: int
    slug: str = ""


def _slug(text: str) -> str:
    return _UNSAFE.sub("_", text).strip("_").lower()


def bookmark_name(origin: Origin) -> str:
    """The bookmark name for a draft item."""
    section = _slug(origin.section) or "section"
    if not section[0].isalpha():
        section = "s" + section
    head = f"{section}_{origin.index + 1:02d}"
    clause = origin.clause_id.rsplit("/", 1)[-1] if origin.clause_id else "inline"
    return f"{head}_{_slug(clause)}"[:MAX_LENGTH].rstrip("_")


def parse_bookmark_name(name: str) -> Anchor | None:
    """The section and index a drafter bookmark names; None for other bookmarks."""
    match = _NAME.match(name)
    if not match:
        return None
    return Anchor(match["section"], int(match["pos"]) - 1, match["slug"] or "")


def note_bookmark_name(number: int) -> str:
    """The hidden bookmark around note `number`'s mark, which NOTEREF fields point to."""
    return f"_RefNote{number}"
