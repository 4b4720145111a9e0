"""The Obstacles step's summary: how many obstacles have each rating, the votes cast,
and the top three priorities (the same measures the Summary step and the PDF use)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from gui.document import SessionDocument
from gui.exercises.obstacles.obstacle_list import RATING_COLOURS
from model import frameworks
from model.changes import Changeset
from model.exercises.obstacles import (
    RATING_KEYS,
    rating_counts,
    rating_text,
    top_priorities,
    total_votes,
)


class ElidedLabel(QLabel):
    """One line of text, cut with "…" to the width it has; the whole text in its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full_text = ""
        self.setMinimumWidth(40)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self.setToolTip(text)
        self.setAccessibleName(text)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight,
                                                   max(self.width(), 40)))


class ObstacleSummary(QWidget):
    def __init__(self, document: SessionDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.count_labels: dict[int | None, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        for i, rating in enumerate(RATING_KEYS):
            background, colour, border = RATING_COLOURS[rating]
            style = "dashed" if rating is None else "solid"
            name = QLabel(frameworks.rating_label(rating))
            name.setAlignment(Qt.AlignmentFlag.AlignCenter)
            name.setToolTip(frameworks.own_choice("ratings"))
            name.setStyleSheet(
                f"background: {background}; color: {colour}; border: 1px {style} {border}; "
                "border-radius: 9px; padding: 2px 6px; font-size: 12pt; font-weight: bold;")
            count = QLabel("0")
            count.setStyleSheet("font-size: 13pt; font-weight: bold;")
            count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.count_labels[rating] = count
            grid.addWidget(name, i % 3, (i // 3) * 2)
            grid.addWidget(count, i % 3, (i // 3) * 2 + 1)
        self.votes_label = QLabel()
        self.votes_label.setAccessibleName("Votes cast")
        grid.addWidget(self.votes_label, 2, 2, 1, 2)
        self.votes_label.setStyleSheet("font-size: 12pt;")
        self.top_label = QLabel("<b>Top priorities</b>")
        self.top_label.setStyleSheet("font-size: 12pt;")
        # One line each, so the selected obstacle's panel fits below at projector size;
        # the whole text is in the tooltip (and in full on the Summary step).
        self.top_lines = [ElidedLabel() for _ in range(3)]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(grid)
        layout.addWidget(self.top_label)
        for line in self.top_lines:
            line.setStyleSheet("font-size: 12pt;")
            layout.addWidget(line)
        document.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, changeset: Changeset) -> None:
        if changeset.touches("obstacles"):
            self.refresh()

    def refresh(self) -> None:
        obstacles = self.document.session.obstacles
        for rating, count in rating_counts(obstacles).items():
            self.count_labels[rating].setText(str(count))
            self.count_labels[rating].setAccessibleName(
                f"{frameworks.rating_label(rating)}: {count}")
        votes = total_votes(obstacles)
        self.votes_label.setText(f"Votes cast: <b>{votes}</b>")
        top = top_priorities(obstacles)
        self.top_label.setText("<b>Top priorities</b>" if top else
                               "<b>Top priorities</b>: none yet")
        for n, line in enumerate(self.top_lines):
            if n < len(top):
                o = top[n]
                line.set_full_text(f"{n + 1}. {o.text} ({rating_text(o.rating)}, {o.votes} "
                                   f"vote{'' if o.votes == 1 else 's'})")
            else:
                line.set_full_text("")

    def top_texts(self) -> list[str]:
        """What the top-priority lines say, in full."""
        return [line.full_text for line in self.top_lines if line.full_text]
