"""LaTeX in BibTeX values to plain Unicode: accents composed, escapes undone, dashes and quotes
typographic, braces and markup commands dropped; and URLs unwrapped from `\\url{}`."""

from __future__ import annotations

import re
import unicodedata

_ESCAPES = {
    "\\\\": " ",
    "\\&": "&",
    "\\%": "%",
    "\\$": "\ue002",
    "\\#": "#",
    "\\_": "_",
    "\\{": "\ue000",
    "\\}": "\ue001",
}
_LIGATURES = {"---": "\u2014", "--": "\u2013", "``": "\u201c", "''": "\u201d"}
_RESTORE = {"\ue000": "{", "\ue001": "}", "\ue002": "$"}
_PUNCT_ACCENTS = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
}
_LETTER_ACCENTS = {
    "c": "\u0327",
    "v": "\u030c",
    "u": "\u0306",
    "H": "\u030b",
    "k": "\u0328",
    "r": "\u030a",
    "d": "\u0323",
    "b": "\u0331",
}
_SYMBOLS = {
    "ss": "ß",
    "o": "ø",
    "O": "Ø",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "aa": "å",
    "AA": "Å",
    "l": "ł",
    "L": "Ł",
    "i": "\u0131",
    "j": "\u0237",
    "ldots": "…",
    "dots": "…",
    "textendash": "\u2013",
    "textemdash": "\u2014",
    "textquoteright": "\u2019",
    "textquoteleft": "\u2018",
    "textquotedblleft": "\u201c",
    "textquotedblright": "\u201d",
    "textregistered": "®",
    "texttrademark": "™",
    "copyright": "©",
    "textcopyright": "©",
    "S": "§",
    "P": "¶",
    "euro": "€",
    "pounds": "£",
    "textsection": "§",
    "textasciitilde": "~",
    "textbackslash": "\\",
}
_DECLARATIONS = {
    "em",
    "it",
    "bf",
    "sc",
    "rm",
    "tt",
    "sl",
    "sf",
    "itshape",
    "bfseries",
    "scshape",
    "upshape",
    "normalfont",
    "relax",
    "protect",
    "noindent",
}
_BASE = r"(\\[ij](?![A-Za-z])|[A-Za-z])"
_PUNCT_ACCENT = re.compile(r"\\([`'^\"~=.])\s*(?:\{\s*" + _BASE + r"?\s*\}|" + _BASE + ")")
_LETTER_ACCENT = re.compile(r"\\([cvuHkrdb])(?:\s*\{\s*" + _BASE + r"\s*\}|\s+" + _BASE + ")")
_COMMAND = re.compile(r"\\([A-Za-z]+)(\s*)")


def clean_latex(text: str) -> str:
    """Plain Unicode text from a BibTeX value: accents, escapes, dashes; braces and markup gone."""
    for escape, plain in _ESCAPES.items():
        text = text.replace(escape, plain)
    text = _PUNCT_ACCENT.sub(lambda m: _accent(_PUNCT_ACCENTS[m[1]], m[2] or m[3] or ""), text)
    text = _LETTER_ACCENT.sub(lambda m: _accent(_LETTER_ACCENTS[m[1]], m[2] or m[3]), text)
    text = re.sub(r"\\(?:href\s*\{[^{}]*\}|noopsort\s*\{[^{}]*\})", "", text)
    text = _COMMAND.sub(_command, text)
    text = re.sub(r"\\[,;:!>]", "\u202f", text)
    text = re.sub(r"\\([^A-Za-z])", lambda m: "" if m[1] in "-/@" else m[1], text)
    text = text.replace("$", "").replace("~", "\u00a0")
    for tex, plain in _LIGATURES.items():
        text = text.replace(tex, plain)
    text = text.replace("{", "").replace("}", "")
    for mark, plain in _RESTORE.items():
        text = text.replace(mark, plain)
    return re.sub(r"[ \t\n]+", " ", text).strip()


def clean_url(text: str) -> str:
    """A URL or DOI from a BibTeX value: `\\url{}` unwrapped, escapes undone, spaces removed."""
    match = re.fullmatch(r"\s*\\url\s*\{(.*)\}\s*", text)
    if match:
        text = match.group(1)
    text = re.sub(r"\\([&%#_$~{}])", r"\1", text)
    return re.sub(r"\s+", "", text.replace("{", "").replace("}", ""))


def _accent(mark: str, base: str) -> str:
    """A letter with a combining accent, composed where Unicode can."""
    letter = {"\\i": "i", "\\j": "j"}.get(base, base)
    return unicodedata.normalize("NFC", letter + mark) if letter else ""


def _command(match: re.Match[str]) -> str:
    """A LaTeX control word: a symbol, nothing for markup (its argument stays), else its name."""
    name, space = match[1], match[2]
    after = match.string[match.end() : match.end() + 1]
    if name in _SYMBOLS:
        return _SYMBOLS[name]
    if after == "{" or name in _DECLARATIONS:
        return ""
    return name + space
