"""Years and days in citation sources (CSL-JSON and BibTeX): the range a year may take, the words
that stand for a year (forthcoming, n.d.), and real calendar days.

CSL dates are proleptic Gregorian years with an optional month and day; citeproc prints a
literal date (`{"literal": "forthcoming"}`) as written. So a year is a whole number from
MIN_YEAR to MAX_YEAR, or text that real bibliographies put in a year field: a publication
status, or words around a year ("c. 1850", "2019--2020", "2021a"). Anything else ("abc", a
number of 5,000 digits) is a mistake to report at its line, not a date to print.
"""

from __future__ import annotations

import calendar
import re

MIN_YEAR, MAX_YEAR = -9999, 9999
YEAR_FIX = "write year = 2021, a range such as {2019--2020}, or a status: {forthcoming}, {n.d.}"
# Years that are no number, compared without dots and case.
YEAR_STATUSES = frozenset(
    {
        "forthcoming",
        "in press",
        "in preparation",
        "to appear",
        "submitted",
        "accepted",
        "under review",
        "preprint",
        "unpublished",
        "n d",
        "nd",
        "no date",
        "undated",
        "s d",
        "s a",
        "o j",
        "sans date",
    }
)


def year_text_problem(text: str) -> tuple[str, str] | None:
    """What is wrong with a year written as text (not a plain number), and the fix; None when
    it is a status or words around a year of up to four digits, which print as a literal."""
    shown = text if len(text) <= 40 else text[:37] + "..."
    if re.search(r"\d{5}", text):
        return (
            f"year '{shown}' is not between {MIN_YEAR} and {MAX_YEAR}",
            "write the year the work appeared, such as 2021",
        )
    words = " ".join(text.casefold().replace(".", " ").split())
    if words in YEAR_STATUSES or (len(text) <= 60 and re.search(r"\d{1,4}", text)):
        return None
    return f"year '{shown}' is not a year", YEAR_FIX


def real_day(numbers: list[int]) -> bool:
    """Whether [year, month, day] (month and day optional) names a real day: a year in range,
    a month 1-12 and a day of that month (for years before 1, any day 1-31)."""
    if not MIN_YEAR <= numbers[0] <= MAX_YEAR:
        return False
    if len(numbers) > 1 and not 1 <= numbers[1] <= 12:
        return False
    if len(numbers) > 2:
        days = calendar.monthrange(numbers[0], numbers[1])[1] if numbers[0] >= 1 else 31
        return 1 <= numbers[2] <= days
    return True
