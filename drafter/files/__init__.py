"""Users' files on disk: reading text and TOML with line numbers, writing atomically through a
temp file, and the output guard that keeps every command off the files it read, the libraries and
files drafter did not make."""
