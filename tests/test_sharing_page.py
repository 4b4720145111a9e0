"""The sharing acid test's page, driven by keys like a facilitator: turn the step on at
Set-up, Ctrl+8 opens it, Up/Down choose a partner body, 1 to 5 mark what it shares, F2
(or Enter) then Enter fill "why not" and "what would change it", Esc goes back; every
edit is one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.steps import STEPS, step_named
from model.session import Organisation
from model.starting_points import new_session

CTRL = Qt.KeyboardModifier.ControlModifier
SHARING = step_named("sharing").number


def open_sharing(qtbot, window, store, organisations=("Council", "NHS Trust")):
    session = new_session("Sharing page")
    session.organisations = [Organisation(name) for name in organisations]
    session_id = store.add_session(session)
    window.open_session(session_id, step=1)
    view = window.current_view()
    view.page(1).step_boxes["sharing"].click()
    assert store.load(session_id).steps[-1] == "sharing"
    qtbot.keyClick(window, Qt.Key.Key_0 + SHARING, CTRL)
    assert view.current_step() == SHARING
    return session_id, view, view.page(SHARING)


def test_it_is_step_ctrl_8_and_off_by_default(qtbot, window, store):
    assert SHARING == 8 <= len(STEPS)  # later exercises follow it
    assert [s.name for s in STEPS[:7]] == ["setup", "obstacles", "typology", "perception",
                                           "summary", "compare", "accountability"]
    window.open_session(store.add_session(new_session("Default steps")), step=1)
    view = window.current_view()
    assert view.step_list.item(SHARING - 1).isHidden()
    qtbot.keyClick(window, Qt.Key.Key_0 + SHARING, CTRL)
    assert view.current_step() == 1
    assert "Sharing acid test step is off" in window.message_bar.text()


def test_mark_and_answer_by_keys_and_undo(qtbot, window, store):
    session_id, view, page = open_sharing(qtbot, window, store)
    assert QApplication.focusWidget() is page.table
    assert "the app's own" in page.table.horizontalHeaderItem(1).toolTip()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    qtbot.keyClick(page.table, Qt.Key.Key_1)  # services
    qtbot.keyClick(page.table, Qt.Key.Key_5)  # risk
    [row] = store.load(session_id).parts["sharing"]
    assert (row.organisation, row.shares()) == ("NHS Trust", ["services", "risk"])
    assert [page.table.item(1, c).text() for c in range(1, 6)] == ["yes", "no", "no", "no",
                                                                     "yes"]
    qtbot.keyClick(page.table, Qt.Key.Key_5)  # risk again: no
    assert store.load(session_id).parts["sharing"][0].shares() == ["services"]
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    assert QApplication.focusWidget() is page.why_not
    qtbot.keyClicks(page.why_not, "Budgets ring-fenced")
    qtbot.keyClick(page.why_not, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.would_change
    qtbot.keyClicks(page.would_change, "A pooled budget")
    qtbot.keyClick(page.would_change, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is page.table
    row = store.load(session_id).parts["sharing"][0]
    assert (row.why_not, row.would_change) == ("Budgets ring-fenced", "A pooled budget")
    assert page.table.item(1, 6).text() == "Budgets ring-fenced"
    qtbot.keyClick(page.table, Qt.Key.Key_Up)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.why_not
    assert page.why_not.text() == ""
    qtbot.keyClick(page.why_not, Qt.Key.Key_Escape)
    # Every edit is undoable through the document, down to no row at all.
    stack = view.document.undo_stack
    while store.load(session_id).parts["sharing"]:
        stack.undo()
    assert page.table.item(1, 1).text() == "no"


def test_deleting_a_partner_body_and_undo_keep_its_row(qtbot, window, store):
    session_id, view, page = open_sharing(qtbot, window, store)
    qtbot.keyClick(page.table, Qt.Key.Key_3)  # Council shares knowledge
    organisation = store.load(session_id).organisations[0]
    view.document.edit(lambda e: e.remove_named("organisations", organisation.id))
    assert store.load(session_id).parts["sharing"] == []
    assert page.table.rowCount() == 1
    view.document.undo_stack.undo()
    assert store.load(session_id).parts["sharing"][0].shares() == ["knowledge"]
    assert page.table.rowCount() == 2 and page.table.item(0, 3).text() == "yes"


def test_no_partner_bodies_says_where_to_add_them(qtbot, window, store):
    session_id, view, page = open_sharing(qtbot, window, store, organisations=())
    assert page.table.rowCount() == 0 and not page.empty.isHidden()
    qtbot.keyClick(page.table, Qt.Key.Key_1)
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    assert store.load(session_id).parts["sharing"] == []


def test_a_partner_body_named_like_markup_is_shown_as_typed(qtbot, window, store):
    name = "A <b>B</b> & <img src=/etc/x>"
    _, _, page = open_sharing(qtbot, window, store, organisations=(name,))
    assert page.organisation.textFormat() == Qt.TextFormat.PlainText
    assert page.organisation.text().startswith(f"1. {name}: shares")


def test_a_very_long_answer_keeps_its_row_a_few_lines_high(qtbot, window, store):
    """A 5,000-character answer shows its start in the list (whole in the tooltip and
    the detail field): the other partner bodies stay in sight."""
    session_id, _, page = open_sharing(qtbot, window, store)
    page.why_not.setFocus()
    qtbot.keyClicks(page.why_not, "word " * 1000)
    qtbot.keyClick(page.why_not, Qt.Key.Key_Escape)
    assert len(store.load(session_id).parts["sharing"][0].why_not) == 5000
    cell = page.table.item(0, 6)
    assert len(cell.text()) <= 80 and cell.toolTip().startswith("word word")
    assert page.table.rowHeight(0) <= 6 * page.table.rowHeight(1)  # not 2,000 px


def test_undo_on_another_step_says_what_it_undid(qtbot, window, store):
    """Ctrl+Z undoes the session's last edit wherever it was made: the message bar says
    which, so an undo out of sight is not silent."""
    session_id, view, page = open_sharing(qtbot, window, store)
    qtbot.keyClick(page.table, Qt.Key.Key_5)  # Council shares risk
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)  # to Set-up
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert store.load(session_id).parts["sharing"] == []
    assert window.message_bar.text() == "Undone: Mark “Council” shares risk."
    qtbot.keyClick(window, Qt.Key.Key_Y, CTRL)
    assert window.message_bar.text() == "Redone: Mark “Council” shares risk."


def test_delete_clears_a_partner_body_back_to_not_marked_and_undo_brings_it_back(
        qtbot, window, store):
    session_id, _, page = open_sharing(qtbot, window, store)
    qtbot.keyClick(page.table, Qt.Key.Key_1)
    qtbot.keyClick(page.table, Qt.Key.Key_5)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert store.load(session_id).parts["sharing"] == []
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert store.load(session_id).parts["sharing"][0].shares() == ["services", "risk"]
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)  # nothing entered: no undo step
    assert window.undo_group.undoText() == "Mark “Council” shares risk"


def test_f5_shows_the_table_to_the_room_and_follows_the_marks(qtbot, window, store):
    """F5 presents the page's table full screen in the room's type, without the laptop's
    keys in its headings; it follows the marks as they go in; Esc brings the laptop back."""
    _, _, page = open_sharing(qtbot, window, store)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    presenter = page.presenter
    assert presenter is not None and presenter.isVisible()
    assert window.shown_presenter() is presenter
    shown = presenter.table
    assert shown.horizontalHeaderItem(1).text() == "Services"
    assert shown.item(0, 0).text() == "▶ Council" and shown.item(0, 5).text() == "no"
    assert shown.font().pointSize() > page.table.font().pointSize()
    qtbot.keyClick(page.table, Qt.Key.Key_5)  # the laptop keeps the keys
    qtbot.waitUntil(lambda: shown.item(0, 5).text() == "yes")
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: shown.item(1, 0).text() == "▶ NHS Trust")
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not presenter.isVisible()
