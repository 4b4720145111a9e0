"""CSV export for an analyst (issue 17): one tidy file per exercise, safe to open in a
spreadsheet, every character kept, written only where it replaces nothing not its own."""

from __future__ import annotations

import csv
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from model.csv_export import (
    COLUMNS,
    CSV_FILES,
    CsvExportError,
    cell,
    csv_bytes,
    tables,
    write_csv_folder,
)
from model.demo import GOVERNANCE_TEST, OBSTACLE_RATINGS, PARTICIPANTS, PLACEMENTS, demo_session
from model.document import SessionDocument
from model.room import answers as room
from model.session import Action, Group, Obstacle, Participant, Session
from model.store import Store
from tests.hostile_strings import HOSTILE_STRINGS

ROOT = Path(__file__).resolve().parents[1]
TITLE = "Carrick Housing: governance test"


def read(path: Path) -> list[dict[str, str]]:
    """A CSV file as an analyst's tool reads it: BOM stripped, quotes undone."""
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads it as UTF-8
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        assert header == COLUMNS[path.name]
        return [dict(zip(header, row, strict=True)) for row in reader]


def picked(rows: list[dict[str, str]], *columns: str) -> list[tuple[str, ...]]:
    return [tuple(row[c] for c in columns) for row in rows]


# --- the demo session with the room's answers ----------------------------------------

@pytest.fixture
def answered(store: Store) -> SessionDocument:
    """The demo session, stored, with answers from a participant who joined by name, a
    phone that joined as a group member and a paper card."""
    doc = SessionDocument(store, store.add_session(demo_session()))
    session = doc.session
    chair = session.participants[0]  # "Board chair", of "Board members"
    media = next(g for g in session.groups if g.name == "Media")
    housing, transparency = session.perception.rows[0], session.perception.rows[6]
    vision, engagement = session.obstacles[0], session.obstacles[4]

    def join(**who) -> int:
        return room.respondent_id(doc.commit(lambda e: room.join(e, **who)))

    def answer(respondent: int, exercise: str, item: str, value: str) -> None:
        doc.commit(lambda e: room.answer(e, respondent, exercise, item, value))

    named = join(participant_id=chair.id, token_hash="secret-token-hash")
    anonymous = join(group_id=media.id, token_hash="another-token-hash")
    card = join(group_id=media.id, via="laptop")
    answer(anonymous, "typology", "needed", "integration/delivery")
    answer(named, "perception", str(transparency.id), "4")
    answer(named, "perception", str(housing.id), "2")
    answer(named, "obstacles", f"votes:{engagement.id}", "2")
    answer(named, "obstacles", f"rating:{vision.id}", "3")
    answer(named, "typology", "now", "co-operation/delivery")
    answer(anonymous, "perception", str(transparency.id), "1")
    answer(card, "obstacles", f"rating:{engagement.id}", "0")
    return doc


@pytest.fixture
def folder(answered: SessionDocument, tmp_path: Path) -> Path:
    out = tmp_path / "csv"
    written = write_csv_folder(answered.session, out)
    assert [p.name for p in written] == list(CSV_FILES)
    assert sorted(p.name for p in out.iterdir()) == sorted(CSV_FILES)
    return out


def test_session_csv_holds_the_session_details(folder: Path, answered: SessionDocument):
    [row] = read(folder / "session.csv")
    session = demo_session()
    assert row == {
        "session_id": answered.session_id, "session_title": TITLE, "round": "2009-12-04",
        "partnership": "Carrick Housing", "date": "2009-12-04",
        "facilitator": "Governance International (illustrative)",
        "venue": "Carrick Housing estates (illustrative)",
        "purpose": session.purpose,
        "key_question_in_charge": session.key_questions.in_charge,
        "key_question_added_value": session.key_questions.added_value,
        "anonymity_floor": "3", "steps": "obstacles typology perception",
        "gap_threshold": "3"}


def test_every_observation_names_its_session_and_round(folder: Path,
                                                       answered: SessionDocument):
    for name in CSV_FILES:
        for row in read(folder / name):
            assert (row["session_id"], row["session_title"], row["round"]) == \
                (answered.session_id, TITLE, "2009-12-04")


