"""Dates in English words, whatever the process locale: `strftime("%B")` names the month in the
locale's language ("Mai" under de_DE), and a letter or a filing must not change with the shell
it is built in. Every layer that writes a date in words uses these."""

from __future__ import annotations

from datetime import date

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def month_name(day: date) -> str:
    """ "May" for any day in May."""
    return MONTHS[day.month - 1]


def weekday_name(day: date) -> str:
    """ "Tuesday" for a Tuesday."""
    return WEEKDAYS[day.weekday()]


def long_date(day: date) -> str:
    """ "Tuesday, May 24, 2022": the weekday, then the US order with the day unpadded."""
    return f"{weekday_name(day)}, {month_name(day)} {day.day}, {day.year}"


def format_date(when: date, style: str) -> str:
    """ "May 24, 2022" (US) or "24 May 2022" (international)."""
    month = month_name(when)
    return (
        f"{month} {when.day}, {when.year}" if style == "us" else f"{when.day} {month} {when.year}"
    )
