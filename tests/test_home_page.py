"""The sessions home, driven as a facilitator would."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.main_window import MainWindow
from model.demo import demo_session
from model.starting_points import new_session

CTRL = Qt.KeyboardModifier.ControlModifier


def titles(window: MainWindow) -> list[str]:
    model = window.home.filter
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_new_session_opens_on_setup_with_the_title_ready_to_type(qtbot, window, store):
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    title = window.current_view().page(1).fields["title"]
    assert QApplication.focusWidget() is title and title.selectedText() == title.text()
    qtbot.keyClicks(title, "Leeds Children's Trust <review> & plan")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    session = store.load(window.current_session_id())
    assert session.title == "Leeds Children's Trust <review> & plan"
    assert len(session.obstacles) == 11 and len(session.perception.rows) == 16
    assert window.windowTitle().startswith("Leeds Children's Trust <review> & plan")
    qtbot.keyClick(window, Qt.Key.Key_W, CTRL)
    assert window.stack.currentWidget() is window.home
    assert "Leeds Children's Trust <review> & plan" in titles(window)


def test_search_filters_by_title_partnership_or_date(qtbot, window, store):
    store.add_session(demo_session())
    other = new_session("Youth offending review")
    other.partnership = "Northshire YOT"
    store.add_session(other)
    window.home.refresh()
    qtbot.keyClicks(window.home.search, "carrick")
    assert titles(window) == ["Carrick Housing: governance test"]
    window.home.search.clear()
    qtbot.keyClicks(window.home.search, "northshire")
    assert titles(window) == ["Youth offending review"]
    window.home.search.setText("2009 dec")
    assert titles(window) == ["Carrick Housing: governance test"]
    store.add_session(new_session("Łódź partnership review"))
    window.home.refresh()
    window.home.search.setText("LODZ")  # no case, no accents
    assert titles(window) == ["Łódź partnership review"]


def test_open_demo_creates_it_once_and_opens_it(qtbot, window, store):
    window.actions.open_demo.trigger()
    first = window.current_session_id()
    assert store.load(first).partnership == "Carrick Housing"
    window.show_home()
    window.actions.open_demo.trigger()
    assert window.current_session_id() == first
    assert len(store.list_sessions()) == 1


def test_duplicate_for_a_rerun(qtbot, window, store):
    source = store.add_session(demo_session())
    window.home.refresh(select=source)
    qtbot.keyClick(window.home.table, Qt.Key.Key_D, CTRL)
    sessions = store.list_sessions()
    assert len(sessions) == 2
    copy = next(s for s in sessions if s.id != source)
    assert copy.title == "Carrick Housing: governance test (re-run)"
    assert store.load(copy.id).perception.scores == []


def test_delete_is_confirmed_and_undoable(qtbot, window, store, dialogs):
    session_id = store.add_session(new_session("To delete"))
    window.home.refresh(select=session_id)
    window.home.focus_main()
    dialogs.answers["confirm"] = False
    qtbot.keyClick(window.home.table, Qt.Key.Key_Delete)
    assert store.exists(session_id)
    dialogs.answers["confirm"] = True
    qtbot.keyClick(window.home.table, Qt.Key.Key_Delete)
    assert not store.exists(session_id) and titles(window) == []
    assert "Ctrl+Z" in window.message_bar.text()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert store.exists(session_id) and titles(window) == ["To delete"]
    assert window.message_bar.text() == "Brought back “To delete”."


def test_import_and_export_session_files(qtbot, window, store, dialogs, tmp_path: Path):
    source = tmp_path / "in.json"
    source.write_text(json.dumps({"format": "partnership-workshop-session", "version": 1,
                                  "session": {"title": "Imported ŵ ł"}}, ensure_ascii=False),
                      encoding="utf-8")
    dialogs.answers["open_file"] = source
    window.actions.import_file.trigger()
    assert titles(window) == ["Imported ŵ ł"]
    out = tmp_path / "out.json"
    dialogs.answers["save_file"] = out
    window.actions.export_file.trigger()
    assert dialogs.calls[-1][1][1] == "Imported ŵ ł.json"  # the suggested file name
    assert json.loads(out.read_text(encoding="utf-8"))["session"]["title"] == "Imported ŵ ł"


def test_a_malformed_import_is_refused_and_adds_nothing(qtbot, window, store, dialogs,
                                                         tmp_path: Path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "partnership-workshop-session", "version": 1, "session": {}}')
    dialogs.answers["open_file"] = bad
    window.actions.import_file.trigger()
    name, args = dialogs.calls[-1]
    assert name == "error" and "session.title" in args[1] and str(bad) in args[1]
    assert store.list_sessions() == []


def test_last_session_and_geometry_are_remembered(qtbot, store, settings):
    session_id = store.add_session(new_session("Remember me"))
    first = MainWindow(store, settings)
    qtbot.addWidget(first)
    first.open_session(session_id)
    first.show_step(1)
    first.close()
    assert settings.last_session == session_id and settings.reopen_last
    assert settings.last_step == 1
    assert not settings.window_geometry.isEmpty()


def test_search_says_when_nothing_matches_and_hands_over_to_the_list(qtbot, window, store):
    store.add_session(new_session("Łódź & Kraków review"))
    window.home.refresh()
    window.show()
    search = window.home.search
    search.setFocus()
    qtbot.keyClicks(search, "nothing like it")
    assert window.home.empty_hint.isVisible()
    assert "No session matches “nothing like it”" in window.home.empty_hint.text()
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert search.text() == "" and not window.home.empty_hint.isVisible()
    qtbot.keyClicks(search, "lodz")
    qtbot.keyClick(search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is window.home.table
    assert window.home.selected().title == "Łódź & Kraków review"
