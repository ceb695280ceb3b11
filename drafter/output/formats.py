"""The output formats drafter writes, by name: a module of its own so the command line can offer
them without loading the renderers."""

FORMATS = ("docx", "md", "txt")
