"""Value for money in the PDF: no section while the step is off; when on, each partner
body's inputs with totals (numbers right-aligned, thousands separated), the outputs and
outcomes, the verdict and why, the complaints route, the seeds cited and the app's own
marks labelled; and its key findings on the cover."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from pypdf import PdfReader

from model import frameworks, starting_points
from model.exercises.value import Input, ValueForMoney
from model.session import Organisation, Session
from report.pdf import write_pdf
from report.sections.value import HEADING


def flat(value: str) -> str:
    return re.sub(r"\s+", " ", value)


def pdf_text(session: Session, tmp_path: Path) -> str:
    out = tmp_path / "summary.pdf"
    write_pdf(session, out)
    return flat("\n".join(p.extract_text() for p in PdfReader(out).pages))


def section_lines(session: Session, tmp_path: Path) -> list[str]:
    """The value section's page, as `pdftotext -layout` lays it out."""
    out = tmp_path / "summary.pdf"
    write_pdf(session, out)
    pages = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                           text=True, check=True).stdout.split("\f")
    page = next(p for p in pages if "Inputs, per partner body" in p)
    return page.splitlines()


def _session() -> Session:
    session = starting_points.new_session("Value")
    session.steps = ["value"]
    session.organisations = [Organisation("Council"), Organisation("NHS <Trust> & Co"),
                             Organisation("Cyngor Gwynedd ŵ")]
    session.parts["value"] = ValueForMoney(
        [Input("Council", 24, 3_000_000, "Meeting rooms"),
         Input("NHS <Trust> & Co", 22, None, "Data <b>bold</b>")],
        outputs="A joint strategy", outcomes="Fewer families in B&B",
        verdict="costs-more", why="Meetings take 552 hours a year",
        complaints_to="Each body's own complaints team", redress="unclear")
    return session


def test_off_by_default_no_section(tmp_path: Path) -> None:
    session = _session()
    session.steps = list(starting_points.new_session("x").steps)
    content = pdf_text(session, tmp_path)
    assert HEADING not in content
    assert "Partner bodies give" not in content


def test_the_section_and_its_findings(tmp_path: Path) -> None:
    content = pdf_text(_session(), tmp_path)
    assert content.count(HEADING) >= 3  # the cover's findings, its contents, the section
    for words in ("Partner bodies give 46 staff hours a month to meetings and their "
                  "administration (552 a year; 2 of 3 partner bodies recorded theirs), and "
                  "£3,000,000 a year.",
                  "The board's verdict: the partnership costs more than it adds (why: "
                  "Meetings take 552 hours a year).",
                  "A user who complains goes to: Each body's own complaints team; the route "
                  "is unclear to users.",
                  "NHS <Trust> & Co", "Data <b>bold</b>", "Cyngor Gwynedd ŵ",
                  "A joint strategy", "Fewer families in B&B",
                  "The board's verdict: costs more than it adds.",
                  "A service user complains: to whom?", "The route is unclear to users.",
                  "(Strachan, J, c. 2005)", "(Audit Commission, 2005)",
                  flat(frameworks.own_choice("value")),
                  "are the app's own marks", "Partnerships often ignore the need for "
                  "complaints procedures."):
        assert words in content, words


def test_numbers_are_right_aligned_with_thousands_and_totals(tmp_path: Path) -> None:
    lines = section_lines(_session(), tmp_path)
    council = next(line for line in lines if line.strip().startswith("Council "))
    trust = next(line for line in lines if "NHS <Trust> & Co" in line)
    total = next(line for line in lines if line.strip().startswith("Total "))
    gwynedd = next(line for line in lines if "Cyngor Gwynedd" in line)
    assert re.search(r"\b24\s+288\s+3,000,000\s+Meeting rooms", council)
    assert re.search(r"\b22\s+264\s+—", trust)
    assert re.search(r"—\s+—\s+—", gwynedd)
    assert re.search(r"\b46\s+552\s+3,000,000\s*$", total)
    # Right-aligned: the units digits stand in one column.
    assert council.index("288") + 3 == trust.index("264") + 3 == total.index("552") + 3
    assert council.index("3,000,000") + 9 == total.index("3,000,000") + 9
    assert ("Totals are of what was recorded: 2 of 3 partner bodies recorded their staff "
            "hours; 1 of 3 partner bodies recorded their money.") in flat(" ".join(lines))

def test_nothing_entered_says_so(tmp_path: Path) -> None:
    session = starting_points.new_session("Empty")
    session.steps = ["value"]
    content = pdf_text(session, tmp_path)
    for words in ("The session has no partner bodies.", "No outputs were recorded.",
                  "No outcomes were recorded.", "The board gave no verdict.",
                  "No complaints route was named.",
                  "How clear the route is to users was not marked.",
                  "The board gave no verdict on whether the partnership adds value.",
                  "No staff time or money was recorded."):
        assert words in content, words


def test_awkward_strings_are_printed_as_typed(tmp_path: Path) -> None:
    session = _session()
    session.parts["value"].outputs = "<img src=\"/etc/passwd\"/> & <b>not bold</b>"
    session.parts["value"].complaints_to = "Gŵyl Ŷd & Łódź <complaints@council>"
    content = pdf_text(session, tmp_path)
    assert "<img src=\"/etc/passwd\"/> & <b>not bold</b>" in content
    assert "Gŵyl Ŷd & Łódź <complaints@council>" in content
