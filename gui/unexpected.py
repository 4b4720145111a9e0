"""Any error the app did not expect, in the window: shown as a message with the details
to report, the app staying up. Every edit is committed as it is made, so nothing saved
is lost; the edits still pending stay pending."""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication

from gui import dialogs

_showing = False


def show_unexpected(kind: type[BaseException], error: BaseException,
                    trace: TracebackType | None) -> None:
    """sys.excepthook for the window: print the traceback, then say so in a message."""
    global _showing
    details = "".join(traceback.format_exception(kind, error, trace))
    sys.stderr.write(details)
    if issubclass(kind, KeyboardInterrupt) or _showing:
        return  # one message at a time: an error while showing one is only printed
    _showing = True
    try:
        dialogs.unexpected(QApplication.activeWindow(), details)
    except Exception:  # the message itself failed: the traceback is printed above
        traceback.print_exc()
    finally:
        _showing = False


def install() -> None:
    """Errors in slots and event handlers reach sys.excepthook; show them."""
    sys.excepthook = show_unexpected
