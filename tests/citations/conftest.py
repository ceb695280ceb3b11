"""Sources shared by the citation tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from citing import Render, sample_sources, text

from drafter.citations import CitationRenderer, resolve_style
from drafter.model import CiteItem, Source


@pytest.fixture
def sources() -> dict[str, Source]:
    return sample_sources()


@pytest.fixture
def render(sources: dict[str, Source]) -> Render:
    """Render clusters (lists of CiteItem) in a named style or .csl path, as plain strings."""

    def run(style: str, *clusters: list[CiteItem]) -> list[str]:
        path = Path(style) if style.endswith(".csl") else resolve_style(style)
        notes = CitationRenderer(path, sources).render(list(clusters))
        return [text(spans) for spans in notes]

    return run
