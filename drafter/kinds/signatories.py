"""Signatories of a coalition letter: read from CSV or TOML, normalized, de-duplicated (reported,
never dropped), sorted the way people read names, grouped, and counted."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from drafter.errors import DrafterError, excerpt, quoted
from drafter.files.atomic import write_atomic
from drafter.files.reading import did_you_mean, read_text
from drafter.filing.holdings import Invalid, consent_day

KINDS = ("organization", "individual")
COLUMNS = ("name", "organization", "kind", "title", "location", "group", "contact",
           "consent_date", "consent_by")  # fmt: skip
MAX_ROWS = 100_000


class SignatoryError(DrafterError):
    """A signatory list that cannot be read."""


@dataclass(frozen=True)
class Signatory:
    """One signer: an organization, or an individual (with an affiliation for identification)."""

    name: str = ""  # a person's name; empty for an organization
    organization: str = ""
    kind: str = "organization"
    title: str = ""
    location: str = ""
    group: str = ""
    contact: str = ""
    consent_date: str = ""
    consent_by: str = ""
    line: int | None = field(default=None, compare=False)

    @property
    def display(self) -> str:
        """The name as it is printed: the organization, or the person's name."""
        return self.organization if self.kind == "organization" else self.name

    @property
    def affiliation(self) -> str:
        """What follows an individual's name: title, organization, location."""
        if self.kind == "organization":
            return self.location
        return ", ".join(p for p in (self.title, self.organization, self.location) if p)

    @property
    def consented(self) -> bool:
        return bool(self.consent_date or self.consent_by)


# --- normalizing and sorting -------------------------------------------------

_THE = re.compile(r"^the\s+", re.I)
_PUNCTUATION = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")


def normalize(name: str) -> str:
    """The form two spellings of one name share: case, accents, a leading "The", "&" against
    "and", punctuation and spacing do not count."""
    text = unicodedata.normalize("NFKC", name).casefold().replace("&", " and ")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = _PUNCTUATION.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    return _THE.sub("", text)


def sort_key(name: str) -> tuple[int, str, str]:
    """Alphabetical as people expect: a leading "The", accents and case do not decide; names
    that start with a letter come before those that start with a digit or a symbol."""
    key = normalize(name)
    first = key[:1]
    rank = 0 if first.isalpha() else 1 if first.isdigit() else 2
    return (rank, key, name)


# --- duplicates --------------------------------------------------------------


@dataclass(frozen=True)
class Duplicate:
    """Two entries that look like the same signer; both are kept until a person decides."""

    first: Signatory
    second: Signatory

    @property
    def same_group(self) -> bool:
        return self.first.group == self.second.group

    def describe(self) -> str:
        first, second = self.first, self.second
        groups = f" (groups {quoted(first.group)} and {quoted(second.group)})"
        lines = f", lines {first.line} and {second.line}" if first.line else ""
        where = "" if self.same_group else groups
        return f"{quoted(first.display)} and {quoted(second.display)} look like one signer{where}{lines}"


def identity(signatory: Signatory) -> tuple[str, str]:
    """What makes two entries one signer: the kind, and the normalized name (with the
    organization, for individuals)."""
    if signatory.kind == "organization":
        return ("organization", normalize(signatory.organization))
    return ("individual", normalize(signatory.name) + "|" + normalize(signatory.organization))


def duplicates(signatories: Iterable[Signatory]) -> list[Duplicate]:
    """Every later entry that matches an earlier one."""
    seen: dict[tuple[str, str], Signatory] = {}
    found = []
    for signatory in signatories:
        key = identity(signatory)
        if key in seen:
            found.append(Duplicate(seen[key], signatory))
        else:
            seen[key] = signatory
    return found


# --- arranging ----------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """A heading (empty for an ungrouped list) and its signers, sorted."""

    name: str
    members: tuple[Signatory, ...]


