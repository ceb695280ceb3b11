"""Edit a draft file's own TOML so that a save changes only what the edit changed; the only
user of tomlkit. Comments, blank lines, key order, quoting and array layout all stay."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

import tomlkit
from tomlkit.container import Container
from tomlkit.items import AoT, Array, Comment, InlineTable, String, StringType, Table, Whitespace
from tomlkit.items import Item as TomlItem

from drafter.drafts.alignment import align
from drafter.drafts.file import EXTRA_ORDER, SCHEMA_VERSION, item_toml, loads_draft
from drafter.drafts.tomltext import Look, toml_text, value_key
from drafter.errors import DraftError
from drafter.model import Draft, Item

_SCALARS = (
    ("template", "proposal"),
    ("title", ""),
    ("style", "chicago-notes-bibliography"),
    ("order", ""),
    ("notes", "footnotes"),
)
_MISSING = object()
FIX = "save it in `drafter edit`, which writes it afresh and keeps the file as it was"


class LayoutLost(DraftError):
    """The file could not be edited in place to hold exactly the draft being saved."""


def edit_draft_text(original_text: str, old: Draft, new: Draft) -> str:
    """`original_text` (which reads as `old`) changed only where `new` differs from `old`."""
    try:
        doc = tomlkit.parse(original_text)
        doc = _migrated(doc)
        _edit_draft(doc, old, new)
        text = tomlkit.dumps(doc)
    except Exception as exc:  # whatever tomlkit raises mid-edit: the layout is lost, no crash
        problem = f"cannot edit the file in place ({type(exc).__name__}: {exc})"
        raise LayoutLost(problem, new.path, None, FIX) from None
    try:
        again = loads_draft(text, new.path)
    except DraftError as exc:
        problem = f"editing the file in place broke it ({exc.message})"
        raise LayoutLost(problem, new.path, exc.line, FIX) from None
    if again != new or _draft_key(again) != _draft_key(new):
        raise LayoutLost(
            "editing the file in place did not give the draft saved", new.path, None, FIX
        )
    return text


# --- schema migrations, done on the document so renamed keys stay where they were ---


def _migrated(doc: tomlkit.TOMLDocument) -> tomlkit.TOMLDocument:
    schema = doc.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema >= SCHEMA_VERSION:
        return doc
    for version in range(schema, SCHEMA_VERSION):
        DOC_MIGRATIONS[version](doc)
    doc["schema"] = SCHEMA_VERSION
    return tomlkit.parse(tomlkit.dumps(doc))  # renamed keys indexed afresh


def _v1_to_v2(doc: tomlkit.TOMLDocument) -> None:
    """`closing = "..."` at the top level became `sign_off` (see `drafts.file._v1_to_v2`)."""
    if "closing" not in doc or isinstance(doc["closing"], dict | list):
        return
    if "sign_off" in doc:
        del doc["closing"]
    else:
        value = doc.item("closing")
        assert isinstance(value, TomlItem)  # a plain value: not a table split in parts
        doc._replace("closing", "sign_off", value)


DOC_MIGRATIONS = {1: _v1_to_v2}


# --- the draft's parts ----------------------------------------------------------


def _edit_draft(doc: tomlkit.TOMLDocument, old: Draft, new: Draft) -> None:
    for key, default in _SCALARS:
        if getattr(old, key) != getattr(new, key):
            value = getattr(new, key)
            if key in doc:
                _edit_value(doc, key, value)
            elif value != default:
                _add(doc, key, value)
    if old.sources != new.sources:
        _put(doc, "sources", list(new.sources))
    if not _same(dict(old.vars), dict(new.vars)):
        if "vars" in doc:
            _edit_value(doc, "vars", dict(new.vars))
        elif new.vars:
            _add_table(doc, "vars", dict(new.vars), before="sections")
    if not _same(_sections(old), _sections(new)):
        _edit_sections(doc, old, new)
    for key in dict.fromkeys([*EXTRA_ORDER, *old.extra, *new.extra]):
        before, after = old.extra.get(key, _MISSING), new.extra.get(key, _MISSING)
        if after is _MISSING:
            if key in doc:
                del doc[key]
        elif before is _MISSING or key not in doc:
            _add(doc, key, after)
        elif not _same(before, after):
            _edit_value(doc, key, after)


def _edit_sections(doc: tomlkit.TOMLDocument, old: Draft, new: Draft) -> None:
    if "sections" not in doc:
        _add_table(doc, "sections", _sections(new))
        return
    table = doc["sections"]
    if isinstance(table, InlineTable) and set(old.sections) != set(new.sections):
        doc["sections"] = _node(_sections(new), table)
        return
    for name in [n for n in old.sections if n not in new.sections]:
        del table[name]
    for name, items in new.sections.items():
        values = [item_toml(i) for i in items]
        if name not in old.sections or name not in table:
            _add(table, name, values)
            continue
        old_keys = [value_key(item_toml(i)) for i in old.sections[name]]
        if old_keys != [value_key(v) for v in values]:
            array = table[name]
            if not isinstance(array, Array) or len(array) != len(old_keys):
                table[name] = _node(values, array)
                continue
            ids = ([_identity(i) for i in old.sections[name]], [_identity(i) for i in items])
            _edit_sequence(array, old_keys, [value_key(v) for v in values], values, ids)


def _sections(draft: Draft) -> dict[str, list[Any]]:
    """The draft's sections as the TOML values drafter writes for them."""
    return {name: [item_toml(i) for i in items] for name, items in draft.sections.items()}


