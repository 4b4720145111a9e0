"""The Typology step driven like a facilitator: keys, clicks and drags on the real window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from model.session import Cell, Group, Participant, Session

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier

TOP_LEFT = Cell("co-operation", "strategic")
COOP_COMM = Cell("co-operation", "commissioning")
CENTRE = Cell("co-ordination", "commissioning")
INT_COMM = Cell("integration", "commissioning")
INT_DEL = Cell("integration", "delivery")
COORD_DEL = Cell("co-ordination", "delivery")


def small_session() -> Session:
    return Session(
        "Typology test",
        groups=[Group("Tenants", "#4477aa"), Group("Staff", "#ee6677")],
        participants=[Participant("Ann Lee", group="Tenants"), Participant(""),
                      Participant("Bo", group="Staff")],
    )


def activate(window, qtbot) -> None:
    """Keys go to the active window's focus widget: make sure the window is active."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


@pytest.fixture
def opened(window, store, qtbot):
    """The small session open on the Typology step (Ctrl+3); returns (id, page)."""
    window.resize(1280, 720)
    activate(window, qtbot)
    session_id = store.add_session(small_session())
    window.open_session(session_id)
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    page = window.current_view().page(3)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.grid)
    return session_id, page


def key(qtbot, k, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget(), k, modifier)


def placed(store, session_id) -> dict[tuple[str, str], Cell]:
    return {(p.by, p.horizon): p.cell for p in store.load(session_id).typology.placements}


def centre(rect) -> QPoint:
    return rect.center().toPoint()


def test_ctrl3_shows_the_grid_ready_for_keys(opened):
    _, page = opened
    assert page.grid.cursor_cell() == TOP_LEFT
    assert page.selected() == "Ann Lee"
    assert page.horizon == "now" and page.horizon_button["now"].isChecked()
    assert [page.placing.item(i).text() for i in range(3)] == \
        ["Ann Lee", "Participant 2", "Bo"]
    # the seed's definitions are on the page, not only in tooltips
    assert "Members agree to co-operate" in page.grid.levels[0].definition


def test_place_by_keyboard_switch_horizon_and_remove(opened, store, qtbot):
    session_id, page = opened
    key(qtbot, Qt.Key.Key_Right)
    key(qtbot, Qt.Key.Key_Return)  # Ann: now at co-operation x commissioning
    assert page.selected() == "Participant 2"
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Return)  # Participant 2
    key(qtbot, Qt.Key.Key_Enter)  # Bo (keypad Enter works too)
    assert placed(store, session_id) == {
        ("Ann Lee", "now"): COOP_COMM, ("Participant 2", "now"): CENTRE,
        ("Bo", "now"): CENTRE}
    assert page.selected() == "Bo"  # the last entry stays selected
    shown = page.grid.state.agreement
    assert shown.counts[CENTRE] == 2 and shown.modal_cells == [CENTRE]
    assert "2 of 3 (67%)" in page.agreement_label["now"].text()
    assert "Participant 2" in page.placing.item(1).text() and "●" in page.placing.item(1).text()

    key(qtbot, Qt.Key.Key_H)
    assert page.horizon == "needed" and page.horizon_button["needed"].isChecked()
    key(qtbot, Qt.Key.Key_PageUp)
    key(qtbot, Qt.Key.Key_PageUp)
    assert page.selected() == "Ann Lee"
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Return)  # Ann: needed at integration x commissioning
    assert placed(store, session_id)[("Ann Lee", "needed")] == INT_COMM
    assert page.grid.state.agreement.horizon == "needed"
    assert page.grid.state.agreement.counts[INT_COMM] == 1
    assert "1 of 1 (100%)" in page.agreement_label["needed"].text()

    # Enter again for the same entry replaces its placement for that horizon
    key(qtbot, Qt.Key.Key_PageUp)
    key(qtbot, Qt.Key.Key_Right)
    key(qtbot, Qt.Key.Key_Return)
    assert placed(store, session_id)[("Ann Lee", "needed")] == INT_DEL
    assert len(store.load(session_id).typology.placements) == 4

    key(qtbot, Qt.Key.Key_N)
    key(qtbot, Qt.Key.Key_PageUp)
    assert page.selected() == "Ann Lee" and page.horizon == "now"
    key(qtbot, Qt.Key.Key_Delete)
    assert ("Ann Lee", "now") not in placed(store, session_id)
    assert ("Ann Lee", "needed") in placed(store, session_id)
    assert page.grid.state.agreement.total == 2


