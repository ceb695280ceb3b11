"""One name written out as a cs:name asks (CSL 1.0.2 §Name, §Name-part Formatting, §Name-part
Order): the options in force, the form (long or short), display or sort order, initials, and
the formatting of the family and given parts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from drafter.citations.csl import nameparts, values
from drafter.citations.csl.context import Context
from drafter.citations.csl.nameparts import Name
from drafter.citations.csl.nodes import Decoration
from drafter.citations.csl.rich import Rich

# Inheritable options (style, cs:citation, cs:bibliography) under their cs:name names.
INHERITED_AS = {"name-form": "form", "name-delimiter": "delimiter"}
NAME_ATTRIBUTES = frozenset(
    {
        "and",
        "delimiter",
        "delimiter-precedes-et-al",
        "delimiter-precedes-last",
        "et-al-min",
        "et-al-use-first",
        "et-al-subsequent-min",
        "et-al-subsequent-use-first",
        "et-al-use-last",
        "form",
        "initialize",
        "initialize-with",
        "name-as-sort-order",
        "sort-separator",
    }
)
Piece = Rich | None
NBSP_LANGUAGES = ("fr", "ru", "cs")
ALL_SPACE = " \u00a0\u2002\u2003\u2009\u202f"


class PartStyle:
    """A cs:name-part: formatting, text case and strip-periods for each piece of the part, and
    affixes around the whole part."""

    def __init__(self, element: Any) -> None:
        self.inner = Decoration(element)
        self.prefix, self.suffix = self.inner.prefix, self.inner.suffix
        self.inner.prefix = self.inner.suffix = ""

    def piece(self, text: str, ctx: Context) -> Rich:
        return self.inner.apply(values.markup(text), ctx)

    def around(self, content: Rich | None) -> Rich | None:
        if content is None or not (self.prefix or self.suffix):
            return content
        return Rich([p for p in (self.prefix, content, self.suffix) if p])


PLAIN = PartStyle({})


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


@dataclass
class Options:
    """The cs:name options in force for one rendering: inherited ones overridden by the
    element's, with the et-al pair chosen for the cite's position."""

    and_: str | None
    delimiter: str
    before_last: str
    before_et_al: str
    et_al_min: int | None
    et_al_use_first: int | None
    et_al_use_last: bool
    form: str
    initialize: bool
    initialize_with: str | None
    sort_order: str | None
    sort_separator: str

    @classmethod
    def resolve(cls, ctx: Context, attributes: dict[str, str]) -> Options:
        merged = {INHERITED_AS.get(k, k): v for k, v in ctx.name_options.items()}
        merged.update(attributes)
        get = merged.get
        minimum, first = get("et-al-min"), get("et-al-use-first")
        if ctx.mode == "citation" and ctx.cite.position != "first" and not ctx.sorting:
            minimum = get("et-al-subsequent-min") or minimum
            first = get("et-al-subsequent-use-first") or first
        use_last = get("et-al-use-last") == "true"
        if ctx.sorting and ctx.sort_names:
            minimum = ctx.sort_names.get("names-min", minimum)
            first = ctx.sort_names.get("names-use-first", first)
            if "names-use-last" in ctx.sort_names:
                use_last = ctx.sort_names["names-use-last"] == "true"
        return cls(
            and_=get("and"),
            delimiter=get("delimiter", ", "),
            before_last=get("delimiter-precedes-last") or "contextual",
            before_et_al=get("delimiter-precedes-et-al") or "contextual",
            et_al_min=_int(minimum),
            et_al_use_first=_int(first),
            et_al_use_last=use_last,
            form=get("form") or "long",
            initialize=get("initialize") != "false",
            initialize_with=get("initialize-with"),
            sort_order=get("name-as-sort-order"),
            sort_separator=get("sort-separator", ", "),
        )


class NameWriter:
    """Writes the names of one cs:name for one cite."""

    def __init__(
        self,
        ctx: Context,
        options: Options,
        family: PartStyle | None = None,
        given: PartStyle | None = None,
    ) -> None:
        self.ctx = ctx
        self.options = options
        self.family = family or PLAIN
        self.given = given or PLAIN
        self.demote = ctx.style.options.get("demote-non-dropping-particle", "display-and-sort")
        self.hyphen = ctx.style.options.get("initialize-with-hyphen") != "false"
        lang = (ctx.style.locale.lang or "").lower()
        self.nbsp = "\u00a0" if lang[:2] in NBSP_LANGUAGES else " "
        self.language = ctx.item.text("language")
        rule = ctx.style.citation.options.get("givenname-disambiguation-rule") or ""
        self.with_initials = rule.endswith("-with-initials")

    def inverted(self, index: int) -> bool:
        """Whether the name at `index` of its list is written family name first."""
        if self.ctx.sorting:
            return True
        order = self.options.sort_order
        return order == "all" or (order == "first" and index == 0)

    def write(self, name: Name, index: int, level: int = 0) -> tuple[Rich | None, bool]:
        """The name at `index` of its list, and whether it came out inverted; `level` is what
        disambiguation asks of the given name (0 as the style says, 1 initials, 2 in full)."""
        if name.literal is not None:  # an institution: formatted as a family name is
            family = self.family.around(self.family.piece(name.literal, self.ctx))
            return family, False
        ctx = self.ctx
        family_text = name.family or (name.given if self.options.form != "long" else "")
        family = self._piece(self.family, family_text)
        particle = self._piece(self.family, self._particle(name.non_dropping))
        given_text, initials = self._given(name, level)
        if not name.family and family_text:
            given_text = ""
        given = self._piece(self.given, given_text)
        dropping = self._piece(self.given, self._particle(name.dropping))
        suffix = self._suffix(name.suffix) if given is not None else None
        if given is None:
            dropping = None
        order = nameparts.romanesque(name, self.language)
        if order == 0:
            return _join([particle, family, given], ""), False
        if order == 1 or name.static_ordering:
            return _join([_join([particle, family], self.nbsp), given], " "), False
        if ctx.sorting:
            return self._sort_key(family, particle, given, dropping, suffix), True
        if self.inverted(index) and self.options.form == "long":
            return self._inverted(name, family, particle, given, dropping, suffix), True
        return self._display(name, family, particle, given, dropping, suffix, initials), False

    def _piece(self, style: PartStyle, text: str) -> Rich | None:
        return style.piece(text, self.ctx) if text else None

    def _particle(self, text: str) -> str:
        if text and self.ctx.sorting:
            return text.replace("'", "", 1).replace("\u2019", "", 1)
        return text

    def _given(self, name: Name, level: int) -> tuple[str, bool]:
        """The given name at the level in force, and whether it was made initials."""
        options = self.options
        initialize_with = options.initialize_with
        if options.form != "long":
            default = 0
        elif initialize_with is not None:
            default = 1
        else:
            default = 2
        use = max(default, level)
        if use == 0 or not name.given:
            return "", False
        if use == 1 and name.family and (initialize_with is not None or self.with_initials):
            terminator = initialize_with or ""
            text = nameparts.initialize(name.given, terminator, not options.initialize, self.hyphen)
            return text, True
        return name.given, False

    def _suffix(self, text: str) -> Rich | None:
        if not text:
            return None
        if self.options.initialize_with is not None:
            text = nameparts.initialize(text, self.options.initialize_with, True, self.hyphen)
        return values.markup(text)

    def _with_particle(self, particle: Rich | None, family: Rich | None, raw: str) -> Rich | None:
        """The non-dropping particle and family name: "van Gogh", "al-One", "d'Aubignac"."""
        joins = bool(raw) and raw[-1] in "'\u2019- "
        return _join([particle, family], "" if joins else self.nbsp)

    def _display(
        self,
        name: Name,
        family: Piece,
        particle: Piece,
        given: Piece,
        dropping: Piece,
        suffix: Piece,
        initials: bool,
    ) -> Piece:
        """Given name first: "Jean de La Fontaine III"."""
        raw = name.dropping
        elided = raw[-1:] in ("'", "\u02bc", "\u2019", "-") and raw[:-1] != "de"
        if dropping is not None and name.family and not name.non_dropping and elided:
            family, dropping = _join([dropping, family], ""), None  # "d'Aubignac"
        last = self._with_particle(particle, family, name.non_dropping)
        last = _join([dropping, last], self.nbsp)
        last = _join([last, suffix], ", " if name.comma_suffix else " ")
        space = " "
        initialize_with = self.options.initialize_with or ""
        if initials and any(c in initialize_with for c in "\u00a0\ufeff"):
            space = self.nbsp
        return _join([self.given.around(given), self.family.around(last)], space)

    def _inverted(
        self,
        name: Name,
        family: Piece,
        particle: Piece,
        given: Piece,
        dropping: Piece,
        suffix: Piece,
    ) -> Piece:
        """Family name first: "La Fontaine, Jean de, III" (or "Fontaine, Jean de La, III")."""
        separator = self.options.sort_separator
        if name.given in ("Lord", "Lady"):
            separator = ", "
        if self.demote == "display-and-sort":
            rest = _join([_join([given, dropping], " "), particle], " ")
            first = family
        else:
            rest = _join([given, dropping], " ")
            first = self._with_particle(particle, family, name.non_dropping)
        merged = _join([self.family.around(first), self.given.around(rest)], separator)
        return _join([merged, suffix], separator)

    def _sort_key(
        self, family: Piece, particle: Piece, given: Piece, dropping: Piece, suffix: Piece
    ) -> Piece:
        """The name as a sort key sees it: family name first, particles demoted unless the
        style says never."""
        if self.demote == "never":
            merged = _join([_join([particle, family], " "), dropping], " ")
            merged = _join([merged, given], " ")
        else:
            merged = _join([family, _join([given, dropping, particle], " ")], " ")
        return _join([merged, suffix], " ")


def _ends_with_space(piece: Rich | str) -> bool:
    text = piece if isinstance(piece, str) else piece.text()
    return bool(text) and text[-1] in ALL_SPACE


def _join(pieces: list[Piece], separator: str) -> Piece:
    """The pieces present, with `separator` between each two (a space is not doubled when a
    piece already ends in one, as after a non-breaking space)."""
    present = [p for p in pieces if p is not None and not p.is_empty()]
    if not present:
        return None
    if len(present) == 1:
        return present[0]
    children: list[Rich | str] = [present[0]]
    for piece in present[1:]:
        gap = separator
        if gap[:1] == " " and _ends_with_space(children[-1]):
            gap = gap[1:]
        if gap:
            children.append(gap)
        children.append(piece)
    return Rich(children)
