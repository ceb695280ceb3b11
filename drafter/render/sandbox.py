"""The Jinja2 sandbox clause bodies render in: strict, without a loader, and on a budget.

drafter's only Jinja2 user; jinja2 itself is imported on first use, so a body that only prints
variables (`placeholders_only`) never loads it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from datetime import time as clock_time
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from drafter.errors import TemplateError, quoted
from drafter.model import Location
from drafter.render.limits import MAX_OUTPUT_CHARS, MAX_VALUE_SIZE, check_format, check_printf
from drafter.render.limits import Exhausted as _Exhausted
from drafter.render.limits import check_size as _check_size
from drafter.render.limits import too_big as _too_big
from drafter.render.nesting import within_limits

if TYPE_CHECKING:
    from jinja2 import nodes
    from jinja2.sandbox import ImmutableSandboxedEnvironment

# A `{{ name }}` placeholder: a body made only of these needs no sandbox (`placeholders_only`).
PLACEHOLDER = re.compile(r"\{\{ *([A-Za-z_][A-Za-z0-9_]*) *\}\}")
_JINJA_GLOBALS = frozenset({"range", "dict"})  # the sandbox's globals (`_env`)

# --- the sandbox -----------------------------------------------------------
#
# Clause bodies travel between organizations, so a body is untrusted code. Jinja's immutable
# sandbox refuses attribute walks (`__class__`, `__globals__`, mutating methods); on top of it:
# no loader (no include/import/extends), no globals but `range` and `dict` (no `lipsum`,
# `namespace`, `cycler`, `joiner`), and a budget per rendering. Every loop turn and call is
# counted, every value a body makes is weighed (characters and items, shared parts counted each
# time), the text written anywhere is counted, and operations that could make a huge value in one
# step (`'x' * n`, `**`, widths in format strings, `center`, `indent`, `replace`, `join` ...) are
# checked before they run. Every turning of a value into text (output, `~`, `%`, `format`,
# `|string` and the other text filters) first checks that the value is plain data the weighing
# walked (`_printable`): an object whose text is not its weight (a macro, a loop, a generator) is
# refused before `str()` runs. A body over the budget is one input error.

MAX_EMITTED_CHARS = 5 * MAX_OUTPUT_CHARS  # text written anywhere in one rendering (macros too)
MAX_STEPS = 100_000  # loop turns and calls in one rendering
MAX_SECONDS = 2.0  # wall time of one rendering
_FORBIDDEN_TAGS = {"Extends": "extends", "Include": "include", "Import": "import",
                   "FromImport": "from ... import"}  # fmt: skip
# Methods of built-in values a body may call: those whose result is no larger than their input,
# and those checked first (`_check_method`). Any other (`translate`, `to_bytes` ...) is refused.
_BOUNDED_METHODS = frozenset(
    {"capitalize", "casefold", "count", "endswith", "find", "get", "index", "isalnum", "isalpha",
     "isdecimal", "isdigit", "islower", "isnumeric", "isspace", "istitle", "isupper", "items",
     "keys", "lower", "lstrip", "partition", "removeprefix", "removesuffix", "rfind", "rindex",
     "rpartition", "rsplit", "rstrip", "split", "splitlines", "startswith", "strip", "swapcase",
     "title", "upper", "values"}
)  # fmt: skip
_WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill"})
# Containers `_measure` walks: their text is made of their items' texts.
_CONTAINERS = (dict, list, tuple, set, frozenset, type({}.keys()), type({}.values()),
               type({}.items()))  # fmt: skip
_NUMBER_OR_CONTAINER = (int, *_CONTAINERS)
# Values whose text is no longer than a few dozen characters, or their own length.
_LEAVES = (str, bytes, int, float, type(None), date, clock_time, range)


@dataclass
class _Budget:
    """What one rendering has used so far."""

    deadline: float
    steps: int = 0
    emitted: int = 0


_BUDGET: ContextVar[_Budget | None] = ContextVar("drafter_render_budget", default=None)


def _step() -> None:
    """Count one loop turn or call; refuse past the step or time budget."""
    budget = _BUDGET.get()
    if budget is None:
        return
    budget.steps += 1
    if budget.steps > MAX_STEPS:
        raise _Exhausted(f"more than {MAX_STEPS:,} loop turns and calls")
    if time.monotonic() > budget.deadline:
        raise _Exhausted(f"rendering took more than {MAX_SECONDS:g} seconds")


def _bounded(value: Any) -> Any:
    """`value`, after checking that it is no larger than MAX_VALUE_SIZE characters and items."""
    _measure(value)
    return value


def _printable(value: Any) -> Any:
    """`value`, after checking that its text is bounded by its weight: to call before `str()`."""
    _measure(value, printing=True)
    return value


def _printed(value: Any) -> int:
    """About the length of the text `value` prints as (a text its length; others weighed)."""
    return len(value) if isinstance(value, str) else 6 * _measure(value, printing=True) + 24


def _format_weigher(args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> Any:
    """What each `str.format` field prints: its argument by position or keyword, else (in
    `format_map`) all of them."""

    def weigh(key: int | str | None) -> int:
        if isinstance(key, int) and key < len(args):
            return _printed(args[key])
        return _printed(kwargs[key] if isinstance(key, str) and key in kwargs else (args, kwargs))

    return weigh


def _printf_weigher(right: Any) -> Any:
    """What `%` fields print: a `%(key)` its value, positional ones all of `right` once."""
    return lambda key: _printed(right[key] if isinstance(right, dict) and key in right else right)


def _measure(value: Any, printing: bool = False) -> int:
    """Characters and items in `value` (a shared part counted each time); refused past the limit.

    Other objects weigh 1; `printing` refuses any whose text could be longer (`_LEAVES` cannot)."""
    total, stack, budget = 0, [value], _BUDGET.get()
    while stack:
        item = stack.pop()
        if isinstance(item, str | bytes):
            total += len(item)
        elif isinstance(item, bool) or not isinstance(item, _NUMBER_OR_CONTAINER):
            total += 1
            if printing and not isinstance(item, _LEAVES):
                _refuse_printing(item)
        elif isinstance(item, int):
            total += item.bit_length() * 3 // 10 + 1  # about its digits
        else:
            total += 1 + len(item)
            if total <= MAX_VALUE_SIZE:
                stack.extend(item.items() if isinstance(item, dict) else item)
        if total > MAX_VALUE_SIZE:
            raise _too_big()
        if budget is not None and len(stack) % 4096 == 0 and time.monotonic() > budget.deadline:
            raise _Exhausted(f"rendering took more than {MAX_SECONDS:g} seconds")
    return total


def _refuse_printing(item: Any) -> None:
    """Refuse turning `item` into text: it is not plain data the weighing walked."""
    from jinja2 import Undefined
    from jinja2.exceptions import SecurityError

    if not isinstance(item, Undefined):  # its own error says what is undefined
        name = type(item).__name__
        raise SecurityError(f"a {name} object cannot be turned into text in a clause body")


def _arg(args: tuple[Any, ...], kwargs: Mapping[str, Any], index: int, name: str,
         default: Any) -> Any:  # fmt: skip
    """A call's argument by position `index` or keyword `name`, else `default`."""
    if len(args) > index:
        return args[index]
    return kwargs.get(name, default)


