"""DejaVu Sans for the PDF: a TrueType font read in bulk, that remembers how it split
each string.

reportlab reads a font's character map, widths and glyph locations one number at a
time in Python (TTFontFile.extractInfo): about 10 ms a face, on every export. `Face`
reads the same tables with one `struct` call each, for the kind of character map the
shipped fonts have (format 12), and leaves any other font to reportlab.

Drawing a string also walks its characters in Python (TTFont.splitString), and the
summary draws the same few hundred strings over a thousand times: `Font` remembers.
"""

from __future__ import annotations

from fnmatch import fnmatch
from itertools import count, repeat
from struct import unpack_from
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.pdfbase.ttfonts import TTEncoding, TTFError, TTFont, TTFontFace


class Face(TTFontFace):
    """reportlab's TTFontFace with the same tables, read in bulk (tests/test_fonts.py
    compares them with reportlab's own)."""

    def extractInfo(self, charInfo: int = 1) -> None:  # reportlab's name
        super().extractInfo(0)  # the names and metrics: quick
        if charInfo and not self._read_character_tables():
            super().extractInfo(charInfo)

    def _read_character_tables(self) -> bool:
        """charToGlyph, glyphToChar, charWidths, defaultWidth, hmetrics and glyphPos,
        as reportlab reads them; False (nothing set) for a character map of another
        kind than format 12, or one whose ranges are out of order or overlap, or more
        advance widths than glyphs: reportlab reads those its own way."""
        data = self._ttf_data
        cmap = self.table["cmap"]["offset"]
        chosen = None
        # The subtable reportlab chooses: the last of these kinds in the directory.
        for n in range(unpack_from(">H", data, cmap + 2)[0]):
            platform, encoding, offset = unpack_from(">HHL", data, cmap + 4 + 8 * n)
            if platform == 3 or (platform == 1 and encoding == 1) or (
                    platform == 0 and encoding != 5):
                chosen = offset
        if chosen is None or unpack_from(">H", data, cmap + chosen)[0] != 12:
            return False
        at = cmap + chosen
        groups = unpack_from(">L", data, at + 12)[0]
        starts_ends_firsts = unpack_from(f">{3 * groups}L", data, at + 16)
        char_to_glyph: dict[int, int] = {}
        previous_end = -1
        for n in range(0, 3 * groups, 3):
            start, end, first = starts_ends_firsts[n:n + 3]
            if start <= previous_end or end < start:
                return False
            previous_end = end
            char_to_glyph.update(zip(range(start, end + 1), count(first)))
        glyph_to_char: dict[int, list[int]] = {}
        for char, glyph in char_to_glyph.items():
            glyph_to_char.setdefault(glyph, []).append(char)

        head, hhea = self.table["head"]["offset"], self.table["hhea"]["offset"]
        index_format, glyph_format = unpack_from(">hh", data, head + 50)
        if glyph_format != 0:
            raise TTFError(f"Unknown glyph data format ({glyph_format})")
        metrics = unpack_from(">H", data, hhea + 34)[0]
        glyphs = self.numGlyphs
        if metrics > glyphs:
            return False
        hmtx = self.table["hmtx"]["offset"]
        pairs = unpack_from(f">{2 * metrics}H", data, hmtx)
        advances = pairs[0::2]
        scaled = {advance: self._pdfScale(advance) for advance in set(advances)}
        # The glyphs after the last metric share its advance; reportlab keeps it scaled.
        last = scaled[advances[-1]]
        hmetrics = list(zip(advances, pairs[1::2], strict=True))
        hmetrics += zip(repeat(last), unpack_from(f">{glyphs - metrics}H", data,
                                                  hmtx + 4 * metrics))
        widths = [scaled[advance] for advance in advances] + [last] * (glyphs - metrics)
        char_widths = {char: widths[glyph] for char, glyph in char_to_glyph.items()
                       if glyph < glyphs}

        if "loca" not in self.table:
            raise TTFError("missing location table")
        loca = self.table["loca"]["offset"]
        if index_format == 0:
            positions = [p << 1 for p in unpack_from(f">{glyphs + 1}H", data, loca)]
        elif index_format == 1:
            positions = list(unpack_from(f">{glyphs + 1}L", data, loca))
        else:
            raise TTFError(f"Unknown location table format ({index_format})")

        for a, b in ((0x20, 0xA0), (0xA0, 0x20)):  # a space is a no-break space
            if a in char_to_glyph:
                char_to_glyph[b], char_widths[b] = char_to_glyph[a], char_widths[a]
                break
        self.charToGlyph, self.glyphToChar = char_to_glyph, glyph_to_char
        self.charWidths, self.defaultWidth = char_widths, widths[0]
        self.hmetrics, self.glyphPos = hmetrics, positions
        return True


class Font(TTFont):
    """A TTFont on a `Face`, that remembers, per document, how it split each string it
    drew into the font's subsets (what splitString gives for a string never changes
    within one document: a character keeps the code it was first given)."""

    def __init__(self, name: str, filename: str) -> None:
        # TTFont.__init__ with a Face for its TTFontFace, attribute for attribute (a
        # test checks that no attribute of reportlab's is missing).
        self.fontName = name
        self.face = Face(filename)
        self.encoding = TTEncoding()
        self.state = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob)
        self._splits: WeakKeyDictionary = WeakKeyDictionary()

    def splitString(self, text: str, doc: object,
                    encoding: str = "utf-8") -> list[tuple[int, bytes]]:  # reportlab's name
        splits = self._splits.setdefault(doc, {})
        if text not in splits:
            splits[text] = super().splitString(text, doc, encoding)
        return splits[text]
