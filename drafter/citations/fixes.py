"""Corrections to citeproc-py 0.11 behaviour, applied once when drafter renders citations.

Each fix names the defect it repairs (numbers follow the project's citeproc notes); each has a
test in tests/citations/test_fixes.py that fails if the fix stops working. Fixes that are
better done on the output (punctuation inside quotes, the capital on `ibid.`) live in
`spans.py`; unknown keys are refused before citeproc sees them, in `engine.py`.
"""

from __future__ import annotations

import functools
from typing import Any

import citeproc  # type: ignore[import-untyped]
from citeproc import model  # type: ignore[import-untyped]

_applied = False


def apply() -> None:
    """Install every fix; safe to call more than once."""
    global _applied
    if _applied:
        return
    _applied = True
    model.Name.initialize = _respect_initialize_false(model.Name.initialize)
    model.Label.process = _no_label_for_empty_variable(model.Label.process)
    model.If._is_numeric = _locator_is_numeric(model.If._is_numeric)
    model.CitationStylesElement.get_macro = _cached_macro(model.CitationStylesElement.get_macro)
    model.CitationStylesElement.xpath_search = _cached_xpath(
        model.CitationStylesElement.xpath_search
    )
    for cls in CALLS_VARIABLE_CLASSES:
        cls.calls_variable = _cached_calls_variable(cls.calls_variable, cls.__name__)
    citeproc.CitationItem.reference = _cached_reference(citeproc.CitationItem.reference)
    model.If._type = _cached_types(model.If._type)


# Classes that define their own `calls_variable` (whether a style element prints a variable).
CALLS_VARIABLE_CLASSES: tuple[Any, ...] = tuple(
    cls
    for cls in vars(model).values()
    if isinstance(cls, type) and "calls_variable" in cls.__dict__
)


def _respect_initialize_false(initialize: Any) -> Any:
    """Defect 1: with `initialize="false"` a given name is printed whole ("Jane Doe", not "J. Doe")."""

    @functools.wraps(initialize)
    def wrapper(self: Any, given: str, mark: str, context: Any) -> str:
        if _inherited(self, "initialize", context) == "false":
            return given
        return initialize(self, given, mark, context)

    return wrapper


def _inherited(element: Any, name: str, context: Any) -> str | None:
    """An inheritable name option: the element, then cs:citation/cs:bibliography, then cs:style."""
    value = element.get(name)
    if value is not None:
        return str(value)
    scope = context if context is not None else element
    for ancestor in scope.xpath_search(
        "./ancestor-or-self::*[self::cs:citation or self::cs:bibliography]"
    ):
        if ancestor.get(name) is not None:
            return str(ancestor.get(name))
    root = element.get_root()
    return None if root.get(name) is None else str(root.get(name))


def _no_label_for_empty_variable(process: Any) -> Any:
    """Defect 2: a cs:label whose variable is empty prints nothing (no stray "Edition")."""

    @functools.wraps(process)
    def wrapper(
        self: Any, item: Any, variable: str | None = None, *args: Any, **kwargs: Any
    ) -> Any:
        name = variable if variable is not None else self.get("variable")
        if name == "locator":
            if not item.has_locator:
                return None
        elif name and name.replace("-", "_") not in item.reference:
            return None
        return process(self, item, variable, *args, **kwargs)

    return wrapper


def _locator_is_numeric(is_numeric: Any) -> Any:
    """Defect 5: `is-numeric="locator"` tests the citation's locator, so chapters keep "chap."."""

    @functools.wraps(is_numeric)
    def wrapper(self: Any, item: Any) -> list[bool]:
        names = self.get("is-numeric").split()
        if "locator" not in names:
            return is_numeric(self, item)
        results = []
        for name in names:
            if name == "locator":
                value = str(item.locator.identifier) if item.has_locator else ""
                results.append(bool(self.re_numeric.match(value)))
            else:
                results.extend(_single(is_numeric, self, item, name))
        return results

    return wrapper


def _single(is_numeric: Any, element: Any, item: Any, name: str) -> list[bool]:
    """Run citeproc's own test for one variable name."""
    original = element.get("is-numeric")
    element.set("is-numeric", name)
    try:
        return list(is_numeric(element, item))
    finally:
        element.set("is-numeric", original)


def _cached_macro(get_macro: Any) -> Any:
    """Speed: look each macro up by name once per parsed style, not on every use."""

    @functools.wraps(get_macro)
    def wrapper(self: Any, name: str) -> Any:
        root = self.get_root()
        cache = root.__dict__.setdefault("_drafter_macros", {})
        macro = cache.get(name)
        if macro is None:
            macro = cache[name] = get_macro(self, name)
        return macro

    return wrapper


def _cached_calls_variable(calls_variable: Any, owner: str) -> Any:
    """Speed: whether an element prints a variable depends on the style alone; answer it once.

    The answer is kept on the element, so the renderer keeps every element of a parsed style
    alive (lxml would otherwise drop the Python object, and the answer with it).
    """
    key = f"_drafter_calls_variable_{owner}"

    @functools.wraps(calls_variable)
    def wrapper(self: Any) -> Any:
        cache = self.__dict__
        if key not in cache:
            cache[key] = calls_variable(self)
        return cache[key]

    return wrapper


def _cached_xpath(xpath_search: Any) -> Any:
    """Speed: a style (and its locale) is never changed once parsed, so the answer to an XPath
    question asked of one of its elements is kept on that element (terms, layouts, options)."""

    @functools.wraps(xpath_search)
    def wrapper(self: Any, expression: str) -> Any:
        cache = self.__dict__.setdefault("_drafter_xpath", {})
        if expression not in cache:
            cache[expression] = xpath_search(self, expression)
        return list(cache[expression])

    return wrapper


def _cached_reference(reference: property) -> property:
    """Speed: a cited item's source is looked up through its citation and bibliography on every
    variable a style tests (thousands of times a note); it never changes, so it is kept."""
    find = reference.fget
    assert find is not None

    @functools.wraps(find)
    def cached(self: Any) -> Any:
        kept = self.__dict__
        if "_drafter_reference" not in kept:
            kept["_drafter_reference"] = find(self)
        return kept["_drafter_reference"]

    cached.__wrapped__ = find  # type: ignore[attr-defined]
    return property(cached)


def _cached_types(types: Any) -> Any:
    """Speed: `<if type="...">` splits its attribute on every test; the split is kept."""

    @functools.wraps(types)
    def wrapper(self: Any, item: Any) -> list[bool]:
        kept = self.__dict__
        if "_drafter_types" not in kept:
            kept["_drafter_types"] = [t.lower() for t in self.get("type").split()]
        wanted = item.reference.type
        return [t == wanted for t in kept["_drafter_types"]]

    return wrapper
