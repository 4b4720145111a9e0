"""The three-layer framework in the PDF: no section while the step is off; when on, the
three layers (what each does in the seed's words, the body, the mark, the note), the
strategic group's representation with the briefing cited, the app's own marks labelled,
the findings on the cover, and any typed text drawn as typed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from model import frameworks, starting_points
from model.exercises.layers import Layer, Layers, Seat
from model.session import Organisation, Session
from report.pdf import write_pdf
from report.sections.layers import HEADING, SEATS_HEADING
from tests.hostile_strings import HOSTILE_STRINGS
from tests.test_hostile_input import PDF_TITLE, RTL_RUN, drawable
from tests.test_hostile_input import pdf_text as squeezed_pdf_text


def pages(session: Session, tmp_path: Path) -> list[str]:
    out = tmp_path / "summary.pdf"
    write_pdf(session, out)
    return [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(out).pages]


def pdf_text(session: Session, tmp_path: Path) -> str:
    return " ".join(pages(session, tmp_path))


def squeeze(value: str) -> str:
    return re.sub(r"\s+", " ", value)


def filled() -> Session:
    session = starting_points.new_session("Layers")
    session.steps = ["layers"]
    session.organisations = [Organisation("Council"), Organisation("Police"),
                             Organisation("Fire"), Organisation("Health")]
    session.parts["layers"] = Layers(
        [Layer("strategic", "Carrick Partnership Board", note="Keep it"),
         Layer("executive", mark="missing", note="Set up a Joint Commissioning Group"),
         Layer("operational", "Housing Forum; Tenants' Panel", "duplicated", "Merge the two")],
        [Seat("Council", "first-tier"), Seat("Police", "other"), Seat("Fire", "none")])
    return session


def test_off_by_default_no_section(tmp_path: Path) -> None:
    session = filled()
    session.steps = list(starting_points.new_session().steps)
    content = pdf_text(session, tmp_path)
    assert SEATS_HEADING not in content and "oversight, vision" not in content
    assert "Missing: the executive layer." not in content


def test_the_layers_and_the_seats(tmp_path: Path) -> None:
    found = pages(filled(), tmp_path)
    cover, content = found[0], " ".join(found)
    # The cover lists the section and the findings.
    assert HEADING in cover
    assert "Missing: the executive layer." in cover
    assert "Duplicated: the operational layer (Housing Forum; Tenants' Panel)." in cover
    assert "not represented by a first- or second-tier leader: “Police” (someone else)" \
        in cover
    section = next(p for p in found[1:] if HEADING in p)
    for term in frameworks.layer_terms():
        assert term.definition in section, term.key
    assert squeeze(frameworks.layers_framework()) in section
    assert "(Audit Commission, 2009" in section
    for words in ("Carrick Partnership Board", "Set up a Joint Commissioning Group",
                  "Merge the two", "missing", "duplicated",
                  "2 of 3 layers marked: 1 missing, 1 duplicated"):
        assert words in section, words
    assert squeeze(frameworks.own_choice("layers")) in section
    assert "(the app's own marks)" in section
    # The seats: a leader's set apart from the rest, the briefing quoted and cited.
    assert SEATS_HEADING in content
    assert ("1 of 4 by a first- or second-tier leader; 1 by someone else; 1 not "
            "represented; 1 not recorded.") in content
    for words in ("first-tier leader", "someone else", "not represented", "not recorded",
                  "(named at the strategic layer: Carrick Partnership Board)"):
        assert words in content, words
    assert squeeze(f"“{frameworks.seats_quote()} {frameworks.why_tiers_matter()}” "
                   "(Matrix Research and Consultancy, 2004)") in content
    assert "“Someone else” and “not represented” are the app's own." in content


def test_nothing_entered_and_no_partner_bodies(tmp_path: Path) -> None:
    session = starting_points.new_session("Empty")
    session.steps = ["layers"]
    content = pdf_text(session, tmp_path)
    assert "No layer was named or marked." in content
    assert "The session has no partner bodies." in content
    assert "oversight, vision, and direction-setting" in content  # the layers all the same


@pytest.mark.parametrize("text", HOSTILE_STRINGS[:30])
def test_any_text_is_drawn_as_typed(tmp_path: Path, text: str) -> None:
    name = text if text.strip() else "x" + text
    session = starting_points.new_session(PDF_TITLE)
    session.steps = ["layers"]
    session.organisations = [Organisation(name)]
    session.parts["layers"] = Layers(
        [Layer("strategic", text, "duplicated", text), Layer("operational", note=text)],
        [Seat(name, "other")])
    out = tmp_path / "summary.pdf"
    write_pdf(session, out)
    content, shown = squeezed_pdf_text(out), drawable(text)
    # Right-to-left text is drawn right to left; extraction gives it in drawing order.
    mirrored = RTL_RUN.sub(lambda m: m.group()[::-1], shown)
    # The body and the note twice (the section; the cover's finding shortens the body).
    assert max(content.count(shown), content.count(mirrored)) >= (
        1 if len(text) > 500 else 3), shown[:60]
