"""cs:names (CSL 1.0.2 §Names): name variables written as name lists, with et al., "and", a
role label, and cs:substitute when they are empty.

What the rest of the processor relies on:
- the Rich a cs:names returns has `role="names:<variable>"` (the first variable printed, or the
  cs:names' own first variable when a substitute printed something else);
- `ctx.called`/`ctx.rendered` count each cs:names once (a substitute's output counts as its own);
- in citation mode `ctx.cite.suppress_author` drops the first cs:names the cite prints (outside a
  substitute) and sets `ctx.extra["author_suppressed"]`;
- disambiguation asks through `ctx.disambiguation`: `add_names` more names before et al.
  (citations only), `given_level` for every name and `given[(variable, index)]` for one
  (0 as the style says, 1 initials, 2 full given names; a level never shrinks a name);
- `name_list(ctx, variable)` gives the disambiguator a variable's names as parsed here;
- sort keys: with `ctx.sorting` names are written family name first, without et al. or labels,
  `ctx.sort_names` (a cs:key's names-min/-use-first/-use-last) overriding et al., and
  `sortkeys.NAME_SORT` gets `sort_value` for a name variable used as a key.
"""

from __future__ import annotations

from typing import Any

from drafter.citations.csl import nodes, sortkeys, values
from drafter.citations.csl.context import Context
from drafter.citations.csl.nameformat import NAME_ATTRIBUTES, NameWriter, Options, PartStyle
from drafter.citations.csl.nameparts import STARTS_ROMANESQUE, Name, parse
from drafter.citations.csl.nodes import CS, Compile, Decoration, Node
from drafter.citations.csl.rich import Rich, joined

SUBSTITUTING = "names_substituting"  # ctx.extra: depth of cs:substitute being evaluated
ELLIPSIS = "\u2026"


def name_list(ctx: Context, variable: str) -> list[dict[str, Any]]:
    """A name variable's names as this module reads them: particles and suffixes split out
    (`family`, `given`, `non-dropping-particle`, `dropping-particle`, `suffix`), institutions as
    `literal`. The list is the whole variable, before et al."""
    return [parse(n).as_dict() for n in ctx.item.names(variable)]


class NameSpec:
    """A cs:name: its own attributes, formatting and name-part styles."""

    def __init__(self, element: Any | None) -> None:
        get = element.get if element is not None else {}.get
        self.attributes = {k: v for k in NAME_ATTRIBUTES if (v := get(k)) is not None}
        self.decoration = Decoration(element) if element is not None else None
        self.family: PartStyle | None = None
        self.given: PartStyle | None = None
        for part in element if element is not None else ():
            if part.tag == CS + "name-part" and part.get("name") in ("family", "given"):
                setattr(self, part.get("name"), PartStyle(part))


class EtAlSpec:
    def __init__(self, element: Any | None) -> None:
        self.term = (element.get("term") if element is not None else None) or "et-al"
        self.decoration = Decoration(element) if element is not None else None


class LabelSpec:
    def __init__(self, element: Any, before: bool) -> None:
        self.form = element.get("form") or "long"
        self.plural = element.get("plural") or "contextual"
        self.decoration = Decoration(element)
        self.before = before

    def render(self, ctx: Context, term: str, count: int) -> Rich | None:
        many = self.plural == "always" or (self.plural == "contextual" and count > 1)
        text = ctx.style.locale.term(term, self.form, many)
        if not text:
            return None
        return self.decoration.apply(Rich([text]), ctx)


