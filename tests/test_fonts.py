"""The PDF's font (report/fonts.py): reading it in bulk and remembering how strings
split change nothing reportlab would have read or drawn."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from struct import pack_into, unpack_from

import pytest
import reportlab
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace, TTFontFile

from report.blocks import BOLD, FONT, FONTS
from report.fonts import Face, Font

REGULAR = FONTS / "DejaVuSans.ttf"
UNICODE = "Cyngor Sir Ynys Môn Łódź Общественный совет Ομάδα"
# A font reportlab ships, whose character map is of another kind (format 4).
VERA = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
Change = Callable[[bytearray, dict], None]


@pytest.mark.parametrize("path", [FONTS / f"{FONT}.ttf", FONTS / f"{BOLD}.ttf", VERA],
                         ids=lambda p: p.name)
def test_a_face_reads_what_reportlab_reads(path: Path) -> None:
    ours, theirs = vars(Face(str(path))), vars(TTFontFace(str(path)))
    for parsed in (ours, theirs):
        del parsed["_pos"]  # where the parser's cursor stopped
        del parsed["_pdfScale"]  # a lambda each: compared by what they give
    assert ours == theirs
    assert Face(str(path))._pdfScale(2048) == TTFontFace(str(path))._pdfScale(2048)


def _patched(change: Change) -> io.BytesIO:
    """DejaVu Sans with `change(data, tables)` made to its bytes."""
    data = bytearray(REGULAR.read_bytes())
    change(data, TTFontFile(str(REGULAR), charInfo=0).table)
    return io.BytesIO(bytes(data))


def _more_metrics_than_glyphs(data: bytearray, tables: dict) -> None:
    glyphs = unpack_from(">H", data, tables["maxp"]["offset"] + 4)[0]
    pack_into(">H", data, tables["hhea"]["offset"] + 34, glyphs + 3)


def _overlapping_ranges(data: bytearray, tables: dict) -> None:
    cmap = tables["cmap"]["offset"]
    offsets = [unpack_from(">HHL", data, cmap + 4 + 8 * n)
               for n in range(unpack_from(">H", data, cmap + 2)[0])]
    at = cmap + next(o for p, e, o in offsets if (p, e) == (3, 10))
    first_end = at + 16 + 4
    pack_into(">L", data, first_end, unpack_from(">L", data, first_end + 12)[0] + 1)


@pytest.mark.parametrize("change", [_more_metrics_than_glyphs, _overlapping_ranges])
def test_a_malformed_font_is_read_as_reportlab_reads_it(change: Change) -> None:
    ours, theirs = vars(Face(_patched(change))), vars(TTFontFace(_patched(change)))
    for parsed in (ours, theirs):
        del parsed["_pos"], parsed["_pdfScale"]
    assert ours == theirs


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
