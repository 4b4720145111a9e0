"""DejaVu Sans for the PDF, with what reportlab parses of it kept in the user's cache.

reportlab reads a TrueType font's character map, widths and glyph locations in pure
Python (TTFontFile.extractInfo): about 10 ms a face on every export. Those tables are
kept with marshal (plain data; never pickle, which would run code) in the per-user
cache folder, keyed by the reportlab version and the font file's size and time. A cache
that is missing, stale, damaged or unwritable only means the font is parsed as before.

Drawing a string also walks its characters in Python (TTFont.splitString), and the
summary draws the same few hundred strings over a thousand times: `Font` remembers.
"""

from __future__ import annotations

import marshal
import os
import zlib
from pathlib import Path
from weakref import WeakKeyDictionary

import reportlab
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from model.errors import WorkshopError
from model.files import write_atomically
from model.paths import cache_folder

# What extractInfo reads only when asked for character information: its slow part. The
# rest (names, metrics) it reads every time, which is quick.
CHAR_INFO = ("charToGlyph", "glyphToChar", "charWidths", "defaultWidth", "hmetrics",
             "glyphPos")


class FontCacheError(WorkshopError):
    """The cache file cannot be written (never shown: the font was parsed anyway)."""


def _key(font: Path) -> tuple[str, int, int]:
    stat = os.stat(font)
    return reportlab.Version, stat.st_size, stat.st_mtime_ns


def cache_file(font: Path) -> Path:
    """Where the tables of `font` as it is now are cached: a file for each version of
    reportlab and of the font file, so that two installations do not take turns to
    overwrite each other's."""
    version, size, mtime = _key(font)
    return cache_folder() / "fonts" / f"{font.stem}-{version}-{size}-{mtime}.marshal"


class CachedFace(TTFontFace):
    """A TTFontFace whose character information comes from the cache when it can."""

    def extractInfo(self, charInfo: int = 1) -> None:  # reportlab's name
        if not charInfo:
            super().extractInfo(charInfo)
            return
        font = Path(self.filename)
        key = _key(font)
        cached = _read(cache_file(font), key)
        if cached is None:
            super().extractInfo(charInfo)
            _write(cache_file(font), key, {name: getattr(self, name) for name in CHAR_INFO})
        else:
            super().extractInfo(0)
            self.__dict__.update(cached)


def _read(path: Path, key: tuple) -> dict | None:
    """The character information cached for `key`, or None."""
    try:
        stored_key, checksum, payload = marshal.loads(path.read_bytes())
        if stored_key != key or zlib.crc32(payload) != checksum:
            return None
        cached = marshal.loads(payload)
    except Exception:  # whatever is wrong with the file, the font is parsed instead
        return None
    return cached if isinstance(cached, dict) and set(cached) == set(CHAR_INFO) else None


def _write(path: Path, key: tuple, info: dict) -> None:
    """Cache `info` for `key`, atomically (a half-written file would fail its checksum)."""
    try:
        payload = marshal.dumps(info)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = marshal.dumps((key, zlib.crc32(payload), payload))
        write_atomically(path, lambda file: file.write(data), FontCacheError)
    except (OSError, ValueError, FontCacheError):
        pass  # no cache this time: the next export parses the font again


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


def cached_font(name: str, path: Path) -> Font:
    """A Font of the font file at `path`, its face a CachedFace."""
    # TTFont builds its face with its module's TTFontFace and cannot be handed one, so
    # for this call that name is ours. Were reportlab to stop looking it up there, the
    # font would simply be parsed as before.
    ttfonts.TTFontFace = CachedFace
    try:
        return Font(name, str(path))
    finally:
        ttfonts.TTFontFace = TTFontFace
