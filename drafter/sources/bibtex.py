"""Read BibTeX and biblatex files into Sources holding CSL-JSON items, each with its line."""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.errors import CitationError, excerpt, quoted
from drafter.files.reading import did_you_mean
from drafter.model import Location, Source
from drafter.sources.bibmacros import Macros
from drafter.sources.dates import real_day, year_text_problem

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
MONTH_MACROS = {name[:3].lower(): name for name in MONTHS}

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
SKIPPED = {"comment", "preamble", "xdata", "set"}
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
ENTRY_FIX = "write @type{key, field = {value}, ...}"

_ENTRY_START = re.compile(r"(?<![\w@.\\])@[ \t]*([A-Za-z][\w-]*)")
_KEY = re.compile(r"[^\s,{}()\"#%=]+")
_NAME = re.compile(r"[A-Za-z_][\w\-:.+/]*")
_NUMBER = re.compile(r"\d+")
_SPACE = re.compile(r"(?:\s|%[^\n]*)*")
_DELIMITERS = {"}": re.compile(r"[{}]"), '"': re.compile(r'[{}"]')}
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:T[\d:.+\-Z]*)?")


@dataclass
class Entry:
    """One BibTeX entry as read: lower-case type, key, raw field values and their lines."""

    kind: str
    key: str
    line: int
    fields: dict[str, str] = field(default_factory=dict)
    field_lines: dict[str, int] = field(default_factory=dict)


def parse_bibtex(text: str, path: Path | str | None) -> list[Source]:
    """Sources from BibTeX text, each entry converted to a CSL-JSON item."""
    if not text.strip():
        raise CitationError("citation file is empty", path, 1, "add entries, or remove the file")
    if "@" not in text:
        raise CitationError(
            "no BibTeX entries in the file", path, 1, "write entries as @type{key, field = {...}}"
        )
    sources: list[Source] = []
    seen: dict[str, int] = {}
    for entry in _Reader(text, path).entries():
        folded = entry.key.lower()
        if folded in seen:
            raise CitationError(
                f"duplicate key {quoted(entry.key)} (first used on line {seen[folded]})",
                path,
                entry.line,
                "give each entry its own key; keys are compared ignoring case",
            )
        seen[folded] = entry.line
        sources.append(Source(entry.key, to_csl(entry, path), Location(path, entry.line)))
    return sources


