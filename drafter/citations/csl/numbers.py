"""Placeholder until the numbers module lands."""

import re
from typing import Any

_NUM = re.compile(r"^\s*\d+[a-z]*(\s*([-–,&]|and)\s*\d+[a-z]*)*\s*$")


def is_numeric(value: Any) -> bool:
    return bool(_NUM.match(str(value)))


def is_plural(value: Any) -> bool:
    return bool(re.search(r"\d\s*([-–,&]|and)\s*\d", str(value)))


def format_number(value: Any, form: str, terms: Any, gender: Any) -> str:
    return re.sub(r"(?<=\d)-(?=\d)", "\u2013", str(value))


def page_range(value: str, fmt: Any, delimiter: str) -> str:
    return re.sub(r"(?<=\d)\s*[-–]\s*(?=\d)", delimiter, value)
