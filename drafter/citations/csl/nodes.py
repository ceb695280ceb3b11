"""Rendering elements: what each CSL element of a style becomes once compiled, and how it
evaluates against a cite (CSL 1.0.2 §Rendering Elements, §Formatting, §Affixes, §Display,
§Quotes, §Text-case, §Group, §Choose).

Names and dates live in their own modules; each registers a compiler for its tags in
`COMPILERS`, which `style.compile_element` looks up by tag.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from drafter.citations.csl import values
from drafter.citations.csl.context import Context
from drafter.citations.csl.rich import FORMATTING, Rich

CS = "{http://purl.org/net/xbiblio/csl}"
Compile = Callable[[Any], "Node | None"]
COMPILERS: dict[str, Callable[[Any, Compile], Node]] = {}


def compiler(
    tag: str,
) -> Callable[[Callable[[Any, Compile], Node]], Callable[[Any, Compile], Node]]:
    """Register a compiler for a CSL element tag."""

    def register(function: Callable[[Any, Compile], Node]) -> Callable[[Any, Compile], Node]:
        COMPILERS[tag] = function
        return function

    return register


class Decoration:
    """An element's formatting, affixes, display, quotes, text case and strip-periods."""

    __slots__ = ("case", "display", "formatting", "prefix", "quotes", "strip", "suffix")

    def __init__(self, element: Any) -> None:
        get = element.get
        self.formatting = {name: get(name) for name in FORMATTING if get(name)}
        self.prefix = get("prefix") or ""
        self.suffix = get("suffix") or ""
        self.display = get("display")
        self.quotes = get("quotes") == "true"
        self.case = get("text-case")
        self.strip = get("strip-periods") == "true"

    def apply(self, content: Rich, ctx: Context) -> Rich:
        """Text case and periods, then quotes and formatting, then affixes, then display."""
        if self.strip:
            content = values.strip_periods(content)
        if self.case:
            content = values.text_case(content, self.case, ctx)
        if self.formatting or self.quotes:
            content = Rich([content], dict(self.formatting), self.quotes)
        if self.prefix or self.suffix:
            content = Rich([p for p in (self.prefix, content, self.suffix) if p])
        if self.display:
            content = Rich([content], display=self.display)
        return content


class Node:
    """A compiled CSL element."""

    calls_variable = False  # whether it (or a child) tries a variable, for group suppression

    def evaluate(self, ctx: Context) -> Rich | None:
        raise NotImplementedError

    def evaluate_parts(self, ctx: Context) -> list[Rich]:
        """What it adds to its parent's children (a cs:choose adds its branch's children one by
        one, so the parent's delimiter goes between them)."""
        rendered = self.evaluate(ctx)
        return [] if rendered is None or rendered.is_empty() else [rendered]


class Parent(Node):
    """An element with children, joined by its delimiter."""

    def __init__(self, element: Any, compile_: Compile) -> None:
        compiled = (compile_(child) for child in element if isinstance(child.tag, str))
        self.children: list[Node] = [c for c in compiled if c is not None]
        self.delimiter = element.get("delimiter") or ""
        self.decoration = Decoration(element)
        self.calls_variable = any(c.calls_variable for c in self.children)

    def parts(self, ctx: Context) -> list[Rich]:
        out = []
        for child in self.children:
            out.extend(child.evaluate_parts(ctx))
        return out

    def join(self, parts: list[Rich]) -> Rich:
        if not self.delimiter or len(parts) < 2:
            return parts[0] if len(parts) == 1 else Rich(list(parts))
        children: list[Rich | str] = []
        for part in parts:
            if children:
                children.append(self.delimiter)
            children.append(part)
        return Rich(children)


class Group(Parent):
    """cs:group: suppressed when it tries variables and all of them are empty."""

    def evaluate(self, ctx: Context) -> Rich | None:
        called, rendered = ctx.called, ctx.rendered
        parts = self.parts(ctx)
        tried = ctx.called - called
        printed = ctx.rendered - rendered
        if not parts or (tried and not printed):
            ctx.called = called + (1 if tried else 0)
            ctx.rendered = rendered
            return None
        # a group that prints counts as a variable printed for its parent, even one of terms
        ctx.called, ctx.rendered = called + 1, rendered + 1
        return self.decoration.apply(self.join(parts), ctx)


class Sequence(Parent):
    """A macro's or a branch's children in order, with no delimiter (its parent's is used)."""

    def evaluate(self, ctx: Context) -> Rich | None:
        parts = self.parts(ctx)
        if not parts:
            return None
        return self.decoration.apply(self.join(parts), ctx)