class _Reader:
    """A cursor over BibTeX text that yields entries and expands @string macros."""

    def __init__(self, text: str, path: Path | str | None) -> None:
        self.text = text
        self.path = path
        self.pos = 0
        self.macros = Macros(path, MONTH_MACROS)
        self._newlines = [m.start() for m in re.finditer("\n", text)]
        self._percent = (-1, -1)  # (line index, position of its first `%`), for `_commented_out`

    def line(self, pos: int | None = None) -> int:
        """The 1-based line of a position (the cursor by default)."""
        return bisect.bisect_left(self._newlines, self.pos if pos is None else pos) + 1

    def fail(self, message: str, line: int, fix: str) -> CitationError:
        """A CitationError in this file."""
        return CitationError(message, self.path, line, fix)

    def entries(self) -> list[Entry]:
        """Every citable entry, in file order; macros, comments and preambles are consumed."""
        found: list[Entry] = []
        while match := _ENTRY_START.search(self.text, self.pos):
            self.pos = match.end()
            if self._commented_out(match.start()):
                continue
            entry = self._entry(match.group(1).lower(), match.start())
            if entry is not None:
                found.append(entry)
        return found

    def _commented_out(self, at: int) -> bool:
        """Whether a `%` comes before position `at` on its line (its first `%` found once per
        line, so a long line of `@` signs is not searched again for each)."""
        index = bisect.bisect_left(self._newlines, at)
        if index != self._percent[0]:
            start = self._newlines[index - 1] + 1 if index else 0
            end = self._newlines[index] if index < len(self._newlines) else len(self.text)
            self._percent = (index, self.text.find("%", start, end))
        return -1 < self._percent[1] < at

    def _entry(self, kind: str, at: int) -> Entry | None:
        """Read one `@kind{...}` block whose `@` is at position `at`."""
        line = self.line(at)
        self._skip_space()
        opener = self.text[self.pos : self.pos + 1]
        if opener not in ("{", "("):
            if kind == "comment":
                return None  # BibTeX's @comment runs to the end of its line
            if kind in TYPES or kind in SKIPPED or kind == "string":
                raise self.fail(f"@{kind} on this line is not followed by '{{'", line, ENTRY_FIX)
            return None  # an address such as @someone in text between entries
        if kind not in TYPES and kind not in SKIPPED and kind != "string":
            raise self.fail(
                f"unknown entry type '@{kind}'",
                line,
                did_you_mean(kind, [*TYPES, "string"], "use @article, @book, @online, @misc, ..."),
            )
        closer = "}" if opener == "{" else ")"
        self.pos += 1
        if kind in SKIPPED:
            self._skip_block(opener, closer, line, kind)
            return None
        if kind == "string":
            self._read_fields(Entry(kind, "", line), closer)
            return None
        entry = Entry(kind, self._read_key(closer, line), line)
        self._read_fields(entry, closer)
        return entry

    def _skip_block(self, opener: str, closer: str, line: int, kind: str) -> None:
        """Move past the end of a block whose opening delimiter was just read."""
        depth = 1
        while self.pos < len(self.text):
            char = self.text[self.pos]
            self.pos += 1
            if char == opener:
                depth += 1
            elif char == closer:
                depth -= 1
                if depth == 0:
                    return
        raise self.fail(
            f"@{kind} opened here is never closed", line, f"end it with {quoted(closer)}"
        )

    def _skip_space(self) -> None:
        """Move past white space and `%` comments."""
        match = _SPACE.match(self.text, self.pos)
        self.pos = match.end() if match else self.pos

    def _read_key(self, closer: str, line: int) -> str:
        """The entry key, and the comma after it."""
        self._skip_space()
        start = self.pos
        match = _KEY.match(self.text, self.pos)
        fix = "write the key first: @article{smith2021, title = {...}}"
        if not match:
            if self.pos >= len(self.text):
                raise self._unterminated(line, closer, None)
            raise self.fail("entry has no key", line, fix)
        self.pos = match.end()
        self._skip_space()
        if self.text.startswith("=", self.pos):
            raise self.fail(f"entry has no key ({quoted(match.group())} is a field)", line, fix)
        if self.text.startswith(",", self.pos):
            self.pos += 1
        elif not self.text.startswith(closer, self.pos):
            if self.pos >= len(self.text):
                raise self._unterminated(line, closer, None)
            raise self.fail(
                f"expected ',' after key {quoted(self.text[start : match.end()])}",
                self.line(),
                "separate the key from the fields with a comma",
            )
        return match.group()

    def _read_fields(self, entry: Entry, closer: str) -> None:
        """Read `name = value` pairs up to the entry's closing delimiter."""
        while True:
            self._skip_space()
            if self.pos >= len(self.text):
                raise self._unterminated(entry.line, closer, None)
            if self.text.startswith(closer, self.pos):
                self.pos += 1
                return
            self._check_not_next_entry(entry, closer)
            self._read_field(entry, closer)
            value_end_line = self.line()
            self._skip_space()
            if self.text.startswith(",", self.pos):
                self.pos += 1
            elif self.pos >= len(self.text):
                raise self._unterminated(entry.line, closer, None)
            elif not self.text.startswith(closer, self.pos):
                self._check_not_next_entry(entry, closer)
                name = next(reversed(entry.fields))
                raise self.fail(
                    f"expected ',' or {quoted(closer)} after field {quoted(name)}",
                    value_end_line,
                    "put a comma between fields",
                )

    def _check_not_next_entry(self, entry: Entry, closer: str) -> None:
        """Fail at the entry's line when the next entry's `@` comes before its closing delimiter."""
        if self.text.startswith("@", self.pos):
            raise self.fail(
                "entry opened here is never closed",
                entry.line,
                f"end it with {quoted(closer)} before the @ on line {self.line()}",
            )

    def _read_field(self, entry: Entry, closer: str) -> None:
        """Read one `name = value` pair into the entry (or a macro for @string)."""
        line = self.line()
        match = _NAME.match(self.text, self.pos)
        if not match:
            found = self.text[self.pos : self.pos + 10].split("\n")[0]
            raise self.fail(
                f"expected a field name, found {quoted(found)}", line, "write name = {value}"
            )
        name = match.group().lower()
        self.pos = match.end()
        self._skip_space()
        if not self.text.startswith("=", self.pos):
            raise self.fail(
                f"expected '=' after field {quoted(name)}",
                line,
                f"write {excerpt(name)} = {{value}}",
            )
        self.pos += 1
        value = re.sub(r"[ \t\n]+", " ", self._read_value(entry, name, line, closer)).strip()
        if entry.kind == "string":
            self.macros.define(name, value)
            entry.fields[name] = value
            return
        if name in entry.fields:
            raise self.fail(
                f"field {quoted(name)} given twice (first on line {entry.field_lines[name]})",
                line,
                "keep one of them",
            )
        entry.fields[name] = value
        entry.field_lines[name] = line

    def _read_value(self, entry: Entry, name: str, line: int, closer: str) -> str:
        """A field value: braced, quoted, number or macro parts joined by `#`."""
        parts: list[str] = []
        size, what = 0, f"{'@string' if entry.kind == 'string' else 'field'} '{name}'"
        while True:
            self._skip_space()
            parts.append(self._read_part(entry, name, line, closer))
            size += len(parts[-1])
            self.macros.check_part(size, what, line)  # before the next part, not after joining
            end = self.pos
            self._skip_space()
            if not self.text.startswith("#", self.pos):
                self.pos = end  # leave the cursor where the value ends
                return self.macros.join(parts, what, line)
            self.pos += 1

    def _read_part(self, entry: Entry, name: str, line: int, closer: str) -> str:
        """One piece of a value: `{...}`, `"..."`, a number or a macro name."""
        char = self.text[self.pos : self.pos + 1]
        if char == "{":
            return self._read_delimited(entry, name, line, closer, "}")
        if char == '"':
            return self._read_delimited(entry, name, line, closer, '"')
        if match := _NUMBER.match(self.text, self.pos):
            self.pos = match.end()
            return match.group()
        if match := _NAME.match(self.text, self.pos):
            self.pos = match.end()
            macro = match.group().lower()
            if macro not in self.macros:
                raise self.fail(
                    f"field {quoted(name)} uses undefined macro {quoted(match.group())}",
                    line,
                    did_you_mean(
                        macro,
                        self.macros.names(),
                        f"write {excerpt(name)} = {{{excerpt(match.group())}}} or define it with @string",
                    ),
                )
            return self.macros[macro]
        if not char:
            raise self._unterminated(entry.line, closer, None)
        raise self.fail(
            f"field {quoted(name)} has no value",
            line,
            f'write {excerpt(name)} = {{value}} or {excerpt(name)} = "value"',
        )

    def _read_delimited(self, entry: Entry, name: str, line: int, closer: str, end: str) -> str:
        """The text of a `{...}` or `"..."` value, inner braces kept."""
        start = self.pos
        depth = 0
        for match in _DELIMITERS[end].finditer(self.text, start + 1):
            char = match.group()
            if char == "{":
                depth += 1
            elif char == "}" and depth > 0:
                depth -= 1
            elif char == end and depth == 0:
                self.pos = match.end()
                return self.text[start + 1 : match.start()]
        self.pos = len(self.text)
        raise self._unterminated(entry.line, closer, (name, line))

    def _unterminated(self, line: int, closer: str, field: tuple[str, int] | None) -> CitationError:
        """The error for an entry that reaches the end of the file."""
        fix = f"end it with {quoted(closer)}"
        if field is not None:
            name, field_line = field
            fix = f"field {quoted(name)} (line {field_line}) has a value that is never closed"
        return self.fail("entry opened here is never closed", line, fix)


