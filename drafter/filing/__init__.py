"""Rule 14a-8: the rule pack's dates and thresholds, a proposal's `[filing]` and `[history]`
tables, shares and lots held, and the 14a-8(d) word count."""
