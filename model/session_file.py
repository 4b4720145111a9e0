"""Read and write session files (`contracts/session-file.md`, version 1, and
`docs/session-file-v2.md`, version 2: version 1 plus the room's answers, Box 2's
accountability items, the steps the session runs, the gap threshold and each exercise's
part, `session.<name>`, read and written by the part itself: `model.exercises.part`).

`session_from_dict` checks a parsed file against every rule of the contract and builds a
`Session`; `session_to_dict` gives the exact shape of the contract back, as version 1
whenever the session has nothing version 1 cannot say (no room data, no Box 2, nothing in
any part, the default steps and gap threshold: so every version 1 reader keeps working) and as
version 2 otherwise. The file functions add UTF-8, JSON, size limits and atomic writes.
Strings are never altered.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterator
from typing import Any, NoReturn

from model import file_checks as check
from model.exercises.registry import OPTIONAL_STEPS, PARTS
from model.file_checks import SessionFileError
from model.files import reason, write_atomically
from model.room import DOT_VOTES, EXERCISES, MAX_FLOOR, VIAS
from model.session import (
    ACCOUNTABILITY_LIBRARIES,
    ACCOUNTABILITY_RATINGS,
    ACTION_STATUSES,
    COLLABORATIONS,
    DEFAULT_GAP_THRESHOLD,
    DEFAULT_STEPS,
    FACTORS,
    FUNCTIONS,
    GAP_THRESHOLDS,
    HORIZONS,
    LIBRARIES,
    MAX_VOTES,
    RATINGS,
    SCORES,
    SECTIONS,
    TIERS,
    AccountabilityItem,
    Action,
    AgreedPlacement,
    Cell,
    Group,
    KeyQuestions,
    Obstacle,
    Organisation,
    Participant,
    PerceptionRow,
    Placement,
    Respondent,
    Response,
    Room,
    Score,
    Session,
)

FORMAT = "partnership-workshop-session"
VERSION = 2  # the newest version this app reads and writes
VERSIONS = (1, 2)
MAX_FILE_BYTES = 50 * 1024 * 1024
# The most items each list may hold: far more than any real session (40 participants,
# 12 groups, 30 rows), and few enough that the largest file they admit is read and
# stored in seconds. Refused with the list's path.
MAX_ITEMS = {
    "organisations": 500,
    "groups": 200,
    "participants": 2_000,
    "obstacles": 1_000,
    "placements": 4_000,  # "now" and "needed" for each participant
    "rows": 1_000,
    "scores": 20_000,
    "actions": 2_000,
    "respondents": 4_000,  # every participant, and anonymous members of the groups
    "answers": 2_100,  # one respondent's: every row, every obstacle, votes, both horizons
    "accountability": 100,  # Box 2 has five
}
# Answers of all respondents together: a room of 40 answering 30 rows and 20 obstacles
# gives about 2,200.
MAX_ANSWERS = 20_000
# Values ("[", "{" and "," outside strings) a file may hold before it is parsed at all:
# a file within MAX_ITEMS and MAX_ANSWERS holds about 260,000 at most, and it bounds the
# parser's memory (17 million empty objects fit in 50 MB and took 8 GB).
MAX_VALUES = 400_000

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}", re.ASCII)
_UID = re.compile(r"[0-9A-Za-z_-]{1,64}", re.ASCII)


def _list(parent: dict, key: str, path: str) -> Iterator[tuple[str, dict]]:
    """The objects of list `key` (missing means empty), each with its path, in order."""
    return check.items(parent, key, path, MAX_ITEMS[key])


def _cell(parent: dict, key: str, path: str) -> Cell | None:
    value = check.member(parent, key, path, None)
    if value is None:
        return None
    where = f"{path}.{key}"
    cell = check.obj(value, where)
    return Cell(check.choice(cell, "collaboration", where, COLLABORATIONS),
                check.choice(cell, "function", where, FUNCTIONS))


def _uid(parent: dict, key: str, path: str) -> str | None:
    """An optional link field (`uid`, `review_of`): 1-64 letters, digits, - or _, or null.
    Files of older versions have neither; their session gets a new uid on import."""
    value = check.string(parent, key, path, default=None, nullable=True)
    if value is not None and not _UID.fullmatch(value):
        check.fail(f"{path}.{key}", f"{check.show(value)} is not a session uid (1-64 "
                                    "letters, digits, - or _)")
    return value


# --- reading: the session ------------------------------------------------------------


def _check_header(data: object) -> tuple[int, dict]:
    """The version and `session` object of a file whose format and version this app
    reads."""
    not_ours = "not a Partnership Workshop session file"
    if not isinstance(data, dict):
        raise SessionFileError(f"{not_ours} (the top level is {check.show(data)}, not an object)")
    if "format" not in data:
        raise SessionFileError(f'{not_ours} (no "format" field)')
    if not isinstance(data["format"], str) or data["format"] != FORMAT:
        raise SessionFileError(f"{not_ours} (format is {check.show(data['format'])})")
    if "version" not in data:
        check.fail("version", "missing (required)")
    version = data["version"]
    reads = " and ".join(str(v) for v in VERSIONS)
    if check.is_int(version) and version > VERSION:
        raise SessionFileError(
            f"made by a newer version of Partnership Workshop (file version {check.show(version)}, "
            f"this app reads versions {reads}); update the app to import it")
    if not check.is_int(version) or version not in VERSIONS:
        check.fail("version", f"{check.show(version)} is not a version this app reads "
                         f"(it reads versions {reads})")
    if "session" not in data:
        check.fail("session", "missing (required)")
    return version, check.obj(data["session"], "session")


def session_from_dict(data: object) -> Session:
    """Check a parsed session file against the contract and build its Session.

    A version 1 file has no room and the default gap threshold (a `session.room` or
    `session.perception.gap_threshold` in it is an unknown field, ignored). Raises
    SessionFileError naming the first offending field by its JSON path.
    """
    version, s = _check_header(data)
    session = _session(s)
    if version >= 2:
        pe = check.sub_object(s, "perception", "session")
        session.perception.gap_threshold = check.number(
            pe, "gap_threshold", "session.perception", GAP_THRESHOLDS,
            f"{GAP_THRESHOLDS[0]}-{GAP_THRESHOLDS[-1]}", default=DEFAULT_GAP_THRESHOLD)
        session.room = _room(s, session)
        session.accountability = _accountability(s)
        session.steps = _steps(s)
        for part in PARTS:
            if part.name in s:
                session.parts[part.name] = part.from_file(s, session)
    return session


def _session(s: dict) -> Session:
    p = "session"
    session = Session(
        title=check.string(s, "title", p, default=check.MISSING, blank=False),
        partnership=check.string(s, "partnership", p),
        date=check.date(s, "date", p),
        facilitator=check.string(s, "facilitator", p),
        venue=check.string(s, "venue", p),
        purpose=check.string(s, "purpose", p),
        uid=_uid(s, "uid", p),
        review_of=_uid(s, "review_of", p),
    )

    seen: dict[Any, str] = {}
    for path, item in _list(s, "organisations", p):
        name = check.string(item, "name", path, blank=False)
        check.unique(seen, name, f"{path}.name", f"{check.show(name)} is used twice")
        session.organisations.append(Organisation(name))

    seen = {}
    for path, item in _list(s, "groups", p):
        name = check.string(item, "name", path, blank=False)
        check.unique(seen, name, f"{path}.name", f"{check.show(name)} is used twice")
        colour = check.string(item, "colour", path, default=None, nullable=True)
        if colour is not None and not _COLOUR.fullmatch(colour):
            check.fail(f"{path}.colour", f"{check.show(colour)} is not a colour #rrggbb")
        session.groups.append(Group(name, colour))

    organisations = {o.name for o in session.organisations}
    groups = {g.name for g in session.groups}
    for path, item in _list(s, "participants", p):
        person = Participant(name=check.string(item, "name", path))
        person.organisation = check.string(item, "organisation", path)
        if person.organisation and person.organisation not in organisations:
            check.fail(f"{path}.organisation", f"{check.show(person.organisation)} is not the name "
                                          "of an organisation in session.organisations")
        person.group = check.string(item, "group", path)
        if person.group and person.group not in groups:
            check.fail(f"{path}.group",
                  f"{check.show(person.group)} is not the name of a group in session.groups")
        person.tier = check.number(item, "tier", path, TIERS, check.choices(TIERS, True),
                              default=None, nullable=True)
        present = check.member(item, "present", path, True)
        if not isinstance(present, bool):
            check.fail(f"{path}.present", f"{check.show(present)} is not true or false")
        person.present = present
        session.participants.append(person)

    kq, kp = check.sub_object(s, "key_questions", p), f"{p}.key_questions"
    session.key_questions = KeyQuestions(check.string(kq, "in_charge", kp),
                                         check.string(kq, "added_value", kp))

    for path, item in _list(s, "obstacles", p):
        obstacle = Obstacle(text=check.string(item, "text", path, default=check.MISSING,
                                              blank=False))
        obstacle.library = check.choice(item, "library", path, LIBRARIES, default="custom")
        obstacle.factor = check.choice(item, "factor", path, FACTORS, default=None, nullable=True)
        obstacle.rating = check.number(item, "rating", path, RATINGS, "0-3 or null",
                                  default=None, nullable=True)
        votes = check.member(item, "votes", path, 0)
        if not check.is_int(votes) or votes < 0:
            check.fail(f"{path}.votes", f"{check.show(votes)} is not a whole number >= 0")
        if votes > MAX_VOTES:
            check.fail(f"{path}.votes", f"{check.show(votes)} is too large")
        obstacle.votes = votes
        obstacle.notes = check.string(item, "notes", path)
        obstacle.action = check.string(item, "action", path)
        session.obstacles.append(obstacle)

    ty, tp = check.sub_object(s, "typology", p), f"{p}.typology"
    seen = {}
    for path, item in _list(ty, "placements", tp):
        placement = Placement(
            by=check.string(item, "by", path),
            horizon=check.choice(item, "horizon", path, HORIZONS),
            collaboration=check.choice(item, "collaboration", path, COLLABORATIONS),
            function=check.choice(item, "function", path, FUNCTIONS),
        )
        check.unique(seen, (placement.by, placement.horizon), path, f"a second placement by "
                f"{check.show(placement.by)} for {check.show(placement.horizon)}")
        session.typology.placements.append(placement)
    ag, ap = check.sub_object(ty, "agreed", tp), f"{tp}.agreed"
    session.typology.agreed = AgreedPlacement(_cell(ag, "now", ap), _cell(ag, "needed", ap),
                                              check.string(ag, "rationale", ap))

    pe, pp = check.sub_object(s, "perception", p), f"{p}.perception"
    seen = {}
    for path, item in _list(pe, "rows", pp):
        row = PerceptionRow(section=check.choice(item, "section", path, SECTIONS),
                            label=check.string(item, "label", path, default=check.MISSING,
                                               blank=False))
        check.unique(seen, row.label, f"{path}.label", f"{check.show(row.label)} is used twice")
        session.perception.rows.append(row)
    labels = {r.label for r in session.perception.rows}
    seen = {}
    for path, item in _list(pe, "scores", pp):
        row_label = check.string(item, "row", path, default=check.MISSING)
        if row_label not in labels:
            check.fail(f"{path}.row",
                  f"{check.show(row_label)} is not the label of a row in {pp}.rows")
        group = check.string(item, "group", path, default=check.MISSING)
        if group not in groups:
            check.fail(f"{path}.group",
                       f"{check.show(group)} is not the name of a group in session.groups")
        score = check.number(item, "score", path, SCORES, "1-5")
        check.unique(seen, (row_label, group), path,
                f"a second score for row {check.show(row_label)} by group {check.show(group)}")
        session.perception.scores.append(Score(row_label, group, score))

    for path, item in _list(s, "actions", p):
        session.actions.append(Action(
            text=check.string(item, "text", path),
            owner=check.string(item, "owner", path),
            due=check.date(item, "due", path),
            status=check.choice(item, "status", path, ACTION_STATUSES, default="open"),
        ))
    return session


FLOORS = tuple(range(1, MAX_FLOOR + 1))


def _accountability(s: dict) -> list[AccountabilityItem]:
    """Box 2's items of a version 2 file (missing: none stored yet, all unrated)."""
    out: list[AccountabilityItem] = []
    for path, item in _list(s, "accountability", "session"):
        out.append(AccountabilityItem(
            text=check.string(item, "text", path, default=check.MISSING, blank=False),
            library=check.choice(item, "library", path, ACCOUNTABILITY_LIBRARIES, default="box2"),
            rating=check.choice(item, "rating", path, ACCOUNTABILITY_RATINGS, default=None,
                           nullable=True),
            owner=check.string(item, "owner", path),
            due=check.date(item, "due", path),
            action=check.string(item, "action", path),
        ))
    return out


