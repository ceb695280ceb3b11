"""Reading users' text files: encodings, TOML with line numbers, finding lines (or, in one pass,
where a text assigns each key), suggesting names."""

from __future__ import annotations

import bisect
import functools
import re
import stat
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from drafter.errors import DrafterError, quoted
from drafter.files.guard import note_read
from drafter.model import LineIndex

MAX_TEXT_BYTES = 8 * 1024 * 1024  # a draft, clause or citation file larger than this is refused
MAX_DEPTH = 64  # tables and arrays nested deeper than this are refused (real files use a handful)
MAX_DIGITS = 100  # a whole number longer than this is not a value a document prints


def oversized(value: object) -> bool:
    """Whether `value` is an integer of more than MAX_DIGITS digits."""
    return isinstance(value, int) and abs(value) >= 10**MAX_DIGITS


_TOML_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")


def read_text(path: Path, error: type[DrafterError] = DrafterError) -> str:
    """Read a user's text file as UTF-8 (a BOM is fine; UTF-16 with a BOM is decoded)."""
    try:
        info = path.stat()
        if stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode) or stat.S_ISSOCK(info.st_mode):
            raise error("is a pipe or device, not a file", path, None, "name a file")
        size = info.st_size
        if size > MAX_TEXT_BYTES:
            raise error(
                f"file is {size // 1024 // 1024} MB, over the {MAX_TEXT_BYTES // 1024 // 1024} MB "
                "limit for text files",
                path,
                1,
                "split it into smaller files",
            )
        data = path.read_bytes()
        note_read(path, info)  # no output of this run may write over it
    except FileNotFoundError:
        raise error("file not found", path, None, "check the path") from None
    except IsADirectoryError:
        raise error("is a folder, not a file", path, None, "name a file") from None
    except OSError as exc:
        raise error(f"cannot read file ({exc.strerror})", path, None) from None
    return decode(data, path, error)


def decode(data: bytes, path: Path | str | None, error: type[DrafterError] = DrafterError) -> str:
    """Decode bytes as UTF-8 or BOM-marked UTF-16, with a line number for undecodable bytes."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].decode("utf-16", "replace").count("\n") + 1
            raise error("broken UTF-16 text", path, line, "save the file as UTF-8") from None
    else:
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise error(
                f"not UTF-8 text (byte 0x{data[exc.start]:02x})",
                path,
                line,
                "save the file as UTF-8",
            ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise error("file holds NUL bytes, not text", path, line, "save the file as UTF-8 text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_toml(
    text: str,
    path: Path | str | None,
    error: type[DrafterError] = DrafterError,
    line_offset: int = 0,
) -> dict[str, Any]:
    """Parse TOML, turning a syntax error into a one-line error with the file's line number."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_LINE.search(message)
        if match:
            line = int(match.group(1))
        else:  # "at end of document": an unclosed string or table; blame the last written line
            written = [n for n, text_line in enumerate(text.split("\n"), 1) if text_line.strip()]
            line = written[-1] if written else 1
        message = message.replace(" (at end of document)", "")
        message = _TOML_LINE.sub("", message).strip().rstrip(".")
        raise error(
            f"malformed TOML: {message[:1].lower()}{message[1:]}",
            path,
            line + line_offset,
            "fix the syntax on that line",
        ) from None
    except RecursionError:
        data = None
    except ValueError:  # an integer past Python's 4,300-digit limit for reading numbers
        data = {"": 10**MAX_DIGITS}
    if data is not None and _holds_oversized(data):  # hex makes huge numbers cheaply, too
        raise error(
            f"a number of more than {MAX_DIGITS} digits",
            path,
            _long_number_line(text) + line_offset,
            "write it as text in quotes, or a shorter number",
        ) from None
    if data is None or too_deep(data):
        raise error(
            f"TOML nested more than {MAX_DEPTH} levels deep",
            path,
            deepest_line(text) + line_offset,
            "flatten the tables and arrays on that line",
        )
    return data


_INT_LITERAL = re.compile(r"(?<![\w.:-])[+-]?(0x[0-9A-Fa-f_]+|0o[0-7_]+|0b[01_]+|\d[\d_]*)")


def _holds_oversized(value: Any) -> bool:
    """Whether a whole number of more than MAX_DIGITS digits is anywhere in `value`."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict | list):
            stack.extend(item.values() if isinstance(item, dict) else item)
        elif oversized(item):
            return True
    return False


def _long_number_line(text: str) -> int:
    """The first line holding a whole number of more than MAX_DIGITS digits (in any base)."""
    for number, line in enumerate(text.split("\n"), 1):
        for match in _INT_LITERAL.finditer(line):
            literal = match.group(1).replace("_", "")
            if literal[:2] in ("0x", "0o", "0b"):
                if oversized(int(literal, 0)):
                    return number
            elif len(literal.lstrip("0")) > MAX_DIGITS:
                return number
    return 1


def too_deep(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether tables or arrays in `value` nest more than `limit` levels (checked without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


def deepest_line(text: str, marks: str = "[{.") -> int:
    """The line with the most of `marks` (brackets, braces, dots): where deep nesting is written."""
    lines = text.split("\n")
    counts = [sum(line.count(c) for c in marks) for line in lines]
    return counts.index(max(counts)) + 1 if counts else 1


def line_of(text: str, pattern: str, start_line: int = 1) -> int | None:
    """The first line at or after `start_line` on which the regex `pattern` matches."""
    regex = _pattern(pattern)
    lines = _lines(text)
    for number in range(max(start_line, 1), len(lines) + 1):
        if regex.search(lines[number - 1]):
            return number
    return None


@functools.lru_cache(maxsize=1024)
def _pattern(pattern: str) -> re.Pattern[str]:
    """A compiled pattern, kept: a draft's items look up the same few keys again and again."""
    return re.compile(pattern)


