"""Fold text to the form search indexes and queries share, offset for offset.

Pure Python, no Django import. Every function here returns a string of exactly
the same length as its input, so a match found at offset i in the folded copy is
at offset i in the printed text too (search highlights rely on it).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from opencc import OpenCC

__all__ = ["fold_width", "normalize_for_search", "to_simplified"]

# Full-width forms of these are the Chinese punctuation readers type as well;
# folding them would make “，” and “,” indistinguishable for no gain.
_KEEP_FULL_WIDTH = frozenset("！（），：；？")


def _width_table() -> dict[int, str]:
    """Map full-width ASCII, odd spaces and Kangxi radicals to their plain forms."""
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):  # ！ … ～, the full-width ASCII block
        if chr(code) not in _KEEP_FULL_WIDTH:
            table[code] = chr(code - 0xFEE0)
    for code in (0x00A0, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000):
        table[code] = " "
    # Half-width CJK punctuation, full-width currency signs, and the radicals PDF
    # extraction emits instead of ordinary Han characters (⾦ U+2FA6 for 金).
    nfkc_ranges = (range(0xFF61, 0xFF65), range(0xFFE0, 0xFFE7), range(0x2E80, 0x2FE0))
    for block in nfkc_ranges:
        for code in block:
            folded = unicodedata.normalize("NFKC", chr(code))
            if len(folded) == 1 and folded != chr(code):
                table[code] = folded
    return table


_WIDTH_TABLE = _width_table()
_FOLDABLE_RUN = re.compile(
    "[" + "".join(re.escape(chr(code)) for code in _WIDTH_TABLE) + "]+"
)


@cache
def _converter() -> OpenCC:
    """Build the Traditional→Simplified converter once, on first use (it is slow)."""
    return OpenCC("t2s")


def fold_width(text: str) -> str:
    """Fold full-width Latin letters, digits, ASCII symbols and spaces to half-width."""
    # translate() looks every character up in the table (about 7 M chars/s);
    # translating only the runs that need it is 2x faster when they are dense and
    # nearly free when, as on most pages, there are none.
    return _FOLDABLE_RUN.sub(_fold_run, text)


def to_simplified(text: str) -> str:
    """Convert Traditional Chinese to Simplified, keeping the length unchanged."""
    if not text:
        return text
    try:
        converted = _converter().convert(text)
    except UnicodeEncodeError:  # lone surrogates cannot cross into the C++ side
        converted = ""
    if len(converted) == len(text):
        # OpenCC 1.4's t2s dictionaries map every entry to one of the same length
        # (checked when this was written), so equal totals mean aligned offsets.
        return converted
    return "\n".join(_simplify_line(line) for line in text.split("\n"))


def normalize_for_search(text: str) -> str:
    """Fold width and convert to Simplified Chinese, keeping the length unchanged."""
    return to_simplified(fold_width(text))


def _fold_run(match: re.Match[str]) -> str:
    """Fold one run of foldable characters."""
    return match.group().translate(_WIDTH_TABLE)


def _simplify_line(line: str) -> str:
    """Convert one line by phrase, or character by character if that moved offsets."""
    try:
        converted = _converter().convert(line)
    except UnicodeEncodeError:
        converted = ""
    if len(converted) == len(line):
        return converted
    return "".join(_simplify_char(char) for char in line)


def _simplify_char(char: str) -> str:
    """Convert a single character, keeping it when the result is not one character."""
    try:
        converted = _converter().convert(char)
    except UnicodeEncodeError:
        return char
    return converted if len(converted) == 1 else char
