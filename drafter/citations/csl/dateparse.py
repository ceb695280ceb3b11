"""CSL-JSON date values read into years, months, days, seasons and ranges.

A date is an object with `date-parts` (one or two lists of year, month and day, as numbers or
digit strings; a second list is the end of a range, `[0]` an open one), `season` (1–4 or text),
`circa`, `literal` and `raw`, or a plain string. Strings are read as citeproc-js reads them:
"2000-03-15", "2000/2001", "March 2000", "Spring 2005", "May 1–3, 2000", "44 BC", "c. 1900".
Months 13–16 and 21–24 are the four seasons. Nothing here raises on bad input: a value that is
not a date is None, and a string that cannot be read is kept as a literal.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

MAX_YEAR = 10**9 - 1  # beyond this a year is not a date (and would not sort)
MAX_RAW = 256  # longer strings are shown as they are, never parsed
SEASON_MONTHS = {13: 1, 14: 2, 15: 3, 16: 4, 21: 1, 22: 2, 23: 3, 24: 4}
ENGLISH: tuple[str, ...] = ("january", "february", "march", "april", "may", "june", "july")
ENGLISH += ("august", "september", "october", "november", "december")
ENGLISH_SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}
ERAS = {"bc": -1, "bce": -1, "ad": 1, "ce": 1}
ORDINAL = re.compile(r"(?:st|nd|rd|th|er|e)")
CIRCA = re.compile(r"^(?:(?:circa|about|approx\.?|ca\.|c\.)\s*|(?:ca|c)\s+|~)|[?~]$", re.I)
TIME = re.compile(r"[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
INTEGER = re.compile(r"\s*[-+]?\d{1,12}\s*")
YEAR_ONLY = re.compile(r"-?\d{1,9}")
YEAR_FIRST = re.compile(r"(-?\d{4,9})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?")
YEAR_LAST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](-?\d{4,9})")
MONTH_YEAR = re.compile(r"(\d{1,2})[-/.](-?\d{4,9})")
PIECES = re.compile(r"\d+|[^\W\d_]+|\S")
RANGE_SEPARATORS = ("/", "\u2013", "\u2014", " to ", "-")
OPEN_END = re.compile(r"(.+?)\s*(?:/\.\.|/|\u2013|\u2014|-)\s*")  # "1987–", EDTF "1987/.."

Names = tuple[tuple[str, int], ...]  # lower-case month (1–12) and season (13–16) names


@dataclass(frozen=True)
class Point:
    """One end of a date: a year, and a month (or else a season) and a day if known."""

    year: int
    month: int | None = None
    day: int | None = None
    season: int | str | None = None  # 1–4 (a season term) or text, only when there is no month

    def get(self, part: str) -> object:
        """A part's value for comparing two ends (a season stands in for the month)."""
        if part == "year":
            return self.year
        if part == "month":
            if self.month is not None:
                return self.month
            return None if self.season is None else ("season", self.season)
        return self.day


@dataclass(frozen=True)
class DateValue:
    """A date variable's value: a date or a range of two, or a literal to print as it is."""

    start: Point | None = None
    end: Point | None = None
    open_end: bool = False  # a range with no end ("1987–")
    circa: bool = False
    literal: str | None = None


