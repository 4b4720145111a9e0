"""Export PDF… from the window or the Summary step: ask where, write, offer to open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from gui import dialogs
from gui.settings import Settings
from model.errors import WorkshopError
from model.files import file_name_for
from model.session import Session


def pdf_file_name(title: str, date: str = "") -> str:
    """The suggested file name: the session's title and date ("Board review 2026-03-14
    - summary.pdf"), so a year's PDFs of one partnership do not overwrite each other."""
    return file_name_for(f"{title} {date}".strip(), " - summary.pdf")


def pdf_folder(settings: Settings | None) -> Path:
    """Where the save dialog opens: the folder of the last PDF saved, else Documents,
    else home. Never the current folder (the app's own, when started from a shortcut)."""
    last = Path(settings.last_pdf_folder) if settings and settings.last_pdf_folder else None
    if last is not None and last.is_dir():
        return last
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    # A Documents folder the system names but nobody made: the dialog would fall back
    # to the current folder.
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def export_pdf(parent: QWidget, session: Session, settings: Settings | None = None,
               previous: Session | None = None) -> Path | None:
    """Ask where to save the PDF summary, write it, then offer to open it. `previous`
    is the review `session` re-runs, if any ("Since the last review").

    Returns the path written, or None if cancelled or refused (the user is told why).
    """
    suggested = pdf_folder(settings) / pdf_file_name(session.title, session.date or "")
    path = dialogs.save_file(parent, "Export PDF summary", str(suggested), dialogs.PDF_FILES)
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
                          lambda: write_pdf(session, path, previous), cancellable=False)
    except WorkshopError as error:
        dialogs.error(parent, "Cannot export the PDF", dialogs.said(error))
        return None
    if settings is not None:
        settings.last_pdf_folder = str(path.parent)
    # Not "Cancel": the PDF is saved whichever button is pressed.
    if dialogs.confirm(parent, "PDF saved", f"Saved the PDF summary as\n{path}\n\n"
                       "Open it now?", "Open PDF", "Not now"):
        open_in_viewer(path)
    return path


def open_in_viewer(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
