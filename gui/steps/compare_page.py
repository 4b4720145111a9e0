"""Step 6, Compare: what moved between two reviews of the partnership (by default this
session and the review it re-runs), instrument by instrument. Read only; the words are
`model.compare.sections`, the same as the PDF's "Since the last review"."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gui.document import SessionDocument
from gui.settings import Settings
from model.compare import compare, review_name, sections
from model.reviews import reviews_of
from model.session import Session, SessionSummary

NOT_LINKED = ("<p>This session is not linked to another review of the partnership.</p>"
              "<p>To review the partnership again next year, go back to the sessions list "
              "(Ctrl+W), select this session and choose <b>Duplicate for a re-run</b> "
              "(Ctrl+D): the copy is linked to this one, and this step then shows what "
              "moved between them.</p>")


class ComparePage(QWidget):
    def __init__(self, document: SessionDocument, settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.reviews: list[SessionSummary] = []
        self._loaded: dict[str, Session] = {}

        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.earlier = QComboBox()
        self.earlier.setAccessibleName("Earlier review")
        self.later = QComboBox()
        self.later.setAccessibleName("Later review")
        pickers = QGridLayout()
        for row, (words, combo) in enumerate((("&Earlier review:", self.earlier),
                                              ("&Later review:", self.later))):
            label = QLabel(words)
            label.setBuddy(combo)  # Alt+E / Alt+L
            pickers.addWidget(label, row, 0)
            pickers.addWidget(combo, row, 1)
            combo.currentIndexChanged.connect(lambda _i: self.show_comparison())
        pickers.setColumnStretch(1, 1)
        self.report = QTextBrowser()
        self.report.setAccessibleName("What moved")
        self.report.setOpenLinks(False)
        self.report.setStyleSheet("QTextBrowser { font-size: 12pt; }")

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(pickers)
        layout.addWidget(self.report, 1)
        document.changed.connect(lambda _c: self.isVisible() and self.show_comparison())
        # Filled when shown (showEvent): the reviews are read once, as they are then.

    # --- keyboard ------------------------------------------------------------------------

    def focus_main(self) -> None:
        """Focus on the earlier review's picker: Up/Down picks another, Tab goes on to
        the later one, then to the comparison (which the arrow keys scroll)."""
        (self.earlier if self.earlier.isEnabled() else self.report).setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()  # other reviews may have changed since (a re-run made, an edit)

    # --- what is shown ---------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the partnership's reviews again and pick the default pair: this session
        and the review it re-runs (else the review that re-runs it)."""
        session = self.document.session
        self._loaded = {}
        self.reviews = reviews_of(self.document.store, session) or []
        ids = [r.id for r in self.reviews]
        here = ids.index(session.id) if session.id in ids else -1
        earlier_id, later_id = self.earlier.currentData(), self.later.currentData()
        if earlier_id not in ids or later_id not in ids or len(ids) != self.earlier.count():
            earlier_id = later_id = None
            by_uid = {r.uid: r.id for r in self.reviews if r.uid}
            successors = [r.id for r in self.reviews
                          if session.uid and r.review_of == session.uid]
            if session.review_of in by_uid:
                earlier_id, later_id = by_uid[session.review_of], session.id
            elif successors:  # the first review: compare with the one that re-ran it
                earlier_id, later_id = session.id, successors[-1]
            elif len(ids) > 1:
                earlier_id, later_id = session.id, ids[here - 1 if here > 0 else 1]
        partnership = session.partnership or session.title
        self.heading.setText(f"<h2>Compare reviews of {html.escape(partnership)}</h2>")
        for combo, chosen in ((self.earlier, earlier_id), (self.later, later_id)):
            combo.blockSignals(True)
            combo.clear()
            for review in self.reviews:
                mark = "  (this session)" if review.id == session.id else ""
                combo.addItem(f"{review.title} · {review.date or 'no date'}{mark}", review.id)
            combo.setCurrentIndex(max(0, ids.index(chosen)) if chosen in ids else 0)
            combo.setEnabled(len(self.reviews) > 1)
            combo.blockSignals(False)
        self.show_comparison()

    def _session(self, session_id: str) -> Session:
        if session_id == self.document.session_id:
            return self.document.session  # as shown, with edits still pending
        if session_id not in self._loaded:
            self._loaded[session_id] = self.document.store.load(session_id)
        return self._loaded[session_id]

    def show_comparison(self) -> None:
        if len(self.reviews) < 2:
            self.report.setHtml(NOT_LINKED)
            return
        earlier_id, later_id = self.earlier.currentData(), self.later.currentData()
        if earlier_id == later_id:
            self.report.setHtml("<p>Pick two different reviews to compare.</p>")
            return
        before, after = self._session(earlier_id), self._session(later_id)
        found = compare(before, after)
        parts = [f"<p>From <b>{html.escape(review_name(before))}</b> to "
                 f"<b>{html.escape(review_name(after))}</b>.</p>"]
        for heading, sentences in sections(found):
            parts.append(f"<h3>{html.escape(heading)}</h3>")
            if sentences:
                parts.append("<ul>" + "".join(f"<li>{html.escape(s)}</li>" for s in sentences)
                             + "</ul>")
        self.report.setHtml("".join(parts))