def to_int(value: object) -> int | None:
    """An integer from a number or a digit string; None for anything else, or a huge one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            return None
        number = int(value)
    elif isinstance(value, str):
        if len(value) > 40 or not INTEGER.fullmatch(value):
            return None
        number = int(value)
    else:
        return None
    return number if -MAX_YEAR <= number <= MAX_YEAR else None


def make_point(
    year: object, month: object = None, day: object = None, season: object = None
) -> Point | None:
    """A Point from loose values: no year (or year 0) is no date; a month outside 1–12 is
    dropped (13–16 and 21–24 are seasons); a day is kept only with a month."""
    number = to_int(year)
    if not number:
        return None
    chosen_month = to_int(month)
    chosen_season = read_season(season)
    if chosen_month is not None and not 1 <= chosen_month <= 12:
        chosen_season = SEASON_MONTHS.get(chosen_month, chosen_season)
        chosen_month = None
    chosen_day = to_int(day)
    if chosen_month is None or chosen_day is None or not 1 <= chosen_day <= 31:
        chosen_day = None
    if chosen_month is not None:
        chosen_season = None
    return Point(number, chosen_month, chosen_day, chosen_season)


def read_season(value: object) -> int | str | None:
    """A season: 1–4 (also given as a digit string), or its text."""
    number = to_int(value)
    if number is not None:
        return number if 1 <= number <= 4 else None
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def truthy(value: object) -> bool:
    """Whether a CSL-JSON flag such as `circa` is set (true, 1, "1", "true", "yes")."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0
    if isinstance(value, str):
        return value.strip().lower() not in ("", "0", "false", "no")
    return False


def parse(value: object, names: Names = ()) -> DateValue | None:
    """A date variable's CSL-JSON value read; None when it holds no date."""
    if isinstance(value, str):
        return parse_raw(value, names)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        point = make_point(value)
        return DateValue(point) if point else None
    if not isinstance(value, Mapping):
        return None
    circa = truthy(value.get("circa"))
    literal = value.get("literal")
    if isinstance(literal, str) and literal.strip():
        return DateValue(literal=literal.strip(), circa=circa)
    parts = value.get("date-parts")
    if parts is None and "year" in value:  # citeproc-js's older form
        parts = [[value.get("year"), value.get("month"), value.get("day")]]
    date = from_parts(parts)
    if date is None:
        raw = value.get("raw")
        date = parse_raw(raw, names) if isinstance(raw, str) else None
        if date is None:
            return None
    start = date.start
    if start is not None and start.month is None and start.season is None:
        season = read_season(value.get("season"))
        if season is not None:
            start = replace(start, season=season)
    return replace(date, start=start, circa=circa or date.circa)


def from_parts(parts: object) -> DateValue | None:
    """`date-parts`: the first list is the date, a second one the end of a range."""
    if not isinstance(parts, Sequence) or isinstance(parts, (str, bytes)) or not parts:
        return None
    start = _point(parts[0])
    if start is None:
        return None
    if len(parts) < 2:
        return DateValue(start)
    last = parts[1]
    if not isinstance(last, Sequence) or isinstance(last, (str, bytes)) or not last:
        return DateValue(start)
    end = _point(last)
    if end is None:
        opened = last[0] in ("", None) or to_int(last[0]) == 0
        return DateValue(start, open_end=opened)
    return DateValue(start) if end == start else DateValue(start, end)


def _point(parts: object) -> Point | None:
    if not isinstance(parts, Sequence) or isinstance(parts, (str, bytes)) or not parts:
        return None
    values = list(parts[:3]) + [None] * (3 - min(len(parts), 3))
    return make_point(values[0], values[1], values[2])


def parse_raw(text: str, names: Names = ()) -> DateValue | None:
    """A date written as text; a literal when it cannot be read, None when it is empty."""
    text = text.strip()
    if not text:
        return None
    if len(text) > MAX_RAW:
        return DateValue(literal=text)
    return _parse_raw(text, names)


@functools.lru_cache(maxsize=2048)
def _parse_raw(text: str, names: Names) -> DateValue:
    body = text
    circa = False
    while True:
        stripped = CIRCA.sub("", body, count=1).strip()
        if stripped == body or not stripped:
            break
        body, circa = stripped, True
    if len(body) > 1 and body[0] == body[-1] == '"':
        return DateValue(literal=body[1:-1])
    body = TIME.sub("", body)
    body = re.sub(r"(?<=[^\W\d_])\.", "", body)  # "B.C.", "Dec." → "BC", "Dec"
    whole = _fields(body, names)
    point = _complete(whole) if whole is not None else None
    if point is not None:
        return DateValue(point, circa=circa)
    opened = OPEN_END.fullmatch(body)
    if opened:
        start_fields = _fields(opened.group(1), names)
        start = _complete(start_fields) if start_fields is not None else None
        if start is not None:
            return DateValue(start, open_end=True, circa=circa)
    for left, right in _splits(body):
        first, last = _fields(left, names), _fields(right, names)
        if first is None or last is None:
            continue
        for key in ("year", "month"):
            if first.get(key) is None and (key == "year" or first.get("season") is None):
                first[key] = last.get(key)
            if last.get(key) is None and (key == "year" or last.get("season") is None):
                last[key] = first.get(key)
        start, end = _complete(first), _complete(last)
        if start is not None and end is not None:
            return DateValue(start, None if end == start else end, circa=circa)
    return DateValue(literal=text)