def test_participants_csv(folder: Path):
    rows = read(folder / "participants.csv")
    assert picked(rows, "participant_number", "participant", "organisation", "group",
                  "tier", "present") == [
        (str(n), name, body, group, str(tier), "1" if present else "0")
        for n, (name, body, group, tier, present) in enumerate(PARTICIPANTS, 1)]


def test_obstacles_csv_has_rating_votes_notes_and_action_per_obstacle(folder: Path):
    rows = read(folder / "obstacles.csv")
    box1 = demo_session().obstacles
    assert len(rows) == 4 * len(box1)
    assert {r["group"] for r in rows} == {""} and {r["participant"] for r in rows} == {""}
    for index, obstacle in enumerate(box1):
        rating, votes, notes = OBSTACLE_RATINGS[index]
        mine = [r for r in rows if r["obstacle_number"] == str(index + 1)]
        assert picked(mine, "item", "measure", "value", "factor", "library") == [
            (obstacle.text, "rating", str(rating), obstacle.factor, "box1"),
            (obstacle.text, "votes", str(votes), obstacle.factor, "box1"),
            (obstacle.text, "notes", notes, obstacle.factor, "box1"),
            (obstacle.text, "action", obstacle.action, obstacle.factor, "box1")]
    assert ("absent partners / poor level of engagement among partners", "action",
            "Invite the primary care trust's director to the next board") in \
        picked(rows, "item", "measure", "value")


def test_typology_csv_has_each_placement_by_placer_and_horizon_and_the_agreed_cells(
        folder: Path):
    rows = read(folder / "typology.csv")
    groups = {name: group for name, _, group, _, _ in PARTICIPANTS}
    expected = [(groups[who], who, horizon, "placement", f"{c}/{f}", who, c, f)
                for who, now, needed in PLACEMENTS
                for horizon, (c, f) in (("now", now), ("needed", needed))]
    expected += [
        ("", "", "now", "agreed", "co-operation/delivery", "", "co-operation", "delivery"),
        ("", "", "needed", "agreed", "integration/delivery", "", "integration", "delivery"),
        ("", "", "rationale", "agreed", demo_session().typology.agreed.rationale, "", "", "")]
    assert picked(rows, "group", "participant", "item", "measure", "value", "placer",
                  "collaboration", "function") == expected


def test_perception_csv_has_the_typed_group_scores_row_by_row(folder: Path):
    rows = read(folder / "perception.csv")
    order = [g.name for g in demo_session().groups]
    expected = []
    for section, label, columns in GOVERNANCE_TEST:
        scored = [(group, score) for score, names in enumerate(columns, 1) for group in names]
        for group, score in sorted(scored, key=lambda pair: order.index(pair[0])):
            expected.append((group, "", label, "score", str(score), section))
    assert picked(rows, "group", "participant", "item", "measure", "value",
                  "section") == expected


def test_room_answers_csv_names_only_who_joined_by_name_and_never_a_token(
        folder: Path, answered: SessionDocument):
    rows = read(folder / "room_answers.csv")
    session = answered.session
    housing, transparency = session.perception.rows[0].label, session.perception.rows[6].label
    vision, engagement = session.obstacles[0].text, session.obstacles[4].text
    assert picked(rows, "respondent", "via", "group", "participant", "exercise", "item",
                  "measure", "value") == [
        ("1", "phone", "Board members", "Board chair", "perception", housing, "score", "2"),
        ("1", "phone", "Board members", "Board chair", "perception", transparency, "score",
         "4"),
        ("1", "phone", "Board members", "Board chair", "obstacles", vision, "rating", "3"),
        ("1", "phone", "Board members", "Board chair", "obstacles", engagement, "votes", "2"),
        ("1", "phone", "Board members", "Board chair", "typology", "now", "placement",
         "co-operation/delivery"),
        ("2", "phone", "Media", "", "perception", transparency, "score", "1"),
        ("2", "phone", "Media", "", "typology", "needed", "placement",
         "integration/delivery"),
        ("3", "laptop", "Media", "", "obstacles", engagement, "rating", "0")]
    every_byte = b"".join(p.read_bytes() for p in folder.iterdir())
    assert b"token" not in every_byte.lower()


