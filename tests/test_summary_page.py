"""The Summary step (Ctrl+5), driven like a facilitator: answers, actions, findings and
the PDF export through the patched dialogs."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QPlainTextEdit

from model import actions
from model.starting_points import new_session

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def open_summary(qtbot, window, store, title="Summary test"):
    session_id = store.add_session(new_session(title))
    window.open_session(session_id, step=1)
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    view = window.current_view()
    assert view.current_step() == 5
    return session_id, view.page(5)


def type_new_action(qtbot, page, text: str) -> None:
    qtbot.keyClick(page.actions.view, Qt.Key.Key_Insert)
    line = QApplication.focusWidget()
    line.selectAll()
    if text.isascii():
        qtbot.keyClicks(line, text)
    else:
        line.insert(text)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.actions.view.state() != QAbstractItemView.State.EditingState)


def test_answers_typed_are_stored_and_undone(qtbot, window, store):
    session_id, page = open_summary(qtbot, window, store)
    focused = QApplication.focusWidget()
    assert focused is page.answers["in_charge"]  # no actions yet: the first answer
    qtbot.keyClicks(focused, "The board & <its chair>")
    qtbot.waitUntil(lambda: store.load(session_id).key_questions.in_charge
                    == "The board & <its chair>")
    second = page.answers["added_value"]
    second.setFocus()
    second.insertPlainText("Gwerth ychwanegol: ŵ ŷ\nsecond line")
    page.answers["in_charge"].setFocus()  # leaving the field saves it at once
    qtbot.waitUntil(lambda: store.load(session_id).key_questions.added_value
                    == "Gwerth ychwanegol: ŵ ŷ\nsecond line")

    window.current_view().document.undo_stack.undo()
    assert store.load(session_id).key_questions.added_value == ""
    assert second.toPlainText() == ""
    window.current_view().document.undo_stack.redo()
    assert second.toPlainText() == "Gwerth ychwanegol: ŵ ŷ\nsecond line"


def test_actions_added_edited_done_sorted_and_undone(qtbot, window, store):
    session_id, page = open_summary(qtbot, window, store)
    page.actions.view.setFocus()
    for text in ("Write the plan", "Invite the trust — Ymddiriedolaeth", "Review in a year"):
        type_new_action(qtbot, page, text)
    assert [a.text for a in store.load(session_id).actions] == [
        "Write the plan", "Invite the trust — Ymddiriedolaeth", "Review in a year"]

    model = page.actions_model
    model.setData(model.index(0, 1), "Chief executive")
    model.setData(model.index(0, 2), "2027-03-01")
    model.setData(model.index(1, 2), "2027-01-15")
    page.actions.select_row(2, 3)
    qtbot.keyClick(page.actions.view, Qt.Key.Key_Space)  # mark done
    stored = store.load(session_id).actions
    assert [(a.owner, a.due, a.status) for a in stored] == [
        ("Chief executive", "2027-03-01", "open"), ("", "2027-01-15", "open"),
        ("", None, "done")]
    assert model.index(2, 3).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked

    model.setData(model.index(0, 2), "1 March")  # refused, with a message
    assert store.load(session_id).actions[0].due == "2027-03-01"
    assert "YYYY-MM-DD" in window.message_bar.text()

    page.sort_choice.setCurrentIndex(0)  # by due date: undated last
    qtbot.mouseClick(page.sort_button, Qt.MouseButton.LeftButton)
    assert [a.text for a in store.load(session_id).actions] == [
        "Invite the trust — Ymddiriedolaeth", "Write the plan", "Review in a year"]
    assert model.index(0, 0).data() == "Invite the trust — Ymddiriedolaeth"
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # the sort is one undo step
    assert [a.text for a in store.load(session_id).actions][0] == "Write the plan"
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert [a.text for a in store.load(session_id).actions][0] == (
        "Invite the trust — Ymddiriedolaeth")

    page.sort_choice.setCurrentIndex(2)  # open first... then done last
    qtbot.mouseClick(page.sort_button, Qt.MouseButton.LeftButton)
    assert store.load(session_id).actions[-1].status == "done"
    page.actions.select_row(0)
    qtbot.keyClick(page.actions.view, Qt.Key.Key_Delete)
    assert len(store.load(session_id).actions) == 2
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert len(store.load(session_id).actions) == 3


def test_action_from_an_obstacle_shows_which(qtbot, window, store):
    session_id, page = open_summary(qtbot, window, store)
    document = window.current_view().document
    obstacle = document.session.obstacles[4]
    assert document.edit(lambda e: actions.set_obstacle_action(e, obstacle.id, "Re-engage",
                                                               "Chair"))
    model = page.actions_model
    assert model.rowCount() == 1
    assert model.index(0, 4).data() == obstacle.text
    assert not model.flags(model.index(0, 4)) & Qt.ItemFlag.ItemIsEditable


def test_findings_are_computed_and_follow_edits(qtbot, window, store):
    session_id, page = open_summary(qtbot, window, store)
    assert "No obstacles were rated." in page.findings.toPlainText()
    document = window.current_view().document
    assert document.edit(lambda e: e.add_named("organisations", "Police"))
    assert "No one was present from “Police”" in page.findings.toPlainText()


def test_focus_goes_to_the_actions_list_when_there_are_actions(qtbot, window):
    window.open_demo()
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    page = window.current_view().page(5)
    assert QApplication.focusWidget() is page.actions.view
    assert page.actions.current_row() == 0


def test_export_pdf_from_the_page_then_open_it(qtbot, window, store, dialogs, tmp_path,
                                               monkeypatch):
    from gui import pdf_export

    opened: list[Path] = []
    monkeypatch.setattr(pdf_export, "open_in_viewer", opened.append)
    session_id, page = open_summary(qtbot, window, store, "Board & <review> ŵ")
    page.answers["in_charge"].setFocus()
    qtbot.keyClicks(page.answers["in_charge"], "Typed just before exporting")
    dialogs.answers["save_file"] = tmp_path / "summary"  # typed without ".pdf"
    dialogs.answers["confirm"] = True
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)

    out = tmp_path / "summary.pdf"
    assert opened == [out]
    assert dialogs.calls[-1] == ("confirm", ("PDF saved", f"Saved the PDF summary as\n{out}"
                                             "\n\nOpen it now?", "Open PDF", "Not now"))
    name, args = dialogs.calls[0]
    session = store.load(session_id)
    assert name == "save_file"
    assert Path(args[1]).name == f"Board review ŵ {session.date} - summary.pdf"
    assert Path(args[1]).parent.is_dir()  # Documents, or home when there is none
    assert Path(args[1]).parent != Path.cwd()
    content = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Board & <review> ŵ" in content
    assert "Typed just before exporting" in content


def test_ctrl_e_in_a_session_and_on_the_home_page(qtbot, window, store, dialogs, tmp_path):
    session_id, page = open_summary(qtbot, window, store, "Ctrl E")
    dialogs.answers["save_file"] = tmp_path / "a.pdf"
    dialogs.answers["confirm"] = False  # saved, not opened
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL)
    assert (tmp_path / "a.pdf").exists()
    assert "Saved the PDF summary" in window.message_bar.text()

    window.show_home()
    window.home.refresh(select=session_id)
    assert window.actions.export_pdf.isEnabled()
    dialogs.answers["save_file"] = tmp_path / "b.pdf"
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL)
    assert (tmp_path / "b.pdf").exists()


@pytest.mark.parametrize("where", ["folder", "missing"])
def test_export_to_a_bad_place_says_why_and_leaves_nothing(qtbot, window, store, dialogs,
                                                           tmp_path, where):
    open_summary(qtbot, window, store)
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder if where == "folder" else folder / "missing" / "out.pdf"
    dialogs.answers["save_file"] = target
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL)
    errors = [args for name, args in dialogs.calls if name == "error"]
    assert len(errors) == 1 and str(target) in errors[0][1]
    assert "confirm" not in [name for name, _ in dialogs.calls]
    assert list(folder.iterdir()) == []


def test_cancelled_save_dialog_writes_nothing(qtbot, window, store, dialogs, tmp_path):
    open_summary(qtbot, window, store)
    dialogs.answers["save_file"] = None
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL)
    assert [name for name, _ in dialogs.calls] == ["save_file"]


def test_answers_are_plain_text_edits(qtbot, window, store):
    _, page = open_summary(qtbot, window, store)
    assert all(isinstance(w, QPlainTextEdit) for w in page.answers.values())


def test_a_one_line_field_lets_ctrl_e_through_and_keeps_its_other_keys(qtbot) -> None:
    """Offscreen Qt has no Ctrl+E binding in a field, as X11 has: a field that claims
    every key stands in for one."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QLineEdit

    from gui.widgets.line_edit import _export_key_first

    class Greedy(QLineEdit):
        def event(self, event: QEvent) -> bool:  # Qt's name
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()
                return True
            return super().event(event)

    field = Greedy()
    qtbot.addWidget(field)
    field.installEventFilter(_export_key_first)
    for key, claimed in ((Qt.Key.Key_E, False), (Qt.Key.Key_A, True)):
        override = QKeyEvent(QEvent.Type.ShortcutOverride, key, CTRL)
        override.ignore()
        QApplication.sendEvent(field, override)
        assert override.isAccepted() is claimed


