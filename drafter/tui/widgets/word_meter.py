"""The Rule 14a-8 word meter: conservative count against the limit, and words per part."""

from __future__ import annotations

from textual.widgets import Static

from drafter.filing.wordcount import WordCount
from drafter.tui.shown import shown

WARN_FROM = 475


class WordMeter(Static):
    """Shows a WordCount; its class is `ok`, `warning` (from 475) or `error` (over the limit)."""

    def show(self, counts: WordCount | None) -> None:
        self.remove_class("ok", "warning", "error")
        if counts is None:
            self.update("words: —")
            return
        limit = counts.limit
        total = counts.conservative
        level = "ok"
        if limit and total > limit:
            level = "error"
        elif limit and total >= min(WARN_FROM, limit):
            level = "warning"
        self.add_class(level)
        parts = " · ".join(
            f"{shown(counts.labels.get(p, p))} {n}" for p, n in counts.parts.items() if n
        )
        head = f"{total} / {limit} words" if limit else f"{total} words"
        self.update(f"{head}   {parts}")
