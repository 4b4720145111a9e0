"""Bounded input (issue 19): every list of a session file is capped and refused with
its path; the largest file the caps admit is imported, and 50 MB of tiny values refused,
within 10 s and 500 MB; a FIFO, a duplicate key and a vote count no edit can raise are
refused."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from model.demo import demo_session
from model.edits import SessionEditor
from model.errors import EditRefused
from model.exercises import obstacles
from model.session import MAX_VOTES
from model.session_file import (
    MAX_ITEMS,
    SessionFileError,
    read_session_file,
    session_to_dict,
)
from tests import largest_files

ROOT = Path(__file__).resolve().parents[1]
# A child process reads the file and stores it, reporting its time and peak memory.
MEASURE = """
import resource, sys, time
start = time.monotonic()
from model.session_file import SessionFileError, read_session_file
from model.store import Store
try:
    session = read_session_file(sys.argv[1])
    store = Store.open(sys.argv[2])
    store.add_session(session)
    store.close()
    outcome = "imported"
except SessionFileError as error:
    outcome = "refused: " + str(error)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin"
                                                             else 1024)
print(time.monotonic() - start, peak, outcome)
"""


def demo_dict() -> dict:
    return session_to_dict(demo_session())


def write(tmp_path: Path, data: dict | str, name: str = "s.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


LISTS = {  # where each list is, in a session file's "session" object
    "organisations": ("organisations",), "groups": ("groups",),
    "participants": ("participants",), "obstacles": ("obstacles",),
    "placements": ("typology", "placements"), "rows": ("perception", "rows"),
    "scores": ("perception", "scores"), "actions": ("actions",),
}


@pytest.mark.parametrize("name", sorted(LISTS))
def test_every_list_is_capped_and_refused_with_its_path(tmp_path: Path, name: str):
    data = demo_dict()
    parent = data["session"]
    *outer, key = LISTS[name]
    for part in outer:
        parent = parent.setdefault(part, {})
    parent[key] = [{}] * (MAX_ITEMS[name] + 1)
    with pytest.raises(SessionFileError) as caught:
        read_session_file(write(tmp_path, data))
    path = ".".join(("session", *LISTS[name]))
    assert f"{path}: {MAX_ITEMS[name] + 1:,} items, more than the {MAX_ITEMS[name]:,}" \
        in str(caught.value)


def measure(tmp_path: Path, kind: str) -> tuple[float, int, str]:
    path = tmp_path / f"{kind}.json"
    largest_files.write(kind, path)
    done = subprocess.run([sys.executable, "-c", MEASURE, str(path),
                           str(tmp_path / "w.sqlite3")], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    seconds, peak, outcome = done.stdout.split(" ", 2)
    return float(seconds), int(peak), outcome.strip()


@pytest.mark.parametrize("kind, outcome", [
    ("largest", "imported"),
    ("empty-participants", "refused"),
    ("commas-in-strings", "imported"),
])
def test_the_largest_files_take_under_10_s_and_500_mb(tmp_path: Path, kind: str,
                                                      outcome: str):
    if sys.platform == "win32":
        pytest.skip("measures peak memory with the resource module")
    seconds, peak, said = measure(tmp_path, kind)
    assert said.startswith(outcome), said
    assert seconds < 10, seconds
    assert peak < 500 * 1024 * 1024, peak


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_with_no_writer_is_refused_not_waited_on(tmp_path: Path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []
    reader = threading.Thread(target=lambda: outcome.append(_refusal(fifo)), daemon=True)
    reader.start()
    reader.join(10)
    if reader.is_alive():  # let the stuck reader go before failing
        with open(fifo, "wb"):
            pass
        pytest.fail("reading a FIFO hangs")
    assert "not a session file" in str(outcome[0])


def _refusal(path: Path) -> BaseException:
    try:
        read_session_file(path)
    except SessionFileError as error:
        return error
    raise AssertionError("not refused")


def test_a_folder_is_refused(tmp_path: Path):
    assert "folder" in str(_refusal(tmp_path))


def test_a_duplicate_key_is_refused(tmp_path: Path):
    text = json.dumps(demo_dict())
    doubled = text[:-1] + ', "session": {"title": "the other one"}}'
    assert "\"session\" appears twice" in str(_refusal(write(tmp_path, doubled)))
    nested = text.replace('"title": ', '"title": "x", "title": ', 1)
    assert "\"title\" appears twice" in str(_refusal(write(tmp_path, nested)))


def test_votes_are_capped_where_an_edit_can_still_add_none(tmp_path: Path, store):
    data = demo_dict()
    data["session"]["obstacles"][0]["votes"] = MAX_VOTES + 1
    assert "too large" in str(_refusal(write(tmp_path, data)))
    data["session"]["obstacles"][0]["votes"] = MAX_VOTES
    session_id = store.add_session(read_session_file(write(tmp_path, data)))
    editor = SessionEditor(store, session_id)
    first = store.load(session_id).obstacles[0]
    assert first.votes == MAX_VOTES
    with pytest.raises(EditRefused, match="at most"):
        obstacles.add_vote(editor, first.id)
    store.apply(obstacles.remove_vote(editor, first.id))
    store.apply(obstacles.add_vote(editor, first.id))
    assert store.load(session_id).obstacles[0].votes == MAX_VOTES
