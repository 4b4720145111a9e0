"""`list`, `import`, `export` and `demo`: each returns the process exit status.

User mistakes and fixable failures print one `error: ` line and return 2; anything
else is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable
from pathlib import Path

from model.errors import UnknownSession, WorkshopError
from model.paths import database_path
from model.session import Session
from model.session_file import SessionFileError, read_session_file, write_session_file
from model.store import Store
from model.text import printable


def run_command(args: argparse.Namespace) -> int:
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    command: Callable[[argparse.Namespace], None] = COMMANDS[args.command]
    try:
        command(args)
    except (WorkshopError, SessionFileError) as error:
        # One line, whatever the paths and names in it hold.
        print(f"error: {printable(str(error))}", file=sys.stderr)
        return 2
    return 0


def list_sessions(args: argparse.Namespace) -> None:
    # Reading works when writing cannot (a full disk, another program writing).
    store = Store.open(database_path(args.db), or_read_only=True)
    try:
        for s in store.list_sessions():
            print(f"{printable(s.id)}\t{s.date or ''}\t{printable(_one_line(s.title))}")
    finally:
        store.close()


def import_session(args: argparse.Namespace) -> None:
    session = read_session_file(Path(args.file))
    path = database_path(args.db)
    new = not path.exists()
    store = Store.open(path)
    try:
        print(store.add_session(session))
    except BaseException:
        store.close()
        if new:
            _remove_database(path)  # a failed command creates no database
        raise
    store.close()


def export_session(args: argparse.Namespace) -> None:
    path = database_path(args.db)
    if not path.exists():
        # Not created: a failed command changes nothing.
        raise UnknownSession(f"{path}: there is no database here, so no session "
                             f"{args.id!r}. Check the --db path.")
    store = Store.open(path, or_read_only=True)
    try:
        session = store.load(args.id)
        # The PDF says what moved since the review this one re-runs, if it is here.
        previous = store.predecessor(session) if args.pdf else None
    finally:
        store.close()
    _write(session, args, previous)


def _remove_database(path: Path) -> None:
    for suffix in ("-wal", "-shm", ""):
        with contextlib.suppress(OSError):
            path.with_name(path.name + suffix).unlink(missing_ok=True)


def write_demo(args: argparse.Namespace) -> None:
    from model.demo import demo_session

    _write(demo_session(), args)


def _write(session: Session, args: argparse.Namespace,
           previous: Session | None = None) -> None:
    if args.json:
        write_session_file(session, Path(args.json))
    elif args.csv:
        from model.csv_export import write_csv_folder

        write_csv_folder(session, Path(args.csv), force=args.force)
    else:
        from report.pdf import write_pdf

        write_pdf(session, Path(args.pdf), previous=previous)


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
