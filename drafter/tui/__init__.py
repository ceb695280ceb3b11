"""The drafting TUI (Textual). `create_app` builds the app for the CLI and the tests alike."""

from drafter.tui.app import DrafterApp, create_app

__all__ = ["DrafterApp", "create_app"]