def _steps(s: dict) -> list[str]:
    """The optional steps a version 2 file's session runs (missing: the default three),
    in the window's order whatever the file's."""
    value = check.member(s, "steps", "session", list(DEFAULT_STEPS))
    where = "session.steps"
    if not isinstance(value, list):
        check.fail(where, f"{check.show(value)} is not a list")
    seen: dict[Any, str] = {}
    for i, name in enumerate(value):
        if not isinstance(name, str) or name not in OPTIONAL_STEPS:
            check.fail(f"{where}[{i}]",
                       f"{check.show(name)} is not {check.choices(OPTIONAL_STEPS)}")
        check.unique(seen, name, f"{where}[{i}]", f"{check.show(name)} is listed twice")
    return [name for name in OPTIONAL_STEPS if name in value]


def _room(s: dict, session: Session) -> Room:
    """The room of a version 2 file, referring to the session's entities by position
    (see `model.session.Room`), checked by the rules the room enforces when it is
    answered (`model.room.answers`)."""
    p = "session.room"
    r = check.sub_object(s, "room", "session")
    room = Room(check.number(r, "anonymity_floor", p, FLOORS, f"1-{MAX_FLOOR}",
                        default=Room().anonymity_floor))
    people = session.participants
    groups = {g.name: i for i, g in enumerate(session.groups)}
    rows = {row.label: i for i, row in enumerate(session.perception.rows)}
    claimed: dict[Any, str] = {}
    total = 0
    for path, item in _list(r, "respondents", p):
        index = check.member(item, "participant_index", path, None)
        where = f"{path}.participant_index"
        if index is not None and not (check.is_int(index) and 0 <= index < len(people)):
            check.fail(where, f"{check.show(index)} is not the index of a participant in "
                         "session.participants, or null")
        if index is not None:
            check.unique(claimed, index, where,
                    f"a second respondent answering as session.participants[{index}]")
        name = check.member(item, "participant", path, None)
        if name is not None:
            name = check.text(name, f"{path}.participant")
            expected = "" if index is None else people[index].name
            if name != expected:
                check.fail(f"{path}.participant", f"{check.show(name)} is not the name of "
                      + ("anyone: participant_index is null" if index is None else
                         f"session.participants[{index}] ({check.show(expected)})"))
        group = check.string(item, "group", path)
        if group and group not in groups:
            check.fail(f"{path}.group",
                  f"{check.show(group)} is not the name of a group in session.groups")
        via = check.choice(item, "via", path, VIAS, default="phone")
        respondent = len(room.respondents)
        room.respondents.append(Respondent(index, groups[group] if group else None, via))

        seen: dict[Any, str] = {}
        votes = 0
        for a_path, answer in _list(item, "answers", path):
            total += 1
            if total > MAX_ANSWERS:
                check.fail(a_path, f"more than the {MAX_ANSWERS:,} answers a session file may "
                              "hold in all")
            exercise = check.choice(answer, "exercise", a_path, EXERCISES)
            if exercise == "perception":
                label = check.string(answer, "row", a_path, default=check.MISSING)
                if label not in rows:
                    check.fail(f"{a_path}.row", f"{check.show(label)} is not the label of a row in "
                                           "session.perception.rows")
                key, what = str(rows[label]), f"row {check.show(label)}"
                check.unique(seen, (exercise, key), a_path, f"a second answer to {what}")
                value = str(check.number(answer, "score", a_path, SCORES, "1-5"))
            elif exercise == "obstacles":
                obstacle = check.member(answer, "obstacle", a_path)
                if not (check.is_int(obstacle) and 0 <= obstacle < len(session.obstacles)):
                    check.fail(f"{a_path}.obstacle", f"{check.show(obstacle)} is not the index "
                                                     "of an obstacle in session.obstacles")
                kinds = [kind for kind in ("rating", "votes") if kind in answer]
                if len(kinds) != 1:
                    check.fail(a_path, "has both a rating and votes: one answer is one of them"
                          if kinds else "has neither a rating nor votes")
                kind = kinds[0]
                key = f"{kind}:{obstacle}"
                check.unique(seen, (exercise, key), a_path,
                        f"a second answer to the {kind} of obstacle {obstacle}")
                if kind == "rating":
                    value = str(check.number(answer, "rating", a_path, RATINGS, "0-3"))
                else:
                    spent = check.number(answer, "votes", a_path, tuple(range(1, DOT_VOTES + 1)),
                                    f"1-{DOT_VOTES}")
                    votes += spent
                    if votes > DOT_VOTES:
                        check.fail(f"{a_path}.votes", f"{spent} more dot votes make {votes}, more "
                                                 f"than the {DOT_VOTES} each respondent has")
                    value = str(spent)
            else:
                key = check.choice(answer, "horizon", a_path, HORIZONS)
                check.unique(seen, (exercise, key), a_path,
                        f"a second answer to the typology for {check.show(key)}")
                value = (f"{check.choice(answer, 'collaboration', a_path, COLLABORATIONS)}/"
                         f"{check.choice(answer, 'function', a_path, FUNCTIONS)}")
            room.responses.append(Response(respondent, exercise, key, value))
    return room


