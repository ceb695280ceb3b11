"""A style's merged locale: its own `cs:locale` elements first, then citeproc-py's locale files.

Terms fall back by form (verb-short → verb → long, symbol → short → long) and then by locale,
in the order CSL 1.0.2 gives (§Locale Fallback). Ordinal terms are a set: a locale that defines
any of them replaces the ordinals of every locale after it.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from citeproc import PRIMARY_DIALECTS  # type: ignore[import-untyped]
from citeproc.frontend import CitationStylesLocale  # type: ignore[import-untyped]

CS = "{http://purl.org/net/xbiblio/csl}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FORM_FALLBACK = {
    "verb-short": ("verb-short", "verb", "long"),
    "verb": ("verb", "long"),
    "symbol": ("symbol", "short", "long"),
    "short": ("short", "long"),
    "long": ("long",),
}
_lock = threading.Lock()


@dataclass(frozen=True)
class Term:
    single: str
    multiple: str
    gender: str | None = None
    match: str | None = None


@dataclass
class LocaleData:
    """What one `cs:locale` element defines."""

    terms: dict[tuple[str, str, str | None], Term] = field(default_factory=dict)
    genders: dict[str, str] = field(default_factory=dict)
    dates: dict[str, Any] = field(default_factory=dict)  # form -> the cs:date element
    options: dict[str, str] = field(default_factory=dict)
    has_ordinals: bool = False


def read_locale(element: Any) -> LocaleData:
    """The terms, date formats and options of one `cs:locale` element."""
    data = LocaleData()
    for child in element:
        tag = child.tag
        if tag == CS + "terms":
            for term in child:
                if term.tag == CS + "term":
                    _read_term(term, data)
        elif tag == CS + "date" and child.get("form"):
            data.dates[child.get("form")] = child
        elif tag == CS + "style-options":
            data.options.update(child.attrib)
    return data


def _read_term(term: Any, data: LocaleData) -> None:
    name = term.get("name")
    form = term.get("form", "long")
    gender_form = term.get("gender-form")
    single = term.find(CS + "single")
    multiple = term.find(CS + "multiple")
    text = term.text or ""
    one = (single.text or "") if single is not None else text
    many = (multiple.text or "") if multiple is not None else (text if single is None else one)
    data.terms[(name, form, gender_form)] = Term(one, many, gender_form, term.get("match"))
    if term.get("gender") and form == "long":
        data.genders[name] = term.get("gender")
    if name.startswith("ordinal") or name.startswith("long-ordinal"):
        data.has_ordinals = True


@functools.lru_cache(maxsize=64)
def system_locale(lang: str) -> LocaleData | None:
    """One of citeproc-py's locale files, read once per process; None if there is none."""
    with _lock:
        try:
            return read_locale(CitationStylesLocale(lang, validate=False).root)
        except (ValueError, OSError):
            return None


class Locale:
    """The merged locale of a style for one language (implements `terms.Terms`)."""

    def __init__(self, in_style: Sequence[Any], lang: str) -> None:
        self.lang = lang
        language = lang.split("-")[0]
        chain: list[LocaleData] = []
        for wanted in (lang, language, None):
            for element in in_style:
                if element.get(XML_LANG) == wanted:
                    chain.append(read_locale(element))
        files = [lang, PRIMARY_DIALECTS.get(language), "en-US"]
        for name in dict.fromkeys(f for f in files if f):
            data = system_locale(name)
            if data is not None:
                chain.append(data)
        self._chain = chain
        ordinals_from = next((i for i, d in enumerate(chain) if d.has_ordinals), 0)
        self._ordinal_chain = chain[ordinals_from : ordinals_from + 1] or chain
        self._cache: dict[tuple[str, str, bool, str | None], str | None] = {}

    def _find(self, name: str, form: str, gender: str | None) -> Term | None:
        chain = self._ordinal_chain if "ordinal" in name else self._chain
        for each in FORM_FALLBACK.get(form, (form, "long")):
            for data in chain:
                term = data.terms.get((name, each, gender)) if gender else None
                if term is None:
                    term = data.terms.get((name, each, None))
                if term is not None:
                    return term
        return None

    def term(
        self, name: str, form: str = "long", plural: bool = False, gender: str | None = None
    ) -> str | None:
        key = (name, form, plural, gender)
        if key not in self._cache:
            term = self._find(name, form, gender)
            self._cache[key] = None if term is None else (term.multiple if plural else term.single)
        return self._cache[key]

    def gender(self, name: str) -> str | None:
        for data in self._chain:
            if name in data.genders:
                return data.genders[name]
        return None

    def match(self, name: str, gender: str | None = None) -> str | None:
        chain = self._ordinal_chain if "ordinal" in name else self._chain
        for data in chain:
            term = data.terms.get((name, "long", gender))
            if term is not None:
                return term.match
        return None

    def option(self, name: str) -> str | None:
        for data in self._chain:
            if name in data.options:
                return data.options[name]
        return None

    def date_format(self, form: str) -> Any | None:
        """The locale's `cs:date` element for "text" or "numeric"."""
        for data in self._chain:
            if form in data.dates:
                return data.dates[form]
        return None