def test_a_hidden_obstacle_and_its_room_answers_are_left_out(answered: SessionDocument):
    session = answered.session
    session.obstacles[0].hidden = True
    rows = tables(session)
    assert session.obstacles[0].text not in {r[5] for r in rows["obstacles.csv"]}
    assert session.obstacles[0].text not in {r[5] for r in rows["room_answers.csv"]}
    assert len(rows["room_answers.csv"]) == 7


def test_actions_csv_with_the_obstacle_each_came_from(folder: Path):
    rows = read(folder / "actions.csv")
    box1 = demo_session().obstacles
    assert picked(rows, "action_number", "action", "owner", "due", "status",
                  "obstacle") == [
        ("1", "Invite the primary care trust's director to the next board", "Board chair",
         "2010-01-15", "open", box1[4].text),
        ("2", "Write down who signs off the estate improvement plan", "Chief executive",
         "2010-02-01", "open", box1[8].text),
        ("3", "Repeat the governance test with tenants' groups in a year", "Head of housing",
         "2010-12-01", "open", "")]


def test_the_demo_not_stored_gives_the_same_files_but_the_id_and_room(
        folder: Path, tmp_path: Path):
    out = tmp_path / "demo"
    write_csv_folder(demo_session(), out)
    for name in CSV_FILES:
        stored, unstored = read(folder / name), read(out / name)
        for row in stored + unstored:
            row["session_id"] = ""
        if name == "room_answers.csv":
            assert unstored == []
        else:
            assert unstored == stored, name


def test_an_unnamed_participant_and_a_session_without_a_date():
    session = Session("Untitled", groups=[Group("Tenants")],
                      participants=[Participant("", group="Tenants")])
    session.typology.placements = []
    from model.session import Placement

    session.typology.placements.append(Placement("Participant 1", "now", "integration",
                                                 "delivery"))
    rows = tables(session)
    assert rows["session.csv"][0][2] == "1"  # the round, when there is no date
    assert rows["participants.csv"][0][3:] == [1, "", "", "Tenants", None, True]
    assert rows["typology.csv"][0][3:6] == ["Tenants", "", "now"]  # not a name: no name
    assert rows["typology.csv"][0][8] == "Participant 1"


# --- formula injection and exact text -------------------------------------------------

@pytest.mark.parametrize("text", ["=1+1", "+44 1234", "-", "-2+3", "@SUM(A1)", "\tx",
                                  "\rx", "=HYPERLINK(\"http://evil\",\"click\")",
                                  "=cmd|' /C calc'!A0"])
def test_a_cell_that_starts_like_a_formula_is_neutralised(text: str):
    assert cell(text) == "'" + text


@pytest.mark.parametrize("text", ["", "plain", " =spaced", "a=b", "'quoted", "１", "%",
                                  "\n=next line", "x\t=y"])
def test_other_text_is_left_as_it_is(text: str):
    assert cell(text) == text


def test_numbers_are_data_even_negative_ones():
    assert [cell(v) for v in (0, 3, -3, None, True, False)] == ["0", "3", "-3", "", "1", "0"]
    assert cell("-3") == "'-3"  # typed text that looks like a number is text


def test_every_field_is_quoted_so_a_semicolon_locale_cannot_split_a_cell():
    data = csv_bytes(["a", "b"], [["x;=1+1", 2]]).decode("utf-8-sig")
    assert data == '"a","b"\r\n"x;=1+1","2"\r\n'


def hostile_session() -> Session:
    texts = [*HOSTILE_STRINGS, "=1+1", "+1", "-1", "@x", "\tlead", "\rlead", "quote \" and ,",
             "'already"]
    session = demo_session()
    session.title = "=HYPERLINK(\"x\") ŵ, \"quoted\"\nnew line 😀"
    session.purpose = "\n".join(texts)
    session.obstacles = [Obstacle(text=t, notes=t, action=t) for t in texts]
    session.actions = [Action(text=t, owner=t) for t in texts]
    return session


