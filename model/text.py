"""Plain text for one-line places: labels, menus, messages."""

from __future__ import annotations

import unicodedata


def shortened(text: str, limit: int) -> str:
    """`text` cut to `limit` characters with "…" (a space before the cut dropped), or
    whole when it fits."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def joined(words: list[str], *, quoted: bool = False) -> str:
    """Words as a sentence lists them: "a", "a and b", "a, b and c" (each in curly
    quotes when `quoted`); "" for none."""
    if quoted:
        words = [f"“{word}”" for word in words]
    return " and ".join(words) if len(words) <= 2 else \
        ", ".join(words[:-1]) + " and " + words[-1]


LEFT_TO_RIGHT_MARK = "\u200e"


def left_to_right(sentence: str) -> str:
    """One of the app's (English) sentences that may begin with a right-to-left name
    ("“مجلس المدينة” shares risk now"): with an invisible left-to-right mark in front
    when its first letter with a direction is right-to-left, so that the window and the
    PDF set it as the English sentence it is, not backwards."""
    for char in sentence:
        kind = unicodedata.bidirectional(char)
        if kind in ("L", "R", "AL"):
            return sentence if kind == "L" else LEFT_TO_RIGHT_MARK + sentence
    return sentence


# Control characters (C0, DEL, C1) and the Unicode line and paragraph separators: a
# terminal obeys the first (an escape sequence can retitle it or clear the screen) and
# the others break a line.
_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7f, 0xa0))}
_CONTROLS |= {0x2028: "\\u2028", 0x2029: "\\u2029"}


def printable(text: str) -> str:
    """`text` safe to print on one line of a terminal: every control character shown as
    its escape (`\\x1b`, `\\n`...), everything else as it is."""
    return text.translate(_CONTROLS)