@dataclass(frozen=True)
class Arrangement:
    """Signers as they are printed: organizations and individuals apart, each in groups."""

    organizations: tuple[Group, ...]
    individuals: tuple[Group, ...]
    left_out: tuple[Signatory, ...] = ()  # without consent, when only consented ones are printed

    @property
    def organization_count(self) -> int:
        return sum(len(g.members) for g in self.organizations)

    @property
    def individual_count(self) -> int:
        return sum(len(g.members) for g in self.individuals)

    def sentence(self) -> str:
        """ "Signed by 47 organizations and 312 individuals." """
        parts = []
        for count, one, many in ((self.organization_count, "organization", "organizations"),
                                 (self.individual_count, "individual", "individuals")):  # fmt: skip
            if count:
                parts.append(f"{count} {one if count == 1 else many}")
        return "Signed by " + " and ".join(parts) + "." if parts else ""


def arrange(
    signatories: Sequence[Signatory], group_order: Sequence[str] = (), only_consented: bool = False
) -> Arrangement:
    """Sort and group; groups follow `group_order`, then any others alphabetically."""
    left_out = tuple(s for s in signatories if only_consented and not s.consented)
    kept = [s for s in signatories if s not in left_out]

    def grouped(kind: str) -> tuple[Group, ...]:
        members = [s for s in kept if s.kind == kind]
        names = list(dict.fromkeys(s.group for s in members))
        order = [g for g in group_order if g in names] + sorted(
            (g for g in names if g not in group_order), key=lambda g: (g == "", sort_key(g))
        )
        return tuple(
            Group(
                name,
                tuple(
                    sorted(
                        (s for s in members if s.group == name), key=lambda s: sort_key(s.display)
                    )
                ),
            )
            for name in order
        )

    return Arrangement(grouped("organization"), grouped("individual"), left_out)


# --- reading and writing ------------------------------------------------------------

_ALIASES = {
    "name": ("name", "full name", "your name", "signer", "person", "individual name"),
    "organization": (
        "organization",
        "organisation",
        "organization name",
        "org",
        "group name",
        "affiliation",
        "company",
    ),
    "kind": ("kind", "type", "signing as"),
    "title": ("title", "job title", "position", "role"),
    "location": ("location", "city", "city, state", "state", "country", "place"),
    "group": ("group", "tier", "level", "region", "category"),
    "contact": ("contact", "email", "e-mail", "email address"),
    "consent_date": ("consent_date", "consent date", "date", "signed on", "timestamp"),
    "consent_by": ("consent_by", "consent by", "authorized by", "authorised by", "approved by"),
}


def _column(header: str) -> str | None:
    wanted = " ".join(header.strip().lower().replace("_", " ").split())
    for column, aliases in _ALIASES.items():
        if wanted in (a.replace("_", " ") for a in aliases):
            return column
    return None


def read_csv(path: Path, aliases: bool = False) -> list[Signatory]:
    """Signatories from a CSV with a header row; `aliases` accepts sign-up form exports'
    column names ("Full Name", "Organization Name", "Email" ...)."""
    text = read_text(path, SignatoryError)
    return parse_csv(text, path, aliases)


def parse_csv(text: str, path: Path | None, aliases: bool = False) -> list[Signatory]:
    """Signatories from CSV text (comma-separated, or tab- or semicolon-separated as spreadsheet
    programs export); every problem names its line."""
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise SignatoryError(
            "the file is empty", path, 1, "start with a header row: " + ",".join(COLUMNS)
        ) from None
    except csv.Error as exc:
        raise SignatoryError(
            f"not valid CSV ({excerpt(exc)})", path, 1, "save it again as CSV"
        ) from None
    columns: list[str | None] = []
    for name in header:
        column = (
            _column(name)
            if aliases
            else (name.strip().lower() if name.strip().lower() in COLUMNS else None)
        )
        if column is None and name.strip():
            fix = did_you_mean(name.strip().lower(), COLUMNS, "columns: " + ", ".join(COLUMNS))
            if not aliases:
                raise SignatoryError(
                    f"unknown column {quoted(name.strip())}",
                    path,
                    1,
                    fix + " (or use `drafter signatories import`)",
                )
        if column is not None and column in columns:
            raise SignatoryError(
                f"two columns are read as {quoted(column)} (the second is {quoted(name.strip())})",
                path,
                1,
                "keep one of them, or rename the other",
            )
        columns.append(column)
    if "name" not in columns and "organization" not in columns:
        raise SignatoryError(
            "no name or organization column", path, 1, "add a header row: " + ",".join(COLUMNS)
        )
    out = []
    line = 1
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(out) >= MAX_ROWS:
                raise SignatoryError("more than 100,000 signatories", path, line, "split the file")
            if len(row) > len(columns):
                raise SignatoryError(
                    f"{len(row)} cells but {len(columns)} columns",
                    path,
                    line,
                    "quote cells that contain commas",
                )
            values = {c: v.strip() for c, v in zip(columns, row, strict=False) if c}
            out.append(_signatory(values, path, line))
    except csv.Error as exc:
        # a quote left open runs to the end of the file: blame the row it opened on
        where = line + 1 if "end of data" in str(exc) else reader.line_num
        raise SignatoryError(
            f"not valid CSV ({excerpt(exc)})", path, where, "check the quotes on that line"
        ) from None
    return out


