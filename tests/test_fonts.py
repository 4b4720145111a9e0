"""The font cache of the PDF (report/fonts.py): it only ever saves time. A missing,
stale, damaged or unwritable cache means the font is parsed, and the PDF is the same."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile

from model.session import Organisation, Session
from report import fonts
from report.pdf import FONTS, write_pdf

REGULAR = FONTS / "DejaVuSans.ttf"
UNICODE = "Cyngor Sir Ynys Môn Łódź Общественный совет Ομάδα"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setattr(fonts, "cache_folder", lambda: folder)
    return folder


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the slow part of the font parser ran."""
    calls: list[int] = []
    original = TTFontFile.extractInfo

    def counted(self: TTFontFile, charInfo: int = 1) -> None:
        if charInfo:
            calls.append(1)
        original(self, charInfo)

    monkeypatch.setattr(TTFontFile, "extractInfo", counted)
    return calls


def face_state(font: TTFont) -> dict:
    """What the face holds, but for the file's bytes, a scaling function and where the
    parser stopped reading."""
    return {k: v for k, v in vars(font.face).items()
            if k not in ("_ttf_data", "_pdfScale", "_pos")}


def test_the_second_font_comes_from_the_cache_and_equals_the_parsed_one(
        cache: Path, parses: list[int]) -> None:
    first = fonts.cached_font("F", REGULAR)
    assert parses == [1] and fonts.cache_file(REGULAR).is_file()
    second = fonts.cached_font("F", REGULAR)
    assert parses == [1]  # read back, not parsed
    assert face_state(second) == face_state(first) == face_state(TTFont("F", str(REGULAR)))
    assert second.stringWidth(UNICODE, 10) == first.stringWidth(UNICODE, 10)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "empty", "other"])
def test_a_damaged_cache_is_parsed_instead(cache: Path, parses: list[int],
                                           damage: str) -> None:
    fonts.cached_font("F", REGULAR)
    path = fonts.cache_file(REGULAR)
    data = path.read_bytes()
    damaged = {"garbage": b"\x00not marshal at all" * 50, "truncated": data[: len(data) // 2],
               "flipped": data[:-1000] + bytes([data[-1000] ^ 0xFF]) + data[-999:],
               "empty": b"", "other": fonts.marshal.dumps(["a", "list"])}[damage]
    path.write_bytes(damaged)
    font = fonts.cached_font("F", REGULAR)
    assert parses == [1, 1]
    fonts.cached_font("F", REGULAR)
    assert parses == [1, 1]  # the parse rewrote the cache: read again
    assert face_state(font) == face_state(TTFont("F", str(REGULAR)))


def test_a_font_file_changed_since_is_parsed_again(cache: Path, parses: list[int],
                                                   tmp_path: Path) -> None:
    copy = tmp_path / "DejaVuSans.ttf"
    copy.write_bytes(REGULAR.read_bytes())
    fonts.cached_font("F", copy)
    stat = copy.stat()
    os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    fonts.cached_font("F", copy)
    assert parses == [1, 1]


def test_two_copies_of_a_font_keep_a_cache_each(cache: Path, parses: list[int],
                                                tmp_path: Path) -> None:
    """Two installations of the app (two font files) must not take turns to overwrite
    one cache file."""
    copy = tmp_path / "DejaVuSans.ttf"
    copy.write_bytes(REGULAR.read_bytes())
    stat = REGULAR.stat()
    os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    for _ in range(2):
        fonts.cached_font("F", REGULAR)
        fonts.cached_font("F", copy)
    assert parses == [1, 1]


def test_an_unwritable_cache_still_gives_the_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 parses: list[int]) -> None:
    blocker = tmp_path / "not a folder"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setattr(fonts, "cache_folder", lambda: blocker)
    fonts.cached_font("F", REGULAR)
    fonts.cached_font("F", REGULAR)
    assert parses == [1, 1] and blocker.read_text().startswith("a file")


def test_the_pdf_is_right_from_a_damaged_cache(tmp_path: Path, cache: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import report.pdf

    for font in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        fonts.cache_file(FONTS / font).parent.mkdir(parents=True, exist_ok=True)
        fonts.cache_file(FONTS / font).write_bytes(b"damaged")
    report.pdf.register_fonts.cache_clear()  # register them again, through the cache
    try:
        path = tmp_path / "out.pdf"
        write_pdf(Session(title=UNICODE, organisations=[Organisation(UNICODE)]), path)
    finally:
        report.pdf.register_fonts.cache_clear()
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    assert "".join(UNICODE.split()) in "".join(text.split())


def test_a_string_splits_the_same_when_remembered(cache: Path) -> None:
    font = fonts.cached_font("F", REGULAR)
    plain = TTFont("F", str(REGULAR))
    doc, other = object.__new__(type("Doc", (), {})), object.__new__(type("Doc", (), {}))
    for text in (UNICODE, "abc", UNICODE, "Ŵ abc"):
        assert font.splitString(text, doc) == plain.splitString(text, other)
