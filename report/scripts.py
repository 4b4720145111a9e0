"""Text in any script for the PDF: which font draws each character, right-to-left text
in reading order, Arabic letters joined, and never an empty box.

DejaVu Sans draws Latin, Greek, Cyrillic, Hebrew and most symbols. A character it lacks
is drawn in the first font of `FALLBACKS` that has it, run by run: a string becomes runs
of characters, each run wrapped in `<font name=…>` in a Paragraph's markup (`markup`), or
drawn in its font on the canvas (`draw`). Arabic script is always drawn in Noto Sans
Arabic, so an Arabic word is never split between two fonts. Which characters each
fallback font has is read from `resources/fonts/coverage.json`, so a fallback font (the
CJK one is 4 MB) is read only when a string needs it.

Right-to-left text (Arabic, Hebrew, Urdu…) is put in the order it is seen, line by line,
with python-bidi; Arabic letters take their joined forms (presentation forms, which Noto
Sans Arabic maps, so the PDF's text stays extractable) with arabic-reshaper. Devanagari
needs its glyphs reordered and joined: runs of it are shaped by reportlab with HarfBuzz
(uharfbuzz), in Paragraphs whose markup holds such a run (see `Paragraph`).

A character no font has (a new emoji, say) is drawn as U+FFFD, the replacement mark;
invisible control and format characters (joiners, variation selectors) no font has
are left out.
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_right
from functools import cache
from itertools import groupby
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase import ttfonts as _ttfonts
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph as _paragraph

from report.fonts import Font

FONTS = Path(__file__).resolve().parent.parent / "resources" / "fonts"
FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"
ARABIC, DEVANAGARI = "NotoSansArabic", "NotoSansDevanagari"
# (font name, file) in the order they are tried for a character DejaVu Sans lacks.
FALLBACKS: list[tuple[str, str]] = [
    (ARABIC, "NotoSansArabic-Regular.ttf"),
    (DEVANAGARI, "NotoSansDevanagari-Regular.ttf"),
    ("DroidSansFallback", "DroidSansFallbackFull.ttf"),  # Chinese, Japanese
    ("NanumGothic", "NanumGothic.ttf"),  # Korean (Droid's build lacks Hangul syllables)
    ("Symbola", "Symbola.ttf"),  # emoji and symbols, in black and white
]
SHAPED = {DEVANAGARI}  # fonts whose runs HarfBuzz must shape to be readable
REPLACEMENT = "\ufffd"

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff"
                  "\U0001e800-\U0001efff]")
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff"
                            "\ufe70-\ufefc]")
# No-break spaces reportlab would break a line at: drawn as U+00A0, which it does not.
_NO_BREAK = str.maketrans({"\u202f": "\xa0", "\u2007": "\xa0"})


# --- which font has a character -------------------------------------------------


@cache
def _coverage() -> dict[str, tuple[list[int], list[int]]]:
    """Font name -> (range starts, range ends) of the characters its file maps."""
    ranges = json.loads((FONTS / "coverage.json").read_text(encoding="utf-8"))
    by_file = {file: name for name, file in FALLBACKS}
    return {by_file[file]: ([a for a, _ in spans], [b for _, b in spans])
            for file, spans in ranges.items()}


def coverage_of(path: Path) -> list[list[int]]:
    """The characters a font file maps, as [first, last] ranges (for coverage.json)."""
    from reportlab.pdfbase.ttfonts import TTFontFace

    chars = sorted(TTFontFace(str(path)).charToGlyph)
    ranges: list[list[int]] = []
    for char in chars:
        if ranges and ranges[-1][1] == char - 1:
            ranges[-1][1] = char
        else:
            ranges.append([char, char])
    return ranges


def _in_fallback(name: str, char: int) -> bool:
    starts, ends = _coverage()[name]
    i = bisect_right(starts, char) - 1
    return i >= 0 and char <= ends[i]


@cache
def _registered(name: str) -> str:
    """Register fallback font `name` the first time a string needs it."""
    file = dict(FALLBACKS)[name]
    pdfmetrics.registerFont(Font(name, str(FONTS / file)))
    return name


def _cmap(font: str) -> dict[int, int]:
    return pdfmetrics.getFont(font).face.charToGlyph


def _has(font: str, char: int) -> bool:
    if font in (FONT, BOLD):
        return char in _cmap(font)
    return _in_fallback(font, char)


@cache
def font_for(char: str, base: str) -> str | None:
    """The font that draws `char` in text set in `base` (DejaVu Sans or its bold)."""
    code = ord(char)
    if _ARABIC_SCRIPT.match(char) and _in_fallback(ARABIC, code):
        return ARABIC
    for font in (base, FONT):
        if _has(font, code):
            return font
    return next((name for name, _ in FALLBACKS if _in_fallback(name, code)), None)


def _neutral(char: str) -> bool:
    """Spaces, punctuation, digits, marks and format characters: they stay in the font
    of the run they are in when it has them."""
    return unicodedata.category(char)[0] in "ZPMC" or char.isdigit()


@cache
def simple(value: str, base: str = FONT) -> bool:
    """Whether `value` is drawn as it is in `base` alone: every character in the font,
    none right-to-left (the quick path: no runs, no reordering)."""
    cmap = _cmap(base)
    return all(ord(c) in cmap for c in value) and not _RTL.search(value)


def runs(value: str, base: str = FONT) -> list[tuple[str, str]]:
    """`value` (one line, in the order it is seen) as (font, characters) runs."""
    out: list[tuple[str, str]] = []
    current: str | None = None
    chars: list[str] = []
    for char in value:
        if current is not None and _neutral(char) and _has(current, ord(char)):
            font: str | None = current
        else:
            font = font_for(char, base)
        if font is None:
            if unicodedata.category(char) in ("Cc", "Cf") or 0xFE00 <= ord(char) <= 0xFE0F:
                continue  # a control, joiner or selector, invisible: nothing to see
            font, char = base, REPLACEMENT
        if font != current and chars:
            out.append((current, "".join(chars)))  # type: ignore[arg-type]
            chars = []
        current = font
        chars.append(char)
    if chars:
        out.append((current, "".join(chars)))  # type: ignore[arg-type]
    return out


# --- right to left --------------------------------------------------------------


def visual(line: str) -> str:
    """One line of text in the order it is seen, Arabic letters joined."""
    line = line.translate(_NO_BREAK)
    if not _RTL.search(line):
        return line
    # python-bidi's pure-Python algorithm: its default (Rust) one does not mirror
    # brackets, so "(tier 1)" beside Arabic came out as ")tier 1(".
    from bidi.algorithm import get_display

    if _ARABIC_SCRIPT.search(line):
        line = _reshaper().reshape(line)
    return get_display(line)


@cache
def _reshaper():
    import arabic_reshaper

    # Keep the vowel marks (harakat) the user typed: the default drops them.
    return arabic_reshaper.ArabicReshaper({"delete_harakat": False})


def right_to_left(value: str) -> bool:
    """Whether `value`'s first letter with a direction is right-to-left (its base
    direction, as the Unicode bidi algorithm finds it)."""
    for char in value:
        kind = unicodedata.bidirectional(char)
        if kind in ("L", "R", "AL"):
            return kind != "L"
    return False


# --- Paragraph markup and canvas text --------------------------------------------


def _escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markup(line: str, base: str = FONT) -> str:
    """One line of plain text as Paragraph markup: escaped, in the order it is seen, each
    run a base font lacks wrapped in `<font name=…>`."""
    seen = visual(line)
    if simple(seen, base):
        return _escape(seen)
    return "".join(_escape(part) if font == base else
                   f'<font name="{_registered(font)}">{_escape(part)}</font>'
                   for font, part in runs(seen, base))


def width(value: str, font: str, size: float) -> float:
    """How wide `value` is drawn, each run in its font."""
    seen = visual(value)
    if simple(seen, font):
        return stringWidth(seen, font, size)
    return sum(stringWidth(part, _font(name), size) for name, part in runs(seen, font))


def _font(name: str) -> str:
    return name if name in (FONT, BOLD) else _registered(name)


def draw(canvas, x: float, y: float, value: str, font: str, size: float,
         centred: bool = False) -> None:
    """`value` on one line at (x, y) (its centre when `centred`), each run in its font,
    in the canvas's fill colour."""
    seen = visual(value)
    if simple(seen, font):
        (canvas.drawCentredString if centred else canvas.drawString)(x, y, seen)
        return
    parts = [(_font(name), part) for name, part in runs(seen, font)]
    if centred:
        x -= sum(stringWidth(part, name, size) for name, part in parts) / 2
    if any(name in SHAPED for name, _ in parts):
        # Drawn as a one-line Paragraph, which shapes the runs that need it.
        style = ParagraphStyle("line", fontName=font, fontSize=size, leading=size,
                               textColor=canvas._fillColorObj)
        para = Paragraph(markup(value, font), style)
        para.wrapOn(canvas, 1e6, 1e6)
        para.drawOn(canvas, x, y - size * 0.2)
        return
    text = canvas.beginText(x, y)
    for name, part in parts:
        text.setFont(name, size)
        text.textOut(part)
    canvas.drawText(text)


