"""The Perception grid step, driven like a facilitator: keys and clicks on the real window,
checked against what is stored and what the grid shows."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.main_window import MainWindow
from model import frameworks
from model.errors import DiskFull
from model.exercises.perception import row_spreads
from model.session import Group, Perception, PerceptionRow, Session

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
GROUPS = [("Board members", "#4477aa"), ("Tenants", "#ee6677"), ("Council officers", "#ccbb44")]


def workshop(rows: int | None = None, groups=GROUPS) -> Session:
    """A session with groups and the default rows (or `rows` numbered governance rows)."""
    perception_rows = frameworks.default_perception_rows() if rows is None else [
        PerceptionRow("governance", f"Principle {n}") for n in range(1, rows + 1)]
    return Session(title="Grid test", partnership="Testshire Partnership",
                   groups=[Group(name, colour) for name, colour in groups],
                   perception=Perception(rows=perception_rows))


def open_grid(qtbot, window, store, session: Session | None = None):
    """Open a session and go to the grid with Ctrl+4; returns (session id, page)."""
    session_id = store.add_session(session or workshop())
    assert window.open_session(session_id)
    qtbot.keyClick(window, Key.Key_4, CTRL)
    page = window.current_view().page(4)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.grid)
    return session_id, page


def stored(store, session_id) -> dict[tuple[str, str], int]:
    session = store.load(session_id)
    return {(s.row, s.group): s.score for s in session.perception.scores}


def press(qtbot, *keys, modifier=Qt.KeyboardModifier.NoModifier):
    for key in keys:
        qtbot.keyClick(QApplication.focusWidget(), key, modifier)


DIGIT = {1: Key.Key_1, 2: Key.Key_2, 3: Key.Key_3, 4: Key.Key_4, 5: Key.Key_5}


# --- opening the step ---------------------------------------------------------------------

def test_ctrl_4_shows_the_grid_with_first_row_and_group_selected(qtbot, window, store):
    session_id, page = open_grid(qtbot, window, store)
    assert window.current_view().current_step() == 4
    grid = page.grid
    assert (grid.current_row, grid.current_group) == (0, 0)
    assert grid.current_row_item().label == frameworks.quality_of_life_rows()[0].label
    assert "Board members" in page.scoring_label.text()
    assert "(1 of 3)" in page.scoring_label.text()
    # Rows are shown section by section, as in the seed's table.
    assert [r.section for r in grid.rows] == sorted(
        (r.section for r in grid.rows), key=["quality-of-life", "governance"].index)


def test_coming_back_to_the_step_selects_the_first_row_and_group_again(qtbot, window, store):
    _, page = open_grid(qtbot, window, store)
    press(qtbot, Key.Key_Down, Key.Key_Down, Key.Key_Right)
    assert (page.grid.current_row, page.grid.current_group) == (2, 1)
    qtbot.keyClick(window, Key.Key_1, CTRL)
    qtbot.keyClick(window, Key.Key_4, CTRL)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.grid)
    assert (page.grid.current_row, page.grid.current_group) == (0, 0)


# --- keyboard scoring ------------------------------------------------------------------------

def test_keyboard_scores_a_whole_grid_for_several_groups(qtbot, window, store):
    session_id, page = open_grid(qtbot, window, store)
    grid = page.grid
    labels = [r.label for r in grid.rows]
    plan = {
        "Board members": [(i % 5) + 1 for i in range(len(labels))],
        "Tenants": [5 - (i % 5) for i in range(len(labels))],
        "Council officers": [3] * len(labels),
    }
    for n, (group, scores) in enumerate(plan.items()):
        if n:
            press(qtbot, Key.Key_Right)
            press(qtbot, *[Key.Key_Up] * (len(labels) - 1))
        assert grid.current_group_item().name == group and grid.current_row == 0
        for row, score in enumerate(scores):
            assert grid.current_row == row
            press(qtbot, DIGIT[score])
        # On the last row, the selection stays there.
        assert grid.current_row == len(labels) - 1
    expected = {(label, group): scores[i]
                for group, scores in plan.items() for i, label in enumerate(labels)}
    assert stored(store, session_id) == expected
    # And the grid shows each group in the cell of its score.
    for i, label in enumerate(labels):
        for score in range(1, 6):
            assert grid.shown_chips(i, score) == [
                g for g, _ in GROUPS if expected[(label, g)] == score]
    assert window.current_view().saved_label.text() == "✓ All changes saved"
    assert grid.accessibleDescription() == (
        f"Row “{labels[-1]}”; scoring Council officers; score 3")


def test_a_digit_replaces_an_earlier_score_and_delete_clears_it(qtbot, window, store):
    session_id, page = open_grid(qtbot, window, store)
    first = page.grid.rows[0].label
    press(qtbot, Key.Key_2)
    press(qtbot, Key.Key_Up, Key.Key_4)
    assert stored(store, session_id) == {(first, "Board members"): 4}
    press(qtbot, Key.Key_Up, Key.Key_Delete)
    assert stored(store, session_id) == {}
    assert page.grid.current_row == 0  # Delete does not move on
    assert page.grid.shown_chips(0, 4) == []
    # Delete where there is no score is no edit at all.
    count = window.current_view().document.undo_stack.count()
    press(qtbot, Key.Key_Delete)
    assert window.current_view().document.undo_stack.count() == count


def test_keypad_digits_and_shifted_digits_score_too(qtbot, window, store):
    session_id, page = open_grid(qtbot, window, store)
    rows = page.grid.rows
    qtbot.keyClick(page.grid, Key.Key_2, Qt.KeyboardModifier.KeypadModifier)
    qtbot.keyClick(page.grid, Key.Key_5, SHIFT)  # AZERTY keyboards need Shift for digits
    assert stored(store, session_id) == {(rows[0].label, "Board members"): 2,
                                         (rows[1].label, "Board members"): 5}


def test_left_and_right_choose_the_group_and_stop_at_the_ends(qtbot, window, store):
    _, page = open_grid(qtbot, window, store)
    press(qtbot, Key.Key_Left)
    assert page.grid.current_group == 0
    press(qtbot, Key.Key_Right, Key.Key_Right, Key.Key_Right)
    assert page.grid.current_group == 2
    assert "Council officers" in page.scoring_label.text()
    assert "(3 of 3)" in page.scoring_label.text()
    assert not page.next_group.isEnabled()
    press(qtbot, Key.Key_Left)
    assert page.grid.current_group_item().name == "Tenants"


def test_undo_and_redo_scores_with_the_standard_keys(qtbot, window, store):
    session_id, page = open_grid(qtbot, window, store)
    first, second = page.grid.rows[0].label, page.grid.rows[1].label
    press(qtbot, Key.Key_3, Key.Key_5)
    assert stored(store, session_id) == {(first, "Board members"): 3,
                                         (second, "Board members"): 5}
    press(qtbot, Key.Key_Z, modifier=CTRL)
    assert stored(store, session_id) == {(first, "Board members"): 3}
    assert page.grid.shown_chips(1, 5) == []
    press(qtbot, Key.Key_Z, modifier=CTRL)
    assert stored(store, session_id) == {}
    qtbot.keyClick(QApplication.focusWidget(), Key.Key_Z, CTRL | SHIFT)
    assert stored(store, session_id) == {(first, "Board members"): 3}
    assert page.grid.shown_chips(0, 3) == ["Board members"]
    press(qtbot, Key.Key_Y, modifier=CTRL)
    assert stored(store, session_id) == {(first, "Board members"): 3,
                                         (second, "Board members"): 5}


def test_clicking_a_cell_scores_the_selected_group_on_that_row(qtbot, window, store):
    session_id, page = open_grid(qtbot, window, store)
    grid = page.grid
    press(qtbot, Key.Key_Right)  # Tenants
    label = grid.rows[4].label
    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, pos=grid.cell_rect(4, 2).center())
    assert stored(store, session_id) == {(label, "Tenants"): 2}
    assert grid.current_row == 4  # the clicked row is selected; a click does not move on
    assert grid.shown_chips(4, 2) == ["Tenants"]
    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, pos=grid.cell_rect(4, 5).center())
    assert stored(store, session_id) == {(label, "Tenants"): 5}
    assert grid.shown_chips(4, 2) == [] and grid.shown_chips(4, 5) == ["Tenants"]
    assert QApplication.focusWidget() is grid


def test_a_score_that_cannot_be_saved_stays_shown_says_not_saved_and_is_retried(
        qtbot, window, store, monkeypatch):
    session_id, page = open_grid(qtbot, window, store)
    window.current_view().document.retry_timer.setInterval(100)

    def full(changeset):
        raise DiskFull("The disk is full: free some space, then try again.")

    monkeypatch.setattr(store, "apply", full)
    press(qtbot, Key.Key_4)
    assert page.grid.shown_chips(0, 4) == ["Board members"]  # the room still sees it
    assert stored(store, session_id) == {}  # but it is not on disk yet
    assert "NOT saved" in window.current_view().saved_label.text()
    assert "NOT SAVED" in window.message_bar.text()
    assert "The disk is full" in window.message_bar.text()
    monkeypatch.undo()  # space freed: the retry timer saves it
    qtbot.waitUntil(lambda: stored(store, session_id)
                    == {(page.grid.rows[0].label, "Board members"): 4}, timeout=10_000)
    assert window.current_view().saved_label.text() == "✓ All changes saved"
    assert window.current_view().saved_label.styleSheet() == "color: #1b6e2d;"


def test_scores_that_are_saved_leave_the_save_status_alone(qtbot, window, store):
    """Each edit says whether it was saved; while that does not change, the status is not
    styled again (that would lay out and repaint the window around it on every score)."""
    from PySide6.QtCore import QEvent, QObject

    open_grid(qtbot, window, store)
    label = window.current_view().saved_label
    restyled: list = []

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.StyleChange:
                restyled.append(event)
            return False

    label.installEventFilter(watcher := Watch())
    press(qtbot, Key.Key_4, Key.Key_2, Key.Key_5)
    assert label.text() == "✓ All changes saved"
    assert restyled == []
    label.removeEventFilter(watcher)


def test_a_session_with_no_groups_says_what_to_do(qtbot, window, store):
    session_id, page = open_grid(qtbot, window, store, workshop(groups=[]))
    assert page.no_groups.isVisible()
    press(qtbot, Key.Key_3)
    assert stored(store, session_id) == {}
    assert "stakeholder groups" in window.message_bar.text()


def test_an_empty_grid_does_not_break_the_keys(qtbot, window, store):
    session_id, page = open_grid(qtbot, window, store, workshop(rows=0))
    press(qtbot, Key.Key_Down, Key.Key_Up, Key.Key_3, Key.Key_Delete, Key.Key_Right)
    assert stored(store, session_id) == {}
    assert page.grid.current_row_item() is None


# --- gaps ------------------------------------------------------------------------------------

def test_gaps_are_flagged_in_words_and_listed_widest_first(qtbot, window, store, settings):
    session_id, page = open_grid(qtbot, window, store)
    grid = page.grid
    # Row 0: 1 and 5 (range 4). Row 1: 2 and 5 (range 3). Row 2: 3 and 4 (range 1).
    press(qtbot, Key.Key_1, Key.Key_2, Key.Key_3, Key.Key_Right, Key.Key_Up, Key.Key_Up,
          Key.Key_Up, Key.Key_5, Key.Key_5, Key.Key_4)
    assert grid.spread_text(0) == "⚠ GAP\nrange 4\n2 groups"
    assert grid.spread_text(1) == "⚠ GAP\nrange 3\n2 groups"
    assert grid.spread_text(2) == "range 1\n2 groups"
    assert grid.spread_text(3) == "not scored"
    gaps = [page.gaps.item(i).text() for i in range(page.gaps.count())]
    assert len(gaps) == 2
    assert gaps[0].startswith("⚠ range 4: " + grid.rows[0].label)
    assert gaps[1].startswith("⚠ range 3: " + grid.rows[1].label)
    # The threshold is the session's; raising it leaves only the widest gap.
    page.threshold.setValue(4)
    assert store.load(session_id).perception.gap_threshold == 4
    assert page.gaps.count() == 1 and grid.spread_text(1) == "range 3\n2 groups"
    page.threshold.setValue(1)
    assert page.gaps.count() == 3
    # Clicking a gap selects its row, with the keyboard back on the grid.
    page.gaps.itemClicked.emit(page.gaps.item(1))
    assert grid.current_row == 1 and QApplication.focusWidget() is grid


def test_a_row_with_one_score_shows_it_and_is_never_flagged(qtbot, window, store):
    _, page = open_grid(qtbot, window, store)
    page.threshold.setValue(1)
    press(qtbot, Key.Key_5)
    assert page.grid.spread_text(0) == "1 group"
    assert not page.grid.spreads[0].flagged


def test_the_session_threshold_is_shown_when_the_step_opens(qtbot, window, store):
    session = workshop()
    session.perception.gap_threshold = 2
    _, page = open_grid(qtbot, window, store, session)
    assert page.threshold.value() == 2 and page.grid.threshold == 2


def test_a_stale_per_user_threshold_setting_is_ignored(qtbot, store, settings):
    # An older version kept the threshold per user; the session's (default 3) wins.
    settings.qsettings.setValue("perception/gap_threshold", 1)
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    _, page = open_grid(qtbot, window, store)
    assert page.threshold.value() == 3 and page.grid.threshold == 3


def test_the_threshold_is_one_undo_step_and_the_gaps_follow(qtbot, window, store):
    session_id, page = open_grid(qtbot, window, store)
    grid = page.grid
    press(qtbot, Key.Key_1, Key.Key_Up, Key.Key_Right, Key.Key_3)  # row 0: range 2
    assert page.gaps.count() == 1 and "No row" in page.gaps.item(0).text()
    assert "3 or more" in page.gaps.item(0).text()
    page.threshold.setValue(2)
    assert store.load(session_id).perception.gap_threshold == 2
    assert page.gaps.item(0).text().startswith("⚠ range 2: " + grid.rows[0].label)
    assert window.current_view().document.undo_stack.undoText() == \
        "Flag rows whose scores differ by 2 or more"
    press(qtbot, Key.Key_Z, modifier=CTRL)
    assert store.load(session_id).perception.gap_threshold == 3
    assert page.threshold.value() == 3 and grid.threshold == 3
    assert not grid.spreads[0].flagged and "No row" in page.gaps.item(0).text()
    press(qtbot, Key.Key_Y, modifier=CTRL)
    assert store.load(session_id).perception.gap_threshold == 2
    assert page.threshold.value() == 2 and grid.spreads[0].flagged
    # The scores stayed where they were: the threshold was its own step.
    assert stored(store, session_id) == {(grid.rows[0].label, "Board members"): 1,
                                         (grid.rows[0].label, "Tenants"): 3}


# --- rows --------------------------------------------------------------------------------------

def test_insert_adds_a_row_after_the_selected_one_and_typing_names_it(qtbot, window, store):
    session_id, page = open_grid(qtbot, window, store)
    press(qtbot, Key.Key_Down)
    press(qtbot, Key.Key_Insert)
    assert QApplication.focusWidget() is page.label_edit
    assert page.grid.current_row == 2
    assert page.grid.current_row_item().label == "New perception row"
    page.label_edit.selectAll()
    qtbot.keyClicks(page.label_edit, "Transport to the estate")
    qtbot.keyClick(page.label_edit, Key.Key_Return)
    assert QApplication.focusWidget() is page.grid
    labels = [r.label for r in store.load(session_id).perception.rows]
    assert labels[2] == "Transport to the estate"
    assert page.grid.rows[2].label == "Transport to the estate"
    # Adding and naming it are two undo steps.
    press(qtbot, Key.Key_Z, modifier=CTRL)
    assert store.load(session_id).perception.rows[2].label == "New perception row"
    assert page.label_edit.text() == "New perception row"
    press(qtbot, Key.Key_Z, modifier=CTRL)
    assert "New perception row" not in [r.label for r in store.load(session_id).perception.rows]


def test_rename_with_f2_keeps_the_scores_and_refuses_a_duplicate(qtbot, window, store):
    session_id, page = open_grid(qtbot, window, store)
    press(qtbot, Key.Key_3, Key.Key_Up)
    press(qtbot, Key.Key_F2)
    assert QApplication.focusWidget() is page.label_edit
    qtbot.keyClicks(page.label_edit, "Housing quality")
    qtbot.keyClick(page.label_edit, Key.Key_Return)
    assert stored(store, session_id) == {("Housing quality", "Board members"): 3}
    # A name another row has is refused, and the field shows the stored name again.
    press(qtbot, Key.Key_F2)
    qtbot.keyClicks(page.label_edit, "Community safety")
    qtbot.keyClick(page.label_edit, Key.Key_Return)
    assert "already" in window.message_bar.text()
    assert page.label_edit.text() == "Housing quality"
    # Escape gives up typing.
    press(qtbot, Key.Key_F2)
    qtbot.keyClicks(page.label_edit, "Half typed")
    qtbot.keyClick(page.label_edit, Key.Key_Escape)
    assert QApplication.focusWidget() is page.grid
    assert store.load(session_id).perception.rows[0].label == "Housing quality"


def test_rows_move_within_and_between_sections(qtbot, window, store):
    session_id, page = open_grid(qtbot, window, store)
    grid = page.grid
    quality = [r.label for r in frameworks.quality_of_life_rows()]
    press(qtbot, Key.Key_Down)
    press(qtbot, Key.Key_Up, modifier=CTRL)
    assert [r.label for r in grid.rows][:2] == [quality[1], quality[0]]
    assert grid.current_row == 0 and grid.current_row_item().label == quality[1]
    # The last quality-of-life row moves down into the governance principles.
    press(qtbot, Key.Key_End)
    press(qtbot, *[Key.Key_Up] * 10)  # to the last quality-of-life row
    assert grid.current_row_item().label == quality[-1]
    press(qtbot, Key.Key_Down, modifier=CTRL)
    moved = grid.current_row_item()
    assert (moved.label, moved.section) == (quality[-1], "governance")
    assert grid.rows[len(quality) - 1].section == "governance"
    session = store.load(session_id)
    assert [r.label for r in session.perception.rows] == [r.label for r in grid.rows]
    # The section list moves it back, to the end of its old section.
    page.section_choice.setCurrentIndex(0)
    page.section_choice.activated.emit(0)
    assert grid.current_row_item().section == "quality-of-life"
    assert [r.label for r in grid.rows][:len(quality)] == [quality[1], quality[0]] + quality[2:]
    # One undo step each.
    press(qtbot, Key.Key_Z, modifier=CTRL)
    assert grid.rows[len(quality) - 1].label == quality[-1]
    assert grid.rows[len(quality) - 1].section == "governance"


def test_remove_takes_the_row_and_its_scores_and_undo_brings_both_back(qtbot, window, store):
    session_id, page = open_grid(qtbot, window, store)
    label = page.grid.rows[0].label
    press(qtbot, Key.Key_4, Key.Key_Up)
    press(qtbot, Key.Key_Delete, modifier=CTRL)
    assert label not in [r.label for r in store.load(session_id).perception.rows]
    assert stored(store, session_id) == {}
    assert page.grid.rows[0].label != label
    assert "Undo" in window.message_bar.text()
    press(qtbot, Key.Key_Z, modifier=CTRL)
    assert stored(store, session_id) == {(label, "Board members"): 4}
    assert page.grid.rows[0].label == label
    press(qtbot, Key.Key_Up)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert stored(store, session_id) == {}


def test_adding_the_principles_twice_adds_no_duplicates(qtbot, window, store):
    session = workshop(rows=0)
    session.perception.rows = [PerceptionRow("governance", "Transparency"),
                               PerceptionRow("governance", "Our own principle")]
    session_id, page = open_grid(qtbot, window, store, session)
    qtbot.mouseClick(page.principles_button, Qt.MouseButton.LeftButton)
    labels = [r.label for r in store.load(session_id).perception.rows]
    principles = [r.label for r in frameworks.principle_rows()]
    assert sorted(labels) == sorted(set(principles) | {"Our own principle"})
    assert labels[:2] == ["Transparency", "Our own principle"]
    qtbot.mouseClick(page.principles_button, Qt.MouseButton.LeftButton)
    assert [r.label for r in store.load(session_id).perception.rows] == labels
    assert "already has all" in window.message_bar.text()
    qtbot.mouseClick(page.quality_button, Qt.MouseButton.LeftButton)
    rows = store.load(session_id).perception.rows
    assert len(rows) == len(labels) + len(frameworks.quality_of_life_rows())
    assert [r.label for r in page.grid.rows][0] == frameworks.quality_of_life_rows()[0].label
    assert QApplication.focusWidget() is page.grid
    press(qtbot, Key.Key_Z, modifier=CTRL)
    assert len(store.load(session_id).perception.rows) == len(labels)


# --- reopening ----------------------------------------------------------------------------------

def test_reopening_finds_every_score(qtbot, window, store, settings):
    session_id, page = open_grid(qtbot, window, store)
    press(qtbot, Key.Key_1, Key.Key_2, Key.Key_3, Key.Key_Right, Key.Key_5, Key.Key_Up,
          Key.Key_Right, Key.Key_Up, Key.Key_Up, Key.Key_Up, Key.Key_4)
    before = stored(store, session_id)
    assert len(before) == 5
    window.close()
    again = MainWindow(store, settings)
    qtbot.addWidget(again)
    with qtbot.waitActive(again):
        again.show()
    assert again.open_session(session_id)
    qtbot.keyClick(again, Key.Key_4, CTRL)
    grid = again.current_view().page(4).grid
    assert stored(store, session_id) == before
    shown = {(grid.rows[i].label, name): score
             for i in range(len(grid.rows)) for score in range(1, 6)
             for name in grid.shown_chips(i, score)}
    assert shown == before


def test_the_demo_looks_like_the_seeds_table(qtbot, window, store):
    window.open_demo()
    qtbot.keyClick(window, Key.Key_4, CTRL)
    grid = window.current_view().page(4).grid
    assert [grid.shown_chips(0, s) for s in range(1, 6)] == [
        ["Carrick Housing Staff"], ["Board members"], ["Voluntary groups"],
        ["Carrick District officers"], ["Public officials"]]
    labels = [r.label for r in grid.rows]
    assert labels.index("Education and Training") < labels.index("Transparency")
    session = window.current_view().document.session
    assert [s.flagged for s in grid.spreads] == [s.flagged for s in row_spreads(session)]


# --- speed ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("rows,groups", [(30, 12)])
def test_a_score_repaints_quickly_in_a_large_session(qtbot, window, store, rows, groups):
    names = [(f"Stakeholder group number {n}", None) for n in range(1, groups + 1)]
    session_id, page = open_grid(qtbot, window, store, workshop(rows=rows, groups=names))
    grid = page.grid
    for n in range(groups):  # fill most of the grid first
        grid.select(row=0, group=n)
        for row in range(rows - 1):
            grid.give_score((row + n) % 5 + 1)
    grid.select(row=0, group=0)
    started = time.perf_counter()
    for row in range(10):
        press(qtbot, DIGIT[(row % 5) + 1])
        grid.repaint()
    per_score = (time.perf_counter() - started) / 10
    print(f"{per_score * 1000:.1f} ms per score and repaint")
    assert len(stored(store, session_id)) == groups * (rows - 1)
    assert per_score < 0.25, f"{per_score * 1000:.0f} ms per score"


def test_the_group_menu_jumps_to_any_group_and_says_how_far_each_has_got(
        qtbot, window, store):
    _, page = open_grid(qtbot, window, store)
    press(qtbot, Key.Key_3, Key.Key_4)
    page.group_menu.aboutToShow.emit()
    actions = page.group_menu.actions()
    rows = len(page.grid.rows)
    assert [a.text() for a in actions] == [
        f"Board members  (2 of {rows} rows scored)", f"Tenants  (0 of {rows} rows scored)",
        f"Council officers  (0 of {rows} rows scored)"]
    assert actions[0].isChecked()
    actions[2].trigger()
    assert page.grid.current_group_item().name == "Council officers"
    assert QApplication.focusWidget() is page.grid
    assert page.group_progress.text() == f"Council officers has scored 0 of {rows} rows"
