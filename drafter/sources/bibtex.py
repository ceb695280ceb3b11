"""Read BibTeX and biblatex files into Sources holding CSL-JSON items, each with its line: the
entries and their fields (braced, quoted, numbers, `#` joins), and `@string` macros on a budget.

What `#` joins expand to is bounded: no field longer than MAX_FIELD_CHARS, no file's fields
together longer than MAX_FILE_CHARS, checked before joining.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from pathlib import Path

from drafter.errors import CitationError, excerpt, quoted
from drafter.files.reading import did_you_mean
from drafter.model import Location, Source
from drafter.sources.bibcsl import MONTHS, TYPES, Entry, to_csl

MAX_FIELD_CHARS = 200_000  # one field (or @string) value, after its macros are expanded
MAX_FILE_CHARS = 16_000_000  # every value of one file together (its text alone is under 8 MB)
MACRO_FIX = "write the text out; @string macros are for short names used in many entries"
MONTH_MACROS = {name[:3].lower(): name for name in MONTHS}
SKIPPED = {"comment", "preamble", "xdata", "set"}
ENTRY_FIX = "write @type{key, field = {value}, ...}"

_ENTRY_START = re.compile(r"(?<![\w@.\\])@[ \t]*([A-Za-z][\w-]*)")
_KEY = re.compile(r"[^\s,{}()\"#%=]+")
_NAME = re.compile(r"[A-Za-z_][\w\-:.+/]*")
_NUMBER = re.compile(r"\d+")
_SPACE = re.compile(r"(?:\s|%[^\n]*)*")
_DELIMITERS = {"}": re.compile(r"[{}]"), '"': re.compile(r'[{}"]')}


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


class Macros:
    """The macros defined so far in one file, and the characters its values have used."""

    def __init__(self, path: Path | str | None, predefined: Mapping[str, str]) -> None:
        self.path = path
        self.values: dict[str, str] = dict(predefined)
        self.used = 0

    def __contains__(self, name: object) -> bool:
        return name in self.values

    def __getitem__(self, name: str) -> str:
        return self.values[name]

    def names(self) -> list[str]:
        """Every defined macro name (for suggestions)."""
        return list(self.values)

    def define(self, name: str, value: str) -> None:
        """Define (or redefine) `@string{name = value}`."""
        self.values[name] = value

    def check_part(self, size: int, what: str, line: int) -> None:
        """Refuse a value (`what`: "field 'title'") at `line` that has grown to `size` characters."""
        if size > MAX_FIELD_CHARS:
            raise CitationError(
                f"{what} expands to more than {MAX_FIELD_CHARS:,} characters",
                self.path,
                line,
                MACRO_FIX,
            )

    def join(self, parts: list[str], what: str, line: int) -> str:
        """The value `parts` make, counted against the file's budget."""
        size = sum(map(len, parts))
        self.check_part(size, what, line)
        self.used += size
        if self.used > MAX_FILE_CHARS:
            raise CitationError(
                f"the file's fields expand to more than {MAX_FILE_CHARS:,} characters "
                f"(reached at {what})",
                self.path,
                line,
                MACRO_FIX,
            )
        return "".join(parts)
