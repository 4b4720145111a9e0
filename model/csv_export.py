"""The session as tidy CSV files for an analyst: one file per instrument, one row per
observation (docs/csv.md describes every column).

No Qt and no store: it takes a session and writes a folder, so the command line and the
window call the same code. The standard library's `csv` module writes the files (quoting
by RFC 4180, every field quoted), in UTF-8 with a byte-order mark so that Excel reads
them as UTF-8. A text cell that a spreadsheet would run as a formula (starting with
`=`, `+`, `-`, `@`, a tab or a carriage return) is written with a `'` in front (OWASP's
rule against CSV injection); every other character is written as it was typed.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
from collections.abc import Iterable
from pathlib import Path

from model.errors import WorkshopError
from model.exercises import accountability
from model.exercises.part import Value
from model.exercises.registry import PARTS
from model.files import check_target, reason, remove_leftovers, write_atomically
from model.room import EXERCISES
from model.session import HORIZONS, Obstacle, Session


class CsvExportError(WorkshopError):
    """The CSV files cannot be written where asked; nothing of ours was left there."""


# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISER = "'"

SESSION = ["session_id", "session_title", "round"]
OBSERVATION = [*SESSION, "group", "participant", "item", "measure", "value"]

COLUMNS: dict[str, list[str]] = {
    "session.csv": [*SESSION, "partnership", "date", "facilitator", "venue", "purpose",
                    "key_question_in_charge", "key_question_added_value",
                    "anonymity_floor", "steps", "gap_threshold"],
    "participants.csv": [*SESSION, "participant_number", "participant", "organisation",
                         "group", "tier", "present"],
    "obstacles.csv": [*OBSERVATION, "obstacle_number", "factor", "library"],
    "typology.csv": [*OBSERVATION, "placer", "collaboration", "function"],
    "perception.csv": [*OBSERVATION, "section"],
    "room_answers.csv": [*OBSERVATION, "respondent", "via", "exercise"],
    "actions.csv": [*SESSION, "action_number", "action", "owner", "due", "status",
                    "obstacle", "accountability_item"],
    "accountability.csv": [*OBSERVATION, "item_number", "library"],
    # then each exercise's part: `<name>.csv` (`model.exercises.part`)
    **{f"{part.name}.csv": [*OBSERVATION, *part.csv_columns] for part in PARTS},
}
CSV_FILES: tuple[str, ...] = tuple(COLUMNS)



def cell(value: Value) -> str:
    """One CSV cell. A number the app stores is written as a number, even a negative one
    (`-3` is a number to a spreadsheet, not a formula); text that starts like a formula
    gets a `'` in front; None is an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if value.startswith(FORMULA_STARTS):
        return NEUTRALISER + value
    return value