def test_no_shared_view_is_signalled(opened, qtbot):
    _, page = opened
    for _ in range(3):  # three people, three different cells
        key(qtbot, Qt.Key.Key_Return)
        key(qtbot, Qt.Key.Key_Right)
    # 1 of 3 in each: a tie, fewer than half agree
    text = page.agreement_label["now"].text()
    assert "No shared view" in text and "1 of 3 (33%)" in text and "tie" in text
    assert not page.grid.state.agreement.shared_view


def test_click_list_then_click_cell_places_and_drag_moves(opened, store, qtbot):
    session_id, page = opened
    bo = page.placing.visualItemRect(page.placing.item(2)).center()
    qtbot.mouseClick(page.placing.viewport(), Qt.MouseButton.LeftButton, pos=bo)
    assert page.selected() == "Bo"
    assert QApplication.focusWidget() is page.grid  # the keys stay on the grid

    grid = page.grid
    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, pos=centre(grid.cell_rect(INT_DEL)))
    assert placed(store, session_id) == {("Bo", "now"): INT_DEL}
    assert grid.cursor_cell() == INT_DEL

    # drag Bo's marker to the centre cell
    marker = grid.marker_rect("Bo", "now")
    assert marker is not None and grid.cell_rect(INT_DEL).contains(marker)
    start, end = centre(marker), centre(grid.cell_rect(CENTRE))
    qtbot.mousePress(grid, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(grid, QPoint(start.x(), start.y() - 20))
    qtbot.mouseMove(grid, end)
    qtbot.mouseRelease(grid, Qt.MouseButton.LeftButton, pos=end)
    assert placed(store, session_id) == {("Bo", "now"): CENTRE}
    assert grid.cell_rect(CENTRE).contains(grid.marker_rect("Bo", "now"))
    assert page.selected() == "Bo"

    # clicking a marker selects whose it is, and places nothing
    page.placing.setCurrentRow(0)
    marker = grid.marker_rect("Bo", "now")
    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, pos=centre(marker))
    assert page.selected() == "Bo"
    assert placed(store, session_id) == {("Bo", "now"): CENTRE}


def test_agreed_placement_and_rationale(opened, store, qtbot):
    session_id, page = opened
    key(qtbot, Qt.Key.Key_Down)  # cursor: co-ordination x strategic
    qtbot.mouseClick(page.agree_button["now"], Qt.MouseButton.LeftButton)
    agreed = store.load(session_id).typology.agreed
    assert agreed.now == Cell("co-ordination", "strategic") and agreed.needed is None
    assert page.agree_button["now"].text() == "Clear agreed now"
    assert QApplication.focusWidget() is page.grid

    key(qtbot, Qt.Key.Key_H)
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Right)
    key(qtbot, Qt.Key.Key_A)  # A agrees the cursor cell for the horizon being placed
    agreed = store.load(session_id).typology.agreed
    assert agreed.needed == INT_COMM
    assert page.grid.state.arrow == (Cell("co-ordination", "strategic"), INT_COMM)
    assert "Integration × Commissioning" in page.agreed_label.text()

    qtbot.mouseClick(page.rationale, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.rationale, "Tenants & staff <agree>")
    qtbot.mouseClick(page.grid, Qt.MouseButton.LeftButton,
                     pos=centre(page.grid.cell_rect(INT_COMM)))  # focus out saves
    assert store.load(session_id).typology.agreed.rationale == "Tenants & staff <agree>"

    # pressing A on the agreed cell clears it
    key(qtbot, Qt.Key.Key_A)
    assert store.load(session_id).typology.agreed.needed is None


