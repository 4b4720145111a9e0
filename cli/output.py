"""What the command line prints: one line per message, and no control characters, so a
title or a path can neither break a line nor drive the terminal (escape sequences)."""

from __future__ import annotations

import unicodedata


def one_line(text: str) -> str:
    """`text` on one line: line breaks and tabs become spaces, other control characters
    (ESC, BEL, …) are shown as escapes."""
    out = []
    for ch in text:
        if ch in "\t\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029":
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\u200d\u200c\u200e\u200f":
            out.append(ch.encode("unicode_escape").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)