def csv_bytes(columns: list[str], rows: Iterable[list[Value]]) -> bytes:
    """A header row and `rows`, as the bytes of a UTF-8 (with BOM) CSV file."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_ALL)  # Excel's lineterminator, \r\n
    writer.writerow(columns)
    for row in rows:
        assert len(row) == len(columns), (columns, row)
        writer.writerow([cell(value) for value in row])
    return out.getvalue().encode("utf-8-sig")


def round_of(session: Session) -> str:
    """The "round" a session is, for an analyst who compares runs of the workshop: its
    date, or 1 when it has none."""
    return session.date or "1"


def tables(session: Session) -> dict[str, list[list[Value]]]:
    """File name -> its rows (without the header, which is `COLUMNS[name]`)."""
    return {
        "session.csv": _session_rows(session),
        "participants.csv": _participant_rows(session),
        "obstacles.csv": _obstacle_rows(session),
        "typology.csv": _typology_rows(session),
        "perception.csv": _perception_rows(session),
        "room_answers.csv": _room_rows(session),
        "actions.csv": _action_rows(session),
        "accountability.csv": _accountability_rows(session),
        **{f"{part.name}.csv": [[*_session_cells(session), *row]
                                for row in part.csv_rows(session)] for part in PARTS},
    }


def csv_files(session: Session) -> dict[str, bytes]:
    """File name -> the bytes of that CSV file."""
    return {name: csv_bytes(COLUMNS[name], rows) for name, rows in tables(session).items()}


def write_csv_folder(session: Session, folder: str | os.PathLike[str],
                     force: bool = False) -> list[Path]:
    """Write the session's CSV files into `folder` and return their paths.

    A missing folder is created (its parent must exist). An existing folder that holds
    anything is refused unless `force`, which replaces the files of the same names and
    leaves the rest alone. Each file is written atomically, with `write_atomically`'s
    rules (a symlink is written through; a device, a pipe or a write-protected file is
    refused), and every file is checked before the first is written. Raises
    CsvExportError; a failure leaves no partial file, and no folder it created.
    """
    files = csv_files(session)  # all made before anything is written
    where = Path(folder)
    created = _prepare(where, force)
    written: list[Path] = []
    try:
        for name in files:
            check_target(where / name, CsvExportError)
        for name, data in files.items():
            path = where / name
            write_atomically(path, lambda out, data=data: out.write(data), CsvExportError)
            written.append(path)
    except BaseException:
        if created:  # a folder of our own making: take it away again
            for path in written:
                with contextlib.suppress(OSError):
                    path.unlink()
            with contextlib.suppress(OSError):
                where.rmdir()
        raise
    return written


def _prepare(folder: Path, force: bool) -> bool:
    """Check that `folder` may receive the files; True if it had to be created."""
    doing = "cannot write the CSV files"
    if folder.is_dir():
        remove_leftovers(folder)  # a killed export's temporary files are not "files"
        try:
            empty = not any(os.scandir(folder))
        except OSError as exc:
            raise CsvExportError(f"{folder}: {doing}: {reason(exc)}") from None
        if not empty and not force:
            raise CsvExportError(
                f"{folder}: the folder is not empty, and nothing was written: choose a new "
                "or empty folder, or add --force to replace the CSV files in it")
        return False
    if os.path.lexists(folder):
        raise CsvExportError(f"{folder}: {doing}: it is a file, not a folder; choose a "
                             "folder (a missing one is created)")
    parent = folder.absolute().parent
    if not parent.is_dir():
        raise CsvExportError(f"{folder}: {doing}: the folder {parent} does not exist")
    try:
        folder.mkdir()
    except OSError as exc:
        raise CsvExportError(f"{folder}: {doing}: {reason(exc)}") from None
    return True


# --- the rows of each file ----------------------------------------------------------

def _session_cells(session: Session) -> list[Value]:
    return [session.id, session.title, round_of(session)]


def _session_rows(session: Session) -> list[list[Value]]:
    return [[*_session_cells(session), session.partnership, session.date,
             session.facilitator, session.venue, session.purpose,
             session.key_questions.in_charge, session.key_questions.added_value,
             session.room.anonymity_floor, " ".join(session.steps),
             session.perception.gap_threshold]]


def _participant_rows(session: Session) -> list[list[Value]]:
    s = _session_cells(session)
    return [[*s, number, p.name, p.organisation, p.group, p.tier, p.present]
            for number, p in enumerate(session.participants, 1)]


def _obstacle_rows(session: Session) -> list[list[Value]]:
    s = _session_cells(session)
    rows: list[list[Value]] = []
    for number, o in enumerate(session.visible_obstacles(), 1):
        for measure, value in (("rating", o.rating), ("votes", o.votes),
                               ("notes", o.notes), ("action", o.action)):
            rows.append([*s, "", "", o.text, measure, value, number, o.factor, o.library])
    return rows


def _placers(session: Session) -> dict[str, tuple[str, str]]:
    """A placer's label -> (group, participant name or "" when anonymous)."""
    who: dict[str, tuple[str, str]] = {g.name: (g.name, "") for g in session.groups}
    for index, p in enumerate(session.participants):  # participants first, as placers()
        who[session.participant_label(index)] = (p.group, p.name)
    return who


def _typology_rows(session: Session) -> list[list[Value]]:
    s = _session_cells(session)
    placers = _placers(session)
    rows: list[list[Value]] = []
    for p in session.typology.placements:
        group, participant = placers.get(p.by, ("", ""))
        rows.append([*s, group, participant, p.horizon, "placement",
                     f"{p.collaboration}/{p.function}", p.by, p.collaboration, p.function])
    agreed = session.typology.agreed
    for horizon, c in (("now", agreed.now), ("needed", agreed.needed)):
        rows.append([*s, "", "", horizon, "agreed",
                     f"{c.collaboration}/{c.function}" if c else "", "",
                     c.collaboration if c else "", c.function if c else ""])
    rows.append([*s, "", "", "rationale", "agreed", agreed.rationale, "", "", ""])
    return rows