class Names(Node):
    """A compiled cs:names."""

    calls_variable = True
    name: NameSpec
    et_al: EtAlSpec
    label: LabelSpec | None

    def __init__(self, element: Any, compile_: Compile, parent: Names | None = None) -> None:
        self.variables = (element.get("variable") or "").split()
        self.decoration = Decoration(element)
        self.delimiter = element.get("delimiter")
        children = [c for c in element if isinstance(c.tag, str)]
        found = {c.tag: c for c in children}
        name = found.get(CS + "name")
        label = found.get(CS + "label")
        self.bare = not children
        if parent is not None and self.bare:  # a bare cs:names in cs:substitute
            self.inherit(parent)
        else:
            self.name = NameSpec(name)
            self.et_al = EtAlSpec(found.get(CS + "et-al"))
            before = (
                label is not None
                and name is not None
                and children.index(label) < children.index(name)
            )
            self.label = LabelSpec(label, before) if label is not None else None
        substitute = found.get(CS + "substitute")
        self.substitute: list[Node] = []
        for child in substitute if substitute is not None else ():
            if not isinstance(child.tag, str):
                continue
            node = Names(child, compile_, self) if child.tag == CS + "names" else compile_(child)
            if node is not None:
                self.substitute.append(node)
        for nested in _bare_names(self.substitute):
            nested.inherit(self)

    def inherit(self, parent: Names) -> None:
        """A bare cs:names in a cs:substitute takes the cs:name, cs:et-al and cs:label of the
        cs:names it stands in for."""
        self.name, self.et_al, self.label = parent.name, parent.et_al, parent.label

    def evaluate(self, ctx: Context) -> Rich | None:
        called, rendered = ctx.called, ctx.rendered
        content, role = self._own(ctx), None
        if content is not None:
            role = content.role
        elif self.substitute:
            content, stopped = self._substituted(ctx)
            ctx.called, ctx.rendered = called, rendered
            if content is None and stopped:
                return None  # ended by an empty term: neither tried nor printed
            if content is not None:
                role = content.role if (content.role or "").startswith("names:") else None
        ctx.called = called + 1
        ctx.rendered = rendered
        if content is None:
            return None
        if self._suppress_author(ctx):
            return None
        ctx.rendered = rendered + 1
        out = self.decoration.apply(content, ctx)
        return Rich([out], role=role or f"names:{self.variables[0] if self.variables else ''}")

    def _suppress_author(self, ctx: Context) -> bool:
        if ctx.mode != "citation" or ctx.sorting or not ctx.cite.suppress_author:
            return False
        if ctx.extra.get(SUBSTITUTING) or ctx.extra.get("author_suppressed"):
            return False
        ctx.extra["author_suppressed"] = True
        return True

    def _substituted(self, ctx: Context) -> tuple[Rich | None, bool]:
        """The first substitute child that prints; whether a term or a value ended the
        substitution (it always does, printed or not)."""
        depth = ctx.extra.get(SUBSTITUTING, 0)
        ctx.extra[SUBSTITUTING] = depth + 1
        outer = ctx.extra.get(values.USED)
        try:
            for child in self.substitute:
                used: set[str] = set()
                ctx.extra[values.USED] = used
                out = child.evaluate(ctx)
                if out is not None and not out.is_empty():
                    if outer is not None:
                        outer.update(used)
                    return out, False
                ctx.suppressed.difference_update(used)
                if _ends_substitution(child):
                    return None, True  # a term or a value, even empty, ends it
            return None, False
        finally:
            ctx.extra[SUBSTITUTING] = depth
            ctx.extra[values.USED] = outer

    def _own(self, ctx: Context) -> Rich | None:
        """The element's own variables, joined by the names delimiter."""
        present = [v for v in self.variables if v not in ctx.suppressed and ctx.item.names(v)]
        if not present:
            return None
        for variable in present:  # what a substitute prints, it prints once
            values.note_used(ctx, variable)
        options = Options.resolve(ctx, self.name.attributes)
        writer = NameWriter(ctx, options, self.name.family, self.name.given)
        term = None
        if self.label is not None and not ctx.sorting and len(present) == 2:
            term = _common_term(ctx, present, self.label.form)
            if term:
                present = present[:1]
        if options.form == "count":
            total = sum(len(_shown(ctx, options, v)[0]) for v in present)
            return Rich([str(total)]) if total else None
        parts = []
        for variable in present:
            part = self._variable(ctx, writer, variable)
            if part is None:
                continue
            if self.label is not None and not ctx.sorting:
                count = len(ctx.item.names(variable))
                label = self.label.render(ctx, term or variable, count)
                part = (
                    Rich([label, part] if self.label.before else [part, label]) if label else part
                )
            parts.append(part)
        if not parts:
            return None
        delimiter = self.delimiter
        if delimiter is None:
            delimiter = ctx.name_options.get("names-delimiter", "")
        return Rich([joined(parts, delimiter)], role=f"names:{present[0]}")

    def _variable(self, ctx: Context, writer: NameWriter, variable: str) -> Rich | None:
        """One variable's name list: names, "and" or et al., with the cs:name's formatting."""
        options = writer.options
        shown, et_al, last = _shown(ctx, options, variable)
        written: list[tuple[Rich, bool]] = []
        for index, name in shown:
            rich, inverted = writer.write(name, index, _given_level(ctx, variable, index))
            if rich is not None and not rich.is_empty():
                written.append((Rich([rich], role="name"), inverted))
        final = None
        if last is not None:
            final = writer.write(last[1], last[0], _given_level(ctx, variable, last[0]))[0]
        if not written:
            return None
        if ctx.sorting:
            pieces = [r for r, _ in written] + ([final] if final is not None else [])
            out = joined(pieces, options.delimiter)
        elif final is not None:
            out = _ellipsis(options, written, final)
        elif et_al:
            out = self._with_et_al(ctx, options, written)
        else:
            out = _with_and(ctx, options, written)
        decoration = self.name.decoration
        out = decoration.apply(out, ctx) if decoration is not None else out
        return Rich([out], role="name-list")  # what subsequent-author-substitute replaces

    def _with_et_al(self, ctx: Context, options: Options, written: list[tuple[Rich, bool]]) -> Rich:
        names = joined([r for r, _ in written], options.delimiter)
        term = ctx.style.locale.term(self.et_al.term) or ""
        if not term:
            return names
        etal = Rich([term])
        if self.et_al.decoration is not None:
            etal = self.et_al.decoration.apply(etal, ctx)
        rule = options.before_et_al
        if (
            rule == "always"
            or (rule == "contextual" and len(written) > 1)
            or (rule == "after-inverted-name" and written[-1][1])
        ):
            gap = options.delimiter
        else:
            gap = " " if STARTS_ROMANESQUE.match(term) else ""
        return Rich([names, gap, etal] if gap else [names, etal])


