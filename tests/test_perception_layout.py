"""The perception grid's layout for the room: the column headings stay in view while the
grid scrolls (laptop and presenter), clicks and tooltips under them reach no hidden row,
and the presenter's headline, hidden-scores notice and label column fit a projector."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from gui.exercises.perception.grid import HEADER_BG, PerceptionGrid
from model import frameworks
from model.session import Group, Perception, PerceptionRow, Session
from tests.test_perception_page import GROUPS, Key, open_grid, press, stored, workshop
from tests.test_presenter import open_presenter

LONG = " with a label that is long enough to wrap onto more lines"


def tall_workshop(partnership: str = "Testshire Partnership") -> Session:
    """Thirty rows, some with long labels: too many to show without scrolling."""
    rows = [PerceptionRow("governance", f"Principle {n}" + (LONG if n % 4 == 0 else ""))
            for n in range(1, 31)]
    return Session(title="Tall grid", partnership=partnership,
                   groups=[Group(name, colour) for name, colour in GROUPS],
                   perception=Perception(rows=rows))


def pixel(widget, x: int, y: int) -> QColor:
    return widget.grab().toImage().pixelColor(x, y)


def scrolled_grid(qtbot, window, store):
    session_id, page = open_grid(qtbot, window, store, tall_workshop())
    window.resize(1000, 600)
    bar = page.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    press(qtbot, Key.Key_End)
    qtbot.waitUntil(lambda: bar.value() > 0)
    return session_id, page, bar


def test_the_headings_stay_at_the_top_of_the_laptop_grid_when_it_scrolls(qtbot, window,
                                                                         store):
    _, page, bar = scrolled_grid(qtbot, window, store)
    grid = page.grid
    header = grid.header_rect()
    assert header.top() == bar.value()  # the top of what is in view
    # The selected row was scrolled to whole, below the headings, not under them.
    row = grid.row_rect(grid.current_row)
    assert row.top() >= bar.value() + header.height()
    assert row.bottom() <= bar.value() + page.scroll.viewport().height()
    # What the facilitator sees: the headings' colour at the top of the view.
    viewport = page.scroll.viewport()
    assert pixel(viewport, 3, 2) == HEADER_BG
    assert pixel(viewport, grid.cell_rect(0, 3).center().x(), int(header.height()) - 3) \
        == HEADER_BG


def test_a_click_on_the_headings_scores_no_row_hidden_under_them(qtbot, window, store):
    session_id, page, bar = scrolled_grid(qtbot, window, store)
    grid = page.grid
    header = grid.header_rect()
    point = QPoint(grid.cell_rect(0, 3).center().x(), int(header.center().y()))
    hidden = [i for i in range(len(grid.rows)) if grid.row_rect(i).contains(point)]
    assert hidden, "a row lies under the headings"
    selected = grid.current_row
    assert grid.hit(point.toPointF()) is None
    # The headings' own tooltip (how the app reads the scale), not the hidden row's.
    assert grid._tooltip(point.toPointF()) == frameworks.own_choice("scale")
    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, pos=point)
    assert stored(store, session_id) == {}
    assert grid.current_row == selected
    # Just below the headings, a click scores the row shown there, as before.
    below = QPoint(point.x(), int(header.bottom()) + 3)
    index, score = grid.hit(below.toPointF())
    assert score == 3
    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, pos=below)
    assert stored(store, session_id) == {(grid.rows[index].label, GROUPS[0][0]): 3}
    assert grid._tooltip(below.toPointF())  # the row's label (or its chip)


def test_scrolling_repaints_the_headings_where_they_were_and_where_they_go(qtbot, window,
                                                                          store):
    _, page, bar = scrolled_grid(qtbot, window, store)
    grid = page.grid
    repainted: list = []
    grid.update = lambda *area: repainted.append(area)  # type: ignore[method-assign]
    old = bar.value()
    bar.setValue(old - 40)
    tops = {area[0].top() for area in repainted if area and isinstance(area[0], QRect)}
    assert {old, old - 40} <= tops
    assert all(area[0].height() >= grid.header_rect().height() for area in repainted)


def test_the_presenter_keeps_the_headings_over_the_row_it_scrolls_to(qtbot, window, store):
    _, page = open_grid(qtbot, window, store, tall_workshop())
    presenter = open_presenter(qtbot, window)
    presenter.resize(1280, 720)
    press(qtbot, Key.Key_End)
    bar = presenter.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() > 0)
    grid = presenter.grid
    header = grid.header_rect()
    assert header.top() == bar.value()
    row = grid.row_rect(grid.current_row)
    assert row.top() >= bar.value() + header.height()
    assert row.bottom() <= bar.value() + presenter.scroll.viewport().height()
    assert pixel(presenter.scroll.viewport(), 3, 2) == HEADER_BG
    assert QApplication.focusWidget() is page.grid


def test_the_presenter_gives_labels_more_room_while_cells_hold_few_chips(qtbot, window,
                                                                        store):
    _, page = open_grid(qtbot, window, store, tall_workshop())
    grid = PerceptionGrid(page.document, presenter=True)
    qtbot.addWidget(grid)
    grid.resize(1256, 600)
    grid.fit_height = 600  # as on a 1280x720 projector: thirty rows shrink the type
    grid.relayout()
    columns = grid._ensure_geometry().columns
    assert columns[1] >= 0.28 * 1256  # was 22%: long labels wrapped onto four lines
    assert all(columns[1] > columns[s + 1] - columns[s] for s in range(1, 6))
    # Three groups on one cell: crowded cells get the room back.
    for _ in GROUPS:
        press(qtbot, Key.Key_3, Key.Key_Up, Key.Key_Right)
    assert grid.shown_chips(0, 3) == [name for name, _ in GROUPS]
    assert grid._ensure_geometry().columns[1] < 0.25 * 1256


def test_the_presenter_headline_shortens_the_name_not_what_the_screen_shows(qtbot, window,
                                                                           store):
    name = "The Carrick and District Housing and Community Governance Partnership Board"
    open_grid(qtbot, window, store, tall_workshop(partnership=name))
    presenter = open_presenter(qtbot, window)
    presenter.resize(700, 500)
    qtbot.waitUntil(lambda: presenter.headline.text().endswith("…: perception grid"))
    assert presenter.headline.text().startswith("The C")
    assert presenter.headline.toolTip() == f"{name}: perception grid"
    presenter.resize(1900, 500)  # room for it all: shown whole
    qtbot.waitUntil(lambda: presenter.headline.text() == f"{name}: perception grid")


def test_the_hidden_scores_notice_has_a_line_of_its_own(qtbot, window, store):
    open_grid(qtbot, window, store, workshop())
    presenter = open_presenter(qtbot, window)
    presenter.resize(1280, 720)
    press(qtbot, Key.Key_H, modifier=Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "hidden" in presenter.status.text())
    scoring, notice = presenter.status.text().split("<br>")
    assert "Board members" in scoring and "hidden" in notice
    # The headline keeps its room: shown whole, not cut short by the notice.
    qtbot.waitUntil(lambda: presenter.headline.text()
                    == "Testshire Partnership: perception grid")
