"""Text in any script for the PDF: which font draws each character, right-to-left text
in reading order, Arabic letters joined, and never an empty box.

DejaVu Sans draws Latin, Greek, Cyrillic, Hebrew and most symbols. A character it lacks
is drawn in the first font of `FALLBACKS` that has it, run by run: a string becomes runs
of characters, each run wrapped in `<font name=…>` in a Paragraph's markup (`markup`), or
drawn in its font on the canvas (`draw`). Arabic script is always drawn in Noto Sans
Arabic, so an Arabic word is never split between two fonts. Which characters each
fallback font has is read from `resources/fonts/coverage.json`, so a fallback font (the
CJK one is 4 MB) is read only when a string needs it.

Right-to-left text (Arabic, Hebrew, Urdu…) is put in the order it is seen with
python-bidi; Arabic letters take their joined forms (presentation forms, which Noto Sans
Arabic maps, so the PDF's text stays extractable) with arabic-reshaper. As the Unicode
bidi algorithm (UAX #9) asks, a Paragraph is broken into lines in the order the text was
typed and each line is then reordered (`Paragraph`), so a note that wraps reads from its
first line down; a single line on the canvas is reordered whole (`visual`). Devanagari
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
from bisect import bisect_left, bisect_right
from collections import deque
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


def joined(line: str) -> str:
    """One line of text still in the order it was typed, Arabic letters joined (which
    changes no letter's place) and no-break spaces reportlab would break at made U+00A0."""
    line = line.translate(_NO_BREAK)
    if _ARABIC_SCRIPT.search(line):
        line = _reshaper().reshape(line)
    return line


def visual(line: str) -> str:
    """One line of text in the order it is seen, Arabic letters joined."""
    line = line.translate(_NO_BREAK)
    if not _RTL.search(line):
        return line
    # python-bidi's pure-Python algorithm: its default (Rust) one does not mirror
    # brackets, so "(tier 1)" beside Arabic came out as ")tier 1(".
    from bidi.algorithm import get_display

    return get_display(joined(line))


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
    """One line of plain text as markup for this module's `Paragraph`: escaped, each run
    a base font lacks wrapped in `<font name=…>`, and still in the order it was typed
    (Arabic letters joined): the Paragraph puts each line it breaks it into in the order
    it is seen. reportlab's own Paragraph would draw right-to-left text backwards."""
    typed = joined(line)
    if simple(typed, base):
        return _escape(typed)
    return "".join(_escape(part) if font == base else
                   f'<font name="{_registered(font)}">{_escape(part)}</font>'
                   for font, part in runs(typed, base))


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
    shaping (Devanagari), and only those: shaping every paragraph would cost time; and
    that draws each line holding right-to-left text in the order it is seen.

    Its markup (`markup`) is in the order the text was typed: reportlab breaks that into
    lines, and only when a line is drawn are its words and runs put in the order they
    are seen (`_seen`), as the Unicode bidi algorithm asks (UAX #9, rule L1 onwards);
    reordering before breaking put a wrapped note's first words on its last line. The
    lines kept (`blPara`) stay in typed order, so a Paragraph split at a page break
    hands on typed text, reordered once, when drawn."""

    def __init__(self, text: str | None, style: ParagraphStyle | None = None,
                 *args: object, **kwargs: object) -> None:
        if text and style is not None and any(f'name="{name}"' in text for name in SHAPED):
            style = _shaped_style(style)
        super().__init__(text, style, *args, **kwargs)  # type: ignore[arg-type]

    def drawPara(self, debug: int = 0) -> None:
        typed = self.blPara
        seen = _seen(typed)
        if seen is typed:
            super().drawPara(debug)
            return
        self.blPara = seen
        try:
            super().drawPara(debug)
        finally:
            self.blPara = typed


# --- right to left, line by line --------------------------------------------------


def _resolved(value: str, rtl: bool) -> list[dict]:
    """The bidi algorithm's levels for one paragraph of text in typed order (rules P3 to
    I2, run on the whole paragraph as UAX #9 asks): one dict per character, "index" its
    place in `value` (the characters rule X9 removes are left out)."""
    from bidi import algorithm as bidi

    storage = bidi.get_empty_storage()
    storage["base_level"], storage["base_dir"] = int(rtl), "LR"[rtl]
    bidi.get_embedding_levels(value, storage)
    for i, char in enumerate(storage["chars"]):
        char["index"] = i
    bidi.explicit_embed_and_overrides(storage)
    bidi.resolve_weak_types(storage)
    bidi.resolve_neutral_types(storage, False)
    bidi.resolve_implicit_levels(storage, False)
    return storage["chars"]


def _line_seen(chars: list[dict], start: int, end: int, rtl: bool) -> list[tuple[int, str]]:
    """The characters of one line (those of `chars` whose index is in [start, end)) in the
    order they are seen (rules L1 and L2), mirrored where they run right to left (L4), as
    (index, character)."""
    from bidi import algorithm as bidi

    def index(char: dict) -> int:
        return char["index"]

    line = [dict(char) for char in chars[bisect_left(chars, start, key=index):
                                         bisect_left(chars, end, key=index)]]
    storage = {"base_level": int(rtl), "base_dir": "LR"[rtl], "chars": line,
               "runs": deque()}
    bidi.reorder_resolved_levels(storage, False)
    bidi.apply_mirroring(storage, False)
    return [(char["index"], char["ch"]) for char in storage["chars"]]


def _stand_in(value: str) -> str:
    """One character that stands for a piece kept whole (a shaped run, an image) in the
    bidi algorithm: of the direction of its first letter that has one, else neutral."""
    for char in value:
        kind = unicodedata.bidirectional(char)
        if kind in ("L", "R", "AL"):
            return {"L": "A", "R": "\u05d0", "AL": "\u0627"}[kind]
    return "\ufffc"


def _units(words: list) -> tuple[list[tuple[object, str, bool]], list]:
    """A line's fragments as (fragment, text the bidi algorithm reads, kept whole)
    units, and the line-break fragments that end it. A run HarfBuzz shaped holds glyphs,
    not characters: it is kept whole, and its leading and trailing spaces are units of
    their own, so they go to the side they belong on."""
    units: list[tuple[object, str, bool]] = []
    breaks = []
    for frag in words:
        value = getattr(frag, "text", "")
        if getattr(frag, "_fkind", None) == _paragraph._FK_BREAK:
            breaks.append(frag)
        elif hasattr(frag, "cbDefn") or not value:
            units.append((frag, _stand_in(""), True))
        elif type(value) is str:
            units.append((frag, value, False))
        else:  # a ShapedStr: a run HarfBuzz shaped, or a run beside one
            if getattr(frag, "fontName", None) not in SHAPED:
                units.append((frag.clone(text=str(value)), str(value), False))
                continue
            lead = len(value) - len(value.lstrip(" "))
            trail = len(value) - len(value.rstrip(" ")) if value.strip(" ") else 0
            core = value[lead:len(value) - trail]
            if lead:
                units.append((frag.clone(text=" " * lead), " " * lead, False))
            if core:
                units.append((frag.clone(text=core), _stand_in(str(core)), True))
            if trail:
                units.append((frag.clone(text=" " * trail), " " * trail, False))
    return units, breaks


def _seen(bl_para):
    """A Paragraph's broken lines (`blPara`) with each line that holds right-to-left
    text in the order it is seen; `bl_para` itself when none does. Each paragraph of
    the text (between line breaks) takes its direction from its first letter that has
    one (as `right_to_left`), and its levels from all its lines together."""
    if bl_para.kind == 0:
        if not any(_RTL.search(word) for _, words in bl_para.lines for word in words):
            return bl_para
        texts = [" ".join(words) for _, words in bl_para.lines]
        seen = _paragraph_seen(texts)
        return bl_para.clone(lines=[(extra, "".join(ch for _, ch in order).split(" "))
                                    for (extra, _), order in zip(bl_para.lines, seen, strict=True)])
    if not any(_RTL.search(getattr(frag, "text", "") or "")
               for line in bl_para.lines for frag in line.words):
        return bl_para
    lines = [_units(line.words) for line in bl_para.lines]
    out = []
    start = 0
    for end, (units, breaks) in enumerate(lines, 1):
        if not (breaks or end == len(lines)):
            continue
        paragraph = lines[start:end]
        seen = _paragraph_seen(["".join(text for _, text, _ in units)
                                for units, _ in paragraph])
        for (units, breaks), order, line in zip(paragraph, seen, bl_para.lines[start:end],
                                                strict=True):
            out.append(line.clone(words=_regroup(units, order) + breaks))
        start = end
    return bl_para.clone(lines=out)


def _paragraph_seen(texts: list[str]) -> list[list[tuple[int, str]]]:
    """Each of the lines `texts` of one paragraph (in typed order, broken at spaces) in
    the order it is seen, as (index in its line, character)."""
    value = " ".join(texts)
    rtl = right_to_left(value)
    chars = _resolved(value, rtl)
    out = []
    start = 0
    for text in texts:
        out.append([(i - start, ch) for i, ch in _line_seen(chars, start, start + len(text),
                                                            rtl)])
        start += len(text) + 1
    return out


def _regroup(units: list[tuple[object, str, bool]], order: list[tuple[int, str]]) -> list:
    """The fragments of one line in the order `order` sees its characters: a run of
    characters of one unit in a row is one fragment (a unit kept whole, as it was)."""
    owner = [n for n, (_, text, _) in enumerate(units) for _ in text]
    out = []
    for n, group in groupby(order, key=lambda item: owner[item[0]]):
        frag, _, whole = units[n]
        out.append(frag if whole else frag.clone(text="".join(ch for _, ch in group)))
    return out


_shape_frag_word = _paragraph.shapeFragWord


def _shape_by_font(word: list, *args: object, **kwargs: object) -> list:
    """reportlab's shapeFragWord, for the words of a Paragraph that has runs to shape,
    shaping only those runs. A word with no run in a font of `SHAPED` is left as it is:
    HarfBuzz would put a right-to-left word's glyphs in the order they are seen, and
    `Paragraph` reorders each line itself. reportlab shapes a whole word with its first
    run's font (another font's glyphs would come out as empty boxes): in a word whose
    runs are in several fonts, each run of a font that needs shaping is shaped alone and
    the others are left as they are."""
    frags = word[1:]
    fonts = {getattr(f, "fontName", None) for f, _ in frags}
    if not fonts & SHAPED:
        return word
    if len(fonts) <= 1:
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
