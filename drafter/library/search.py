"""Searching the clause library as the user types: every query word must appear in a clause's id,
title, tags or text (or follow the id's letters in order); id and title weigh more than text.

The index keeps each clause's fields lowercased once; when a keystroke extends the last word or
adds one, only that word is scored, and only over the previous query's matches.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from drafter.model import Clause

WEIGHTS = (6, 4, 3, 1)  # id, title, tags, text


@dataclass(frozen=True)
class _Entry:
    clause: Clause
    fields: tuple[str, str, str, str]  # id, title, tags, text, lowercased
    everything: str  # the fields joined, for a first quick test

    @classmethod
    def of(cls, clause: Clause) -> _Entry:
        tags = " ".join(clause.tags)
        fields = (clause.id.lower(), clause.title.lower(), tags.lower(), clause.body.lower())
        return cls(clause, fields, "\n".join(fields))


class ClauseIndex:
    """Clauses ready to search; build once per library."""

    def __init__(self, clauses: Iterable[Clause]) -> None:
        self.entries = sorted((_Entry.of(c) for c in clauses), key=lambda e: e.clause.id)
        # the last query's words and its matches as (score without the last word, score, entry)
        self._last: tuple[list[str], list[tuple[int, int, _Entry]]] = ([], [])

    def search(self, query: str, kind: str | None = None, limit: int = 200) -> list[Clause]:
        """The best `limit` matches; clauses of `kind` first on equal scores, then by id."""
        words = query.lower().split()
        before, rows = self._last
        if words and before and words[:-1] == before[:-1] and words[-1].startswith(before[-1]):
            base = [(prefix, e) for prefix, _, e in rows]  # the last word grew: rescore it only
        elif words and before and words[:-1] == before:
            base = [(total, e) for _, total, e in rows]  # a word was added: score the new one
        else:
            base = [(0, e) for e in self.entries]
            for word in words[:-1]:
                base = [(t + w, e) for t, e in base if (w := weight(word, e))]
        if words:
            last = words[-1]
            rows = [(t, t + w, e) for t, e in base if (w := weight(last, e))]
        else:
            rows = [(0, 0, e) for _, e in base]
        self._last = (words, rows)
        return _best([(total, e) for _, total, e in rows], kind, limit)


def _best(scored: list[tuple[int, _Entry]], kind: str | None, limit: int) -> list[Clause]:
    """Highest score first; within a score, `kind` first; the entries are in id order already."""
    out: list[Clause] = []
    for level in sorted({total for total, _ in scored}, reverse=True):
        bucket = [e.clause for total, e in scored if total == level]
        out += [c for c in bucket if c.kind == kind] + [c for c in bucket if c.kind != kind]
        if len(out) >= limit:
            break
    return out[:limit]


def weight(word: str, entry: _Entry) -> int:
    """How well one word matches a clause: by the best field it is in, 2 for a subsequence of
    the id's letters, 0 when it does not match."""
    if word not in entry.everything:
        return 2 if _subsequence(word, entry.fields[0]) else 0
    fields = entry.fields
    return 6 if word in fields[0] else 4 if word in fields[1] else 3 if word in fields[2] else 1


def _subsequence(word: str, text: str) -> bool:
    it = iter(text)
    return all(char in it for char in word)
