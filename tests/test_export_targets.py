"""Exports never replace what is not theirs (issue 19): a symlink is written through, a
device, a pipe or a write-protected file is refused, and an export killed midway leaves
nothing behind once the next one runs."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from model.demo import demo_session
from model.errors import WorkshopError
from model.files import write_atomically
from model.session_file import SessionFileError, read_session_file, write_session_file
from tests.cli_runner import ROOT, one_error_line, run


@pytest.mark.parametrize("kind", ["--json", "--pdf"])
def test_a_symlink_is_written_through_and_stays_a_link(tmp_path: Path, kind: str):
    target = tmp_path / "real" / "summary"
    target.parent.mkdir()
    target.write_bytes(b"old")
    link = tmp_path / "link"
    link.symlink_to(target)
    result = run("demo", kind, str(link), home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and link.resolve() == target
    assert target.read_bytes().startswith(b"%PDF" if kind == "--pdf" else b"{")
    assert sorted(p.name for p in target.parent.iterdir()) == ["summary"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("kind", ["--json", "--pdf"])
def test_a_fifo_is_refused_not_replaced(tmp_path: Path, kind: str):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert "not a regular file" in one_error_line(run("demo", kind, str(fifo), home=tmp_path))
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_a_device_is_one_error_line(tmp_path: Path):
    one_error_line(run("demo", "--pdf", os.devnull, home=tmp_path))
    assert Path(os.devnull).is_char_device()


def test_a_device_node_is_refused_even_for_an_administrator(tmp_path: Path):
    if os.geteuid() != 0:
        pytest.skip("needs root to make a device node")
    node = tmp_path / "null"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    one_error_line(run("demo", "--pdf", str(node), home=tmp_path))
    assert node.is_char_device()


@pytest.mark.parametrize("kind", ["--json", "--pdf"])
def test_a_write_protected_file_is_unwritable_output(tmp_path: Path, kind: str):
    protected = tmp_path / "theirs"
    protected.write_bytes(b"keep me")
    protected.chmod(0o444)
    assert "write-protected" in one_error_line(run("demo", kind, str(protected), home=tmp_path))
    assert protected.read_bytes() == b"keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["theirs"]


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path):
    out = tmp_path / "s.json"
    out.write_bytes(b"old")
    out.chmod(0o640)
    write_session_file(demo_session(), out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert read_session_file(out).title == demo_session().title


def dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(done.stdout)


def test_an_export_killed_midway_is_cleaned_up_by_the_next(tmp_path: Path):
    script = ("import os, sys\nfrom model.files import write_atomically\n"
              "from model.errors import WorkshopError\n"
              "def write(f):\n    f.write(b'half')\n    f.flush()\n"
              "    os.kill(os.getpid(), 9)\n"
              "write_atomically(sys.argv[1], write, WorkshopError)\n")
    if os.name != "posix":
        pytest.skip("kills with SIGKILL")
    died = subprocess.run([sys.executable, "-c", script, str(tmp_path / "out.pdf")],
                          cwd=ROOT, timeout=60)
    assert died.returncode == -9
    leftovers = [p.name for p in tmp_path.iterdir()]
    assert len(leftovers) == 1 and leftovers[0].startswith(".partial-")
    # A live export's temporary file in the same folder is not touched.
    live = tmp_path / f".partial-{os.getpid()}-live.tmp"
    live.write_bytes(b"in progress")
    old_style = tmp_path / f".partial-{dead_pid()}-x.tmp"
    old_style.write_bytes(b"")
    write_session_file(demo_session(), tmp_path / "next.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == [live.name, "next.json"]


def test_the_error_names_the_file_and_leaves_nothing(tmp_path: Path):
    fifo = tmp_path / "p"
    os.mkfifo(fifo)
    with pytest.raises(WorkshopError, match="not a regular file"):
        write_atomically(fifo, lambda f: f.write(b"x"), SessionFileError)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p"]
