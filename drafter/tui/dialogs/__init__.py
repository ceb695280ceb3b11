"""The editor's modal dialogs: prompts, choices, text editing, the letter and source forms, and the key help."""
