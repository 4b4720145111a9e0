"""The Qt binding must not leak references to None: PySide6 6.12.0 on Python 3.11 did,
one per void call, and Python aborted mid-session ("deallocating None")."""

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_do_not_consume_none(qapp):
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(20_000):
        label.setText("x")
    assert abs(sys.getrefcount(None) - before) < 100
