"""BibTeX and biblatex entries to CSL-JSON items: entry types, fields, names (with "von" parts and
braced organisations) and dates (year and month, or biblatex's ISO dates and ranges)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.errors import CitationError, quoted
from drafter.sources.dates import real_day, year_text_problem
from drafter.sources.latex import clean_latex, clean_url

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

TYPES = {
    "article": "article-journal",
    "book": "book",
    "mvbook": "book",
    "bookinbook": "chapter",
    "collection": "book",
    "mvcollection": "book",
    "proceedings": "book",
    "mvproceedings": "book",
    "reference": "book",
    "mvreference": "book",
    "booklet": "pamphlet",
    "periodical": "periodical",
    "inbook": "chapter",
    "incollection": "chapter",
    "suppbook": "chapter",
    "suppcollection": "chapter",
    "inreference": "entry-encyclopedia",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "techreport": "report",
    "report": "report",
    "manual": "report",
    "online": "webpage",
    "www": "webpage",
    "electronic": "webpage",
    "misc": "document",
    "unpublished": "manuscript",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "patent": "patent",
    "dataset": "dataset",
    "software": "software",
    "standard": "standard",
    "legislation": "legislation",
    "jurisdiction": "legal_case",
    "letter": "personal_communication",
    "review": "review",
    "movie": "motion_picture",
    "video": "motion_picture",
    "audio": "song",
    "music": "song",
    "image": "graphic",
    "artwork": "graphic",
    "performance": "performance",
}
ARTICLE_SUBTYPES = {"newspaper": "article-newspaper", "magazine": "article-magazine"}
THESIS_GENRES = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}
REPORT_KINDS = {"techreport", "report", "manual"}

# BibTeX field -> CSL variable, for text copied across after LaTeX clean-up.
TEXT_FIELDS = {
    "journal": "container-title",
    "journaltitle": "container-title",
    "booktitle": "container-title",
    "series": "collection-title",
    "shorttitle": "title-short",
    "volume": "volume",
    "edition": "edition",
    "note": "note",
    "isbn": "ISBN",
    "issn": "ISSN",
    "pages": "page",
    "chapter": "chapter-number",
    "pagetotal": "number-of-pages",
    "language": "language",
    "eventtitle": "event-title",
    "venue": "event-place",
    "address": "publisher-place",
    "location": "publisher-place",
    "type": "genre",
}
PUBLISHER_FIELDS = ("publisher", "institution", "school", "organization")
NAME_FIELDS = {"author": "author", "editor": "editor", "translator": "translator"}

DATE_FIX = "write date = {2021-11-24} (or YYYY, or YYYY-MM), or year = 2021 with month = nov"
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:T[\d:.+\-Z]*)?")


@dataclass
class Entry:
    """One BibTeX entry as the reader read it: lower-case type, key, raw field values and their
    lines."""

    kind: str
    key: str
    line: int
    fields: dict[str, str] = field(default_factory=dict)
    field_lines: dict[str, int] = field(default_factory=dict)


def to_csl(entry: Entry, path: Path | str | None = None) -> dict[str, Any]:
    """The CSL-JSON item for a BibTeX entry."""
    fields = entry.fields
    item: dict[str, Any] = {"id": entry.key, "type": _csl_type(entry)}
    title = clean_latex(fields.get("title", ""))
    if fields.get("subtitle"):
        subtitle = clean_latex(fields["subtitle"])
        title = f"{title}: {subtitle}" if title else subtitle
    if title:
        item["title"] = title
    for bib_name, csl_name in NAME_FIELDS.items():
        if fields.get(bib_name):
            item[csl_name] = parse_names(fields[bib_name])
    for bib_name, csl_name in TEXT_FIELDS.items():
        if fields.get(bib_name) and csl_name not in item:
            item[csl_name] = clean_latex(fields[bib_name])
    publisher = next((fields[f] for f in PUBLISHER_FIELDS if fields.get(f)), None)
    if publisher:
        item["publisher"] = clean_latex(publisher)
    if fields.get("number"):
        item["number" if entry.kind in REPORT_KINDS else "issue"] = clean_latex(fields["number"])
    genre = item.get("genre", entry.kind)
    if genre in THESIS_GENRES:
        item["genre"] = THESIS_GENRES[genre]
    _add_links(item, fields)
    _add_dates(item, entry, path)
    return item


def _csl_type(entry: Entry) -> str:
    """The CSL type for an entry's BibTeX type and fields."""
    if entry.kind == "article":
        subtype = entry.fields.get("entrysubtype", "").strip().lower()
        return ARTICLE_SUBTYPES.get(subtype, "article-journal")
    if entry.kind == "misc" and (entry.fields.get("url") or _howpublished_url(entry.fields)):
        return "webpage"
    return TYPES[entry.kind]


def _add_links(item: dict[str, Any], fields: dict[str, str]) -> None:
    """URL and DOI, unescaped but not otherwise cleaned."""
    url = fields.get("url") or _howpublished_url(fields)
    if url:
        item["URL"] = clean_url(url)
    elif fields.get("howpublished") and "publisher" not in item:
        item["publisher"] = clean_latex(fields["howpublished"])
    if fields.get("doi"):
        item["DOI"] = _DOI_PREFIX.sub("", clean_url(fields["doi"]))


def _howpublished_url(fields: dict[str, str]) -> str | None:
    """A URL given as `howpublished = {\\url{...}}`, if any."""
    match = re.search(r"\\url\s*\{([^{}]*)\}", fields.get("howpublished", ""))
    return match.group(1) if match else None


