"""The editor's screens: the drafting screen (outline, library, preview, issues, variables, citations) and the review screen (reviewers' edits to accept or reject)."""