# --- writing -----------------------------------------------------------------------------


def _cell_dict(cell: Cell | None) -> dict | None:
    if cell is None:
        return None
    return {"collaboration": cell.collaboration, "function": cell.function}


def _group_dict(group: Group) -> dict:
    out: dict[str, Any] = {"name": group.name}
    if group.colour is not None:
        out["colour"] = group.colour
    return out


def has_room_data(session: Session) -> bool:
    """Whether the session holds anything of the room's: someone joined, an answer, or
    an anonymity floor other than the default. Only then is its file version 2."""
    room = session.room
    return bool(room.respondents or room.responses
                or room.anonymity_floor != Room().anonymity_floor)


def _number_text(value: str) -> int | str:
    """A stored answer's number (a value that is not one is written as it is, and
    refused by the check `write_session_file` makes)."""
    return int(value) if value.isascii() and value.isdigit() else value


def _room_dict(session: Session) -> dict:
    """The room as version 2 writes it: respondents in the order they joined, each with
    their answers in the order given. Answers to a hidden or deleted obstacle, or to a
    deleted row, are left out; tokens and join times are not written."""
    room = session.room
    people = session.room_references(session.participants)
    groups = session.room_references(session.groups)
    rows = session.room_references(session.perception.rows)
    obstacles = session.room_references(session.obstacles)
    shown: dict[int, int] = {}  # position in session.obstacles -> in the file's list
    for position, obstacle in enumerate(session.obstacles):
        if not obstacle.hidden:
            shown[position] = len(shown)
    respondents = session.room_references(room.respondents)

    out: list[dict] = []
    for r in room.respondents:
        index = people.get(r.participant_id) if r.participant_id is not None else None
        group = groups.get(r.group_id) if r.group_id is not None else None
        out.append({
            "participant": "" if index is None else session.participants[index].name,
            "participant_index": index,
            "group": "" if group is None else session.groups[group].name,
            "via": r.via,
            "answers": [],
        })
    for response in room.responses:
        position = respondents.get(response.respondent_id)
        if position is None:
            continue
        answer: dict[str, Any] = {"exercise": response.exercise}
        if response.exercise == "perception":
            row = rows.get(_item_id(response.item))
            if row is None:
                continue
            answer["row"] = session.perception.rows[row].label
            answer["score"] = _number_text(response.value)
        elif response.exercise == "obstacles":
            kind, _, ref = response.item.partition(":")
            obstacle = shown.get(obstacles.get(_item_id(ref), -1))
            if obstacle is None or kind not in ("rating", "votes"):
                continue
            answer["obstacle"] = obstacle
            answer[kind] = _number_text(response.value)
        else:
            collaboration, _, function = response.value.partition("/")
            answer.update(horizon=response.item, collaboration=collaboration,
                          function=function)
        out[position]["answers"].append(answer)
    return {"anonymity_floor": room.anonymity_floor, "respondents": out}