def test_hostile_strings_come_back_exactly_but_for_the_neutralising_quote(tmp_path: Path):
    session = hostile_session()
    write_csv_folder(session, tmp_path / "out")

    def back(value: str) -> str:
        if value.startswith("'") and value[1:].startswith(("=", "+", "-", "@", "\t", "\r")):
            return value[1:]
        return value

    [details] = read(tmp_path / "out" / "session.csv")
    assert back(details["session_title"]) == session.title
    assert back(details["purpose"]) == session.purpose
    obstacles = read(tmp_path / "out" / "obstacles.csv")
    notes = [back(r["value"]) for r in obstacles if r["measure"] == "notes"]
    assert notes == [o.notes for o in session.obstacles]
    assert [back(r["item"]) for r in obstacles if r["measure"] == "notes"] == \
        [o.text for o in session.obstacles]
    actions = read(tmp_path / "out" / "actions.csv")
    assert [(back(r["action"]), back(r["owner"])) for r in actions] == \
        [(a.text, a.owner) for a in session.actions]
    for name in CSV_FILES:  # and nothing anywhere a spreadsheet would run
        for row in read(tmp_path / "out" / name):
            for value in row.values():
                assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


# --- where the files go ---------------------------------------------------------------

def test_an_existing_non_empty_folder_is_refused_unless_forced(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "theirs.txt").write_text("keep")
    (out / "obstacles.csv").write_text("old")
    with pytest.raises(CsvExportError, match="not empty.*--force"):
        write_csv_folder(demo_session(), out)
    assert (out / "obstacles.csv").read_text() == "old"
    write_csv_folder(demo_session(), out, force=True)
    assert (out / "theirs.txt").read_text() == "keep"
    assert read(out / "obstacles.csv")
    assert sorted(p.name for p in out.iterdir()) == sorted([*CSV_FILES, "theirs.txt"])


def test_an_empty_folder_is_used_and_a_missing_one_created(tmp_path: Path):
    (tmp_path / "empty").mkdir()
    write_csv_folder(demo_session(), tmp_path / "empty")
    write_csv_folder(demo_session(), tmp_path / "new")
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == sorted(CSV_FILES)
    assert stat.S_IMODE((tmp_path / "new" / "session.csv").stat().st_mode) == 0o644
    with pytest.raises(CsvExportError, match="does not exist"):
        write_csv_folder(demo_session(), tmp_path / "no" / "such")
    assert not (tmp_path / "no").exists()


def test_a_file_named_as_the_folder_is_refused(tmp_path: Path):
    (tmp_path / "file").write_text("mine")
    with pytest.raises(CsvExportError, match="not a folder"):
        write_csv_folder(demo_session(), tmp_path / "file")
    assert (tmp_path / "file").read_text() == "mine"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_among_the_files_is_refused_before_any_file_is_written(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "typology.csv")
    with pytest.raises(CsvExportError, match="not a regular file"):
        write_csv_folder(demo_session(), out, force=True)
    assert [p.name for p in out.iterdir()] == ["typology.csv"]
    assert stat.S_ISFIFO((out / "typology.csv").lstat().st_mode)


def test_a_write_protected_file_is_refused_and_a_symlink_written_through(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "actions.csv").write_text("keep me")
    (out / "actions.csv").chmod(0o444)
    with pytest.raises(CsvExportError, match="write-protected"):
        write_csv_folder(demo_session(), out, force=True)
    assert (out / "actions.csv").read_text() == "keep me"
    assert [p.name for p in out.iterdir()] == ["actions.csv"]
    (out / "actions.csv").chmod(0o644)
    (out / "actions.csv").unlink()
    real = tmp_path / "elsewhere.csv"
    real.write_text("old")
    (out / "actions.csv").symlink_to(real)
    write_csv_folder(demo_session(), out, force=True)
    assert (out / "actions.csv").is_symlink() and read(out / "actions.csv")
    assert real.read_bytes() == (out / "actions.csv").read_bytes()


def test_a_failure_midway_leaves_no_file_and_no_folder_it_created(tmp_path: Path,
                                                                  monkeypatch):
    import model.csv_export as module

    calls = []

    def failing(path, write, error, doing="cannot write"):
        calls.append(path)
        if len(calls) == 3:
            raise error(f"{path}: cannot write: the disk is full")
        path.write_bytes(b"x")

    monkeypatch.setattr(module, "write_atomically", failing)
    with pytest.raises(CsvExportError, match="disk is full"):
        write_csv_folder(demo_session(), tmp_path / "new")
    assert list(tmp_path.iterdir()) == []


# --- the command line -----------------------------------------------------------------

