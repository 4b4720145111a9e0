"""DejaVu Sans for the PDF: a TrueType font that remembers how it split each string.

Drawing a string walks its characters in Python (TTFont.splitString), and the summary
draws the same few hundred strings over a thousand times: `Font` remembers.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from reportlab.pdfbase.ttfonts import TTFont


class Font(TTFont):
    """A TTFont that remembers, per document, how it split each string it drew into the
    font's subsets (what splitString gives for a string never changes within one
    document: a character keeps the code it was first given)."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self._splits: WeakKeyDictionary = WeakKeyDictionary()

    def splitString(self, text: str, doc: object,
                    encoding: str = "utf-8") -> list[tuple[int, bytes]]:  # reportlab's name
        splits = self._splits.setdefault(doc, {})
        if text not in splits:
            splits[text] = super().splitString(text, doc, encoding)
        return splits[text]
