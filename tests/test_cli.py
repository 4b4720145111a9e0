"""The command line of contracts/cli.md, run as a user's script would run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, home: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    env["XDG_DATA_HOME"] = str(home / "data")  # never the user's own database
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=home,
                          capture_output=True, text=True, encoding="utf-8", env=env,
                          input=stdin, timeout=60)


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    out = tmp_path / "demo.json"
    result = run("demo", "--json", str(out), home=tmp_path)
    assert result.returncode == 0, result.stderr
    return out


def test_help_lists_the_commands(tmp_path: Path):
    result = run("--help", home=tmp_path)
    assert result.returncode == 0
    for command in ("list", "import", "export", "demo", "--db", "--demo", "--session"):
        assert command in result.stdout


def test_demo_writes_a_file_without_touching_any_database(tmp_path: Path, demo_file: Path):
    data = json.loads(demo_file.read_text(encoding="utf-8"))
    # Version 2: the demo fills in the optional exercises too (Box 2, sharing, ...).
    assert data["format"] == "partnership-workshop-session" and data["version"] == 2
    assert data["session"]["partnership"] == "Carrick Housing"
    assert not (tmp_path / "data").exists()


def test_import_list_export_round_trip(tmp_path: Path, demo_file: Path):
    db = str(tmp_path / "w.sqlite3")
    imported = run("import", str(demo_file), "--db", db, home=tmp_path)
    assert imported.returncode == 0, imported.stderr
    session_id = imported.stdout.strip()
    assert session_id and "\n" not in session_id
    listed = run("list", "--db", db, home=tmp_path)
    assert listed.stdout == f"{session_id}\t2009-12-04\tCarrick Housing: governance test\n"
    out = tmp_path / "again.json"
    exported = run("--db", db, "export", session_id, "--json", str(out), home=tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert json.loads(out.read_text(encoding="utf-8")) == \
        json.loads(demo_file.read_text(encoding="utf-8"))


def test_list_is_newest_first(tmp_path: Path):
    db = str(tmp_path / "w.sqlite3")
    ids = {}
    for title, date in (("Old", "2019-05-01"), ("New", "2024-05-01"), ("Mid", "2021-05-01")):
        path = tmp_path / f"{title}.json"
        path.write_text(json.dumps({"format": "partnership-workshop-session", "version": 1,
                                    "session": {"title": title, "date": date}}))
        ids[title] = run("import", str(path), "--db", db, home=tmp_path).stdout.strip()
    lines = run("list", "--db", db, home=tmp_path).stdout.splitlines()
    assert [line.split("\t")[0] for line in lines] == [ids["New"], ids["Mid"], ids["Old"]]


def test_the_default_database_is_in_the_user_data_folder(tmp_path: Path, demo_file: Path):
    assert run("import", str(demo_file), home=tmp_path).returncode == 0
    assert list((tmp_path / "data").rglob("*.sqlite3"))
    assert len(run("list", home=tmp_path).stdout.splitlines()) == 1


def error_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def test_user_errors_exit_2_with_one_error_line_and_change_nothing(tmp_path: Path,
                                                                   demo_file: Path):
    db = tmp_path / "w.sqlite3"
    run("import", str(demo_file), "--db", str(db), home=tmp_path)
    before = run("list", "--db", str(db), home=tmp_path).stdout

    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "partnership-workshop-session", "version": 1, '
                   '"session": {"title": "X", "perception": {"rows": [], "scores": '
                   '[{"row": "A", "group": "B", "score": 7}]}}}')
    assert "session.perception.scores[0]" in error_line(run("import", str(bad), "--db",
                                                            str(db), home=tmp_path))
    newer = tmp_path / "newer.json"
    newer.write_text('{"format": "partnership-workshop-session", "version": 3, '
                     '"session": {"title": "X"}}')
    assert "newer version" in error_line(run("import", str(newer), "--db", str(db),
                                             home=tmp_path))
    assert str(tmp_path / "missing.json") in error_line(
        run("import", str(tmp_path / "missing.json"), "--db", str(db), home=tmp_path))
    assert "no session" in error_line(
        run("export", "nosuchid", "--json", str(tmp_path / "o.json"), "--db", str(db),
            home=tmp_path))
    assert not (tmp_path / "o.json").exists()
    session_id = before.split("\t")[0]
    error_line(run("export", session_id, "--json", str(tmp_path), "--db", str(db),
                   home=tmp_path))
    error_line(run("export", session_id, "--json", str(tmp_path / "no" / "o.json"),
                   "--db", str(db), home=tmp_path))
    assert not (tmp_path / "no").exists()
    assert run("list", "--db", str(db), home=tmp_path).stdout == before


def test_database_problems_exit_2(tmp_path: Path):
    error_line(run("list", "--db", str(tmp_path / "nofolder" / "w.sqlite3"), home=tmp_path))
    assert not (tmp_path / "nofolder").exists()
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 20)
    assert "has not been changed" in error_line(run("list", "--db", str(junk), home=tmp_path))
    assert junk.read_bytes() == b"not a database at all" * 20
    error_line(run("export", "--db", str(junk), home=tmp_path))  # usage error


def test_headless_commands_do_not_import_qt(tmp_path: Path):
    db = tmp_path / "w.sqlite3"
    code = ("import sys, main\n"
            f"main.main(['--db', {str(db)!r}, 'demo', '--json', {str(tmp_path / 'd.json')!r}])\n"
            f"main.main(['--db', {str(db)!r}, 'list'])\n"
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'\n"
            "assert 'reportlab' not in sys.modules\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_unicode_titles_print_as_typed(tmp_path: Path):
    title = "Gŵyl <b>&amp;</b> Łódź — Σύμπραξη 🤝"
    path = tmp_path / "u.json"
    path.write_text(json.dumps({"format": "partnership-workshop-session", "version": 1,
                                "session": {"title": title}}, ensure_ascii=False),
                    encoding="utf-8")
    db = str(tmp_path / "w.sqlite3")
    run("import", str(path), "--db", db, home=tmp_path)
    assert run("list", "--db", db, home=tmp_path).stdout.split("\t")[2] == title + "\n"
