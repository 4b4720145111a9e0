"""The Obstacles step's summary: how many obstacles have each rating, the votes cast,
and the top three priorities (the same measures the Summary step and the PDF use)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from gui.document import SessionDocument
from gui.widgets.obstacle_list import RATING_COLOURS
from model import frameworks
from model.changes import Changeset
from model.obstacles import RATING_KEYS, rating_counts, rating_text, top_priorities, total_votes


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
        self.top_label = QLabel()
        self.top_label.setWordWrap(True)
        self.top_label.setTextFormat(Qt.TextFormat.RichText)
        self.top_label.setAccessibleName("Top three priorities")
        self.top_label.setStyleSheet("font-size: 12pt;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.top_label)
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
        if top:
            items = "".join(
                f"<li>{escape(o.text)} <i>({escape(rating_text(o.rating))}, "
                f"{o.votes} vote{'' if o.votes == 1 else 's'})</i></li>" for o in top)
            self.top_label.setText(f"<b>Top priorities</b><ol style='margin-left: -20px'>"
                                   f"{items}</ol>")
        else:
            self.top_label.setText("<b>Top priorities</b><br>None yet: rate the obstacles "
                                   "minor, significant or critical.")

    def top_texts(self) -> list[str]:
        return [o.text for o in top_priorities(self.document.session.obstacles)]
