"""The drafting app: owns the session (draft, history, library); screens and widgets show it
and ask for changes by message. `create_app` is the one factory for the CLI and the tests."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen

from drafter.citations import catalogue_styles
from drafter.drafts.editing import Position, set_fields, set_item_text
from drafter.drafts.recovery import discard_autosave, pending_recovery
from drafter.errors import DrafterError, visible
from drafter.kinds.kind import LETTER_DETAILS
from drafter.kinds.registry import kind_of
from drafter.model import Draft
from drafter.output.export import default_output, export_checked
from drafter.pipeline import build, open_library
from drafter.review.harvest import harvest_draft
from drafter.review.matcher import to_draft_text
from drafter.sources.entry import SourceFields, csl_to_fields, fields_to_csl
from drafter.tui.commands import DrafterCommands
from drafter.tui.dialogs.help import HelpDialog, keys_of
from drafter.tui.dialogs.letter_form import LetterForm, apply_values, form_values
from drafter.tui.dialogs.prompt import ChoiceDialog, ConfirmDialog, PromptDialog
from drafter.tui.dialogs.source_form import SourceForm
from drafter.tui.screens.editor import EditorScreen
from drafter.tui.screens.review import ReviewScreen
from drafter.tui.session import Session
from drafter.tui.widgets.citations_panel import CitationsPanel
from drafter.tui.widgets.outline import Outline
from drafter.tui.widgets.signatories_panel import SignatoriesPanel

AUTOSAVE_SECONDS = 3.0


class DrafterApp(App[None]):
    """Draft a proposal or letter from the clause library without leaving the keyboard."""

    CSS_PATH = "drafter.tcss"
    TITLE = "drafter"
    COMMANDS = App.COMMANDS | {DrafterCommands}
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+z", "undo", "Undo"),
        Binding("ctrl+y", "redo", "Redo"),
        Binding("ctrl+e", "export", "Export DOCX"),
        Binding("ctrl+q", "quit_app", "Quit", priority=True),
        Binding("f1", "help", "Help"),
    ]

    def __init__(self, session: Session, autosave_seconds: float = AUTOSAVE_SECONDS) -> None:
        super().__init__()
        self.session = session
        self.autosave_seconds = autosave_seconds
        self.edited_at = 0.0  # perf_counter() of the last edit, for edit-to-preview timing
        self.editor = EditorScreen(session.library)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A notification; its text (file names, values, errors) is shown as written, never
        read as markup, with control characters made visible."""
        text, heading = visible(message), visible(title)
        super().notify(text, title=heading, severity=severity, timeout=timeout, markup=False)

    # --- lifecycle --------------------------------------------------------

    def on_mount(self) -> None:
        self.sub_title = self.session.path.name
        self.editor.draft = self.session.draft
        self.push_screen(self.editor)
        self.set_interval(self.autosave_seconds, self.autosave)
        recovered = pending_recovery(self.session.path)
        if recovered is not None:
            self.push_screen(
                ConfirmDialog(
                    f"Unsaved changes to {self.session.path.name} were kept after drafter "
                    "stopped. Recover them?",
                    {"r": "recover", "d": "discard"},
                ),
                lambda answer: self._recovery_answered(answer, recovered),
            )

    def _recovery_answered(self, answer: str | None, recovered: Draft) -> None:
        if answer == "recover":
            self.apply(recovered)
            self.notify("recovered the unsaved changes")
        else:
            discard_autosave(self.session.path)

    def autosave(self) -> None:
        try:
            self.session.autosave()
        except DrafterError as error:
            self.notify(error.one_line(), severity="error")

    # --- changes ----------------------------------------------------------

    def apply(self, draft: Draft, focus: Position | str | None = None) -> None:
        """Make `draft` current (recorded for undo) and show it."""
        self.edited_at = time.perf_counter()
        if self.session.history.apply(draft):
            self._show(focus)

    def _show(self, focus: Position | str | None = None) -> None:
        if focus is not None:
            self.editor.focus_node = focus
        self.editor.draft = self.session.draft
        self.title = f"drafter{' •' if self.session.history.dirty else ''}"

    def _ask(self, dialog: ModalScreen[str | None], edit: Callable[[str], Draft]) -> None:
        """Show `dialog`; unless it is cancelled, apply `edit` of its answer to the draft."""

        def answered(value: str | None) -> None:
            if value is not None:
                self.apply(edit(value))

        self.push_screen(dialog, answered)

    # --- requests from the editor and its widgets ---------------------------

    def on_editor_screen_draft_edited(self, message: EditorScreen.DraftEdited) -> None:
        self.apply(*message.edit(self.session.draft))

    def on_citations_panel_source_edit_requested(
        self, message: CitationsPanel.SourceEditRequested
    ) -> None:
        self.edit_source(message.key)

    def edit_source(self, key: str | None) -> None:
        """Open the source form on `key` (or empty), then save it where the draft can use it."""
        existing = self.session.library.source(key) if key else None
        start = csl_to_fields(dict(existing.csl)) if existing else SourceFields(title="")
        heading = f"Edit source {key}" if existing else "New source"
        self.push_screen(SourceForm(start, heading), self._source_filled)

    def _source_filled(self, fields: SourceFields | None) -> None:
        if fields is None:
            return
        try:
            taken = set(self.session.library.sources) - {fields.id}
            draft = self.session.save_source(fields_to_csl(fields, taken))
        except DrafterError as error:
            self.notify(error.one_line(), severity="error")
            return
        self.apply(draft)
        self._show()
        self.notify(f"saved source to {self.session.sources_file().name}")

    def on_signatories_panel_import_requested(
        self, message: SignatoriesPanel.ImportRequested
    ) -> None:
        """Ask for a CSV of sign-ups and merge it into the letter's signatory file."""
        self.push_screen(
            PromptDialog("CSV of sign-ups to merge (a path; form exports are understood)", ""),
            self._import_answered,
        )

    def _import_answered(self, answer: str | None) -> None:
        if not answer:
            return
        source = Path(answer).expanduser()
        if not source.is_absolute():
            source = self.session.path.parent / source
        try:
            draft, added, reported = self.session.import_signatories(source)
        except DrafterError as error:
            self.notify(error.one_line(), severity="error")
            return
        self.apply(draft)
        self._show()
        self.notify(f"{added} signatories added, {len(reported)} already listed")

    # --- actions ------------------------------------------------------------

    def action_edit_title(self) -> None:
        prompt = PromptDialog("Title", self.session.draft.title)
        self._ask(prompt, lambda value: set_fields(self.session.draft, title=value))

    def action_pick_style(self) -> None:
        names = sorted(self.session.library.styles) + [
            s for s in catalogue_styles() if s not in self.session.library.styles
        ]
        choice = ChoiceDialog("Citation style", names, self.session.draft.style)
        self._ask(choice, lambda value: set_fields(self.session.draft, style=value))

    def action_toggle_order(self) -> None:
        draft = self.session.draft
        orders = list(self.session.library.templates[draft.template].orders)
        if len(orders) > 1:
            current = draft.order or orders[0]
            following = orders[(orders.index(current) + 1) % len(orders)]
            self.apply(set_fields(draft, order=following))
            self.notify(f"section order: {following}", timeout=2)

    def action_new_draft(self) -> None:
        """Start a new draft from a template, in the current draft's folder."""
        if self.session.history.dirty:
            self.notify("save this draft first (Ctrl+S), or undo its changes", severity="warning")
            return
        templates = sorted(self.session.library.templates)

        def named(template: str | None) -> None:
            if template is None:
                return
            self.push_screen(
                PromptDialog(f"File name for the new {template} (.toml)", f"new-{template}.toml"),
                lambda name: self._open_new(template, name),
            )

        self.push_screen(ChoiceDialog("Template", templates, "proposal"), named)

    def _open_new(self, template: str, name: str | None) -> None:
        if not name:
            return
        path = self.session.path.parent / (name if name.endswith(".toml") else name + ".toml")
        if path.exists():
            self.notify(f"{path.name} already exists; choose another name", severity="warning")
            return
        self.session = Session.open(path, self.session.library, template)
        self.sub_title = path.name
        self.editor.focus_node = None
        self._show()
        self.notify(f"new {template}: {path.name} (Ctrl+S saves it)")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The letter form's key only for a kind that has the form."""
        if action == "letter_details":
            return LETTER_DETAILS in self.editor.parts
        return True

    def action_letter_details(self) -> None:
        draft = self.session.draft
        kind = kind_of(self.session.library.templates.get(draft.template))
        if LETTER_DETAILS not in kind.editor:
            self.notify("letter details belong to letters", severity="warning")
            return
        self.push_screen(LetterForm(form_values(dict(draft.extra))), self._letter_filled)

    def _letter_filled(self, values: dict[str, str] | None) -> None:
        if values is not None:
            draft = self.session.draft
            self.apply(set_fields(draft, extra=apply_values(dict(draft.extra), values)))

    def action_review_files(self) -> None:
        self.push_screen(
            PromptDialog("Returned DOCX files to review (paths, separated by spaces)", ""),
            self._review_named,
        )

    def _review_named(self, answer: str | None) -> None:
        if not answer:
            return
        paths = [Path(p).expanduser() for p in answer.split()]
        paths = [p if p.is_absolute() else self.session.path.parent / p for p in paths]
        self.harvest_files(self.session.draft, paths)

    @work(thread=True, exclusive=True, group="review")
    def harvest_files(self, draft: Draft, paths: list[Path]) -> None:
        """Read the returned files off the UI thread, then show the review."""
        try:
            result = harvest_draft(draft, self.session.library, paths)
        except DrafterError as error:
            self.call_from_thread(self.notify, error.one_line(), severity="error")
            return
        self.call_from_thread(self.push_screen, ReviewScreen(result))

    def on_review_screen_proposal_accepted(self, message: ReviewScreen.ProposalAccepted) -> None:
        proposal = message.proposal
        screen = self.screen
        document = screen.result.built.document if isinstance(screen, ReviewScreen) else None
        if document is None:
            return
        text = to_draft_text(proposal.accepted, document)
        self.apply(set_item_text(self.session.draft, proposal.position, text), proposal.position)
        self.notify(f"accepted {proposal.reviewer}'s text for {proposal.label}", timeout=3)

    def action_new_source(self) -> None:
        self.edit_source(None)

    def action_undo(self) -> None:
        self.edited_at = time.perf_counter()
        if self.session.history.undo():
            self._show()

    def action_redo(self) -> None:
        self.edited_at = time.perf_counter()
        if self.session.history.redo():
            self._show()

    def action_save(self) -> None:
        try:
            note = self.session.save()
        except DrafterError as error:
            self.notify(error.one_line(), severity="error")
            return
        self._show()
        if note:
            self.notify(note, severity="warning", timeout=20)
        self.notify(f"saved {self.session.path}")

    def action_export(self) -> None:
        self.export_docx(self.session.draft)

    @work(thread=True, exclusive=True, group="export")
    def export_docx(self, draft: Draft) -> None:
        """Build and write the DOCX off the UI thread; a notification names the file."""
        out = default_output(self.session.path, "docx")
        try:
            result = build(draft, self.session.library)
            export_checked(result.document, out, "docx", self.session.library.roots)
        except DrafterError as error:
            self.call_from_thread(self.notify, error.one_line(), severity="error")
            return
        self.call_from_thread(self.notify, f"exported {out}")

    def action_help(self) -> None:
        groups = [
            ("Anywhere", keys_of(self.BINDINGS, displayed=True)),
            ("Editor", keys_of(EditorScreen.BINDINGS)),
            ("Outline", keys_of(Outline.BINDINGS)),
            ("Variables", [("enter", "Set value")]),
            ("Signers (letters)", [("M", "Import a CSV of sign-ups")]),
        ]
        self.push_screen(HelpDialog(groups))

    def action_quit_app(self) -> None:
        if not self.session.history.dirty:
            discard_autosave(self.session.path)
            self.exit()
            return
        self.push_screen(
            ConfirmDialog(
                "Save changes before quitting?", {"s": "save", "d": "discard", "c": "cancel"}
            ),
            self._quit_answered,
        )

    def _quit_answered(self, answer: str | None) -> None:
        if answer == "save":
            self.action_save()
            if not self.session.history.dirty:
                self.exit()
        elif answer == "discard":
            discard_autosave(self.session.path)
            self.exit()


def create_app(
    path: Path,
    library_dirs: list[Path] | tuple[Path, ...] = (),
    template: str = "proposal",
    autosave_seconds: float = AUTOSAVE_SECONDS,
    allow: list[Path] | tuple[Path, ...] = (),
) -> DrafterApp:
    """The app on the draft at `path` (a new draft from `template` if the file does not exist);
    the draft may name files under the `allow` folders as well as beside it."""
    session = Session.open(path, open_library(library_dirs, allow), template)
    # The library lives as long as the editor: keep it out of the collector's walks, which
    # otherwise stall keystrokes by tens of milliseconds in a 10,000-clause library.
    gc.freeze()
    return DrafterApp(session, autosave_seconds)
