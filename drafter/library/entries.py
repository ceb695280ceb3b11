"""The kinds of library entry `drafter list` shows: a module of its own so the command line can
offer them without loading the library."""

ENTRY_KINDS = ("clauses", "citations", "styles", "templates")
