"""Library listings as plain records, for `drafter list` and the TUI's browser."""

from __future__ import annotations

from typing import Any

from drafter.citations import catalogue_index, catalogue_styles, style_info
from drafter.library.load import Library


def list_entries(
    library: Library, what: str, tag: str | None = None, search: str | None = None
) -> list[dict[str, Any]]:
    """Records for one kind of library entry, filtered by tag and by a case-blind substring."""
    rows: list[dict[str, Any]]
    if what == "clauses":
        rows = [
            {
                "id": c.id,
                "kind": c.kind,
                "title": c.title,
                "tags": list(c.tags),
                "variables": [v.name for v in c.variables],
                "reviewed": c.reviewed.isoformat() if c.reviewed else None,
                "path": str(c.path),
            }
            for c in sorted(library.clauses.values(), key=lambda c: c.id)
            if tag is None or tag.lower() in c.tags
        ]
    elif what == "citations":
        rows = [
            {
                "id": s.id,
                "type": s.csl.get("type", ""),
                "title": s.title,
                "year": _year(s.csl),
                "url": s.csl.get("URL", ""),
                "path": str(s.location.path),
            }
            for s in sorted(library.sources.values(), key=lambda s: s.id.lower())
        ]
    elif what == "styles":
        own = [
            {"name": name, "title": style_info(path).title, "source": str(path)}
            for name, path in sorted(library.styles.items())
        ]
        titles = catalogue_index().titles  # cached: the catalogue's files are not read each time
        rows = own + [
            {"name": n, "title": titles.get(n, ""), "source": "catalogue"}
            for n in catalogue_styles()
            if n not in library.styles
        ]
    elif what == "templates":
        rows = [
            {
                "name": t.name,
                "description": t.description,
                "sections": [s.id for s in t.sections],
                "orders": list(t.orders),
                "word_limit": t.word_limit,
            }
            for t in sorted(library.templates.values(), key=lambda t: t.name)
        ]
    else:
        raise ValueError(what)
    if search:
        needle = search.lower()
        rows = [r for r in rows if needle in " ".join(map(str, r.values())).lower()]
    return rows


def _year(csl: dict[str, Any] | Any) -> str:
    issued = csl.get("issued") or {}
    parts = issued.get("date-parts") if isinstance(issued, dict) else None
    if parts and parts[0]:
        return str(parts[0][0])
    return ""