# --- conversion to CSL-JSON ------------------------------------------------


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


def _year_month(fields: dict[str, str], lines: dict[str, int], path: Path | str | None) -> dict:
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


def parse_date(text: str, path: Path | str | None, line: int) -> dict:
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


# --- LaTeX to text ---------------------------------------------------------

_ESCAPES = {
    "\\\\": " ",
    "\\&": "&",
    "\\%": "%",
    "\\$": "\ue002",
    "\\#": "#",
    "\\_": "_",
    "\\{": "\ue000",
    "\\}": "\ue001",
}
_LIGATURES = {"---": "\u2014", "--": "\u2013", "``": "\u201c", "''": "\u201d"}
_RESTORE = {"\ue000": "{", "\ue001": "}", "\ue002": "$"}
_PUNCT_ACCENTS = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
}
_LETTER_ACCENTS = {
    "c": "\u0327",
    "v": "\u030c",
    "u": "\u0306",
    "H": "\u030b",
    "k": "\u0328",
    "r": "\u030a",
    "d": "\u0323",
    "b": "\u0331",
}
_SYMBOLS = {
    "ss": "ß",
    "o": "ø",
    "O": "Ø",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "aa": "å",
    "AA": "Å",
    "l": "ł",
    "L": "Ł",
    "i": "\u0131",
    "j": "\u0237",
    "ldots": "…",
    "dots": "…",
    "textendash": "\u2013",
    "textemdash": "\u2014",
    "textquoteright": "\u2019",
    "textquoteleft": "\u2018",
    "textquotedblleft": "\u201c",
    "textquotedblright": "\u201d",
    "textregistered": "®",
    "texttrademark": "™",
    "copyright": "©",
    "textcopyright": "©",
    "S": "§",
    "P": "¶",
    "euro": "€",
    "pounds": "£",
    "textsection": "§",
    "textasciitilde": "~",
    "textbackslash": "\\",
}
_DECLARATIONS = {
    "em",
    "it",
    "bf",
    "sc",
    "rm",
    "tt",
    "sl",
    "sf",
    "itshape",
    "bfseries",
    "scshape",
    "upshape",
    "normalfont",
    "relax",
    "protect",
    "noindent",
}
_BASE = r"(\\[ij](?![A-Za-z])|[A-Za-z])"
_PUNCT_ACCENT = re.compile(r"\\([`'^\"~=.])\s*(?:\{\s*" + _BASE + r"?\s*\}|" + _BASE + ")")
_LETTER_ACCENT = re.compile(r"\\([cvuHkrdb])(?:\s*\{\s*" + _BASE + r"\s*\}|\s+" + _BASE + ")")
_COMMAND = re.compile(r"\\([A-Za-z]+)(\s*)")


