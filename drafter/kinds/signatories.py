"""Signatories of a coalition letter: who signs, when two entries are one signer (reported,
never dropped), the order people read names in, and the groups and counts a letter prints.
Reading and writing lists is `signatory_files`."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from drafter.errors import quoted

KINDS = ("organization", "individual")


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
# Letters NFKD leaves whole although readers file them under a Latin letter (Æsir under A,
# Łódź under L), after casefolding; ß is folded to "ss" by casefold itself.
_FOLDED = str.maketrans(
    {"æ": "ae", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "ŋ": "n", "œ": "oe", "þ": "th", "ı": "i"}
)


def normalize(name: str) -> str:
    """The form two spellings of one name share: case, accents, letters such as ø or ł against
    their Latin base, a leading "The", "&" against "and", punctuation and spacing do not count."""
    text = unicodedata.normalize("NFKC", name).casefold().replace("&", " and ")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = text.translate(_FOLDED)
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
        counts = (
            (self.organization_count, "organization", "organizations"),
            (self.individual_count, "individual", "individuals"),
        )
        parts = [f"{count} {one if count == 1 else many}" for count, one, many in counts if count]
        return "Signed by " + " and ".join(parts) + "." if parts else ""

    def groups_sentence(self) -> str:
        """ "Organizations by group: national 40, state 7." (empty without organizations)"""
        groups = ", ".join(f"{g.name or 'ungrouped'} {len(g.members)}" for g in self.organizations)
        return f"Organizations by group: {groups}." if groups else ""


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


# --- merging ------------------------------------------------------------------


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