def test_every_change_is_one_undo_step(opened, store, qtbot, window):
    session_id, page = opened
    key(qtbot, Qt.Key.Key_Return)  # Ann now top-left
    key(qtbot, Qt.Key.Key_Right)
    key(qtbot, Qt.Key.Key_Return)  # Participant 2 now
    key(qtbot, Qt.Key.Key_A)  # agree now
    after = placed(store, session_id)
    assert len(after) == 2 and store.load(session_id).typology.agreed.now == COOP_COMM

    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert store.load(session_id).typology.agreed.now is None
    assert placed(store, session_id) == after
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert placed(store, session_id) == {("Ann Lee", "now"): TOP_LEFT}
    assert page.grid.state.agreement.total == 1  # the screen follows the undo
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert placed(store, session_id) == after
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert store.load(session_id).typology.agreed.now == COOP_COMM
    assert page.grid.state.agreed["now"] == COOP_COMM


def test_reopen_finds_everything(opened, store, settings, qtbot):
    from gui.main_window import MainWindow

    session_id, page = opened
    key(qtbot, Qt.Key.Key_Return)  # Ann now top-left
    key(qtbot, Qt.Key.Key_H)
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Return)  # Participant 2 needed
    key(qtbot, Qt.Key.Key_A)
    expected = placed(store, session_id)

    other = MainWindow(store, settings)
    qtbot.addWidget(other)
    other.show()
    activate(other, qtbot)
    other.open_session(session_id)
    qtbot.keyClick(other, Qt.Key.Key_3, CTRL)
    again = other.current_view().page(3)
    assert {(p.by, p.horizon): p.cell for p in again.grid.state.placements} == expected
    assert expected == {("Ann Lee", "now"): TOP_LEFT,
                        ("Participant 2", "needed"): Cell("co-ordination", "strategic")}
    assert store.load(session_id).typology.agreed.needed == Cell("co-ordination", "strategic")
    assert again.grid.state.agreed["needed"] == Cell("co-ordination", "strategic")


def test_groups_place_when_there_are_no_participants(window, store, qtbot):
    session_id = store.add_session(Session("Groups only", groups=[
        Group("Tenants", "#4477aa"), Group("Staff", "#ee6677")]))
    activate(window, qtbot)
    window.open_session(session_id)
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    page = window.current_view().page(3)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.grid)
    assert page.placers == ["Tenants", "Staff"]
    key(qtbot, Qt.Key.Key_Return)
    key(qtbot, Qt.Key.Key_Return)
    assert placed(store, session_id) == {("Tenants", "now"): TOP_LEFT,
                                         ("Staff", "now"): TOP_LEFT}
    assert "2 of 2 (100%)" in page.agreement_label["now"].text()


def test_ten_in_one_cell_stay_readable(window, store, qtbot):
    session = Session("Crowded", groups=[Group("Tenants", "#4477aa")],
                      participants=[Participant(f"Person {i}", group="Tenants")
                                    for i in range(20)])
    session_id = store.add_session(session)
    window.resize(1280, 720)
    activate(window, qtbot)
    window.open_session(session_id)
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    page = window.current_view().page(3)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.grid)
    for _ in range(20):
        key(qtbot, Qt.Key.Key_Return)
    assert len(placed(store, session_id)) == 20
    grid = page.grid
    cell = grid.cell_rect(TOP_LEFT)
    rects = [grid.marker_rect(f"Person {i}", "now") for i in range(20)]
    shown = [r for r in rects if r is not None]
    assert len(shown) >= 10
    for r in shown:
        assert cell.contains(r) and r.width() >= 20
    for a in range(len(shown)):
        for b in range(a + 1, len(shown)):
            assert not shown[a].intersects(shown[b])


def test_ctrl3_resets_to_the_contract_start(opened, qtbot, window):
    _, page = opened
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_H)
    key(qtbot, Qt.Key.Key_PageDown)
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.grid)
    assert page.grid.cursor_cell() == TOP_LEFT
    assert page.selected() == "Ann Lee" and page.horizon == "now"


