"""Signatory lists as files: CSV with drafter's columns or a sign-up form export's, the list
written inline in a draft, and the organizer's chores on list files (check, merge, import).
Every problem names its line."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from drafter.errors import DrafterError, excerpt, quoted
from drafter.files.atomic import write_atomic
from drafter.files.guard import Output, check_outputs, same_file
from drafter.files.reading import did_you_mean, read_text
from drafter.filing.holdings import Invalid, consent_day
from drafter.kinds.signatories import (
    KINDS,
    Arrangement,
    Duplicate,
    Signatory,
    arrange,
    duplicates,
    merge,
)
from drafter.library.roots import library_roots

COLUMNS = ("name", "organization", "kind", "title", "location", "group", "contact",
           "consent_date", "consent_by")  # fmt: skip
MAX_ROWS = 100_000
DELIMITERS = (",", "\t", ";")  # what spreadsheet programs separate cells with, comma first


class SignatoryError(DrafterError):
    """A signatory list that cannot be read."""


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
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text, aliases), strict=True)
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
    out: list[Signatory] = []
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


def _delimiter(text: str, aliases: bool) -> str:
    """The separator that splits the header row into the most known columns, then the most
    cells: the header is parsed with each of comma, tab and semicolon, so a quoted cell holding
    another separator (`"City, State"` in a semicolon export) does not mislead. Ties go to the
    comma."""

    def score(delimiter: str) -> tuple[int, int, int]:
        try:
            header = next(csv.reader(io.StringIO(text), delimiter=delimiter), [])
        except csv.Error:
            return (-1, 0, 0)
        names = [cell.strip().lower() for cell in header]
        known = sum(1 for n in names if (_column(n) if aliases else n in COLUMNS))
        return (known, len(header), -DELIMITERS.index(delimiter))

    return max(DELIMITERS, key=score)


def from_toml(entries: Any, path: Path | None, line: int | None) -> list[Signatory]:
    """Signatories written inline in a draft: `list = [{ organization = "..." }, ...]`."""
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        fix = 'write list = [{ organization = "Access Now" }]'
        raise SignatoryError("signatories.list must be a list of tables", path, line, fix)
    out = []
    for entry in entries:
        unknown = [k for k in entry if k not in COLUMNS]
        if unknown:
            fix = did_you_mean(unknown[0], COLUMNS, "keys: " + ", ".join(COLUMNS))
            raise SignatoryError(f"unknown signatory key {quoted(unknown[0])}", path, line, fix)
        nested = [k for k, v in entry.items() if isinstance(v, dict | list)]
        if nested:
            what = f"signatory key {quoted(nested[0])} must be text"
            raise SignatoryError(what, path, line, f'write {excerpt(nested[0])} = "..."')
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
    given = {f.name for f in fields(Signatory)} - {"kind", "name", "organization"}
    rest = {k: v for k, v in values.items() if k in given}
    return Signatory(**rest, name=name, organization=organization, kind=kind, line=line)


def to_csv(signatories: Iterable[Signatory]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for s in signatories:
        writer.writerow([getattr(s, c) for c in COLUMNS])
    return buffer.getvalue()


def write_csv(path: Path, signatories: Iterable[Signatory]) -> None:
    write_atomic(path, to_csv(signatories).encode("utf-8"))


# --- the organizer's chores ---------------------------------------------------------


@dataclass(frozen=True)
class ListCheck:
    """A signatory list checked: how it is printed, the entries that look like one signer,
    and the signers without a consent record."""

    arrangement: Arrangement
    duplicates: tuple[Duplicate, ...]
    unconsented: tuple[Signatory, ...]

    @property
    def clean(self) -> bool:
        """No suspected duplicate and no signer without consent."""
        return not self.duplicates and not self.unconsented


def check_list(path: Path, group_order: Sequence[str] = ()) -> ListCheck:
    """`drafter signatories check`: the list at `path` arranged with groups in `group_order`,
    its suspected duplicates and its signers without consent."""
    signers = read_csv(path)
    arrangement = arrange(signers, group_order)
    unconsented = tuple(s for s in signers if not s.consented)
    return ListCheck(arrangement, tuple(duplicates(signers)), unconsented)


@dataclass(frozen=True)
class MergedList:
    """What `merge_lists` wrote: the file, how many sign-ups it added, and the sign-ups left
    out as already listed."""

    path: Path
    added: int
    already_listed: tuple[Duplicate, ...]


def merge_lists(
    path: Path, new: Path, output: Path | None = None, library_dirs: Sequence[Path] = ()
) -> MergedList:
    """`drafter signatories merge`: the sign-ups in `new` added to the list at `path`, written
    to `output` (default: the list itself, updated in place; never a library's file)."""
    existing, incoming = read_csv(path), read_csv(new)
    merged, reported = merge(existing, incoming)
    out = output or path
    in_place = output is None or same_file(output, path)  # the list, updated
    check_outputs(
        [Output(out, "csv", in_place=in_place, by_suffix=False)], library_roots(library_dirs)
    )
    write_csv(out, merged)
    return MergedList(out, len(merged) - len(existing), tuple(reported))


def import_list(
    source: Path, output: Path, force: bool = False, library_dirs: Sequence[Path] = ()
) -> list[Signatory]:
    """`drafter signatories import`: a sign-up form export read into drafter's columns and
    written to `output`; an existing file is replaced only with `force`, and only a list."""
    if output.exists() and not force:
        raise DrafterError(
            "file already exists", output, None, "choose another name or pass --force"
        )
    signers = read_csv(source, aliases=True)
    replace = force and output.suffix.lower() == ".csv"  # --force: a list, not a draft
    check_outputs(
        [Output(output, "csv", ours=replace, by_suffix=False)], library_roots(library_dirs)
    )
    write_csv(output, signers)
    return signers
