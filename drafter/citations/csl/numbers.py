"""Numbers in CSL 1.0.2: `is-numeric`, label plurality, the forms of `cs:number` and ordinals.

A number is ASCII digits with an optional prefix and suffix ("2nd", "12a", "L2d", "8n11564");
numbers are joined by a comma and a space, an ampersand, a hyphen or en dash, or the word "and"
(or the locale's "and" term), as citeproc-js reads them. A backslash before a hyphen ("327\\-30")
makes it part of one number rather than a range. An abbreviated locator label may stand before a
number ("7, p. 3-8"); it is rendered again in the locale's short form, singular or plural.

Values are split into words with one linear scan, so a megabyte of digits or spaces costs no
more than its length. Page ranges are in `drafter.citations.csl.pages` (`page_range`, also
imported here).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from drafter.citations.csl.pages import NUMBER, ROMAN_WORD, WORD, page_range
from drafter.citations.csl.terms import Terms

__all__ = ["format_number", "is_numeric", "is_plural", "ordinal", "page_range", "roman"]

EN_DASH = "\u2013"

_PLAIN = re.compile(r"0|[1-9][0-9]*")
_SPACES = re.compile(r"\s+")

# The locator labels citeproc-js recognises inside a number variable, and the terms they stand for.
LABELS = {
    "art": "article",
    "bk": "book",
    "ch": "chapter",
    "subch": "subchapter",
    "col": "column",
    "fig": "figure",
    "fol": "folio",
    "l": "line",
    "n": "note",
    "no": "issue",
    "op": "opus",
    "p": "page",
    "pp": "page",
    "para": "paragraph",
    "subpara": "subparagraph",
    "pt": "part",
    "r": "rule",
    "sec": "section",
    "subsec": "subsection",
    "sch": "schedule",
    "sv": "sub-verbo",
    "tit": "title",
    "vrs": "verse",
    "vol": "volume",
}

_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


@dataclass
class Piece:
    """One number of a value, the label written before it, and how it joins the next one."""

    text: str
    label: str | None = None  # an abbreviation of LABELS ("p"), when one stands before it
    joiner: str = ""  # "," "&" "-" "and", or "" (the last number, or no separator)
    and_text: str = ""  # the joining words as written, for "and" (", and", "et")


@dataclass
class Parsed:
    """A value's numbers, and whether nothing else is in it."""

    pieces: list[Piece]
    numeric: bool


@lru_cache(maxsize=64)
def _gap_pattern(and_words: tuple[str, ...]) -> re.Pattern[str]:
    """What may stand between two numbers (whitespace already collapsed to single spaces)."""
    words = "|".join(re.escape(w) for w in sorted(and_words, key=len, reverse=True))
    labels = "|".join(sorted(LABELS, key=len, reverse=True))
    return re.compile(
        r"(?:(?P<comma> ?, )|(?P<amp> ?& ?)|(?P<escaped> ?\\- ?)|(?P<range> ?[-\u2013]+ ?)"
        rf"|(?P<and>(?: ?,)? (?:{words}) )|(?P<none> ?))(?:(?P<label>{labels})\. ?)?"
    )


def _and_words(and_term: str | None) -> tuple[str, ...]:
    words = {"and"}
    if and_term and and_term.strip() and and_term.strip() != "&":
        words.add(" ".join(and_term.split()))
    return tuple(sorted(words))


_KINDS = {"comma": ",", "amp": "&", "escaped": "\\", "range": "-", "and": "and", "none": ""}


def _read_gap(pattern: re.Pattern[str], between: str) -> tuple[str, str | None, str] | None:
    """What joins two numbers ("" for nothing), the label before the second, the "and" words;
    None when `between` cannot stand between numbers."""
    found = pattern.fullmatch(_SPACES.sub(" ", between))
    if found is None:
        return None
    kind = next(k for k in _KINDS if found[k] is not None)
    return _KINDS[kind], found["label"], (found["and"] or "").strip()


