"""Campaigns: one draft sent to many targets, read from a `[campaign]` table, and built in
parallel into one output per target with a manifest of what was written."""

KEYS = ("campaign", "targets")  # the draft's top-level keys a campaign reads