# --- shaping ----------------------------------------------------------------------


@cache
def _shaped_style(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-shaped", style, shaping=1)


class Paragraph(_paragraph.Paragraph):
    """reportlab's Paragraph that has HarfBuzz shape its runs of scripts that need
    shaping (Devanagari), and only those: shaping every paragraph would cost time."""

    def __init__(self, text: str | None, style: ParagraphStyle | None = None,
                 *args: object, **kwargs: object) -> None:
        if text and style is not None and any(f'name="{name}"' in text for name in SHAPED):
            style = _shaped_style(style)
        super().__init__(text, style, *args, **kwargs)  # type: ignore[arg-type]


_shape_frag_word = _paragraph.shapeFragWord


def _shape_by_font(word: list, *args: object, **kwargs: object) -> list:
    """reportlab's shapeFragWord, for a word whose runs are in several fonts: it shapes
    a whole word with its first run's font (another font's glyphs would come out as
    empty boxes). Each run of a font that needs shaping is shaped alone; the others are
    left as they are."""
    frags = word[1:]
    if len({getattr(f, "fontName", None) for f, _ in frags}) <= 1:
        return _shape_frag_word(word, *args, **kwargs)
    out: list = []
    total = 0.0
    for font, group in groupby(frags, key=lambda frag: getattr(frag[0], "fontName", None)):
        group = list(group)
        if font in SHAPED:
            text = "".join(part for _, part in group)
            shaped = _shape_frag_word(
                [stringWidth(text, font, group[0][0].fontSize), *group], *args, **kwargs)
            total += shaped[0]
            out += shaped[1:]
        else:
            total += sum(stringWidth(part, f.fontName, f.fontSize) for f, part in group
                         if hasattr(f, "fontName"))
            out += group
    from reportlab.pdfbase.ttfonts import makeShapedFragWord

    return makeShapedFragWord(word)([total, *out])


_paragraph.shapeFragWord = _shape_by_font


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with each character written in UTF-16 as the PDF
    standard asks: reportlab writes a code as four hex digits, so an emoji beyond U+FFFF
    came out of pdftotext as another character."""
    return _to_unicode(fontname, [0] * len(subset)).replace(
        "\n".join(f"<{i:02X}> <0000>" for i in range(len(subset))),
        "\n".join(f"<{i:02X}> <{chr(v).encode('utf-16-be').hex().upper()}>"
                   for i, v in enumerate(subset)))


_to_unicode = _ttfonts.makeToUnicodeCMap
_ttfonts.makeToUnicodeCMap = _to_unicode_cmap
