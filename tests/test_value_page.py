"""The value for money page, driven by keys like a facilitator: turn the step on at
Set-up, its Ctrl+number opens it, Up/Down choose a partner body, F2 (or Enter) then
Enter fill its hours, money and other inputs, Esc goes back; A/C/K (or 1/2/3) mark the
verdict; Alt+letters reach every answer; the key questions are the Summary's own
answers; every edit is one undo step, down to nothing stored."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.steps import STEPS, step_named
from model.exercises import value
from model.exercises.value import ValueForMoney
from model.session import Organisation
from model.starting_points import new_session

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
VALUE = step_named("value").number


def open_value(qtbot, window, store, organisations=("Council", "NHS Trust")):
    session = new_session("Value page")
    session.organisations = [Organisation(name) for name in organisations]
    session_id = store.add_session(session)
    window.open_session(session_id, step=1)
    view = window.current_view()
    view.page(1).step_boxes["value"].click()
    assert "value" in store.load(session_id).steps
    qtbot.keyClick(window, Qt.Key.Key_0 + VALUE % 10, CTRL)
    assert view.current_step() == VALUE
    return session_id, view, view.page(VALUE)


def stored(store, session_id) -> ValueForMoney:
    return value.stored(store.load(session_id))


def test_it_comes_after_sharing_and_is_off_by_default(qtbot, window, store):
    assert STEPS[VALUE - 2].name == "sharing" and VALUE == 9
    window.open_session(store.add_session(new_session("Default steps")), step=1)
    view = window.current_view()
    assert view.step_list.item(VALUE - 1).isHidden()
    qtbot.keyClick(window, Qt.Key.Key_9, CTRL)
    assert view.current_step() == 1
    assert "Value for money step is off" in window.message_bar.text()


def test_inputs_by_keys_with_totals_and_undo(qtbot, window, store):
    session_id, view, page = open_value(qtbot, window, store)
    assert QApplication.focusWidget() is page.table
    assert "the app's own" in page.table.horizontalHeaderItem(1).toolTip()
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    assert QApplication.focusWidget() is page.hours
    qtbot.keyClicks(page.hours, "1,200")
    qtbot.keyClick(page.hours, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.money
    qtbot.keyClicks(page.money, "£3,000")
    qtbot.keyClick(page.money, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.other
    qtbot.keyClicks(page.other, "Meeting rooms & <data>")
    qtbot.keyClick(page.other, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is page.table
    [row] = stored(store, session_id).inputs
    assert (row.organisation, row.hours_a_month, row.money_a_year, row.other) == (
        "Council", 1200, 3000, "Meeting rooms & <data>")
    assert [page.table.item(0, c).text() for c in range(4)] == [
        "Council", "1,200", "3,000", "Meeting rooms & <data>"]
    assert page.money.text() == "3000"  # shown as stored once left
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.hours and page.hours.text() == ""
    qtbot.keyClicks(page.hours, "46")
    qtbot.keyClick(page.hours, Qt.Key.Key_Escape)
    assert "1,246</b> staff hours a month (<b>14,952</b> a year)" in page.totals.text()
    assert "£3,000</b> a year, from 1 of 2 partner bodies" in page.totals.text()
    # Every edit is one undo step, down to nothing stored (the step turned on is one too).
    stack = view.document.undo_stack
    assert stack.count() == 1 + 4
    for _ in range(4):
        stack.undo()
    assert stored(store, session_id) == ValueForMoney()
    assert page.table.item(0, 1).text() == "" and "nothing recorded" in page.totals.text()


def test_a_number_refused_keeps_what_was_typed(qtbot, window, store):
    session_id, view, page = open_value(qtbot, window, store)
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    qtbot.keyClicks(page.hours, "12.5")
    qtbot.keyClick(page.hours, Qt.Key.Key_Return)
    assert "round it" in window.message_bar.text()
    assert "field keeps what you typed" in window.message_bar.text()
    assert page.hours.text() == "12.5" and "border" in page.hours.styleSheet()
    assert stored(store, session_id) == ValueForMoney()
    # Esc, then Down on the list: the refused text stays, with its row, until put right.
    qtbot.keyClick(page.hours, Qt.Key.Key_Escape)
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert page.table.currentRow() == 0 and QApplication.focusWidget() is page.hours
    assert page.hours.text() == "12.5"
    page.hours.selectAll()
    qtbot.keyClicks(page.hours, "13")
    qtbot.keyClick(page.hours, Qt.Key.Key_Escape)
    assert stored(store, session_id).inputs[0].hours_a_month == 13
    assert page.hours.styleSheet() == ""


def test_verdict_keys_and_the_answers_by_alt_letters(qtbot, window, store):
    session_id, view, page = open_value(qtbot, window, store)
    qtbot.keyClick(page.table, Qt.Key.Key_A)
    assert stored(store, session_id).verdict == "adds-value"
    assert page.verdicts["adds-value"].isChecked()
    qtbot.keyClick(page.table, Qt.Key.Key_A)  # again: cleared
    assert stored(store, session_id).verdict is None
    assert not any(b.isChecked() for b in page.verdicts.values())
    qtbot.keyClick(page.table, Qt.Key.Key_2)
    assert stored(store, session_id).verdict == "costs-more"
    qtbot.keyClick(page.table, Qt.Key.Key_K)
    assert stored(store, session_id).verdict == "not-known"
    assert page.verdicts["not-known"].isChecked()
    assert not page.verdicts["costs-more"].isChecked()

    for letter, widget, words in (
            (Qt.Key.Key_O, page.outputs, "A joint strategy"),
            (Qt.Key.Key_T, page.outcomes, "Fewer families in B&B"),
            (Qt.Key.Key_B, page.why, "Too early to say"),
            (Qt.Key.Key_P, page.complaints_to, "Each body's own team")):
        qtbot.keyClick(window, letter, ALT)
        assert QApplication.focusWidget() is widget, letter
        qtbot.keyClicks(widget, words)
        qtbot.keyClick(widget, Qt.Key.Key_Escape)
        assert QApplication.focusWidget() is page.table
    # A button's Alt+letter clicks it (after Qt's short animation of the press).
    qtbot.keyClick(window, Qt.Key.Key_U, ALT)
    qtbot.waitUntil(lambda: stored(store, session_id).redress == "unclear")
    qtbot.keyClick(window, Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: stored(store, session_id).redress == "none")
    assert page.routes["none"].isChecked() and not page.routes["unclear"].isChecked()
    qtbot.keyClick(window, Qt.Key.Key_C, ALT)
    qtbot.waitUntil(lambda: stored(store, session_id).verdict == "costs-more")
    data = stored(store, session_id)
    assert (data.outputs, data.outcomes, data.why, data.complaints_to) == (
        "A joint strategy", "Fewer families in B&B", "Too early to say", "Each body's own team")
    qtbot.keyClick(window, Qt.Key.Key_I, ALT)
    assert QApplication.focusWidget() is page.table
    qtbot.keyClick(window, Qt.Key.Key_Y, ALT)
    assert QApplication.focusWidget() is page.money
    qtbot.keyClick(page.money, Qt.Key.Key_Escape)
    # Undo is exact: every step back, to nothing stored at all.
    stack = view.document.undo_stack
    while stack.index() > 1:  # the first step turned the exercise on
        stack.undo()
    assert stored(store, session_id) == ValueForMoney()
    assert store.database.query("SELECT count(*) AS n FROM value_for_money")[0]["n"] == 0
    assert page.outputs.toPlainText() == "" and not page.verdicts["costs-more"].isChecked()


def test_tab_goes_on_through_the_answers(qtbot, window, store):
    session_id, view, page = open_value(qtbot, window, store)
    qtbot.keyClick(window, Qt.Key.Key_O, ALT)
    seen = []
    for _ in range(8):
        seen.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert seen == [page.outputs, page.outcomes, *page.verdicts.values(), page.why,
                    page.complaints_to, page.routes["clear"]]


def test_the_key_questions_are_the_summarys_answers(qtbot, window, store):
    session_id, view, page = open_value(qtbot, window, store)
    qtbot.keyClick(window, Qt.Key.Key_W, ALT)
    answer = page.answers["in_charge"]
    assert QApplication.focusWidget() is answer
    qtbot.keyClicks(answer, "The chair")
    qtbot.keyClick(answer, Qt.Key.Key_Escape)
    assert store.load(session_id).key_questions.in_charge == "The chair"
    assert stored(store, session_id) == ValueForMoney()  # not copied into this part
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    summary = view.page(5)
    assert summary.answers["in_charge"].toPlainText() == "The chair"
    summary.answers["added_value"].setPlainText("Pooled budgets")
    summary.bound[1].commit()
    qtbot.keyClick(window, Qt.Key.Key_9, CTRL)
    assert page.answers["added_value"].toPlainText() == "Pooled budgets"
    view.document.undo_stack.undo()
    assert page.answers["added_value"].toPlainText() == ""


def test_deleting_a_partner_body_and_undo_keep_its_inputs(qtbot, window, store):
    session_id, view, page = open_value(qtbot, window, store)
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    qtbot.keyClicks(page.hours, "24")
    qtbot.keyClick(page.hours, Qt.Key.Key_Escape)
    organisation = store.load(session_id).organisations[0]
    view.document.edit(lambda e: e.remove_named("organisations", organisation.id))
    assert stored(store, session_id).inputs == []
    assert page.table.rowCount() == 1 and page.table.item(0, 0).text() == "NHS Trust"
    view.document.undo_stack.undo()
    assert stored(store, session_id).inputs[0].hours_a_month == 24
    assert page.table.rowCount() == 2 and page.table.item(0, 1).text() == "24"


def test_no_partner_bodies_says_where_to_add_them(qtbot, window, store):
    session_id, view, page = open_value(qtbot, window, store, organisations=())
    assert page.table.rowCount() == 0 and not page.empty.isHidden()
    assert not page.hours.isEnabled()
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    assert QApplication.focusWidget() is page.table
    qtbot.keyClick(page.table, Qt.Key.Key_3)  # the verdict needs no partner body
    assert stored(store, session_id) == ValueForMoney(verdict="not-known")


def test_a_partner_body_named_like_markup_is_shown_as_typed(qtbot, window, store):
    """“<b>” and “<img …>” in a name are text on the page, never markup (nor a file load)."""
    name = "A <b>B</b> & <img src=/etc/x>"
    _, view, page = open_value(qtbot, window, store, organisations=(name,))
    assert page.organisation.textFormat() == Qt.TextFormat.PlainText
    assert page.organisation.text() == f"1. {name}"


def test_the_last_partner_body_deleted_while_its_hours_are_typed(qtbot, window, store):
    """Deleting the last partner body (from Set-up's data, as undo of its adding would)
    while its hours are half typed: the typing is refused as out of date, nothing
    crashes, and the page says there are no partner bodies."""
    session_id, view, page = open_value(qtbot, window, store, organisations=("Council",))
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    qtbot.keyClicks(page.hours, "12")
    organisation = store.load(session_id).organisations[0]
    view.document.edit(lambda e: e.remove_named("organisations", organisation.id))
    page.hours.clearFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Escape)
    assert page.empty.isVisible()
    assert stored(store, session_id) == ValueForMoney()


def test_delete_clears_a_partner_body_back_to_not_recorded(qtbot, window, store):
    session_id, view, page = open_value(qtbot, window, store)
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    qtbot.keyClicks(page.hours, "7")
    qtbot.keyClick(page.hours, Qt.Key.Key_Escape)
    assert stored(store, session_id).inputs[0].hours_a_month == 7
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert stored(store, session_id).inputs == []
    assert page.hours.text() == ""
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert stored(store, session_id).inputs[0].hours_a_month == 7
