"""The gap threshold belongs to the session (issue 16): one undoable edit, stored,
carried by the session file and the CSV, and used by every PDF, so the window's PDF and
`export --pdf` of one session flag the same rows."""

from __future__ import annotations

import copy
import csv
import io
import re
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from model.csv_export import write_csv_folder
from model.demo import demo_session
from model.document import SessionDocument
from model.errors import EditRefused
from model.exercises.perception import flagged_rows, set_gap_threshold
from model.findings import finding_sections
from model.session_file import SessionFileError, session_from_dict, session_to_dict
from model.starting_points import copy_for_rerun
from model.store import SCHEMA_VERSION, Store
from tests.cli_runner import run
from tests.store_support import old_database
from tests.test_session_file import FULL, dumps

CTRL = Qt.KeyboardModifier.ControlModifier




def stored_threshold(store: Store, session_id: str) -> int:
    return store.load(session_id).perception.gap_threshold


# --- the edit ------------------------------------------------------------------------------

def test_a_new_session_has_the_default_threshold(doc: SessionDocument) -> None:
    assert doc.session.perception.gap_threshold == 3
    assert doc.store.session_row(doc.session_id)["gap_threshold"] == 3


def test_setting_the_threshold_is_one_edit_that_undoes_and_redoes(doc: SessionDocument):
    changeset = doc.commit(lambda e: set_gap_threshold(e, 2))
    assert changeset.label == "Flag rows whose scores differ by 2 or more"
    assert len(changeset.changes) == 1
    assert stored_threshold(doc.store, doc.session_id) == 2
    assert doc.session.perception.gap_threshold == 2
    flagged_at_2 = [s.row.label for s in flagged_rows(doc.session)]
    doc.store.apply(changeset.inverse())
    assert stored_threshold(doc.store, doc.session_id) == 3
    doc.store.apply(changeset)
    assert stored_threshold(doc.store, doc.session_id) == 2
    assert [s.row.label for s in flagged_rows(doc.store.load(doc.session_id))] == flagged_at_2


def test_the_same_threshold_again_changes_nothing(doc: SessionDocument) -> None:
    assert not doc.commit(lambda e: set_gap_threshold(e, 3))


@pytest.mark.parametrize("value", [0, 5, -1, True])
def test_a_threshold_outside_1_to_4_is_refused_with_a_reason(doc: SessionDocument, value):
    with pytest.raises(EditRefused) as refusal:
        doc.commit(lambda e: set_gap_threshold(e, value))
    assert "1 to 4 points" in str(refusal.value)
    assert stored_threshold(doc.store, doc.session_id) == 3


def test_the_database_refuses_it_too(doc: SessionDocument) -> None:
    with pytest.raises(sqlite3.IntegrityError), doc.store.database.transaction() as conn:
        conn.execute("UPDATE sessions SET gap_threshold = 5 WHERE id = ?", (doc.session_id,))


def test_a_database_of_the_previous_version_gives_its_sessions_the_default(tmp_path: Path):
    path = tmp_path / "old.sqlite3"
    old_database(path, 3)
    store = Store.open(path)
    try:
        assert store.database.pragma("user_version") == SCHEMA_VERSION
        assert store.load("old").perception.gap_threshold == 3
    finally:
        store.close()


def test_the_findings_use_the_session_threshold(doc: SessionDocument) -> None:
    def gaps() -> list[str]:
        return dict(finding_sections(doc.store.load(doc.session_id)))["Widest perception gaps"]

    at_3 = gaps()
    doc.commit(lambda e: set_gap_threshold(e, 1))
    assert len(gaps()) > len(at_3)
    doc.commit(lambda e: set_gap_threshold(e, 4))
    assert len(gaps()) <= len(at_3)


def test_a_rerun_keeps_the_threshold(doc: SessionDocument) -> None:
    doc.commit(lambda e: set_gap_threshold(e, 2))
    copy_id = doc.store.add_session(copy_for_rerun(doc.store.load(doc.session_id)))
    assert stored_threshold(doc.store, copy_id) == 2


# --- session file and CSV --------------------------------------------------------------------

