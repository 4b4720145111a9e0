"""What the command line prints is safe on a terminal (issue 19): control characters
in titles and paths are shown as escapes, one line per session and per message."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from model.demo import demo_session
from model.store import Store
from model.text import printable
from tests.cli_runner import run


def test_printable_shows_controls_as_escapes_and_keeps_the_rest():
    assert printable("a\x1b]0;owned\x07\x1b[2Jb") == "a\\x1b]0;owned\\x07\\x1b[2Jb"
    assert printable("x\ny\u2028z\x85\x7f") == "x\\x0ay\\u2028z\\x85\\x7f"
    assert printable("Cymru ŵ ł 日本 👍") == "Cymru ŵ ł 日本 👍"


def test_list_neutralises_terminal_escapes_in_titles(tmp_path: Path):
    db = tmp_path / "w.sqlite3"
    store = Store.open(db)
    hostile = "Board\x1b]0;pwned\x07\x1b[2J\x1b[H review\r\nfake\tline"
    session_id = store.add_session(dataclasses.replace(demo_session(), title=hostile))
    store.close()
    listed = run("list", "--db", str(db), home=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "\x1b" not in listed.stdout and "\x07" not in listed.stdout
    assert listed.stdout.count("\n") == 1 and listed.stdout.count("\t") == 2
    assert listed.stdout.startswith(f"{session_id}\t2009-12-04\tBoard\\x1b]0;pwned\\x07")


def test_an_error_about_a_path_with_a_newline_is_one_line(tmp_path: Path):
    weird = tmp_path / "two\nlines\x1b[2J.json"
    result = run("import", str(weird), "--db", str(tmp_path / "w.sqlite3"), home=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "two\\x0alines\\x1b[2J.json" in result.stderr
