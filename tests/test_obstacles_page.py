"""The Obstacles step driven the way a facilitator does: keys on the list, clicks on
the buttons, typing in the detail panel; then what was stored, and what is shown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.exercises.obstacles.obstacle_list import (
    BY_FACTOR,
    PRIORITY,
    FactorHeading,
    ObstacleListModel,
)
from gui.exercises.obstacles.page import ObstaclesPage
from gui.main_window import MainWindow
from model import frameworks
from model.exercises.obstacles import priority_order, rating_text
from model.starting_points import new_session

CTRL = Qt.KeyboardModifier.ControlModifier
BOX1 = [o.text for o in frameworks.library_obstacles("box1")]


@pytest.fixture
def session_id(store):
    return store.add_session(new_session("Board review"))


def open_obstacles(qtbot, window, session_id) -> ObstaclesPage:
    """Open the session and press Ctrl+2, as the facilitator does."""
    assert window.open_session(session_id)
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    page = window.current_view().page(2)
    assert isinstance(page, ObstaclesPage)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.table)
    return page


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier, text=""):
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, modifier)


def shown(page: ObstaclesPage, column: int) -> list[str]:
    model = page.model
    return [model.index(r, column).data() for r in model.obstacle_rows()]


def type_agreed_action(qtbot, page: ObstaclesPage) -> dict:
    """Type each field of the selected obstacle's agreed action, then go back to the
    list; the fields."""
    fields = page.detail.action_fields
    for name, value in (("text", "Invite the PCT director"), ("owner", "Board chair"),
                        ("due", "2027-01-15")):
        fields[name].setFocus()
        qtbot.keyClicks(fields[name], value)
    page.table.setFocus()
    return fields


def selected_text(page: ObstaclesPage) -> str:
    obstacle = page.selected()
    assert obstacle is not None
    return obstacle.text


# --- the keyboard contract ----------------------------------------------------------------

def test_keyboard_only_rating_of_all_eleven(qtbot, window, store, session_id):
    page = open_obstacles(qtbot, window, session_id)
    assert selected_text(page) == BOX1[0]  # first obstacle selected at once
    ratings = [3, 2, 1, 0, 3, 2, 1, 0, 1, 2, 3]
    keys = {0: Qt.Key.Key_0, 1: Qt.Key.Key_1, 2: Qt.Key.Key_2, 3: Qt.Key.Key_3}
    for i, rating in enumerate(ratings):
        press(qtbot, keys[rating])
        assert selected_text(page) == BOX1[i]  # the selection stays on the rated one
        press(qtbot, Qt.Key.Key_Down)
    assert selected_text(page) == BOX1[-1]  # Down at the end stays on the last

    stored = store.load(session_id).obstacles
    assert [o.text for o in stored] == BOX1
    assert [o.rating for o in stored] == ratings
    assert shown(page, ObstacleListModel.RATING) == [rating_text(r) for r in ratings]
    counts = {r: label.text() for r, label in page.summary.count_labels.items()}
    assert counts == {3: "3", 2: "3", 1: "3", 0: "2", None: "0"}

    # Up goes back in list order; Delete clears the rating
    press(qtbot, Qt.Key.Key_Up)
    assert selected_text(page) == BOX1[9]
    press(qtbot, Qt.Key.Key_Delete)
    assert store.load(session_id).obstacles[9].rating is None
    assert shown(page, ObstacleListModel.RATING)[9] == "not rated"
    assert page.summary.count_labels[None].text() == "1"


def test_votes_with_plus_and_minus_never_below_zero(qtbot, window, store, session_id):
    page = open_obstacles(qtbot, window, session_id)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Plus, Qt.KeyboardModifier.ShiftModifier)
    press(qtbot, Qt.Key.Key_Equal)  # the same key without Shift
    press(qtbot, Qt.Key.Key_Plus, Qt.KeyboardModifier.KeypadModifier)
    assert store.load(session_id).obstacles[1].votes == 3
    assert shown(page, ObstacleListModel.VOTES)[1] == "3"
    assert page.detail.votes.text() == "3 votes"
    assert "Votes cast: <b>3</b>" in page.summary.votes_label.text()
    for _ in range(5):
        press(qtbot, Qt.Key.Key_Minus)
    assert store.load(session_id).obstacles[1].votes == 0
    assert shown(page, ObstacleListModel.VOTES)[1] == "0"
    # the vote buttons do the same, on the selected obstacle
    qtbot.mouseClick(page.detail.vote_buttons[1], Qt.MouseButton.LeftButton)
    assert store.load(session_id).obstacles[1].votes == 1
    assert QApplication.focusWidget() is page.table  # a click leaves the keys working


def test_clicking_a_rating_button_rates_the_selected_obstacle(qtbot, window, store, session_id):
    page = open_obstacles(qtbot, window, session_id)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    qtbot.mouseClick(page.detail.rating_buttons[2], Qt.MouseButton.LeftButton)
    assert store.load(session_id).obstacles[2].rating == 2
    assert page.detail.rating_buttons[2].isChecked()
    assert not page.detail.rating_buttons[None].isChecked()
    qtbot.mouseClick(page.detail.rating_buttons[None], Qt.MouseButton.LeftButton)
    assert store.load(session_id).obstacles[2].rating is None
    assert page.detail.rating_buttons[None].isChecked()


# --- notes and the agreed action ----------------------------------------------------------

def test_notes_typed_are_saved_and_follow_the_selection(qtbot, window, store, session_id):
    page = open_obstacles(qtbot, window, session_id)
    notes = page.detail.notes
    notes.setFocus()
    qtbot.keyClicks(notes, "Health partners absent since spring")
    qtbot.waitUntil(lambda: store.load(session_id).obstacles[0].notes
                    == "Health partners absent since spring")
    # More typing, then straight to the next obstacle with the mouse: nothing is lost.
    qtbot.keyClicks(notes, "; police too")
    rect = page.table.visualRect(page.model.index(1, ObstacleListModel.TEXT))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert selected_text(page) == BOX1[1]
    assert store.load(session_id).obstacles[0].notes == \
        "Health partners absent since spring; police too"
    assert notes.toPlainText() == ""
    assert shown(page, ObstacleListModel.MARKS)[0] == "notes"
    # typing on the second obstacle goes to the second obstacle
    notes.setFocus()
    qtbot.keyClicks(notes, "Targets set nationally")
    page.table.setFocus()
    stored = store.load(session_id).obstacles
    assert (stored[0].notes, stored[1].notes) == (
        "Health partners absent since spring; police too", "Targets set nationally")
    press(qtbot, Qt.Key.Key_Up)
    assert notes.toPlainText() == "Health partners absent since spring; police too"
    # one undo takes back the second obstacle's notes as one step
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert store.load(session_id).obstacles[1].notes == ""


def test_an_agreed_action_is_in_the_actions_list(qtbot, window, store, session_id):
    page = open_obstacles(qtbot, window, session_id)
    for _ in range(4):
        press(qtbot, Qt.Key.Key_Down)
    obstacle = page.selected()
    fields = type_agreed_action(qtbot, page)
    actions = store.load(session_id).actions
    assert [(a.text, a.owner, a.due, a.obstacle_id) for a in actions] == [
        ("Invite the PCT director", "Board chair", "2027-01-15", obstacle.id)]
    assert store.load(session_id).obstacles[4].action == "Invite the PCT director"
    assert shown(page, ObstacleListModel.MARKS)[4] == "action"
    # a due date that is not a date is refused with a message, and stays on screen
    # (outlined) to be put right
    fields["due"].setFocus()
    fields["due"].selectAll()
    qtbot.keyClicks(fields["due"], "next week")
    page.table.setFocus()
    assert store.load(session_id).actions[0].due == "2027-01-15"
    assert fields["due"].text() == "next week" and fields["due"].styleSheet()
    assert "not a date" in window.message_bar.text()
    # the other obstacles have no action
    press(qtbot, Qt.Key.Key_Down)
    assert fields["text"].text() == "" and fields["owner"].text() == ""
    assert fields["due"].text() == "" and not fields["due"].styleSheet()


# --- the partnership's own obstacles, the second library, hiding ------------------------

def test_own_obstacle_added_rated_reworded_moved_and_removed(qtbot, window, store, session_id):
    page = open_obstacles(qtbot, window, session_id)
    press(qtbot, Qt.Key.Key_Insert)
    assert QApplication.focusWidget() is page.new_text
    qtbot.keyClicks(page.new_text, "Housing data not shared")
    qtbot.keyClick(page.new_text, Qt.Key.Key_Return)
    stored = store.load(session_id).obstacles
    assert (stored[-1].text, stored[-1].library) == ("Housing data not shared", "custom")
    assert QApplication.focusWidget() is page.table
    assert selected_text(page) == "Housing data not shared"
    press(qtbot, Qt.Key.Key_2)
    assert store.load(session_id).obstacles[-1].rating == 2

    press(qtbot, Qt.Key.Key_F2)
    assert QApplication.focusWidget() is page.detail.wording
    qtbot.keyClicks(page.detail.wording, "Housing and health data not shared")
    page.table.setFocus()
    assert store.load(session_id).obstacles[-1].text == "Housing and health data not shared"
    assert shown(page, ObstacleListModel.TEXT)[-1] == "Housing and health data not shared"

    press(qtbot, Qt.Key.Key_Up, CTRL)
    assert store.load(session_id).obstacles[-2].text == "Housing and health data not shared"
    assert shown(page, ObstacleListModel.TEXT)[-2] == "Housing and health data not shared"
    assert selected_text(page) == "Housing and health data not shared"

    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert [o.text for o in store.load(session_id).obstacles] == BOX1
    assert shown(page, ObstacleListModel.TEXT) == BOX1


def test_box1_wording_cannot_be_edited(qtbot, window, store, session_id):
    page = open_obstacles(qtbot, window, session_id)
    assert page.detail.wording.isReadOnly()
    assert not page.edit_button.isEnabled()
    press(qtbot, Qt.Key.Key_F2)
    assert "cannot be changed" in window.message_bar.text()
    assert QApplication.focusWidget() is page.table


def test_difficulties_library_added_once(qtbot, window, store, session_id):
    page = open_obstacles(qtbot, window, session_id)
    qtbot.mouseClick(page.library_button, Qt.MouseButton.LeftButton)
    difficulties = [o.text for o in frameworks.library_obstacles("difficulties")]
    stored = store.load(session_id).obstacles
    assert [o.text for o in stored] == BOX1 + difficulties
    assert shown(page, ObstacleListModel.TEXT) == BOX1 + difficulties
    assert selected_text(page) == difficulties[0]
    qtbot.mouseClick(page.library_button, Qt.MouseButton.LeftButton)
    assert len(store.load(session_id).obstacles) == 21
    assert "already on the list" in window.message_bar.text()
    # one undo takes the whole library back out
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert [o.text for o in store.load(session_id).obstacles] == BOX1
    assert shown(page, ObstacleListModel.TEXT) == BOX1


def test_hide_a_box1_obstacle_and_show_it_again(qtbot, window, store, session_id):
    page = open_obstacles(qtbot, window, session_id)
    press(qtbot, Qt.Key.Key_3)
    assert page.remove_button.text() == "Hide"
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert store.load(session_id).obstacles[0].hidden
    assert shown(page, ObstacleListModel.TEXT) == BOX1[1:]
    assert selected_text(page) == BOX1[1]  # the next one takes its place
    assert page.summary.count_labels[3].text() == "0"
    page._fill_hidden_menu()
    show = [a for a in page.hidden_menu.actions() if BOX1[0] in a.text()]
    assert len(show) == 1
    show[0].trigger()
    assert not store.load(session_id).obstacles[0].hidden
    assert shown(page, ObstacleListModel.TEXT) == BOX1
    assert store.load(session_id).obstacles[0].rating == 3  # kept while hidden


# --- views --------------------------------------------------------------------------------

def test_priority_view_orders_by_rating_then_votes(qtbot, window, store, session_id):
    page = open_obstacles(qtbot, window, session_id)
    for keys in ([Qt.Key.Key_1], [Qt.Key.Key_3], [Qt.Key.Key_3, Qt.Key.Key_Equal],
                 [Qt.Key.Key_0, Qt.Key.Key_Equal, Qt.Key.Key_Equal], [Qt.Key.Key_2]):
        for key in keys:
            press(qtbot, key)
        press(qtbot, Qt.Key.Key_Down)
    qtbot.mouseClick(page.view_buttons[PRIORITY], Qt.MouseButton.LeftButton)
    expected = [o.text for o in priority_order(store.load(session_id).obstacles)]
    assert shown(page, ObstacleListModel.TEXT) == expected
    assert expected[:5] == [BOX1[2], BOX1[1], BOX1[4], BOX1[0], BOX1[3]]
    assert QApplication.focusWidget() is page.table
    # the selection stayed on the obstacle it was on; Up/Down follow the order shown
    assert selected_text(page) == BOX1[5]
    page.focus_main()
    assert selected_text(page) == BOX1[2]
    press(qtbot, Qt.Key.Key_Down)
    assert selected_text(page) == BOX1[1]
    press(qtbot, Qt.Key.Key_0)  # rated down: it moves, the selection goes with it
    assert selected_text(page) == BOX1[1]
    assert shown(page, ObstacleListModel.TEXT).index(BOX1[1]) == 4
    assert not page.up_button.isEnabled()  # moving is done in list order
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.model.mode == "list")  # a button's shortcut clicks it, animated
    assert shown(page, ObstacleListModel.TEXT) == BOX1
    assert selected_text(page) == BOX1[1] and QApplication.focusWidget() is page.table


def test_grouped_view_has_factor_headings_the_keys_skip(qtbot, window, store, session_id):
    page = open_obstacles(qtbot, window, session_id)
    qtbot.mouseClick(page.view_buttons[BY_FACTOR], Qt.MouseButton.LeftButton)
    model = page.model
    headings = [model.index(r, 0).data() for r in model.heading_rows()]
    # The grouping is the app's (Box 1 is a flat list): each heading says so.
    assert headings == [f"{h} · the app's grouping" for h in (
        "Justification (1 obstacle)", "Governance and teams (6 obstacles)",
        "Performance (4 obstacles)")]
    assert isinstance(model._rows[0], FactorHeading)
    page.focus_main()
    assert selected_text(page) == BOX1[0]
    press(qtbot, Qt.Key.Key_Down)  # over the "Governance and teams" heading
    assert selected_text(page) == BOX1[3]
    press(qtbot, Qt.Key.Key_2)
    assert store.load(session_id).obstacles[3].rating == 2
    # filing an obstacle under another factor moves it to that group
    page.detail.factor.setCurrentIndex(page.detail.factor.findData("performance"))
    page.detail.factor.activated.emit(page.detail.factor.currentIndex())
    assert store.load(session_id).obstacles[3].factor == "performance"
    assert selected_text(page) == BOX1[3]
    assert model.index(model.heading_rows()[2], 0).data() == \
        "Performance (5 obstacles) · the app's grouping"


# --- undo, redo, reopening ------------------------------------------------------------

def test_undo_and_redo_a_rating_and_a_vote(qtbot, window, store, session_id):
    page = open_obstacles(qtbot, window, session_id)
    press(qtbot, Qt.Key.Key_3)
    press(qtbot, Qt.Key.Key_Plus)
    assert (store.load(session_id).obstacles[0].rating,
            store.load(session_id).obstacles[0].votes) == (3, 1)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert store.load(session_id).obstacles[0].votes == 0
    assert shown(page, ObstacleListModel.VOTES)[0] == "0"
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert store.load(session_id).obstacles[0].rating is None
    assert shown(page, ObstacleListModel.RATING)[0] == "not rated"
    assert not page.detail.rating_buttons[3].isChecked()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert store.load(session_id).obstacles[0].rating == 3
    assert shown(page, ObstacleListModel.RATING)[0] == "3 critical"
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert store.load(session_id).obstacles[0].votes == 1
    assert shown(page, ObstacleListModel.VOTES)[0] == "1"
    assert QApplication.focusWidget() is page.table  # the keys still work
    press(qtbot, Qt.Key.Key_Minus)
    assert store.load(session_id).obstacles[0].votes == 0


def test_everything_is_there_after_closing_and_reopening(qtbot, window, store, settings,
                                                         session_id):
    page = open_obstacles(qtbot, window, session_id)
    press(qtbot, Qt.Key.Key_2)
    press(qtbot, Qt.Key.Key_Plus)
    press(qtbot, Qt.Key.Key_Plus)
    page.detail.notes.setFocus()
    qtbot.keyClicks(page.detail.notes, "Two visions")
    page.detail.action_fields["text"].setFocus()
    qtbot.keyClicks(page.detail.action_fields["text"], "Vision day in March")
    page.detail.action_fields["owner"].setFocus()
    qtbot.keyClicks(page.detail.action_fields["owner"], "Chair")  # still typing at close
    qtbot.mouseClick(page.library_button, Qt.MouseButton.LeftButton)
    page.new_text.setFocus()
    qtbot.keyClicks(page.new_text, "Our own: too many meetings")
    qtbot.keyClick(page.new_text, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_3)
    window.close()

    again = MainWindow(store, settings)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    again.windowHandle().requestActivate()  # as a newly started app's window is
    qtbot.waitUntil(lambda: QApplication.activeWindow() is again)
    page = open_obstacles(qtbot, again, session_id)
    stored = store.load(session_id)
    first = stored.obstacles[0]
    assert (first.rating, first.votes, first.notes, first.action) == (
        2, 2, "Two visions", "Vision day in March")
    assert [(a.text, a.owner, a.obstacle_id) for a in stored.actions] == [
        ("Vision day in March", "Chair", first.id)]
    assert len(stored.obstacles) == 22
    assert (stored.obstacles[-1].text, stored.obstacles[-1].rating) == (
        "Our own: too many meetings", 3)
    assert shown(page, ObstacleListModel.TEXT)[-1] == "Our own: too many meetings"
    assert shown(page, ObstacleListModel.RATING)[0] == "2 significant"
    assert shown(page, ObstacleListModel.VOTES)[0] == "2"
    assert shown(page, ObstacleListModel.MARKS)[0] == "notes\naction"
    assert page.detail.notes.toPlainText() == "Two visions"
    assert page.detail.action_fields["owner"].text() == "Chair"
    assert [label.text() for label in page.summary.count_labels.values()] == [
        "1", "1", "0", "0", "20"]
    assert page.summary.top_texts()[0] == "1. Our own: too many meetings (3 critical, 0 votes)"


def test_demo_session_page_shows_its_ratings(qtbot, window, store):
    window.open_demo()
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    page = window.current_view().page(2)
    demo = store.load(window.current_session_id())
    assert shown(page, ObstacleListModel.RATING) == [rating_text(o.rating)
                                                     for o in demo.obstacles]
    assert page.summary.top_texts() == [
        "1. absent partners / poor level of engagement among partners (3 critical, 5 votes)",
        "2. poor governance, including lack of clarity around accountability and "
        "responsibility (3 critical, 4 votes)",
        "3. lack of a shared vision of and for the community (2 significant, 3 votes)"]
    assert page.table.font().pointSize() >= 14


def test_typing_pending_when_the_selection_moves_is_saved_to_its_obstacle(
        qtbot, window, store, session_id):
    page = open_obstacles(qtbot, window, session_id)
    press(qtbot, Qt.Key.Key_Down)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)  # hide the second
    press(qtbot, Qt.Key.Key_Up)
    page.detail.notes.setFocus()
    qtbot.keyClicks(page.detail.notes, "Typed just now")
    page._fill_hidden_menu()  # the menu's "Show" selects the obstacle it shows
    next(a for a in page.hidden_menu.actions() if BOX1[1][:40] in a.text()).trigger()
    assert selected_text(page) == BOX1[1]
    stored = store.load(session_id).obstacles
    assert (stored[0].notes, stored[1].notes) == ("Typed just now", "")
    assert page.detail.notes.toPlainText() == ""


def test_removing_an_own_obstacle_with_notes_says_nothing_odd(qtbot, window, store, session_id):
    page = open_obstacles(qtbot, window, session_id)
    page.new_text.setFocus()
    qtbot.keyClicks(page.new_text, "Too many boards")
    qtbot.keyClick(page.new_text, Qt.Key.Key_Return)
    page.detail.notes.setFocus()
    qtbot.keyClicks(page.detail.notes, "Seven boards for one estate")
    page.table.setFocus()
    assert store.load(session_id).obstacles[-1].notes == "Seven boards for one estate"
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert [o.text for o in store.load(session_id).obstacles] == BOX1
    assert selected_text(page) == BOX1[-1]
    assert page.detail.notes.toPlainText() == ""
    assert not window.message_bar.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # back, with its notes
    assert store.load(session_id).obstacles[-1].notes == "Seven boards for one estate"
    assert window.message_bar.text().startswith("Undone: ")  # that, and nothing else


def test_escape_from_the_texts_hands_the_keys_back_to_the_list(qtbot, window, store,
                                                               session_id):
    """Esc from notes or the action's fields, Enter from the action's fields, return to the
    list: the rating key pressed next rates, and is not typed into the text."""
    page = open_obstacles(qtbot, window, session_id)
    fields = [(page.detail.notes, Qt.Key.Key_Escape),
              (page.detail.action_fields["owner"], Qt.Key.Key_Escape),
              (page.detail.action_fields["text"], Qt.Key.Key_Return)]
    for rating, (field, key) in enumerate(fields, start=1):
        field.setFocus()
        qtbot.keyClicks(field, "Typed")
        qtbot.keyClick(field, key)
        assert QApplication.focusWidget() is page.table
        press(qtbot, getattr(Qt.Key, f"Key_{rating}"))
        stored = store.load(session_id).obstacles[0]
        assert stored.rating == rating
        assert "Typed" + str(rating) not in (stored.notes, stored.action)


def test_each_field_of_an_agreed_action_is_its_own_undo_step(qtbot, window, store,
                                                              session_id):
    page = open_obstacles(qtbot, window, session_id)
    type_agreed_action(qtbot, page)
    undone = []
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
        actions = store.load(session_id).actions
        undone.append((actions[0].text, actions[0].owner, actions[0].due) if actions
                      else None)
    assert undone == [("Invite the PCT director", "Board chair", None),
                      ("Invite the PCT director", "", None), None]
