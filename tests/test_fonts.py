"""The PDF's font (report/fonts.py): reading it in bulk and remembering how strings
split change nothing reportlab would have read or drawn."""

from __future__ import annotations

from pathlib import Path

import pytest
import reportlab
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from report.fonts import Face, Font
from report.pdf import BOLD, FONT, FONTS

REGULAR = FONTS / "DejaVuSans.ttf"
UNICODE = "Cyngor Sir Ynys Môn Łódź Общественный совет Ομάδα"
# A font reportlab ships, whose character map is of another kind (format 4).
VERA = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"


@pytest.mark.parametrize("path", [FONTS / f"{FONT}.ttf", FONTS / f"{BOLD}.ttf", VERA],
                         ids=lambda p: p.name)
def test_a_face_reads_what_reportlab_reads(path: Path) -> None:
    ours, theirs = vars(Face(str(path))), vars(TTFontFace(str(path)))
    for parsed in (ours, theirs):
        del parsed["_pos"]  # where the parser's cursor stopped
        del parsed["_pdfScale"]  # a lambda each: compared by what they give
    assert ours == theirs
    assert Face(str(path))._pdfScale(2048) == TTFontFace(str(path))._pdfScale(2048)


def test_a_font_has_every_attribute_of_reportlabs() -> None:
    ours, theirs = Font("F", str(REGULAR)), TTFont("F", str(REGULAR))
    assert set(vars(theirs)) <= set(vars(ours))
    for name in ("fontName", "_asciiReadable", "shapable"):
        assert getattr(ours, name) == getattr(theirs, name)
    assert vars(ours.encoding) == vars(theirs.encoding)


def test_a_string_splits_the_same_when_remembered() -> None:
    font = Font("F", str(REGULAR))
    plain = TTFont("F", str(REGULAR))
    doc, other = object.__new__(type("Doc", (), {})), object.__new__(type("Doc", (), {}))
    for text in (UNICODE, "abc", UNICODE, "Ŵ abc"):
        assert font.splitString(text, doc) == plain.splitString(text, other)
