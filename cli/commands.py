"""`list`, `import`, `export` and `demo`: each returns the process exit status.

User mistakes and fixable failures print one `error: ` line and return 2; anything
else is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from model.errors import WorkshopError
from model.paths import database_path
from model.session import Session
from model.session_file import SessionFileError, read_session_file, write_session_file
from model.store import Store


def run_command(args: argparse.Namespace) -> int:
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    command: Callable[[argparse.Namespace], None] = COMMANDS[args.command]
    try:
        command(args)
    except (WorkshopError, SessionFileError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


def list_sessions(args: argparse.Namespace) -> None:
    store = Store.open(database_path(args.db))
    try:
        for s in store.list_sessions():
            print(f"{s.id}\t{s.date or ''}\t{_one_line(s.title)}")
    finally:
        store.close()


def import_session(args: argparse.Namespace) -> None:
    session = read_session_file(Path(args.file))
    store = Store.open(database_path(args.db))
    try:
        print(store.add_session(session))
    finally:
        store.close()


def export_session(args: argparse.Namespace) -> None:
    store = Store.open(database_path(args.db))
    try:
        session = store.load(args.id)
    finally:
        store.close()
    _write(session, args)


def write_demo(args: argparse.Namespace) -> None:
    from model.demo import demo_session

    _write(demo_session(), args)


def _write(session: Session, args: argparse.Namespace) -> None:
    if args.json:
        write_session_file(session, Path(args.json))
    else:
        from report.pdf import write_pdf

        write_pdf(session, Path(args.pdf))


def _one_line(text: str) -> str:
    """A title on one line of `list` output: line breaks and tabs become spaces."""
    return "".join(" " if ch in "\t\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029" else ch
                   for ch in text)


COMMANDS: dict[str, Callable[[argparse.Namespace], None]] = {
    "list": list_sessions,
    "import": import_session,
    "export": export_session,
    "demo": write_demo,
}
