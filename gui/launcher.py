"""Start Partnership Workshop: read the command line and hand over, to `cli` for the
headless commands, to the window otherwise. `python main.py` and the installed
`partnership-workshop` launcher (and the bundled app) all come here.

Qt is imported only when a window opens: a headless command never loads it.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys

from model.room import EXERCISES

# What --help calls the program: the launcher's name when installed or bundled.
PROG = "python main.py" if os.path.basename(sys.argv[0]) == "main.py" \
    else "partnership-workshop"


class Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one `error: ` line and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"error: {message} ({PROG} --help shows the commands)\n")
        sys.exit(2)


def port_number(text: str) -> int:
    """--port: 0 (any free port) to 65535."""
    if text.isascii() and text.isdigit() and int(text) <= 65535:
        return int(text)
    raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0 to 65535)")


def exercises(text: str) -> list[str]:
    """--open: exercise names, comma-separated."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in EXERCISES]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"{text!r}: the exercises are {', '.join(EXERCISES)}")
    return names


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    db = Parser(add_help=False)
    db.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                    help="use this database file instead of the default one "
                         "(created if missing; its folder must exist)")
    parser = Parser(
        prog=PROG, parents=[db],
        description="Partnership Workshop. With no command, opens the desktop app.")
    parser.add_argument("--demo", action="store_true",
                        help="open the app on the built-in demo session")
    parser.add_argument("--session", metavar="ID", help="open the app on session ID")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    commands.add_parser("list", parents=[db],
                        help="list sessions: ID<TAB>DATE<TAB>TITLE, newest first")
    imp = commands.add_parser("import", parents=[db], help="import a session file")
    imp.add_argument("file", metavar="FILE")
    exp = commands.add_parser("export", parents=[db],
                              help="export session ID as a session file, a PDF summary or "
                                   "CSV files")
    exp.add_argument("id", metavar="ID")
    demo = commands.add_parser(
        "demo", parents=[db], help="write the demo session without touching any database")
    for sub in (exp, demo):
        outputs = sub.add_mutually_exclusive_group(required=True)
        outputs.add_argument("--json", metavar="OUT.json", help="write a session file")
        outputs.add_argument("--pdf", metavar="OUT.pdf", help="write the PDF summary")
        outputs.add_argument("--csv", metavar="DIR",
                             help="write one CSV file per exercise into folder DIR (created "
                                  "if missing; refused if it holds anything, unless --force)")
        sub.add_argument("--force", action="store_true",
                         help="with --csv: write into a folder that is not empty, replacing "
                              "the CSV files of the same names")
    room = commands.add_parser(
        "room", parents=[db],
        help="serve the room of session ID to phones, without a window, until Ctrl+C")
    room.add_argument("id", metavar="ID")
    room.add_argument("--bind", metavar="ADDR",
                      help="the address to serve on (default: the one phones on this "
                           "computer's network can likely reach)")
    room.add_argument("--port", metavar="N", type=port_number, default=0,
                      help="the port (default: any free port)")
    room.add_argument("--open", metavar="EXERCISES", type=exercises, default=list(EXERCISES),
                      help="the exercises phones may answer, comma-separated "
                           f"(default: {','.join(EXERCISES)})")
    args = parser.parse_args(argv)
    args.db = getattr(args, "db", None)
    for option in ("json", "pdf", "csv"):  # a script's empty variable: not "here"
        if getattr(args, option, None) == "":
            parser.error(f"--{option} needs a path, not an empty one")
    if getattr(args, "force", False) and not args.csv:
        parser.error("--force goes with --csv DIR")
    if args.db == "":  # not the default database: a script's empty variable
        parser.error("--db needs a database file's path, not an empty one")
    return args


def run(args: argparse.Namespace) -> int:
    if args.command is None:
        from gui.app import run_app
        return run_app(db_path=args.db, session_id=args.session, demo=args.demo)
    if args.command == "room":
        from cli.room import run_room
        return run_room(args)
    from cli.commands import run_command
    return run_command(args)


def main(argv: list[str] | None = None) -> int:
    return run(parse(argv))


def main_process(argv: list[str] | None = None) -> int:
    """The whole process: parse, run, and the exit status (for `sys.exit`)."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:  # an app started without a console (a bundle)
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    arguments = parse(argv)
    headless = arguments.command is not None
    if headless:
        # A headless command is one short run that ends the process: the cycle
        # collector's walks over every object (all of reportlab's modules and the fonts
        # in a PDF export) cost about 10 ms during it and 25 ms on the way out, and free
        # nothing that matters. Not for the window, whose objects may still have work
        # to do when collected.
        gc.disable()
    status = run(arguments)
    if headless:
        gc.freeze()  # the final collection at exit skips what is frozen
    return status


def launch() -> None:
    """The `partnership-workshop` launcher's entry point (a gui-script: no console
    window on Windows)."""
    sys.exit(main_process())