def _identity(item: Item) -> Any:
    """What stays the same when an item is edited: its clause (or the one its text began as)."""
    origin = item.clause or item.edited_from
    return ("clause", origin) if origin else ("text", item.text)


# --- generic edits of tables, arrays and values ----------------------------------


def _put(parent: Any, key: str, value: Any) -> None:
    if key in parent:
        _edit_value(parent, key, value)
    else:
        _add(parent, key, value)


def _edit_value(parent: Any, key: str | int, value: Any) -> None:
    """Make `parent[key]` hold `value`, touching as little of it as possible."""
    node = parent[key]
    current = _plain(node)
    if _same(current, value):
        return
    # a table is edited key by key; an inline table only when it keeps the same keys, else
    # it is written anew (it is one line either way)
    same_keys = (
        isinstance(node, InlineTable) and isinstance(value, dict) and set(current) == set(value)
    )
    if isinstance(value, dict) and (isinstance(node, Table) or same_keys):
        _edit_table(node, value)
        return
    if isinstance(value, list) and isinstance(node, Array | AoT) and _fits(node, value):
        _edit_sequence(node, [value_key(v) for v in current], [value_key(v) for v in value], value)
        return
    parent[key] = _node(value, node)


def _fits(node: Array | AoT, value: list[Any]) -> bool:
    """An array of tables holds only tables; an empty one becomes an inline array instead."""
    return not isinstance(node, AoT) or _tables(value)


def _tables(value: Any) -> bool:
    """Whether `value` is a non-empty list of tables: written as `[[name]]` tables."""
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _edit_table(table: Any, value: dict[str, Any]) -> None:
    current = _plain(table)
    for key in [k for k in current if k not in value]:
        del table[key]
    for key, item in value.items():
        if key in current:
            _edit_value(table, key, item)
        else:
            _add(table, key, item)


def _edit_sequence(
    node: Array | AoT,
    old_keys: list[Any],
    new_keys: list[Any],
    values: Sequence[Any],
    ids: tuple[list[Any], list[Any]] | None = None,
) -> None:
    """Edit an array item by item: changed items in place, removed ones dropped, added ones
    inserted where they belong; an item moved elsewhere takes its comment along. `ids` say
    which old and new items are the same item edited (for draft items: the clause)."""
    old_ids, new_ids = ids or (old_keys, new_keys)
    pairs = align(old_keys, new_keys, old_ids, new_ids)
    kept_old, kept_new = {i for i, _ in pairs}, {j for _, j in pairs}
    removed: dict[Any, list[tuple[Any, Comment | None]]] = {}
    for i in range(len(old_keys)):
        if i not in kept_old:
            removed.setdefault(old_ids[i], []).append((copy.deepcopy(node[i]), _comment(node, i)))
    for i, j in pairs:
        if old_keys[i] != new_keys[j]:
            _edit_value(node, i, values[j])
    for i in sorted(set(range(len(old_keys))) - kept_old, reverse=True):
        del node[i]
    for j in sorted(set(range(len(new_keys))) - kept_new):  # each lands at its final place
        moved = removed.get(new_ids[j])
        if moved:
            item, comment = moved.pop(0)
            node.insert(j, item)
            _set_comment(node, j, comment)
            _edit_value(node, j, values[j])
        elif isinstance(node, AoT):
            _insert_table(node, j, _table(values[j]))
        else:
            node.insert(j, _node(values[j], _neighbour(node, j)))


def _insert_table(node: AoT, at: int, table: Table) -> None:
    """A new `[[name]]` table, set off by a blank line where the others are."""
    spaced = any(_ends_blank(t) for t in node.body)
    node.insert(at, table)
    if not spaced:
        return
    if at < len(node.body) - 1 or _ends_blank(node.body[at - 1]):
        table.append(None, tomlkit.nl())
    else:
        node.body[at - 1].append(None, tomlkit.nl())