class Layout(Parent):
    """cs:layout: the children of one cite (affixes and delimiter belong to the citation)."""

    def __init__(self, element: Any, compile_: Compile) -> None:
        super().__init__(element, compile_)
        self.delimiter = ""  # the layout's delimiter goes between cites, not its children

    def evaluate(self, ctx: Context) -> Rich | None:
        parts = self.parts(ctx)
        return self.join(parts) if parts else None


class Text(Node):
    """cs:text: a variable, a macro, a term or a value."""

    def __init__(self, element: Any, compile_: Compile) -> None:
        self.decoration = Decoration(element)
        self.variable = element.get("variable")
        self.form = element.get("form") or "long"
        self.macro_name = element.get("macro")
        self.macro: Node | None = None  # resolved once every macro is compiled
        self.term = element.get("term")
        self.plural = element.get("plural") == "true"
        self.value = element.get("value")
        self.calls_variable = bool(self.variable)

    def evaluate(self, ctx: Context) -> Rich | None:
        if self.variable:
            content = values.variable(ctx, self.variable, self.form)
            if content is None:
                if self.variable != "year-suffix":  # no suffix needed is not an empty variable
                    ctx.called += 1
                return None
            ctx.called += 1
            ctx.rendered += 1
        elif self.macro is not None:
            called, rendered = ctx.called, ctx.rendered
            content = self.macro.evaluate(ctx)
            if content is None:
                return None
            if ctx.called > called and ctx.rendered == rendered:
                return None  # a macro whose variables are all empty is suppressed as a group
            ctx.called, ctx.rendered = called + 1, rendered + 1  # and prints as one
        elif self.term:
            text = ctx.style.locale.term(self.term, self.form, self.plural)
            if not text:
                return None
            # a term the style does not case itself may be capitalised opening a note
            content = Rich([text], role=None if self.decoration.case else "term")
        elif self.value is not None:
            if not self.value:
                return None
            content = values.markup(self.value)
        else:
            return None
        return self.decoration.apply(content, ctx)


class Number(Node):
    """cs:number: a number variable in numeric, ordinal, long-ordinal or roman form."""

    calls_variable = True

    def __init__(self, element: Any, compile_: Compile) -> None:
        self.decoration = Decoration(element)
        self.variable = element.get("variable")
        self.form = element.get("form") or "numeric"

    def evaluate(self, ctx: Context) -> Rich | None:
        ctx.called += 1
        content = values.number(ctx, self.variable, self.form)
        if content is None:
            return None
        ctx.rendered += 1
        return self.decoration.apply(content, ctx)


class Label(Node):
    """cs:label outside cs:names: the term for a number variable or the locator."""

    def __init__(self, element: Any, compile_: Compile) -> None:
        self.decoration = Decoration(element)
        self.variable = element.get("variable")
        self.form = element.get("form") or "long"
        self.plural = element.get("plural") or "contextual"

    def evaluate(self, ctx: Context) -> Rich | None:
        text = values.label(ctx, self.variable, self.form, self.plural)
        if not text:
            return None
        return self.decoration.apply(Rich([text]), ctx)


class Choose(Node):
    """cs:choose: the first branch whose conditions hold."""

    def __init__(self, element: Any, compile_: Compile) -> None:
        self.branches: list[tuple[Condition | None, Sequence]] = []
        for child in element:
            if not isinstance(child.tag, str):
                continue
            condition = None if child.tag == CS + "else" else Condition(child)
            self.branches.append((condition, Sequence(child, compile_)))
        self.calls_variable = any(branch.calls_variable for _, branch in self.branches)

    def evaluate(self, ctx: Context) -> Rich | None:
        parts = self.evaluate_parts(ctx)
        return None if not parts else parts[0] if len(parts) == 1 else Rich(list(parts))

    def evaluate_parts(self, ctx: Context) -> list[Rich]:
        for condition, branch in self.branches:
            if condition is None or condition.holds(ctx):
                return branch.parts(ctx)
        return []


CONDITIONS = (
    "type",
    "variable",
    "is-numeric",
    "is-uncertain-date",
    "locator",
    "position",
    "disambiguate",
)


class Condition:
    """The tests of a cs:if or cs:else-if, and how they combine (`match`)."""

    def __init__(self, element: Any) -> None:
        self.match = element.get("match") or "all"
        self.tests: list[tuple[str, str]] = []
        for name in CONDITIONS:
            value = element.get(name)
            if value is not None:
                self.tests.extend((name, each) for each in value.split())

    def holds(self, ctx: Context) -> bool:
        results = (values.test(ctx, name, value) for name, value in self.tests)
        if self.match == "any":
            return any(results)
        if self.match == "none":
            return not any(results)
        return all(results) if self.tests else False


compiler(CS + "group")(Group)
compiler(CS + "text")(Text)
compiler(CS + "number")(Number)
compiler(CS + "label")(Label)
compiler(CS + "choose")(Choose)
compiler(CS + "layout")(Layout)
