"""The window opens on a fresh database and shows the sessions home."""

from gui.main_window import APP_TITLE


def test_window_opens_on_home(window):
    assert window.windowTitle() == APP_TITLE
    assert window.stack.currentWidget() is window.home


def test_the_app_takes_the_keyboard_when_it_opens(monkeypatch, tmp_path) -> None:
    """Where no window manager gives a new window the keyboard (a kiosk or projector
    set-up), the app takes it itself: else no shortcut would reach it."""
    from tests.app_runner import AppRun

    run = AppRun(monkeypatch, tmp_path)
    assert run(tmp_path / "workshop.sqlite3") == 0
    assert [window.asked_for_keyboard for window in run.windows] == [True]


def test_after_a_dialog_the_keyboard_goes_back_to_the_window(monkeypatch, window) -> None:
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from gui import dialogs

    asked: list[str] = []
    buttons: list[str] = []
    monkeypatch.setattr(window, "activateWindow", lambda: asked.append("window"))
    monkeypatch.setattr(QMessageBox, "exec",
                        lambda self: buttons.extend(b.text() for b in self.buttons()) or 0)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: ("", ""))
    dialogs.information(window.home, "Title", "Text")
    assert dialogs.save_file(window, "Save", "x.pdf", dialogs.PDF_FILES) is None
    assert not dialogs.confirm(window.home.table, "Title", "Text", "Delete")
    assert asked == ["window"] * 3
    assert buttons[-2:] == ["Delete", "Cancel"]
    assert not dialogs.confirm(window, "PDF saved", "Open it now?", "Open PDF", "Not now")
    assert buttons[-2:] == ["Open PDF", "Not now"]


def test_a_message_floats_over_the_page_and_moves_nothing(qtbot, window) -> None:
    from PySide6.QtCore import QPoint, QRect, Qt
    from PySide6.QtWidgets import QToolButton

    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    window.open_demo()
    window.show_home()  # a sessions list with a row in it
    before = window.stack.geometry()
    window.show_message("Copied for a re-run: the same set-up and lists. " * 3)
    qtbot.wait(10)
    toast = window.message_bar
    assert toast.isVisible() and window.stack.geometry() == before
    assert window.stack.geometry().contains(toast.geometry())  # inside the window
    # It covers nothing on the sessions list: not its buttons, search or table.
    home = window.home
    for widget in (home.search, home.table.horizontalHeader(),
                   *home.findChildren(QToolButton)):
        there = QRect(widget.mapTo(window.centralWidget(), QPoint(0, 0)), widget.size())
        assert not there.intersects(toast.geometry()), widget
    table = home.table
    for row in range(home.filter.rowCount()):
        top = table.viewport().mapTo(window.centralWidget(),
                                     QPoint(0, table.rowViewportPosition(row)))
        assert not QRect(top.x(), top.y(), table.viewport().width(),
                         table.rowHeight(row)).intersects(toast.geometry())
    # A click on it closes it (it used to let the click through to what it hid).
    assert not toast.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    qtbot.mouseClick(toast, Qt.MouseButton.LeftButton)
    assert not toast.isVisible()
    # A message quoting a pasted document takes a third of the window at most.
    window.show_message("The date “" + "x" * 6000 + "” is not a date.")
    qtbot.wait(10)
    assert toast.height() <= window.centralWidget().height() // 3
    assert window.centralWidget().rect().contains(toast.geometry())
    assert toast.text().endswith("” is not a date.")  # the whole message is kept


def test_a_message_in_a_session_covers_no_button_or_grid_and_goes_soon(qtbot, window):
    """Issue 15: the message covered the bottom-right buttons and the grid's last row for
    12 s. In a session it floats in the steps list's empty part."""
    from PySide6.QtCore import QPoint, QRect

    from gui.widgets.toast import shown_seconds

    for size in ((1280, 720), (1440, 900)):
        window.resize(*size)
        window.open_demo()
        view = window.current_view()
        window.show_message("Removed the row “Safety” and its scores. Undo (Ctrl+Z) brings "
                            "them back.")
        qtbot.wait(10)
        toast = window.message_bar
        assert toast.isVisible()
        stack = QRect(view.stack.mapTo(window.centralWidget(), QPoint(0, 0)),
                      view.stack.size())
        assert not stack.intersects(toast.geometry())  # nothing of the step's page
        steps = view.step_list
        for row in range(steps.count()):
            item = steps.visualItemRect(steps.item(row))
            item = QRect(steps.viewport().mapTo(window.centralWidget(), item.topLeft()),
                         item.size())
            assert not item.intersects(toast.geometry())
        saved = QRect(view.saved_label.mapTo(window.centralWidget(), QPoint(0, 0)),
                      view.saved_label.size())
        assert not saved.intersects(toast.geometry())
        assert toast.text().startswith("Removed the row")
        window.show_home()
    assert shown_seconds("Saved.") >= 3 and shown_seconds("x" * 400) <= 8
