"""Stakeholder group colours: Paul Tol's colour-blind-safe palettes (bright, then muted)."""

from __future__ import annotations

import re

PALETTE: tuple[str, ...] = (
    "#4477aa", "#ee6677", "#228833", "#ccbb44", "#66ccee", "#aa3377",
    "#332288", "#88ccee", "#44aa99", "#117733", "#999933", "#ddcc77",
    "#cc6677", "#882255", "#aa4499", "#bbbbbb",
)

COLOUR_PATTERN = re.compile(r"^#[0-9a-fA-F]{6}$")


def next_colour(used: list[str | None]) -> str:
    """The first palette colour no group uses yet (cycling when all are taken)."""
    taken = [c.lower() for c in used if c]
    for colour in PALETTE:
        if colour not in taken:
            return colour
    return PALETTE[len(taken) % len(PALETTE)]


def is_colour(value: str) -> bool:
    return bool(COLOUR_PATTERN.match(value))


def text_colour_on(background: str) -> str:
    """Black or white, whichever reads better on `background` (#rrggbb)."""
    r, g, b = (int(background[i:i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if luminance > 140 else "#ffffff"