# The offscreen platform cannot raise the tooltip window; that is not our warning.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_a_crowded_cell_shows_plus_n_and_lists_the_rest(qtbot):
    from PySide6.QtCore import QPointF

    from gui.exercises.typology.grid import GridState, TypologyGrid
    from model.exercises.typology import agreement
    from model.session import Placement

    grid = TypologyGrid()
    qtbot.addWidget(grid)
    grid.resize(520, 420)
    people = [f"Person {i}" for i in range(40)]
    placements = [Placement(p, "now", TOP_LEFT.collaboration, TOP_LEFT.function)
                  for p in people]
    grid.show_state(GridState(placements=placements, placers=people,
                              groups={p: "Tenants" for p in people},
                              agreement=agreement(placements, "now")))
    chips = grid.chips_in(TOP_LEFT)
    more = chips[-1]
    assert more.placement is None and more.text == f"+{len(more.hidden)}"
    assert len(chips) - 1 + len(more.hidden) == 40
    tip = grid.tooltip_at(QPointF(more.rect.center()))
    assert all(p.by in tip for p in more.hidden)
    first = grid.tooltip_at(QPointF(chips[0].rect.center()))
    assert "Person 0 (Tenants): now" in first
    # the real tooltip event goes the same way
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    grid.show()
    qtbot.waitExposed(grid)
    pos = chips[0].rect.center().toPoint()
    QApplication.sendEvent(grid, QHelpEvent(QEvent.Type.ToolTip, pos, grid.mapToGlobal(pos)))
    qtbot.waitUntil(lambda: QToolTip.isVisible())
    assert "Person 0" in QToolTip.text()
    QToolTip.hideText()


def test_escape_in_the_rationale_returns_to_the_grid(opened, store, qtbot):
    session_id, page = opened
    qtbot.mouseClick(page.rationale, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.rationale, "Why")
    qtbot.keyClick(page.rationale, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is page.grid
    assert store.load(session_id).typology.agreed.rationale == "Why"


def test_the_spread_waits_for_two_placements() -> None:
    from gui.exercises.typology.page import agreement_html
    from model.exercises.typology import agreement
    from model.session import Placement

    one = [Placement("Ann", "now", "co-operation", "strategic")]
    assert "once two people have placed" in agreement_html(agreement(one, "now"))
    two = one + [Placement("Bob", "now", "integration", "delivery")]
    assert "Spread 1.00" in agreement_html(agreement(two, "now"))


# --- issue 15 -----------------------------------------------------------------------------

def open_typology(window, store, qtbot, session: Session):
    window.resize(1280, 720)
    activate(window, qtbot)
    session_id = store.add_session(session)
    window.open_session(session_id)
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    page = window.current_view().page(3)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.grid)
    return session_id, page


def test_absent_participants_are_not_offered_for_placing(window, store, qtbot):
    session = Session("Absent", groups=[Group("Tenants", "#4477aa")], participants=[
        Participant("Ann", group="Tenants"), Participant("Away", present=False),
        Participant(""), Participant("Bo", group="Tenants")])
    session_id, page = open_typology(window, store, qtbot, session)
    names = [page.placing.item(i).text() for i in range(page.placing.count())]
    assert names == ["Ann", "Participant 3", "Bo"]
    for _ in range(5):  # PageDown past the end stays on the last present one
        key(qtbot, Qt.Key.Key_PageDown)
    assert page.selected() == "Bo"
    for _ in range(3):
        key(qtbot, Qt.Key.Key_Return)
    assert "Away" not in {by for by, _h in placed(store, session_id)}


@pytest.fixture
def app_type_size(qapp):
    """The type size the app runs with (gui.app.prepare: the default, one point larger),
    whatever earlier tests that started the app in-process left behind."""
    from PySide6.QtGui import QFontDatabase

    before = qapp.font()
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
    font.setPointSizeF(font.pointSizeF() + 1)
    qapp.setFont(font)
    yield
    qapp.setFont(before)


