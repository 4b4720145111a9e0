"""The window never freezes or crashes (issue 19): an import and a PDF export run off
the window's thread with a progress dialog (an import can be cancelled, adding
nothing), and an unexpected error is a message with details to report, the app up."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from gui import background, unexpected
from model.demo import demo_session
from model.session_file import write_session_file


def test_work_runs_off_the_windows_thread_while_it_keeps_answering(qtbot, window):
    ticks: list[int] = []
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    release = threading.Event()
    QTimer.singleShot(200, release.set)  # only the window's thread can set it

    def work() -> str:
        assert threading.current_thread() is not threading.main_thread()
        assert release.wait(10), "the window's thread was blocked"
        return "done"

    assert background.run_in_background(window, "Working…", work) == "done"
    timer.stop()
    assert len(ticks) >= 5  # the window's event loop ran meanwhile


def test_an_error_in_the_work_is_raised_on_the_windows_thread(qtbot, window):
    def work() -> None:
        raise ValueError("from the thread")
    with pytest.raises(ValueError, match="from the thread"):
        background.run_in_background(window, "Working…", work)


def test_cancelling_an_import_adds_nothing(qtbot, window, store, dialogs, tmp_path: Path,
                                           monkeypatch):
    source = tmp_path / "in.json"
    write_session_file(demo_session(), source)
    gate = threading.Event()
    import model.session_file as session_file

    real = session_file.read_session_file

    def slow(path):
        gate.wait(10)
        return real(path)
    monkeypatch.setattr(session_file, "read_session_file", slow)

    def press_cancel() -> None:
        dialog = window.findChild(QProgressDialog)
        if dialog is None:
            QTimer.singleShot(20, press_cancel)
            return
        button = dialog.findChild(QPushButton)
        assert button.text() == "Cancel"
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    QTimer.singleShot(20, press_cancel)
    dialogs.answers["open_file"] = source
    window.actions.import_file.trigger()
    gate.set()
    assert store.list_sessions() == []
    assert not [name for name, _ in dialogs.calls if name == "error"]


def test_an_import_through_the_window_still_imports(qtbot, window, store, dialogs,
                                                    tmp_path: Path):
    source = tmp_path / "in.json"
    write_session_file(demo_session(), source)
    dialogs.answers["open_file"] = source
    window.actions.import_file.trigger()
    assert [s.partnership for s in store.list_sessions()] == ["Carrick Housing"]


def test_the_pdf_is_made_off_the_windows_thread(qtbot, window, dialogs, tmp_path: Path,
                                                monkeypatch):
    from gui import pdf_export

    threads: list[threading.Thread] = []
    import report.pdf

    real = report.pdf.write_pdf

    def spy(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)
    monkeypatch.setattr(report.pdf, "write_pdf", spy)
    dialogs.answers["save_file"] = tmp_path / "out.pdf"
    dialogs.answers["confirm"] = False
    assert pdf_export.export_pdf(window, demo_session()) == tmp_path / "out.pdf"
    assert threads and threads[0] is not threading.main_thread()
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")


def test_an_unexpected_error_is_a_message_with_details(qtbot, window, monkeypatch,
                                                       capsys):
    shown: list[str] = []
    monkeypatch.setattr(unexpected.dialogs, "unexpected",
                        lambda parent, details: shown.append(details))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    unexpected.install()
    assert sys.excepthook is unexpected.show_unexpected
    try:
        raise OverflowError("Python int too large to convert to SQLite INTEGER")
    except OverflowError:
        sys.excepthook(*sys.exc_info())
    assert len(shown) == 1 and "OverflowError" in shown[0] and "Traceback" in shown[0]
    assert "OverflowError" in capsys.readouterr().err
    assert window.isVisible() and QApplication.instance() is not None


def test_the_message_names_a_way_to_report_it(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from gui import dialogs

    seen: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: seen.append(box))
    dialogs.unexpected(None, "Traceback: details")
    assert seen[0].detailedText() == "Traceback: details"
    assert "report" in seen[0].text() and "keep working" in seen[0].text()
