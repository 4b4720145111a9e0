"""The window opens on a fresh database and shows the sessions home."""

from gui.main_window import APP_TITLE


def test_window_opens_on_home(window):
    assert window.windowTitle() == APP_TITLE
    assert window.stack.currentWidget() is window.home
