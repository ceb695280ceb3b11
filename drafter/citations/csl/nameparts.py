"""One CSL-JSON name read into its parts, and given names turned into initials (CSL 1.0.2
§Name-part Order, §Name Particles, `initialize-with`).

Particles and suffixes not given explicitly are read off `family` and `given` as citeproc-js
does: leading lowercase words of the family name are its non-dropping particle ("van der" in
"van der Berg", "al-" in "al-One"), trailing lowercase words of the given name its dropping
particle ("de" in "Jean de"), and what follows a comma in the given name its suffix. A family name
in double quotes, `parse-names: false` or `static-particles` keeps the name as it is. Names may
carry the rich text Zotero writes (`<b>Doe</b>`); initials keep its tags in place.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

_LETTERS = (
    "a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4\u05d6-\u05ff"
    "\u1f00-\u1fff\u0600-\u06ff\u200c\u200d\u200e\u0218\u0219\u021a\u021b\u202a-\u202e"
)
ROMANESQUE = re.compile(f"[-0-9{_LETTERS}]")
STARTS_ROMANESQUE = re.compile(f"^[&{_LETTERS}]")
_INITIAL = re.compile(
    "^([A-Z\u0e01-\u0e5b\u00c0-\u017f\u0400-\u042f\u0590-\u05d4\u05d6-\u05ff\u0600-\u06ff\u0370"
    "\u0372\u0376\u0386\u0388-\u03ab\u03e2\u03e4\u03e6\u03e8\u03ea\u03ec\u03ee\u03f4\u03f7"
    "\u03fd-\u03ff])([a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0400-\u052f\u0600-\u06ff\u0370-\u03ff"
    "\u1f00-\u1fff]*|)(\\.)*"
)
_FAMILY_PARTICLE = re.compile("^([^ ]+(?:-|\u02bb|\u2019| |') *)(.+)$", re.S)
_GIVEN_PARTICLE = re.compile("^([^ ]+(?:\u02bb |\u2019 | |' ) *)(.+)$", re.S)  # on reversed text
_PARTICLE_LEAD = re.compile("^[-'\u02bb\u2019\\s]*(.)", re.S)
_SUFFIX_COMMA = re.compile(r"(\s*,!*\s*)")
# What separates the words of a given name: spaces, hyphens and inline markup tags.
_SEPARATOR = re.compile(
    r"((?:[-\s]*</?(?:span\s+class=\"no(?:case|decor)\"|i|sc|b|sub|sup)>[-\s]*|[-\s]+))"
)
_TAGS = re.compile(r"(?:-*<[^>]+>-*)")
_LEADING_TAGS = re.compile(r"^(?:<[^>]+>)*")
_TRAILING_SPACE = re.compile("[\t\n\x0b\x0c\r \ufeff\u00a0]+$")
_SPACES = re.compile("[\t\n\x0b\x0c\r ]+")
_HYPHEN = re.compile(r"\s*-\s*")


@dataclass(frozen=True)
class Name:
    """A name's parts, particles and suffix split out; `literal` for an institution or any name
    to print as it is."""

    family: str = ""
    given: str = ""
    non_dropping: str = ""
    dropping: str = ""
    suffix: str = ""
    comma_suffix: bool = False
    literal: str | None = None
    static_ordering: bool = False

    def as_dict(self) -> dict[str, Any]:
        """The CSL-JSON form of the parsed parts (only those the name has)."""
        if self.literal is not None:
            return {"literal": self.literal}
        out: dict[str, Any] = {
            "family": self.family,
            "given": self.given,
            "non-dropping-particle": self.non_dropping,
            "dropping-particle": self.dropping,
            "suffix": self.suffix,
        }
        out = {k: v for k, v in out.items() if v}
        if self.comma_suffix:
            out["comma-suffix"] = True
        return out


def _true(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


def _text(value: Any) -> str:
    return "" if value is None or isinstance(value, bool) else str(value).strip()


def parse(record: Mapping[str, Any]) -> Name:
    """A CSL-JSON name object as its parts (cached: the same name is read once)."""
    try:
        key = tuple(sorted((k, v) for k, v in record.items() if not isinstance(v, (list, dict))))
        return _parse(key)
    except TypeError:  # an unhashable or unorderable value
        return _parse_record(record)


@functools.lru_cache(maxsize=4096)
def _parse(key: tuple[tuple[str, Any], ...]) -> Name:
    return _parse_record(dict(key))


def _parse_record(record: Mapping[str, Any]) -> Name:
    literal = _text(record.get("literal"))
    family = _text(record.get("family"))
    given = _text(record.get("given"))
    if literal:
        return Name(literal=literal)
    if family and not given and _true(record.get("isInstitution")):
        return Name(literal=family)
    if not family and not given:
        return Name(literal="")
    parts = {
        "non_dropping": _text(record.get("non-dropping-particle")),
        "dropping": _text(record.get("dropping-particle")),
        "suffix": _text(record.get("suffix")),
    }
    comma_suffix = _true(record.get("comma-suffix"))
    quoted = len(family) > 1 and family.startswith('"') and family.endswith('"')
    if quoted:
        family = family[1:-1]
    parse_names = record.get("parse-names")
    may_parse = not quoted and not (parse_names is False or parse_names == "false")
    may_parse = may_parse and not _true(record.get("static-particles"))
    if may_parse and family and given and not parts["non_dropping"]:
        family, parts["non_dropping"] = _family_particles(family)
        if not parts["suffix"]:
            given, parts["suffix"], comma = _suffix_of(given)
            comma_suffix = comma_suffix or comma
        if not parts["dropping"]:
            given, parts["dropping"] = _given_particles(given)
    return Name(
        family=family,
        given=given,
        comma_suffix=comma_suffix,
        static_ordering=_true(record.get("static-ordering")),
        **parts,
    )


def _is_particle(chunk: str) -> bool:
    """Whether a word starts (after apostrophes and hyphens) with a lowercase letter."""
    lead = _PARTICLE_LEAD.match(chunk)
    return lead is not None and lead.group(1).upper() != lead.group(1)


def _family_particles(family: str) -> tuple[str, str]:
    """Leading lowercase words of a family name: "van der Berg" → ("Berg", "van der")."""
    particles: list[str] = []
    rest = family
    match = _FAMILY_PARTICLE.match(rest)
    while match and _is_particle(match.group(1)):
        particles.append(match.group(1))
        rest = match.group(2)
        match = _FAMILY_PARTICLE.match(rest)
    joined = "".join(particles)
    particle = joined.strip()
    if joined.endswith(" ") and particle.endswith(("'", "\u2019")):
        particle += " "  # "d' Aubignac" keeps its space
    return rest, particle


def _given_particles(given: str) -> tuple[str, str]:
    """Trailing lowercase words of a given name: "Jean de" → ("Jean", "de")."""
    found: list[str] = []
    reversed_rest = given[::-1]
    match = _GIVEN_PARTICLE.match(reversed_rest)
    while match:
        chunk = match.group(1)[::-1]
        if not _is_particle(chunk):
            break
        found.append(chunk)
        reversed_rest = match.group(2)
        match = _GIVEN_PARTICLE.match(reversed_rest)
    if not found:
        return given, ""
    found.reverse()
    particle = " ".join(chunk.strip() for chunk in found)
    return reversed_rest[::-1].rstrip(), particle


def _suffix_of(given: str) -> tuple[str, str, bool]:
    """What follows a comma in a given name is its suffix: "James, Jr." → ("James", "Jr.")."""
    match = _SUFFIX_COMMA.search(given)
    if not match or not given:
        return given, "", False
    suffix = given[match.end() :]
    if suffix.replace(".", "") == "et al":
        return given, "", False
    comma = len(match.group(1).replace(" ", "")) == 2  # ",!" asks for a comma before it
    return given[: match.start()], suffix, comma


def romanesque(name: Name, language: str | None) -> int:
    """0 for a name in a script written family-first without spaces (CJK), 1 for one that mixes
    them or is Japanese or Chinese, 2 for a Western name."""
    if not ROMANESQUE.search(name.family.replace('"', "")):
        return 1 if name.given and STARTS_ROMANESQUE.match(name.given) else 0
    if language and language[:2] in ("ja", "zh"):
        return 1
    return 2


def initialize(given: str, terminator: str, normalize_only: bool, hyphen: bool = True) -> str:
    """A given name as initials, each followed by `terminator` ("John Jeeves" → "J. J." with
    ". "); with `normalize_only` (initialize="false") only what already is an initial is
    rewritten with the terminator."""
    if not given:
        return ""
    bare = _LEADING_TAGS.sub("", given)
    if given in ("Lord", "Lady") or (not STARTS_ROMANESQUE.match(bare) and "%s" not in terminator):
        return given
    if not hyphen:
        given = given.replace("-", " ")
    given = _SPACES.sub(" ", _HYPHEN.sub("-", given))
    given = re.sub("-([a-z])", "\u2013\\1", given)  # "Guo-ping" is one name
    given = re.sub(r"\.(?=[^ ])(?!$)", ". ", given)
    pieces = _SEPARATOR.split(given)
    if len(pieces) == 1:
        last = re.search(r"[^.]+$", pieces[0])
        if last and len(last.group(0)) == 1 and last.group(0) != last.group(0).lower():
            pieces[0] += "."
    out = _normalize(pieces, terminator) if normalize_only else _initials(pieces, terminator)
    return re.sub("\u2013([a-z])", "-\\1", out)


def _merge_tags(separator: str, terminator: str) -> str:
    """The terminator in place of a separator, keeping the separator's markup tags."""
    tags = "".join(_TAGS.findall(separator))
    if not tags:
        return terminator
    spaced = re.match(r"^(.*[^\s])*(\s+)$", terminator)
    if spaced:
        return (spaced.group(1) or "") + tags + spaced.group(2)
    return terminator + tags