def parse(value: str | int, and_term: str | None = None, roman: bool = False) -> Parsed:
    """The numbers of `value` (with roman numerals among them when `roman`), joined as written."""
    text = str(value).strip()
    and_words = _and_words(and_term)
    pattern = _gap_pattern(and_words)
    pieces: list[Piece] = []
    numeric = True
    last_end = 0
    gaps: dict[str, tuple[str, str | None, str] | None] = {}  # each distinct gap read once
    for match in WORD.finditer(text):
        word = match.group()
        between = text[last_end : match.start()]
        if pieces and between == "-" and word.isascii() and word.isalpha():
            head = NUMBER.fullmatch(pieces[-1].text)
            if head and not head["prefix"] and head["suffix"]:  # "12a-c": one number
                pieces[-1].text += "-" + word
                last_end = match.end()
                continue
        if NUMBER.fullmatch(word) is None and not (
            roman and word not in and_words and ROMAN_WORD.fullmatch(word)
        ):
            continue  # a word that is no number: part of the text between numbers
        if between not in gaps:
            gaps[between] = _read_gap(pattern, between)
        gap = gaps[between]
        joiner, label, and_text = gap if gap else ("", None, "")
        if gap is None or (joiner == "") != (not pieces):
            numeric = False  # no separator between numbers, or one before the first
        elif joiner == "\\":  # "327\\-30": one number
            pieces[-1].text += "-" + word
            last_end = match.end()
            continue
        elif pieces:
            pieces[-1].joiner, pieces[-1].and_text = joiner, and_text
        pieces.append(Piece(word, label))
        last_end = match.end()
    if not pieces or text[last_end:]:
        numeric = False
    return Parsed(pieces, numeric)


def is_numeric(value: str | int, and_term: str | None = None) -> bool:
    """Whether `value` holds numbers only (CSL `is-numeric`): "2nd", "L2", "2-4", "2, 4", "2 & 4"
    and "2 and 4" (or the locale's `and_term`) are numeric; "second", "2nd edition", "2 4" not."""
    if isinstance(value, bool):
        return False
    return parse(value, and_term).numeric


def is_plural(value: str | int, and_term: str | None = None, variable: str | None = None) -> bool:
    """Whether a label for `value` takes the plural: two numbers joined ("1-3", "2 & 4", "xii-xv",
    "213 and 235"), or for `number-of-pages` and `number-of-volumes` a number above 1."""
    if isinstance(value, bool):
        return False
    parsed = parse(value, and_term, roman=True)
    if any(piece.joiner for piece in parsed.pieces[:-1]):
        return True
    if variable and variable.startswith("number-of-") and parsed.pieces:
        digits = NUMBER.fullmatch(parsed.pieces[0].text)
        if digits:
            number = digits["digits"].lstrip("0")
            return len(number) > 1 or number > "1"
    return False


def format_number(value: str | int, form: str, terms: Terms, gender: str | None = None) -> str:
    """`value` as `cs:number` renders it in `form` ("numeric", "ordinal", "long-ordinal",
    "roman"): each plain number transformed, joined by ", ", " & ", " and " or the locale's
    page-range delimiter (en dash by default); non-numeric text comes back unchanged."""
    text = str(value)
    parsed = parse(text, terms.term("and"))
    if not parsed.numeric:
        return text
    pieces = parsed.pieces
    delimiter = terms.term("page-range-delimiter") or EN_DASH
    master = pieces[0].label
    out: list[str] = []
    current = master
    done: dict[str, str] = {}  # each number transformed once, however often it is repeated
    for index, piece in enumerate(pieces):
        if piece.label is not None:
            current = piece.label
            out.append(_label(piece.label, pieces, index, terms) + " ")
        if current != master:
            out.append(piece.text)  # numbers after an embedded label stay as written
        else:
            if piece.text not in done:
                done[piece.text] = _transform(piece.text, form, terms, gender)
            out.append(done[piece.text])
        if piece.joiner == "-":
            same = _prefix(piece.text) == _prefix(pieces[index + 1].text)
            out.append(delimiter if same else "-")
        elif piece.joiner == "and":
            words = piece.and_text.lstrip(",").strip()
            out.append((", " if piece.and_text.startswith(",") else " ") + words + " ")
        elif piece.joiner:
            out.append({",": ", ", "&": " & "}[piece.joiner])
    return "".join(out)


