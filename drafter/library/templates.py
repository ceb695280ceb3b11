"""Templates: `templates/<name>/template.toml` (its kind of document, sections, orders and word
limit) and the `starter.toml` a new draft copies, read with every error at its line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from drafter.errors import LibraryError, quoted
from drafter.files.reading import did_you_mean, parse_toml, read_text
from drafter.kinds.names import BUILT_IN, PLAIN
from drafter.kinds.registry import all_kinds, kind_named
from drafter.model import CLAUSE_KINDS, Layout, SectionSpec, Template

TEMPLATE_KEYS = ("description", "kind", "word_limit", "rules", "frame_vars", "sections", "orders")
SECTION_KEYS = ("id", "kind", "label", "lead", "lead_each", "role", "required")
ORDER_KEYS = ("layout", "no_lead")


def load_template(path: Path) -> Template:
    """Read `templates/<name>/template.toml` and the `starter.toml` beside it."""
    text = read_text(path, LibraryError)
    data = parse_toml(text, path, LibraryError)

    def fail(message: str, line: int | None, fix: str) -> LibraryError:
        return LibraryError(message, path, line or 1, fix)

    if not data:
        raise fail("template file is empty", 1, 'write description = "..." and [[sections]] tables')
    _known_keys(data, TEMPLATE_KEYS, "template key", lambda k: front_line(text, k), fail)
    sections = _sections(data.get("sections"), text, fail)
    orders = _orders(data.get("orders", {}), sections, text, fail)
    word_limit = data.get("word_limit")
    if word_limit is not None and (
        isinstance(word_limit, bool) or not isinstance(word_limit, int) or word_limit < 1
    ):
        raise fail(
            "word_limit must be a whole number of words",
            front_line(text, "word_limit"),
            "write word_limit = 500, or leave it out",
        )
    rules = _strings(data, "rules", text, fail)
    kind = _kind(data, rules, text, fail)
    description = data.get("description", "")
    if not isinstance(description, str):
        raise fail(
            "description must be text", front_line(text, "description"), 'write description = "..."'
        )
    starter_path = path.parent / "starter.toml"
    starter = read_text(starter_path, LibraryError) if starter_path.exists() else ""
    return Template(
        name=path.parent.name,
        description=description.strip(),
        sections=sections,
        layouts=orders,
        starter=starter,
        path=path,
        word_limit=word_limit,
        rules=rules,
        kind=kind,
        frame_vars=_strings(data, "frame_vars", text, fail),
    )


def _kind(data: dict[str, Any], rules: tuple[str, ...], text: str, fail: Any) -> str:
    """The kind of document the template is: its `kind`, else the one its older `rules` name."""
    given = data.get("kind")
    if isinstance(given, str) and given in BUILT_IN and not rules:
        return given  # drafter's own kind, known by name: its module loads when it is built
    found = kind_named(given) if isinstance(given, str) else None
    if given is not None and found is None:
        kinds = all_kinds()
        fix = did_you_mean(str(given), tuple(kinds), "kinds: " + ", ".join(kinds))
        raise fail(f"unknown kind {quoted(given)}", front_line(text, "kind"), fix)
    named = {found.name} if found is not None else set()
    for rule in rules:
        by_rule = kind_named(rule)
        if by_rule is None:
            known = [k.rule for k in all_kinds().values() if k.rule]
            fix = did_you_mean(rule, known, "rules: " + ", ".join(known))
            raise fail(f"unknown rule {quoted(rule)}", front_line(text, "rules"), fix)
        named.add(by_rule.name)
    if len(named) > 1:
        message = f"a template is one kind of document, but it names {', '.join(sorted(named))}"
        raise fail(message, front_line(text, "kind" if found else "rules"), "keep one kind")
    return named.pop() if named else PLAIN


def _known_keys(
    table: dict[str, Any], known: Sequence[str], what: str, line: Any, fail: Any
) -> None:
    """Fail on the first key of `table` that is not in `known`."""
    for key in table:
        if key not in known:
            raise fail(
                f"unknown {what} {quoted(key)}",
                line(key),
                did_you_mean(key, known, "keys: " + ", ".join(known)),
            )


def _strings(data: dict[str, Any], key: str, text: str, fail: Any) -> tuple[str, ...]:
    """A template key holding a list of text."""
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail(f"{key} must be a list of text", front_line(text, key), f'write {key} = ["..."]')
    return tuple(value)


def _sections(value: Any, text: str, fail: Any) -> tuple[SectionSpec, ...]:
    """The template's [[sections]]: each with a unique id, a known kind and typed options."""
    headers = _header_lines(text, "[[sections]]")
    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
        raise fail(
            "a template needs [[sections]] tables",
            front_line(text, "sections"),
            'add [[sections]] with id = "..." and kind = "..."',
        )
    sections: list[SectionSpec] = []
    for index, spec in enumerate(value):
        line = headers[index] if index < len(headers) else front_line(text, "sections")
        _known_keys(spec, SECTION_KEYS, "section key", lambda _key, n=line: n, fail)
        section_id, kind = spec.get("id"), spec.get("kind", "paragraph")
        if not isinstance(section_id, str) or not section_id.strip():
            raise fail("a section needs an id (text)", line, 'write id = "whereas"')
        if section_id in {s.id for s in sections}:
            raise fail(
                f"two sections have the id {quoted(section_id)}", line, "give each its own id"
            )
        if kind not in CLAUSE_KINDS:
            raise fail(
                f"unknown section kind {quoted(kind)}",
                line,
                did_you_mean(str(kind), CLAUSE_KINDS, clause_kinds()),
            )
        texts = {
            k: spec.get(k, d)
            for k, d in (("label", section_id.title()), ("lead", ""), ("role", "paragraph"))
        }
        flags = {k: spec.get(k, False) for k in ("lead_each", "required")}
        if not all(isinstance(v, str) for v in texts.values()):
            raise fail(
                f"section {quoted(section_id)}: label, lead and role must be text",
                line,
                'write label = "Recitals"',
            )
        if not all(isinstance(v, bool) for v in flags.values()):
            raise fail(
                f"section {quoted(section_id)}: lead_each and required must be true or false",
                line,
                "write required = true",
            )
        sections.append(SectionSpec(id=section_id, kind=kind, **texts, **flags))
    return tuple(sections)


