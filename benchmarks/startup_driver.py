"""Run in a child process: show the real app (or a bare QMainWindow), then print
"shown <peak RSS in KiB>" as soon as the event loop runs, and exit at once.

    python benchmarks/startup_driver.py app DB_PATH
    python benchmarks/startup_driver.py bare
    python benchmarks/startup_driver.py labelled   # the bare window, with `Qt`, a label
                                                   # and a menu: what any real window pays
"""

from __future__ import annotations

import os
import resource
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def report_when_shown() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def report() -> None:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        sys.stdout.write(f"shown {peak}\n")
        sys.stdout.flush()
        os._exit(0)

    original = QApplication.exec

    def exec_then_report(*args):  # the first turn of the event loop: the window is up
        QTimer.singleShot(0, report)
        return original()  # a static method: ignore the bound instance

    QApplication.exec = exec_then_report  # type: ignore[method-assign]


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode in ("bare", "labelled"):
        from PySide6.QtWidgets import QApplication, QMainWindow

        report_when_shown()
        app = QApplication(sys.argv)
        window = QMainWindow()
        window.resize(1280, 800)
        if mode == "labelled":
            from PySide6.QtCore import Qt
            from PySide6.QtWidgets import QLabel

            label = QLabel("Partnership Workshop")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            window.setCentralWidget(label)
            window.menuBar().addMenu("&File").addAction("&Quit", window.close)
        window.show()
        app.exec()
    else:
        report_when_shown()
        import main

        main.main(["--db", sys.argv[2]])
