"""The Rule 14a-8 word counts: conservative and alternative methods, per part."""

from __future__ import annotations

from drafter.filing.wordcount import alternative_words, conservative_words, count_words
from drafter.model import Block, Note, Span


def test_conservative_count_treats_urls_amounts_and_abbreviations_as_one_word() -> None:
    text = "The U.S. paid $15,000 (5%) — see https://example.org/a-b-c for details."
    assert conservative_words(text) == 9


def test_alternative_count_splits_compounds_and_counts_lone_symbols() -> None:
    text = "Human-rights due-diligence & know-your-customer https://x.org/a-b"
    assert conservative_words(text) == 4
    assert alternative_words(text) == 2 + 2 + 1 + 3 + 1


def test_counts_by_part_include_lead_words_and_notes() -> None:
    blocks = [
        Block("title", (Span("Report on Risk"),), "title"),
        Block("recital", (Span("AWS hosts HART."),), "whereas", lead="Whereas:"),
        Block("resolved", (Span("Shareholders request a report."),), "resolved", lead="Resolved:"),
    ]
    notes = [Note(1, (Span("https://example.org"),)), Note(2, (Span("Ibid."),))]
    counts = count_words(blocks, notes, limit=500)
    assert dict(counts.parts) == {"title": 3, "whereas": 4, "resolved": 5, "notes": 2}
    assert counts.conservative == 14
    assert counts.body_only == 9