def _prefix(number: str) -> str | None:
    found = NUMBER.fullmatch(number)
    return found["prefix"] or "" if found else None


def _label(abbreviation: str, pieces: list[Piece], index: int, terms: Terms) -> str:
    """An embedded label in the locale's short form, plural when its numbers are several."""
    end = index + 1
    while end < len(pieces) and pieces[end].label is None:
        end += 1
    plural = any(piece.joiner for piece in pieces[index : end - 1])
    term = terms.term(LABELS[abbreviation], "short", plural)
    return term if term else abbreviation + "."


def _transform(number: str, form: str, terms: Terms, gender: str | None) -> str:
    """One number in `form`; a number with a prefix, suffix or leading zero stays as written."""
    if form not in ("ordinal", "long-ordinal", "roman") or not _PLAIN.fullmatch(number):
        return number
    if form == "roman":
        return roman(int(number)) if len(number) <= 4 else number
    return ordinal_of_digits(number, terms, gender, long=form == "long-ordinal")


def roman(n: int) -> str:
    """`n` in lower-case roman numerals, for 1 to 3999; other numbers as digits."""
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def ordinal(n: int, terms: Terms, gender: str | None = None, long: bool = False) -> str:
    """`n` with the locale's ordinal suffix ("2nd"), or as a long ordinal ("second") when `long`
    and the locale has one for it (1 to 10); `gender` picks a gendered term when there is one."""
    if n < 0:
        return "-" + ordinal(-n, terms, gender, long)
    return ordinal_of_digits(str(n), terms, gender, long)


def ordinal_of_digits(digits: str, terms: Terms, gender: str | None, long: bool = False) -> str:
    """`ordinal` for a number written in digits without a leading zero, of any length."""
    if gender == "neuter":
        gender = None
    if long and len(digits) <= 2 and 1 <= int(digits) <= 10:
        word = _gendered(terms, f"long-ordinal-{int(digits):02d}", gender)
        if word is not None:
            return word[0]
    return digits + _suffix(digits, terms, gender)


def _gendered(terms: Terms, name: str, gender: str | None) -> tuple[str, str | None] | None:
    """The term of `gender`, else the neuter one, with the gender found; None if neither is."""
    for candidate in (gender, None) if gender else (None,):
        text = terms.term(name, gender=candidate)
        if text is not None:
            return text, candidate
    return None


def _suffix(digits: str, terms: Terms, gender: str | None) -> str:
    """The ordinal suffix: CSL 1.0.1 `ordinal-00`…`ordinal-99` with `match`, else `ordinal`."""
    default = _gendered(terms, "ordinal", gender)
    if default is None:
        legacy = [_gendered(terms, f"ordinal-0{k}", gender) for k in range(1, 5)]
        if all(legacy):
            return _legacy_suffix(digits, [term[0] for term in legacy if term])
    last_two = int(digits[-2:])
    if last_two >= 10:
        found = _matching(terms, f"ordinal-{last_two:02d}", gender, digits, "last-two-digits")
        if found is not None:
            return found
    found = _matching(terms, f"ordinal-0{digits[-1]}", gender, digits, "last-digit")
    if found is not None:
        return found
    return default[0] if default else ""


def _matching(terms: Terms, name: str, gender: str | None, digits: str, default: str) -> str | None:
    """The term `name` (gendered first, then neuter) if its `match` accepts the number."""
    number = int(name[-2:])
    for candidate in (gender, None) if gender else (None,):
        text = terms.term(name, gender=candidate)
        if text is None:
            continue
        match = terms.match(name, candidate) or default
        if match == "whole-number":
            accepted = digits == str(number)
        elif match == "last-two-digits" or number >= 10:
            accepted = int(digits[-2:]) == number
        else:
            accepted = int(digits[-1]) == number
        if accepted:
            return text
    return None


def _legacy_suffix(digits: str, suffixes: list[str]) -> str:
    """CSL 1.0 ordinals: `ordinal-01` to `-03` for numbers ending in 1 to 3 (but not 11 to 13),
    `ordinal-04` for all others."""
    last = int(digits[-1])
    if 10 <= int(digits[-2:]) <= 19 or not 1 <= last <= 3:
        return suffixes[3]
    return suffixes[last - 1]