def run(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    env["XDG_DATA_HOME"] = str(home / "data")
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=home,
                          capture_output=True, text=True, encoding="utf-8", env=env,
                          timeout=60)


def error_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def test_cli_export_csv_of_a_stored_session(answered: SessionDocument, db_path: Path,
                                            tmp_path: Path):
    out = tmp_path / "for the analyst"
    result = run("--db", str(db_path), "export", answered.session_id, "--csv", str(out),
                 home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert len(read(out / "room_answers.csv")) == 8
    assert read(out / "session.csv")[0]["session_id"] == answered.session_id

    again = error_line(run("--db", str(db_path), "export", answered.session_id, "--csv",
                           str(out), home=tmp_path))
    assert "not empty" in again and "--force" in again
    forced = run("--db", str(db_path), "export", answered.session_id, "--csv", str(out),
                 "--force", home=tmp_path)
    assert forced.returncode == 0, forced.stderr


def test_cli_csv_errors_are_one_line_and_exit_2(tmp_path: Path):
    db = tmp_path / "w.sqlite3"
    assert "no session" in error_line(run("--db", str(db), "export", "nosuch", "--csv",
                                          str(tmp_path / "out"), home=tmp_path))
    assert "does not exist" in error_line(run("demo", "--csv", str(tmp_path / "a" / "b"),
                                              home=tmp_path))
    assert "not allowed" in error_line(run("demo", "--csv", str(tmp_path / "c"), "--json",
                                           str(tmp_path / "c.json"), home=tmp_path))
    assert "--force goes with --csv" in error_line(
        run("demo", "--pdf", str(tmp_path / "d.pdf"), "--force", home=tmp_path))
    for option in ("--csv", "--json", "--pdf"):  # not a traceback, not the current folder
        assert "not an empty one" in error_line(run("demo", option, "", home=tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_cli_demo_csv_without_qt_or_reportlab(tmp_path: Path):
    code = ("import sys, main\n"
            f"assert main.main(['demo', '--csv', {str(tmp_path / 'out')!r}]) == 0\n"
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'\n"
            "assert 'reportlab' not in sys.modules\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(CSV_FILES)


# --- the window -----------------------------------------------------------------------

def test_export_csv_from_the_window(qtbot, window, store, settings, dialogs, tmp_path: Path):
    window.actions.open_demo.trigger()
    assert window.actions.export_csv.isEnabled()
    dialogs.answers["choose_folder"] = tmp_path
    window.actions.export_csv.trigger()
    name, args = dialogs.calls[-1]
    assert name == "choose_folder" and args[1] is None  # nothing used yet: Documents
    folder = tmp_path / "Carrick Housing governance test - CSV"
    assert sorted(p.name for p in folder.iterdir()) == sorted(CSV_FILES)
    assert read(folder / "session.csv")[0]["session_title"] == TITLE
    assert str(folder) in window.message_bar.text()
    assert settings.csv_folder == str(tmp_path)

    # Again: the folder used last is offered, and replacing the files is asked first.
    dialogs.answers["confirm"] = False
    (folder / "actions.csv").write_text("old")
    window.actions.export_csv.trigger()
    assert [n for n, _ in dialogs.calls[-2:]] == ["choose_folder", "confirm"]
    assert dialogs.calls[-2][1][1] == tmp_path
    assert (folder / "actions.csv").read_text() == "old"
    dialogs.answers["confirm"] = True
    window.actions.export_csv.trigger()
    assert read(folder / "actions.csv")[0]["action_number"] == "1"


def test_export_csv_from_the_home_page_and_a_refusal_said(qtbot, window, store, dialogs,
                                                          tmp_path: Path):
    store.add_session(Session("=Board, \"review\""))
    window.home.refresh()
    window.home.table.selectRow(0)
    target = tmp_path / "Board review - CSV"
    target.mkdir()
    os.mkfifo(target / "actions.csv")
    dialogs.answers["choose_folder"] = tmp_path
    dialogs.answers["confirm"] = True
    window.actions.export_csv.trigger()
    name, args = dialogs.calls[-1]
    assert name == "error" and "not a regular file" in args[1]
    dialogs.answers["choose_folder"] = None  # cancelled: nothing happens
    window.actions.export_csv.trigger()
    assert dialogs.calls[-1][0] == "choose_folder"