def _delimiter(text: str) -> str:
    """A comma, unless the header row has none and is split by tabs or semicolons."""
    header = text.split("\n", 1)[0]
    if "," in header:
        return ","
    return max("\t;", key=header.count) if ("\t" in header or ";" in header) else ","


def from_toml(entries: Any, path: Path | None, line: int | None) -> list[Signatory]:
    """Signatories written inline in a draft: `list = [{ organization = "..." }, ...]`."""
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise SignatoryError("signatories.list must be a list of tables", path, line,
                             'write list = [{ organization = "Access Now" }]')  # fmt: skip
    out = []
    for entry in entries:
        unknown = [k for k in entry if k not in COLUMNS]
        if unknown:
            raise SignatoryError(f"unknown signatory key {quoted(unknown[0])}", path, line,
                                 did_you_mean(unknown[0], COLUMNS, "keys: " + ", ".join(COLUMNS)))  # fmt: skip
        nested = [k for k, v in entry.items() if isinstance(v, dict | list)]
        if nested:
            raise SignatoryError(f"signatory key {quoted(nested[0])} must be text", path, line,
                                 f'write {excerpt(nested[0])} = "..."')  # fmt: skip
        out.append(_signatory({k: str(v).strip() for k, v in entry.items()}, path, line))
    return out


def _signatory(values: Mapping[str, str], path: Path | None, line: int | None) -> Signatory:
    name, organization = values.get("name", ""), values.get("organization", "")
    if not name and not organization:
        raise SignatoryError(
            "a signatory needs a name or an organization",
            path,
            line,
            "fill one in or delete the row",
        )
    kind = values.get("kind", "").lower() or ("individual" if name else "organization")
    if kind in ("org", "organisation"):
        kind = "organization"
    if kind in ("person", "individual"):
        kind = "individual"
    if kind not in KINDS:
        raise SignatoryError(
            f"unknown kind {quoted(values.get('kind'))}",
            path,
            line,
            "use organization or individual",
        )
    if kind == "organization" and not organization:
        organization, name = name, ""
    if kind == "individual" and not name:
        raise SignatoryError("an individual needs a name", path, line, "fill in the name column")
    consent = values.get("consent_date", "")
    try:  # the whole value, strictly: a day in a consent record is no later than tomorrow
        consent_day(consent)
    except Invalid as problem:
        raise SignatoryError(problem.what, path, line, problem.fix) from None
    known = {f.name for f in fields(Signatory)}
    return Signatory(**{k: v for k, v in values.items() if k in known and k not in ("kind", "name", "organization")},
                     name=name, organization=organization, kind=kind, line=line)  # fmt: skip


def to_csv(signatories: Iterable[Signatory]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for s in signatories:
        writer.writerow([getattr(s, c) for c in COLUMNS])
    return buffer.getvalue()


def write_csv(path: Path, signatories: Iterable[Signatory]) -> None:
    write_atomic(path, to_csv(signatories).encode("utf-8"))


def merge(
    existing: Sequence[Signatory], new: Sequence[Signatory]
) -> tuple[list[Signatory], list[Duplicate]]:
    """The existing list plus new sign-ups that are not already on it; the rest reported."""
    known = {identity(s): s for s in existing}
    merged = list(existing)
    reported = []
    for signatory in new:
        key = identity(signatory)
        if key in known:
            reported.append(Duplicate(known[key], signatory))
            continue
        known[key] = signatory
        merged.append(replace(signatory, line=None))
    return merged, reported
