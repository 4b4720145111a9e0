"""The three-layer framework's page, driven by keys like a facilitator: turn the step on
at Set-up, its Ctrl+number opens it, Up/Down choose a layer, M and D mark it (again:
clear), F2 (or Enter) then Enter fill the body and the note, Esc goes back; Tab goes to
the partner bodies' seats on the strategic group, 1 to 4 record one, Delete clears it;
every edit is one undo step, and undo restores exactly."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.steps import STEPS, step_named
from model.exercises.layers import Layers
from model.session import Organisation
from model.starting_points import new_session

CTRL = Qt.KeyboardModifier.ControlModifier
LAYERS = step_named("layers").number


def open_layers(qtbot, window, store, organisations=("Council", "Police", "Fire")):
    session = new_session("Layers page")
    session.organisations = [Organisation(name) for name in organisations]
    session_id = store.add_session(session)
    window.open_session(session_id, step=1)
    view = window.current_view()
    view.page(1).step_boxes["layers"].click()
    assert "layers" in store.load(session_id).steps
    qtbot.keyClick(window, Qt.Key.Key_0 + LAYERS % 10, CTRL)
    assert view.current_step() == LAYERS
    return session_id, view, view.page(LAYERS)


def stored(store, session_id) -> Layers:
    return store.load(session_id).parts["layers"]


def mark(store, session_id, name: str) -> str | None:
    return next((x.mark for x in stored(store, session_id).layers if x.layer == name), None)


def test_it_comes_after_value_for_money_as_ctrl_0_and_is_off_by_default(qtbot, window, store):
    assert LAYERS == step_named("value").number + 1 == len(STEPS) == 10  # Ctrl+0
    window.open_session(store.add_session(new_session("Default steps")), step=1)
    view = window.current_view()
    assert view.step_list.item(LAYERS - 1).isHidden()
    qtbot.keyClick(window, Qt.Key.Key_0 + LAYERS % 10, CTRL)
    assert view.current_step() == 1
    assert "Three-layer framework step is off" in window.message_bar.text()


def test_mark_and_name_the_layers_by_keys_and_undo(qtbot, window, store):
    session_id, view, page = open_layers(qtbot, window, store)
    assert QApplication.focusWidget() is page.table
    assert [page.table.item(r, 0).text() for r in range(3)] == ["Strategic", "Executive",
                                                                 "Operational"]
    assert page.table.item(0, 1).text() == "oversight, vision, and direction-setting"
    assert "the app's own" in page.table.horizontalHeaderItem(3).toolTip()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    qtbot.keyClick(page.table, Qt.Key.Key_M)
    assert [(x.layer, x.mark) for x in stored(store, session_id).layers] == [
        ("executive", "missing")]
    assert page.table.item(1, 3).text() == "missing"
    qtbot.keyClick(page.table, Qt.Key.Key_M)  # again: clear
    assert stored(store, session_id).layers[0].mark is None
    assert page.table.item(1, 3).text() == "—"
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    qtbot.keyClick(page.table, Qt.Key.Key_D)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.body
    assert page.detail.title() == "Selected: the operational layer"
    qtbot.keyClicks(page.body, "Housing Forum; Tenants' Panel")
    qtbot.keyClick(page.body, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.note
    qtbot.keyClicks(page.note, "Merge the two")
    qtbot.keyClick(page.note, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.table
    x = stored(store, session_id).layers[1]
    assert (x.layer, x.body, x.mark, x.note) == ("operational", "Housing Forum; Tenants' Panel",
                                                 "duplicated", "Merge the two")
    assert page.table.item(2, 2).text() == "Housing Forum; Tenants' Panel"
    qtbot.keyClick(page.table, Qt.Key.Key_Up)
    qtbot.keyClick(page.table, Qt.Key.Key_Up)
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    assert page.body.text() == ""
    qtbot.keyClicks(page.body, "Carrick Partnership Board")
    qtbot.keyClick(page.body, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is page.table
    assert stored(store, session_id).layers[0].body == "Carrick Partnership Board"
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert mark(store, session_id, "operational") == "duplicated"
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)  # clears the operational mark
    assert mark(store, session_id, "operational") is None
    # Every edit is undoable through the document: each step restores what was.
    stack = view.document.undo_stack
    stack.undo()
    assert mark(store, session_id, "operational") == "duplicated"
    assert page.table.item(2, 3).text() == "duplicated"
    while stored(store, session_id) != Layers():
        stack.undo()
    assert page.table.item(2, 2).text() == "" and page.table.item(2, 3).text() == "—"
    stack.redo()
    assert [x.mark for x in stored(store, session_id).layers] == ["missing"]


def test_seats_by_keys_and_undo(qtbot, window, store):
    session_id, view, page = open_layers(qtbot, window, store)
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.seats_table
    assert page.seats_table.palette().highlight().color() != \
        page.table.palette().highlight().color()  # which table has the keys shows
    qtbot.keyClick(page.seats_table, Qt.Key.Key_1)  # Council: first-tier
    qtbot.keyClick(page.seats_table, Qt.Key.Key_Down)
    qtbot.keyClick(page.seats_table, Qt.Key.Key_3)  # Police: someone else
    qtbot.keyClick(page.seats_table, Qt.Key.Key_Down)
    qtbot.keyClick(page.seats_table, Qt.Key.Key_4)  # Fire: not represented
    assert [(s.organisation, s.seat) for s in stored(store, session_id).seats] == [
        ("Council", "first-tier"), ("Police", "other"), ("Fire", "none")]
    assert [page.seats_table.item(r, 1).text() for r in range(3)] == [
        "first-tier leader", "someone else", "not represented"]
    assert page.seats_table.currentRow() == 2  # a refill keeps the selection
    qtbot.keyClick(page.seats_table, Qt.Key.Key_2)
    assert stored(store, session_id).seats[-1].seat == "second-tier"
    qtbot.keyClick(page.seats_table, Qt.Key.Key_Delete)
    assert [s.organisation for s in stored(store, session_id).seats] == ["Council", "Police"]
    assert page.seats_table.item(2, 1).text() == "not recorded"
    qtbot.keyClick(page.seats_table, Qt.Key.Key_M)  # a layer's key does nothing here
    assert stored(store, session_id).layers == []
    qtbot.keyClick(page.seats_table, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is page.table
    stack = view.document.undo_stack
    stack.undo()
    assert stored(store, session_id).seats[-1].seat == "second-tier"
    stack.undo()
    assert stored(store, session_id).seats[-1].seat == "none"
    while stored(store, session_id) != Layers():
        stack.undo()
    assert page.seats_table.item(0, 1).text() == "not recorded"


def test_deleting_a_partner_body_and_undo_keep_its_seat(qtbot, window, store):
    session_id, view, page = open_layers(qtbot, window, store)
    page.focus_seats()
    qtbot.keyClick(page.seats_table, Qt.Key.Key_4)  # Council: not represented
    organisation = store.load(session_id).organisations[0]
    view.document.edit(lambda e: e.remove_named("organisations", organisation.id))
    assert stored(store, session_id).seats == []
    assert page.seats_table.rowCount() == 2
    view.document.undo_stack.undo()
    assert stored(store, session_id).seats[0].seat == "none"
    assert page.seats_table.rowCount() == 3
    assert page.seats_table.item(0, 1).text() == "not represented"


def test_no_partner_bodies_says_where_to_add_them(qtbot, window, store):
    session_id, view, page = open_layers(qtbot, window, store, organisations=())
    assert page.seats_table.rowCount() == 0 and not page.seats_empty.isHidden()
    assert "Set-up" in page.seats_empty.text()
    page.focus_seats()
    qtbot.keyClick(page.seats_table, Qt.Key.Key_1)
    qtbot.keyClick(page.seats_table, Qt.Key.Key_Delete)
    assert stored(store, session_id) == Layers()
    # The layers are there all the same: they do not depend on the partner bodies.
    assert page.table.rowCount() == 3
