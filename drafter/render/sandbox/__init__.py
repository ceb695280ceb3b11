"""The Jinja2 sandbox clause bodies render in, strict, without a loader and on a budget: a body's
syntax checked, the names it reads, and its rendering, any failure one TemplateError.

drafter's only Jinja2 user; jinja2 itself is imported on first use, so a body that only prints
variables (`placeholders_only`) never loads it. The environment and the guard on a parsed body
are in `environment`, the budget and the weighing of values in `budget`, the checks before an
operation runs in `checks`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from drafter.errors import TemplateError
from drafter.model import Location
from drafter.render.limits import Exhausted
from drafter.render.nesting import within_limits
from drafter.render.sandbox.budget import BUDGET, MAX_SECONDS, Budget
from drafter.render.sandbox.environment import JINJA_GLOBALS, env, guard

if TYPE_CHECKING:
    from jinja2 import nodes

# A `{{ name }}` placeholder: a body made only of these needs no sandbox (`placeholders_only`).
PLACEHOLDER = re.compile(r"\{\{ *([A-Za-z_][A-Za-z0-9_]*) *\}\}")
_FORBIDDEN_TAGS = {
    "Extends": "extends",
    "Include": "include",
    "Import": "import",
    "FromImport": "from ... import",
}


@lru_cache(maxsize=4096)
def placeholders_only(body: str) -> bool:
    """Whether the body's only template markup is `{{ name }}` placeholders."""
    rest = PLACEHOLDER.sub("", body)
    if any(mark in rest for mark in ("{{", "{%", "{#")) or "\r" in body:
        return False
    return not any(m.group(1) in JINJA_GLOBALS for m in PLACEHOLDER.finditer(body))


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

    return within_limits(body, env().lex, _read, TemplateSyntaxError)


def _read(body: str) -> _Read:
    from jinja2 import meta, nodes

    tree = env().parse(body)
    free = meta.find_undeclared_variables(tree) - set(env().globals)
    used: dict[str, int] = {}
    for node in tree.find_all(nodes.Name):
        if node.ctx == "load" and node.name in free:
            used.setdefault(node.name, node.lineno)
    return _Read(tuple(used.items()), tuple(tree.find_all(nodes.Stmt)))


@lru_cache(maxsize=4096)
def _compile(body: str) -> Any:
    """The guarded, compiled template of `body` (its nesting checked by `_parse`), cached."""
    compile_ = lambda b: env().from_string(guard(env().parse(b)))  # noqa: E731
    return within_limits(body, lambda _: (), compile_, lambda message, _: Exhausted(message))


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
    token = BUDGET.set(Budget(deadline=time.monotonic() + MAX_SECONDS))
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
    except Exhausted as exc:
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
        BUDGET.reset(token)


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
