"""Fields citeproc does not know, as Zotero exports them, render without a word on stderr."""

from __future__ import annotations

import warnings
from dataclasses import replace

from citing import cite

from drafter.citations import CitationRenderer, renderer, resolve_style
from drafter.model import Source


def test_unknown_csl_fields_raise_no_warning(sources: dict[str, Source]) -> None:
    renderer._rendered.clear()
    odd: dict[str, Source] = dict(sources)
    doe = odd["doe"]
    odd["doe"] = replace(doe, csl={**doe.csl, "system_id": "zotero|1/ABC", "zotero_key": "ABC"})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        notes = CitationRenderer(resolve_style("chicago-notes-bibliography"), odd).render(
            [cite("doe")]
        )
    assert notes and not caught, [str(w.message) for w in caught]