def test_a_default_session_still_writes_version_1_exactly(plain_doc: SessionDocument) -> None:
    data = session_to_dict(plain_doc.store.load(plain_doc.session_id))
    assert data["version"] == 1
    assert "gap_threshold" not in data["session"]["perception"]
    assert dumps(session_to_dict(session_from_dict(copy.deepcopy(FULL)))) == dumps(FULL)


def test_a_threshold_changed_alone_makes_version_2_and_round_trips(
        plain_doc: SessionDocument) -> None:
    plain_doc.commit(lambda e: set_gap_threshold(e, 2))
    data = session_to_dict(plain_doc.store.load(plain_doc.session_id))
    assert data["version"] == 2
    assert list(data["session"]["perception"]) == ["rows", "scores", "gap_threshold"]
    assert data["session"]["perception"]["gap_threshold"] == 2
    assert "room" not in data["session"]  # nothing of the room to say
    read = session_from_dict(copy.deepcopy(data))
    assert read.perception.gap_threshold == 2
    again = plain_doc.store.add_session(read)
    assert stored_threshold(plain_doc.store, again) == 2
    assert dumps(session_to_dict(plain_doc.store.load(again))) == dumps(data)


def test_a_version_2_file_without_it_has_the_default() -> None:
    data = copy.deepcopy(FULL)
    data["version"] = 2
    assert session_from_dict(data).perception.gap_threshold == 3


def test_a_version_1_file_with_it_ignores_it() -> None:
    data = copy.deepcopy(FULL)
    data["session"]["perception"]["gap_threshold"] = 1
    session = session_from_dict(data)
    assert session.perception.gap_threshold == 3
    assert session_to_dict(session) == FULL


@pytest.mark.parametrize("value", [0, 5, 2.5, "2", None, True])
def test_a_bad_threshold_in_a_version_2_file_is_refused_naming_it(value) -> None:
    data = copy.deepcopy(FULL)
    data["version"] = 2
    data["session"]["perception"]["gap_threshold"] = value
    with pytest.raises(SessionFileError) as error:
        session_from_dict(data)
    assert str(error.value).startswith("session.perception.gap_threshold: ")
    assert str(error.value).endswith("is not 1-4")


def test_session_csv_has_the_threshold(doc: SessionDocument, tmp_path: Path) -> None:
    doc.commit(lambda e: set_gap_threshold(e, 4))
    write_csv_folder(doc.store.load(doc.session_id), tmp_path / "csv")
    text = (tmp_path / "csv" / "session.csv").read_text("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text)))
    assert header[-3:] == ["anonymity_floor", "steps", "gap_threshold"]
    assert row[-3:] == ["3", "obstacles typology perception", "4"]


# --- the window's PDF and `export --pdf` agree ---------------------------------------------------

def gap_lines(pdf: Path) -> list[str]:
    """The lines of a PDF that say which rows are gaps (the page header, with its date,
    and the page numbers left out)."""
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    return [line for line in text.splitlines()
            if re.search(r"\bgaps?\b|\bapart\b", line, re.I)]


def test_the_window_pdf_and_export_pdf_agree(qtbot, window, store, settings, dialogs,
                                             db_path: Path, tmp_path: Path) -> None:
    # A per-user setting left by an older version: ignored, the session's value wins.
    settings.qsettings.setValue("perception/gap_threshold", 4)
    session_id = store.add_session(demo_session())
    assert window.open_session(session_id)
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    page = window.current_view().page(4)
    page.threshold.setValue(2)  # the facilitator's choice, on the grid
    assert stored_threshold(store, session_id) == 2

    dialogs.answers["save_file"] = tmp_path / "window.pdf"
    dialogs.answers["confirm"] = False
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL)
    assert (tmp_path / "window.pdf").exists()

    result = run("export", session_id, "--pdf", str(tmp_path / "cli.pdf"),
                 "--db", str(db_path), home=tmp_path)
    assert result.returncode == 0, result.stderr

    from_window, from_cli = gap_lines(tmp_path / "window.pdf"), gap_lines(tmp_path / "cli.pdf")
    assert from_window == from_cli
    assert any("2 or more points apart" in line for line in from_window)
    assert not any("3 or more points apart" in line for line in from_window)
    # And the rows it flags are the session's gaps at 2, more than at the default 3.
    at_2 = flagged_rows(store.load(session_id))
    assert sum("a gap of" in line for line in from_window) >= len(at_2) > 0