def _add_dates(item: dict[str, Any], entry: Entry, path: Path | str | None) -> None:
    """`issued` from date or year and month; `accessed` from urldate."""
    fields, lines = entry.fields, entry.field_lines
    if fields.get("date"):
        item["issued"] = parse_date(fields["date"], path, lines["date"])
    elif fields.get("year"):
        item["issued"] = _year_month(fields, lines, path)
    if fields.get("urldate"):
        item["accessed"] = parse_date(fields["urldate"], path, lines["urldate"])


def _year_month(
    fields: dict[str, str], lines: dict[str, int], path: Path | str | None
) -> dict[str, Any]:
    """A CSL date from `year` (and `month`); a status ("forthcoming", "n.d.") or a year written
    with words ("c. 1850", "2019--2020") becomes a literal; anything else is refused."""
    year = clean_latex(fields["year"])
    if not re.fullmatch(r"-?\d{1,4}", year):
        if problem := year_text_problem(year):
            raise CitationError(problem[0], path, lines["year"], problem[1])
        return {"literal": year}
    parts = [int(year)]
    if fields.get("month"):
        month = month_number(clean_latex(fields["month"]))
        if month is None:
            raise CitationError(
                f"month {quoted(fields['month'])} is not a month",
                path,
                lines["month"],
                "write month = nov (or 11, or {November})",
            )
        parts.append(month)
    return {"date-parts": [parts]}


def month_number(text: str) -> int | None:
    """1-12 for a month number or an English month name or abbreviation."""
    text = text.strip().rstrip(".").lower()
    if text.isdigit():
        return int(text) if text.isascii() and len(text) <= 2 and 1 <= int(text) <= 12 else None
    for number, name in enumerate(MONTHS, 1):
        if len(text) >= 3 and name.lower().startswith(text):
            return number
    return None


def parse_date(text: str, path: Path | str | None, line: int) -> dict[str, Any]:
    """A CSL date from a biblatex date: YYYY, YYYY-MM or YYYY-MM-DD, or a range `a/b`."""
    pieces = [p.strip() for p in clean_latex(text).split("/")]
    parts: list[list[int]] = []
    for index, piece in enumerate(pieces):
        if index == 1 and piece in ("", ".."):
            break  # an open-ended range
        match = _ISO_DATE.fullmatch(piece)
        numbers = [int(g) for g in match.groups() if g] if match else []
        if not match or not _valid_date(numbers) or len(pieces) > 2:
            raise CitationError(f"{quoted(text)} is not a date", path, line, DATE_FIX)
        parts.append(numbers)
    return {"date-parts": parts}


def _valid_date(numbers: list[int]) -> bool:
    """Whether [year, month, day] names a real day (month and day optional)."""
    return real_day(numbers)


# --- names -----------------------------------------------------------------


def parse_names(text: str) -> list[dict[str, str]]:
    """CSL names from a BibTeX name list (`and`-separated; "Last, First" or "First Last")."""
    names = []
    for raw in _split_top(text, r"\s+and\s+"):
        raw = raw.strip()
        if not raw or raw.lower() == "others":
            continue
        names.append(parse_name(raw))
    return names


def parse_name(raw: str) -> dict[str, str]:
    """One CSL name; a name wrapped whole in braces is an organisation's literal name."""
    if raw.startswith("{") and raw.endswith("}") and _closing_brace(raw, 0) == len(raw) - 1:
        return {"literal": clean_latex(raw)}
    parts = [p.strip() for p in _split_top(raw, r",")]
    if len(parts) == 1:
        words = _split_top(raw, r"\s+")
        last = len(words) - 1
        von = [i for i in range(last) if _is_lower(words[i])]
        first_von = von[0] if von else last
        last_von = von[-1] if von else last - 1
        given, particle = words[:first_von], words[first_von : last_von + 1]
        family = words[last_von + 1 :]
        suffix = ""
    else:
        words = _split_top(parts[0], r"\s+")
        cut = 0
        while cut < len(words) - 1 and _is_lower(words[cut]):
            cut += 1
        particle, family = words[:cut], words[cut:]
        given = _split_top(parts[-1], r"\s+")
        suffix = parts[1] if len(parts) > 2 else ""
    name = {
        "family": clean_latex(" ".join(family)),
        "given": clean_latex(" ".join(given)),
        "non-dropping-particle": clean_latex(" ".join(particle)),
        "suffix": clean_latex(suffix),
    }
    return {k: v for k, v in name.items() if v}


def _is_lower(word: str) -> bool:
    """Whether a name word starts with a lower-case letter outside braces (a "von" part)."""
    return bool(word) and word[0].isalpha() and word[0].islower()


def _split_top(text: str, separator: str) -> list[str]:
    """Split on a regex separator wherever it stands outside braces."""
    pieces, start, depth, pos = [], 0, 0, 0
    pattern = re.compile(separator, re.IGNORECASE)
    while pos < len(text):
        char = text[pos]
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        elif depth == 0 and (match := pattern.match(text, pos)) and match.end() > pos:
            pieces.append(text[start:pos])
            start = pos = match.end()
            continue
        pos += 1
    pieces.append(text[start:])
    return [p for p in pieces if p.strip()] if separator == r"\s+" else pieces


def _closing_brace(text: str, start: int) -> int:
    """The index of the brace closing the one at `start`, or -1."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return index
    return -1
