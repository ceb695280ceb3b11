"""What the app edits: the draft file's path, the library, and the undo history."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from drafter.drafts.editing import History
from drafter.drafts.file import load_draft, loads_draft
from drafter.drafts.paths import draft_path
from drafter.drafts.recovery import autosave_path, discard_autosave, write_autosave
from drafter.drafts.save import LayoutLost, save_draft, save_fresh
from drafter.kinds.signatories import Duplicate, merge
from drafter.kinds.signatory_files import read_csv, write_csv
from drafter.library.load import Library
from drafter.model import Draft, Template
from drafter.sources.entry import save_source


@dataclass
class Session:
    """One draft being edited. The app holds it; widgets get what they show from it."""

    path: Path
    library: Library
    history: History
    last_autosaved: Draft | None = field(default=None)

    @classmethod
    def open(cls, path: Path, library: Library, template: str = "proposal") -> Session:
        """The draft at `path`, or a new empty one from `template` when there is no file yet."""
        if path.is_file():
            draft = load_draft(path)
        else:
            draft = empty_draft(library.templates[template], path)
        return cls(path, library, History(draft))

    @property
    def draft(self) -> Draft:
        return self.history.current

    def sources_file(self) -> Path:
        """Where sources typed in the editor go: the draft's own `<name>.sources.json`."""
        return self.path.with_name(f"{self.path.stem}.sources.json")

    def save_source(self, item: dict[str, Any]) -> Draft:
        """Write `item` to the draft's sources file; the draft, listing that file if it did not."""
        target = self.sources_file()
        source = save_source(target, item)
        self.library.add_sources([source])
        if target.name in self.draft.sources:
            return self.draft
        return replace(self.draft, sources=(*self.draft.sources, target.name))

    def signatory_file(self) -> Path:
        """The letter's signatory CSV: the one the draft names, else `<name>.signatories.csv`."""
        table = self.draft.extra.get("signatories", {})
        named = table.get("file") if isinstance(table, dict) else None
        if not named:
            return self.path.with_name(f"{self.path.stem}.signatories.csv")
        return draft_path(
            str(named),
            self.path,
            self.library.draft_roots,
            what="[signatories] file",
            line=self.draft.key_lines.get("signatories"),
        )

    def import_signatories(self, source: Path) -> tuple[Draft, int, list[Duplicate]]:
        """Merge a CSV of sign-ups into the signatory file; the draft now naming that file,
        how many were added, and the ones already listed."""
        incoming = read_csv(source, aliases=True)
        target = self.signatory_file()
        existing = read_csv(target) if target.is_file() else []
        merged, reported = merge(existing, incoming)
        write_csv(target, merged)
        table = dict(self.draft.extra.get("signatories", {}) or {})
        table["file"] = table.get("file") or target.name
        draft = replace(self.draft, extra={**self.draft.extra, "signatories": table})
        return draft, len(merged) - len(existing), reported

    def save(self) -> str | None:
        """Write the draft file, then drop the autosave; a stale sidecar is first brought up to
        date, so a crash between the two never offers older work back as a recovery. The file
        is edited in place (comments and layout kept); when that cannot be done it is written
        afresh and the file as it was kept as `NAME.before-save.N.toml`: what to tell the user."""
        if autosave_path(self.path).exists() and self.draft != self.last_autosaved:
            write_autosave(self.draft, self.path)
            self.last_autosaved = self.draft
        note = None
        try:
            save_draft(self.draft, self.path)
        except LayoutLost as lost:
            kept = save_fresh(self.draft, self.path)
            note = f"{lost.message}; wrote {self.path.name} afresh" + (
                f", the file as it was is kept as {kept.name}" if kept else ""
            )
        self.history.mark_saved()
        discard_autosave(self.path)
        return note

    def autosave(self) -> bool:
        """Write the sidecar when there are unsaved changes not yet autosaved; drop the one
        this session wrote once undo has brought the draft back to the saved file."""
        if not self.history.dirty:
            if self.last_autosaved is not None:
                discard_autosave(self.path)
                self.last_autosaved = None
            return False
        if self.draft == self.last_autosaved:
            return False
        write_autosave(self.draft, self.path)
        self.last_autosaved = self.draft
        return True


def empty_draft(template: Template, path: Path | None) -> Draft:
    """A draft with the template's sections and no items: what `drafter edit new.toml` starts."""
    starter = loads_draft(template.starter, path) if template.starter else Draft()
    return Draft(
        template=template.name,
        style=starter.style,
        order=starter.order,
        notes=starter.notes,
        sections={s.id: () for s in template.sections},
        path=path,
    )
