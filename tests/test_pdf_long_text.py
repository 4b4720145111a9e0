"""One very long field makes the PDF in time that grows with its length (issue 19):
400,000 characters took 21 s, a million took minutes, because reportlab re-wraps all
that is left of a paragraph at each page break."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from model.demo import demo_session
from report.blocks import LONG_TEXT, long_text, plain
from report.pdf import write_pdf


def seconds_to_write(session, path: Path) -> float:
    start = time.perf_counter()
    write_pdf(session, path)
    return time.perf_counter() - start


@pytest.mark.parametrize("field", ["purpose", "notes"])
def test_a_long_field_takes_time_linear_in_its_length(tmp_path: Path, field: str):
    def with_words(n: int):
        words = " ".join(f"w{i}" for i in range(n))
        session = demo_session()
        if field == "purpose":
            return dataclasses.replace(session, purpose=words), words
        session.obstacles[0].notes = words
        return session, words

    small, _ = with_words(20_000)
    large, words = with_words(80_000)  # about 500,000 characters
    short = seconds_to_write(small, tmp_path / "small.pdf")
    long = seconds_to_write(large, tmp_path / "large.pdf")
    assert long < 10, long
    # Four times the text: about four times the time, not sixteen.
    assert long < 8 * max(short, 0.05), (short, long)
    shown = "".join(page.extract_text() for page in PdfReader(tmp_path / "large.pdf").pages)
    assert "w0 " in shown and "w79999" in shown and "w40000" in shown


def test_long_text_keeps_every_character_in_order():
    value = "word " * 3000 + "\n" + "x" * (3 * LONG_TEXT) + " tail\r\nend!"
    pieces = long_text(value, _style())
    assert len(pieces) > 3
    joined = "\n".join(p.text.replace("<br/>", "\n") for p in pieces)
    assert joined.replace("\n", "").replace(" ", "") == \
        plain(value).replace("\n", "").replace(" ", "")
    assert len(long_text("short", _style())) == 1


def _style():
    from reportlab.lib.styles import ParagraphStyle
    return ParagraphStyle("body")