def clean_latex(text: str) -> str:
    """Plain Unicode text from a BibTeX value: accents, escapes, dashes; braces and markup gone."""
    for escape, plain in _ESCAPES.items():
        text = text.replace(escape, plain)
    text = _PUNCT_ACCENT.sub(lambda m: _accent(_PUNCT_ACCENTS[m[1]], m[2] or m[3] or ""), text)
    text = _LETTER_ACCENT.sub(lambda m: _accent(_LETTER_ACCENTS[m[1]], m[2] or m[3]), text)
    text = re.sub(r"\\(?:href\s*\{[^{}]*\}|noopsort\s*\{[^{}]*\})", "", text)
    text = _COMMAND.sub(_command, text)
    text = re.sub(r"\\[,;:!>]", "\u202f", text)
    text = re.sub(r"\\([^A-Za-z])", lambda m: "" if m[1] in "-/@" else m[1], text)
    text = text.replace("$", "").replace("~", "\u00a0")
    for tex, plain in _LIGATURES.items():
        text = text.replace(tex, plain)
    text = text.replace("{", "").replace("}", "")
    for mark, plain in _RESTORE.items():
        text = text.replace(mark, plain)
    return re.sub(r"[ \t\n]+", " ", text).strip()


def clean_url(text: str) -> str:
    """A URL or DOI from a BibTeX value: `\\url{}` unwrapped, escapes undone, spaces removed."""
    match = re.fullmatch(r"\s*\\url\s*\{(.*)\}\s*", text)
    if match:
        text = match.group(1)
    text = re.sub(r"\\([&%#_$~{}])", r"\1", text)
    return re.sub(r"\s+", "", text.replace("{", "").replace("}", ""))


def _accent(mark: str, base: str) -> str:
    """A letter with a combining accent, composed where Unicode can."""
    letter = {"\\i": "i", "\\j": "j"}.get(base, base)
    return unicodedata.normalize("NFC", letter + mark) if letter else ""


def _command(match: re.Match[str]) -> str:
    """A LaTeX control word: a symbol, nothing for markup (its argument stays), else its name."""
    name, space = match[1], match[2]
    after = match.string[match.end() : match.end() + 1]
    if name in _SYMBOLS:
        return _SYMBOLS[name]
    if after == "{" or name in _DECLARATIONS:
        return ""
    return name + space