def test_the_rationale_is_in_sight_at_1280_by_720(app_type_size, window, qtbot):
    """On a projector-sized window the whole side panel, down to the rationale, shows
    without scrolling it, with the demo's full agreement texts and nine participants."""
    from PySide6.QtWidgets import QScrollArea

    window.resize(1280, 720)
    activate(window, qtbot)
    window.open_demo()
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    page = window.current_view().page(3)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.grid)
    window.resize(1280, 720)
    QApplication.processEvents()
    # (A narrower or shorter window, as a window manager may make it, only makes it harder.)
    assert window.height() <= 720, window.size()
    side = page.findChildren(QScrollArea)[0]
    assert side.widget().isAncestorOf(page.rationale)
    top_left = page.rationale.mapTo(side.viewport(), page.rationale.rect().topLeft())
    bottom = top_left.y() + page.rationale.height()
    sizes = [(type(c).__name__, c.height()) for c in side.widget().children()
             if hasattr(c, "height")]
    assert top_left.y() >= 0 and bottom <= side.viewport().height(), (bottom, sizes)
    assert side.verticalScrollBar().value() == 0
    assert page.placing.height() >= 120  # still four names or so


def test_the_arrowhead_covers_no_marker_in_the_needed_cell(opened, store, qtbot):
    session_id, page = opened
    key(qtbot, Qt.Key.Key_A)  # agreed now: top left
    key(qtbot, Qt.Key.Key_H)
    key(qtbot, Qt.Key.Key_Down)
    for _ in range(3):  # everyone needs co-ordination × strategic, just below
        key(qtbot, Qt.Key.Key_Return)
    key(qtbot, Qt.Key.Key_A)
    target = Cell("co-ordination", "strategic")
    assert page.grid.state.arrow == (TOP_LEFT, target)
    head = page.grid.arrow_head().boundingRect()
    chips = page.grid.chips_in(target)
    assert len(chips) == 3
    for chip in chips:
        assert not head.intersects(chip.rect), (head, chip.rect)
    assert not page.grid.cell_rect(target).adjusted(1, 1, -1, -1).intersects(head)


def test_a_long_name_wraps_in_placing_for_and_never_scrolls_sideways(window, store, qtbot):
    long_name = "Representative of the Carrick and District Tenants' Federation (north)"
    session = Session("Long", participants=[Participant(long_name), Participant("Bo")])
    _, page = open_typology(window, store, qtbot, session)
    qtbot.waitUntil(lambda: page.placing.viewport().width() > 0)
    QApplication.processEvents()
    assert page.placing.horizontalScrollBar().maximum() == 0
    assert page.placing.visualItemRect(page.placing.item(0)).right() \
        <= page.placing.viewport().width()
    assert long_name in page.placing.item(0).text()  # whole, wrapped, not cut


def test_removing_a_participant_leaves_the_next_ones_markers_on_them(opened, store, qtbot,
                                                                     window):
    session_id, page = opened
    key(qtbot, Qt.Key.Key_Return)  # Ann now top-left
    key(qtbot, Qt.Key.Key_Right)
    key(qtbot, Qt.Key.Key_Return)  # Participant 2 (no name) now
    ann = store.load(session_id).participants[0].id
    assert page.document.edit(lambda e: e.remove_participant(ann))
    # The nameless one is "Participant 1" now, and their marker is still theirs.
    assert page.placers == ["Participant 1", "Bo"]
    assert placed(store, session_id) == {("Participant 1", "now"): COOP_COMM}
    assert page.grid.cell_rect(COOP_COMM).contains(page.grid.marker_rect("Participant 1",
                                                                         "now"))
    assert "now" in page.placing.item(0).data(Qt.ItemDataRole.AccessibleTextRole)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert placed(store, session_id) == {("Ann Lee", "now"): TOP_LEFT,
                                         ("Participant 2", "now"): COOP_COMM}
    assert page.placers == ["Ann Lee", "Participant 2", "Bo"]
    assert page.grid.cell_rect(TOP_LEFT).contains(page.grid.marker_rect("Ann Lee", "now"))
