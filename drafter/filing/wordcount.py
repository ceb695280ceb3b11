"""Word counts for the Rule 14a-8(d) limit: a conservative count and an alternative one, per part.

Conservative: every whitespace-separated token holding a letter or digit is one word, so a URL,
"$15,000", "5%" and "U.S." are one word each; the title, lead words and notes all count.
Alternative: hyphenated and dash-joined compounds count as their parts, and lone symbols such as
"&" or "§" count as words. Companies have counted both ways; drafter shows both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from drafter.model import Block, Note

NOTES_PART = "notes"
_COMPOUND_SPLIT = re.compile(r"(?<=\w)[-‐‑–—/](?=\w)")


def conservative_words(text: str) -> int:
    return sum(1 for token in text.split() if any(ch.isalnum() for ch in token))


def alternative_words(text: str) -> int:
    count = 0
    for token in text.split():
        if token.lower().startswith(("http://", "https://", "www.")):
            count += 1
            continue
        pieces = [p for p in _COMPOUND_SPLIT.split(token) if p]
        count += sum(1 for p in pieces if any(ch.isalnum() for ch in p)) or 1
    return count


@dataclass(frozen=True)
class WordCount:
    """Words per part under both methods, and the limit they are held to."""

    parts: Mapping[str, int]
    alternative_parts: Mapping[str, int]
    labels: Mapping[str, str] = field(default_factory=dict)
    limit: int | None = None

    @property
    def conservative(self) -> int:
        return sum(self.parts.values())

    @property
    def alternative(self) -> int:
        return sum(self.alternative_parts.values())

    @property
    def body_only(self) -> int:
        """The conservative count without the title and the notes."""
        return sum(n for p, n in self.parts.items() if p not in ("title", NOTES_PART))

    def as_dict(self) -> dict[str, object]:
        return {
            "conservative": self.conservative,
            "alternative": self.alternative,
            "without_title_and_notes": self.body_only,
            "limit": self.limit,
            "parts": dict(self.parts),
            "alternative_parts": dict(self.alternative_parts),
        }


def count_words(
    blocks: Iterable[Block],
    notes: Iterable[Note],
    bibliography: Iterable[Iterable[object]] = (),
    labels: Mapping[str, str] | None = None,
    limit: int | None = None,
) -> WordCount:
    """Count a document's words by part; notes and any reference list form the `notes` part."""
    parts: dict[str, int] = {}
    alternative: dict[str, int] = {}
    for block in blocks:
        parts[block.part] = parts.get(block.part, 0) + conservative_words(block.text)
        alternative[block.part] = alternative.get(block.part, 0) + alternative_words(block.text)
    note_texts = [n.text for n in notes]
    note_texts += ["".join(getattr(s, "text", "") for s in entry) for entry in bibliography]
    if note_texts:
        parts[NOTES_PART] = sum(conservative_words(t) for t in note_texts)
        alternative[NOTES_PART] = sum(alternative_words(t) for t in note_texts)
    return WordCount(parts, alternative, dict(labels or {}), limit)