@functools.lru_cache(maxsize=4)
def _lines(text: str) -> tuple[str, ...]:
    """The lines of a text, split once (a draft's items are each looked up by line)."""
    return tuple(text.split("\n"))


def key_line(text: str, key: str, start_line: int = 1) -> int | None:
    """The line of a TOML `key = ...` assignment (bare or quoted key)."""
    return line_of(text, _assignment(key), start_line)


def _assignment(key: str) -> str:
    """The pattern of a line assigning `key`: `key =`, `"key" =` or `'key' =`."""
    escaped = re.escape(key)
    return rf"^\s*(?:{escaped}|\"{escaped}\"|'{escaped}')\s*="


# --- a text's keys and headers, found once ----------------------------------
# key_line finds a plain key (no quote or `=` in it, no space at either end) on a line exactly
# when the line, its leading space dropped, is the key (bare, or in quotes of one kind), then
# spaces and `=`: so one pass can list the lines of every plain key. Another key is looked for
# line by line in the lines kept.

_TABLE = re.compile(r"\s*\[")
_ARRAY_HEADER = re.compile(r"\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]")
# The plain key a line assigns: in double or single quotes, or bare (all before the first `=`).
_PLAIN_IN = r"[^\"'=\s](?:[^\"'=]*[^\"'=\s])?"
_ASSIGNS = re.compile(rf"""\s*(?:"({_PLAIN_IN})"|'({_PLAIN_IN})'|([^"'=]*?))\s*=""")


def index_lines(text: str) -> LineIndex:
    """Where `text` assigns each plain key, starts each table and writes each `[[name]]`."""
    lines = _lines(text)
    assigned: dict[str, list[int]] = {}
    tables: list[int] = []
    arrays: dict[str, list[int]] = {}
    for number, line in enumerate(lines, 1):
        if "[" in line and _TABLE.match(line):
            tables.append(number)
            header = _ARRAY_HEADER.match(line)
            if header:
                arrays.setdefault(header[1], []).append(number)
        if "=" in line and (match := _ASSIGNS.match(line)):
            key = match[1] or match[2] or match[3]
            if key:
                assigned.setdefault(key, []).append(number)
    return LineIndex(lines=lines, assigned=assigned, tables=tuple(tables), arrays=arrays)


def _plain(key: str) -> bool:
    return bool(key) and key == key.strip() and not any(c in key for c in "=\"'")


def assigned_line(index: LineIndex, key: str, first: int, end: int | None = None) -> int | None:
    """The first line from `first` on (and before `end`) that assigns `key`, as key_line finds."""
    stop = len(index.lines) + 1 if end is None else min(end, len(index.lines) + 1)
    if _plain(key):
        found = index.assigned.get(key, ())
        at = bisect.bisect_left(found, first)
        line = found[at] if at < len(found) else None
        return line if line is not None and line < stop else None
    pattern = re.compile(_assignment(key))  # a key the index does not hold: line by line
    numbers = range(max(first, 1), stop)
    return next((n for n in numbers if pattern.search(index.lines[n - 1])), None)


def line_in_table(index: LineIndex, key: str, header: int) -> int | None:
    """The line of `key` in the table that starts on line `header`, before the next table."""
    following = bisect.bisect_right(index.tables, header)
    end = index.tables[following] if following < len(index.tables) else None
    return assigned_line(index, key, header + 1, end)


def array_headers(index: LineIndex, name: str) -> list[int]:
    """The line of each `[[name]]` header, in order."""
    if re.fullmatch(r"[A-Za-z0-9_-]+", name):
        return list(index.arrays.get(name, ()))
    pattern = re.compile(rf"^\s*\[\[\s*{re.escape(name)}\s*\]\]")
    return [n for n, line in enumerate(index.lines, 1) if pattern.match(line)]


def suggest(name: str, choices: Iterable[str], limit: int = 3) -> list[str]:
    """Names close to `name`: near spellings first, then names sharing a word with it."""
    pool = sorted(set(choices))
    import difflib  # only when there is something to suggest

    close = difflib.get_close_matches(name, pool, n=limit, cutoff=0.6)
    if len(close) < limit:
        tokens = {t for t in re.split(r"[-_/ .]+", name.lower()) if len(t) > 2}
        for choice in pool:
            if choice in close:
                continue
            parts = set(re.split(r"[-_/ .]+", choice.lower()))
            if tokens & parts:
                close.append(choice)
            if len(close) >= limit:
                break
    return close


def did_you_mean(name: str, choices: Iterable[str], fallback: str) -> str:
    """A fix text naming close choices, or `fallback` when there are none."""
    close = suggest(name, choices)
    if not close:
        return fallback
    return "did you mean " + " or ".join(f"{quoted(c)}" for c in close) + "?"