def _width(value: Any) -> int:
    """A width argument as a number: a text's length, an int itself, anything else 0."""
    return len(value) if isinstance(value, str) else int(value) if isinstance(value, int) else 0


def _replaced_size(text: Any, old: Any, new: Any, count: Any) -> int:
    """The length of `text` after replacing `old` with `new` (at most `count` times)."""
    text, old, new = str(text), str(old), str(new)
    hits = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    return len(text) + hits * len(new)


def _joined(items: Any, separator: Any) -> tuple[list[Any], int]:
    """The items to join, listed and weighed, and the length of the joined text."""
    items = _bounded(list(items))
    size = sum(len(i) if isinstance(i, str | bytes) else 1 for i in items)
    return items, size + len(str(separator)) * max(len(items) - 1, 0)


def _check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse `*` and `**` whose result would be huge, and huge widths in `%` formatting."""
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, str | bytes | list | tuple) and isinstance(times, int):
                _check_size(_measure(seq) * max(times, 0), "a repeated value")
    elif operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0:
        if abs(left) > 1:
            _check_size(left.bit_length() * right * 3 // 10, "a number")
    elif operator == "%" and isinstance(left, str):
        _printable(right)
        check_printf(left, _printf_weigher(right))


def _check_method(obj: Any, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> tuple[Any, ...]:
    """Refuse methods of built-in values that could make a huge value; the args to call with."""
    import types

    owner = getattr(obj, "__self__", None)
    if not isinstance(obj, types.BuiltinMethodType) or not isinstance(
        owner, str | bytes | int | float | list | tuple | dict | set | frozenset
    ):
        return args
    name = obj.__name__
    if name in _BOUNDED_METHODS:
        return args
    if name in _WIDTH_METHODS:
        _check_size(_width(_arg(args, kwargs, 0, "width", 0)), "a padded text")
    elif name == "expandtabs" and isinstance(owner, str | bytes):
        size = _width(_arg(args, kwargs, 0, "tabsize", 8)) * (owner.count("\t") + 1)
        _check_size(len(owner) + size, "an expanded text")
    elif name == "replace" and isinstance(owner, str):
        _printable((args, kwargs))
        count = _arg(args, kwargs, 2, "count", -1)
        _check_size(_replaced_size(owner, args[0], args[1], count), "a replaced text")
    elif name == "join" and isinstance(owner, str | bytes) and args:
        items, size = _joined(args[0], owner)
        _check_size(size, "a joined text")
        return (items, *args[1:])
    else:
        from jinja2.exceptions import SecurityError

        raise SecurityError(f"the method {quoted(name)} is not available in clause bodies")
    return args


def _filter_value(
    name: str, value: Any, args: tuple[Any, ...], kwargs: Mapping[str, Any]
) -> Any:  # fmt: skip
    """Check a filter's arguments before it runs; the value to run it on."""
    if name == "center":
        _check_size(_width(_arg(args, kwargs, 0, "width", 80)), "a padded text")
    elif name == "indent":
        width = _width(_arg(args, kwargs, 0, "width", 4))
        _check_size(len(str(value)) + width * (str(value).count("\n") + 1), "an indented text")
    elif name == "wordwrap":
        width = max(_width(_arg(args, kwargs, 0, "width", 79)), 1)
        wrap = _arg(args, kwargs, 2, "wrapstring", None) or "\n"
        _check_size(len(str(value)) * (1 + len(str(wrap)) // width + 1), "a wrapped text")
    elif name == "replace":
        count = _arg(args, kwargs, 2, "count", None)
        old, new = _arg(args, kwargs, 0, "old", ""), _arg(args, kwargs, 1, "new", "")
        _check_size(_replaced_size(value, old, new, count), "a replaced text")
    elif name == "join":
        value, size = _joined(value, _arg(args, kwargs, 0, "d", ""))
        _check_size(size, "a joined text")
    elif name == "format" and isinstance(value, str):  # Jinja's is `value % (kwargs or args)`
        check_printf(value, _printf_weigher(kwargs or args))
    elif name in ("batch", "slice"):
        _check_size(_width(_arg(args, kwargs, 0, "linecount", 0)), "a list")
    elif name in ("round", "tojson"):
        key, index = ("precision", 0) if name == "round" else ("indent", 0)
        if abs(_width(_arg(args, kwargs, index, key, 0))) > 100:
            raise _Exhausted(f"a {key} over 100")
    return value


# Filters that never turn their value or arguments into text; every other one may (`string`,
# `pprint`, `format`, `join`, `upper`, `xmlattr` ...), so what it is given must be `_printable`.
_STRUCTURAL_FILTERS = frozenset(
    {"abs", "attr", "batch", "count", "d", "default", "dictsort", "first", "float", "groupby",
     "int", "items", "last", "length", "list", "map", "max", "min", "random", "reject",
     "rejectattr", "reverse", "round", "select", "selectattr", "slice", "sort", "sum", "tojson",
     "unique"}
)  # fmt: skip


def _guarded_filter(name: str, func: Any) -> Any:
    """A filter that counts a step, checks its arguments first and weighs its result."""
    import functools

    passes = 1 if hasattr(func, "jinja_pass_arg") else 0
    textual = name not in _STRUCTURAL_FILTERS

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        """The filter, counted and checked before it runs and its result weighed."""
        _step()
        if len(args) > passes:
            value, rest = args[passes], args[passes + 1 :]
            if textual:  # checked before `_filter_value`, which measures some as text
                _printable((rest, kwargs))
                if name != "join":  # any iterable: its items are checked once listed
                    _printable(value)
            value = _filter_value(name, value, rest, kwargs)
            if textual and name == "join":
                _printable(value)
            args = (*args[:passes], value, *rest)
        return _bounded(func(*args, **kwargs))

    return guarded


def _steps(_context: Any, iterable: Any) -> Any:
    """A loop's items, each counted as a step."""
    for item in iterable:
        _step()
        yield item


def _emit(_context: Any, value: Any) -> str:
    """Text a body writes (anywhere: top level, macros, {% set %} blocks), counted."""
    text = value if isinstance(value, str) else str(_printable(value))
    budget = _BUDGET.get()
    if budget is not None:
        budget.emitted += len(text)
        if budget.emitted > MAX_EMITTED_CHARS:
            raise _Exhausted(f"writes more than {MAX_EMITTED_CHARS:,} characters")
    return text


def _size(_context: Any, value: Any) -> Any:
    """A filter weighing the value a list, dict, tuple or concatenation made."""
    return _bounded(value)


def _text(_context: Any, value: Any) -> Any:
    """A filter checking that a value may be turned into text (`~` operands)."""
    return _printable(value)


@cache
def _env() -> ImmutableSandboxedEnvironment:
    """The sandboxed environment, made once: budgeted, strict, no loader, two globals."""
    from jinja2 import StrictUndefined, pass_context
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class ClauseSandbox(ImmutableSandboxedEnvironment):
        """The immutable sandbox with drafter's rendering budget."""

        intercepted_binops = frozenset({"*", "**", "%", "+"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            """Run an intercepted operator, counted, checked first and its result weighed."""
            _step()
            _check_binop(operator, left, right)
            return _bounded(super().call_binop(context, operator, left, right))

        def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
            """Call a function or method, counted, checked first and its result weighed."""
            _step()
            args = _check_method(obj, args, kwargs)
            return _bounded(super().call(context, obj, *args, **kwargs))

        def wrap_str_format(self, value: Any) -> Any:
            """A body's `str.format`, its format string checked and its arguments printable."""
            wrapped = super().wrap_str_format(value)
            if wrapped is None:
                return None
            check_format(value.__self__)  # widths alone, before the arguments are known

            def checked(*args: Any, **kwargs: Any) -> Any:
                """Format, after checking the arguments may be turned into text, and how long."""
                _printable((args, kwargs))
                check_format(value.__self__, _format_weigher(args, kwargs))
                return wrapped(*args, **kwargs)

            return checked

    env = ClauseSandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
    env.globals = {name: env.globals[name] for name in _JINJA_GLOBALS}
    env.filters = {name: _guarded_filter(name, f) for name, f in env.filters.items()}
    env.filters["_drafter_steps"] = pass_context(_steps)
    env.filters["_drafter_emit"] = pass_context(_emit)
    env.filters["_drafter_size"] = pass_context(_size)
    env.filters["_drafter_text"] = pass_context(_text)
    return env


def _guard(tree: nodes.Template) -> nodes.Template:
    """The parsed body with every loop counted, every output counted and every new value weighed."""
    from jinja2 import nodes
    from jinja2.visitor import NodeTransformer

    def wrap(node: Any, name: str) -> nodes.Filter:
        """`node` passed through the filter `name`, at the node's line."""
        return nodes.Filter(node, name, [], [], None, None, lineno=node.lineno)

    class Guard(NodeTransformer):
        def visit_For(self, node: nodes.For) -> nodes.For:
            """Count each turn of the loop."""
            node = self.generic_visit(node)
            node.iter = wrap(node.iter, "_drafter_steps")
            return node

        def visit_Output(self, node: nodes.Output) -> nodes.Output:
            """Count and check each piece of text written."""
            node = self.generic_visit(node)
            node.nodes = [wrap(child, "_drafter_emit") for child in node.nodes]
            return node

        def visit_FilterBlock(self, node: nodes.FilterBlock) -> nodes.FilterBlock:
            """Count and check the text a filter block writes."""
            node = self.generic_visit(node)
            node.filter = wrap(node.filter, "_drafter_emit")
            return node

        def visit_Concat(self, node: nodes.Concat) -> nodes.Filter:
            """Check the operands of `~` and weigh the result."""
            node = self.generic_visit(node)
            node.nodes = [wrap(child, "_drafter_text") for child in node.nodes]
            return wrap(node, "_drafter_size")

        def visit_List(self, node: nodes.List) -> nodes.Filter:
            """Weigh the list (or dict) the body makes."""
            return wrap(self.generic_visit(node), "_drafter_size")

        visit_Dict = visit_List

        def visit_Tuple(self, node: nodes.Tuple) -> nodes.Expr:
            """Weigh a tuple the body makes (not one it assigns to)."""
            node = self.generic_visit(node)
            return wrap(node, "_drafter_size") if node.ctx == "load" else node

    return Guard().visit(tree)


@lru_cache(maxsize=4096)
def placeholders_only(body: str) -> bool:
    """Whether the body's only template markup is `{{ name }}` placeholders."""
    rest = PLACEHOLDER.sub("", body)
    if any(mark in rest for mark in ("{{", "{%", "{#")) or "\r" in body:
        return False
    return not any(m.group(1) in _JINJA_GLOBALS for m in PLACEHOLDER.finditer(body))


@dataclass(frozen=True)
class _Read:
    """What the checks need from a parsed body: the names it reads and its statements."""

    used: tuple[tuple[str, int], ...]  # each free name with the body line of its first use
    statements: tuple[nodes.Stmt, ...]


@lru_cache(maxsize=4096)
def _parse(body: str) -> _Read:
    """`body` parsed and walked (raises TemplateSyntaxError, also nested too deep), cached.

    The walks recurse like the parser, so they run inside `within_limits` too: a tree too deep
    to walk is the same one-line error as one too deep to parse."""
    from jinja2 import TemplateSyntaxError

    return within_limits(body, _env().lex, _read, TemplateSyntaxError)


def _read(body: str) -> _Read:
    from jinja2 import meta, nodes

    tree = _env().parse(body)
    free = meta.find_undeclared_variables(tree) - set(_env().globals)
    used: dict[str, int] = {}
    for node in tree.find_all(nodes.Name):
        if node.ctx == "load" and node.name in free:
            used.setdefault(node.name, node.lineno)
    return _Read(tuple(used.items()), tuple(tree.find_all(nodes.Stmt)))


@lru_cache(maxsize=4096)
def _compile(body: str) -> Any:
    """The guarded, compiled template of `body` (its nesting checked by `_parse`), cached."""
    compile_ = lambda b: _env().from_string(_guard(_env().parse(b)))  # noqa: E731
    return within_limits(body, lambda _: (), compile_, lambda message, _: _Exhausted(message))


def variables_used(body: str) -> dict[str, int]:
    """Names a body reads, each with the 1-based body line of its first use."""
    if placeholders_only(body):
        used: dict[str, int] = {}
        line, counted = 1, 0  # lines counted once through the body, not from its start each time
        for match in PLACEHOLDER.finditer(body):
            if match.group(1) not in used:
                line += body.count("\n", counted, match.start())
                counted = match.start()
                used[match.group(1)] = line
        return used
    from jinja2 import TemplateSyntaxError

    try:
        return dict(_parse(body).used)
    except TemplateSyntaxError:  # rendering reports it, with its line
        return {}


def check_syntax(body: str, location: Location) -> None:
    """Refuse a body that does not parse, or uses a tag clause bodies may not."""
    from jinja2 import TemplateSyntaxError, nodes

    base = location.line or 1
    try:
        statements = _parse(body).statements
    except TemplateSyntaxError as exc:
        raise TemplateError(
            f"template syntax error: {exc.message}",
            location.path,
            base + (exc.lineno or 1) - 1,
            "fix the {{ }} or {% %} markup on that line",
        ) from None
    for node in statements:
        tag = _FORBIDDEN_TAGS.get(type(node).__name__)
        if tag is None and isinstance(node, nodes.For) and node.recursive:
            tag = "for ... recursive"
        if tag is not None:
            raise TemplateError(
                f"{{% {tag} %}} is not available in clause bodies",
                location.path,
                base + node.lineno - 1,
                "write the text into the clause, or add the other clause to the draft",
            )


def render_jinja(body: str, values: Mapping[str, Any], location: Location) -> str:
    """The text the sandbox renders `body` to, on a fresh budget; any failure one TemplateError."""
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    base = location.line or 1
    token = _BUDGET.set(_Budget(deadline=time.monotonic() + MAX_SECONDS))
    try:
        return str(_compile(body).render(dict(values)))
    except SecurityError as exc:
        raise TemplateError(
            f"unsafe template operation refused: {exc}",
            location.path,
            base + _body_line(exc) - 1,
            "clause bodies may only use variables, filters and simple control flow",
        ) from None
    except UndefinedError as exc:
        raise TemplateError(
            f"undefined value: {exc.message}",
            location.path,
            base + _body_line(exc) - 1,
            "check the variable names",
        ) from None
    except TemplateSyntaxError as exc:  # found while compiling: an unknown filter or test
        raise TemplateError(
            f"template error: {exc.message}",
            location.path,
            base + (exc.lineno or 1) - 1,
            "use a filter Jinja knows, such as upper, lower, title, default or join",
        ) from None
    except _Exhausted as exc:
        raise TemplateError(
            f"clause body stopped: {exc}",
            location.path,
            base + _body_line(exc) - 1,
            "a clause body may print text with small loops and filters, not compute it",
        ) from None
    except Exception as exc:  # anything else a body can raise: IndexError, RecursionError ...
        raise TemplateError(
            f"template failed: {_reason(exc)}",
            location.path,
            base + _body_line(exc) - 1,
            "simplify the template expression",
        ) from None
    finally:
        _BUDGET.reset(token)


def _body_line(exc: BaseException) -> int:
    """The body line the rendering was at when `exc` was raised (Jinja maps its frames)."""
    line, tb = 1, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _reason(exc: BaseException) -> str:
    """An exception's type and first 200 characters of message, on one line."""
    text = " ".join(str(exc).split())[:200]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
