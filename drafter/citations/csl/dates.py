"""cs:date (CSL 1.0.2 §Date): localized dates (`form="text"` or `"numeric"`, from the locale's
cs:date, the style's cs:date-part children overriding all but their affixes) and dates with
their own cs:date-part children; each part's form, affixes, formatting and text case; ranges
collapsed at the largest part that differs, with that part's range delimiter; seasons in the
month's place; literals; the year suffix after the first year of a cite when the style prints no
`year-suffix` variable; and a sortable form of each date for cs:sort (`sortkeys.DATE_SORT`).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from drafter.citations.csl import numbers, sortkeys, values
from drafter.citations.csl.context import Context
from drafter.citations.csl.dateparse import MAX_YEAR, DateValue, Names, Point, parse
from drafter.citations.csl.locale import Locale
from drafter.citations.csl.nodes import CS, Compile, Decoration, Node, compiler
from drafter.citations.csl.rich import Rich

ORDER = ("year", "month", "day")
SHOWN = {"year-month-day": ORDER, "year-month": ("year", "month"), "year": ("year",)}
NOT_OVERRIDDEN = frozenset({"name", "prefix", "suffix"})  # a localized part keeps its own
RANGE_DELIMITER = "\u2013"
SEASONS = ("Spring", "Summer", "Autumn", "Winter")
SUFFIX_DONE = "dates.year_suffix_done"  # in ctx.extra: the cite's year suffix is printed

Token = tuple[str, Rich]  # ("part" | "range" | "attach", its text)


class Part:
    """One cs:date-part: name, form, range delimiter, affixes, and the rest of its decoration."""

    __slots__ = ("decoration", "form", "name", "prefix", "range_delimiter", "suffix")

    def __init__(self, attributes: Mapping[str, str]) -> None:
        self.name = attributes.get("name") or ""
        self.form = attributes.get("form") or ("numeric" if self.name == "day" else "long")
        self.range_delimiter = attributes.get("range-delimiter", RANGE_DELIMITER)
        self.decoration = Decoration(attributes)
        self.prefix, self.suffix = self.decoration.prefix, self.decoration.suffix
        self.decoration.prefix = self.decoration.suffix = ""


class Date(Node):
    """cs:date: one date variable rendered, or its sort key when sorting."""

    calls_variable = True

    def __init__(self, element: Any, compile_: Compile) -> None:
        self.variable = element.get("variable") or ""
        form = element.get("form")
        self.localized = form if form in ("text", "numeric") else None
        self.decoration = Decoration(element)
        self.delimiter = element.get("delimiter") or ""
        self.shown = SHOWN.get(element.get("date-parts") or "year-month-day", ORDER)
        self.own = [
            dict(child.attrib)
            for child in element
            if child.tag == CS + "date-part" and child.get("name") in ORDER
        ]
        self.parts = [Part(attributes) for attributes in self.own]
        self._localized: tuple[Locale, list[Part], str] | None = None

    def layout(self, locale: Locale) -> tuple[list[Part], str]:
        """The parts to render, in order, and the delimiter between them."""
        if self.localized is None:
            return self.parts, self.delimiter
        cached = self._localized
        if cached is None or cached[0] is not locale:
            cached = self._localized = (locale, *self._from_locale(locale))
        return cached[1], cached[2]

    def _from_locale(self, locale: Locale) -> tuple[list[Part], str]:
        element = locale.date_format(self.localized or "text")
        if element is None:
            return [], ""
        overrides = {attributes["name"]: attributes for attributes in self.own}
        parts = []
        for child in element:
            if child.tag != CS + "date-part" or child.get("name") not in self.shown:
                continue
            attributes = dict(child.attrib)
            for key, value in overrides.get(attributes["name"], {}).items():
                if key not in NOT_OVERRIDDEN:
                    attributes[key] = value
            parts.append(Part(attributes))
        return parts, element.get("delimiter") or ""

    def evaluate(self, ctx: Context) -> Rich | None:
        ctx.called += 1
        if not self.variable or self.variable in ctx.suppressed:
            return None
        value = read(ctx, self.variable)
        if value is None:
            return None
        parts, delimiter = self.layout(ctx.style.locale)
        role = f"date:{self.variable}"
        if ctx.sorting:
            key = sort_key(value, {part.name for part in parts})
            if not key:
                return None
            ctx.rendered += 1
            return Rich([key], role=role)
        content = render(ctx, value, parts, delimiter)
        if content is None or content.is_empty():
            return None
        ctx.rendered += 1
        values.note_used(ctx, self.variable)
        return Rich([self.decoration.apply(content, ctx)], role=role)


compiler(CS + "date")(Date)


def read(ctx: Context, variable: str) -> DateValue | None:
    """A date variable of the cite's item, read (None when the item has no date there)."""
    return parse(ctx.item.date(variable), month_names(ctx.style.locale))