def test_add_puts_the_action_at_the_end_and_escape_leaves_no_blank_one(qtbot, window, store):
    """Issue 15: "Add" inserted under the selected row, and Esc left a blank action."""
    session_id, page = open_summary(qtbot, window, store)
    page.actions.view.setFocus()
    for text in ("First", "Second", "Third"):
        type_new_action(qtbot, page, text)
    page.actions.select_row(0)
    qtbot.mouseClick(page.actions.add_button, Qt.MouseButton.LeftButton)
    line = QApplication.focusWidget()
    assert page.actions.current_row() == 3  # at the end, whatever was selected
    qtbot.keyClicks(line, "Fourth")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.actions.view.state() != QAbstractItemView.State.EditingState)
    assert [a.text for a in store.load(session_id).actions] == [
        "First", "Second", "Third", "Fourth"]
    # Add (button or Insert), then Esc: no blank action stays behind, and Ctrl+Z
    # undoes the last real edit, not a blank add.
    for add in (lambda: qtbot.mouseClick(page.actions.add_button, Qt.MouseButton.LeftButton),
                lambda: qtbot.keyClick(page.actions.view, Qt.Key.Key_Insert)):
        page.actions.select_row(1)
        add()
        qtbot.waitUntil(lambda: page.actions.view.state() == QAbstractItemView.State.EditingState)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: page.actions.view.state() != QAbstractItemView.State.EditingState)
        assert [a.text for a in store.load(session_id).actions] == [
            "First", "Second", "Third", "Fourth"]
        assert page.actions_model.rowCount() == 4
    assert page.actions.view.hasFocus()