def _item_id(text: str) -> int:
    return int(text) if text.isascii() and text.isdigit() and len(text) < 19 else -1


def session_to_dict(session: Session) -> dict:
    """The session as a session file: every field written, in the contract's order.

    Version 1 when the session has no room data (`has_room_data`) and the default gap
    threshold, exactly as before either existed; version 2, with `session.room`,
    otherwise. `session.perception.gap_threshold` is written only when it is not the
    default 3 (missing means 3), so that every file written before it existed, of
    either version, is written again byte for byte. Hidden obstacles are left out;
    database ids and action-obstacle links are not written.
    """
    typology, perception = session.typology, session.perception
    room = has_room_data(session)
    steps = [name for name in OPTIONAL_STEPS if name in session.steps]
    own_steps = steps != list(DEFAULT_STEPS)
    threshold = perception.gap_threshold != DEFAULT_GAP_THRESHOLD
    parts = {part.name: written for part in PARTS if part.name in session.parts
             and (written := part.to_file(session.parts[part.name])) is not None}
    data = {
        "format": FORMAT,
        "version": 2 if (room or session.accountability or own_steps or threshold
                         or parts) else 1,
        "session": {
            "title": session.title,
            "partnership": session.partnership,
            "date": session.date,
            "facilitator": session.facilitator,
            "venue": session.venue,
            "purpose": session.purpose,
            "organisations": [{"name": o.name} for o in session.organisations],
            "groups": [_group_dict(g) for g in session.groups],
            "participants": [
                {"name": x.name, "organisation": x.organisation, "group": x.group,
                 "tier": x.tier, "present": x.present}
                for x in session.participants
            ],
            "key_questions": {"in_charge": session.key_questions.in_charge,
                              "added_value": session.key_questions.added_value},
            "obstacles": [
                {"text": o.text, "library": o.library, "factor": o.factor, "rating": o.rating,
                 "votes": o.votes, "notes": o.notes, "action": o.action}
                for o in session.obstacles if not o.hidden
            ],
            "typology": {
                "placements": [
                    {"by": x.by, "horizon": x.horizon, "collaboration": x.collaboration,
                     "function": x.function}
                    for x in typology.placements
                ],
                "agreed": {"now": _cell_dict(typology.agreed.now),
                           "needed": _cell_dict(typology.agreed.needed),
                           "rationale": typology.agreed.rationale},
            },
            "perception": {
                "rows": [{"section": r.section, "label": r.label} for r in perception.rows],
                "scores": [{"row": x.row, "group": x.group, "score": x.score}
                           for x in perception.scores],
            },
            "actions": [
                {"text": a.text, "owner": a.owner, "due": a.due, "status": a.status}
                for a in session.actions
            ],
            **_links(session),
        },
    }
    if threshold:
        data["session"]["perception"]["gap_threshold"] = perception.gap_threshold
    if room:
        data["session"]["room"] = _room_dict(session)
    if session.accountability:
        data["session"]["accountability"] = [
            {"text": x.text, "library": x.library, "rating": x.rating, "owner": x.owner,
             "due": x.due, "action": x.action}
            for x in session.accountability]
    if own_steps:
        data["session"]["steps"] = steps
    data["session"].update(parts)
    return data


