"""Export PDF… from the window or the Summary step: ask where, write, offer to open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from gui import dialogs
from model.errors import WorkshopError
from model.files import file_name_for
from model.session import Session


def pdf_file_name(title: str) -> str:
    return file_name_for(title, " - summary.pdf")


def export_pdf(parent: QWidget, session: Session, threshold: int,
               previous: Session | None = None) -> Path | None:
    """Ask where to save the PDF summary, write it, then offer to open it. `previous`
    is the review `session` re-runs, if any ("Since the last review").

    Returns the path written, or None if cancelled or refused (the user is told why).
    """
    path = dialogs.save_file(parent, "Export PDF summary", pdf_file_name(session.title),
                             dialogs.PDF_FILES)
    if path is None:
        return None
    with_suffix = path.with_name(path.name + ".pdf")
    # A name typed without ".pdf" gets it, unless that would replace a file unasked.
    if not path.suffix and not path.exists() and not with_suffix.exists():
        path = with_suffix
    from gui.background import run_in_background

    try:
        from report.pdf import write_pdf  # reportlab loads only when a PDF is made

        # Off the window's thread, which keeps painting; not cancellable: the file is
        # written whole at the end or not at all.
        run_in_background(parent, f"Making the PDF summary {path.name}…",
                          lambda: write_pdf(session, path, threshold, previous), cancellable=False)
    except WorkshopError as error:
        dialogs.error(parent, "Cannot export the PDF", dialogs.said(error))
        return None
    # Not "Cancel": the PDF is saved whichever button is pressed.
    if dialogs.confirm(parent, "PDF saved", f"Saved the PDF summary as\n{path}\n\n"
                       "Open it now?", "Open PDF", "Not now"):
        open_in_viewer(path)
    return path


def open_in_viewer(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
