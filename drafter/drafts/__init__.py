"""The draft file: reading and migrating its TOML, saving edits in place with comments and layout
kept, pure editing operations with undo, autosave and recovery, and the paths a draft may name."""
