"""Clause libraries: layered roots, loading clauses, citations, templates and styles, searching
clauses as the user types, and listings for `drafter list` and the editor's browser."""
