"""What formatting code needs of a locale: its terms, options and language."""

from __future__ import annotations

from typing import Protocol


class Terms(Protocol):
    """A style's merged locale (the style's own `cs:locale` first, then the locale files)."""

    lang: str  # e.g. "en-US"

    def term(
        self, name: str, form: str = "long", plural: bool = False, gender: str | None = None
    ) -> str | None:
        """The term's text, falling back by form (verb-short → verb → long, symbol → short →
        long) and locale; None when no locale defines it."""
        ...

    def gender(self, name: str) -> str | None:
        """The grammatical gender of a term ("masculine", "feminine"), if the locale gives one."""
        ...

    def option(self, name: str) -> str | None:
        """A `cs:style-options` value of the locale, e.g. "punctuation-in-quote"."""
        ...

    def match(self, name: str, gender: str | None = None) -> str | None:
        """An ordinal term's `match` attribute ("last-digit", "last-two-digits",
        "whole-number"), or None when the locale does not set one."""
        ...
