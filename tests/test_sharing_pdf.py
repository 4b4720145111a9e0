"""The sharing acid test in the PDF: no section while the step is off; when on, a table
of partner bodies × the five things shared (yes or no), with why not and what would
change it, and the sentence that says the marking and questions are the app's own."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from model import frameworks, starting_points
from model.exercises.sharing import Sharing
from model.session import Organisation, Session
from report.pdf import write_pdf
from report.sections.sharing import HEADING


def pdf_text(session: Session, tmp_path: Path) -> str:
    out = tmp_path / "summary.pdf"
    write_pdf(session, out)
    return re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in PdfReader(out).pages))


def test_off_by_default_no_section(tmp_path: Path) -> None:
    assert HEADING not in pdf_text(starting_points.new_session("Defaults"), tmp_path)


def test_the_table_of_partner_bodies_and_shares(tmp_path: Path) -> None:
    session = starting_points.new_session("Sharing")
    session.steps = ["sharing"]
    session.organisations = [Organisation("Council"), Organisation("NHS Trust")]
    session.parts["sharing"] = [Sharing("NHS Trust", services=True, risk=True,
                               why_not="Budgets ring-fenced",
                               would_change="A pooled budget under section 75")]
    content = pdf_text(session, tmp_path)
    assert HEADING in content
    assert "1 of 2 partner bodies marked; 1 share something." in content
    for word in ("Services", "Expertise", "Knowledge", "Resources", "Risk", "Why not?",
                 "What would change it?", "Council", "Budgets ring-fenced",
                 "A pooled budget under section 75"):
        assert word in content, word
    assert "yes" in content and "no" in content
    assert re.sub(r"\s+", " ", frameworks.own_choice("sharing")) in content


def test_no_partner_bodies(tmp_path: Path) -> None:
    session = starting_points.new_session("Empty")
    session.steps = ["sharing"]
    assert "The session has no partner bodies." in pdf_text(session, tmp_path)
