"""Names in any script in the PDF (report/scripts.py): right-to-left text in reading
order, every script drawn from an embedded font that has its glyphs, emoji and CJK
readable and extractable, and a visible mark, never an empty box, where no font has a
character."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import TTFontFace

from model.session import (
    Group,
    Organisation,
    Participant,
    Perception,
    PerceptionRow,
    Score,
    Session,
)
from report import scripts
from report.blocks import register_fonts, text
from report.pdf import write_pdf

ARABIC = "مجلس الشراكة"
URDU = "شراکت داری کونسل"
HEBREW = "מועצת השותפות"
CHINESE = "伙伴关系委员会"
JAPANESE = "パートナーシップ会議"
KOREAN = "파트너십 위원회"
HINDI = "प्रिया शर्मा"
EMOJI = "🎉🤝👍"
NAMES = [ARABIC, URDU, HEBREW, CHINESE, JAPANESE, KOREAN, HINDI, EMOJI]


def world_session() -> Session:
    groups = [Group(name, colour) for name, colour in
              ((ARABIC, "#4477aa"), (HEBREW, "#ccbb44"), (CHINESE, "#ee6677"))]
    return Session(
        title=f"{HEBREW} {EMOJI}", partnership=URDU, facilitator=HINDI, venue=KOREAN,
        purpose=f"{ARABIC} (tier 1)\n{JAPANESE}",
        organisations=[Organisation(name) for name in NAMES], groups=groups,
        participants=[Participant(name, name, "", 1, True) for name in NAMES],
        perception=Perception(rows=[PerceptionRow("governance", ARABIC)],
                              scores=[Score(ARABIC, ARABIC, 1), Score(ARABIC, HEBREW, 5)]))


@pytest.fixture(scope="module")
def world_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "world.pdf"
    write_pdf(world_session(), path)
    return path


def logical(extracted: str) -> str:
    """Extracted text as typed: bidi marks out, Arabic joined forms back to letters."""
    extracted = "".join(c for c in extracted if unicodedata.category(c) != "Cf")
    return unicodedata.normalize("NFKC", extracted)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
@pytest.mark.parametrize("name", NAMES[:6] + [EMOJI])
def test_names_are_extracted_in_reading_order(world_pdf: Path, name: str) -> None:
    out = subprocess.run(["pdftotext", str(world_pdf), "-"], capture_output=True,
                         text=True, encoding="utf-8", check=True).stdout
    assert unicodedata.normalize("NFKC", name) in logical(out)


def test_emoji_and_cjk_are_extracted_exactly_by_pypdf(world_pdf: Path) -> None:
    content = "".join(page.extract_text() for page in PdfReader(world_pdf).pages)
    for name in (CHINESE, JAPANESE, KOREAN.split()[0], EMOJI):
        assert name in content
    assert "\ufffd" not in content  # nothing was replaced: every character has a font


def test_each_script_is_drawn_from_an_embedded_font(world_pdf: Path) -> None:
    fonts = set()
    for page in PdfReader(world_pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font["/BaseFont"] == "/Helvetica":
                continue  # reportlab's canvas lists its initial font; no text uses it
            assert "/FontFile2" in font["/FontDescriptor"]  # embedded TrueType
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    assert {"DejaVuSans", "NotoSansArabic-Regular", "NotoSansDevanagari-Regular",
            "DroidSansFallback", "NanumGothic", "Symbola"} <= fonts


@pytest.mark.parametrize("name", NAMES)
def test_every_run_is_in_a_font_that_has_its_glyphs(name: str) -> None:
    register_fonts()
    faces = {font: TTFontFace(str(scripts.FONTS / file)) for font, file in scripts.FALLBACKS}
    seen = scripts.visual(name)
    for font, part in scripts.runs(seen):
        cmap = (faces[font] if font in faces else TTFontFace(str(
            scripts.FONTS / f"{font}.ttf"))).charToGlyph
        assert all(ord(c) in cmap for c in part), (font, part)  # no .notdef glyph


def test_right_to_left_is_put_in_visual_order_with_brackets_mirrored() -> None:
    register_fonts()
    assert scripts.visual(HEBREW) == HEBREW[::-1]
    assert scripts.visual(f"{HEBREW} (tier 1)") == f"(tier 1) {HEBREW[::-1]}"
    assert scripts.visual("Board (ועד)") == "Board (דעו)"


def test_a_character_no_font_has_is_a_replacement_mark_not_a_box() -> None:
    register_fonts()
    melting = "\U0001fae0"  # Unicode 14: newer than the emoji font
    assert scripts.runs(f"a{melting}b") == [("DejaVuSans", "a\ufffdb")]
    assert "\ufffd" in text(melting)
    # An invisible joiner or selector no font has is left out, not boxed.
    assert scripts.runs("a\ufe0fb") in ([("DejaVuSans", "ab")], [("DejaVuSans", "a\ufe0fb")])


def test_latin_text_stays_on_the_quick_path() -> None:
    register_fonts()
    assert scripts.simple("Cyngor Sir Ynys Môn Łódź Общественный")
    assert text("Cyngor & <b>") == "Cyngor &amp; &lt;b&gt;"  # no <font> runs


def test_fallback_fonts_are_not_read_for_text_that_does_not_need_them(tmp_path: Path) -> None:
    import sys

    code = ("import sys; from model.demo import demo_session; from report.pdf import write_pdf;"
            "write_pdf(demo_session(), sys.argv[1]); from reportlab.pdfbase import pdfmetrics;"
            "print(sorted(pdfmetrics.getRegisteredFontNames()))")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "d.pdf")],
                         cwd=Path(__file__).resolve().parent.parent, capture_output=True,
                         text=True, check=True).stdout
    assert "DroidSansFallback" not in out and "NanumGothic" not in out


def test_coverage_data_is_what_the_fonts_hold() -> None:
    stored = json.loads((scripts.FONTS / "coverage.json").read_text(encoding="utf-8"))
    assert set(stored) == {file for _, file in scripts.FALLBACKS}
    for file, ranges in stored.items():
        assert ranges == scripts.coverage_of(scripts.FONTS / file), file


def test_every_shipped_font_has_its_licence() -> None:
    names = {p.name for p in scripts.FONTS.iterdir()}
    for prefix, licence in (("DejaVu", "LICENSE-DejaVu.txt"), ("Noto", "LICENSE-Noto.txt"),
                            ("Droid", "LICENSE-DroidSansFallback.txt"),
                            ("Nanum", "LICENSE-Nanum.txt"), ("Symbola", "LICENSE-Symbola.txt")):
        assert any(n.startswith(prefix) and n.endswith(".ttf") for n in names)
        assert licence in names


# --- a right-to-left note that wraps: broken in typed order, each line reordered ------

_LETTERS = "بتثجحخدذرزسشصضطظعغفقكمنهي"
# Forty distinct Arabic words, and forty-two Hebrew ones (no lam-alef: no ligatures).
LONG_ARABIC = " ".join(_LETTERS[i % 25] + _LETTERS[(i * 7 + 3) % 25] + "ن"
                       + _LETTERS[(i // 25) * 5] for i in range(40))
LONG_HEBREW = " ".join(f"{a}{b}ת" for a, b in zip("אבגדהוזחטיכלמנסעפצקרש" * 2,
                                                   "בגדהוזחטיכלמנסעפצקרשא" * 2, strict=True))
MIXED = "Board أعضاء 2026 and then quite a lot more words after it"


@pytest.fixture(scope="module")
def notes_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Long notes in the participants table's narrow "Partner body" column."""
    path = tmp_path_factory.mktemp("pdf") / "notes.pdf"
    session = Session(title="Notes", organisations=[Organisation("Board")], participants=[
        Participant("Ali", LONG_ARABIC, "", 1, True),
        Participant("Dan", LONG_HEBREW, "", 1, True),
        Participant("Mix", MIXED, "", 1, True)])
    write_pdf(session, path)
    return path


