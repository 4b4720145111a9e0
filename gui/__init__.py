"""The desktop app: every QObject lives here; data and rules live in `model`."""

import sys

if sys.version_info < (3, 12):  # pragma: no cover - depends on the interpreter
    import ctypes

    # PySide6/shiboken 6.12 on Python 3.11 returns None from every void method
    # (setText, setEnabled, QPainter.save...) without adding a reference to it, so each
    # call takes one reference off None; after a few thousand calls Python aborts with
    # "none_dealloc: deallocating None" - mid-workshop. From Python 3.12 None is
    # immortal and this cannot happen; before it, give None references to spare.
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