def _splits(body: str) -> list[tuple[str, str]]:
    out = []
    for separator in RANGE_SEPARATORS:
        at = body.find(separator, 1)
        while at > 0:
            out.append((body[:at], body[at + len(separator) :]))
            at = body.find(separator, at + 1)
    return out


def _complete(fields: dict[str, int | None]) -> Point | None:
    month = fields.get("month")
    season = fields.get("season")
    return make_point(fields.get("year"), month, fields.get("day"), season)


def _fields(text: str, names: Names) -> dict[str, int | None] | None:
    """The parts one side of a date gives (any may be missing); None if it is not a date."""
    text = text.strip().strip(",").strip()
    if not text:
        return None
    if YEAR_ONLY.fullmatch(text):
        return {"year": int(text)}
    matched = YEAR_FIRST.fullmatch(text)
    if matched:
        year, month, day = matched.groups()
        return {"year": int(year), "month": int(month), "day": int(day) if day else None}
    matched = YEAR_LAST.fullmatch(text)
    if matched:
        first, second, year = (int(g) for g in matched.groups())
        month, day = (second, first) if first > 12 else (first, second)  # month first, as in US
        return {"year": int(year), "month": month, "day": day}
    matched = MONTH_YEAR.fullmatch(text)
    if matched:
        return {"year": int(matched.group(2)), "month": int(matched.group(1))}
    return _words(text, names)


def _words(text: str, names: Names) -> dict[str, int | None] | None:
    fields: dict[str, int | None] = {}
    number: int | None = None
    previous = ""
    for piece in PIECES.findall(text.lower()):
        if piece.isdigit():
            if len(piece) > 9:
                return None
            if len(piece) >= 3:
                if "year" in fields:
                    return None
                fields["year"] = int(piece)
            elif number is not None:
                return None  # two small numbers: which is the day?
            else:
                number = int(piece)
        elif piece in ERAS:
            target = number if number is not None else fields.pop("year", None)
            if target is None:
                return None
            fields["year"], number = ERAS[piece] * target, None
        elif piece in ",." or (previous.isdigit() and ORDINAL.fullmatch(piece)):
            pass  # "1st", "15th"; commas and stops between parts
        else:
            value = _name(piece, names)
            if value is None:
                return None
            key = "month" if value <= 12 else "season"
            if key in fields or ("month" in fields and key == "season"):
                return None
            fields[key] = value if value <= 12 else value - 12
        previous = piece
    if number is not None:
        if "day" in fields:
            return None
        fields["day"] = number
    return fields or None


def _name(word: str, names: Names) -> int | None:
    """The month (1–12) or season (13–16) a word names, by its whole name or an abbreviation
    of at least three letters that fits one month only."""
    exact = {value for name, value in names if name == word}
    exact |= {i for i, name in enumerate(ENGLISH, 1) if name == word}
    exact |= {12 + s for name, s in ENGLISH_SEASONS.items() if name == word}
    if len(exact) == 1:
        return exact.pop()
    if exact or len(word) < 3:
        return None
    found = {value for name, value in names if name.startswith(word)}
    found |= {i for i, name in enumerate(ENGLISH, 1) if name.startswith(word)}
    found |= {12 + s for name, s in ENGLISH_SEASONS.items() if name.startswith(word)}
    return found.pop() if len(found) == 1 else None