def test_the_pdf_dialog_opens_in_the_last_folder_used_with_title_and_date(
        qtbot, window, store, dialogs, tmp_path, monkeypatch):
    """Issue 15: the save dialog opened in the app's source folder."""
    from gui import pdf_export

    monkeypatch.chdir(Path(__file__).parent)  # started from the source folder
    monkeypatch.setenv("HOME", str(tmp_path))  # a user with no Documents folder
    monkeypatch.setattr(pdf_export.QStandardPaths, "writableLocation",
                        lambda _where: str(tmp_path / "Documents"))
    session_id, page = open_summary(qtbot, window, store, "AGM: review/2026")
    store_date = store.load(session_id).date
    assert pdf_export.pdf_folder(window.settings) == Path.home()
    (tmp_path / "Documents").mkdir()
    assert pdf_export.pdf_folder(window.settings) == tmp_path / "Documents"
    elsewhere = tmp_path / "board papers"
    elsewhere.mkdir()
    dialogs.answers["save_file"] = elsewhere / "first.pdf"
    dialogs.answers["confirm"] = False
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert (elsewhere / "first.pdf").exists()
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    suggested = Path([args for name, args in dialogs.calls if name == "save_file"][-1][1])
    assert suggested == elsewhere / f"AGM review2026 {store_date} - summary.pdf"