def _perception_rows(session: Session) -> list[list[Value]]:
    s = _session_cells(session)
    rows = {r.label: (i, r.section) for i, r in enumerate(session.perception.rows)}
    groups = {g.name: i for i, g in enumerate(session.groups)}
    scores = sorted(session.perception.scores,
                    key=lambda x: (rows.get(x.row, (len(rows), ""))[0],
                                   groups.get(x.group, len(groups))))
    return [[*s, x.group, "", x.row, "score", x.score,
             rows.get(x.row, (0, ""))[1]] for x in scores]


def _room_rows(session: Session) -> list[list[Value]]:
    """Each answer given in the room. A respondent is a number (the order they joined
    in), their group, and their name only if they joined by name: never a token."""
    from model.room.results import respondent_groups

    s = _session_cells(session)
    participants = {p.id: p for p in session.participants if p.id is not None}
    group_names = {g.id: g.name for g in session.groups}
    groups = respondent_groups(session)
    respondents = {}
    for number, r in enumerate(session.room.respondents, 1):
        named = participants.get(r.participant_id) if r.participant_id is not None else None
        respondents[r.id] = (number, group_names.get(groups.get(r.id), ""),
                             named.name if named else "", r.via)
    rows_by_id = {r.id: (i, r.label) for i, r in enumerate(session.perception.rows)}
    obstacles: dict[int | None, tuple[int, Obstacle]] = {
        o.id: (i, o) for i, o in enumerate(session.visible_obstacles())}
    answers: list[tuple[tuple[int, ...], list[Value]]] = []
    for response in session.room.responses:
        who = respondents.get(response.respondent_id)
        if who is None or response.exercise not in EXERCISES:
            continue
        number, group, participant, via = who
        place = _answered_item(response.exercise, response.item, rows_by_id, obstacles)
        if place is None:  # a row deleted, an obstacle hidden: not in the session now
            continue
        order, item, measure = place
        answers.append(((number, EXERCISES.index(response.exercise), *order),
                        [*s, group, participant, item, measure, response.value, number, via,
                         response.exercise]))
    return [row for _, row in sorted(answers, key=lambda pair: pair[0])]


def _answered_item(exercise: str, item: str, rows: dict[int | None, tuple[int, str]],
                   obstacles: dict[int | None, tuple[int, Obstacle]]
                   ) -> tuple[tuple[int, ...], str, str] | None:
    """(sort order, item as the analyst reads it, measure) of a stored answer's item."""
    if exercise == "perception":
        row = rows.get(_number(item))
        return ((row[0],), row[1], "score") if row else None
    if exercise == "obstacles":
        kind, _, obstacle_id = item.partition(":")
        found = obstacles.get(_number(obstacle_id))
        if found is None or kind not in ("rating", "votes"):
            return None
        return (found[0], kind == "votes"), found[1].text, kind
    if item not in HORIZONS:
        return None
    return (HORIZONS.index(item),), item, "placement"


def _number(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() else None


def _action_rows(session: Session) -> list[list[Value]]:
    s = _session_cells(session)
    visible = session.visible_obstacles()
    by_id = {o.id: o for o in visible if o.id is not None}
    by_text = session.actions_by_text()  # a session not stored has no ids
    items = {x.id: x for x in session.accountability if x.id is not None}
    items_by_text = session.accountability_actions_by_text()
    rows: list[list[Value]] = []
    for number, a in enumerate(session.actions, 1):
        if a.id is not None:
            obstacle = by_id.get(a.obstacle_id)
            item = items.get(a.accountability_id)
        else:
            linked = by_text.get(number - 1)
            obstacle = session.obstacles[linked] if linked is not None else None
            linked = items_by_text.get(number - 1)
            item = session.accountability[linked] if linked is not None else None
        rows.append([*s, number, a.text, a.owner, a.due, a.status,
                     obstacle.text if obstacle is not None and not obstacle.hidden else "",
                     item.text if item is not None else ""])
    return rows


def _accountability_rows(session: Session) -> list[list[Value]]:
    s = _session_cells(session)
    rows: list[list[Value]] = []
    for number, x in enumerate(accountability.items(session), 1):
        for measure, value in (("rating", x.rating), ("owner", x.owner), ("due", x.due),
                               ("action", x.action)):
            rows.append([*s, "", "", x.text, measure, value, number, x.library])
    return rows