def _tags_only(separator: str) -> str:
    tags = re.search(r"(?:<[^>]+>)+", separator)
    return tags.group(0) if tags else separator


def _tidy(pieces: list[str]) -> str:
    out = _TRAILING_SPACE.sub("", "".join(pieces))
    return _SPACES.sub(" ", _HYPHEN.sub("-", out))


def _initials(pieces: list[str], terminator: str) -> str:
    count = len(pieces)
    for i in range(0, count, 2):
        word = pieces[i]
        if not word:
            continue
        match = _INITIAL.match(word)
        head, rest, period = (
            (match.group(1), match.group(2), match.group(3)) if match else ("", "", None)
        )
        if not match and not STARTS_ROMANESQUE.match(word) and len(word) > 1 and "%s" in terminator:
            head, rest, period = word[0], word[1:], None
            match = True  # type: ignore[assignment]
        if match and rest and period:
            head, rest = head + rest, ""  # "Ph." stays "Ph"
        if match and head[:1] == head[:1].upper():
            upper = ""
            for char in rest:
                if char != char.upper():
                    break
                upper += char
            initial = head + (upper.lower() if len(upper) < len(rest) else "")
            if "%s" in terminator:
                pieces[i] = terminator.replace("%s", initial)
            elif i < count - 1:
                pieces[i] = initial
                separator = pieces[i + 1]
                if "-" in separator:
                    pieces[i + 1] = _merge_tags(separator.replace("-", "", 1), terminator) + "-"
                else:
                    pieces[i + 1] = _merge_tags(separator, terminator)
            else:
                pieces[i] = initial
                pieces.append(terminator)
        elif ROMANESQUE.search(word) and not (match and period):
            pieces[i] = " " + word
    return _tidy(pieces)


def _normalize(pieces: list[str], terminator: str) -> str:
    abbreviated = []
    for i, piece in enumerate(pieces):
        bare = _LEADING_TAGS.sub("", piece)
        if len(bare) > 1 and bare.endswith("."):
            pieces[i] = re.sub(r"^(.*)\.(.*)$", r"\1\2", piece)
            abbreviated.append(True)
        else:
            abbreviated.append(len(piece) == 1 and piece.upper() == piece)
    count = len(pieces)
    for i in range(0, count, 2):
        if not abbreviated[i]:
            continue
        if i < count - 2:
            separator = _tags_only(pieces[i + 1])
            if not abbreviated[i + 2]:
                separator += " "
            if len(pieces[i + 2]) > 1:
                pieces[i + 1] = terminator.rstrip("\ufeff") + separator
            else:
                pieces[i + 1] = _merge_tags(separator, terminator)
        if i == count - 1:
            pieces[i] += terminator
    return _tidy(pieces)
