"""The Box 2 page and the steps a session runs, driven by keys like a facilitator:
turn Box 2 on at Set-up, rate, name an owner and a date, add a gap to the actions list,
undo; a step that is off is not offered and its Ctrl+number says so."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.steps import step_named
from model.starting_points import new_session

CTRL = Qt.KeyboardModifier.ControlModifier
BOX2 = step_named("accountability").number


def open_box2(qtbot, window, store):
    session_id = store.add_session(new_session("Box 2 page"))
    window.open_session(session_id, step=1)
    view = window.current_view()
    setup = view.page(1)
    setup.step_boxes["accountability"].click()  # as Space on the focused box does
    assert store.load(session_id).steps[-1] == "accountability"
    qtbot.keyClick(window, Qt.Key.Key_0 + BOX2, CTRL)
    assert view.current_step() == BOX2
    return session_id, view, view.page(BOX2)


def test_box_2_is_off_by_default_and_its_key_says_so(qtbot, window, store):
    window.open_session(store.add_session(new_session("Default steps")), step=1)
    view = window.current_view()
    assert view.step_list.item(BOX2 - 1).isHidden()
    qtbot.keyClick(window, Qt.Key.Key_0 + BOX2, CTRL)
    assert view.current_step() == 1
    assert "Box 2 accountability step is off" in window.message_bar.text()


def test_rate_owner_date_and_add_to_actions_by_keys(qtbot, window, store):
    session_id, view, page = open_box2(qtbot, window, store)
    assert not view.step_list.item(BOX2 - 1).isHidden()
    assert QApplication.focusWidget() is page.table
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    qtbot.keyClick(page.table, Qt.Key.Key_3)  # absent
    assert store.load(session_id).accountability[1].rating == "absent"
    assert page.table.item(1, 1).text() == "absent"
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    assert QApplication.focusWidget() is page.owner
    qtbot.keyClicks(page.owner, "Clerk")
    qtbot.keyClick(page.owner, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.due
    qtbot.keyClicks(page.due, "14/03/2026")
    qtbot.keyClick(page.due, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is page.table
    item = store.load(session_id).accountability[1]
    assert (item.owner, item.due) == ("Clerk", "2026-03-14")
    assert page.add_button.isEnabled()
    qtbot.keyClick(page.table, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    [action] = store.load(session_id).actions
    assert (action.owner, action.due) == ("Clerk", "2026-03-14")
    assert not page.add_button.isEnabled()
    # Every edit is undoable through the document: undo the action, then the rest.
    stack = view.document.undo_stack
    stack.undo()
    assert store.load(session_id).actions == []
    while store.load(session_id).accountability:
        stack.undo()
    assert page.table.item(1, 1).text() == "not rated"
    qtbot.keyClick(page.table, Qt.Key.Key_P)  # partly, from the letter key
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert store.load(session_id).accountability[1].rating is None


def test_turning_a_step_off_hides_it_and_undo_brings_it_back(qtbot, window, store):
    session_id, view, page = open_box2(qtbot, window, store)
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    view.page(1).step_boxes["typology"].click()
    assert view.step_list.item(2).isHidden()
    assert store.load(session_id).steps == ["obstacles", "perception", "accountability"]
    view.document.undo_stack.undo()
    assert not view.step_list.item(2).isHidden()
    assert view.page(1).step_boxes["typology"].isChecked()
