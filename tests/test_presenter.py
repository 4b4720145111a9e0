"""The presenter view: a second window that follows the laptop's grid live, in large type,
and keeps the scores hidden until the facilitator reveals them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.exercises.perception.presenter import PresenterWindow
from model import frameworks
from model.session import Group, Perception, Score, Session
from tests.test_perception_page import CTRL, Key, open_grid, press, stored


def open_presenter(qtbot, window):
    qtbot.keyClick(QApplication.focusWidget(), Key.Key_F5)
    presenter = window.current_view().page(4).presenter
    assert isinstance(presenter, PresenterWindow)
    qtbot.waitUntil(presenter.isVisible)
    return presenter


def test_f5_opens_the_presenter_and_the_laptop_keeps_the_keyboard(qtbot, window, store):
    _, page = open_grid(qtbot, window, store)
    presenter = open_presenter(qtbot, window)
    assert presenter.isWindow() and presenter is not window
    assert page.presenter_button.isChecked()
    assert QApplication.focusWidget() is page.grid
    # Large type: the grid is drawn at the presenter size, shrunk at most to 60% to fit.
    assert presenter.grid.presenter
    assert presenter.grid._ensure_geometry().point_size >= 0.6 * 28 - 0.5
    # F5 again closes it; so does the View menu's action.
    qtbot.keyClick(QApplication.focusWidget(), Key.Key_F5)
    qtbot.waitUntil(lambda: not presenter.isVisible())
    assert not page.presenter_button.isChecked()
    window.actions.presenter.trigger()
    qtbot.waitUntil(presenter.isVisible)
    assert window.current_view().page(4).presenter is presenter


def test_escape_closes_the_presenter(qtbot, window, store):
    open_grid(qtbot, window, store)
    presenter = open_presenter(qtbot, window)
    qtbot.keyClick(presenter, Key.Key_Escape)
    qtbot.waitUntil(lambda: not presenter.isVisible())


def test_the_presenter_action_closes_the_presenter_from_another_step(qtbot, window, store):
    """F5 presents the current step; the presenter left up from the grid is closed by
    F5 from any step (it never opens the grid's from another step: issue 15)."""
    _, page = open_grid(qtbot, window, store)
    presenter = open_presenter(qtbot, window)
    qtbot.keyClick(window, Key.Key_1, CTRL)
    window.actions.presenter.trigger()
    qtbot.waitUntil(lambda: not presenter.isVisible())
    assert window.current_view().current_step() == 1
    window.actions.presenter.trigger()
    assert not presenter.isVisible()
    assert "no presenter view" in window.message_bar.text()


def test_the_presenter_updates_live_on_each_score(qtbot, window, store):
    session_id, page = open_grid(qtbot, window, store)
    presenter = open_presenter(qtbot, window)
    first, second = page.grid.rows[0].label, page.grid.rows[1].label
    assert all(not names for names in presenter.chips().values())
    press(qtbot, Key.Key_2)
    assert presenter.chips()[(first, 2)] == ["Board members"]
    press(qtbot, Key.Key_Right, Key.Key_Up, Key.Key_4)
    assert presenter.chips()[(first, 4)] == ["Tenants"]
    assert presenter.counts()[first] == "range 2"
    # It follows the laptop's selection and shows who is scoring.
    assert presenter.grid.current_row == 1 and presenter.grid.current_group == 1
    assert "Tenants" in presenter.status.text()
    # A threshold change on the laptop flags the row on the presenter too, and undoing
    # it (its own undo step) unflags it there.
    page.threshold.setValue(2)
    assert presenter.counts()[first] == "⚠ gap 2"
    press(qtbot, Key.Key_Z, modifier=CTRL)
    assert presenter.counts()[first] == "range 2"
    assert presenter.grid.threshold == 3 and page.threshold.value() == 3
    press(qtbot, Key.Key_Y, modifier=CTRL)
    assert presenter.counts()[first] == "⚠ gap 2"
    press(qtbot, Key.Key_Z, modifier=CTRL)
    press(qtbot, Key.Key_Z, modifier=CTRL)
    assert presenter.chips()[(first, 4)] == []
    assert stored(store, session_id) == {(first, "Board members"): 2}
    assert presenter.counts()[second] == ""


def test_hidden_scores_show_only_how_many_groups_scored_until_revealed(qtbot, window, store):
    session_id, page = open_grid(qtbot, window, store)
    presenter = open_presenter(qtbot, window)
    first = page.grid.rows[0].label
    qtbot.keyClick(QApplication.focusWidget(), Key.Key_H, CTRL)
    assert page.grid.scores_hidden and page.hidden_banner.isVisible()
    assert "Reveal" in page.hide_button.text()
    press(qtbot, Key.Key_1, Key.Key_Right, Key.Key_Up, Key.Key_5, Key.Key_Right, Key.Key_Up,
          Key.Key_3)
    assert len(stored(store, session_id)) == 3
    # The room sees no chips, only how many groups have scored each row...
    assert all(not names for names in presenter.chips().values())
    assert presenter.counts()[first] == "3 of 3"
    assert presenter.counts()[page.grid.rows[1].label] == "0 of 3"
    assert "hidden" in presenter.status.text()
    # ...while the laptop still shows the facilitator everything.
    assert page.grid.shown_chips(0, 1) == ["Board members"]
    assert page.grid.spread_text(0).startswith("⚠ GAP")
    # Revealing puts every chip on the presenter at once.
    qtbot.mouseClick(page.hide_button, Qt.MouseButton.LeftButton)
    assert not page.grid.scores_hidden
    chips = presenter.chips()
    assert (chips[(first, 1)], chips[(first, 3)], chips[(first, 5)]) == (
        ["Board members"], ["Council officers"], ["Tenants"])
    assert presenter.counts()[first] == "⚠ gap 4"


def test_hiding_before_the_presenter_opens_is_honoured(qtbot, window, store):
    _, page = open_grid(qtbot, window, store)
    press(qtbot, Key.Key_4)
    page.set_scores_hidden(True)
    presenter = open_presenter(qtbot, window)
    assert all(not names for names in presenter.chips().values())
    assert presenter.counts()[page.grid.rows[0].label] == "1 of 3"


def test_keys_pressed_on_the_presenter_still_score_on_the_laptop(qtbot, window, store):
    session_id, page = open_grid(qtbot, window, store)
    presenter = open_presenter(qtbot, window)
    qtbot.keyClick(presenter, Key.Key_4)
    qtbot.keyClick(presenter, Key.Key_Right)
    qtbot.keyClick(presenter, Key.Key_2)
    rows = page.grid.rows
    assert stored(store, session_id) == {(rows[0].label, "Board members"): 4,
                                         (rows[1].label, "Tenants"): 2}
    qtbot.keyClick(presenter, Key.Key_H, CTRL)
    assert page.grid.scores_hidden
    qtbot.keyClick(presenter, Key.Key_Z, CTRL)
    assert len(stored(store, session_id)) == 1


def test_the_type_size_is_a_setting_the_presenter_follows(qtbot, window, store, settings):
    _, page = open_grid(qtbot, window, store)
    presenter = open_presenter(qtbot, window)
    page.type_size.setValue(40)
    assert settings.presenter_font_size == 40
    assert presenter.grid.point_size == 40


def test_the_demo_on_the_presenter(qtbot, window, store):
    window.open_demo()
    qtbot.keyClick(window, Key.Key_4, CTRL)
    presenter = open_presenter(qtbot, window)
    assert presenter.chips()[("Community safety", 1)] == ["Young families"]
    assert presenter.counts()["Liveable Environment: quality of housing"] == "⚠ gap 4"
    assert "Carrick Housing" in presenter.headline.toolTip()


def test_the_presenter_keeps_the_laptops_selection_through_row_edits(qtbot, window, store):
    _, page = open_grid(qtbot, window, store)
    presenter = open_presenter(qtbot, window)
    press(qtbot, Key.Key_Down, Key.Key_Right)
    press(qtbot, Key.Key_Insert)
    qtbot.keyClicks(page.label_edit, "Added live")
    qtbot.keyClick(page.label_edit, Key.Key_Return)
    assert presenter.grid.current_row_item().label == "Added live"
    assert (presenter.grid.current_row, presenter.grid.current_group) == (2, 1)
    press(qtbot, Key.Key_Up, Key.Key_Up)
    press(qtbot, Key.Key_Delete, modifier=CTRL)
    assert presenter.grid.current_row_item().id == page.grid.current_row_item().id
    assert [r.label for r in presenter.grid.rows] == [r.label for r in page.grid.rows]


def test_going_back_to_the_sessions_closes_the_presenter(qtbot, window, store):
    _, page = open_grid(qtbot, window, store)
    presenter = open_presenter(qtbot, window)
    qtbot.keyClick(window, Key.Key_2, CTRL)  # another step (if there is one) keeps it up
    qtbot.keyClick(window, Key.Key_1, CTRL)
    assert presenter.isVisible()
    window.actions.close_session.trigger()
    qtbot.waitUntil(lambda: not presenter.isVisible())


def test_escape_in_the_main_window_closes_the_presenter(qtbot, window, store):
    """Help says Esc closes the presenter: the laptop keeps the keyboard, so it must work
    there, not only on the presenter window itself."""
    _, page = open_grid(qtbot, window, store)
    presenter = open_presenter(qtbot, window)
    assert QApplication.focusWidget() is page.grid
    press(qtbot, Key.Key_Escape)
    qtbot.waitUntil(lambda: not presenter.isVisible())
    assert not page.presenter_button.isChecked()
    # From another step too (the presenter stays up when the facilitator moves on).
    open_presenter(qtbot, window)
    qtbot.keyClick(window, Key.Key_2, CTRL)
    assert presenter.isVisible()
    press(qtbot, Key.Key_Escape)
    qtbot.waitUntil(lambda: not presenter.isVisible())


def test_f5_on_a_step_without_a_presenter_says_so(qtbot, window, store):
    _, page = open_grid(qtbot, window, store)
    qtbot.keyClick(window, Key.Key_3, CTRL)
    press(qtbot, Key.Key_F5)
    assert page.presenter is None or not page.presenter.isVisible()
    assert "no presenter view" in window.message_bar.text()
    assert window.current_view().current_step() == 3


def twelve_groups() -> Session:
    """Twelve groups, all of them scored on every row: the crowded case of issue 15."""
    names = ["Board members", "Tenants", "Council officers", "Housing staff",
             "Voluntary groups", "Young people", "Older people", "Businesses",
             "Health partners", "Police", "Faith groups", "Residents' associations"]
    colours = ["#4477aa", "#ee6677", "#228833", "#ccbb44", "#66ccee", "#aa3377",
               "#332288", "#88ccee", "#44aa99", "#117733", "#999933", "#882255"]
    groups = [Group(n, c) for n, c in zip(names, colours, strict=True)]
    rows = frameworks.default_perception_rows()
    scores = [Score(row.label, g.name, 1 + (i + j) % 5)
              for i, row in enumerate(rows) for j, g in enumerate(groups)]
    return Session(title="Twelve", groups=groups,
                   perception=Perception(rows=rows, scores=scores))


def test_twelve_groups_are_shown_a_page_of_whole_rows_at_a_time(qtbot, window, store):
    _, page = open_grid(qtbot, window, store, twelve_groups())
    presenter = open_presenter(qtbot, window)
    assert presenter.isFullScreen()  # one screen: the whole of it, not 90% of it
    presenter.resize(1280, 720)
    qtbot.waitUntil(lambda: presenter.scroll.viewport().height() > 500)
    # Legible from the back: never below 60% of the presenter's type size.
    assert presenter.grid._ensure_geometry().point_size >= 0.6 * 28 - 0.5
    total = len(page.grid.rows)
    first, last = presenter.rows_shown()
    assert first == 0 and last < total - 1  # not all fit: paged, and the room is told
    assert f"Rows 1–{last + 1} of {total}" in presenter.status.text()
    for row in range(1, total):
        before = presenter.rows_shown()
        press(qtbot, Key.Key_Down)
        assert page.grid.current_row == row
        first, last = presenter.rows_shown()
        assert first <= row <= last  # the row being scored is always shown whole
        if row > before[1]:  # a page turned: it starts with the row that did not fit
            assert first == row
        else:
            assert (first, last) == before  # no creeping a row at a time
        assert f"Rows {first + 1}–{last + 1} of {total}" in presenter.status.text()
    press(qtbot, Key.Key_Escape)
    qtbot.waitUntil(lambda: not presenter.isVisible())
