"""Step 1, Set-up: session details, partner bodies, stakeholder groups, participants."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from gui import dialogs
from gui.document import SessionDocument
from gui.widgets.bound_text import BoundText
from gui.widgets.line_edit import long_line_edit
from gui.widgets.list_editor import ListEditor, SessionListModel
from model import frameworks
from model.exercises.registry import OPTIONAL_STEPS, STEP_TITLES
from model.palette import text_colour_on
from model.session import Group, Organisation, Participant
from model.steps import set_step

Index = QModelIndex | QPersistentModelIndex
NO_TIER = "—"


class OrganisationsModel(SessionListModel):
    headers = ("Partner body",)
    tables = ("organisations",)
    noun = "partner body"

    def items(self) -> list[Organisation]:
        return self.document.session.organisations

    def display(self, item: Organisation, column: int) -> str:
        return item.name

    def editable(self, column: int) -> bool:
        return True

    def set_value(self, item: Organisation, column: int, value: Any) -> bool:
        return self.document.edit(lambda e: e.rename("organisations", item.id, str(value)))

    def add(self, row: int) -> bool:
        return self.document.edit(lambda e: e.add_named("organisations", index=row))

    def remove(self, item: Organisation) -> bool:
        return self.document.edit(lambda e: e.remove_named("organisations", item.id))

    def move(self, item: Organisation, row: int) -> bool:
        return self.document.edit(
            lambda e: e.move("organisations", item.id, row, f"Move “{item.name}”"))


class GroupsModel(SessionListModel):
    headers = ("Stakeholder group", "Colour")
    tables = ("stakeholder_groups",)
    noun = "stakeholder group"

    def items(self) -> list[Group]:
        return self.document.session.groups

    def display(self, item: Group, column: int) -> str:
        return item.name if column == 0 else (item.colour or "")

    def extra_data(self, item: Group, column: int, role: int) -> Any:
        if column == 1 and item.colour:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(item.colour))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(text_colour_on(item.colour)))
        return None

    def editable(self, column: int) -> bool:
        return column == 0

    def set_value(self, item: Group, column: int, value: Any) -> bool:
        return self.document.edit(lambda e: e.rename("stakeholder_groups", item.id, str(value)))

    def add(self, row: int) -> bool:
        return self.document.edit(lambda e: e.add_named("stakeholder_groups", index=row))

    def remove(self, item: Group) -> bool:
        return self.document.edit(lambda e: e.remove_named("stakeholder_groups", item.id))

    def move(self, item: Group, row: int) -> bool:
        return self.document.edit(
            lambda e: e.move("stakeholder_groups", item.id, row, f"Move “{item.name}”"))

    def set_colour(self, item: Group, colour: str) -> bool:
        return self.document.edit(lambda e: e.set_group_colour(item.id, colour))


class ParticipantsModel(SessionListModel):
    headers = ("Name (blank: anonymous)", "Partner body", "Stakeholder group",
               "Seniority tier", "Present")
    tables = ("participants", "organisations", "stakeholder_groups")
    noun = "participant"
    NAME, ORGANISATION, GROUP, TIER, PRESENT = range(5)

    def items(self) -> list[Participant]:
        return self.document.session.participants

    def display(self, item: Participant, column: int) -> Any:
        if column == self.NAME:
            return item.name
        if column == self.ORGANISATION:
            return item.organisation
        if column == self.GROUP:
            return item.group
        if column == self.TIER:
            return str(item.tier) if item.tier else NO_TIER
        return "Present" if item.present else "Absent"

    def extra_data(self, item: Participant, column: int, role: int) -> Any:
        if column == self.NAME and role == Qt.ItemDataRole.DisplayRole:
            return None
        if column == self.NAME and not item.name and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#777777"))
        if column == self.PRESENT and role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if item.present else Qt.CheckState.Unchecked
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == self.NAME \
                and role == Qt.ItemDataRole.DisplayRole:
            item = self.item(index.row())
            return item.name or f"(Participant {index.row() + 1})"
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.PRESENT and not self.document.read_only:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def editable(self, column: int) -> bool:
        return column != self.PRESENT

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.isValid() and index.column() == self.PRESENT \
                and role == Qt.ItemDataRole.CheckStateRole:
            present = Qt.CheckState(value) == Qt.CheckState.Checked
            return self._update(self.item(index.row()), present=present)
        return super().setData(index, value, role)

    def set_value(self, item: Participant, column: int, value: Any) -> bool:
        session = self.document.session
        if column == self.NAME:
            return self._update(item, name=str(value))
        if column == self.ORGANISATION:
            org = next((o.id for o in session.organisations if o.name == value), None)
            return self._update(item, organisation_id=org)
        if column == self.GROUP:
            group = next((g.id for g in session.groups if g.name == value), None)
            return self._update(item, group_id=group)
        if column == self.TIER:
            return self._update(item, tier=int(value) if value in ("1", "2", "3") else None)
        return False

    def _update(self, item: Participant, **values: Any) -> bool:
        return self.document.edit(lambda e: e.update_participant(item.id, **values))

    def add(self, row: int) -> bool:
        return self.document.edit(lambda e: e.add_participant(index=row))

    def remove(self, item: Participant) -> bool:
        return self.document.edit(lambda e: e.remove_participant(item.id))

    def move(self, item: Participant, row: int) -> bool:
        return self.document.edit(lambda e: e.move_participant(item.id, row))


class ChoiceDelegate(QStyledItemDelegate):
    """A drop-down of choices (partner bodies, groups, tiers) for one column."""

    def __init__(self, choices: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = choices  # a callable giving the current choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.addItems(self.choices())
        # Picking a choice (Enter or a click in the list) saves it at once: a second
        # Enter must not be needed for what the cell shows to be stored.
        combo.activated.connect(lambda _index: self._chosen(combo))
        return combo

    def _chosen(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)
        # The list had the keyboard, not the drop-down: the view would not take it back
        # when the editor closed, and Insert, arrows, F2 and Tab would do nothing.
        view = self.parent()
        if isinstance(view, QWidget):
            view.setFocus()

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findText(str(index.data(Qt.ItemDataRole.EditRole)))))
        editor.showPopup()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class SetupPage(QWidget):
    """Everything about who is in the room, prepared the day before."""

    title = "Set-up"

    def __init__(self, document: SessionDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document

        details = QGroupBox("Session details")
        form = QFormLayout(details)
        self.fields: dict[str, Any] = {}
        for column, label, placeholder in (
            ("title", "&Title", "What the session is called on the list and the PDF"),
            ("partnership", "&Partnership", "The partnership under review"),
            ("date", "&Date", "DD/MM/YYYY or YYYY-MM-DD"),
            ("facilitator", "&Facilitator", ""),
            ("venue", "&Venue", ""),
        ):
            edit = long_line_edit()
            edit.setPlaceholderText(placeholder)
            edit.setAccessibleName(label.replace("&", ""))
            BoundText(document, edit, lambda s, c=column: getattr(s, c),
                      lambda e, v, c=column: e.set_detail(c, v))
            form.addRow(label, edit)
            self.fields[column] = edit
        purpose = QPlainTextEdit()
        purpose.setPlaceholderText("Why the board is meeting, and what it wants to leave with")
        purpose.setAccessibleName("Purpose")
        purpose.setTabChangesFocus(True)
        # About five lines (it scrolls): at projector size the participants below need
        # the height more.
        purpose.setMaximumHeight(110)
        BoundText(document, purpose, lambda s: s.purpose,
                  lambda e, v: e.set_detail("purpose", v))
        form.addRow("P&urpose", purpose)
        self.fields["purpose"] = purpose
        # The exercises this session runs (set-up and summary always do): a step that is
        # off is not offered in the steps list, and the PDF leaves its section out.
        steps_row = QGridLayout()  # two a line: four in one are cut off at 1280 wide
        self.step_boxes: dict[str, QCheckBox] = {}
        for name in OPTIONAL_STEPS:
            box = QCheckBox(STEP_TITLES[name])
            box.setAccessibleName(f"Run the {STEP_TITLES[name]} step")
            box.setToolTip("On: the step is in the steps list and its section in the PDF. "
                           "Off: neither (what was entered is kept).")
            box.setEnabled(not document.read_only)
            box.toggled.connect(lambda on, n=name: self._set_step(n, on))
            row, column = divmod(len(self.step_boxes), 2)
            last = len(self.step_boxes) == len(OPTIONAL_STEPS) - 1
            # A last one alone on its line takes the whole line, so its title is not cut.
            steps_row.addWidget(box, row, column, 1, 2 if last and column == 0 else 1)
            self.step_boxes[name] = box
        form.addRow("Steps", steps_row)
        self._show_steps()
        document.changed.connect(lambda c: c.touches("sessions") and self._show_steps())

        self.organisations = ListEditor("Partner bodies", OrganisationsModel(document, self))
        self.groups = ListEditor("Stakeholder groups", GroupsModel(document, self))
        self.groups.view.doubleClicked.connect(self._pick_colour)
        colour_button = QPushButton("Colour…")
        colour_button.setToolTip("Change the selected group's colour (Ctrl+K)")
        colour_button.setShortcut("Ctrl+K")
        colour_button.clicked.connect(lambda: self._pick_colour(self.groups.view.currentIndex()))
        colour_button.setEnabled(not document.read_only)
        self.groups.buttons.insertWidget(4, colour_button)

        participants_model = ParticipantsModel(document, self)
        self.participants = ListEditor("Participants", participants_model)
        view = self.participants.view
        view.setItemDelegateForColumn(
            ParticipantsModel.ORGANISATION,
            ChoiceDelegate(lambda: [""] + [o.name for o in document.session.organisations], view))
        view.setItemDelegateForColumn(
            ParticipantsModel.GROUP,
            ChoiceDelegate(lambda: [""] + [g.name for g in document.session.groups], view))
        view.setItemDelegateForColumn(
            ParticipantsModel.TIER, ChoiceDelegate(lambda: [NO_TIER, "1", "2", "3"], view))
        for column, width in ((1, 230), (2, 210), (3, 110), (4, 100)):
            view.setColumnWidth(column, width)
        view.setToolTip("Tiers: " + "; ".join(frameworks.tier_label(t) for t in (1, 2, 3))
                        + ". " + frameworks.why_tiers_matter() + "\n"
                        + frameworks.own_choice("tiers"))
        self.groups.view.setColumnWidth(1, 80)

        content = QWidget()
        grid = QGridLayout(content)
        grid.addWidget(details, 0, 0)
        grid.addWidget(self.organisations, 0, 1)
        grid.addWidget(self.groups, 0, 2)
        grid.addWidget(self.participants, 1, 0, 1, 3)
        details.setMinimumWidth(400)
        grid.setColumnStretch(0, 4)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 3)
        grid.setRowStretch(1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _set_step(self, name: str, on: bool) -> None:
        if not self.document.edit(lambda e: set_step(e, name, on)):
            self._show_steps()

    def _show_steps(self) -> None:
        steps = self.document.session.steps
        for name, box in self.step_boxes.items():
            box.blockSignals(True)
            box.setChecked(name in steps)
            box.blockSignals(False)

    def focus_main(self) -> None:
        """Called when the step is shown: start at the session's title."""
        self.fields["title"].setFocus()

    def _pick_colour(self, index: QModelIndex) -> None:
        if not index.isValid() or self.document.read_only:
            return
        if index.column() != 1 and self.sender() is self.groups.view:
            return
        model = self.groups.model
        assert isinstance(model, GroupsModel)
        group = model.item(index.row())
        colour = dialogs.pick_colour(self, group.colour or "#4477aa")
        if colour:
            model.set_colour(group, colour)
