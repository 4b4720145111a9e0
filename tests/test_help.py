"""Help ▸ Keyboard shortcuts: the whole table can be read on a laptop or projector screen."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser


def test_keyboard_help_fits_the_screen_and_scrolls(qtbot, window, monkeypatch):
    shown: list[QDialog] = []

    def exec_(dialog: QDialog) -> int:
        shown.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return 0

    monkeypatch.setattr(QDialog, "exec", exec_)
    window.actions.keyboard_help.trigger()
    assert len(shown) == 1
    dialog = shown[0]
    qtbot.addWidget(dialog)
    area = window.screen().availableGeometry()  # 800 px high offscreen: as short as a laptop
    assert dialog.frameGeometry().height() <= area.height()
    assert dialog.frameGeometry().width() <= area.width()
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isVisible()
    assert dialog.rect().contains(ok.geometry().translated(ok.parentWidget().pos()))
    text = dialog.findChild(QTextBrowser)
    assert "Summary (Ctrl+5)" in text.toPlainText()  # the last section is in it...
    bar = text.verticalScrollBar()
    assert bar.maximum() > 0  # ...and reached by scrolling
    bar.setValue(bar.maximum())
    ok.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
