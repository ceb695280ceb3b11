"""The editor: outline on the left; library, preview, issues, variables and citations on the
right; the word meter below. It turns its widgets' requests into edits, which it sends up to
the app by message; builds run in a worker and report back by message."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, TabbedContent, TabPane

from drafter.drafts.editing import (
    Position,
    add_item,
    duplicate_item,
    move_item,
    remove_item,
    set_item_text,
    set_item_var,
    set_var,
)
from drafter.errors import DrafterError
from drafter.kinds.kind import LETTER_DETAILS, SIGNATORIES, ReadContext
from drafter.kinds.registry import kind_of
from drafter.library.load import Library
from drafter.model import Cite, Draft, Item, Location, Span, Template
from drafter.pipeline import BuildResult, build
from drafter.render.clauses import render_text
from drafter.tui.dialogs.prompt import ChoiceDialog, PromptDialog
from drafter.tui.dialogs.text_edit import TextEditDialog
from drafter.tui.shown import shown
from drafter.tui.widgets.citations_panel import CitationsPanel
from drafter.tui.widgets.issues_panel import IssuesPanel
from drafter.tui.widgets.library_browser import LibraryBrowser
from drafter.tui.widgets.outline import Node, Outline
from drafter.tui.widgets.preview import PreviewPane
from drafter.tui.widgets.signatories_panel import SignatoriesPanel
from drafter.tui.widgets.variables_panel import VariablesPanel, variable_rows
from drafter.tui.widgets.word_meter import WordMeter

# An edit: the current draft -> the edited draft, and the node the outline's cursor goes to.
Edit = Callable[[Draft], tuple[Draft, Node | None]]


class EditorScreen(Screen[None]):
    """Shows `draft` (set by the app after every change) and turns widget requests into edits."""

    BINDINGS = [
        Binding("slash", "tab('library', '#search')", "Find clause"),
        Binding("p", "tab('preview')", "Preview"),
        Binding("i", "tab('issues')", "Issues"),
        Binding("v", "tab('variables')", "Variables"),
        Binding("c", "tab('citations')", "Citations"),
        Binding("g", "tab('signers', '#signer-table')", "Signers"),
        Binding("L", "app.letter_details", "Letter details"),
        Binding("R", "app.review_files", "Review"),
        Binding("ctrl+o", "focus_outline", "Outline"),
        Binding("t", "app.edit_title", "Title"),
        Binding("s", "app.pick_style", "Style"),
        Binding("o", "app.toggle_order", "Order"),
    ]

    draft: reactive[Draft | None] = reactive(None, always_update=True)

    @dataclass
    class PreviewBuilt(Message):
        """A build of the current draft finished; `seconds` is how long it took."""

        draft: Draft
        result: BuildResult | None
        error: str | None
        seconds: float

    @dataclass
    class ClausePreviewRendered(Message):
        """A library clause's preview text (Rich markup) is ready."""

        clause_id: str
        markup: str

    @dataclass
    class DraftEdited(Message):
        """The user edited the draft. `edit` makes the edited draft (and the item or section
        the outline's cursor goes to) from the current one when the app applies it, so edits
        asked for in quick succession each apply to the one before."""

        edit: Edit

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.focus_node: Position | str | None = None
        self.last_result: BuildResult | None = None
        self.highlighted_clause: str | None = None
        self._ready = False  # widgets exist only once mounted
        self.preview_shown_at = 0.0  # perf_counter() when the current preview was shown
        self.parts: frozenset[str] = frozenset({SIGNATORIES, LETTER_DETAILS})  # the kind's

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield Outline(id="outline")
            with TabbedContent(id="tabs", initial="library"):
                with TabPane("Library", id="library"):
                    yield LibraryBrowser(self.library, id="browser")
                with TabPane("Preview", id="preview"):
                    yield PreviewPane(id="preview-pane")
                with TabPane("Issues", id="issues"):
                    yield IssuesPanel(id="issues-panel")
                with TabPane("Vars", id="variables"):
                    yield VariablesPanel(id="variables-panel")
                with TabPane("Sources", id="citations"):
                    yield CitationsPanel(id="citations-panel")
                with TabPane("Signers", id="signers"):
                    yield SignatoriesPanel(id="signers-panel")
        yield WordMeter("words: —", id="meter")
        yield Footer()

    # --- attributes down -----------------------------------------------

    def watch_draft(self, draft: Draft | None) -> None:
        if draft is None or not self._ready:
            return
        template = self.library.templates[draft.template]
        self.query_one(Outline).show(draft, template, self.library, self.focus_node)
        self.query_one(VariablesPanel).show(variable_rows(draft, self.library))
        self._show_signers(draft, template)
        self.build_preview(draft)

    def on_mount(self) -> None:
        self._ready = True
        self.query_one(Outline).focus()
        if self.draft is not None:
            self.watch_draft(self.draft)

    def _show_signers(self, draft: Draft, template: Template | None) -> None:
        panel = self.query_one(SignatoriesPanel)
        kind = kind_of(template)
        shown = SIGNATORIES in kind.editor
        if kind.editor != self.parts:  # tabs and keys only for the parts the kind has
            self.parts = kind.editor
            tabs = self.query_one(TabbedContent)
            if shown:
                tabs.show_tab("signers")
            else:
                tabs.hide_tab("signers")
            self.refresh_bindings()
            self.app.refresh_bindings()
        if not shown:
            panel.show((), (), "only letters have signatories")
            return
        context = ReadContext(tuple(self.library.draft_roots))
        try:
            signers = kind.read(draft, context).signers()
        except DrafterError as error:
            panel.show((), (), error.one_line())
            return
        panel.show(signers.people, signers.groups)

    @work(thread=True, exclusive=True, group="preview")
    def build_preview(self, draft: Draft) -> None:
        """Build in a thread; the newest request wins."""
        start = time.perf_counter()
        try:
            result, error = build(draft, self.library), None
        except DrafterError as exc:
            result, error = None, exc.one_line()
        self.post_message(self.PreviewBuilt(draft, result, error, time.perf_counter() - start))

    def on_editor_screen_preview_built(self, message: PreviewBuilt) -> None:
        if message.draft != self.draft:
            return  # an older draft's build finished late
        preview = self.query_one(PreviewPane)
        if message.result is None:
            preview.show(None, message.error or "build failed")
            self.query_one(WordMeter).show(None)
            return
        self.last_result = message.result
        preview.show(message.result.document)
        self.preview_shown_at = time.perf_counter()
        self.query_one(WordMeter).show(message.result.counts)
        self.query_one(IssuesPanel).show(message.result.issues)
        self.query_one(CitationsPanel).show(
            message.result.document, self.library, message.result.own_keys
        )

    # --- messages up: widget requests become edits ----------------------

    def on_outline_position_highlighted(self, message: Outline.PositionHighlighted) -> None:
        self.focus_node = message.node
        section = message.node.section if isinstance(message.node, Position) else message.node
        template = self.library.templates[self.draft.template] if self.draft else None
        spec = template.section(section) if template else None
        self.query_one(LibraryBrowser).set_kind(spec.kind if spec else None)

    def on_outline_change_requested(self, message: Outline.ChangeRequested) -> None:
        op, at, offset = message.op, message.position, message.offset
        if op == "move":
            self._edited(lambda draft: move_item(draft, at, offset))
        elif op == "remove":
            self._edited(lambda draft: (remove_item(draft, at), at.section))
        elif op == "duplicate":
            after = Position(at.section, at.index + 1)
            self._edited(lambda draft: (duplicate_item(draft, at), after))
        elif op == "edit":
            self._edit_text(at)
        elif op == "item_var":
            self._edit_item_variable(at)

    def _edited(self, edit: Edit) -> None:
        """Send `edit` up to the app, which applies it to the draft as it is by then."""
        self.post_message(self.DraftEdited(edit))

    def _edit_text(self, at: Position) -> None:
        if self.draft is None:
            return
        item = self.draft.sections[at.section][at.index]
        clause = self.library.clause(item.clause or "")
        text = item.text if item.text is not None else (clause.body if clause else "")

        def edited(new: str | None) -> None:
            if new is not None and new != text:
                self._edited(lambda draft: (set_item_text(draft, at, new), at))

        self.app.push_screen(TextEditDialog(f"Edit {item.clause or 'text'}", text), edited)

    def _edit_item_variable(self, at: Position) -> None:
        """Choose one of the item's clause variables, then give it a value for this item only."""
        if self.draft is None:
            return
        item = self.draft.sections[at.section][at.index]
        clause = self.library.clause(item.clause or item.edited_from or "")
        if clause is None or not clause.variables:
            self.notify("this item has no variables", timeout=2)
            return
        names = [v.name for v in clause.variables]

        def chosen(name: str | None) -> None:
            if name is None:
                return
            question = f"{name} for this item only (empty: the draft's value)"
            self.app.push_screen(
                PromptDialog(question, item.vars.get(name, "")),
                lambda value: self._set_item_var(at, name, value),
            )

        self.app.push_screen(ChoiceDialog(f"Variable of {clause.id}", names), chosen)

    def _set_item_var(self, at: Position, name: str, value: str | None) -> None:
        if value is not None:
            self._edited(lambda draft: (set_item_var(draft, at, name, value or None), at))

    def on_variables_panel_edit_requested(self, message: VariablesPanel.EditRequested) -> None:
        name = message.name
        current = self.draft.vars.get(name, "") if self.draft else ""

        def answered(value: str | None) -> None:
            if value is not None:
                self._edited(lambda draft: (set_var(draft, name, value or None), None))

        question = f"Value of {name} (empty: use the default)"
        self.app.push_screen(PromptDialog(question, current), answered)

    def on_library_browser_clause_chosen(self, message: LibraryBrowser.ClauseChosen) -> None:
        clause_id, near = message.clause_id, self.focus_node
        self._edited(lambda draft: self._with_clause(draft, clause_id, near))
        self.notify(f"added {clause_id}", timeout=2)
        self.query_one("#search", Input).value = ""  # ready for the next search

    def _with_clause(self, draft: Draft, clause_id: str, near: Node | None) -> tuple[Draft, Node]:
        """`draft` with the clause added to the section for its kind (else the one at `near`),
        after `near`; and where it went."""
        clause = self.library.clause(clause_id)
        template = self.library.templates[draft.template]
        section = next((s.id for s in template.sections if clause and s.kind == clause.kind), None)
        current = near.section if isinstance(near, Position) else near
        section = section or current or template.sections[0].id
        index = near.index + 1 if isinstance(near, Position) and near.section == section else None
        new = add_item(draft, section, Item(clause=clause_id), index)
        where = index if index is not None else len(new.sections[section]) - 1
        return new, Position(section, where)

    def on_library_browser_clause_highlighted(
        self, message: LibraryBrowser.ClauseHighlighted
    ) -> None:
        self.highlighted_clause = message.clause_id
        self.render_clause_preview(message.clause_id, self.draft)

    @work(thread=True, exclusive=True, group="clause-preview")
    def render_clause_preview(self, clause_id: str, draft: Draft | None) -> None:
        """Render a library clause off the UI thread: a slow or hostile one cannot stall keys."""
        clause = self.library.clause(clause_id)
        if clause is None or draft is None:
            return
        values = {v.name: v.default for v in clause.variables if v.default is not None}
        values.update(draft.vars)
        keys: list[str] = []
        try:
            spans = render_text(clause.body, values, Location(clause.path, clause.body_line))
            text = "\n\n".join(_paragraph_text(p.inlines) for p in spans)
            keys = [i.key for p in spans for c in p.inlines if isinstance(c, Cite) for i in c.items]
        except DrafterError as exc:
            text = shown(exc.message)
        tags = ", ".join(clause.tags)
        sources = "\n".join(
            f"  @{key}  {shown(source.title) if (source := self.library.source(key)) else 'missing'}"
            for key in dict.fromkeys(keys)
        )
        markup = (
            f"[b]{shown(clause.title)}[/]  [dim]{shown(clause.kind)} · {shown(tags)}[/]\n\n{text}"
            + (f"\n\n[b]Sources[/]\n{sources}" if sources else "")
            + ("\n\n[dim]" + shown(clause.notes, keep="\n") + "[/]" if clause.notes else "")
        )
        self.post_message(self.ClausePreviewRendered(clause_id, markup))

    def on_editor_screen_clause_preview_rendered(self, message: ClausePreviewRendered) -> None:
        if message.clause_id == self.highlighted_clause:  # not one the user has moved past
            self.query_one(LibraryBrowser).show_preview(message.markup)

    def on_issues_panel_issue_chosen(self, message: IssuesPanel.IssueChosen) -> None:
        self.focus_node = message.position
        outline = self.query_one(Outline)
        outline.select(message.position)
        outline.focus()

    # --- actions --------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The Signers key only where the draft's kind lists signatories."""
        if action == "tab" and parameters[:1] == ("signers",):
            return SIGNATORIES in self.parts
        return True

    def action_tab(self, tab: str, focus: str | None = None) -> None:
        self.query_one(TabbedContent).active = tab
        if focus:
            self.query_one(focus).focus()
        elif tab == "variables":
            self.query_one(VariablesPanel).focus()
        elif tab == "issues":
            self.query_one(IssuesPanel).focus()
        elif tab == "citations":
            self.query_one(CitationsPanel).focus()

    def action_focus_outline(self) -> None:
        self.query_one(Outline).focus()


def _paragraph_text(inlines: tuple[Span | Cite, ...]) -> str:
    """A rendered clause paragraph as text, citation markers shown as `[@key]`."""
    parts = []
    for inline in inlines:
        if isinstance(inline, Cite):
            parts.append("[" + "; ".join("@" + item.key for item in inline.items) + "]")
        else:
            parts.append(inline.text)
    return shown("".join(parts), keep="\n")
