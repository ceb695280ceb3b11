"""Sources of the draft: cited (with their note numbers), and the draft's own files' unused ones."""

from __future__ import annotations

from textual.widgets import Static

from drafter.library import Library
from drafter.model import Document


class CitationsPanel(Static):
    """A list of the sources the document cites, in order of first note."""

    def show(self, document: Document, library: Library, own_keys: tuple[str, ...] = ()) -> None:
        first_note: dict[str, int] = {}
        for note in document.notes:
            for key in note.keys:
                first_note.setdefault(key, note.number)
        lines = [f"[b]Cited ({len(first_note)})[/]"]
        for key, number in first_note.items():
            source = library.source(key)
            title = source.title if source else "[red]missing[/]"
            lines.append(f"  {number:>3}  {key}  [dim]{title}[/]")
        unused = [k for k in own_keys if k not in first_note]
        if unused:
            lines.append(f"\n[b]Unused in this draft's own files ({len(unused)})[/]")
            lines += [f"       {k}" for k in unused]
        self.update("\n".join(lines))