def is_uncertain(value: object) -> bool:
    """Whether a CSL-JSON date is marked uncertain (`circa`, or "c. 1900", "1900?" as text)."""
    date = parse(value)
    return date is not None and date.circa


@functools.lru_cache(maxsize=32)
def month_names(locale: Locale) -> Names:
    """The locale's month and season names, lower case, for reading dates written as text."""
    names = []
    for number in range(1, 17):
        term = f"month-{number:02d}" if number <= 12 else f"season-{number - 12:02d}"
        for form in ("long", "short"):
            text = locale.term(term, form)
            if text:
                names.append((text.lower().replace(".", "").strip(), number))
    return tuple(dict.fromkeys(n for n in names if n[0]))


def render(ctx: Context, value: DateValue, parts: list[Part], delimiter: str) -> Rich | None:
    """A date's parts, a range collapsed at the largest part that differs (CSL §Date Ranges)."""
    if value.literal is not None:
        return values.markup(value.literal) if any(p.name == "year" for p in parts) else None
    start, end = value.start, value.end
    if start is None:
        return None
    collapse = _collapse(value, [part.name for part in parts])
    between = next((p.range_delimiter for p in parts if collapse and p.name == collapse[0]), "")
    pending = set(collapse)
    suffix = _year_suffix(ctx)
    tokens: list[Token] = []
    queue: list[Token] = []  # the end of the range, printed after the range delimiter
    for part in parts:
        first = _core(ctx, part, start)
        if first is None:
            pending.discard(part.name)
            continue
        if part.name not in pending:
            tokens.append(("part", _affixed(part, first)))
        else:
            pending.discard(part.name)
            last = _core(ctx, part, end) if end is not None else None
            if last is not None:
                queue.append(("part", _affixed(part, last, prefix=bool(queue))))
            if pending:
                tokens.append(("part", _affixed(part, first)))
            else:
                tokens.append(("part", _affixed(part, first, suffix=False)))
                tokens.append(("range", Rich([between])))
                tokens.extend(queue)
                collapse = []
        if part.name == "year" and suffix:
            tokens.append(("attach", Rich([suffix], role="year-suffix")))
            ctx.extra[SUFFIX_DONE] = True
            suffix = None
    if collapse and queue:  # the part that closes the range printed nothing
        tokens += [("range", Rich([between])), *queue]
    return _joined(tokens, delimiter) if tokens else None


def _collapse(value: DateValue, names: list[str]) -> list[str]:
    """The parts of a range that differ: from the largest one that does, down to the day."""
    start, end = value.start, value.end
    if start is None:
        return []
    if value.open_end:
        return ["year"] if "year" in names else []
    if end is None:
        return []
    shared = [
        n for n in ORDER if n in names and start.get(n) is not None and end.get(n) is not None
    ]
    for index, name in enumerate(shared):
        if start.get(name) != end.get(name):
            return shared[index:]
    return []


def _joined(tokens: list[Token], delimiter: str) -> Rich:
    children: list[Rich | str] = []
    previous = ""
    for kind, piece in tokens:
        if delimiter and kind == "part" and previous in ("part", "attach"):
            children.append(delimiter)
        children.append(piece)
        previous = kind
    return Rich(children)


def _affixed(part: Part, core: Rich, prefix: bool = True, suffix: bool = True) -> Rich:
    before = part.prefix if prefix else ""
    after = part.suffix if suffix else ""
    if not (before or after):
        return core
    return Rich([piece for piece in (before, core, after) if piece])


def _core(ctx: Context, part: Part, point: Point) -> Rich | None:
    """One part of one date, formatted, without its affixes."""
    text = _text(ctx, part, point)
    if not text:
        return None
    return part.decoration.apply(Rich([text]), ctx)


