"""The sandboxed Jinja2 environment clause bodies run in, made once, and the guard that rewrites
a parsed body so that its loops, output and new values are counted and weighed.

Clause bodies travel between organizations, so a body is untrusted code. Jinja's immutable
sandbox refuses attribute walks (`__class__`, `__globals__`, mutating methods); on top of it: no
loader (no include/import/extends), no globals but `range` and `dict` (no `lipsum`,
`namespace`, `cycler`, `joiner`), every operator, call and filter counted and checked before it
runs (`checks`), and every result weighed against the rendering's budget (`budget`).
"""

from __future__ import annotations

import functools
from functools import cache
from typing import TYPE_CHECKING, Any

from drafter.render.limits import check_format
from drafter.render.sandbox.budget import bounded, emit, printable, step
from drafter.render.sandbox.checks import check_binop, check_method, filter_value, format_weigher

if TYPE_CHECKING:
    from jinja2 import nodes
    from jinja2.sandbox import ImmutableSandboxedEnvironment

JINJA_GLOBALS = frozenset({"range", "dict"})  # the sandbox's globals (`env`)
# Filters that never turn their value or arguments into text; every other one may (`string`,
# `pprint`, `format`, `join`, `upper`, `xmlattr` ...), so what it is given must be `printable`.
_STRUCTURAL_FILTERS = frozenset(
    {"abs", "attr", "batch", "count", "d", "default", "dictsort", "first", "float", "groupby",
     "int", "items", "last", "length", "list", "map", "max", "min", "random", "reject",
     "rejectattr", "reverse", "round", "select", "selectattr", "slice", "sort", "sum", "tojson",
     "unique"}
)  # fmt: skip


def _guarded_filter(name: str, func: Any) -> Any:
    """A filter that counts a step, checks its arguments first and weighs its result."""
    passes = 1 if hasattr(func, "jinja_pass_arg") else 0
    textual = name not in _STRUCTURAL_FILTERS

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        """The filter, counted and checked before it runs and its result weighed."""
        step()
        if len(args) > passes:
            value, rest = args[passes], args[passes + 1 :]
            if textual:  # checked before `filter_value`, which measures some as text
                printable((rest, kwargs))
                if name != "join":  # any iterable: its items are checked once listed
                    printable(value)
            value = filter_value(name, value, rest, kwargs)
            if textual and name == "join":
                printable(value)
            args = (*args[:passes], value, *rest)
        return bounded(func(*args, **kwargs))

    return guarded


def _steps(_context: Any, iterable: Any) -> Any:
    """A loop's items, each counted as a step."""
    for item in iterable:
        step()
        yield item


def _emit(_context: Any, value: Any) -> str:
    """Text a body writes (anywhere: top level, macros, {% set %} blocks), counted."""
    return emit(value if isinstance(value, str) else str(printable(value)))


def _size(_context: Any, value: Any) -> Any:
    """A filter weighing the value a list, dict, tuple or concatenation made."""
    return bounded(value)


def _text(_context: Any, value: Any) -> Any:
    """A filter checking that a value may be turned into text (`~` operands)."""
    return printable(value)


@cache
def env() -> ImmutableSandboxedEnvironment:
    """The sandboxed environment, made once: budgeted, strict, no loader, two globals."""
    from jinja2 import StrictUndefined, pass_context
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class ClauseSandbox(ImmutableSandboxedEnvironment):
        """The immutable sandbox with drafter's rendering budget."""

        intercepted_binops = frozenset({"*", "**", "%", "+"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            """Run an intercepted operator, counted, checked first and its result weighed."""
            step()
            check_binop(operator, left, right)
            return bounded(super().call_binop(context, operator, left, right))

        def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
            """Call a function or method, counted, checked first and its result weighed."""
            step()
            args = check_method(obj, args, kwargs)
            return bounded(super().call(context, obj, *args, **kwargs))

        def wrap_str_format(self, value: Any) -> Any:
            """A body's `str.format`, its format string checked and its arguments printable."""
            wrapped = super().wrap_str_format(value)
            if wrapped is None:
                return None
            check_format(value.__self__)  # widths alone, before the arguments are known

            def checked(*args: Any, **kwargs: Any) -> Any:
                """Format, after checking the arguments may be turned into text, and how long."""
                printable((args, kwargs))
                check_format(value.__self__, format_weigher(args, kwargs))
                return wrapped(*args, **kwargs)

            return checked

    sandbox = ClauseSandbox(
        undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False
    )
    sandbox.globals = {name: sandbox.globals[name] for name in JINJA_GLOBALS}
    sandbox.filters = {name: _guarded_filter(name, f) for name, f in sandbox.filters.items()}
    sandbox.filters["_drafter_steps"] = pass_context(_steps)
    sandbox.filters["_drafter_emit"] = pass_context(_emit)
    sandbox.filters["_drafter_size"] = pass_context(_size)
    sandbox.filters["_drafter_text"] = pass_context(_text)
    return sandbox


def guard(tree: nodes.Template) -> nodes.Template:
    """The parsed body with every loop counted, every output counted and every new value weighed."""
    from jinja2 import nodes
    from jinja2.visitor import NodeTransformer

    def wrap(node: nodes.Node, name: str) -> nodes.Filter:
        """`node` passed through the filter `name`, at the node's line."""
        return nodes.Filter(node, name, [], [], None, None, lineno=node.lineno)

    class Guard(NodeTransformer):
        # `generic_visit` transforms a node's children in place and returns the node itself.

        def visit_For(self, node: nodes.For) -> nodes.For:
            """Count each turn of the loop."""
            self.generic_visit(node)
            node.iter = wrap(node.iter, "_drafter_steps")
            return node

        def visit_Output(self, node: nodes.Output) -> nodes.Output:
            """Count and check each piece of text written."""
            self.generic_visit(node)
            node.nodes = [wrap(child, "_drafter_emit") for child in node.nodes]
            return node

        def visit_FilterBlock(self, node: nodes.FilterBlock) -> nodes.FilterBlock:
            """Count and check the text a filter block writes."""
            self.generic_visit(node)
            node.filter = wrap(node.filter, "_drafter_emit")
            return node

        def visit_Concat(self, node: nodes.Concat) -> nodes.Filter:
            """Check the operands of `~` and weigh the result."""
            self.generic_visit(node)
            node.nodes = [wrap(child, "_drafter_text") for child in node.nodes]
            return wrap(node, "_drafter_size")

        def visit_List(self, node: nodes.List) -> nodes.Filter:
            """Weigh the list (or dict) the body makes."""
            return wrap(self.generic_visit(node), "_drafter_size")

        visit_Dict = visit_List

        def visit_Tuple(self, node: nodes.Tuple) -> nodes.Expr:
            """Weigh a tuple the body makes (not one it assigns to)."""
            self.generic_visit(node)
            return wrap(node, "_drafter_size") if node.ctx == "load" else node

    return Guard().visit(tree)