def _orders(
    value: Any, sections: tuple[SectionSpec, ...], text: str, fail: Any
) -> dict[str, Layout]:
    """The template's orders: layouts naming its sections or `# Heading` entries."""
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise fail(
            "orders must be tables",
            front_line(text, "orders"),
            'write [orders.standard] with layout = ["whereas", "resolved"]',
        )
    known = [s.id for s in sections]
    orders = {}
    for name, spec in value.items():
        line = front_line(text, f"orders.{name}")
        _known_keys(spec, ORDER_KEYS, f"key of order {quoted(name)}", lambda _key, n=line: n, fail)
        entries = spec.get("layout", known)
        no_lead = spec.get("no_lead", [])
        for key, listed in (("layout", entries), ("no_lead", no_lead)):
            if not isinstance(listed, list) or not all(isinstance(e, str) for e in listed):
                raise fail(
                    f"order {quoted(name)}: {key} must be a list of text",
                    line,
                    f'write {key} = ["whereas", "resolved"]',
                )
        for entry in [*entries, *no_lead]:
            if not entry.startswith("#") and entry not in known:
                raise fail(
                    f"order {quoted(name)} names unknown section {quoted(entry)}",
                    line,
                    did_you_mean(
                        entry, known, "list only the template's section ids or '# Heading' entries"
                    ),
                )
        orders[name] = Layout(name, tuple(entries), tuple(no_lead))
    if not orders:
        orders["default"] = Layout("default", tuple(known))
    return orders


def _header_lines(text: str, header: str) -> list[int]:
    """The line of each occurrence of a table header such as `[[sections]]`."""
    return [n for n, line in enumerate(text.split("\n"), 1) if line.strip().startswith(header)]


def front_line(text: str, key: str) -> int:
    """Best-effort line of a front matter key (`variables.x` finds its table header)."""
    lines = text.split("\n")
    last = key.split(".")[-1]
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if stripped.startswith("[") and key in stripped.replace('"', "").replace("'", ""):
            return number
        if stripped.split("=")[0].strip().strip("\"'") == last:
            return number
    return 1


def clause_kinds() -> str:
    return "one of " + ", ".join(CLAUSE_KINDS)
