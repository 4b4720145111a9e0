"""The PDF's font (report/fonts.py): remembering how strings split changes nothing drawn."""

from __future__ import annotations

from reportlab.pdfbase.ttfonts import TTFont

from report.fonts import Font
from report.pdf import FONTS

REGULAR = FONTS / "DejaVuSans.ttf"
UNICODE = "Cyngor Sir Ynys Môn Łódź Общественный совет Ομάδα"


def test_a_string_splits_the_same_when_remembered() -> None:
    font = Font("F", str(REGULAR))
    plain = TTFont("F", str(REGULAR))
    doc, other = object.__new__(type("Doc", (), {})), object.__new__(type("Doc", (), {}))
    for text in (UNICODE, "abc", UNICODE, "Ŵ abc"):
        assert font.splitString(text, doc) == plain.splitString(text, other)