def _bare_names(children: list[Node]) -> list[Names]:
    """The bare cs:names inside a substitute's cs:choose and cs:group children (not macros)."""
    found: list[Names] = []
    stack = [c for c in children if not isinstance(c, Names)]
    while stack:
        node = stack.pop()
        if isinstance(node, Names):
            if node.bare:
                found.append(node)
            continue
        stack.extend(getattr(node, "children", None) or ())
        stack.extend(branch for _, branch in getattr(node, "branches", None) or ())
    return found


def _ends_substitution(node: Node) -> bool:
    """A cs:text of a term or a value: in a cs:substitute it ends the substitution, printed or
    not (a cs:choose whose branch prints nothing does not)."""
    return isinstance(node, nodes.Text) and (bool(node.term) or node.value is not None)


def _with_and(ctx: Context, options: Options, written: list[tuple[Rich, bool]]) -> Rich:
    """The names with the delimiter between them and "and" (or "&") before the last."""
    names = [r for r, _ in written]
    delimiter = options.delimiter
    if len(names) == 1:
        return names[0]
    if options.and_ not in ("text", "symbol"):
        return joined(names, delimiter)
    term = "&" if options.and_ == "symbol" else (ctx.style.locale.term("and") or "and")
    spaced = bool(STARTS_ROMANESQUE.match(term))
    single, multiple = (" ", delimiter) if spaced else ("", "")
    rule = options.before_last
    if rule == "always":
        single = delimiter
    elif rule == "never":
        multiple = " " if multiple else ""
    elif rule == "after-inverted-name":
        if written[-2][1]:
            single = multiple = delimiter
        else:
            single = multiple = " " if spaced else ""
    gap = single if len(names) == 2 else multiple
    after = " " if spaced else ""
    head = joined(names[:-1], delimiter)
    return Rich([head, gap + term + after, names[-1]])


def _ellipsis(options: Options, written: list[tuple[Rich, bool]], last: Rich) -> Rich:
    """et-al-use-last: the first names, the delimiter, an ellipsis and the last name."""
    names = joined([r for r, _ in written], options.delimiter)
    gap = " " if len(written) == 1 else options.delimiter
    if options.before_last == "after-inverted-name" and written[-1][1]:
        gap = options.delimiter
    return Rich([names, gap + ELLIPSIS + " ", last])


def _shown(
    ctx: Context, options: Options, variable: str
) -> tuple[list[tuple[int, Name]], bool, tuple[int, Name] | None]:
    """The names written before et al., whether et al. follows, and the last name when the
    list ends with an ellipsis (et-al-use-last)."""
    names = [(i, parse(n)) for i, n in enumerate(ctx.item.names(variable))]
    count = len(names)
    minimum, first = options.et_al_min, options.et_al_use_first
    if minimum is None or first is None or count < minimum or first >= count or first > minimum:
        return names, False, None
    shown = first
    if ctx.mode == "citation" and not ctx.sorting:
        shown += max(0, ctx.disambiguation.add_names)
    if shown >= count:
        return names, False, None
    if options.et_al_use_last and count >= shown + 2:
        return names[:shown], False, names[-1]
    return names[:shown], True, None


def _given_level(ctx: Context, variable: str, index: int) -> int:
    if ctx.sorting:
        return 0
    asked = ctx.disambiguation
    return asked.given.get((variable, index), asked.given_level)


def _same_names(ctx: Context, left: str, right: str) -> bool:
    return [parse(n) for n in ctx.item.names(left)] == [parse(n) for n in ctx.item.names(right)]


def _common_term(ctx: Context, present: list[str], form: str) -> str | None:
    """The term "editortranslator" (the two variables' names joined) when both lists are the same and
    the locale has the term."""
    term = "".join(sorted(present))
    if not ctx.style.locale.term(term, form) or not _same_names(ctx, *present):
        return None
    return term


def sort_value(ctx: Context, variable: str) -> str | None:
    """A name variable's text as a sort key (`<key variable="author"/>`): every name family
    name first, in full, et al. as the key's names-min/-use-first/-use-last say."""
    if not ctx.item.names(variable):
        return None
    keyed = Context(
        ctx.style,
        ctx.cite,
        ctx.mode,
        sorting=True,
        disambiguation=ctx.disambiguation,
        name_options=ctx.name_options,
        sort_names=ctx.sort_names,
    )
    options = Options.resolve(keyed, {"name-as-sort-order": "all", "form": "long"})
    rendered = _KEY_NAMES._variable(keyed, NameWriter(keyed, options), variable)
    return rendered.text() if rendered is not None else None


@nodes.compiler(CS + "names")
def compile_names(element: Any, compile_: Compile) -> Node:
    return Names(element, compile_)


def _no_children(element: Any) -> Node:
    raise ValueError("a cs:names for a sort key has no children")


_KEY_NAMES = Names({}, _no_children)  # a bare cs:names: plain cs:name, no label, default et al.


sortkeys.NAME_SORT.append(sort_value)
