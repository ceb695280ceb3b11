"""Command-palette entries (Ctrl+P) for what the keys do, findable by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

COMMANDS = (
    ("Save the draft", "save", "write the draft TOML that drafter build reads"),
    ("Export DOCX", "export", "build the Word document beside the draft"),
    ("Undo", "undo", "take back the last change"),
    ("Redo", "redo", "make the undone change again"),
    ("Change the title", "edit_title", "the proposal's or letter's title"),
    ("Change the citation style", "pick_style", "any CSL style, or the library's"),
    ("Switch the section order", "toggle_order", "Whereas first or Resolved first"),
    ("Add a source", "new_source", "type a source into a form; saved beside the draft"),
    ("Letter details", "letter_details", "date, addressee, subject, salutation, requests, cc"),
    (
        "Review returned files",
        "review_files",
        "reviewers' changes and comments, to accept or reject",
    ),
    ("New draft from a template", "new_draft", "a proposal or a letter, in this folder"),
    ("Show every key", "help", "the help screen"),
    ("Quit", "quit_app", "asks first when there are unsaved changes"),
)


class DrafterCommands(Provider):
    """drafter's actions for the command palette."""

    async def discover(self) -> Hits:
        for name, action, help_text in COMMANDS:
            yield DiscoveryHit(name, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in COMMANDS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(name),
                    partial(self.app.run_action, action),
                    help=help_text,
                )