def _text(ctx: Context, part: Part, point: Point) -> str | None:
    locale = ctx.style.locale
    if part.name == "year":
        return year_text(locale, point.year, part.form)
    if part.name == "month":
        if point.month is not None:
            return month_text(locale, point.month, part.form)
        if point.season is not None:
            return season_text(locale, point.season, part.form)
        return None
    if part.name == "day" and point.day is not None and point.month is not None:
        return day_text(locale, point.day, point.month, part.form)
    return None


def year_text(locale: Locale, year: int, form: str) -> str:
    """A year: "short" keeps the last two digits of a four-digit year; "bc" follows a negative
    year and "ad" one of fewer than four digits."""
    digits = str(abs(year))
    if form == "short" and len(digits) == 4:
        digits = digits[2:]
    if year < 0:
        return digits + (locale.term("bc") or " BC")
    if year < 1000:
        return digits + (locale.term("ad") or " AD")
    return digits


def month_text(locale: Locale, month: int, form: str) -> str:
    if form == "numeric":
        return str(month)
    if form == "numeric-leading-zeros":
        return f"{month:02d}"
    name = locale.term(f"month-{month:02d}", "short" if form == "short" else "long")
    return name or str(month)


def season_text(locale: Locale, season: int | str, form: str) -> str:
    """A season in the month's place: its term (a text season is printed as it is)."""
    if isinstance(season, str):
        return season
    name = locale.term(f"season-{season:02d}", "short" if form == "short" else "long")
    return name or SEASONS[season - 1]


def day_text(locale: Locale, day: int, month: int, form: str) -> str:
    if form == "numeric-leading-zeros":
        return f"{day:02d}"
    if form != "ordinal":
        return str(day)
    if day != 1 and locale.option("limit-day-ordinals-to-day-1") == "true":
        return str(day)
    gender = locale.gender(f"month-{month:02d}")
    ordinal = getattr(numbers, "ordinal", None)
    if ordinal is not None:
        return str(ordinal(day, locale, gender))
    return f"{day}{ordinal_suffix(locale, day, gender)}"


def ordinal_suffix(locale: Locale, number: int, gender: str | None) -> str:
    """The locale's ordinal ending for a number (until `numbers.ordinal` gives it)."""
    two = f"ordinal-{number % 100:02d}"
    if number % 100 >= 10 and locale.match(two, gender) in (None, "last-two-digits"):
        found = locale.term(two, gender=gender)
        if found is not None:
            return found
    one = f"ordinal-{number % 10:02d}"
    if locale.match(one, gender) in (None, "last-digit"):
        found = locale.term(one, gender=gender)
        if found is not None:
            return found
    return locale.term("ordinal", gender=gender) or ""


def _year_suffix(ctx: Context) -> str | None:
    """The cite's year suffix, when it goes after the first year printed (no cs:text in the
    style prints the `year-suffix` variable)."""
    suffix = ctx.disambiguation.year_suffix
    if not suffix or ctx.sorting or ctx.style.uses_year_suffix or ctx.extra.get(SUFFIX_DONE):
        return None
    return suffix


def sort_key(value: DateValue, names: set[str] | frozenset[str] = frozenset(ORDER)) -> str:
    """A string that sorts dates in time order: a signed, zero-padded year, then month and day
    (the parts in `names`), then the end of a range; a literal sorts as its text."""
    if value.literal is not None:
        return value.literal
    if value.start is None or not names:
        return ""
    key = _point_key(value.start, names)
    return key + _point_key(value.end, names) if value.end is not None else key


def _point_key(point: Point, names: set[str] | frozenset[str]) -> str:
    out = []
    if "year" in names:
        year = point.year
        out.append(f"1{year:09d}" if year >= 0 else f"0{MAX_YEAR + 1 + year:09d}")
    if "month" in names:
        month = point.month
        if month is None:
            month = 20 + point.season if isinstance(point.season, int) else 0
        out.append(f"{month:02d}")
    if "day" in names:
        out.append(f"{point.day or 0:02d}")
    return "".join(out)


def sort_value(ctx: Context, variable: str) -> str | None:
    """A date variable's sort key for cs:key (None when the item has no such date)."""
    value = read(ctx, variable)
    if value is None:
        return None
    return sort_key(value) or None


sortkeys.DATE_SORT.append(sort_value)