def _cell_lines(pdf: Path, first: str, stop: str) -> list[str]:
    """The lines of the "Partner body" cell of the participant named `first`, top to
    bottom, as pdftotext reads them (each line in reading order), as typed."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                         text=True, encoding="utf-8", check=True).stdout.splitlines()
    start = next(i for i, row in enumerate(out) if row.split()[1:2] == [first])
    lines = []
    for i, row in enumerate(out[start:]):
        if stop in row.split()[:2]:
            break
        # pdftotext marks a right-to-left run with embedding marks: words, not glue.
        words = logical(re.sub("[\u202a-\u202e]", " ", row)).split()[2 * (i == 0):]
        lines.append(" ".join(w for w in words if w not in ("—", "tier", "1", "present")))
    return [line for line in lines if line]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
@pytest.mark.parametrize(("first", "stop", "note"), [("Ali", "Dan", LONG_ARABIC),
                                                     ("Dan", "Mix", LONG_HEBREW)],
                         ids=["arabic", "hebrew"])
def test_a_wrapped_right_to_left_note_reads_from_its_first_line_down(
        notes_pdf: Path, first: str, stop: str, note: str) -> None:
    lines = _cell_lines(notes_pdf, first, stop)
    assert len(lines) >= 5  # it wrapped
    words = note.split()
    assert lines[0].split() == words[:len(lines[0].split())]  # its first words on top
    assert " ".join(lines) == unicodedata.normalize("NFKC", note)  # line after line


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_a_wrapped_mixed_line_keeps_its_numbers_and_latin_words_in_place(
        notes_pdf: Path) -> None:
    lines = _cell_lines(notes_pdf, "Mix", "Representation")
    assert len(lines) >= 2
    assert lines[0].startswith("Board ") and "2026" in lines[0]
    assert "أعضاء" in lines[0]
    latin = [w for w in " ".join(lines).split() if w.isascii() and not w.isdigit()]
    assert latin == [w for w in MIXED.split() if w.isascii() and not w.isdigit()]


def _drawn_lines(value: str, width: float) -> list[str]:
    """The text of each line a Paragraph of `value` draws in `width`, left to right."""
    from report.pdf import Styles

    register_fonts()
    paragraph = scripts.Paragraph(text(value), Styles().cell)
    paragraph.wrap(width, 1e6)
    seen = scripts._seen(paragraph.blPara)
    if seen.kind == 0:
        return [" ".join(words) for _, words in seen.lines]
    return ["".join(frag.text for frag in line.words) for line in seen.lines]


@pytest.mark.parametrize("value", [ARABIC, URDU, HEBREW, f"{HEBREW} (tier 1)",
                                   f"{ARABIC} (tier 1)", "Board (ועד)", "Board أعضاء 2026",
                                   f"{ARABIC} {CHINESE} {EMOJI} 12"])
def test_a_line_that_does_not_wrap_is_drawn_as_before(value: str) -> None:
    assert _drawn_lines(value, 1000) == [scripts.visual(value)]


def test_each_line_is_reordered_alone_and_the_lines_keep_typed_order() -> None:
    lines = _drawn_lines(LONG_HEBREW, 120)
    assert len(lines) > 3
    # Hebrew letters only: each line drawn is its typed words reversed, and the lines,
    # top to bottom, are the note in typed order.
    assert " ".join(line[::-1] for line in lines) == LONG_HEBREW
    # Several paragraphs (line breaks) each take their own direction.
    assert _drawn_lines(f"{HEBREW}\nBoard (ועד)", 1000) == [HEBREW[::-1], "Board (דעו)"]