def _links(session: Session) -> dict[str, str]:
    """The optional `uid` and `review_of` fields, written only when the session has them."""
    return {key: value for key, value in (("uid", session.uid),
                                          ("review_of", session.review_of)) if value}


def write_session_file(session: Session, path: str | os.PathLike[str]) -> None:
    """Write `session` to `path` as a session file, atomically.

    The session is checked against the contract first, so every file written can be
    imported again. On any failure nothing is left behind and SessionFileError is raised.
    """
    where = os.fspath(path)
    data = session_to_dict(session)
    try:
        session_from_dict(data)
    except SessionFileError as exc:
        raise SessionFileError(f"{where}: cannot write: {exc}") from None
    payload = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    write_atomically(where, lambda file: file.write(payload), SessionFileError)


# --- reading: the file -------------------------------------------------------------------


class _BadConstant(ValueError):
    pass


class _DuplicateKey(ValueError):
    pass


def _refuse_constant(name: str) -> NoReturn:
    raise _BadConstant(name)


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    """A JSON object, refused when a member appears twice: which one counts would be
    a guess (Python keeps the last, other readers the first)."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return obj


# Unrolled ("normal* (special normal*)*"): one step per run of plain characters, not one
# backtracking state per character, which took gigabytes on a 50 MB string.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)


def _values(text: str) -> int:
    """How many values (lists, objects and the items after the first) `text` holds, as
    far as MAX_VALUES needs to know: counted in C, strings first taken out only when
    the characters inside them could make the difference."""
    count = text.count(",") + text.count("[") + text.count("{")
    if count <= MAX_VALUES:
        return count
    structure = _STRING.sub("", text)
    return structure.count(",") + structure.count("[") + structure.count("{")


def _read_regular_file(where: str) -> bytes:
    """At most MAX_FILE_BYTES + 1 bytes of `where`, refusing anything but a regular file
    (a FIFO with no writer would block forever; a device never ends)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(where, flags)
    except OSError as exc:
        raise SessionFileError(f"{where}: cannot read the file: {reason(exc)}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            kind = "a folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else \
                "a pipe, a device or a socket"
            raise SessionFileError(f"{where}: cannot read the file: it is {kind}, not a "
                                   "session file")
        with os.fdopen(fd, "rb", closefd=False) as file:
            return file.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise SessionFileError(f"{where}: cannot read the file: {reason(exc)}") from None
    finally:
        os.close(fd)


def read_session_file(path: str | os.PathLike[str]) -> Session:
    """Read and check a session file; raises SessionFileError naming the path."""
    where = os.fspath(path)
    raw = _read_regular_file(where)
    if len(raw) > MAX_FILE_BYTES:
        raise SessionFileError(f"{where}: too large for a session file "
                               f"(more than {MAX_FILE_BYTES // (1024 * 1024)} MB)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SessionFileError(f"{where}: not UTF-8 text") from None
    del raw
    text = text.removeprefix("\ufeff")  # a byte order mark some editors add
    if _values(text) > MAX_VALUES:
        raise SessionFileError(
            f"{where}: holds more than {MAX_VALUES:,} values, far more than any session "
            "(each list of a session file holds at most a few thousand items)")
    try:
        data = json.loads(text, parse_constant=_refuse_constant,
                          object_pairs_hook=_object_without_duplicates)
    except json.JSONDecodeError as exc:
        raise SessionFileError(f"{where}: not valid JSON (line {exc.lineno}, column "
                               f"{exc.colno}): {exc.msg}") from None
    except _BadConstant as exc:
        raise SessionFileError(f"{where}: not valid JSON: {exc} is not a number "
                               "a session file may hold") from None
    except _DuplicateKey as exc:
        raise SessionFileError(f"{where}: the member {check.show(str(exc))} appears twice in one "
                               "object; remove one of them") from None
    except RecursionError:
        raise SessionFileError(f"{where}: not valid JSON: nested too deeply") from None
    except ValueError:  # the only other cause: a whole number with thousands of digits
        raise SessionFileError(f"{where}: not valid JSON: a number has too many digits") \
            from None
    try:
        return session_from_dict(data)
    except SessionFileError as exc:
        raise SessionFileError(f"{where}: {exc}") from None
