"""Placeholder until the text-case module lands."""

from drafter.citations.csl.rich import Rich


def _map(rich: Rich, function) -> Rich:  # type: ignore[no-untyped-def]
    out = rich.copy()
    out.children = [
        function(c) if isinstance(c, str) else (c if c.nocase else _map(c, function))
        for c in out.children
    ]
    return out


def apply_case(rich: Rich, case: str, lang: str | None) -> Rich:
    if case == "lowercase":
        return _map(rich, str.lower)
    if case == "uppercase":
        return _map(rich, str.upper)
    return rich


def strip_periods(rich: Rich) -> Rich:
    return _map(rich, lambda s: s.replace(".", ""))
