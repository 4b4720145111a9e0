"""Plain text for one-line places: labels, menus, messages."""

from __future__ import annotations


def shortened(text: str, limit: int) -> str:
    """`text` cut to `limit` characters with "…" (a space before the cut dropped), or
    whole when it fits."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
