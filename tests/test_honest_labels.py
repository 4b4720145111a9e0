"""Honest labels (issue 16): where the app adds structure of its own it says so, in the
window and in the PDF; the Governance Test's rows and Bovaird's ten principles are not
presented as one another; Figure 1 keeps its own labels and credit.

Wording is checked against the seed excerpts of tests/seed_excerpts/ (never ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPointF, Qt

from model import frameworks
from model.demo import demo_session
from report.pdf import write_pdf

EXCERPTS = Path(__file__).resolve().parent / "seed_excerpts"
CTRL = Qt.KeyboardModifier.ControlModifier


def excerpt(part: str) -> str:
    return (EXCERPTS / frameworks.seed_of(part)).read_text(encoding="utf-8")


def squeezed(value: str) -> str:
    return "".join(value.split())


# --- the wording, against the seeds ---------------------------------------------------


def test_figure_1_labels_and_axis_titles_are_the_figures_own():
    lines = excerpt("typology").splitlines()
    head = next(i for i, line in enumerate(lines) if line.strip() == "FUNCTION")
    figure = lines[head:head + 5]
    assert figure[1].split("\t")[2:] == [t.figure_label for t in frameworks.functions()]
    rows = [line.split("\t")[1] for line in figure[2:5]]
    assert rows == [t.figure_label for t in frameworks.collaboration_levels()]
    assert figure[2].split("\t")[0] == frameworks.typology_axis("collaboration")
    assert figure[0].strip() == frameworks.typology_axis("function")
    assert frameworks.title_of("typology") in lines


def test_figure_1_is_credited_as_the_briefing_credits_it():
    text = excerpt("typology")
    assert "Building upon work by Griffith<sup>1</sup> we have developed a partnership " \
        "typology" in text
    credit = frameworks.typology_credit()
    assert "Matrix Research and Consultancy (2004)" in credit
    assert "building upon work by Griffith (2002)" in credit


def test_the_apps_own_structure_is_not_in_the_seeds_and_says_so():
    box1 = excerpt("box1")
    for value in range(4):
        assert frameworks.rating_label(value) not in box1.casefold()
    assert "Box 1 gives none" in frameworks.own_choice("ratings")
    # Box 1 is a flat list: no factor names inside it.
    box = box1[box1.index("### Box 1"):box1.index("## Introduction")] \
        if "## Introduction" in box1 else box1[box1.index("### Box 1"):]
    assert not any(t.label in box for t in frameworks.factors())
    assert "the app's grouping" in frameworks.own_choice("factors")
    assert "the app's grouping" in frameworks.own_choice("difficulties_factors")
    for tier in (1, 2, 3):
        assert frameworks.tier_label(tier) not in box1
    assert "first- or second-tier leaders" in frameworks.own_choice("tiers")
    assert "the app's own" in frameworks.own_choice("tiers")
    perception = excerpt("perception")
    assert "\t1\t2\t3\t4\t5" in perception  # columns numbered, no words for either end
    assert "the app reads" in frameworks.own_choice("scale")
    assert "the app's own" in frameworks.own_choice("gap")


def _table_rows() -> list[str]:
    lines = excerpt("perception").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Governance Test"))
    return [line.split("\t")[0] for line in lines[start + 1:]
            if "\t" in line and line.split("\t")[0].strip()
            and line.split("\t")[0] not in ("Quality of Life Issues", "Governance Principles")]


def test_the_governance_tests_rows_and_bovairds_principles_are_two_slides():
    lines = excerpt("perception").splitlines()
    table = _table_rows()
    assert [r.label for r in frameworks.quality_of_life_rows()
            + frameworks.governance_test_rows()] == table
    slide = lines.index(frameworks.principles_title())  # the slide's own title
    principles = [line.removeprefix("- ") for line in lines[slide + 2:slide + 12]]
    assert principles == [r.label for r in frameworks.principle_rows()]
    test_line = next(line for line in lines if line.startswith("Governance Test"))
    assert test_line.startswith(frameworks.title_of("perception"))
    assert "Governance International" in frameworks.perception_credit()
    assert frameworks.row_origin("Partnership working").startswith("A row of the Governance")
    assert "not a row of the Governance Test" in frameworks.row_origin("Accountability")
    both = frameworks.row_origin("Transparency")  # on both slides, in the same words
    assert "Governance Test" in both and "ten principles" in both
    assert frameworks.row_origin("Our own row") == ""


# --- the PDF --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_pdf(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("pdf") / "demo.pdf"
    write_pdf(demo_session(), path)
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_pdf_says_which_structure_is_the_apps(demo_pdf: str):
    text = squeezed(demo_pdf)
    for key in ("ratings", "factors", "tiers", "gap", "scale"):
        assert squeezed(frameworks.own_choice(key)) in text, key
    assert squeezed("grouped by the three factors") not in text
    appendix = demo_pdf[demo_pdf.rindex("Appendix: frameworks used"):]
    assert squeezed("a list without groups") in squeezed(appendix)


def test_the_pdf_keeps_figure_1s_labels_and_credit(demo_pdf: str):
    text = squeezed(demo_pdf)
    for word in ("COLLABORATION", "FUNCTION", "Co-operative", "Co-ordinating", "Integrative"):
        assert word in demo_pdf
    assert squeezed("Source: " + frameworks.typology_credit()) in text
    typology = demo_pdf[demo_pdf.index("Where the participants placed"):]
    assert squeezed(frameworks.typology_credit()) in squeezed(typology[:400])


def test_the_pdf_appendix_keeps_the_two_slides_apart(demo_pdf: str):
    appendix = squeezed(demo_pdf[demo_pdf.rindex("Appendix: frameworks used"):])
    test_at = appendix.index(squeezed(frameworks.title_of("perception")))
    slide_at = appendix.index(squeezed(frameworks.principles_title()))
    table_part, slide_part = appendix[test_at:slide_at], appendix[slide_at:]
    for row in frameworks.governance_test_rows():
        assert squeezed(row.label) in table_part
    assert squeezed("Accountability") not in table_part
    assert squeezed("Partnership working") not in slide_part
    assert squeezed("; ".join(r.label for r in frameworks.principle_rows())) in slide_part
    assert squeezed(f"Source: {frameworks.perception_credit()}") in table_part


def test_the_pdf_marks_the_demos_invented_details(demo_pdf: str):
    cover = squeezed(demo_pdf[:demo_pdf.index("Page 1 of")])
    assert squeezed("Governance International (illustrative)") in cover
    assert squeezed("Carrick Housing estates (illustrative)") in cover
    for name in ("Carrick Housing Staff", "Carrick Housing staff", "Young People",
                 "Young people", "Disab. Tenants"):
        assert name in demo_pdf


# --- the window -----------------------------------------------------------------------


@pytest.fixture
def demo(window, qtbot):
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    window.open_demo()
    return window.current_view()


def test_the_typology_step_shows_figure_1s_labels_and_credit(demo, qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    page = demo.page(3)
    assert [t.figure_label for t in page.grid.levels] == ["Co-operative", "Co-ordinating",
                                                          "Integrative"]
    assert "COLLABORATION" in page.grid.axes_text and "FUNCTION" in page.grid.axes_text
    assert page.credit.isVisible()
    assert frameworks.typology_credit() in page.credit.text()
    assert page.credit.text().startswith(frameworks.title_of("typology"))


def test_the_obstacles_step_says_the_grouping_and_scale_are_the_apps(demo, qtbot, window):
    from gui.exercises.obstacles.obstacle_list import BY_FACTOR

    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    page = demo.page(2)
    assert frameworks.own_choice("factors") in page.view_buttons[BY_FACTOR].toolTip()
    qtbot.mouseClick(page.view_buttons[BY_FACTOR], Qt.MouseButton.LeftButton)
    heading = page.model.index(page.model.heading_rows()[0], 0)
    assert heading.data().endswith("the app's grouping")
    assert heading.data(Qt.ItemDataRole.ToolTipRole) == frameworks.own_choice("factors")
    assert page.detail.factor.toolTip() == frameworks.own_choice("factors")
    assert all(frameworks.own_choice("ratings") in b.toolTip()
               for b in page.detail.rating_buttons.values())


def test_the_perception_step_names_where_each_row_comes_from(demo, qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    page = demo.page(4)
    assert page.principles_button.text() == "Add Bovaird's ten principles"
    assert frameworks.principles_title() in page.principles_button.toolTip()
    assert "Governance Test" in page.quality_button.toolTip()
    assert frameworks.own_choice("gap") in page.threshold.toolTip()
    grid = page.grid
    assert grid._tooltip(QPointF(grid.header_rect().center())) == \
        frameworks.own_choice("scale")
    boxes = grid._ensure_geometry().rows
    box = next(b for b in boxes if grid.rows[b.index].label == "Partnership working")
    point = QPointF(box.rect.left() + 4, box.rect.top() + 4)
    assert frameworks.row_origin("Partnership working") in grid._tooltip(point)
