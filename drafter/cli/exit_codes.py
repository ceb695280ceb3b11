"""The command line's exit codes: 0 success, 1 checks failed, 2 usage or input error, 70 a bug,
74 what drafter printed could not be written (a full disk behind stdout)."""

OK, CHECKS_FAILED, BAD_INPUT, BUG = 0, 1, 2, 70  # 70: EX_SOFTWARE, an error inside drafter
PRINT_FAILED = 74  # EX_IOERR
