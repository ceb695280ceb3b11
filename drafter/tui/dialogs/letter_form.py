"""A letter's frame in one form: date, addressee, subject, salutation, requests, closing, cc."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label

FIELDS = (  # key, label, placeholder
    ("date", "Date", "YYYY-MM-DD"),
    ("date_style", "Date style", "us or international"),
    ("to_name", "To", "name of the decision-maker"),
    ("to_title", "Title", "their title, verified"),
    ("to_organization", "Organization", ""),
    ("subject", "Subject", "printed as Re: …"),
    ("salutation", "Salutation", "Dear …,"),
    ("requests", "Requests", "numbers, bullets or questions"),
    ("requests_lead", "Lead-in", "We ask you to …:"),
    ("response_deadline", "Reply by", "YYYY-MM-DD"),
    ("sign_off", "Sign-off", "Sincerely,"),
    ("cc", "cc", "separate several with ;"),
)


def form_values(extra: dict[str, Any]) -> dict[str, str]:
    """The form's fields from a draft's letter keys."""
    to = extra.get("to") or [{}]
    first = to[0] if isinstance(to, list) and to and isinstance(to[0], dict) else {}
    options = extra.get("letter", {}) if isinstance(extra.get("letter"), dict) else {}
    cc = extra.get("cc", [])
    return {
        "date": str(extra.get("date", "")),
        "date_style": str(options.get("date_style", "")),
        "to_name": str(first.get("name", "")),
        "to_title": str(first.get("title", "")),
        "to_organization": str(first.get("organization", "")),
        "subject": str(extra.get("subject", "")),
        "salutation": str(extra.get("salutation", "")),
        "requests": str(options.get("requests", "")),
        "requests_lead": str(options.get("requests_lead", "")),
        "response_deadline": str(options.get("response_deadline", "")),
        "sign_off": str(extra.get("sign_off", "")),
        "cc": "; ".join(cc) if isinstance(cc, list) else str(cc),
    }


def apply_values(extra: dict[str, Any], values: dict[str, str]) -> dict[str, Any]:
    """The draft's letter keys with the form's fields written in (empty fields removed)."""
    from datetime import date

    out = dict(extra)
    options = dict(out.get("letter", {}) if isinstance(out.get("letter"), dict) else {})

    def put(table: dict[str, Any], key: str, value: Any) -> None:
        if value in ("", None, []):
            table.pop(key, None)
        else:
            table[key] = value

    def when(text: str) -> Any:
        try:
            return date.fromisoformat(text) if text else ""
        except ValueError:
            return text  # kept as typed; the build names it as a bad date

    put(out, "date", when(values["date"]))
    for key in ("subject", "salutation", "sign_off"):
        put(out, key, values[key])
    put(out, "cc", [c.strip() for c in values["cc"].split(";") if c.strip()])
    others = out.get("to", [])[1:] if isinstance(out.get("to"), list) else []
    first = {k: values[f"to_{k}"] for k in ("name", "title", "organization") if values[f"to_{k}"]}
    put(out, "to", ([first] if first else []) + others)
    for key in ("date_style", "requests", "requests_lead"):
        put(options, key, values[key])
    put(options, "response_deadline", when(values["response_deadline"]))
    put(out, "letter", options)
    return out


class LetterForm(ModalScreen[dict[str, str] | None]):
    """Edit the frame; Enter moves on, Ctrl+S keeps, Escape cancels."""

    BINDINGS = [
        Binding("ctrl+s", "keep", "Keep", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, values: dict[str, str]) -> None:
        super().__init__()
        self.values = values

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="letter-form"):
            yield Label("Letter details — Enter moves on, Ctrl+S keeps, Escape cancels")
            with Grid(id="letter-grid"):
                for key, label, hint in FIELDS:
                    yield Label(label)
                    yield Input(
                        self.values.get(key, ""), placeholder=hint, id=f"l-{key}", compact=True
                    )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == f"l-{FIELDS[-1][0]}":
            self.action_keep()
        else:
            self.focus_next()

    def action_keep(self) -> None:
        self.dismiss(
            {key: self.query_one(f"#l-{key}", Input).value.strip() for key, _, _ in FIELDS}
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