def _ends_blank(table: Table) -> bool:
    body = table.value.body
    return bool(body) and isinstance(body[-1][1], Whitespace) and "\n" in body[-1][1].s


def _comment(node: Array | AoT, index: int) -> Comment | None:
    """The comment on an array item's own line (tomlkit keeps it with the item)."""
    if not isinstance(node, Array):
        return None
    group = node._value[node._index_map[index]]
    return copy.deepcopy(group.comment) if group.comment is not None else None


def _set_comment(node: Array | AoT, index: int, comment: Comment | None) -> None:
    if comment is not None and isinstance(node, Array):
        node._value[node._index_map[index]].comment = comment


def _neighbour(node: Array | AoT, index: int) -> Any:
    """An item near `index` to copy the look of (quotes, spacing in braces)."""
    items = list(node)
    if not items:
        return None
    return items[min(index, len(items) - 1)] if index < len(items) else items[-1]


def _add(container: Any, key: str, value: Any) -> None:
    """Add `key` in a sensible place: a value after the last value of its table (before the
    comments that head the next table), a table at the end of the file."""
    if isinstance(container, InlineTable):
        container[key] = _node(value, next(iter(container.values()), None))
        return
    if isinstance(value, dict) or _tables(value):
        _add_table(container, key, value)
        return
    body = _body(container)
    places = [
        n for n, (k, v) in enumerate(body) if k is not None and not isinstance(v, Table | AoT)
    ]
    node = _node(value, None)
    if places:
        at = places[-1] + 1
        node.trivia.indent = body[places[-1]][1].trivia.indent
    else:
        tables = [n for n, (k, v) in enumerate(body) if isinstance(v, Table | AoT)]
        at = tables[0] if tables else len(body)
        while at > 0 and body[at - 1][0] is None and isinstance(body[at - 1][1], Comment):
            at -= 1  # the comment above the first table belongs to it
    _insert(container, at, key, node)


def _add_table(
    container: Any, key: str, value: dict[str, Any] | list[Any], before: str = ""
) -> None:
    if isinstance(value, list):
        node: Any = tomlkit.aot()
        for entry in value:
            node.append(_table(entry))
    else:
        node = _table(value)
    body = _body(container)
    at = next((n for n, (k, _) in enumerate(body) if k is not None and k.key == before), None)
    if at is None:
        if body and not str(body[-1][1].as_string()).endswith("\n\n"):
            container.add(tomlkit.nl())
        container.append(key, node)
        return
    while at > 0 and body[at - 1][0] is None and isinstance(body[at - 1][1], Comment):
        at -= 1
    if isinstance(node, Table):
        node.append(None, tomlkit.nl())
    _insert(container, at, key, node)


def _table(value: dict[str, Any]) -> Table:
    table = tomlkit.table()
    for key, item in value.items():
        if isinstance(item, dict) and item:
            table.append(key, _table(item))
        else:
            table.append(key, _node(item, None))
    return table


def _body(container: Any) -> list[Any]:
    return container.body if isinstance(container, Container) else container.value.body


def _insert(container: Any, at: int, key: str, node: Any) -> None:
    inner = container if isinstance(container, Container) else container.value
    if at >= len(inner.body):
        container.append(key, node)
    else:
        inner._insert_at(at, key, node)


# --- values written like their neighbours ----------------------------------------


def _node(value: Any, like: Any) -> Any:
    """A tomlkit value for `value`, quoted and spaced like `like` where it can be."""
    return tomlkit.parse(f"v = {toml_text(value, _look(like))}\n")["v"]


def _look(like: Any) -> Look:
    """How `like` is written: quotes, spaces inside braces, and the look of what it holds."""
    if isinstance(like, String):
        return Look(literal=like.type is StringType.SLL)
    if isinstance(like, InlineTable):
        inner = next(iter(like.values()), None)
        return Look(spaced=like.as_string().startswith("{ "), inner=_look(inner))
    if isinstance(like, Array) and len(like):
        return Look(inner=_look(like[0]))
    return Look()


# --- comparing plain values strictly (1 is not true, 1 is not 1.0) -------------------


def _plain(node: Any) -> Any:
    return node.unwrap() if hasattr(node, "unwrap") else node


def _draft_key(draft: Draft) -> Any:
    """Everything a draft file says, compared strictly."""
    fields = {key: getattr(draft, key) for key, _ in _SCALARS}
    fields.update(schema=draft.schema, sources=list(draft.sources), vars=dict(draft.vars))
    return value_key({**fields, "sections": _sections(draft), "extra": dict(draft.extra)})


def _same(a: Any, b: Any) -> bool:
    return value_key(_plain(a)) == value_key(_plain(b))
