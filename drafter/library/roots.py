"""Where the libraries are: the built-in one (inside the installed package, or a source
checkout's top level), then the folders `DRAFTER_LIBRARY` names, then `--library` folders. Every
layer that must keep off library files (the output guard's callers) asks here."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from drafter.errors import LibraryError

ENV_VAR = "DRAFTER_LIBRARY"


def builtin_root() -> Path:
    """The built-in library: inside the installed package, or the source checkout's top level."""
    package = Path(__file__).resolve().parent.parent
    shipped = package / "_builtin"
    return shipped if shipped.is_dir() else package.parent


def library_roots(
    extra: Sequence[Path | str] = (), environ: Mapping[str, str] | None = None
) -> list[Path]:
    """Built-in root, then the roots named in DRAFTER_LIBRARY, then `extra`, in that order."""
    environ = os.environ if environ is None else environ
    roots = [builtin_root()]
    roots += [Path(p) for p in environ.get(ENV_VAR, "").split(os.pathsep) if p.strip()]
    roots += [Path(p) for p in extra]
    for root in roots[1:]:
        if not root.is_dir():
            raise LibraryError(
                "library folder not found",
                root,
                None,
                "pass a folder holding clauses/ or citations/",
            )
    return roots
