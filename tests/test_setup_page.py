"""The Set-up step, by keyboard: details, partner bodies, groups, participants."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from gui.main_window import MainWindow
from model.starting_points import new_session

CTRL = Qt.KeyboardModifier.ControlModifier


def open_setup(qtbot, window, store, title="Set-up test"):
    session_id = store.add_session(new_session(title))
    window.open_session(session_id, step=1)
    return session_id, window.current_view().page(1)


def type_new_line(qtbot, editor, text: str) -> None:
    """Insert adds a line after the selection and opens its first cell for typing."""
    qtbot.keyClick(editor.view, Qt.Key.Key_Insert)
    line = QApplication.focusWidget()
    line.selectAll()
    if text.isascii():
        qtbot.keyClicks(line, text)
    else:  # QTest types ASCII only; an input method delivers the rest like this
        line.insert(text)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    # The delegate commits and closes its editor through a queued call.
    qtbot.waitUntil(lambda: editor.view.state() != QAbstractItemView.State.EditingState)


def test_groups_and_participants_by_keyboard_then_undo_redo_and_reopen(qtbot, window, store,
                                                                        settings):
    session_id, page = open_setup(qtbot, window, store)
    page.groups.view.setFocus()
    for name in ("Board members", "Tenants & residents", "Staff"):
        type_new_line(qtbot, page.groups, name)
    assert [g.name for g in store.load(session_id).groups] == [
        "Board members", "Tenants & residents", "Staff"]
    assert len({g.colour for g in store.load(session_id).groups}) == 3

    qtbot.keyClick(page.groups.view, Qt.Key.Key_Up, CTRL)  # "Staff" moves up one
    assert [g.name for g in store.load(session_id).groups][1] == "Staff"
    qtbot.keyClick(page.groups.view, Qt.Key.Key_Delete)
    assert [g.name for g in store.load(session_id).groups] == ["Board members",
                                                                "Tenants & residents"]
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert [g.name for g in store.load(session_id).groups] == [
        "Board members", "Staff", "Tenants & residents"]
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert len(store.load(session_id).groups) == 2
    qtbot.keyClick(window, Qt.Key.Key_Y, CTRL)  # nothing left to redo: no change
    assert len(store.load(session_id).groups) == 2

    page.organisations.view.setFocus()
    type_new_line(qtbot, page.organisations, "Gwynedd Council — Cyngor Gwynedd")
    page.participants.view.setFocus()
    type_new_line(qtbot, page.participants, "Siân Ŵyn")
    type_new_line(qtbot, page.participants, "")  # an anonymous participant
    model = page.participants.model
    model.setData(model.index(0, 1), "Gwynedd Council — Cyngor Gwynedd")
    model.setData(model.index(0, 2), "Board members")
    model.setData(model.index(0, 3), "1")
    page.participants.select_row(1, 4)
    qtbot.keyClick(page.participants.view, Qt.Key.Key_Space)  # untick "present"
    people = store.load(session_id).participants
    assert [(p.name, p.organisation, p.group, p.tier, p.present) for p in people] == [
        ("Siân Ŵyn", "Gwynedd Council — Cyngor Gwynedd", "Board members", 1, True),
        ("", "", "", None, False)]
    assert model.index(1, 0).data() == "(Participant 2)"

    window.close()
    again = MainWindow(store, settings)
    qtbot.addWidget(again)
    again.open_session(session_id, step=1)
    reopened = again.current_view().page(1)
    assert reopened.participants.model.rowCount() == 2
    assert reopened.groups.model.index(0, 0).data() == "Board members"


def test_duplicate_or_blank_names_are_refused_with_a_message(qtbot, window, store):
    session_id, page = open_setup(qtbot, window, store)
    page.groups.view.setFocus()
    type_new_line(qtbot, page.groups, "Media")
    type_new_line(qtbot, page.groups, "Media")
    assert "already a stakeholder group called “Media”" in window.message_bar.text()
    names = [g.name for g in store.load(session_id).groups]
    assert names == ["Media", "New stakeholder group"]
    model = page.groups.model
    assert not model.setData(model.index(1, 0), "   ")
    assert "needs a name" in window.message_bar.text()


def test_details_are_saved_while_typing_and_undone_as_one_step(qtbot, window, store):
    session_id, page = open_setup(qtbot, window, store, "Details")
    venue = page.fields["venue"]
    venue.setFocus()
    qtbot.keyClicks(venue, "Town hall, room 2")
    qtbot.waitUntil(lambda: store.load(session_id).venue == "Town hall, room 2")
    qtbot.keyClicks(venue, " (ground floor)")
    qtbot.keyClick(venue, Qt.Key.Key_Tab)
    assert store.load(session_id).venue == "Town hall, room 2 (ground floor)"
    purpose = page.fields["purpose"]
    purpose.setFocus()
    qtbot.keyClicks(purpose, "Line one")
    qtbot.keyClick(purpose, Qt.Key.Key_Return)
    qtbot.keyClicks(purpose, "Line two")
    page.fields["title"].setFocus()
    assert store.load(session_id).purpose == "Line one\nLine two"
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert store.load(session_id).purpose == "" and store.load(session_id).venue == ""
    assert venue.text() == ""


def test_a_bad_date_is_refused_but_stays_to_be_put_right(qtbot, window, store):
    session_id, page = open_setup(qtbot, window, store)
    stored = store.load(session_id).date
    date = page.fields["date"]
    date.setFocus()
    date.selectAll()
    qtbot.keyClicks(date, "next tuesday")
    qtbot.keyClick(date, Qt.Key.Key_Return)
    assert "YYYY-MM-DD" in window.message_bar.text()
    assert store.load(session_id).date == stored and date.text() == "next tuesday"
    assert "border" in date.styleSheet()  # shown as not saved
    page.fields["venue"].setFocus()  # another field's edit keeps it on screen
    qtbot.keyClicks(page.fields["venue"], "Hall")
    qtbot.keyClick(page.fields["venue"], Qt.Key.Key_Return)
    assert date.text() == "next tuesday"
    date.setFocus()
    date.selectAll()
    qtbot.keyClicks(date, "2027-01-31")
    qtbot.keyClick(date, Qt.Key.Key_Return)
    assert store.load(session_id).date == "2027-01-31" and date.styleSheet() == ""


def test_a_huge_paste_is_refused_with_a_message_and_kept_on_screen(qtbot, window, store):
    session_id, page = open_setup(qtbot, window, store)
    purpose = page.fields["purpose"]
    purpose.setFocus()
    purpose.setPlainText("a whole report\n" * 20_000)
    page.fields["title"].setFocus()
    assert "at most 20,000" in window.message_bar.text()
    assert store.load(session_id).purpose == ""
    assert purpose.toPlainText().startswith("a whole report")


def test_steps_shortcuts_only_for_steps_that_exist(qtbot, window, store):
    session_id, page = open_setup(qtbot, window, store)
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    assert window.current_view().current_step() == 1
    assert QApplication.focusWidget() is page.fields["title"]


def test_picking_a_partner_body_saves_it_at_once(qtbot, window, store):
    from PySide6.QtWidgets import QComboBox

    session_id, page = open_setup(qtbot, window, store)
    page.organisations.view.setFocus()
    type_new_line(qtbot, page.organisations, "South Wales Police")
    page.participants.view.setFocus()
    type_new_line(qtbot, page.participants, "Ann")
    view = page.participants.view
    page.participants.select_row(0, 1)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    combo = view.findChild(QComboBox)
    combo.hidePopup()
    combo.setCurrentIndex(combo.findText("South Wales Police"))
    combo.activated.emit(combo.currentIndex())  # what Enter in the open list does
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    assert store.load(session_id).participants[0].organisation == "South Wales Police"
    assert QApplication.focusWidget() is view  # Insert, arrows and F2 work on at once
    type_new_line(qtbot, page.participants, "Owain Glyndwr")  # nothing of it is lost
    assert [p.name for p in store.load(session_id).participants] == ["Ann", "Owain Glyndwr"]


def test_a_uk_date_stays_as_typed_while_typing_and_shows_stored_on_leaving(qtbot, window,
                                                                           store):
    from gui.widgets.bound_text import TYPING_PAUSE_MS

    session_id, page = open_setup(qtbot, window, store)
    date = page.fields["date"]
    date.setFocus()
    date.selectAll()
    qtbot.keyClicks(date, "1/2/2026")
    qtbot.wait(TYPING_PAUSE_MS + 200)  # the save while typing...
    assert store.load(session_id).date == "2026-02-01"
    assert date.text() == "1/2/2026" and date.cursorPosition() == len("1/2/2026")
    page.fields["venue"].setFocus()  # ...and leaving shows it as stored
    assert date.text() == "2026-02-01"


def test_typing_in_an_empty_list_adds_a_line_with_what_was_typed(qtbot, window, store):
    """Issue 15: in an empty table a typed name went to the Colour… button and was lost."""
    session_id, page = open_setup(qtbot, window, store)
    for editor, table in ((page.groups, "groups"), (page.organisations, "organisations")):
        assert editor.model.rowCount() == 0
        qtbot.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton)
        assert editor.view.hasFocus()
        qtbot.keyClick(QApplication.focusWidget(), "T", Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda e=editor: e.view.state()
                        == QAbstractItemView.State.EditingState)
        # The next keys go where the keyboard now is: the new line's name.
        qtbot.keyClicks(QApplication.focusWidget(), "enants forum")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda e=editor: e.view.state()
                        != QAbstractItemView.State.EditingState)
        assert [x.name for x in getattr(store.load(session_id), table)] == ["Tenants forum"]
