"""Box 2 in the PDF, and the steps a session runs: a step that is off has no section
(and no key findings on the cover); Box 2's section lists the five items with rating,
owner and date, gaps highlighted."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from model import frameworks, starting_points
from model.exercises import accountability
from model.session import Session
from report.pdf import write_pdf
from report.sections.accountability import HEADING as BOX2
from report.sections.obstacles import HEADING as OBSTACLES
from report.sections.perception import HEADING as PERCEPTION
from report.sections.typology import HEADING as TYPOLOGY


def extracted(path: Path) -> str:
    return re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in PdfReader(path).pages))


def pdf_text(session: Session, tmp_path: Path) -> str:
    out = tmp_path / "summary.pdf"
    write_pdf(session, out)
    return extracted(out)


def test_by_default_the_three_exercises_and_not_box_2(tmp_path: Path) -> None:
    content = pdf_text(starting_points.new_session("Defaults"), tmp_path)
    for heading in (OBSTACLES, TYPOLOGY, PERCEPTION):
        assert heading in content
    assert BOX2 not in content
    assert "Accountability gaps" not in content


def test_steps_off_leave_their_sections_out(tmp_path: Path) -> None:
    session = starting_points.new_session("Only Box 2")
    session.steps = ["accountability"]
    content = pdf_text(session, tmp_path)
    assert BOX2 in content
    for heading in (OBSTACLES, TYPOLOGY, PERCEPTION, "Top obstacles",
                    "Widest perception gaps"):
        assert heading not in content, heading
    assert "None of Box 2's items was rated." in content


def test_box_2_table_has_rating_owner_date_and_gaps(tmp_path: Path) -> None:
    session = starting_points.new_session("Box 2")
    session.steps = ["obstacles", "accountability"]
    session.accountability = accountability.fresh_items()
    session.accountability[0].rating = "in-place"
    session.accountability[2].rating = "absent"
    session.accountability[2].owner = "Partnership manager"
    session.accountability[2].due = "2026-03-14"
    session.accountability[2].action = "x"
    session.accountability[4].rating = "partly"
    content = pdf_text(session, tmp_path)
    section = content[content.index(BOX2, content.index("In this summary") + 20):]
    assert "3 of 5 rated; 2 gaps (partly or absent), highlighted." in section
    assert "Partnership manager" in section and "14 March 2026" in section
    assert "in place" in section and "absent" in section and "partly" in section
    assert frameworks.own_choice("accountability") in content
    squeezed = section.replace(" ", "")
    for item in frameworks.accountability_processes():
        assert item.replace(" ", "") in squeezed
    assert "(gap: in the actions list)" in section
    # The cover's key findings name the gaps.
    assert "Accountability gaps (Box 2)" in content
    assert "owner Partnership manager" in content
