"""Rendered notes are reused when nothing that shapes them changed: clusters, sources, style."""

from __future__ import annotations

from dataclasses import replace

import pytest
from citing import cite

from drafter.citations import CitationRenderer, renderer, resolve_style
from drafter.model import Source, Span

CHICAGO = "chicago-notes-bibliography"


def test_the_same_citations_are_rendered_once(
    sources: dict[str, Source], monkeypatch: pytest.MonkeyPatch
) -> None:
    from drafter.citations import engine

    renderer._rendered.clear()
    calls = 0
    real = engine.render

    def counting(*args: object) -> list[tuple[Span, ...]]:
        nonlocal calls
        calls += 1
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "render", counting)
    clusters = [cite("doe"), cite("roe", "4"), cite("doe")]
    first = CitationRenderer(resolve_style(CHICAGO), sources).render(clusters)
    again = CitationRenderer(resolve_style(CHICAGO), sources).render(clusters)
    assert first == again and calls == 1
    CitationRenderer(resolve_style(CHICAGO), sources).render([*clusters, cite("roe")])
    assert calls == 2


def test_a_changed_source_is_rendered_afresh(sources: dict[str, Source]) -> None:
    renderer._rendered.clear()
    clusters = [cite("doe")]
    before = CitationRenderer(resolve_style(CHICAGO), sources).render(clusters)
    changed: dict[str, Source] = dict(sources)
    doe = changed["doe"]
    changed["doe"] = replace(doe, csl={**doe.csl, "title": "A Different Story"})
    after = CitationRenderer(resolve_style(CHICAGO), changed).render(clusters)
    assert before != after
    assert "A Different Story" in "".join(s.text for s in after[0])


def test_a_style_file_is_read_again_only_when_it_changes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    style = tmp_path / "mine.csl"
    style.write_bytes(resolve_style(CHICAGO).read_bytes())
    data, digest = renderer._style_bytes(style)
    assert renderer._style_bytes(style)[0] is data  # the same bytes object: not read again
    style.write_bytes(data.replace(b"<title>", b"<title>Mine: ", 1))
    changed, other = renderer._style_bytes(style)
    assert other != digest and b"Mine: " in changed
